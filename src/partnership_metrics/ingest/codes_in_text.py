"""A coded column that the column read for it does not say row by row, said by a text of each row instead: a CRM's
fundraising deals read "Deal Stage" ("Closed won") as the round's type while the deal's name says it ("Oncolix -
Pre-seed"); a calendar's "Catégories" holds "Événement" on every line while the description's sentence says what
each event was ("Webinaire organisé par Inserm Transfert.": a webinar, organised by Inserm Transfert).

The column read is set aside when it names no code of its column on most rows ("other" for want of one), or,
where the caller says so, holds one value on every row; a text column that names that column's codes on
:data:`CODED_SHARE` of the rows at least is then copied under ``[<column>]`` (a column ingestion made) and read as
that column; the column set aside is listed with the columns left out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..schemas import TABLES
from .linking import with_row_columns
from .reading import RawSheet, filled_counts, is_blank
from .recognised import Recognition
from .record_kinds import OTHER_KIND

CODED_SHARE = 0.8  # of the rows whose text names a code of the column
SOMETIMES_SAID = 1 / 3  # of the rows left empty in a column: it is written now and then, not missing on a few rows
UNREAD_SHARE = 0.8  # of the rows whose cell in the column read names no code of it


def with_codes_in_text(sheet: RawSheet, rec: Recognition, codebook, texts: list[int] | None = None,
                       constant: bool = False) -> tuple[RawSheet, Recognition]:
    """``sheet`` and ``rec`` with each coded column no column says row by row read from the text that says it;
    ``texts``: the columns to look in (by default the text columns left out, for a column read that says nothing;
    given, for a column not read at all too); ``constant``: a column of one value on every row says nothing row by
    row either."""
    if rec.grid is not None:
        return sheet, rec
    first = rec.header_index + 1
    rows = sheet.rows[first:]
    data = [r for r, n in zip(rows, filled_counts(rows), strict=True) if n and r[0] is not OTHER_KIND]
    if not data:
        return sheet, rec
    taken = {m.column: m for m in rec.columns}
    candidates = texts if texts is not None else [
        j for j, cell in enumerate(sheet.rows[rec.header_index]) if isinstance(cell, str) and j not in rec.mapped_indexes]
    added: list[tuple[int, str]] = []  # (text column, table column)
    for column in (c for c in TABLES[rec.table].columns if c.kind == "code" and c.codes):
        mapped = taken.get(column.name)
        if mapped is None and texts is None:
            continue  # a column not read at all is looked for by its header first (suggest.complete_by_guess)
        if mapped is not None and not _says_nothing(data, mapped.index, rec.table, column.name, codebook, constant):
            continue
        for j in candidates:
            texts_j = Counter(r[j] for r in data if j < len(r) and isinstance(r[j], str))
            if sum(n for text, n in texts_j.items() if codebook.find(rec.table, column.name, text) is not None) >= (
                    CODED_SHARE * len(data)):
                added.append((j, column.name))
                break
    sheet, rec = _with_copies(sheet, rec, added) if added else (sheet, rec)
    return _filled_where_empty(sheet, rec, codebook, data)


def _filled_where_empty(sheet: RawSheet, rec: Recognition, codebook, data: list[list]) -> tuple[RawSheet, Recognition]:
    """``sheet`` and ``rec`` with each required coded column read, left empty on some rows, said there by the row's
    title when it names its codes on :data:`CODED_SHARE` of those rows: a calendar's descriptions give "Type :
    atelier" on some events only, each event's title ("Formation business model") says the others' (its first word
    when the whole title names two: "Atelier pitch" is a workshop). Only for a column left empty on
    :data:`SOMETIMES_SAID` of the rows at least: one empty on a row or two misses a required value (quarantined).
    The column is copied under ``[<column>]``, filled so, and read instead."""
    taken = {m.column: m for m in rec.columns}
    texts = [m.index for m in rec.columns if m.column == "title"]  # what a record is (a call's id is no programme
    # where a grouped report writes it once per group: report_groups.py carries it down)
    filled: list[tuple[str, list]] = []
    for column in (c for c in TABLES[rec.table].columns if c.kind == "code" and c.codes and c.required):
        mapped = taken.get(column.name)
        empty = [r for r in data if mapped is not None and (mapped.index >= len(r) or is_blank(r[mapped.index]))]
        if len(empty) < max(2, SOMETIMES_SAID * len(data)) or len(empty) == len(data):
            continue
        for j in texts:
            said = [_code_said(codebook, rec.table, column.name, r[j] if j < len(r) else None) for r in empty]
            if sum(code is not None for code in said) >= CODED_SHARE * len(empty):
                filled.append((column.name, [_code_said(codebook, rec.table, column.name, r[j] if j < len(r) else None)
                                             if (mapped.index >= len(r) or is_blank(r[mapped.index]))
                                             else r[mapped.index] for r in sheet.rows[rec.header_index + 1:]]))
                break
    if not filled:
        return sheet, rec
    names = {c for c, _ in filled}
    kept = replace(rec, columns=[m for m in rec.columns if m.column not in names],
                   unknown=[*rec.unknown, *(m.header for m in rec.columns if m.column in names)])
    return with_row_columns(sheet, kept, dict(filled))


def _code_said(codebook, table: str, column: str, text) -> str | None:
    """The code a text names, else the code its first word names ("Atelier pitch & financement": a workshop)."""
    if not isinstance(text, str) or not text.strip():
        return None
    return codebook.find(table, column, text) or codebook.find(table, column, text.split()[0])


def _says_nothing(data: list[list], index: int, table: str, column: str, codebook, constant: bool) -> bool:
    """Whether the column at ``index`` says nothing of ``column`` row by row."""
    cells = Counter(str(r[index]).strip() if index < len(r) and not is_blank(r[index]) else "" for r in data)
    if constant and len(cells) == 1:
        return True
    unread = sum(n for text, n in cells.items() if text and _unread(codebook, table, column, text))
    return unread >= UNREAD_SHARE * len(data)


def _unread(codebook, table: str, column: str, text: str) -> bool:
    """Whether a cell names no code of the column, "other" for want of one ("Closed won" as a round's type); asked
    without reading it (a reading counts the labels taken as 'other' in the ingestion report)."""
    return codebook.find(table, column, text) in (None, "other")


def _with_copies(sheet: RawSheet, rec: Recognition, added: list[tuple[int, str]]) -> tuple[RawSheet, Recognition]:
    """The sheet with each text copied under ``[<column>]`` and read as that column, the column read before set
    aside (listed with the columns left out)."""
    columns = {c for _, c in added}
    below = sheet.rows[rec.header_index + 1:]
    kept = replace(rec, columns=[m for m in rec.columns if m.column not in columns],
                   unknown=[*rec.unknown, *(m.header for m in rec.columns if m.column in columns)],
                   missing_required=[c for c in rec.missing_required if c not in columns])
    return with_row_columns(sheet, kept, {column: [r[j] if j < len(r) else None for r in below] for j, column in added})
