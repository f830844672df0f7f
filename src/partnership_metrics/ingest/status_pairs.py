"""A proposal's outcome told by two columns: a portal's export keeps the proposal's status ("SUBMITTED", "EVALUATED",
"WITHDRAWN", "GRANT SIGNED") beside its evaluation result ("MAIN LIST", "REJECTED", "RESERVE LIST", empty while
under evaluation). Read alone, the result leaves a withdrawn or pending proposal without a status and a reserve-listed
one called up (its grant signed) not funded. Each row takes the furthest outcome either column states: funded, then
not funded, then withdrawn, then pending.

A reserve-listed proposal (its evaluation result "RESERVE LIST") is pending while no result date is written beside
it, not funded once one is, funded when the amount it was granted is written: it was called up
(:func:`with_reserve_lists_closed`). Only a column headed as the evaluation's result ("Evaluation result",
"Résultat", "Outcome") is so read: a tracker's "Statut" says where the proposal stands now, and "Liste de réserve"
there means still waiting.

A column is read so when recognition left it out, its header names the status column first, and at least
:data:`MIN_SHARE` of its labels are status labels naming at least two outcomes."""

from __future__ import annotations

from dataclasses import replace

from ..textnorm import fold
from .codebook import CodeBook
from .reading import RawSheet, is_blank
from .recognition import Recogniser, Recognition, header_cells

FURTHEST = {"funded": 3, "not_funded": 2, "withdrawn": 1, "pending": 0}
MIN_SHARE = 0.6  # of its distinct labels (a portal's "EVALUATED" names no outcome)
SAMPLE = 200


def with_second_status(sheet: RawSheet, rec: Recognition, recogniser: Recogniser,
                       codebook: CodeBook) -> RawSheet | None:
    """``sheet`` with each row's status cell holding the label of the furthest outcome of its two status columns,
    or None when the sheet has one status column."""
    status = next((m.index for m in rec.columns if m.column == "status"), None)
    if rec.table != "eu_proposals" or status is None or rec.header_index >= len(sheet.rows):
        return None
    data = sheet.rows[rec.header_index + 1:]
    mapped = {m.index for m in rec.columns}
    for j, header in header_cells(sheet.rows[rec.header_index]):
        candidates = recogniser.cell_candidates(rec.table, header)
        if j in mapped or not candidates or candidates[0][0] != "status":
            continue
        labels = {str(r[j]).strip() for r in data[:SAMPLE] if j < len(r) and not is_blank(r[j])}
        codes = {label: codebook.find(rec.table, "status", label) for label in labels}
        if len(set(codes.values()) - {None}) >= 2 and sum(c is not None for c in codes.values()) >= MIN_SHARE * len(
                labels):
            return replace(sheet, rows=_furthest(sheet.rows, rec.header_index, status, j, codebook))
    return None


def _furthest(rows: list[list], header_index: int, status: int, other: int, codebook: CodeBook) -> list[list]:
    def outcome(row: list, j: int):
        cell = row[j] if j < len(row) else None
        if is_blank(cell):
            return -1, cell
        code = codebook.find("eu_proposals", "status", str(cell).strip())
        return (FURTHEST.get(code, -1), cell)

    out = list(rows)
    for offset in range(header_index + 1, len(rows)):
        row = rows[offset]
        (mine, _), (theirs, label) = outcome(row, status), outcome(row, other)
        if theirs > mine:
            row = [*row, *[None] * (status + 1 - len(row))]
            row[status] = label
            out[offset] = row
    return out


def with_outcomes(sheet: RawSheet, rec: Recognition, recogniser: Recogniser, codebook: CodeBook, words) -> RawSheet:
    """``sheet`` with each proposal's status as the other columns tell it: the stage it stopped at
    (:func:`with_stage_outcomes`), a second status column (:func:`with_second_status`), a reserve list closed
    (:func:`with_reserve_lists_closed`)."""
    sheet = with_stage_outcomes(sheet, rec, codebook, words) or sheet
    sheet = with_second_status(sheet, rec, recogniser, codebook) or sheet
    sheet = with_reserve_outcomes_remarked(sheet, rec, codebook, words) or sheet
    return with_reserve_lists_closed(sheet, rec, codebook, words) or sheet


UNDER_EVALUATION = "under evaluation"  # a label of codes.yaml's pending


