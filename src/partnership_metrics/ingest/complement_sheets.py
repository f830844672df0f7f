"""A sheet that lacks a table's required columns but names its ids and adds columns to it — a team's own notes on
the proposals of the EU portal's export ("N° proposition | Acronyme | Porteur | Accompagnement | Date résultat"),
kept beside it — read as completing the rows of the same ids read from the other sheets (:mod:`.complements`).

Tried only on a sheet that would otherwise be skipped, for the tables whose id its header names (not guessed) beside
at least one more of their columns, each id on one line (a breakdown, such as a proposal's budget per consortium
partner, is no complement); of several, the one it gives the most columns. Kept only when most of its ids are read
elsewhere: otherwise the sheet is skipped as it would have been, with the same message.

A sheet that repeats the ids of a table line after line (a breakdown: a proposal's budget per consortium partner) is
no complement; when most of its ids are those of rows read elsewhere, it details them and is listed as not data
rather than skipped (:func:`unused_breakdowns`)."""

from __future__ import annotations

from dataclasses import replace

from ..schemas import TABLES
from .blocks import Block
from .normalising import Context, SheetResult, normalise_sheet
from .reading import RawSheet, is_blank
from .recognised import EXACT, MADE_ID_COLUMNS, Recognition
from .recognition import Recogniser, header_cells
from .tie_breaks import reads_as_id

MIN_ID_SHARE = 0.8  # of the key column's filled cells that must be short codes, not remarks
MIN_DISTINCT_SHARE = 0.9  # of its ids that must be distinct: a complement gives one line per record, a breakdown many
MAX_BREAKDOWN_SHARE = 0.7  # of distinct ids among a breakdown's lines at most (most ids on several lines)
MIN_DETAILED_SHARE = 0.8  # of a breakdown's distinct ids that rows read elsewhere must have
BREAKDOWN = "holds no table: a breakdown of the {table} rows read from the other sheets (their ids on several lines each)"

_TABLES = tuple(t for t, s in TABLES.items() if s.source == "raw" and len(s.key) == 1
                and s.column(s.key[0]).kind == "id" and s.key[0] != MADE_ID_COLUMNS.get(t))


def _id_text(cell) -> str:
    """An id as the tables write it: 870270.0 (a number cell) is "870270"."""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return " ".join(str(cell).split())


def _ids_under(sheet: RawSheet, header_index: int, index: int) -> list[str]:
    """The ids of column ``index`` below the header, or none when its cells are not mostly short codes (remarks)."""
    ids = [_id_text(r[index]) for r in sheet.rows[header_index + 1:] if index < len(r) and not is_blank(r[index])]
    return ids if ids and sum(map(reads_as_id, ids)) >= MIN_ID_SHARE * len(ids) else []


def _id_columns(sheet: RawSheet, rec: Recognition, recogniser: Recogniser):
    """(recognition, the ids under its key) of each table whose id ``rec``'s header row names beside another of its
    columns, its cells short codes."""
    for table in _TABLES:
        other = recogniser.recognise_at(sheet, rec.header_index, table, known=True)
        key = TABLES[table].key[0]
        columns = {m.column for m in other.columns} if other is not None else set()
        if key not in columns or len(columns) < 2 or other.guessed:
            continue
        index, header = next((m.index, m.header) for m in other.columns if m.column == key)
        if _names_another_key(recogniser, table, header):
            continue  # "Réf. projet" is close to an event's "Réf.", but names a project
        if ids := _ids_under(sheet, rec.header_index, index):
            yield other, ids


def _names_another_key(recogniser: Recogniser, table: str, header: str) -> bool:
    """Whether ``header``, read as ``table``'s id without a synonym naming it, is a synonym of another table's id."""
    def named(t: str) -> bool:
        return any(c == TABLES[t].key[0] and score >= EXACT for c, score in recogniser.cell_candidates(t, header))
    return not named(table) and any(named(t) for t in _TABLES if t != table)


def breakdown_of(sheet: RawSheet, rec: Recognition, recogniser: Recogniser) -> tuple[tuple[str, frozenset[str]], ...]:
    """(table, ids) of each table whose ids ``sheet`` repeats line after line (which one it details is told by the
    rows read elsewhere: :func:`unused_breakdowns`). The ids must be those of the table the sheet looks like, or
    under a header it reads as nothing else or as its own single key: funding lines lacking a column repeat their
    projects' ids under "Réf. projet", no breakdown of the projects."""
    read_as = {m.index: m.column for m in rec.columns}
    own_key = TABLES[rec.table].key
    found = []
    for other, ids in _id_columns(sheet, rec, recogniser):
        index = next(m.index for m in other.columns if m.column == TABLES[other.table].key[0])
        as_what = read_as.get(index)
        if len(set(ids)) <= MAX_BREAKDOWN_SHARE * len(ids) and (
                other.table == rec.table or as_what is None or (len(own_key) == 1 and as_what == own_key[0])):
            found.append((other.table, frozenset(ids)))
    return tuple(found) + _left_out_keys(sheet, rec, recogniser)


