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

import functools
import re
from dataclasses import dataclass, replace

from ..errors import ParseError
from ..textnorm import fold
from .normalising import Dropped, Problem, Record, SheetResult, _display
from .reading import RawSheet
from .target_clauses import NUMBER, clauses_of, money_as_written_after, period_of_span
from .target_names import OUT_OF_FIVE, NameMatch, Unit

MIN_SENTENCES = 3  # sentences naming a KPI that make a sheet a list of targets
MAX_BOXES = 3  # text cells of a row read as prose side by side (a slide's boxes); more: a table's row
MAX_PROSE_ROWS = 500  # rows of a sheet whose texts are read as prose
_BULLETS = frozenset("•·-–—*o►▪‣◦")
_BULLET_LEAD = re.compile(r"^\s*[•·\-–—*o►▪‣◦]\s+")  # "•\tProjets détectés : …", a Word list's bullet and its tab
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
    years: tuple[str, ...] = ()  # a clause of prose: the years it names (target_clauses.py)
    label: str | None = None  # a clause of prose: the label before its text's colon ("" when none)
    no_target: bool = False  # a clause of prose about the baseline, the past or a value replaced: it names a KPI
    since: str | None = None  # a clause of prose: "par an à partir de 2022", the first year of its target
    spans: tuple[str, ...] = ()  # a clause of prose: the periods of several years it names ("2021-2023")


def sentence_of(cells: list, words) -> Sentence | None:
    """The target sentence a row holds (its text cells, bullets left out), or None; an aside in brackets is
    left out when the sentence has one number only without it (:attr:`Sentence.plain`)."""
    full = _sentence_of(cells, words)
    texts = [c for c in cells if isinstance(c, str) and _ASIDE.search(c)]
    if any(_target_aside(a, words) for c in texts for a in _ASIDE.findall(c)):
        return full  # "500 k€ par an (1,5 M€ sur les trois ans)": the aside is the period's target, read as a clause
    plain = _sentence_of([_ASIDE.sub("", c) if isinstance(c, str) else c for c in cells], words) if texts else None
    if full is None or plain is None:
        return full or plain
    full.plain = plain if plain.name != full.name else None
    return full


def _target_aside(aside: str, words) -> bool:
    """Whether an aside in brackets writes a target of its own: a number over the whole period."""
    folded = f" {fold(aside)} "
    return bool(NUMBER.search(_YEAR_SPAN.sub(" ", aside))) and any(
        f" {p} " in folded for p in words.sentence_filler_phrases if p.startswith(("sur ", "over ")))


def _sentence_of(cells: list, words) -> Sentence | None:
    texts = [" ".join(str(c).split()) for c in cells if isinstance(c, str) and str(c).strip()
             and str(c).strip() not in _BULLETS]
    if len(texts) != 1 or any(isinstance(c, (int, float)) and not isinstance(c, bool) for c in cells):
        return None
    bulleted = any(isinstance(c, str) and c.strip() in _BULLETS for c in cells) or texts[0][:1] in _BULLETS
    text = money_as_written_after(OUT_OF_FIVE.sub("", texts[0].lstrip("".join(_BULLETS) + " ")))
    found = list(NUMBER.finditer(_YEAR_SPAN.sub(" ", text)))
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
    baseline = not words.baseline_text_words.isdisjoint(fold(text).split())  # "pour mémoire, référence 2018-2020 : 4"
    return Sentence(0, text, name, number[1] + (number[2] or ""), unit, yearly, year, no_target=baseline) if name else None


