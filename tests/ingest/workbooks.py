"""Workbooks written by the tests: sheets of rows, with merged cells where a layout needs them."""

from __future__ import annotations

from pathlib import Path


def write_workbook(path: Path, sheets: dict[str, list[list]], merged: dict[str, list[str]] | None = None) -> Path:
    """``path`` written as an xlsx workbook of ``sheets`` (title -> rows), with the ``merged`` ranges of each."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        for cells in (merged or {}).get(title, []):
            ws.merge_cells(cells)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