def with_stage_outcomes(sheet: RawSheet, rec: Recognition, codebook: CodeBook, words) -> RawSheet | None:
    """``sheet`` with each blank final result read from the proposal's evaluation stages, kept as columns before it
    ("Éligibilité | Étape 1 | Étape 2 | Résultat final"): the furthest outcome a stage states ("Non éligible",
    "Rejeté": not funded), else pending when a stage is written (the proposal is under evaluation). None when the
    sheet has no such stages (headers of ``evaluation_stage_words`` left out by recognition, one of them at least
    stating an outcome) or no blank result after them."""
    status = next((m.index for m in rec.columns if m.column == "status"), None)
    if rec.table != "eu_proposals" or status is None or rec.header_index >= len(sheet.rows):
        return None
    mapped = {m.index for m in rec.columns}
    stages = [j for j, header in header_cells(sheet.rows[rec.header_index])
              if j < status and j not in mapped and set(fold(header).split()) & words.evaluation_stage_words]
    data = sheet.rows[rec.header_index + 1:]

    def outcome(cell) -> int:
        return FURTHEST.get(codebook.find(rec.table, "status", str(cell).strip()), -1)

    if not any(outcome(r[j]) >= 0 for r in data[:SAMPLE] for j in stages if j < len(r) and not is_blank(r[j])):
        return None
    out, changed = list(sheet.rows), False
    for offset, row in enumerate(data, start=rec.header_index + 1):
        written = [row[j] for j in stages if j < len(row) and not is_blank(row[j])]
        if not written or (status < len(row) and not is_blank(row[status])):
            continue
        furthest = max(written, key=outcome)
        out[offset] = [*row, *[None] * (status + 1 - len(row))]
        out[offset][status] = furthest if outcome(furthest) >= 0 else UNDER_EVALUATION
        changed = True
    return replace(sheet, rows=out) if changed else None


CLOSED_RESERVE = "reserve list not activated"  # a label of codes.yaml's not_funded
CALLED_UP = "activated from the reserve list"  # a label of codes.yaml's funded


def with_reserve_lists_closed(sheet: RawSheet, rec: Recognition, codebook: CodeBook, words) -> RawSheet | None:
    """``sheet`` with a reserve-listed proposal whose result date is written read as not funded (it was not called
    up: a call up says funded), or as funded when the amount it was granted is written; None when no row is such."""
    status = next((m for m in rec.columns if m.column == "status"), None)
    dated = next((m.index for m in rec.columns if m.column == "result_date"), None)
    granted = next((m.index for m in rec.columns if m.column == "granted_eur"), None)
    if rec.table != "eu_proposals" or status is None or dated is None or not set(
            fold(status.header).split()) & words.evaluation_result_words:
        return None  # a tracker's "Statut: Liste de réserve" is where the proposal stands now: still waiting
    status = status.index
    out, changed = list(sheet.rows), False
    for offset in range(rec.header_index + 1, len(sheet.rows)):
        row = sheet.rows[offset]
        cell = row[status] if status < len(row) else None
        if (is_blank(cell) or dated >= len(row) or is_blank(row[dated])
                or codebook.find(rec.table, "status", str(cell).strip()) != "pending"
                or not any(w in fold(str(cell)) for w in words.reserve_list_words)):
            continue
        called_up = granted is not None and granted < len(row) and _some_amount(row[granted])
        out[offset] = [*row[:status], CALLED_UP if called_up else CLOSED_RESERVE, *row[status + 1:]]
        changed = True
    return replace(sheet, rows=out) if changed else None


def with_reserve_outcomes_remarked(sheet: RawSheet, rec: Recognition, codebook: CodeBook, words) -> RawSheet | None:
    """``sheet`` with a reserve-listed proposal read as its comment says the reserve list ended ("Comments: Reserve
    list not activated – not funded", "Liste de réserve activée – GA signée"): a remark that names the reserve list
    and an outcome; None when no row has one. Other remarks say nothing of the status."""
    status = next((m.index for m in rec.columns if m.column == "status"), None)
    if rec.table != "eu_proposals" or status is None or rec.header_index >= len(sheet.rows):
        return None
    mapped = {m.index for m in rec.columns}
    remarks = [j for j, header in header_cells(sheet.rows[rec.header_index])
               if j not in mapped and fold(header).split()[:1] and fold(header).split()[0] in words.comment_header_words]
    out, changed = list(sheet.rows), False
    for offset in range(rec.header_index + 1, len(sheet.rows)):
        row = sheet.rows[offset]
        cell = row[status] if status < len(row) else None
        if is_blank(cell) or codebook.find(rec.table, "status", str(cell).strip()) != "pending":
            continue
        said = {codebook.find(rec.table, "status", str(row[j]).strip()) for j in remarks if j < len(row)
                and isinstance(row[j], str) and any(w in fold(row[j]) for w in words.reserve_list_words)}
        if len(said) == 1 and (outcome := said.pop()) in ("funded", "not_funded"):
            out[offset] = [*row[:status], CALLED_UP if outcome == "funded" else CLOSED_RESERVE, *row[status + 1:]]
            changed = True
    return replace(sheet, rows=out) if changed else None


def _some_amount(cell) -> bool:
    """Whether a granted amount is written: a number above zero, or a text with a digit other than 0 ("1,2 M€")."""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return cell > 0
    return isinstance(cell, str) and any(ch in "123456789" for ch in cell)
