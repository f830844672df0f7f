"""Cells merged over several rows below a header: the value of the range belongs to each of its rows (an institution
merged down over its projects), yet it is one cell written once."""

from __future__ import annotations

from .reading import RawSheet
from .recognised import Recognition


def _across_rows(sheet: RawSheet, header_index: int) -> list[tuple[int, int, int, int]]:
    """The merged ranges below the header that span several rows (a row-wide title is one cell)."""
    return [r for r in getattr(sheet, "merged_ranges", []) or []
            if r[0] - sheet.first_row > header_index and r[2] > r[0]]


def fill_merged_down(sheet: RawSheet, header_index: int, rows: list[list]) -> list[list]:
    """Copy the value of a merged cell below the header into every cell of its range (a merged institution
    spanning two project rows belongs to both)."""
    ranges = _across_rows(sheet, header_index)
    if not ranges:
        return rows
    rows = [list(r) for r in rows]
    offset = sheet.first_row + header_index + 1  # spreadsheet row of rows[0]
    for first_row, first_col, last_row, last_col in ranges:
        top = first_row - offset
        if not (0 <= top < len(rows)) or first_col - 1 >= len(rows[top]):
            continue
        value = rows[top][first_col - 1]
        for r in range(top, min(last_row - offset + 1, len(rows))):
            row = rows[r]
            row.extend([None] * (last_col - len(row)))
            for c in range(first_col - 1, last_col):
                if row[c] is None:
                    row[c] = value
    return rows


def merged_copies(sheet: RawSheet, rec: Recognition) -> frozenset[tuple[int, str]]:
    """(spreadsheet row, table column) of the cells a merged range repeats below its first row."""
    columns = {m.index: m.column for m in rec.columns}
    return frozenset((row, columns[c - 1]) for first_row, first_col, last_row, last_col in
                     _across_rows(sheet, rec.header_index) for c in range(first_col, last_col + 1)
                     if c - 1 in columns for row in range(first_row + 1, last_row + 1))

