"""KPI values as text in the reader's locale (Babel): ``1 234 567 €``, ``45,2 %``, ``€1,234,567``, ``45.2%``."""

from __future__ import annotations

import math

from babel.numbers import format_currency, format_decimal, format_percent

from .catalogue import check_lang

LOCALES = {"fr": "fr_FR", "en": "en_GB"}
MISSING = "—"

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


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_value(value, unit: str, lang: str | None = None) -> str:
    """``value`` of a KPI of ``unit`` as a reader expects it; ``—`` when missing."""
    if _missing(value):
        return MISSING
    lang = check_lang(lang)
    locale = LOCALES[lang]
    if unit == "eur":
        return format_currency(round(value), "EUR", format=_EUR[lang], locale=locale, currency_digits=False)
    if unit == "share":
        return format_percent(value, _PERCENT[lang], locale=locale)
    pattern, suffix = _PATTERNS.get(unit, ("#,##0.##", {"fr": "", "en": ""}))
    return format_decimal(value, pattern, locale=locale) + suffix[lang]


def format_change(value, unit: str, lang: str | None = None) -> str:
    """A signed difference between two values of ``unit``; shares in percentage points (``+5,0 pts``)."""
    if _missing(value):
        return MISSING
    lang = check_lang(lang)
    sign = "+" if value > 0 else ""
    if unit == "share":
        points = format_decimal(value * 100, "#,##0.0", locale=LOCALES[lang])
        return sign + points + _POINTS[lang]
    return sign + format_value(value, unit, lang)


def format_relative(value, lang: str | None = None) -> str:
    """A signed relative change (0.25 -> ``+25,0 %``)."""
    if _missing(value):
        return MISSING
    lang = check_lang(lang)
    return ("+" if value > 0 else "") + format_percent(value, _PERCENT[lang], locale=LOCALES[lang])
