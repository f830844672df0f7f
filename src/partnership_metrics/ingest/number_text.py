"""Numbers as people type them in a cell, once their currency and unit are set aside: the sign (``-``, ``(…)``,
``€-20,000``), taxes (``HT``, ``TTC``), and the separators of thousands and decimals (``1.234.567,50``,
``1,234,567.50``, ``1234,5``). Used by :class:`.parsers.ValueParsers`."""

from __future__ import annotations

import re

from ..errors import ParseError

_NUMBER = re.compile(r"^\d[\d.,]*$")


def shown(value) -> str:
    """A value as a reason quotes it: cut to 60 characters."""
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


_WHOLE_FRANCS = re.compile(r"(?<=\d)[.,][-−–—]+$")


def money_sign(text: str) -> tuple[bool, str]:
    """``(negative, text)`` of a folded amount without spaces: the sign (``-``, ``(…)``, after the currency as in
    ``€-20,000``) taken out, and taxes (``150 k€ HT``), which are not a unit."""
    negative = False
    text = _WHOLE_FRANCS.sub("", text)  # "250'000.–": Swiss for no cents, not a minus sign
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    currency = ""
    for prefix in ("€", "eur"):
        if text.startswith(prefix) and text[len(prefix):][:1] in "-−–+":
            currency, text = prefix, text[len(prefix):]
            break
    if text[:1] in "-−–":
        negative, text = True, text[1:]
    elif text[:1] == "+":
        text = text[1:]
    text = currency + text
    for tail in ("ttc", "ht"):
        if text.endswith(tail) and len(text) > len(tail):
            return negative, text[: -len(tail)]
    return negative, text


def parse_number_text(num: str, decimal_likely: bool) -> float:
    """``1.234.567,50`` / ``1,234,567.50`` / ``1234,5`` -> float. Separators: the last one of two kinds is decimal."""
    if not _NUMBER.match(num):
        raise ParseError(f"{shown(num)!r} is not a number")
    has_dot, has_comma = "." in num, "," in num
    if has_dot and has_comma:
        decimal = "." if num.rfind(".") > num.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        int_part, _, frac = num.rpartition(decimal)
        _check_groups(int_part, thousands, num)
        return float(int_part.replace(thousands, "") + "." + frac)
    sep = "." if has_dot else "," if has_comma else None
    if sep is None:
        return float(num)
    parts = num.split(sep)
    if len(parts) > 2:
        _check_groups(num, sep, num)
        return float(num.replace(sep, ""))
    # one separator: "1,5" is a decimal; "1,234" is a thousands separator unless decimals are likely (k€, M€)
    if len(parts[1]) == 3 and not decimal_likely and parts[0] != "0":
        return float(parts[0] + parts[1])
    if not parts[1]:
        raise ParseError(f"{shown(num)!r} is not a number")
    return float(parts[0] + "." + parts[1])


def _check_groups(int_part: str, sep: str, original: str) -> None:
    groups = int_part.split(sep)
    if not groups[0] or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]):
        raise ParseError(f"{shown(original)!r} has misplaced thousands separators")
