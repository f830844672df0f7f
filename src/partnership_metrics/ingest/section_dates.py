"""A table whose date is written once per group of rows, on a row of its own above them: a committee's decisions
log ("Comité de sélection – séance du 23/07/2018" above that meeting's decisions). Each row takes the date of the
section it sits in, in a column made for it, when the table lacks that date column and every row of the table sits
under such a section. The section rows stay notes (dropped with that reason).

An agenda writes the month once, on a row of its own ("AVRIL 2018"), and only the day on each row below it ("jeu.
12"): each such day is read with its section's month (:func:`with_section_months`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import ParseError
from ..schemas import TABLES
from ..textnorm import fold
from .reading import RawSheet, is_blank
from .recognition import ColumnMatch, Recognition

MIN_SECTIONS = 2
PEEK_ROWS = 30  # rows looked at for a bare day before the whole column is
_DATES = (re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}\b|\b(?:19|20)\d{2}-\d{2}-\d{2}\b"),  # 23/07/2018
          re.compile(r"\b\d{1,2}(?:er)?\s+[^\W\d]+\.?\s+(?:19|20)\d{2}\b"),  # 18 juillet 2022, 1er mars 2021
          re.compile(r"\b[^\W\d]+\.?\s+\d{1,2},?\s+(?:19|20)\d{2}\b"))  # March 7, 2022
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def with_section_dates(sheet: RawSheet, rec: Recognition, parsers) -> tuple[RawSheet, Recognition] | None:
    """``sheet`` with a column holding each row's section date, and the recognition that reads it; None when the
    table lacks no date, or its rows do not sit under dated sections."""
    if len(rec.missing_required) != 1 or TABLES[rec.table].column(rec.missing_required[0]).kind != "date":
        return None
    column = rec.missing_required[0]
    first = rec.header_index + 1
    dates: dict[int, object] = {}  # row index -> date of its section
    current, sections, orphans = None, 0, 0
    for i in range(first, len(sheet.rows)):
        filled = [c for c in sheet.rows[i] if not is_blank(c)]
        if len(filled) == 1 and isinstance(filled[0], str) and (day := date_in(filled[0], parsers)) is not None:
            current, sections = day, sections + 1
        elif len(filled) == 1 and isinstance(filled[0], str) and _YEAR.search(filled[0]):
            current = None  # a section whose date cannot be read: its rows are not given the one above
        elif len(filled) >= 2:
            if current is None:
                orphans += 1
            dates[i] = current
    if sections < MIN_SECTIONS or orphans or not dates:
        return None
    width = max(len(r) for r in sheet.rows)
    made = f"[{column}]"
    rows = [list(r) + [None] * (width - len(r)) + [made if i == rec.header_index else dates.get(i)]
            for i, r in enumerate(sheet.rows)]
    return (replace(sheet, rows=rows),
            replace(rec, columns=[*rec.columns, ColumnMatch(width, made, column)], missing_required=[]))


def with_section_months(sheet: RawSheet, rec: Recognition, parsers) -> RawSheet | None:
    """``sheet`` with each bare day ("jeu. 12", "12") of the table's date column read with the month of the section
    row above it ("AVRIL 2018"), a day and month ("25/01") with its year, words writing no date ("(date à
    préciser)") as the month itself; None when the column holds no such days or they do not all sit under a month."""
    dated = [m.index for m in rec.columns if m.column in TABLES[rec.table].required
             and TABLES[rec.table].column(m.column).kind == "date"]
    if len(dated) != 1:
        return None
    column, month, sections, days = dated[0], None, 0, {}
    below = sheet.rows[rec.header_index + 1:rec.header_index + 1 + PEEK_ROWS]
    if not any(column < len(r) and _bare_day(r[column], parsers) is not None for r in below):
        return None  # most sheets: their dates are whole, looked at once
    for i in range(rec.header_index + 1, len(sheet.rows)):
        row = sheet.rows[i]
        filled = [c for c in row if not is_blank(c)]
        if len(filled) == 1 and isinstance(filled[0], str):
            month = _month_of(filled[0], parsers)
            sections += month is not None
        elif len(filled) >= 2 and column < len(row) and (day := _bare_day(row[column], parsers)) is not None:
            if month is None:
                return None
            try:
                days[i] = month.replace(month=day[1] or month.month, day=day[0])
            except ValueError:  # "31" under a month of thirty days: left as written, for the row to say so
                continue
        elif month is not None and len(filled) >= 2 and column < len(row) and _undated(row[column], parsers):
            days[i] = f"{month:%m/%Y}"  # "(date à préciser)" under "JUIN 2021": June, known to the month
    if sections < MIN_SECTIONS or not days:
        return None
    rows = [list(r) for r in sheet.rows]
    for i, day in days.items():
        rows[i][column] = day
    return replace(sheet, rows=rows)


def _undated(cell, parsers) -> bool:
    """Whether a date cell holds words that write no date ("(date à préciser)", "à confirmer")."""
    if not isinstance(cell, str) or not cell.strip():
        return False
    try:
        parsers.parse_date(cell)
    except ParseError:
        return not any(c.isdigit() for c in cell)
    return False


def _month_of(text: str, parsers):
    """The first day of the month a section row names ("AVRIL 2018", "Février 2019"), else None."""
    try:
        day, precision = parsers.parse_date_precise(text)
    except ParseError:
        return None
    return day if precision == "month" else None


_DAY_MONTH = re.compile(r"^(\d{1,2})[/.-](\d{1,2})$")  # "25/01": a day and its month, the year left to the section


def _bare_day(cell, parsers) -> tuple[int, int | None] | None:
    """(day, month or None) a cell writes without its year: a day alone, with or without its weekday ("jeu. 12",
    "12"), or a day and its month ("25/01"); else None."""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, str) and (found := _DAY_MONTH.match(cell.strip())):
        day, month = int(found[1]), int(found[2])
        return (day, month) if 1 <= day <= 31 and 1 <= month <= 12 else None
    words = [w for w in fold(str(cell)).replace(".", " ").split() if w not in parsers.weekdays]
    if isinstance(cell, bool) or len(words) != 1 or not words[0].removesuffix("er").isdigit():
        return None
    day = int(words[0].removesuffix("er"))
    return (day, None) if 1 <= day <= 31 else None


def dates_in(text: str, parsers) -> set:
    """Every date a text writes, in any of the forms of :data:`_DATES` ("Comité du 12 mars 2021 — dossiers déposés
    avant le 15/12/2020": two)."""
    found = set()
    for pattern in _DATES:
        for written in pattern.findall(text):
            try:
                found.add(parsers.parse_date(written))
            except ParseError:
                continue
    found.discard(None)
    return found


def date_in(text: str, parsers):
    """The one date a section's or a sheet's title writes ("… – séance du 23/07/2018"), or None."""
    for pattern in _DATES:
        found = pattern.findall(text)
        if len(found) == 1:
            try:
                return parsers.parse_date(found[0])
            except ParseError:
                return None
        if found:
            return None
    return None
