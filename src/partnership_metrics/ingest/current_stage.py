"""A register's current stage and its date, side by side ("Stage | Stage date": "Licence signed | 21/05/2019"), as
a deal-flow tracker keeps them beside a sheet of its stage history: the date is the named milestone's (here the
licence date), never the detection date its header might otherwise be read as.

A pair is read so when the stage column's labels name at least two of the table's date columns (read as headers
would be, as for a log of milestones) and the date column's header shares a word with the stage column's
("Stage date", "Date étape", "Date du statut"; a bare "Date" may be the register's own). Each row's date becomes a column of the
milestone its stage names. A CRM's "Close Date" beside its "Stage" is paired the same way, on the rows of a closed
deal only ("Closed Won - Licence signed", "Closed Lost - Abandoned"): an open deal's close date is a forecast. A task
tool's "Completed At" beside the section a task sits in is paired too: a completed task reached its section's stage.
A required date the register then no longer has (the detection date of a project past
that stage) is pending: a log of milestones of the same ids completes it (:mod:`.complements`); a row left without
it is quarantined with why."""

from __future__ import annotations

from dataclasses import replace

from ..schemas import TABLES
from ..textnorm import fold
from .linking import with_row_columns
from .milestone_log import holds_dates, named_dates
from .normalising import Context
from .reading import RawSheet
from .recognition import Recogniser, Recognition, header_cells

SAMPLE = 200  # data rows a pair is judged on
MAX_LABELS = 40  # a column with more distinct values is no list of stages


def _text(cell) -> str:
    return " ".join(str(cell).split()) if isinstance(cell, str) else ""


def with_current_stage(sheet: RawSheet, rec: Recognition, recogniser: Recogniser,
                       ctx: Context) -> tuple[RawSheet, Recognition] | None:
    """``(sheet, rec)`` with a column per milestone the stage column names, filled from the stage date, and the
    required dates that only a log of milestones can now give pending; None when the sheet has no such pair."""
    table = TABLES[rec.table]
    dates = {c.name for c in table.raw_columns if c.kind == "date"}
    if len(dates) < 3 or rec.grid is not None or rec.header_index >= len(sheet.rows):
        return None
    headers = header_cells(sheet.rows[rec.header_index])
    data = sheet.rows[rec.header_index + 1:]
    by_index = {m.index: m for m in rec.columns}
    for j, stage_header in headers:
        if j in by_index and (by_index[j].column in dates or table.column(by_index[j].column).kind == "text"):
            continue  # a date, or the titles (a task tool's subtasks are named after milestones: no stages)
        labels = {_text(r[j]) for r in data[:SAMPLE] if j < len(r) and _text(r[j])} - {stage_header}  # its copies
        if not 2 <= len(labels) <= MAX_LABELS:
            continue
        named = named_dates(rec.table, labels, recogniser, dates)
        if len(set(named.values())) < 2 or len(named) < len(labels) / 2:
            continue
        k = _stage_date(headers, data, j, stage_header, recogniser, ctx, sheet.month_first)
        if k is not None:
            return _read_pair(sheet, rec, j, k, named, dates)
        k = next((k for k, text in headers if k != j and fold(text) in ctx.words.close_date_headers
                  and holds_dates(data[:SAMPLE], k, ctx, sheet.month_first)), None)
        closed = {label: column for label, column in named.items()
                  if set(fold(label).split()) & ctx.words.closed_stage_words}
        if k is not None and closed:  # "Stage | Close Date": a closed deal's date only (an open one's is a forecast)
            return _read_pair(sheet, rec, j, k, closed, dates)
        k = next((k for k, text in headers if k != j and fold(text) in ctx.words.completion_date_headers
                  and holds_dates(data[:SAMPLE], k, ctx, sheet.month_first)), None)
        if k is not None:  # "Section/Column | Completed At": a task completed in "Abandonnés" was abandoned then
            return _read_pair(sheet, rec, j, k, named, dates)
    return None


def _stage_date(headers, data, j: int, stage_header: str, recogniser: Recogniser, ctx: Context,
                month_first: bool) -> int | None:
    stage_words = set(recogniser.words_of(stage_header))
    for k, text in headers:
        words = set(recogniser.words_of(text))
        own = words - recogniser.date_words
        if k == j or not words & recogniser.date_words or not own or not own <= stage_words:
            continue  # "Stage date" beside "Stage": the stage's date; "Date de détection", a bare "Date": their own
        if holds_dates(data[:SAMPLE], k, ctx, month_first):
            return k
    return None


def _read_pair(sheet: RawSheet, rec: Recognition, j: int, k: int, named: dict[str, str],
               dates: set[str]) -> tuple[RawSheet, Recognition]:
    kept = [m for m in rec.columns if m.index != k]
    mapped = {m.column for m in kept}
    made = sorted(set(named.values()) - mapped)
    values = {column: [] for column in made}
    for row in sheet.rows[rec.header_index + 1:]:
        label, date = _text(row[j]) if j < len(row) else "", row[k] if k < len(row) else None
        for column in made:
            values[column].append(date if named.get(label) == column else None)
    table = TABLES[rec.table]
    pending = frozenset(c for c in table.required if c in dates and c not in mapped)
    sheet, rec = with_row_columns(sheet, replace(rec, columns=kept), values)
    return sheet, replace(rec, pending=pending)
