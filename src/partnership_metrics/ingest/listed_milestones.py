"""Milestones listed in one text cell, a line each with its date, as a Trello card's checklists export them
("[x] Déclaration d'invention reçue le 10/03/2018", "[ ] Licence / option signée") or as people note them in a
comments cell ("DI : 10/03/2018"), or on one line parted by semicolons ("détecté le 16/11/2020 ; DI déposée le
14/12/2020 ; entrée en maturation le 01/04/2021").

A line that names a date column the headers left unread (its words read as that column's header would be) gives the
column its date, written as the line writes it (``janvier 2022`` stays a month). An unticked item ("[ ]", "☐") or a
planned one ("prévu T1 2024") gives nothing, nor does a plain line without a date (a remark: "Licence"); a ticked one
without a date gives its words, which the column then reports as unreadable (the cell is emptied and listed, the row
kept). A column is read this way when the lines of at least :data:`MIN_ROWS` of its first :data:`SAMPLE` cells name
at least :data:`MIN_MILESTONES` different date columns; then all its cells are read. A cell may write one milestone
only ("Issue": "licence signée 03/07/2023" on a row, "abandonné 12/2023" on another).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import ParseError
from ..schemas import TABLES
from .linking import with_row_columns
from .milestone_log import named_dates
from .reading import RawSheet, is_blank
from .recognition import Recogniser, Recognition

MIN_ROWS = 3
MIN_MILESTONES = 2
SAMPLE = 500  # data rows a column is judged on
_ITEMS = re.compile(r"\s*(?:\n|;)\s*")  # a line each, or one line parted by ";" ("détecté le 16/11/2020 ; DI déposée …")
_WORDED_DATE = re.compile(r"[^\W\d_]{3,}.*\d{1,2}[/.-](?:\d{1,2}[/.-])?\d{2,4}")  # "licence signée 03/07/2023"
_UNTICKED = re.compile(r"^\s*(?:[-*•]\s*)?(?:\[\s?\]|☐|□)\s*")
_TICKED = re.compile(r"^\s*(?:[-*•]\s*)?(?:\[[xX✓✔]\]|☑|✅|✓|✔)\s*")
# where a date can stand in a line, most precise first; each candidate is then read by the date parser
_DATES = tuple(re.compile(p) for p in (
    r"\b\d{4}-\d{1,2}-\d{1,2}\b",
    r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b",
    r"\b(?:1er|\d{1,2})\s+[^\W\d_]+\.?\s+\d{4}\b",
    r"\b[^\W\d_]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b",  # "May 4, 2019"
    r"\b\d(?:er|re|e|ème|eme|nd|nde|st|rd|th)\s+[^\W\d_]+\s+\d{4}\b",  # "2e semestre 2019", "2nd half 2019"
    r"\b[^\W\d_]+\.?\s+\d{4}\b",
    r"\b[TtSsQqHh][1-4]\s+\d{4}\b",
    r"\b\d{1,2}[/.]\d{4}\b",  # "DI : 07/2018": a month
    r"\b(?:19|20)\d{2}\b",  # "Abandon : 2020": a year
))


def with_listed_milestones(sheet: RawSheet, rec: Recognition, recogniser: Recogniser) -> tuple[RawSheet, Recognition] | None:
    """``sheet`` with a column ``[<date column>]`` per date its cells of listed milestones give, and ``rec``
    reading them; None when no column lists milestones."""
    dates = {c.name for c in TABLES[rec.table].raw_columns if c.kind == "date"} - {m.column for m in rec.columns}
    if len(dates) < MIN_MILESTONES or rec.header_index >= len(sheet.rows):
        return None
    data = sheet.rows[rec.header_index + 1:]
    mapped = rec.mapped_indexes
    width = max(len(r) for r in sheet.rows)
    for index in range(width):
        if index in mapped or not _lists_lines(data, index):
            continue
        read = _Lines(rec.table, dates, recogniser)
        found = [read.cell(_cell(row, index)) for row in data[:SAMPLE]]  # judged on the sample: cheap when not
        if len({column for row in found for column in row}) >= MIN_MILESTONES and sum(map(bool, found)) >= MIN_ROWS:
            found += [read.cell(_cell(row, index)) for row in data[SAMPLE:]]
            columns = sorted({column for row in found for column in row})
            return with_row_columns(sheet, rec, {column: [row.get(column) for row in found] for column in columns})
    return None


def completed_by_listed_milestones(sheet: RawSheet, rec: Recognition, recogniser: Recogniser):
    """(sheet, recognition, note) when the milestones listed in a cell give every required date the sheet lacked
    ("Jalons": "Détection : 31/10/2018 ⏎ DI : mars 2019"), else None."""
    if (listed := with_listed_milestones(sheet, rec, recogniser)) is None:
        return None
    sheet, read = listed
    given = {m.column for m in read.columns}
    if any(c not in given for c in rec.missing_required):
        return None
    return sheet, replace(read, missing_required=[]), "dates listed one per line in a cell (milestones)"


def _cell(row: list, index: int):
    return row[index] if index < len(row) else None


def _lists_lines(data: list[list], index: int) -> bool:
    """Whether the column's cells list lines (several to a cell), or write a milestone with its date, one to a cell
    ("Issue": "licence signée 03/07/2023", "abandonné 12/2023", "en cours")."""
    cells = [_cell(r, index) for r in data[:SAMPLE]]
    return sum(isinstance(c, str) and (len(_ITEMS.split(c.strip())) > 1 or _WORDED_DATE.search(c) is not None)
               for c in cells) >= MIN_ROWS


class _Lines:
    """The milestones of a table's cells, each distinct line read once (a board's checklists repeat their items)."""

    def __init__(self, table: str, dates: set[str], recogniser: Recogniser):
        self.table, self.dates, self.recogniser = table, dates, recogniser
        self._read: dict[str, tuple[str, str] | None] = {}

    def cell(self, cell) -> dict[str, str]:
        """Date column -> the date as the line writes it (or the ticked line's words, without a date)."""
        if not isinstance(cell, str) or is_blank(cell):
            return {}
        out: dict[str, str] = {}
        for line in _ITEMS.split(cell):
            if line not in self._read:
                self._read[line] = self._line(line)
            if (given := self._read[line]) is not None and given[0] not in out:
                out[given[0]] = given[1]
        return out

    def _line(self, line: str) -> tuple[str, str] | None:
        """(date column, its date as written or the ticked line's words) of one line; None when it gives none."""
        recogniser = self.recogniser
        if _UNTICKED.match(line) or set(recogniser.words_of(line)) & recogniser.planned_date_words:
            return None
        ticked = _TICKED.match(line) is not None
        text = _TICKED.sub("", line).strip()
        date, label = date_in(text, recogniser)
        if not label or date is None and not ticked:  # a remark naming a milestone ("Licence") says not it was reached
            return None
        column = named_dates(self.table, {label}, recogniser, self.dates).get(label)
        return None if column is None else (column, date if date is not None else text)


def date_in(text: str, recogniser: Recogniser) -> tuple[str | None, str]:
    """(the date as written, the line's words without it); no date: (None, the line)."""
    for pattern in _DATES:
        for match in pattern.finditer(text):
            try:
                if recogniser.parsers.parse_date(match[0]) is None:
                    continue
            except ParseError:
                continue
            return match[0], (text[: match.start()] + " " + text[match.end():]).strip(" :-–—")
    return None, text
