"""What a target cell says of its period besides its value, in a column of the whole period's targets (a table pasted
from the agreement: "Indicator | Objective 2021-2023"): "12/year", "8 par an" give each year of the partnership its
target (and the period none); "2021: 4 / 2022: 5 / 2023: 6" one target per year; "€1.5M over the period" the
period's, its words left out. The phrases are those of target sentences (``sentence_year_phrases`` and
``sentence_filler_phrases`` of ``vocab/targets.yaml``). A range ("6 à 8", "entre 300 et 400 k€") is the bound the
indicator must pass: its lower end when higher is better, its upper end when lower is better."""

from __future__ import annotations

import re
from functools import lru_cache

from ..textnorm import fold

EACH_YEAR = "each year"  # the period of one target per year of the partnership ("Cible annuelle", "12/year")
_A_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_PER_YEAR = re.compile(r"\s*/\s*(?:year|yr|an|ann[ée]e)\b\.?", re.I)  # "12/year", "6/an"
_YEAR_VALUES = re.compile(r"\b((?:19|20)\d{2})\s*:\s*([^/;|]+)")  # "2021: 4 / 2022: 5 / 2023: 6"
_BRACKETS = re.compile(r"\([^()]*\)")
_JOINED = re.compile(r"\s+(?:et|and|ainsi que|as well as|&)\s*$", re.I)  # what joined "each year" to "the period"
_NUMBER = r"\d+(?:[\s\u00a0\u202f]\d{3})*(?:[.,]\d+)?"
_RANGE = re.compile(rf"(?P<open>entre|between)?\s*(?P<low>{_NUMBER})\s*(?P<low_unit>[^\d\s]*)\s*"
                    rf"(?:à|a|–|—|-|to|(?(open)et|(?!))|(?(open)and|(?!)))\s*(?P<high>{_NUMBER})\s*(?P<unit>.*)", re.I)
_ACCENTED = {"a": "[aàâä]", "e": "[eéèêë]", "i": "[iîï]", "o": "[oôö]", "u": "[uùûü]", "c": "[cç]"}


@lru_cache(maxsize=8)
def _phrases(phrases: tuple[str, ...]) -> re.Pattern:
    """One expression for folded ``phrases`` as written, accents and case as they come ("sur la période")."""
    def written(phrase: str) -> str:
        return r"\s+".join("".join(_ACCENTED.get(c, re.escape(c)) for c in word) for word in phrase.split())
    return re.compile(r"(?<!\w)(?:" + "|".join(written(p) for p in sorted(phrases, key=len, reverse=True)) + r")(?!\w)",
                      re.I)


def cell_periods(raw, period: str, whole: str, words) -> list[tuple[str, object]]:
    """``[(period, value as written)]`` of a target cell under a column of ``period`` (``whole``: the partnership's
    period): the cell's own periods when a column of the whole period's cell names them, else ``[(period, raw)]``."""
    if not isinstance(raw, str) or period != whole:
        return [(period, raw)]
    text = " ".join(raw.split())
    pairs = _YEAR_VALUES.findall(text)
    if len(pairs) >= 2 and not _YEAR_VALUES.sub("", text).strip(" /;|,"):
        return [(year, value.strip()) for year, value in pairs]
    yearly = _PER_YEAR.search(text) or _phrases(tuple(words.sentence_year_phrases)).search(text)
    overall = _phrases(tuple(p for p in words.sentence_filler_phrases if p.startswith(("sur ", "over "))))
    if yearly:
        rest = (text[: yearly.start()] + " " + text[yearly.end():]).strip()
        if (both := overall.search(rest)) is None:
            return [(EACH_YEAR, rest)]
        # "25 % chaque année et sur la période": the same target for each year and for the period
        value = _JOINED.sub("", " ".join((rest[: both.start()] + " " + rest[both.end():]).split()))
        return [(EACH_YEAR, value), (period, value)]
    bare = overall.sub(" ", text)
    return [(period, " ".join(bare.split()) or raw)]


def range_bound(raw, higher_is_better: bool):
    """The bound of a target written as a range ("6 à 8", "1 – 2 M€", "between 20 and 25 %"), with its unit, as
    text; ``raw`` itself when it writes no range."""
    if not isinstance(raw, str) or (m := _RANGE.fullmatch(raw.strip())) is None:
        return raw
    low, high = (float(re.sub(r"[\s\u00a0\u202f]", "", m[k]).replace(",", ".")) for k in ("low", "high"))
    if low >= high or _is_year(low) and _is_year(high) or (m["low_unit"] and m["unit"] and m["low_unit"] != m["unit"].split()[0]):
        return raw  # "10-5", "3 M€ - 2 ans": no range
    bound = m["low"] if higher_is_better else m["high"]
    unit = m["unit"] or m["low_unit"]
    return f"{bound} {unit}".strip()


def _is_year(number: float) -> bool:
    return number.is_integer() and 1990 <= number <= 2100


def no_target_yet(raw, parsers, words=None) -> bool:
    """Whether a target cell says its target is still to come and writes none ("to be defined (baseline 2018-2020:
    11)", "TBD"), or that there is none ("pas d'objectif annuel": ``words.no_target_phrases``); "16 – à confirmer"
    writes one."""
    if not isinstance(raw, str):
        return False
    if words is not None and any((fold(raw) + " ").startswith(p + " ") for p in words.no_target_phrases):
        return True
    return (parsers.is_pending(raw)  # "à définir au COPIL 2021": a year is no target
            and not any(c.isdigit() for c in _A_YEAR.sub(" ", _BRACKETS.sub(" ", raw))))


def as_fractions(parsed: list[tuple[str, object, float, bool]]) -> list[tuple[str, object, float, bool]]:
    """A row's shares ``(period, raw, value, written with %)`` as fractions. ``"35 %"`` is 0.35. A number without
    ``%`` is a percentage when one of the row's numbers without ``%`` is above 1 (35 -> 0.35, and then 0.5 ->
    0.005: a row keeps one scale); when all are at most 1 they are fractions already (0.35 stays 0.35: a cell
    formatted as a percentage holds 0.35)."""
    bare = [v for _, _, v, percent in parsed if not percent]
    if not any(v > 1 for v in bare):
        return parsed
    return [(p, raw, v if percent else v / 100, percent) for p, raw, v, percent in parsed]
