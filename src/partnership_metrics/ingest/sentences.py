"""Targets written as sentences, one per row: the list of objectives copied from the signed agreement
("• 12 projets détectés par an", "• 1,35 M€ engagés en maturation sur la durée de la convention", "• un taux de succès
de 25 % aux appels européens"). The one number of a sentence is the target, in the unit written after it; the rest
names the KPI (matched as a targets grid's indicator names are); "par an" gives a target for each year of the
partnership, one year of the partnership named ("… en 2022") that year's, anything else one for the whole period
("4 sur 5" is a score's scale, not a second number). An aside in brackets ("(revue à mi-parcours)", "(3 € de
financements externes pour 1 € des partenaires)") is left out when the sentence without it still has its one number
and names a KPI. A sheet is read so when at least three of its rows are such
sentences naming a KPI; headings ("Axe 1 – …") and notes are dropped, a sentence naming no KPI is quarantined with the
closest KPI names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ParseError
from ..textnorm import fold
from .normalising import Dropped, Problem, Record, SheetResult, _display
from .reading import RawSheet
from .target_names import OUT_OF_FIVE, NameMatch, Unit

MIN_SENTENCES = 3  # sentences naming a KPI that make a sheet a list of targets
_BULLETS = frozenset("•·-–—*o►▪‣◦")
# one number ("12", "1 000", "1,35", "0,30") and the unit written after it ("%", "k€", "M€", "jours")
_NUMBER = re.compile(r"(?<![\w.,/])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)([.,]\d+)?\s*"
                     r"(%|k\s?€|m\s?€|€|keur|meur|eur|jours?|j|days?)?(?![\w])", re.I)
_ASIDE = re.compile(r"\s*\([^()]*\)")  # "(revue à mi-parcours)": said of the target, not of the KPI
_YEAR_SPAN = re.compile(r"\b(19|20)\d{2}(\s*[-–/]\s*(19|20)?\d{2})?\b")  # "2021-2023": a period, not a target


@dataclass
class Sentence:
    row: int  # index in the sheet's rows
    text: str
    name: str  # the sentence without its number, unit, period and bound
    number: str  # as written ("1,35", "1 000")
    unit: str  # as written after the number ("%", "k€", ""), lower case without spaces
    yearly: bool
    year: str | None = None  # the one year the sentence names ("… en 2022"): its target is that year's
    plain: Sentence | None = None  # the same sentence without its asides in brackets, when it differs


def sentence_of(cells: list, words) -> Sentence | None:
    """The target sentence a row holds (its text cells, bullets left out), or None; an aside in brackets is
    left out when the sentence has one number only without it (:attr:`Sentence.plain`)."""
    full = _sentence_of(cells, words)
    texts = [c for c in cells if isinstance(c, str) and _ASIDE.search(c)]
    plain = _sentence_of([_ASIDE.sub("", c) if isinstance(c, str) else c for c in cells], words) if texts else None
    if full is None or plain is None:
        return full or plain
    full.plain = plain if plain.name != full.name else None
    return full


def _sentence_of(cells: list, words) -> Sentence | None:
    texts = [" ".join(str(c).split()) for c in cells if isinstance(c, str) and str(c).strip()
             and str(c).strip() not in _BULLETS]
    if len(texts) != 1 or any(isinstance(c, (int, float)) and not isinstance(c, bool) for c in cells):
        return None
    bulleted = any(isinstance(c, str) and c.strip() in _BULLETS for c in cells) or texts[0][:1] in _BULLETS
    text = OUT_OF_FIVE.sub("", texts[0].lstrip("".join(_BULLETS) + " "))
    found = list(_NUMBER.finditer(_YEAR_SPAN.sub(" ", text)))
    if len(found) != 1 or len(text.split()) < 3:
        return None
    if not (bulleted or found[0].start() == 0):  # "Axe 1 – Détection…", "Article 4": headings, not targets
        return None
    number = found[0]
    unit = re.sub(r"\s", "", (number[3] or "").lower())
    cleaned = _YEAR_SPAN.sub(" ", text)
    cleaned = cleaned[: number.start()] + " " + cleaned[number.end():]
    folded = f" {fold(cleaned)} "
    yearly = any(f" {p} " in folded for p in words.sentence_year_phrases)
    for phrase in (*words.sentence_year_phrases, *words.sentence_filler_phrases):
        folded = folded.replace(f" {phrase} ", " ")
    name = " ".join(folded.split())
    years = [m[0] for m in _YEAR_SPAN.finditer(text)]
    year = years[0] if len(years) == 1 and len(years[0]) == 4 else None
    return Sentence(0, text, name, number[1] + (number[2] or ""), unit, yearly, year) if name else None


class SentenceTargets:
    """A sheet of target sentences, found by :func:`find_sentence_targets`."""

    def __init__(self, grids, sentences: list[Sentence]):
        self.grids, self.sentences = grids, sentences

    def _match(self, s: Sentence) -> NameMatch:
        match = self._match_name(s)
        if not match.kpi_id and s.plain is not None and (plain := self._match_name(s.plain)).kpi_id:
            s.name, s.number, s.unit, s.yearly, s.year = s.plain.name, s.plain.number, s.plain.unit, \
                s.plain.yearly, s.plain.year
            return plain
        return match

    def _match_name(self, s: Sentence) -> NameMatch:
        units = self.grids.units
        unit = units.of_text(s.unit) if s.unit else Unit()
        return self.grids.names.match(s.name, unit if unit.kind else units.implied(s.name))

    def _target(self, s: Sentence, kpi_id: str) -> float:
        """The target a sentence writes, read as a targets grid reads a cell ("1,35 M€", "35 %"); raises
        ParseError."""
        kpi_unit = self.grids.names.kpi_unit[kpi_id]
        money_or_percent = s.unit == "%" or "€" in s.unit or "eur" in s.unit
        value, percent = self.grids.target_value(s.number + (f" {s.unit}" if money_or_percent else ""), kpi_unit,
                                                 Unit())
        if kpi_unit in ("share", "index") and not percent and value > 1:  # "35" in a share: 35 %
            value /= 100
        return value

    def normalise(self, sheet: RawSheet, ctx) -> SheetResult:
        """One record per KPI and period a sentence gives; headings and notes dropped; a sentence naming no KPI
        quarantined with the closest KPI names."""
        partnership = self.grids.partnership
        first, last = partnership.years
        by_row = {s.row: s for s in self.sentences}
        result = SheetResult(sheet.file, sheet.sheet, "kpi_targets", rows_read=len(sheet.rows),
                             header_row=sheet.first_row, hidden=sheet.hidden,
                             note="targets written as sentences (the number in each is the target)")
        for index, cells in enumerate(sheet.rows):
            number = sheet.first_row + index
            if not any(c is not None and str(c).strip() for c in cells):
                result.dropped.append(Dropped(sheet.file, sheet.sheet, number, "blank row"))
                continue
            s = by_row.get(index)
            if s is None:
                result.dropped.append(Dropped(sheet.file, sheet.sheet, number, "heading or note (no target in it)"))
                continue
            match = self._match(s)
            if not match.kpi_id:
                result.problems.append(Problem(sheet.file, sheet.sheet, number, "kpi_targets", "kpi_id",
                                               _display(s.text, ctx.pseudonymiser), match.reason,
                                               key=_display(s.text, ctx.pseudonymiser)))
                result.quarantined_rows.add(number)
                continue
            try:
                target = self._target(s, match.kpi_id)
            except ParseError as exc:
                result.problems.append(Problem(sheet.file, sheet.sheet, number, "kpi_targets", "target",
                                               _display(s.text, ctx.pseudonymiser), str(exc),
                                               key=_display(s.text, ctx.pseudonymiser)))
                result.quarantined_rows.add(number)
                continue
            periods = ([s.year] if s.year and first <= int(s.year) <= last else
                       [str(y) for y in range(first, last + 1)] if s.yearly else [partnership.period])
            for period in periods:
                values = {"kpi_id": match.kpi_id, "period": period, "target": target,
                          "source_file": sheet.file, "source_sheet": sheet.sheet, "source_row": number}
                result.records.append(Record("kpi_targets", values, sheet.file, sheet.sheet, number))
        named = len({r.row for r in result.records})
        result.confidence = round(named / (named + len(result.quarantined_rows)), 2) if named else 0.0
        return result


def find_sentence_targets(sheet: RawSheet, grids) -> SentenceTargets | None:
    """The target sentences of ``sheet`` when at least :data:`MIN_SENTENCES` of them name a KPI, else None."""
    sentences = []
    for index, cells in enumerate(sheet.rows):
        s = sentence_of(cells, grids.words)
        if s is not None:
            s.row = index
            sentences.append(s)
    if len(sentences) < MIN_SENTENCES:
        return None
    found = SentenceTargets(grids, sentences)
    if sum(1 for s in sentences if found._match(s).kpi_id) < MIN_SENTENCES:
        return None
    return found
