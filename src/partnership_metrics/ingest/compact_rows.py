"""A pivot table's rows in compact form, pasted as values: its first column headed by two row fields ("Programme /
Année"), the outer one written once on a row of its own above its group ("ERC", "Mission Cancer (Horizon Europe)"),
the inner one on its group's lines (a year, on the first line of each). The column reads as the outer field, the
column the header's first part names: each line's value is its group's heading, carried down (the headings and the
groups' totals, "Total ERC", are dropped as section and total rows; the inner field is left out)."""

from __future__ import annotations

import re
from dataclasses import replace

from .reading import RawSheet, is_blank
from .recognition import Recogniser, Recognition

_FIELDS = re.compile(r"\s+/\s+|\s*>\s*")  # "Programme / Année", "Programme > Année"
MIN_GROUPS = 2  # headings that make the sheet a pivot's compact rows


def with_compact_rows(sheet: RawSheet, rec: Recognition, recogniser: Recogniser) -> tuple[RawSheet, Recognition]:
    """``sheet`` and ``rec`` with the column the first part of a compact header names read from its groups'
    headings; unchanged when the sheet has no such column."""
    for m in rec.columns:
        parts = [p for p in _FIELDS.split(m.header.strip()) if p]
        if len(parts) != 2 or m.index != 0:
            continue
        outer = next((c for c, _ in recogniser.cell_candidates(rec.table, parts[0])[:1]), None)
        if outer != m.column:
            continue
        first = rec.header_index + 1
        values = _carried(sheet.rows[first:], m.index)
        if values is None:
            continue
        rows = list(sheet.rows)
        for i, value in enumerate(values, start=first):
            if value is not None and not isinstance(rows[i][m.index], str):  # a year, or blank: the group's line
                rows[i] = [value if j == m.index else c for j, c in enumerate(rows[i])]
        return replace(sheet, rows=rows), rec
    return sheet, rec


def _carried(rows: list[list], index: int) -> list | None:
    """Each row's group heading (the last row above it holding text in column ``index`` alone), or None when fewer
    than :data:`MIN_GROUPS` headings head lines; a blank row ends a group."""
    values, heading, headings = [], None, 0
    for row in rows:
        filled = [j for j, c in enumerate(row) if not is_blank(c)]
        if filled == [index] and isinstance(row[index], str):
            heading, headings = row[index].strip(), headings + 1
            values.append(None)
        elif not filled:
            heading = None
            values.append(None)
        else:
            values.append(heading)
    return values if headings >= MIN_GROUPS and sum(v is not None for v in values) >= MIN_GROUPS else None
