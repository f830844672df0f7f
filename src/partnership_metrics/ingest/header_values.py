"""Headers judged by the values below them: a person's header over institutions ("Porteur": AMU) is the institution
carrying the record; a targets table's "Objectif période" over numbers is a column of targets, not of periods; a
bare e-mail header beside the table's person (or beside the name parts of a person no header names) is part of it;
a document's field ("Re: | …") is no header at all; a band of years or months is headers, whatever their type."""

from __future__ import annotations

import datetime as dt
import re

from ..schemas import TABLES
from ..textnorm import fold
from .column_choices import is_year
from .reading import OTHER_KIND
from .recognised import EXACT, ColumnMatch
from .timelines import period_start

MIN_WORDED = 3  # cells of words, no digit in any, that make a count's column no count
MIN_EMPTY_ROWS = 5  # records sampled beside a count column's empty cells that make it no count
PERSON_FIT = 0.5  # of a person column's cells that must not name institutions
INSTITUTION_SHARE = 0.8  # of its cells that must name institutions for it to be the table's institution
PERIOD_FIT = 0.5  # of a "period" column's cells that must read as periods when its header also names a target


def targets_for_periods(recogniser, table: str, samples, matches: list[ColumnMatch], unknown: list[str]) -> None:
    """A targets table's period read from a header that also names a target ("Objectif période") over cells that are
    no periods (30, 18, "1,75 M€") is no period: left out, in place (the grid's reading takes it)."""
    if table != "kpi_targets":
        return
    for m in [m for m in matches if m.column == "period" and set(recogniser.words_of(m.header)) & recogniser.target_words
              and recogniser.fit(table, "period", samples.get(m.index, ())) < PERIOD_FIT]:
        matches.remove(m)
        unknown.append(m.header)


def carriers(recogniser, table: str, samples, matches: list[ColumnMatch], unknown: list[str]) -> None:
    """A person's header over institutions ("Porteur": AMU, "Univ. Montpellier") is no person but the table's
    institution, when the table lacks one; else no column, in place. A count's header over words ("Required
    Attendees": "Sophie Marchetti; Nicolas Berthier") is no count, nor a count's header naming it in a word only over
    no value at all (a calendar's empty "Optional Attendees"): the count is looked for elsewhere (its description's
    "Attendees: 63"); a header naming it exactly stays, its empty rows then lacking it."""
    counts = [m for m in matches if TABLES[table].column(m.column).kind == "int"]
    rows = [sum(1 for cells in samples.values() if k < len(cells) and not _blank(cells[k]))
            for k in range(max(map(len, samples.values()), default=0))] if counts else []
    for m in counts:
        cells = samples.get(m.index, ())
        filled = [v for v in cells if not _blank(v)]
        words = len(filled) >= MIN_WORDED and all(
            isinstance(v, str) and not any(ch.isdigit() for ch in v) for v in filled) and any(
            len(v.split()) >= 2 for v in filled)  # names, not "NC"
        empty = not filled and sum(1 for n in rows if n >= 2) >= MIN_EMPTY_ROWS and not any(  # records beside it,
            c == m.column and score >= EXACT for c, score in recogniser.cell_candidates(table, m.header))  # a word
        if words or empty:
            matches.remove(m)
            unknown.append(m.header)
    lacking = [c.name for c in TABLES[table].raw_columns if c.kind == "institution" and c.required
               and not any(k.column == c.name for k in matches)]
    if not lacking:
        return  # (a table whose institution is read: its people are left as read, cheaply)
    for m in [m for m in matches if TABLES[table].column(m.column).kind == "person"
              and recogniser.fit(table, m.column, samples.get(m.index, ())) < PERSON_FIT]:
        matches.remove(m)
        values = [str(v) for v in samples.get(m.index, ()) if v is not None and str(v).strip()]
        if len(lacking) == 1 and sum(recogniser.institutions.names_one(v) or bool(
                set(fold(v).split()) & recogniser.organisation_words) for v in values) >= INSTITUTION_SHARE * len(values):
            matches.append(ColumnMatch(m.index, m.header, lacking[0]))
        else:
            unknown.append(m.header)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def lone_emails(recogniser, table: str, headers, matches: list[ColumnMatch], unknown: list[str]) -> None:
    """A bare "Courriel" / "E-mail" header beside the table's only person column, read by name ("Nom du
    contact"), is that person's address, a bare "Prénom" right beside it ("Porteur – NOM | Prénom") the first name; with no header naming the person, an address beside its name parts ("Nom |
    Courriel" under "Responsable scientifique") is the person, in place."""
    people = [c.name for c in TABLES[table].columns if c.personal]
    if len(people) != 1:
        return
    left = set(unknown)
    if not any(m.column == people[0] for m in matches):  # "Nom | Courriel" under "Responsable scientifique"
        pair = [(i, t) for i, t in headers if t in left and set(recogniser.words_of(t)) & recogniser.person_words
                and recogniser.person_part(t)]
        addresses = [bool(set(recogniser.words_of(t)) & recogniser.email_words) for _, t in pair].count(True)
        if addresses != 1 or len(pair) > 3 or max(i for i, _ in pair) - min(i for i, _ in pair) != len(pair) - 1:
            return  # one address beside its name parts, side by side
        for index, text in pair:
            matches.append(ColumnMatch(index, text, people[0]))
            unknown.remove(text)
        return
    beside = {m.index for m in matches if m.column == people[0]}
    for index, text in headers:
        words = set(recogniser.words_of(text))
        first_name = words & recogniser.first_name_words and {index - 1, index + 1} & beside  # "NOM | Prénom"
        if text in left and (words & recogniser.email_words or first_name) and recogniser.person_part(text):
            matches.append(ColumnMatch(index, text, people[0]))
            unknown.remove(text)
            left.discard(text)
            beside.add(index)


