"""A date column whose header names another column of the table beside it ("DATE ET LIEU", "Lieu / date", "Date &
venue") and whose cells write both, the date and that column's words parted by a comma or a dash ("Marseille,
07/02/2018"): the words are read into that column when no header names it (the date parser reads the date beside
them, see :mod:`.date_text`)."""

from __future__ import annotations

import re

from ..schemas import TABLES
from .date_text import BESIDE
from .linking import with_row_columns
from .reading import RawSheet
from .recognition import Recogniser, Recognition

_JOINED = re.compile(r"\s+(?:et|and|&|/|\+)\s+|\s*/\s*", re.I)  # "DATE ET LIEU", "Lieu / date"
MIN_CELLS = 3


def with_words_beside_dates(sheet: RawSheet, rec: Recognition,
                            recogniser: Recogniser) -> tuple[RawSheet, Recognition] | None:
    """``(sheet, rec)`` with a column of the words written beside each date, when the date's header names the
    column they are; None otherwise."""
    table = TABLES[rec.table]
    read = {m.column for m in rec.columns}
    for m in rec.columns:
        if table.column(m.column).kind != "date" or not _JOINED.search(m.header):
            continue
        others = [part for part in _JOINED.split(m.header) if part.strip()]
        named = {c for part in others for c, _ in recogniser.cell_candidates(rec.table, part)[:1]}
        wanted = [c for c in named - read if table.column(c).kind in ("code", "text", "institution")]
        if len(wanted) != 1:
            continue
        words = [_words_of(row[m.index] if m.index < len(row) else None) for row in sheet.rows[rec.header_index + 1:]]
        if sum(w is not None for w in words) >= MIN_CELLS:
            return with_row_columns(sheet, rec, {wanted[0]: words})
    return None


def _words_of(cell) -> str | None:
    """The words a cell writes beside its date ("Marseille (IPC), 16/05/2018": "Marseille (IPC)"; "01/07/2020 ⏎
    Marseille – Luminy": "Marseille – Luminy"), or None."""
    if not isinstance(cell, str):
        return None
    text = cell.strip()  # a cell of two lines parts them only: "01/07/2020 ⏎ Marseille – Luminy"
    parts = [p.strip() for p in text.split("\n") if p.strip()] if "\n" in text else [p for p in BESIDE.split(text) if p]
    words = [p for p in parts if not any(ch.isdigit() for ch in p)]
    return words[0] if len(parts) == 2 and len(words) == 1 else None
