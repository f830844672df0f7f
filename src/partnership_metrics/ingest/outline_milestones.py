"""A register kept as an outline (a Smartsheet or MS Project export): each project's row, then the indented rows of
its milestones ("    Invention disclosure | … | 11/14/2018 | Done ✓"), which have no id of their own and write the
milestone's date in the register's one date column; or a task tool's export (Asana), each subtask naming its parent
task by title ("Parent task") and dated when completed ("Completed At"). Each milestone's date becomes its project's value of that date
column; a milestone not done yet (its "Done" box unticked, "(target)") is planned and sets nothing. The milestone
rows themselves are then continuations of their project's row (dropped as such, see continuations.py)."""

from __future__ import annotations

from dataclasses import replace

from ..schemas import TABLES
from ..textnorm import fold
from .linking import with_row_columns
from .milestone_log import named_dates
from .reading import RawSheet, is_blank
from .recognised import Recognition

MIN_MILESTONE_ROWS = 2  # rows of milestones under their projects that make a register an outline


def with_outline_milestones(sheet: RawSheet, rec: Recognition, recogniser, parsers) -> tuple[RawSheet, Recognition] | None:
    """``sheet`` with a column ``[<date column>]`` per milestone its outline rows give, filled on their projects'
    rows, and ``rec`` reading them; None when the sheet is no outline of milestones."""
    table = TABLES[rec.table]
    dates = {c.name for c in table.raw_columns if c.kind == "date"}
    by_column = {m.column: m.index for m in rec.columns}
    key, label = by_column.get(table.key[0]), by_column.get("title")
    if len(dates) < 3 or key is None or label is None:
        return None
    data = sheet.rows[rec.header_index + 1:]
    children = [r for r in data if _cell(r, key) is None and isinstance(_cell(r, label), str)]
    when = _milestone_dates(sheet, rec, children, dates, parsers, recogniser)
    if when is None:
        return None
    if (mapped := next((m for m in rec.columns if m.index == when), None)) is not None and not any(
            _cell(r, when) is not None for r in data if _cell(r, key) is not None):
        rec = replace(rec, columns=[m for m in rec.columns if m is not mapped])  # "Milestone date", empty on the
        by_column.pop(mapped.column)  # projects' rows, read as their detection date: the milestones' column
    done = _done_column(sheet, rec, recogniser)
    labels = {_text(r[label]) for r in children}
    named = named_dates(rec.table, {t for t in labels if t}, recogniser, dates - set(by_column))
    if not named:
        return None
    found: list[dict[str, object]] = [{} for _ in data]
    parent, milestones = None, 0
    named_by = _parent_column(sheet, rec, recogniser)
    titled = {_text(r[label]): i for i, r in enumerate(data) if _cell(r, key) is not None and _cell(r, label)}
    for i, row in enumerate(data):
        if _cell(row, key) is not None:
            parent = i
            continue
        if named_by is not None:  # a subtask listed anywhere, its parent named by title ("Parent task")
            parent = titled.get(_text(_cell(row, named_by)))
        column = named.get(_text(_cell(row, label)))
        if parent is None or column is None or _cell(row, when) is None:
            continue
        milestones += 1
        if _planned(_text(_cell(row, label)), _cell(row, done) if done is not None else None, recogniser, parsers):
            continue  # "Licence signed (target)", its "Done" box unticked: what is expected, not what happened
        found[parent][column] = row[when]
    if milestones < MIN_MILESTONE_ROWS:
        return None
    columns = sorted({c for row in found for c in row})
    return with_row_columns(sheet, rec, {c: [row.get(c) for row in found] for c in columns}) if columns else None


def _milestone_dates(sheet: RawSheet, rec: Recognition, children: list[list], dates: set[str], parsers,
                     recogniser) -> int | None:
    """The column of the milestones' dates: the register's one date column, or a column left unread that holds
    dates on the milestones' rows ("Date jalon" beside the project's "Date de détection", a task's "Completed At"
    beside its "Created At" and "Due Date"); None when neither."""
    dated = [m.index for m in rec.columns if m.column in dates]
    if len(dated) > 1 and _parent_column(sheet, rec, recogniser) is None:
        return None
    dated = dated if len(dated) == 1 else []  # subtasks naming their parent: dated in a column of their own
    header = sheet.rows[rec.header_index]
    width = len(header)
    unread = [j for j in range(width) if j not in rec.mapped_indexes and not _not_when_done(header[j], recogniser)]
    counts = {j: sum(1 for r in children if _is_date(_cell(r, j), parsers)) for j in (*dated, *unread)}
    best = max(counts, key=counts.get, default=None)
    return best if best is not None and counts[best] >= MIN_MILESTONE_ROWS else None


def _not_when_done(cell, recogniser) -> bool:
    """Whether a header dates the record ("Created At", "Last Modified") or what was planned ("Due Date")."""
    words = fold(cell).split() if isinstance(cell, str) else []
    return bool(set(words) & (recogniser.record_date_words | recogniser.planned_date_words)
                or words[:1] and words[0] in recogniser.due_words)


def _parent_column(sheet: RawSheet, rec: Recognition, recogniser) -> int | None:
    """The unread column where a task tool's subtask names its parent task by title ("Parent task")."""
    found = [j for j, cell in enumerate(sheet.rows[rec.header_index]) if j not in rec.mapped_indexes
             and isinstance(cell, str) and fold(cell) in recogniser.words.parent_task_headers]
    return found[0] if len(found) == 1 else None


def _is_date(cell, parsers) -> bool:
    return cell is not None and not isinstance(cell, (bool, int, float)) and parsers.is_date(cell)  # (no bare year)


def _cell(row: list, index: int | None):
    value = row[index] if index is not None and index < len(row) else None
    return None if is_blank(value) else value


def _text(cell) -> str:
    return " ".join(str(cell).split()) if cell is not None else ""


def _done_column(sheet: RawSheet, rec: Recognition, recogniser) -> int | None:
    """The unread column of the header saying whether each milestone was reached ("Done", "Fait", "Réalisé")."""
    header = sheet.rows[rec.header_index]
    found = [j for j, cell in enumerate(header) if j not in rec.mapped_indexes and isinstance(cell, str)
             and set(fold(cell).split()) & recogniser.done_words]
    return found[0] if len(found) == 1 else None


def _planned(label: str, done, recogniser, parsers) -> bool:
    if set(fold(label).split()) & recogniser.planned_date_words:
        return True
    if done is None:
        return False
    try:
        return parsers.parse_bool(done) is False
    except Exception:  # an answer that is no yes or no says nothing of it
        return False