def _left_out_keys(sheet: RawSheet, rec: Recognition, recogniser: Recogniser) -> tuple[tuple[str, frozenset[str]], ...]:
    """(table, ids) when a column left out of ``rec`` names its table's id exactly and repeats it line after line:
    a ledger's payments, its own "N° pièce" read as the line's id, each naming the commitment it pays ("Réf.
    engagement", several instalments each)."""
    key = TABLES[rec.table].key
    read = {m.index for m in rec.columns}
    for index, header in header_cells(sheet.rows[rec.header_index]) if len(key) == 1 else ():
        if index in read or not any(c == key[0] and score >= EXACT
                                    for c, score in recogniser.cell_candidates(rec.table, header)):
            continue
        ids = _ids_under(sheet, rec.header_index, index)
        if ids and len(set(ids)) <= MAX_BREAKDOWN_SHARE * len(ids):
            return ((rec.table, frozenset(ids)),)
    return ()


def unused_breakdowns(sheets: list[SheetResult], blocks: list[Block]) -> None:
    """Each skipped sheet that breaks down rows read elsewhere (most of its ids are theirs) listed as not data
    instead, in place."""
    for s in sheets:
        for table, ids in (s.breakdown if s.skipped is not None else ()):
            key, read = TABLES[table].key[0], set()
            for block in blocks:
                if block.table == table and (block.file, block.sheet) != (s.file, s.sheet):
                    accepted = block.accepted()
                    read.update(str(block.value(i, key)) for i in (range(len(block)) if accepted is None else accepted))
            if len(ids & read) >= MIN_DETAILED_SHARE * len(ids):
                s.skipped, s.suggestion, s.note = None, "", BREAKDOWN.format(table=table)
                s.dropped = [replace(d, reason=f"{s.note}: rows not used") for d in s.dropped]
                break


def complement_recognition(sheet: RawSheet, rec: Recognition, recogniser: Recogniser) -> Recognition | None:
    """The table ``sheet`` completes, read from ``rec``'s header row, or None."""
    found = []
    for other, ids in _id_columns(sheet, rec, recogniser):
        if len(set(ids)) >= MIN_DISTINCT_SHARE * len(ids):  # a budget per consortium partner repeats its proposal
            found.append((len({m.column for m in other.columns}), other))
    found.sort(key=lambda f: -f[0])
    if not found or (len(found) > 1 and found[0][0] == found[1][0]):
        return None  # two tables it completes as well: it tells neither
    return _without_foreign_codes(sheet, found[0][1], recogniser)


def _without_foreign_codes(sheet: RawSheet, rec: Recognition, recogniser: Recogniser) -> Recognition:
    """``rec`` without its code columns none of whose values is a code of theirs: a contracts register's "Type"
    ("Licence exclusive") is the contract's type, not the project's technology, and would conflict with the
    register's."""
    table, data = TABLES[rec.table], sheet.rows[rec.header_index + 1:]
    foreign = [m for m in rec.columns if table.column(m.column).kind == "code" and not any(
        recogniser.codebook.find(rec.table, m.column, str(r[m.index])) is not None
        for r in data if m.index < len(r) and not is_blank(r[m.index]))]
    if not foreign:
        return rec
    return replace(rec, columns=[m for m in rec.columns if m not in foreign],
                   unknown=[*rec.unknown, *(m.header for m in foreign)])


def normalise_complement(sheet: RawSheet, rec: Recognition, ctx: Context, skipped: SheetResult) -> SheetResult:
    """The sheet read as completing the rows of its ids, ``skipped`` kept as what it is if they are not read."""
    return read_tentatively(sheet, rec, ctx, skipped, f"it completes the {rec.table} rows of the same ids read from "
                            "the other sheets (it lacks the table's other required columns)", complement=True)


def read_tentatively(sheet: RawSheet, rec: Recognition, ctx: Context, skipped: SheetResult, note: str,
                     complement: bool = False) -> SheetResult:
    """The sheet read as ``rec`` says, its block kept only if another sheet's rows give what it lacks (else the
    sheet is ``skipped``, see :func:`without_rejected`), ``note`` saying how it was read."""
    result = normalise_sheet(sheet, rec, ctx, complement=complement)
    if result.block is not None:
        result.block.tentative = True
    result.fallback = skipped
    result.note = "; ".join(n for n in (result.note, note) if n)
    return result


def without_rejected(sheets: list[SheetResult], blocks: list[Block]) -> tuple[list[SheetResult], list[Block]]:
    """The sheets with each complement whose ids are read nowhere else reported as skipped, and the blocks without
    them (after :func:`~.complements.fold_complements`)."""
    if not any(b.rejected for b in blocks):
        return sheets, blocks
    return ([s.fallback if s.block is not None and s.block.rejected else s for s in sheets],
            [b for b in blocks if not b.rejected])
