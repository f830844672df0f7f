"""Reading a written sample back, cell by cell, the way ingestion reads it."""

from __future__ import annotations

import csv
from pathlib import Path

from python_calamine import CalamineWorkbook


def read_cells(folder: Path) -> dict[tuple[str, str | None], list[list]]:
    """Every sheet of every file as rows of cell values (a CSV file is one sheet named None)."""
    cells = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".csv":
            with open(path, encoding="cp1252", newline="") as fh:
                cells[(path.name, None)] = list(csv.reader(fh, delimiter=";"))
        else:
            wb = CalamineWorkbook.from_path(str(path))
            for name in wb.sheet_names:
                cells[(path.name, name)] = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return cells


def is_blank(row: list) -> bool:
    return all(v in ("", None) for v in row)


def is_total(row: list) -> bool:
    return str(row[0]).strip().upper().startswith("TOTAL")


def column_cells(cells: dict, truth: dict, column: str) -> list:
    """The non-empty cells under every header whose canonical column is ``column`` (per the truth's sheets)."""
    out = []
    for sh in truth["sheets"]:
        rows = cells[(sh["file"], sh["sheet"])]
        for i, canonical in enumerate(sh["columns"].values()):
            if canonical == column:
                out += [r[i] for r in rows[sh["header_row"]:] if len(r) > i and r[i] not in ("", None)]
    return out
