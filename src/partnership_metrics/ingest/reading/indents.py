"""Text cells indented by their format (Excel's "Increase indent", the outline of a Smartsheet or MS Project export:
each company's line, then its rounds' lines indented under it): the reader writes the indentation as the leading
spaces a reader of the sheet sees, so such a line reads as one indented with spaces (``ingest/marked_lines.py``)."""

from __future__ import annotations

import re
import zipfile

from .archives import styled_cells, styles_xml

SPACES_PER_LEVEL = 4  # Excel shows one level of indent about as wide as three or four spaces
MAX_LEVEL = 15  # Excel's own limit; a larger value is no indent a person set
MAX_INDENTED_BYTES = 4 * 1024 * 1024  # a sheet's text beyond this (some 40 000 cells) is not looked at for indents

_CELL_XFS = re.compile(rb"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", re.S)
_XF = re.compile(rb"<(?:\w+:)?xf\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?xf>)", re.S)
_INDENT = re.compile(rb'<(?:\w+:)?alignment\b[^>]*?\bindent="(\d+)"')


def indent_styles(zf: zipfile.ZipFile) -> dict[int, int]:
    """Cell style index -> its level of indent, for the styles that indent a cell's text."""
    found = _CELL_XFS.search(styles_xml(zf))
    out = {}
    for index, xf in enumerate(_XF.finditer(found[1]) if found else ()):
        indent = _INDENT.search(xf[1] or b"")
        if indent is not None and 0 < int(indent[1]) <= MAX_LEVEL:
            out[index] = int(indent[1])
    return out


def indented_cells(xml: bytes, styles: dict[int, int]) -> dict[tuple[int, int], int]:
    """(row, column) (1-based) -> level of indent of the cells of a sheet's XML in those styles."""
    return styled_cells(xml, styles)


def with_indents(rows: list[list], first_row: int, cells: dict[tuple[int, int], int]) -> list[list]:
    """``rows`` (``rows[0]`` is row ``first_row``) with each indented text cell of ``cells`` written after the spaces
    of its indent ("Pré-amorçage" indented once: "    Pré-amorçage"); the rows changed are copies."""
    rows, copied = list(rows), set()
    for (row, column), level in cells.items():
        i, j = row - first_row, column - 1
        if not (0 <= i < len(rows) and j < len(rows[i])):
            continue
        if not isinstance(rows[i][j], str) or not rows[i][j].strip():
            continue
        if i not in copied:
            rows[i] = list(rows[i])
            copied.add(i)
        rows[i][j] = " " * (SPACES_PER_LEVEL * level) + rows[i][j]
    return rows
