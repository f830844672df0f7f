"""A table whose date is written once per group of rows, on a row of its own above them: a committee's decisions
log ("Comité de sélection – séance du 23/07/2018" above that meeting's decisions). Each row takes the date of the
section it sits in, in a column made for it, when the table lacks that date column and every row of the table sits
under such a section. The section rows stay notes (dropped with that reason).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import ParseError
from ..schemas import TABLES
from .reading import RawSheet, is_blank
from .recognition import ColumnMatch, Recognition

MIN_SECTIONS = 2
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
        if len(filled) == 1 and isinstance(filled[0], str) and (day := _date_in(filled[0], parsers)) is not None:
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


def _date_in(text: str, parsers):
    """The one date a section's title writes ("… – séance du 23/07/2018"), or None."""
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
