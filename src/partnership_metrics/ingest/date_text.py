"""Dates written with more than a date, as people type them in a shared sheet: simpler texts to read instead.

- a weekday or a word before the date: ``ven. 29/11/2019``, ``le 3 juin 2022``, ``mar. 24 avr. 2018``;
- a time after it: ``26/04/2018 9h30-11h30``, ``20 Jun 2022 9:30``, ``June 22, 2022 9:30 AM → 12:30 PM`` (Notion), ``Jeudi 5 octobre 2023, 17h``, with its time
  zone (``2022-04-12 17:00 CEST``: the date as written where it was written);
- a remark in brackets: ``11/04/2022 (CODIR)`` (not one that says the date is still to come);
- a range of days, whose first day is the date: ``15-16 mars 2018``, ``6 et 7 juillet 2023``,
  ``du 08/03 au 09/03/2021``, ``30 juin - 1er juil. 2022``, ``March 14-16, 2023``;
- a month qualified by when in it: ``début mars 2022``, ``courant octobre 2022`` (known to the month);
- words beside it after a comma or a dash: a place (``Marseille, 07/02/2018``), a remark (``12/11/2018 - fin de
  financement``).

:func:`simpler_dates` only rewrites the text; :class:`~.parsers.ValueParsers` reads each candidate and checks a
range's end (after its start, at most :data:`MAX_RANGE_DAYS` later). The words come from ``vocab/words.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MAX_RANGE_DAYS = 92  # a multi-day event or a range of months ("mars-avril 2023"); anything longer is no date

_TIME = re.compile(
    r"[\s,;]*(?:[-–—]\s*)?(?:a|à|de|from|at|vers|dès)?\s*"
    r"\d{1,2}\s*(?:h|:)\s*(?:\d{2})?(?::\d{2})?\s*(?:am|pm)?"
    r"(?:\s*(?:-|–|—|→|->|a|à|to)\s*\d{1,2}\s*(?:h|:)?\s*(?:\d{2})?(?::\d{2})?\s*(?:am|pm)?)?"
    r"(?:\s*(?:[+-]\d{2}:?\d{2}|utc|gmt|z|[cwe]e?s?t|[bpe][sd]t)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)?\s*$")
_BRACKETS = re.compile(r"\s*\(([^()]*)\)\s*$")
_DAYS_THEN_REST = re.compile(r"^(\d{1,2})(?:er|st|nd|rd|th)?\s*(?P<sep>-|–|—|/|&|\S+)\s*(\d{1,2})(?:er|st|nd|rd|th)?\s+"
                             r"(?P<rest>[^\d\s].*\d{2,4})$")
_NUMERIC_RANGE = re.compile(r"^(\d{1,2})(?:/(\d{1,2}))?\s*(?P<sep>-|–|—|\S+)\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_MONTH_DAYS_YEAR = re.compile(r"^(?P<month>[^\d\s,]+)\s+(\d{1,2})\s*(?P<sep>-|–|—|\S+)\s*(\d{1,2}),?\s+(\d{4})$")
_MONTHS_YEAR = re.compile(r"^(?P<first>[^\d\s]+?)\.?\s*(?P<sep>-|–|—|/|\s\S+\s)\s*(?P<second>[^\d\s]+?)\.?\s+(\d{4})$")
_YEAR_AT_END = re.compile(r"(\d{4})$")
# "Marseille, 07/02/2018", "12/11/2018 - fin de financement", "25/01/2018 ⏎ Visio Teams" (a cell of two lines)
BESIDE = re.compile(r"\s*\n\s*|\s+[-–—]\s+|\s*,\s*")
_ELISION = re.compile(r"(?<![^\W\d_])[dl]['’](?=[^\W\d_])")  # French elided "de", "le": "d'avril", "l'été"


def simpler_dates(text: str, *, lead_words: frozenset[str], range_words: frozenset[str],
                  approximate_words: frozenset[str], months: frozenset[str],
                  pending: frozenset[str], fold) -> Iterator[tuple[str, str | None]]:
    """``(start, end)`` texts to read for ``text`` (lower case), simplest first; ``end`` is None unless ``text`` is a
    range (then the start is the date, the end only checks it). Nothing when ``text`` is none of these forms."""
    text = _ELISION.sub("", " ".join(text.lower().split()))  # "comité d'avril 2022": "comité avril 2022"
    bare = _without_extras(text, lead_words, pending, fold)
    if bare != text and bare:
        yield bare, None
    yield from _ranges(bare or text, range_words, months, fold)
    words = bare.split(" ", 1)
    if len(words) == 2 and fold(words[0]) in approximate_words:  # "début mars 2022", "courant octobre"
        yield words[1], None
    if (m := re.match(r"^(mi|early|mid|late)-(.+)$", bare)) and fold(m[1]) in approximate_words:  # "mi-mars 2023"
        yield m[2], None
    if (dated := _beside_words(bare or text, pending, fold)) is not None:  # "Marseille, 07/02/2018"
        yield dated, None


def _beside_words(text: str, pending: frozenset[str], fold) -> str | None:
    """The date of a cell that writes words beside it, parted by a comma or a dash: a place ("Marseille,
    07/02/2018") or a remark ("12/11/2018 - fin de financement"); None when another part holds a digit (a range, a
    time) or says the date is still to come ("15/03/2022 - à confirmer")."""
    parts = [p for p in BESIDE.split(text) if p]
    dated = [p for p in parts if any(ch.isdigit() for ch in p)]
    if len(parts) < 2 or len(dated) != 1 or any(fold(p) in pending for p in parts if p is not dated[0]):
        return None
    return dated[0]


def _without_extras(text: str, lead_words: frozenset[str], pending: frozenset[str], fold) -> str:
    """``text`` without leading weekday/lead words, a trailing time and a trailing remark in brackets (repeated:
    ``ven. 02/04/2021 10h (visio)``)."""
    previous = None
    while previous != text:
        previous = text
        first, _, rest = text.partition(" ")
        if rest and fold(first) in lead_words and any(ch.isdigit() for ch in rest):
            text = rest.lstrip(", ")
        if ((m := _BRACKETS.search(text)) and m.start() > 0 and len(fold(m[1]).replace(" ", "")) >= 2
                and not any(ch.isdigit() for ch in m[1]) and fold(m[1]) not in pending):  # "(CODIR)", not "(€)"
            text = text[: m.start()].rstrip(" ,;")
        if (m := _TIME.search(text)) and m.start() > 0 and any(ch.isdigit() for ch in text[: m.start()]):
            text = text[: m.start()].rstrip(" ,;-–—")
    return text


def _ranges(text: str, range_words: frozenset[str], months: frozenset[str], fold) -> Iterator[tuple[str, str]]:
    first, _, rest = text.partition(" ")
    if fold(first) in range_words and rest:  # "du 22 au 24 mars 2018", "les 27 et 28 juin"
        text = rest

    def joined(sep: str) -> bool:
        return sep.strip() in ("-", "–", "—", "/", "&", "→") or fold(sep) in range_words

    if (m := _DAYS_THEN_REST.match(text)) and joined(m["sep"]):
        yield f"{m[1]} {m['rest']}", f"{m[3]} {m['rest']}"
    if (m := _NUMERIC_RANGE.match(text)) and joined(m["sep"]):
        year = int(m[6]) - (m[2] is not None and int(m[2]) > int(m[5]))  # "du 28/12 au 02/01/2023": December 2022
        yield f"{m[1]}/{m[2] or m[5]}/{year:0{len(m[6])}d}", f"{m[4]}/{m[5]}/{m[6]}"
    if (m := _MONTH_DAYS_YEAR.match(text)) and joined(m["sep"]) and fold(m["month"]) in months:
        yield f"{m['month']} {m[2]}, {m[5]}", f"{m['month']} {m[4]}, {m[5]}"
    if ((m := _MONTHS_YEAR.match(text)) and joined(m["sep"]) and fold(m["first"]) in months
            and fold(m["second"]) in months):  # "mars-avril 2023": the first month
        yield f"{m['first']} {m[4]}", f"{m['second']} {m[4]}"
    words = text.split(" ")
    for i in range(1, len(words) - 1):  # "14/03/2023 - 16/03/2023", "30 juin - 1er juil. 2022"
        if not joined(words[i]):
            continue
        start, end = " ".join(words[:i]), " ".join(words[i + 1:])
        year = _YEAR_AT_END.search(end)
        yield start, end
        if year and not _YEAR_AT_END.search(start):  # "30 décembre - 2 janvier 2023": the year before, if need be
            yield f"{start} {year[1]}", end
            yield f"{start} {int(year[1]) - 1}", end
