"""A task tool's export of events (Asana, Planner): "Start Date" is filled only for an event of several days, "Due
Date" always. The date read from the start column is, where that column is empty, the due date: a one-day event's
day. Only beside a start header ("Start Date", "Date de début") and for the date column the due header names too."""

from __future__ import annotations

from dataclasses import replace

from ..schemas import TABLES
from ..textnorm import fold
from .reading import RawSheet, is_blank
from .recognised import Recognition


def with_due_dates(sheet: RawSheet, rec: Recognition, recogniser) -> RawSheet | None:
    """``sheet`` with the empty cells of its start date column taken from its due date column, or None."""
    header = sheet.rows[rec.header_index]
    for m in rec.columns:
        if TABLES[rec.table].column(m.column).kind != "date" or not set(fold(m.header).split()) & recogniser.start_words:
            continue
        due = [j for j, text in enumerate(header) if j not in rec.mapped_indexes and isinstance(text, str)
               and set(fold(text).split()) & recogniser.due_words
               and any(c == m.column for c, _ in recogniser.cell_candidates(rec.table, text))]
        if len(due) != 1:
            continue
        rows, filled = [list(r) for r in sheet.rows], 0
        for row in rows[rec.header_index + 1:]:
            if is_blank(_cell(row, m.index)) and not is_blank(_cell(row, due[0])):
                row.extend([None] * (m.index + 1 - len(row)))
                row[m.index] = row[due[0]]
                filled += 1
        return replace(sheet, rows=rows) if filled else None
    return None


def _cell(row: list, index: int):
    return row[index] if index < len(row) else None