_ADDRESS = re.compile(r"[^\s@]+@[^\s@]+\.[a-z]{2,}", re.I)


def is_field_row(row: list) -> bool:
    """Whether a row is a document's field ("To: | …", "Re: | Agreed objectives …"): a label ending with a colon and
    its value, above a table, never its header."""
    filled = [c for c in row if c is not None and str(c).strip()]
    return 1 <= len(filled) <= 2 and isinstance(filled[0], str) and filled[0].rstrip().endswith(":")


def could_be_a_header(row: list, headers: list[tuple[int, str]]) -> bool:
    """Whether ``row``, whose texts are ``headers``, may be a table's header: mostly text (a band of periods counted
    as text), no document's field, no record (a participant's "Attendee" role beside an address)."""
    filled = sum(1 for v in row if v is not None and v != "")
    if len(headers) * 2 < filled:
        filled -= period_band_cells(row)
    return (len(headers) >= 2 and len(headers) * 2 >= filled and not is_field_row(row) and not holds_an_address(row)
            and not any(OTHER_KIND in text for _, text in headers)  # a row of another kind (record_kinds.py)
            and not any(map(_a_record_s_lines, row)))


def _a_record_s_lines(cell) -> bool:
    """Whether a cell writes a record on its lines: two of them with digits, and many words ("25 - Formation … (Nice)⏎
    EV21-04 · formation · IT⏎39 participants"); no header's ("Montant⏎demandé 2021⏎(k€)", "Module 1⏎EV21-03⏎
    27/05/2021": a session's few words)."""
    return isinstance(cell, str) and "\n" in cell and sum(1 for line in cell.splitlines() if any(
        ch.isdigit() for ch in line)) >= 2 and len(_WORD.findall(cell)) >= RECORD_WORDS


TABLE_GAP = 2  # empty cells between two tables kept side by side
RECORD_WORDS = 8  # words of a cell of several lines that make it a record's, not a header's
_WORD = re.compile(r"[^\W\d_]{2,}")
PERIOD_BAND = 3  # consecutive year or month cells that make a band of period headers ("2018 | 2019 | 2020")


def period_band_cells(row: list) -> int:
    """How many cells of ``row`` stand in runs of at least ``PERIOD_BAND`` period headers: years written as numbers
    or months written as their first day ("Versements" over "2018 | 2019 | 1/1/2021 | 1/2/2021 | …"). Such a row is
    a header whose periods are not text; a record rarely holds three such cells in a row."""
    counted = run = 0
    for cell in [*row, None]:
        if _period_cell(cell):
            run += 1
            continue
        counted += run if run >= PERIOD_BAND else 0
        run = 0
    return counted


def _period_cell(cell) -> bool:
    if isinstance(cell, bool):
        return False
    if isinstance(cell, (int, float)):
        return float(cell).is_integer() and 1950 <= cell <= 2100
    return isinstance(cell, dt.date) and cell.day == 1


def holds_an_address(row: list) -> bool:
    """Whether a row holds an e-mail address: a record (a participant whose role reads "Attendee"), never a header.
    Cells beyond two empty ones are another table's (a list of contacts kept beside the proposals, its first line on
    their header's row)."""
    return any(isinstance(c, str) and "@" in c and _ADDRESS.fullmatch(c.strip()) for c in _first_table(row))


def _first_table(row: list) -> list:
    """The cells of ``row`` up to the first run of two empty cells after its first filled one."""
    started, empty = False, 0
    for j, cell in enumerate(row):
        if cell is None or cell == "":
            empty += started
            if empty >= TABLE_GAP:
                return row[:j]
        else:
            started, empty = True, 0
    return row


def years_for_dates(recogniser, table, headers, samples, matches, unknown, matched, taken: set[int]) -> None:
    """A lone "Année" / "Year" column holding years, or a board's "Timeline" holding periods of days ("2018-08-30 -
    2018-08-30": the first day, see :mod:`.timelines`), stands in for the table's missing required date."""
    for column in TABLES[table].required:
        if column in matched or TABLES[table].column(column).kind != "date":
            continue
        for index, text in headers:
            if index in taken:
                continue
            words = recogniser.words_of(text)
            values = [v for v in (samples or {}).get(index, ()) if v is not None and str(v).strip()]
            if words and values and (
                    recogniser.year_words.issuperset(words) and sum(map(is_year, values)) >= 0.8 * len(values)
                    or recogniser.words.timeline_header_words.issuperset(words) and sum(
                        isinstance(v, str) and period_start(v, recogniser.parsers) is not None for v in values)
                    >= 0.8 * len(values)):
                matches.append(ColumnMatch(index, text, column))
                unknown.remove(text)
                matched.add(column)
                taken.add(index)
                break
