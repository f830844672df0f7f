"""Attendance kept as a matrix: one row per person, one column per session ("NOM | Prénom | Établissement |
EVT-21-03 27/05/2021 | EVT-21-07 13/09/2021 | …"), a presence mark in each cell ("P", "x", "abs.", empty), as a
training cycle's sign-in grid is kept.

Each cell that says the person came becomes one attendance row: the person and their columns from the row, the
event from the column's header (its first word, the session's reference). A cell that says the person did not come
("abs.", "excusé") or an empty one gives nothing; a row with no session attended is dropped with its reason, so
every raw row is accounted for. A sheet is read so only when it was recognised as attendance without an event
column, has at least two session columns, and every mark in them is a presence value of ``vocab/words.yaml`` or a
mark a legend above the header explains ("R = arrivé en retard (présent)"). The sessions may be named in a row of
sub-headers below a merged "Sessions" group.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..textnorm import fold
from .normalising import Context, SheetResult
from .per_parent import normalise_per_parent
from .presence import legend_marks, presence_mark
from .reading import RawSheet, is_blank
from .recognition import SAMPLE_ROWS, Recognition, header_cells

MIN_SESSIONS = 2
_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b")
_DIGITS = re.compile(r"\d")
_REFERENCE = re.compile(r"[A-Za-z]+[-_ ]?\d+(?:[-_./]\d+)*")  # "EVT-21-03", "S1", "M2", "AT-2022-04"


@dataclass
class Matrix:
    """The session columns of an attendance matrix: column index -> (header, the session's reference)."""

    sessions: dict[int, tuple[str, str]]
    legend: dict[str, bool]  # the marks a legend above the header explains (folded mark -> came)


def find_presence_matrix(sheet: RawSheet, rec: Recognition, ctx: Context) -> Matrix | None:
    """The session columns of ``sheet`` when it is an attendance matrix, else None."""
    if rec.table != "event_attendance":
        return None
    events = {m.index for m in rec.columns if m.column == "event_id"}  # the first session's header may be taken
    if not events and rec.context_key != "event_id":
        return None
    mapped = rec.mapped_indexes - events
    headers, first = _session_headers(sheet, rec, mapped, ctx)
    below = sheet.rows[first : first + SAMPLE_ROWS]
    sessions = {}
    legend = legend_marks(sheet.rows[: rec.header_index], ctx.words)
    for index, text in headers:
        words = text.split()
        # the session's reference: the header's first word, or a later one ("Module 1 EV22-01 25-janv.-22")
        reference = next((w for w in words if _REFERENCE.fullmatch(w) and len(_DIGITS.findall(w)) >= 3),
                         words[0] if words else "")
        dated = bool(_DATE.search(text))
        # "EVT-21-03", "EV2103 27/05/2021": a session; "Q1 Satisfait ?" is a survey's question
        if index in mapped or not _REFERENCE.fullmatch(reference) or not (
                dated or len(_DIGITS.findall(reference)) >= 3):
            continue
        marks = _marks(below, index) or _marks(sheet.rows[first:], index)  # a session few came to: all its rows
        if marks and all(_came(m, legend, ctx) is not None for m in marks):
            sessions[index] = (text, reference)
    numbered = {i for i in events - set(sessions) if _line_numbers(below, i)}  # "N°" taken for the event
    enough = len(sessions) >= MIN_SESSIONS and events <= set(sessions) | numbered
    return Matrix(sessions, legend) if enough else None


def _marks(rows: list[list], index: int) -> list:
    """The marks of column ``index`` in ``rows``: not a row of the sessions' dates, nor a count row."""
    return [r[index] for r in rows if index < len(r) and not is_blank(r[index])
            and not isinstance(r[index], (dt.date, int, float))
            and not (isinstance(r[index], str) and _DATE.fullmatch(r[index].strip()))]


def _came(mark, legend: dict[str, bool], ctx: Context) -> bool | None:
    """What a cell says of the person: the sheet's legend first ("R = arrivé en retard (présent)"), else the
    reviewed presence values."""
    said = legend.get(fold(mark)) if isinstance(mark, str) and fold(mark) else None  # "✓" folds to nothing
    return said if said is not None else presence_mark(mark, ctx.words)


def _session_headers(sheet: RawSheet, rec: Recognition, mapped: set[int], ctx: Context
                     ) -> tuple[list[tuple[int, str]], int]:
    """(the header cells that may name sessions, the first row of marks): the header row's, and those of a row of
    sub-headers below it ("Sessions" over "Module 1 ANIM-22-02 08/02/2022 | Module 2 …", or each session's reference
    over its date, the person's columns blank there)."""
    cells, first = header_cells(sheet.rows[rec.header_index]), rec.header_index + 1
    if first < len(sheet.rows):
        sub = dict(header_cells(sheet.rows[first]))
        if len(sub) >= MIN_SESSIONS and mapped.isdisjoint(sub) and all(presence_mark(v, ctx.words) is None
                                                                        for v in sub.values()):
            above = dict(cells)  # "EV18-01" over its date "02/06/18": both name the session
            cells, first = sorted({**above, **{i: f"{above.get(i, '')} {v}".strip() for i, v in sub.items()}}.items()), first + 1
    return cells, first


def _line_numbers(rows: list[list], index: int) -> bool:
    """Whether column ``index`` holds only line numbers (1, 2, 3…) or nothing."""
    values = [r[index] for r in rows if index < len(r) and not is_blank(r[index])]
    return all(isinstance(v, (int, float)) and float(v).is_integer() for v in values)


def normalise_matrix(sheet: RawSheet, rec: Recognition, matrix: Matrix, ctx: Context) -> SheetResult:
    """One attendance row per session a person attended, every raw row accounted for."""
    sessions = sorted(matrix.sessions.items())
    result, _ = normalise_per_parent(
        sheet, rec, "event_id", ctx,
        lambda cells: [(text, ref) for index, (text, ref) in sessions if _came(cells[index], matrix.legend, ctx)],
        lambda cells: "no session attended (no presence mark)")
    result.columns = {m.header: m.column for m in rec.columns if m.column != "event_id"}
    result.columns.update({text: "event_id" for text, _ in matrix.sessions.values()})
    result.note = ("attendance matrix: one row per session attended, the event from the column's header ("
                   + ", ".join(repr(fold(ref).upper()) for _, ref in matrix.sessions.values()) + ")")
    return result
