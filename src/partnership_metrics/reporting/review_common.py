"""What the end-of-partnership review sections share (cohorts, portfolio, contributions, benchmarks, highlights,
recommendations): their words, read from the reviewed ``vocab/ui_review.yaml``, small tables, definitions printed
under what they define, and the source line of a public benchmark.

Every value from the data goes through :func:`.sections.esc`; the reviewed words have no markup (checked when read).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from ..kpis.catalogue import check_lang
from ..kpis.formatting import MISSING, format_value
from ..values import is_missing
from .i18n import format_date
from .sections import _keep_periods, _table, _td, _th, esc

REVIEW_FILE = "ui_review.yaml"


@cache
def review_strings():
    """The words of ``vocab/ui_review.yaml`` (a :class:`~partnership_metrics.ui_strings.UiStrings`, read once)."""
    from ..resources import VOCAB_DIR
    from ..ui_strings import read_ui_strings

    return read_ui_strings(VOCAB_DIR / REVIEW_FILE)


def rt(key: str, lang: str, **values) -> str:
    """The review string ``key`` in ``lang``, its ``{placeholders}`` filled."""
    return review_strings().text(key, check_lang(lang), **values)


def rcode(kind: str, code, lang: str) -> str:
    """The label of ``code`` of ``kind`` in ``vocab/ui_review.yaml``; the code itself when it has none."""
    if is_missing(code):
        return MISSING
    return review_strings().code_label(kind, str(code), check_lang(lang)) or str(code)


def capital(value: str) -> str:
    """``value`` with a capital first letter (a label that starts a line or a cell)."""
    return value[:1].upper() + value[1:] if value else value


def group_name(dimension: str, code, lang: str, partnership) -> str:
    """The reader's name of a group of a breakdown (an institution's code, a partner's name, a technology...)."""
    from ..kpis.status import group_label

    if is_missing(code):
        code = "unknown"
    return capital(group_label(dimension, str(code), lang, partnership))


def groups_in_order(values) -> list[str]:
    """The groups of a breakdown as listed, those without a group of their own (``unknown``, ``no_project``) last."""
    order = list(dict.fromkeys(str(v) for v in values))
    last = [v for v in ("unknown", "no_project") if v in order]
    return [v for v in order if v not in last] + last


def number(value, unit: str, lang: str) -> str:
    """A value of a table cell, exact (money to the euro), escaped."""
    return esc(format_value(value, unit, lang))


def percent(value, lang: str, decimals: int = 0) -> str:
    """A share as a rounded percentage (``12 %``, ``12%``), for intervals and prose; ``—`` when missing."""
    from babel.numbers import format_percent

    from ..kpis.formatting import LOCALES

    if is_missing(value):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_percent(value, pattern + ("\u00a0%" if lang == "fr" else "%"), locale=LOCALES[check_lang(lang)])


def simple_table(head: Sequence[tuple[str, bool]], rows: Iterable[Sequence[str] | str], css: str,
                 caption: str | None = None, notes=None) -> str:
    """A table of ``rows`` (cells already HTML; the first is the row's header; a string is a whole row, e.g. a
    :func:`group_row`) under ``head`` ((label, numeric) pairs, plain text)."""
    header = "".join(_th(_keep_periods(esc(label)), numeric) for label, numeric in head)
    body = []
    for cells in rows:
        if isinstance(cells, str):
            body.append(cells)
            continue
        first, *others = cells
        tds = "".join(_td(cell, numeric) for cell, (_, numeric) in zip(others, head[1:], strict=False))
        body.append(f'<tr><th scope="row">{first}</th>{tds}</tr>')
    return _table(header, body, caption, notes, f"pm-review-table {css}")


def group_row(label: str, span: int) -> str:
    """A row that heads a group of rows of a :func:`simple_table` (returned as a one-cell row)."""
    return f'<tr class="pm-group-row"><th colspan="{span}" scope="colgroup">{esc(label)}</th></tr>'


def definitions(items: Iterable[tuple[str, str]], lang: str) -> str:
    """Terms and their definitions, printed under the table or chart that uses them."""
    from .i18n import text

    cells = "".join(f"<dt>{esc(term)}</dt><dd>{esc(meaning)}</dd>" for term, meaning in items)
    if not cells:
        return ""
    return f'<dl class="pm-kpi-definitions" aria-label="{esc(text("definitions", lang))}">{cells}</dl>'


def source_line(sources: Sequence[dict], lang: str, *, year=None) -> str:
    """Where a public benchmark comes from, as HTML: each source's title (a link to its page), publisher and
    licence, the data's latest year (or the date of the figures) and when the copy was retrieved."""
    parts = []
    for source in sources:
        url = source.get("page") or source.get("url")
        title = esc(source.get("title"))
        title = f'<a href="{esc(url)}">{title}</a>' if url else title
        when = []
        if source.get("as_of"):
            when.append(rt("source_as_of", lang, date=format_date(source["as_of"], lang)))
        elif year or source.get("latest_year"):
            when.append(rt("source_year", lang, year=esc(year or source.get("latest_year"))))
        if source.get("retrieved"):
            when.append(rt("source_retrieved", lang, date=format_date(source["retrieved"], lang)))
        parts.append(", ".join([title, esc(source.get("publisher")), esc(source.get("licence")), *when]))
    if not parts:
        return ""
    seen = list(dict.fromkeys(parts))
    return f'<p class="pm-source">{esc(rt("source", lang))} {"; ".join(seen)}.</p>'


def note(content: str) -> str:
    """A note paragraph (plain text, escaped)."""
    from .sections import paragraph

    return paragraph(content, "pm-note")
