"""A title written after its project's acronym ("HEPASENS - Therapeutic peptide blocking PD-L1", as a CRM names an
opportunity) when the acronym has a column of its own on the same row: the title is what follows the acronym and its
separator. A title that only begins with the same letters ("MULTIPLEX immunofluorescence …") is kept whole.

A title ending with its acronym in brackets ("Imaging probe for CLDN18 in ovarian cancer (HTMAL)") when no column
holds acronyms and most titles end so: the bracket is the acronym, the rest the title."""

from __future__ import annotations

import re
from dataclasses import replace

from ..schemas import TABLES
from .linking import with_row_columns
from .reading import RawSheet
from .recognition import Recognition

BRACKETED_SHARE = 0.5  # of the filled titles that must end with a bracketed acronym
MIN_BRACKETED = 3
_BRACKETED = re.compile(r"^(.*\S)\s*\(([A-Z][A-Z0-9-]{2,14})\)\s*$", re.DOTALL)  # "… cancer (HTMAL)"; not "(phase II)"

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


def with_bracketed_acronyms(sheet: RawSheet, rec: Recognition) -> tuple[RawSheet, Recognition] | None:
    """``(sheet, rec)`` with the acronym bracketed at the end of most titles read as the acronym and cut from the
    title, when the table has an acronym column and the sheet none; else None."""
    by_column = {m.column: m.index for m in rec.columns}
    title = by_column.get("title")
    if title is None or "acronym" in by_column or "acronym" not in TABLES[rec.table].raw_column_names:
        return None
    rows = sheet.rows[rec.header_index + 1:]
    texts = [row[title] if title < len(row) and isinstance(row[title], str) else None for row in rows]
    found = [_BRACKETED.match(t) if t is not None else None for t in texts]
    written, bracketed = sum(1 for t in texts if t and t.strip()), sum(1 for f in found if f)
    if bracketed < max(MIN_BRACKETED, BRACKETED_SHARE * written):
        return None
    cut = [[*row[:title], f.group(1), *row[title + 1:]] if f else row for row, f in zip(rows, found, strict=True)]
    sheet = replace(sheet, rows=[*sheet.rows[:rec.header_index + 1], *cut])
    return with_row_columns(sheet, rec, {"acronym": [f.group(2) if f else None for f in found]})
