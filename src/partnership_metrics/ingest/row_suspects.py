"""Which rows of a sheet's grid could be something else than data, for ``normalising.row_kind`` to look at: the
other rows have two cells or more, something in the table's columns and an id."""

from __future__ import annotations


def outside_rows(grid: list, mapped: set[int]) -> set[int]:
    """The rows with nothing in the columns ``mapped`` (the table's: a second header row of sub-headers, a note
    written beside the table; its ids: a board's section row, "1. Détection" under both "Name" and
    "Section/Column"): :func:`row_kind` tells what each is."""
    columns = [grid[j] for j in mapped if j < len(grid)]
    if not columns:
        return set()
    rows = {i for i, cell in enumerate(columns[0]) if cell is None}
    for column in columns[1:]:
        rows = {i for i in rows if column[i] is None}
    return rows


def sparse_rows(rows: list[list], grid: list) -> set[int]:
    """The rows with fewer than two cells that are not None: looked for only where one of the two fullest columns
    is empty (a row with both filled has two cells)."""
    if len(grid) < 2:
        return {i for i, row in enumerate(rows) if len(row) - row.count(None) < 2}
    fullest = sorted(grid, key=lambda column: column.count(None))[:2]
    candidates = set()
    for column in fullest:
        i = -1
        try:
            while True:
                i = column.index(None, i + 1)
                candidates.add(i)
        except ValueError:
            pass
    return {i for i in candidates if len(rows[i]) - rows[i].count(None) < 2}

