"""Workbooks written by the tests: sheets of rows, with merged cells where a layout needs them."""

from __future__ import annotations

from pathlib import Path


def write_workbook(path: Path, sheets: dict[str, list[list]], merged: dict[str, list[str]] | None = None,
                   fills: dict[str, dict[str, str]] | None = None) -> Path:
    """``path`` written as an xlsx workbook of ``sheets`` (title -> rows), with the ``merged`` ranges of each and the
    solid ``fills`` of its cells (title -> {"A1" or "A1:C1": "RRGGBB"})."""
    import openpyxl
    from openpyxl.styles import PatternFill

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        for cells in (merged or {}).get(title, []):
            ws.merge_cells(cells)
        for cells, colour in (fills or {}).get(title, {}).items():
            for row in ws[cells] if ":" in cells else ((ws[cells],),):
                for cell in row:
                    cell.fill = PatternFill("solid", fgColor=colour)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
