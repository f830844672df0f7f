"""A column of line numbers is no id: a sign-in annex numbers its lines "N° | NOM | Prénom" (1, 2, 3… starting again
for each list), and "N°" would otherwise be read as the event each person came to. When the column recognition read
as a parent's id holds only whole numbers counting up from 1, its header is set aside and
the sheet recognised again without it: the rows' parent then comes from what names it (the file, the sheet, a title
row), or they are quarantined saying so, never linked to event "1".
"""

from __future__ import annotations

from dataclasses import replace

from ..schemas import TABLES
from .reading import RawSheet, is_blank
from .recognition import Recogniser, Recognition

SAMPLE = 200
COUNTING_SHARE = 0.8  # of the numbers that must follow the one above them (or start again at 1)


def _whole(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and float(value).is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _cells(row) -> list:
    return [" ".join(str(c).split()) if not is_blank(c) else None for c in row]


def counts_lines(values: list) -> bool:
    """Whether ``values`` (the filled cells of a column, top to bottom) number lines: mostly whole numbers, starting
    at 1, each (mostly) one more than the one above it or 1 again."""
    numbers = [n for n in map(_whole, values) if n is not None]  # a list's title may sit in the column too
    if len(numbers) < 3 or len(numbers) < 0.5 * len(values) or numbers[0] != 1:
        return False
    steps = sum(1 for a, b in zip(numbers, numbers[1:], strict=False) if b == a + 1 or b == 1)
    return steps >= COUNTING_SHARE * (len(numbers) - 1)


def without_line_numbers(sheet: RawSheet, rec: Recognition, recogniser: Recogniser) -> tuple[RawSheet,
                                                                                             Recognition] | None:
    """(the sheet with its line-number column's header set aside, its recognition) when the id recognition read is
    such a column; None otherwise."""
    table = TABLES[rec.table]
    if table.parent is None:
        return None  # a table's own id may well be 1, 2, 3 (a funder's lines): only a parent's is never so
    ids = {table.parent.key}
    below = sheet.rows[rec.header_index + 1:rec.header_index + 1 + SAMPLE]
    for m in rec.columns:
        if m.column not in ids or table.column(m.column).kind != "id":
            continue
        values = [r[m.index] for r in below if m.index < len(r) and not is_blank(r[m.index])]
        if not counts_lines(values):
            continue
        rows = list(sheet.rows)
        header = _cells(rows[rec.header_index])
        for i, row in enumerate(rows):  # each list's own header too, repeated over it ("N° | NOM | Prénom")
            if i == rec.header_index or (i > rec.header_index and _cells(row) == header):
                row = list(row)
                row[m.index] = None
                rows[i] = row
        unnumbered = replace(sheet, rows=rows)
        found = recogniser.recognise(unnumbered)
        if found is not None and any(f.index == m.index and f.column in ids for f in found.columns):
            found = recogniser.recognise(_untitled(unnumbered, m.index, rec.header_index))  # see _untitled
        if found is not None and found.table == rec.table and found.header_index == rec.header_index:
            return unnumbered, found  # the title rows kept: they may name the rows' parent
    return None


def _untitled(sheet: RawSheet, index: int, header_index: int) -> RawSheet:
    """``sheet`` without the cells above the header in column ``index``: with the header set aside, a list's title
    ("Formation « Brevets » – 25/03/2021") would be read as the header of the column it sits in, naming the event."""
    rows = [list(r) if i < header_index and index < len(r) else r for i, r in enumerate(sheet.rows)]
    for r in rows[:header_index]:
        if index < len(r):
            r[index] = None
    return replace(sheet, rows=rows)
