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

from ..errors import ParseError
from ..schemas import TABLES
from .linking import with_row_columns
from .reading import RawSheet, is_blank
from .recognised import Recognition
from .record_kinds import OTHER_KIND

CODED_SHARE = 0.8  # of the rows whose text names a code of the column
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
    data = [r for r in sheet.rows[first:] if any(not is_blank(c) for c in r) and r[0] is not OTHER_KIND]
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
    return _with_copies(sheet, rec, added) if added else (sheet, rec)


def _says_nothing(data: list[list], index: int, table: str, column: str, codebook, constant: bool) -> bool:
    """Whether the column at ``index`` says nothing of ``column`` row by row."""
    cells = Counter(str(r[index]).strip() if index < len(r) and not is_blank(r[index]) else "" for r in data)
    if constant and len(cells) == 1:
        return True
    unread = sum(n for text, n in cells.items() if text and _unread(codebook, table, column, text))
    return unread >= UNREAD_SHARE * len(data)


def _unread(codebook, table: str, column: str, text: str) -> bool:
    """Whether a cell names no code of the column, "other" for want of one ("Closed won" as a round's type)."""
    if codebook.find(table, column, text) is not None:
        return False
    try:
        return codebook.lookup(table, column, text) in (None, "other")
    except ParseError:
        return True


def _with_copies(sheet: RawSheet, rec: Recognition, added: list[tuple[int, str]]) -> tuple[RawSheet, Recognition]:
    """The sheet with each text copied under ``[<column>]`` and read as that column, the column read before set
    aside (listed with the columns left out)."""
    columns = {c for _, c in added}
    below = sheet.rows[rec.header_index + 1:]
    kept = replace(rec, columns=[m for m in rec.columns if m.column not in columns],
                   unknown=[*rec.unknown, *(m.header for m in rec.columns if m.column in columns)],
                   missing_required=[c for c in rec.missing_required if c not in columns])
    return with_row_columns(sheet, kept, {column: [r[j] if j < len(r) else None for r in below] for j, column in added})