class SentenceTargets:
    """A sheet of target sentences, found by :func:`find_sentence_targets`."""

    def __init__(self, grids, sentences: list[Sentence]):
        self.grids, self.sentences = grids, sentences
        self.matches: dict[int, NameMatch] = {}
        self.named: dict[int, Sentence] = {}  # a clause matched as the one before it -> the clause that named the KPI
        before: Sentence | None = None
        for s in sentences:  # in reading order: a clause may be the KPI of the one before it
            self.matches[id(s)] = match = self._match(s) if s.label is None else self._match_clause(s, before)
            before = s if match.kpi_id else None

    def _match_clause(self, s: Sentence, before: Sentence | None) -> NameMatch:
        """A clause's KPI: the clause's before it in the same text when its own words name nothing ("…, 40 sur la
        période"), else named by its words, else with its label, else its label alone, else (its words adding
        nothing) the clause's before it in the same row."""
        names = self.grids.names
        if before is not None and (before.row, before.label) == (s.row, s.label) and not names.words(
                s.name) & names.known:  # (the same text: another box of the row has a label of its own)
            self.named[id(s)] = self.named.get(id(before), before)
            return self.matches[id(before)]
        # "Source : annexe 2 …": a note's label names no KPI ("source" is no "sourcing")
        label = "" if fold(s.label) in self.grids.row_words.note_row_starts else s.label
        for name in (s.name, f"{label} {s.name}", label):
            if name.strip() and (match := self._match_name(replace(s, name=name))).kpi_id:
                return match
        # "9 projets en 2021" after "30 projets détectés", "soit 38 projets" after "12 projets détectés en 2021, 12
        # en 2022 et 14 en 2023": nothing a KPI name has is new to the clause that named the KPI
        if before is not None and before.row == s.row and names.words(s.name) & names.known <= names.words(
                f"{(named := self.named.get(id(before), before)).name} {named.label}"):
            self.named[id(s)] = named
            return self.matches[id(before)]
        held = self.grids.names.holding(f"{label} {s.name}", self._unit(s))  # the KPI's name within a sentence
        return held if held.kpi_id else self._match_name(s)

    def _match(self, s: Sentence) -> NameMatch:
        match = self._match_name(s)
        if not match.kpi_id and s.plain is not None and (plain := self._match_name(s.plain)).kpi_id:
            s.name, s.number, s.unit, s.yearly, s.year = s.plain.name, s.plain.number, s.plain.unit, \
                s.plain.yearly, s.plain.year
            return plain
        return match

    def _match_name(self, s: Sentence) -> NameMatch:
        return self.grids.names.match(s.name, self._unit(s))

    def _unit(self, s: Sentence) -> Unit:
        units = self.grids.units
        unit = units.of_text(s.unit) if s.unit else Unit()
        return unit if unit.kind else units.implied(s.name)

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
        by_row: dict[int, list[Sentence]] = {}
        continuing = wrapped_lines(sheet.rows)[1]
        for s in self.sentences:
            by_row.setdefault(s.row, []).append(s)
        result = SheetResult(sheet.file, sheet.sheet, "kpi_targets", rows_read=len(sheet.rows),
                             header_row=sheet.first_row, hidden=sheet.hidden,
                             note="targets written as sentences (the number in each is the target)")
        for index, cells in enumerate(sheet.rows):
            number = sheet.first_row + index
            if not any(c is not None and str(c).strip() for c in cells):
                result.dropped.append(Dropped(sheet.file, sheet.sheet, number, "blank row"))
                continue
            row = by_row.get(index)
            if row is None:
                why = "the line above continued" if index in continuing else "heading or note (no target in it)"
                result.dropped.append(Dropped(sheet.file, sheet.sheet, number, why))
                continue
            row = [s for s in row if not s.no_target]
            if not row:
                result.dropped.append(Dropped(sheet.file, sheet.sheet, number, "the baseline's values, no targets"))
                continue
            named = [s for s in row if self.matches[id(s)].kpi_id]
            if not named and row[0].label is not None:  # prose naming no KPI: a heading or a note ("Axe 1 – …")
                result.dropped.append(Dropped(sheet.file, sheet.sheet, number, "heading or note (no target in it: "
                                              f"{self.matches[id(row[0])].reason})"))
                continue
            if named and len(named) < len(row):  # a box's clause naming no KPI beside those that do: said, not lost
                result.reading_notes.extend(f"row {number}: {_display(s.text, ctx.pseudonymiser)!r} names no KPI "
                                            f"({self.matches[id(s)].reason})" for s in row if s not in named)
            self._add(sheet, ctx, result, number, named or row[:1])
        self._corrected(sheet, result)
        named = len({r.row for r in result.records})
        result.confidence = round(named / (named + len(result.quarantined_rows)), 2) if named else 0.0
        return result

    def _corrected(self, sheet: RawSheet, result: SheetResult) -> None:
        """A later line that says it corrects ("PS : correction … c'est 7 en 2023 (et non 6)") replaces the targets
        of the same KPI and period written before it; a line left with none is dropped, saying which line corrected
        it."""
        phrases = self.grids.words.correction_phrases
        correcting = {r.row for r in result.records if any(
            f" {p} " in f" {fold(' '.join(str(c) for c in sheet.rows[r.row - sheet.first_row] if c))} "
            for p in phrases)}
        by = {(r.values["kpi_id"], r.values["period"]): r.row for r in result.records if r.row in correcting}
        replaced = [r for r in result.records if r.row not in correcting
                    and by.get((r.values["kpi_id"], r.values["period"]), 0) > r.row]
        if not replaced:
            return
        result.records = [r for r in result.records if r not in replaced]
        kept = {r.row for r in result.records}
        for r in replaced:
            line = by[(r.values["kpi_id"], r.values["period"])]
            result.reading_notes.append(f"row {r.row}: {r.values['kpi_id']} {r.values['period']} = "
                                        f"{r.values['target']:g} corrected by row {line}")
            if r.row not in kept and all(d.row != r.row for d in result.dropped):
                result.dropped.append(Dropped(sheet.file, sheet.sheet, r.row, f"targets corrected by row {line}"))

    def _add(self, sheet: RawSheet, ctx, result: SheetResult, number: int, sentences: list[Sentence]) -> None:
        """The records of one row's sentences; the row quarantined when one names no KPI or writes no target."""
        records = []
        for s in sentences:
            match = self.matches[id(s)]
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
            for period in self._periods(s):
                values = {"kpi_id": match.kpi_id, "period": period, "target": target,
                          "source_file": sheet.file, "source_sheet": sheet.sheet, "source_row": number}
                records.append(Record("kpi_targets", values, sheet.file, sheet.sheet, number))
        if number not in result.quarantined_rows:
            result.records.extend(records)

    def _periods(self, s: Sentence) -> list[str]:
        """One year named ("en 2022"), the years listed ("chaque année (2021, 2022 et 2023)"), each year ("par
        an"), else the whole period."""
        partnership = self.grids.partnership
        first, last = partnership.years
        since = range(max(first, int(s.since)), last + 1) if s.since else ()  # "par an à partir de 2022"
        years = [y for y in (s.years or ((s.year,) if s.year else ()) or tuple(map(str, since)))
                 if first <= int(y) <= last]
        if len(years) > 1 and any(partnership.period == period_of_span(span) for span in s.spans):
            return [*years, partnership.period]  # "pour chacune des années 2021, 2022 et 2023 comme pour 2021-2023"
        if years:  # "en 2022"; "(2021, 2022 et 2023)": each year listed
            return years
        return [str(y) for y in range(first, last + 1)] if s.yearly else [partnership.period]


