"""A status kept as its history in one cell, as a grants tool exports it: "30 Mar 2018: Submitted > 06 Oct 2018:
Evaluation result - rejected", "2021-03-19 SUBMITTED | 2021-07-10 EVALUATED - MAIN LIST | 2021-10-04 GA SIGNED".

The status is the last entry that names one (read by the column's labels); the date of the result, when the table
lacks a column of its own for it and the outcome is a decision (``DECIDED``: funded or not), is the date of the first
entry that says that outcome (the evaluation, not the grant signed after it). A withdrawal or a proposal still
pending has no result date.

A team's own log writes each step's words first and its date after, often to the month ("soumis 06/2021 → liste de
réserve 08/2021 → financé 10/2021", "soumis 06/2021 → retiré"): read the same way, a step without its date allowed
after a dated one; the date of a first step naming a submission fills a filing date the row leaves blank.

Only a column read as the status, most of whose filled cells write two entries at least, one of them dated: a
single status is read as before.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import ParseError
from .linking import with_row_columns
from .reading import RawSheet, is_blank
from .recognised import Recognition

STATUS_COLUMNS = {"eu_proposals": ("status", "result_date")}  # table -> (its status column, its result date column)
DECIDED = frozenset({"funded", "not_funded"})
MIN_SHARE = 0.5  # of the column's filled cells that must be logs
_ENTRIES = re.compile(r"\s*(?:>|\||→|;|\n)\s*")
# an entry's date, then its label: "30 Mar 2018: Submitted", "2021-03-19 SUBMITTED", "06/10/2018 – Rejected"
_ENTRY = re.compile(r"^\s*(\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}\s+[^\W\d_]+\.?\s+\d{4})"
                    r"\s*[:–—-]?\s*(.+?)\s*$", re.DOTALL)
# ... or its words first, then its date: "soumis 06/2021", "financé 10/2021", "liste de réserve T3 2021"
_ENTRY_AFTER = re.compile(r"^\s*(.+?)\s+((?:\d{1,2}[/.-])?\d{1,2}[/.-](?:19|20)\d{2}|[TSQ][1-4]\s+(?:19|20)\d{2}|"
                          r"(?:19|20)\d{2})\s*$", re.DOTALL)


def with_status_logs(sheet: RawSheet, rec: Recognition, ctx) -> tuple[RawSheet, Recognition, str] | None:
    """``sheet`` with each status log read as its last status (and its result date in a column made for it when
    the table has none), ``rec`` reading it and a note; None when the sheet has no such column."""
    columns = STATUS_COLUMNS.get(rec.table)
    match = next((m for m in rec.columns if columns and m.column == columns[0]), None)
    if match is None:
        return None
    rows = sheet.rows[rec.header_index + 1:]
    cells = [r[match.index] if match.index < len(r) else None for r in rows]
    logs = [_entries(c, ctx.parsers) for c in cells]
    filled = [c for c in cells if not is_blank(c)]
    if not filled or sum(len(e) >= 2 for e in logs) < MIN_SHARE * len(filled):
        return None
    read = [_read(entries, rec.table, columns[0], ctx) if entries else (cell, None)  # one entry: its label
            for cell, entries in zip(cells, logs, strict=True)]
    out = [list(r) for r in sheet.rows]
    filed = next((m.index for m in rec.columns if m.column == "submission_date"), None)
    for offset, (label, _) in enumerate(read, start=rec.header_index + 1):
        out[offset] = out[offset] + [None] * (max(match.index, filed or 0) + 1 - len(out[offset]))
        out[offset][match.index] = label
        entries = logs[offset - rec.header_index - 1]
        if filed is not None and is_blank(out[offset][filed]) and len(entries) >= 2 and entries[0][0] and \
                _code(entries[0][1], rec.table, columns[0], ctx.codebook)[1] == "pending":
            out[offset][filed] = entries[0][0]  # "soumis 06/2021 → …": filed in June 2021
    sheet = replace(sheet, rows=out)
    note = f"'{match.header}' is a history of statuses: its last status read"
    if not any(m.column == columns[1] for m in rec.columns):
        sheet, rec = with_row_columns(sheet, rec, {columns[1]: [day for _, day in read]})
        note += ", and the date of the evaluation's outcome as the result date"
    return sheet, rec, note


def _entries(cell, parsers) -> list[tuple[str | None, str]]:
    """(date as written, label) of each entry of a log cell; [] when the cell is not such a log."""
    if not isinstance(cell, str):
        return []
    parts = [p for p in _ENTRIES.split(cell.strip()) if p]
    found = [(m[1], m[2]) for p in parts if (m := _ENTRY.match(p)) and parsers.day_of(m[1]) is not None]
    if len(found) == len(parts):
        return found
    after = [(m[2], m[1]) if (m := _ENTRY_AFTER.match(p)) and _dated(m[2], parsers) else (None, p.strip())
             for p in parts]  # "soumis 06/2021 → retiré": the withdrawal undated
    if "→" in cell and after[0][0] is not None:
        return after
    # a shared tracker's "date + news" typed without the year: "soumis le 05/08 ; 07/09 : rejeté (sous le seuil)"
    return [(None, p.strip()) for p in parts] if len(parts) >= 2 and _DAY_AND_MONTH.search(parts[0]) else []


_DAY_AND_MONTH = re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}(?![\d/])")  # "05/08": a day of the log's year


def _dated(text: str, parsers) -> bool:
    try:
        return parsers.parse_date(text) is not None
    except ParseError:
        return False


def _read(entries: list[tuple[str, str]], table: str, column: str, ctx) -> tuple[str, str | None]:
    """(the label of the last status, the date of the first entry that says the final outcome when it is a decision)."""
    coded = [(day, *_code(label, table, column, ctx.codebook)) for day, label in entries]
    known = [(day, label, code) for day, label, code in coded if code is not None]
    if not known:
        return entries[-1][1], None
    final = known[-1][2]
    first = next(day for day, _, code in known if code == final) if final in DECIDED else None
    return known[-1][1], first


def _code(label: str, table: str, column: str, codebook) -> tuple[str, str | None]:
    """(the words of an entry that name a status, that status): its label's, else its last part's ("Evaluation
    result - rejected": "rejected"); (label, None) when it names none."""
    parts = [p for p in re.split(r"\s+[-–—:]\s+", label) if p.strip()]
    tails = (" - ".join(parts[k:]) for k in range(len(parts)))
    return next(((tail, code) for tail in tails if (code := codebook.find(table, column, tail))), (label, None))
