"""Records people know by their name, kept without an id of their own: a portfolio of start-ups ("Start-up | Date
de création | SIREN | Statut"), its rounds listed under or beside each company. The name as written is then the
record's id, as the rounds and the other lists name it (:mod:`.linking` reads a round naming the company so).

Only for the tables of :data:`NAMED` (table -> the column that names a record), when the id is the only required
column missing and a name column is read; or when the id read is a tool's record id (Smartsheet's "Row ID":
4657901401151088), which the other lists never name."""

from __future__ import annotations

import re
from dataclasses import replace

from ..schemas import TABLES
from ..textnorm import fold
from .reading import RawSheet, is_blank
from .recognised import EXACT, MADE_ID_COLUMNS, NAMED
from .recognition import SAMPLE_ROWS, ColumnMatch, Recognition, header_cells

_SYSTEM_ID = re.compile(r"\d{10,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
SYSTEM_ID_SHARE = 0.8  # of a record-id column's cells that must be a tool's ids (long numbers, UUIDs)


def with_name_as_key(rec: Recognition) -> Recognition | None:
    """``rec`` with its name column read as the id too, or None when the table has ids of its own or no name."""
    named_by = NAMED.get(rec.table)
    key = TABLES[rec.table].key
    if named_by is None or len(key) != 1 or rec.missing_required != [key[0]]:
        return None
    name = next((m for m in rec.columns if m.column == named_by), None)
    if name is None:
        return None
    return replace(rec, columns=[*rec.columns, ColumnMatch(name.index, name.header, key[0])], missing_required=[])


def with_name_over_row_id(sheet: RawSheet, rec: Recognition, row_id_headers: frozenset[str]) -> Recognition | None:
    """``rec`` with its name column read as the id instead of a sheet tool's row ids ("Row ID": 4657901401151088)
    read as the id, or None when the id read is no such column. A CRM's "Record ID" stays the id: its deals name
    it."""
    named_by = NAMED.get(rec.table)
    key = TABLES[rec.table].key
    if named_by is None or len(key) != 1:
        return None
    name = next((m for m in rec.columns if m.column == named_by), None)
    own = next((m for m in rec.columns if m.column == key[0]), None)
    if name is None or own is None or fold(own.header) not in row_id_headers:
        return None
    cells = [r[own.index] for r in sheet.rows[rec.header_index + 1: rec.header_index + 1 + SAMPLE_ROWS]
             if own.index < len(r) and not is_blank(r[own.index])]
    ids = sum(1 for c in cells if is_system_id(c))
    if not cells or ids < SYSTEM_ID_SHARE * len(cells):
        return None
    return replace(rec, columns=[ColumnMatch(name.index, name.header, key[0]) if m is own else m for m in rec.columns])


def is_system_id(cell) -> bool:
    """Whether a cell is a tool's record id: a long number (Smartsheet's 4657901401151088) or a UUID."""
    return _SYSTEM_ID.fullmatch(str(int(cell)) if isinstance(cell, float) and cell.is_integer() else str(cell).strip()
                                ) is not None


def without_system_ids(header: list, data_rows: list[list], mapped: set[int], record_id_headers: frozenset[str]
                       ) -> list[list]:
    """``data_rows`` without the cells of the columns left unread headed as a tool's record ids ("Row ID") whose
    sampled cells are such ids: they say nothing of a row (a section's heading row has one too)."""
    found = set()
    for j, cell in enumerate(header):
        if j in mapped or not isinstance(cell, str) or fold(cell) not in record_id_headers:
            continue
        cells = [r[j] for r in data_rows[:SAMPLE_ROWS] if j < len(r) and not is_blank(r[j])]
        if cells and sum(map(is_system_id, cells)) >= SYSTEM_ID_SHARE * len(cells):
            found.add(j)
    if not found:
        return data_rows  # (a repeated header's "Row ID" stays: only the ids go)
    return [[None if j in found and not is_blank(c) and is_system_id(c) else c for j, c in enumerate(r)]
            for r in data_rows]


def known_by_name(sheet: RawSheet, recogniser) -> Recognition | None:
    """The recognition of ``sheet``, read by its name when it lacks only its id ("Start-up | Création") or when its
    id is a tool's ("Row ID")."""
    rec = recogniser.recognise(sheet)
    if sheet.known_table is not None and (rec is None or rec.table != sheet.known_table[0]):
        rec = recogniser.recognise_at(sheet, sheet.known_table[1], sheet.known_table[0], known=True)
    return rec and (with_name_as_key(rec) or with_name_over_row_id(sheet, rec, recogniser.row_id_headers)
                    or with_list_title(sheet, rec, recogniser) or rec)


def with_list_title(sheet: RawSheet, rec: Recognition, recogniser) -> Recognition | None:
    """``rec`` with a list's "Title" column read as the one identifier it lacks (the record's id, or its name when
    the name is its id too), or None: SharePoint exports every list's first column under its internal name "Title",
    whatever the list calls it ("EU-2018-01" in a list of proposals, "OncoSight" in a list of start-ups). A "Title"
    read as another column gives it up when another header names that column exactly ("Acronyme")."""
    table = TABLES[rec.table]
    named_by = NAMED.get(rec.table)
    wanted = {table.key[0], named_by} if named_by and len(table.key) == 1 else set(table.key[:1])
    missing = set(rec.missing_required)
    if not missing or not missing <= wanted or rec.header_index >= len(sheet.rows) or rec.table in MADE_ID_COLUMNS:
        return None  # (a funding line without its id gets one made: a list's "Title" there is its label)
    titles = recogniser.words.list_title_headers
    found = [(j, text) for j, text in header_cells(sheet.rows[rec.header_index]) if fold(text) in titles]
    if len(found) != 1:
        return None
    index, text = found[0]
    columns, freed = list(rec.columns), {text}
    taken = next((m for m in columns if m.index == index), None)
    if taken is not None:  # "Title" read as the acronym, "Acronyme" left out: the acronym is "Acronyme"
        instead = [(j, other) for j, other in header_cells(sheet.rows[rec.header_index]) if j not in rec.mapped_indexes
                   and (c := recogniser.cell_candidates(rec.table, other)) and c[0][0] == taken.column
                   and c[0][1] >= EXACT]
        if len(instead) != 1:
            return None
        columns = [ColumnMatch(*instead[0], taken.column) if m is taken else m for m in columns]
        freed.add(instead[0][1])
    column = named_by if named_by in missing else table.key[0]
    if not _names_records(sheet, rec.header_index, index, id_like=column != named_by):
        return None
    read = replace(rec, columns=[*columns, ColumnMatch(index, text, column)],
                   missing_required=[m for m in rec.missing_required if m != column],
                   unknown=[u for u in rec.unknown if u not in freed])
    return with_name_as_key(read) or read if read.missing_required else read


def _names_records(sheet: RawSheet, header_index: int, index: int, *, id_like: bool) -> bool:
    """Whether the cells under a list's "Title" tell its records apart: all different, and ids ("EU-2018-01": one
    word holding a digit) when they must be the records' ids rather than their names."""
    cells = [" ".join(str(r[index]).split()) for r in sheet.rows[header_index + 1: header_index + 1 + SAMPLE_ROWS]
             if index < len(r) and not is_blank(r[index])]
    if not cells or len(set(cells)) < len(cells):
        return False
    return not id_like or all(len(c.split()) == 1 and any(ch.isdigit() for ch in c) for c in cells)