def with_prose_above(sheet: RawSheet, header_index: int, result: SheetResult, grids, ctx) -> SheetResult:
    """``result`` (a targets grid's) with the targets written as prose in the rows above the grid's header (an
    annex's articles above its table: "Article A2.4 — Le taux de succès européen visé est de 25 % sur l'ensemble de
    la période"). Only the rows with a sentence naming a KPI are read; the others stay the grid's title."""
    found = SentenceTargets(grids, sentences_of_rows(sheet.rows[:header_index], grids))
    rows: dict[int, list[Sentence]] = {}
    for s in found.sentences:
        if found.matches[id(s)].kpi_id and not s.no_target:
            rows.setdefault(s.row, []).append(s)
    for index, named in rows.items():
        found._add(sheet, ctx, result, sheet.first_row + index, named)
        result.rows_read += 1
    return result


_FOOTNOTE = re.compile(r"^\s*(?:\(\d{1,2}\)|\d{1,2}\)|\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*")  # a footnote's mark, no number of it


def with_prose_below(sheet: RawSheet, result: SheetResult, grids, ctx) -> SheetResult:
    """``result`` (a targets grid's) with the targets written as sentences in its note rows below the grid ("Objectif
    complémentaire (avenant n°1) : 5 projets cofinancés … sur la durée de la convention"), a note that says it sets
    a target ("objectif", "cible": ``target_words``); the other notes ("Source : convention … annexe 2") stay dropped."""
    notes = [d for d in result.dropped if d.rows == 1 and d.reason.startswith("note row")]
    for note in notes:
        cells = [_FOOTNOTE.sub("", c, count=1) if isinstance(c, str) else c  # "(3) unités distinctes …": a mark
                 for c in sheet.rows[note.row - sheet.first_row]]
        if not any(set(fold(c).split()) & ctx.kpi_names.target_words.target_words for c in cells if isinstance(c, str)):
            continue
        found = SentenceTargets(grids, sentences_of_rows([cells], grids))
        named = [s for s in found.sentences if found.matches[id(s)].kpi_id and not s.no_target]
        if named:
            result.dropped.remove(note)
            found._add(sheet, ctx, result, note.row, named)
    return result


