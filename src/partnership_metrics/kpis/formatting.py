"""KPI values as text in the reader's locale (Babel): ``1 234 567 €``, ``45,2 %``, ``€1,234,567``, ``45.2%``.

Tables and the workbook show values exactly (:func:`format_value`); prose and headline tiles round money to what a
reader retains (:func:`format_money_short`: ``18,4 M€``, ``€318k``). A change against a small base is written as a
difference, not a percentage (:func:`format_change_against`: 1 → 2 start-ups is ``+1``, never ``+100 %``).
"""

from __future__ import annotations

import math
import re

from babel.numbers import format_currency, format_decimal, format_percent

from ..values import is_missing
from .catalogue import check_lang

LOCALES = {"fr": "fr_FR", "en": "en_GB"}
MISSING = "—"
# Below this reference, a per-cent change of a count says more about the base than about the change (1 → 2 is
# "+100 %"): the difference is written instead.
MIN_PERCENT_BASE = 10

_PATTERNS = {  # unit -> (Babel pattern, suffix) per language
    "count": ("#,##0.#", {"fr": "", "en": ""}),  # yearly averages of counts are fractional
    "days": ("#,##0.#", {"fr": "\u00a0j", "en": " days"}),
    "ratio": ("#,##0.00", {"fr": "", "en": ""}),
    "score": ("#,##0.0", {"fr": "", "en": ""}),
    "index": ("0.000", {"fr": "", "en": ""}),
}
_EUR = {"fr": "#,##0\u00a0¤", "en": "¤#,##0"}
_PERCENT = {"fr": "#,##0.0\u00a0%", "en": "#,##0.0%"}
_POINTS = {"fr": "\u00a0pts", "en": " pp"}
# Rounded money: the multiple's symbol, then how the amount is written around the number.
_SHORT_EUR = {"fr": "{number}\u00a0{scale}€", "en": "€{number}{scale}"}


def _unwritten(value) -> str | None:
    """``—`` for a missing value, ``∞`` (signed) for an infinite one (a value no formula gives, but a table built by
    hand can), else None: the value is written as a number."""
    if is_missing(value):
        return MISSING
    if isinstance(value, float) and math.isinf(value):
        return "-∞" if value < 0 else "∞"
    return None


def format_value(value, unit: str, lang: str | None = None) -> str:
    """``value`` of a KPI of ``unit`` as a reader expects it; ``—`` when missing, ``∞`` when infinite."""
    if (special := _unwritten(value)) is not None:
        return special
    lang = check_lang(lang)
    locale = LOCALES[lang]
    if unit == "eur":
        return format_currency(round(value), "EUR", format=_EUR[lang], locale=locale, currency_digits=False)
    if unit == "share":
        return format_percent(value, _PERCENT[lang], locale=locale)
    pattern, suffix = _PATTERNS.get(unit, ("#,##0.##", {"fr": "", "en": ""}))
    return format_decimal(value, pattern, locale=locale) + suffix[lang]


def format_money_short(value, lang: str | None = None) -> str:
    """Money rounded for prose and tiles, three significant figures: ``18,4 M€``, ``4,06 M€``, ``318 k€`` (French),
    ``€18.4M``, ``€318k`` (English); amounts under a thousand euros exactly; ``—`` when missing."""
    if (special := _unwritten(value)) is not None:
        return special
    lang = check_lang(lang)
    size = abs(value)
    if size < 1_000:
        return format_value(value, "eur", lang)
    divisor, scale = (1e6, "M") if size >= 999_500 else (1e3, "k")
    scaled = value / divisor
    decimals = max(0, 2 - int(math.floor(math.log10(abs(scaled)))))
    scaled = round(scaled, decimals)
    if abs(scaled) >= 1000 and scale == "k":  # 999 999 rounds to 1 000 k: write 1 M
        scaled, scale, decimals = round(value / 1e6, 2), "M", 2
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    number = format_decimal(abs(scaled), pattern, locale=LOCALES[lang])
    return ("-" if value < 0 else "") + _SHORT_EUR[lang].format(number=number, scale=scale)


def format_rounded(value, unit: str, lang: str | None = None) -> str:
    """A value for prose and tiles: money rounded (:func:`format_money_short`), anything else as
    :func:`format_value`."""
    return format_money_short(value, lang) if unit == "eur" else format_value(value, unit, lang)


def format_change(value, unit: str, lang: str | None = None, *, rounded: bool = False) -> str:
    """A signed difference between two values of ``unit``; shares in percentage points (``+5,0 pts``); money
    rounded like :func:`format_money_short` when ``rounded``."""
    if (special := _unwritten(value)) is not None:
        return special if special == MISSING or value < 0 else "+" + special
    lang = check_lang(lang)
    sign = "+" if value > 0 else ""
    if unit == "share":
        points = format_decimal(value * 100, "#,##0.0", locale=LOCALES[lang])
        return sign + points + _POINTS[lang]
    if rounded and unit == "eur":
        return sign + format_money_short(value, lang)
    return sign + format_value(value, unit, lang)


def format_relative(value, lang: str | None = None) -> str:
    """A signed relative change (0.25 -> ``+25,0 %``)."""
    if (special := _unwritten(value)) is not None:
        return special if special == MISSING or value < 0 else "+" + special
    lang = check_lang(lang)
    return ("+" if value > 0 else "") + format_percent(value, _PERCENT[lang], locale=LOCALES[lang])


def small_base(reference, unit: str) -> bool:
    """Whether a per-cent change against ``reference`` would mislead: a count below :data:`MIN_PERCENT_BASE`."""
    return unit == "count" and not is_missing(reference) and abs(reference) < MIN_PERCENT_BASE


def relative_change(value, reference, unit: str):
    """``(value - reference) / |reference|``, or None when either is missing, the reference is 0, or the base is
    too small for a percentage (:func:`small_base`)."""
    if is_missing(value) or is_missing(reference) or reference == 0 or small_base(reference, unit):
        return None
    return (value - reference) / abs(reference)


def format_change_against(value, reference, unit: str, lang: str | None = None, *, rounded: bool = False) -> str:
    """The change from ``reference`` to ``value`` as a reader should read it: points for shares, the difference for
    a count below :data:`MIN_PERCENT_BASE` (``+1``), a per-cent change otherwise; ``—`` when one is missing."""
    if is_missing(value) or is_missing(reference):
        return MISSING
    if unit == "share":
        return format_change(value - reference, unit, lang, rounded=rounded)
    relative = relative_change(value, reference, unit)
    if relative is None:
        return format_change(value - reference, unit, lang, rounded=rounded)
    return format_relative(relative, lang)


def plural(n, lang: str | None = None) -> str:
    """``"one"`` or ``"many"``: the form a count takes in ``lang`` (French: 0 and 1 are singular; English: 1)."""
    from babel import Locale

    return "one" if Locale.parse(LOCALES[check_lang(lang)]).plural_form(abs(n)) == "one" else "many"


def first_of_month(date_text: str, lang: str | None = None) -> str:
    """A long date as French writes the first day of a month, as an ordinal (``1er novembre 2021``, never
    ``1 novembre``); other days and English unchanged."""
    return re.sub(r"^1(?=\s)", "1er", date_text) if check_lang(lang) == "fr" else date_text
