"""A title written after its project's acronym ("HEPASENS - Therapeutic peptide blocking PD-L1", as a CRM names an
opportunity) when the acronym has a column of its own on the same row: the title is what follows the acronym and its
separator. A title that only begins with the same letters ("MULTIPLEX immunofluorescence …") is kept whole."""

from __future__ import annotations

import re
from dataclasses import replace

from .reading import RawSheet
from .recognition import Recognition

_AFTER = re.compile(r"\s*[-–—:|/]\s*(\S.*)$", re.DOTALL)  # "ACR - Title", "ACR – Title", "ACR: Title", "ACR | Title"


def without_acronyms_in_titles(sheet: RawSheet, rec: Recognition) -> RawSheet | None:
    """``sheet`` with each title written as "<its row's acronym> - <title>" cut to the title, or None if none is."""
    by_column = {m.column: m.index for m in rec.columns}
    title, acronym = by_column.get("title"), by_column.get("acronym")
    if title is None or acronym is None or rec.header_index >= len(sheet.rows):
        return None
    rows, changed = list(sheet.rows), False
    for offset in range(rec.header_index + 1, len(rows)):
        row = rows[offset]
        text = row[title] if title < len(row) else None
        short = row[acronym] if acronym < len(row) else None
        if not (isinstance(text, str) and isinstance(short, str) and short.strip()):
            continue
        short, text = short.strip(), text.lstrip()
        cut = _AFTER.match(text, len(short)) if text.startswith(short) else None  # (no pattern made per row)
        if cut:
            row = list(row)
            row[title] = cut.group(1).strip()
            rows[offset], changed = row, True
    return replace(sheet, rows=rows) if changed else None
