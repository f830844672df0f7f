"""Several records written on one row, one per line of its cells, as a team stacks a project's funding lines in the
cells of one row: "FIN-2022-025⏎FIN-2022-026" under "Réf. fin.", "CPP⏎IT" under "Financeur", "30.000 €⏎230 KEUR"
under "Montant". Line k of each cell is record k; a cell of one line says it of every record of the row.

Read so when the table's key cell holds several lines on :data:`MIN_ROWS` rows at least, and every cell of those
rows that holds several lines holds as many. A row whose lines do not pair up (two references beside three funders) is
quarantined with why, never paired by guess."""

from __future__ import annotations

from ..schemas import TABLES
from .code_lists import UnlistedCode
from .reading import RawSheet
from .recognised import Recognition

MIN_ROWS = 2
UNPAIRED = "several records on one row whose cells' lines do not pair up: write one record per row"


def _lines(cell) -> list[str]:
    return [line.strip() for line in cell.splitlines() if line.strip()] if isinstance(cell, str) else []


def parallel_lines(sheet: RawSheet, rec: Recognition) -> tuple[list[list], list[tuple[int, None]]] | None:
    """(the data rows with each row of parallel lines made one row per line, the spreadsheet row of each), or None
    when the sheet has no such rows."""
    key = TABLES[rec.table].key
    index = next((m.index for m in rec.columns if len(key) == 1 and m.column == key[0]), None)
    if index is None:
        return None
    rows = sheet.rows[rec.header_index + 1:]
    counts = [len(_lines(r[index])) if index < len(r) else 0 for r in rows]
    stacked = [i for i, n in enumerate(counts) if n > 1]
    mapped = rec.mapped_indexes
    paired = {i for i in stacked if all(len(_lines(c)) in (0, 1, counts[i]) for j, c in enumerate(rows[i]) if j in mapped)}
    if len(paired) < MIN_ROWS:
        return None
    first = sheet.first_row + rec.header_index + 1
    out, origins = [], []
    for offset, row in enumerate(rows):
        n = counts[offset] if offset in paired else 1
        if n == 1 and counts[offset] > 1:  # its reference read unreadable: the row quarantined, with why
            row = [*row[:index], UnlistedCode(row[index], UNPAIRED), *row[index + 1:]]
        for k in range(n):
            out.append(row if n == 1 else [_line(c, k, n) for c in row])
            origins.append((first + offset, None))
    return out, origins


def split_lines(cells: list, key: int | None) -> list[list]:
    """``cells`` (one record's) as one list per line of the key's cell when every cell of several lines has as many
    lines; else ``[cells]``."""
    n = len(_lines(cells[key])) if key is not None else 0
    if n < 2 or any(len(_lines(c)) not in (0, 1, n) for c in cells):
        return [cells]
    return [[_line(c, k, n) for c in cells] for k in range(n)]


def _line(cell, k: int, n: int):
    """Line ``k`` of a cell of ``n`` lines; a cell of one line (or none) as it is, for every line."""
    lines = _lines(cell)
    return lines[k] if len(lines) == n else cell
