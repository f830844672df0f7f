"""Every word the reports show, in French and English: UI strings, code labels, reasons, dates and report titles.

The words themselves live in the reviewed ``vocab/ui.yaml`` (read by :mod:`partnership_metrics.ui_strings`); this
module looks them up: ``text(key, lang, **values)`` fills a UI string's ``{placeholders}``, :func:`code_label`
names a code (the partners' codes by the partnership's names), :func:`reason_text` writes why a KPI value is null.
KPI labels and definitions come from the KPI catalogue, numbers from :mod:`partnership_metrics.kpis.formatting`;
dates are written by Babel (``15 mars 2022``, ``15 March 2022``).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import TYPE_CHECKING

import pandas as pd

from ..kpis._base import Reason
from ..kpis.catalogue import check_lang
from ..kpis.formatting import MISSING, first_of_month
from ..ui_strings import institution_label, ui_strings
from ..values import is_missing

if TYPE_CHECKING:
    from ..partnership import Partnership

BABEL_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
NBSP = "\u00a0"


def text(key: str, lang: str, **values) -> str:
    """The UI string ``key`` in ``lang`` with its ``{placeholders}`` filled; KeyError naming a missing key."""
    return ui_strings().text(key, check_lang(lang), **values)


def code_label(kind: str, code, lang: str, partnership: Partnership | None = None) -> str:
    """The reader's label of ``code`` of ``kind`` (``organiser``, ``round_type``, ``startup_status``...); the code
    itself if unknown. The partners' codes (``organiser`` ``cpp``/``it``/``joint``, their ``funder`` codes) are
    named by ``partnership`` (default: the packaged one), institutions by ``vocab/institutions.csv``."""
    if code is None or (not isinstance(code, str) and pd.isna(code)):
        return MISSING
    lang, code = check_lang(lang), str(code)
    if kind in ("organiser", "funder"):
        partnership = partnership or _default_partnership()
        if kind == "organiser" and code == "joint":
            return partnership.joint_label[lang]
        try:
            return partnership.partner(code).short[lang]
        except KeyError:
            pass
    if kind == "institution":
        return institution_label(code, lang) or code
    return ui_strings().code_label(kind, code, lang) or code


def lower_first(label: str) -> str:
    """A label inside a sentence: ``Série A`` -> ``série A``, its other capitals kept; a label that starts with an
    acronym keeps it (``EU support``, never ``eU support``)."""
    if label[:2].isupper() and label[:2].isalpha():
        return label
    return label[:1].lower() + label[1:]


def reason_text(code, params, lang: str, fallback=None) -> str:
    """Why a KPI value is null, in ``lang``: the reason ``code`` (a KPI table's ``reason_code``) with ``params``
    (its ``reason_params``: a JSON object or a dict); ``fallback`` (e.g. the table's ``reason``) when there is
    no code, else "not computable"."""
    if is_missing(code):
        return str(fallback) if not is_missing(fallback) else text("not_computable", lang)
    if isinstance(params, dict):
        return Reason(str(code), params).text(check_lang(lang))
    return Reason.from_json(str(code), None if is_missing(params) else str(params)).text(check_lang(lang))


def _default_partnership() -> Partnership:
    from ..partnership import default_partnership

    return default_partnership()


def format_date(value, lang: str) -> str:
    """A date as a reader writes it (``15 mars 2022``, ``1er mars 2022``, ``15 March 2022``); ``—`` when missing."""
    from babel.dates import format_date as babel_format_date

    if value is None or value is pd.NaT or (not isinstance(value, (dt.date, str)) and pd.isna(value)):
        return MISSING
    if isinstance(value, pd.Timestamp):
        value = value.date()
    elif isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    elif isinstance(value, dt.datetime):
        value = value.date()
    return first_of_month(babel_format_date(value, format="long", locale=BABEL_LOCALES[check_lang(lang)]), lang)


def report_title(kind: str, lang: str, period: str | None = None, year: int | None = None,
                 partnership: Partnership | None = None) -> tuple[str, str]:
    """``(title, subtitle)`` of a report's cover: ``kind`` is ``three-year`` (``period`` defaults to the period of
    ``partnership``, by default the packaged one) or ``annual``.

    Raises ``ValueError`` for another kind, another language or an annual review without ``year``.
    """
    from ..kpis.periods import parse_period, period_label

    check_lang(lang)
    kind = kind.replace("_", "-")
    if kind == "three-year":
        label = period_label(*parse_period(period or (partnership or _default_partnership()).period))
        return text("title_three_year", lang, period=label), text("subtitle_three_year", lang)
    if kind == "annual":
        if year is None:
            raise ValueError("the annual review needs a year")
        year = int(year)
        return text("title_annual", lang, year=year), text("subtitle_annual", lang, previous=year - 1)
    raise ValueError(f"unknown report kind {kind!r}: use three-year or annual")


# ---- French typography -------------------------------------------------------------------------------------
# The reviewed strings of ui.yaml are written with French typography; text from elsewhere (the KPI catalogue, the
# partnership's notes, the partners' comments) is set the same way when a French report shows it.
NNBSP = "\u202f"
_BEFORE_PUNCTUATION = re.compile(r"(?<=[\w)\]»%€’])[ \u00a0]?([;?!])(?=\s|$|<)|(?<=[\w)\]»%€’])[ \u00a0]?(:)(?=\s|$|<)")
_QUOTED = re.compile(r'"([^"<>]{1,200})"')
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_HTML_PARTS = re.compile(r"(<script\b.*?</script>|<style\b.*?</style>|<[^>]+>)", re.S | re.I)


def french_typography(value: str) -> str:
    """``value`` set as French is printed: ’ for ', a no-break space before ``: ; ? !``, « » for straight double
    quotes (with no-break spaces inside). Idempotent; times (10:30) and web addresses are left alone."""
    value = _APOSTROPHE.sub("’", value)
    value = _QUOTED.sub(lambda m: f"«{NBSP}{m.group(1).strip()}{NBSP}»", value)
    return _BEFORE_PUNCTUATION.sub(lambda m: NBSP + (m.group(1) or m.group(2)), value)


def french_html(markup: str) -> str:
    """:func:`french_typography` applied to the text of ``markup`` (never to tags, attributes, scripts or styles;
    entities are read as the characters they stand for, then written back escaped)."""
    parts = _HTML_PARTS.split(markup)
    return "".join(part if i % 2 else html.escape(french_typography(html.unescape(part)), quote=False)
                   for i, part in enumerate(parts))


def typeset(value: str, lang: str) -> str:
    """``value`` as printed in ``lang`` (French typography in French)."""
    return french_typography(value) if lang == "fr" else value
