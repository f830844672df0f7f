"""Tables kept side by side on one sheet ("Projets | … |   | Financements | …"): each run of headers between empty
cells that is a table of its own is read as a sheet of its own."""

from __future__ import annotations

from dataclasses import replace

from .name_keys import with_name_as_key
from .reading import column_letter, is_blank
from .recognition import HEADER_SCAN_ROWS, Recogniser


def tables_side_by_side(sheet, header_index: int, recogniser: Recogniser) -> list[set[int]]:
    """Column sets of the tables found side by side on the header row (runs of headers between empty cells),
    when at least two of the runs are tables of their own that share rows; else one or no set (runs whose rows
    alternate, never one row for both, are one outline: a project's row, its funding lines' row below it)."""
    header = sheet.rows[header_index]
    runs, run = [], []
    for i, value in enumerate(header):
        if isinstance(value, str) and value.strip():
            run.append(i)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    if sum(1 for r in runs if len(r) >= 2) < 2:
        return []
    head = replace(sheet, rows=sheet.rows[:HEADER_SCAN_ROWS])  # recognition looks no further down
    tables = []
    for run in runs:
        if len(run) >= 2:
            found = recogniser.recognise(only_columns(head, set(run), named=False))
            named = with_name_as_key(found) if found is not None else None  # start-ups known by their name
            if named is not None or found is not None and found.score and not found.missing_required:
                tables.append(set(run))
    return tables if len(tables) < 2 or _share_rows(sheet.rows[header_index + 1:], tables) else []


def _share_rows(rows: list[list], tables: list[set[int]]) -> bool:
    """Whether two of the column sets fill cells on one row at least (tables side by side, not an outline)."""
    filled = [{i for i, row in enumerate(rows) if any(j < len(row) and not is_blank(row[j]) for j in t)}
              for t in tables]
    return any(a & b for k, a in enumerate(filled) for b in filled[k + 1:])


def only_columns(sheet, columns: set[int], named: bool = True):
    """A copy of ``sheet`` with only ``columns`` (the others emptied), named after them."""
    rows = [[v if i in columns else None for i, v in enumerate(row)] for row in sheet.rows]
    if not named:
        return replace(sheet, rows=rows)
    span = f"columns {column_letter(min(columns))}-{column_letter(max(columns))}"
    return replace(sheet, rows=rows, sheet=f"{sheet.sheet} ({span})" if sheet.sheet else f"({span})")