def find_sentence_targets(sheet: RawSheet, grids) -> SentenceTargets | None:
    """The target sentences of ``sheet`` when at least :data:`MIN_SENTENCES` of them name a KPI, else None."""
    sentences = sentences_of_rows(sheet.rows, grids)
    if len(sentences) < MIN_SENTENCES:
        return None
    found = SentenceTargets(grids, sentences)
    if sum(1 for s in sentences if found.matches[id(s)].kpi_id and not s.no_target) < MIN_SENTENCES:
        return None
    return found


@functools.lru_cache(maxsize=4)
def _cross_references(lead_words: frozenset[str]) -> re.Pattern:
    """A cross-reference in a text ("(cf. note 5)", "voir annexe 2", "see Table 3"), with its brackets."""
    leads = "|".join(sorted(map(re.escape, lead_words), key=len, reverse=True))
    return re.compile(rf"\(?\s*\b(?:{leads})\b\.?\s+(?:(?:la|le|les|l'|the)\s*)?[^\W\d_]+\.?\s*(?:n\s?°|no\.?)?\s*"
                      r"[\w.-]*\d[\w.-]*\s*\)?", re.IGNORECASE)


def _single_text(cells: list) -> str | None:
    texts = [c for c in cells if c is not None and str(c).strip()]
    return " ".join(texts[0].split()) if len(texts) == 1 and isinstance(texts[0], str) else None


def wrapped_lines(rows: list[list]) -> tuple[dict[int, str], set[int]]:
    """A bullet a word processor wrapped onto the next line ("• Part des projets co-accompagnés : 30 % en 2021, 40 % en
    2022," over "50 % en 2023"): (first row -> its whole text, the rows continuing one)."""
    joined, continuing = {}, set()
    for index in range(len(rows) - 1):
        text, following = _single_text(rows[index]), _single_text(rows[index + 1])
        if (index in continuing or text is None or following is None or not text.endswith((",", ";"))
                or text[:1] not in _BULLETS):  # "Bien cordialement," over a PS: no bullet, no list going on
            continue
        if following[:1] in _BULLETS or following.endswith(":"):
            continue
        joined[index], continuing = f"{text} {following}", continuing | {index + 1}
    return joined, continuing


def sentences_of_rows(rows: list[list], grids) -> list[Sentence]:
    """The target sentences of ``rows``: a row's one sentence, else the clauses of its texts (prose, slide boxes)."""
    words = grids.words
    prose = len(rows) <= MAX_PROSE_ROWS  # a list of thousands of rows is no agreement's text
    sentences = []
    references = _cross_references(words.cross_reference_words)
    joined, continuing = wrapped_lines(rows)
    for index, cells in enumerate(rows):
        if index in continuing:
            continue
        cells = [joined[index]] if index in joined else cells  # a bullet wrapped onto the next line, read whole
        cells = [references.sub(" ", c) if isinstance(c, str) else c for c in cells]  # "(cf. note 5)": no score
        s = sentence_of(cells, words)
        texts = [_BULLET_LEAD.sub("", c) for c in cells if isinstance(c, str) and c.strip()] if s is None and prose else []
        if len(texts) > MAX_BOXES or any(isinstance(c, (int, float)) for c in cells):
            texts = []  # a table's row, not a slide's boxes side by side
        found = [s] if s is not None else [
            Sentence(index, c.text, c.name, c.number, c.unit, c.yearly, years=c.years, label=c.label,
                     no_target=c.no_target, since=c.since, spans=c.spans)
            for cell in texts for c in clauses_of(cell, words, words.baseline_text_words, grids.partnership.baseline)]
        for s in found:
            s.row = index
        sentences.extend(found)
    return sentences
