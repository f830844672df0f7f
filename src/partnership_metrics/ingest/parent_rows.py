"""A list of children that repeats its parent's fields on every line: a CRM's "campaigns with members" report writes
the event's code, date, type, organiser and count of attendees on each attendee's line. The sheet holds both tables:
the attendance, and the events (each written as many times as it has members: kept once, the copies listed as exact
duplicates).

Read so only when the same header row holds every required column of both tables, the parent's key in the same
column as the children's reference to it (whichever of the two the sheet was first recognised as), and that key
repeats down the lines (a list of events, one line each, is no list of members).

The children may also be listed under their parent's line, its fields left empty on theirs (a portfolio's companies,
each followed by its rounds): :func:`children_under_parents` writes each parent's key down its children's lines.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from ..schemas import TABLES
from .linking import with_row_columns
from .marked_lines import MIN_MARKED, is_marked, is_total
from .name_keys import with_name_as_key
from .reading import is_blank
from .recognised import ColumnMatch

SAMPLE_LINES = 500  # lines looked at: a children's list repeats its parents' keys from its first lines
MAX_DISTINCT = 0.5  # share of a children's list's lines whose parent key is written on no other line

if TYPE_CHECKING:
    from .reading import RawSheet
    from .recognition import Recogniser, Recognition


def other_recognition(sheet: RawSheet, rec: Recognition, recogniser: Recogniser) -> Recognition | None:
    """The recognition of the other table of such a sheet on the header row of ``rec``: its parent's when ``rec`` is
    a child table's, a child's when it is a parent's; or None."""
    if rec.grid is not None:
        return None
    parent = TABLES[rec.table].parent
    if parent is not None:
        return _also(sheet, rec, recogniser, parent.table, parent.key, parent.key)
    for child, table in TABLES.items():
        if table.parent is not None and table.parent.table == rec.table:
            found = _also(sheet, rec, recogniser, child, TABLES[rec.table].key[0], table.parent.key)
            if found is not None:
                return found
    return None


def _also(sheet, rec, recogniser, other: str, own_key: str, other_key: str):
    key = next((m.index for m in rec.columns if m.column == own_key), None)
    below = sheet.rows[rec.header_index + 1:]
    if key is None or not (_repeated(below, key) or sum(1 for r in below if key < len(r) and is_marked(r[key])) >= (
            MIN_MARKED)):  # (marked lines, "   ↳ levée", are its children's: their key is carried down)
        return None  # one line per parent: a list of parents (whose speaker is no attendee), not of children
    found = recogniser.recognise_at(sheet, rec.header_index, other)  # the same header row only: cheap
    found = (with_name_as_key(found) or found) if found is not None else None  # "Company" names the start-up
    if found is None or found.missing_required or found.context_key or found.header_index != rec.header_index:
        return None
    at = next((m.index for m in found.columns if m.column == other_key), None)
    if at != key:
        if at is None or any(m.index == key for m in found.columns):
            return None
        # "Start-up | Code": the rounds' reference to their start-up is the start-ups' own id, not its name
        header = next(m.header for m in rec.columns if m.index == key)
        found = replace(found, columns=[replace(m, index=key, header=header) if m.column == other_key else m
                                        for m in found.columns],
                        unknown=[h for h in found.unknown if h != header])
    made = [ColumnMatch(j, c, c[1:-1]) for j, c in enumerate(sheet.rows[rec.header_index]) if isinstance(c, str)
            and c.startswith("[") and c.endswith("]") and c[1:-1] in TABLES[other].column_names
            and all(m.column != c[1:-1] for m in found.columns)]  # a column ingestion made ("[round_type]")
    found = replace(found, columns=[*found.columns, *made]) if made else found
    return replace(found, foreign=frozenset(rec.mapped_indexes - found.mapped_indexes))


def _repeated(rows: list[list], key: int) -> bool:
    """Whether the parents' keys repeat down the rows, as they do on the lines of their children (at most
    :data:`MAX_DISTINCT` of the lines have a key of their own)."""
    keys = [" ".join(str(r[key]).split()) for r in rows[:SAMPLE_LINES] if key < len(r) and not is_blank(r[key])]
    own = sum(1 for n in Counter(keys).values() if n == 1)
    return len(keys) >= 2 and own <= MAX_DISTINCT * len(keys) and own < len(keys)


def children_under_parents(sheet: RawSheet, rec: Recognition) -> RawSheet | None:
    """``sheet`` (a parent's list) with each parent's key written down the lines under it that leave every parent
    column empty but fill others (its children: "Bispecta | 2019-11-05 | …" then "| | … | 2019-12-10 | Prêt
    d'honneur | 90"); None when there are not at least two such lines."""
    if TABLES[rec.table].key is None or len(TABLES[rec.table].key) != 1:
        return None
    key = next((m.index for m in rec.columns if m.column == TABLES[rec.table].key[0]), None)
    own = rec.mapped_indexes
    if key is None:
        return None
    rows, current, children = list(sheet.rows), None, 0
    for i in range(rec.header_index + 1, len(rows)):
        row = rows[i]
        if key < len(row) and not is_blank(row[key]):
            current = row[key]
        elif current is not None and all(is_blank(row[j]) for j in own if j < len(row)) and any(
                not is_blank(c) for j, c in enumerate(row) if j not in own):
            rows[i] = [current if j == key else c for j, c in enumerate(row)] + [None] * (key + 1 - len(row))
            children += 1
    return replace(sheet, rows=rows) if children >= 2 else None


def with_marked_kinds(sheet: RawSheet, rec: Recognition, codebook, words) -> RawSheet | None:
    """``sheet`` with a column ``[<kind>]`` holding the kind its marked lines write in the record's column
    ("    Pré-amorçage", "    Série A" under each company: its rounds' type) when its children's table has no
    column of that kind on the sheet and most marked lines name one of its codes; else None."""
    key = next((m.index for m in rec.columns if m.column in TABLES[rec.table].key), None)
    children = [t for t in TABLES.values() if t.parent is not None and t.parent.table == rec.table]
    if key is None or not children or rec.header_index >= len(sheet.rows):
        return None
    rows = sheet.rows[rec.header_index + 1:]
    marked = [i for i, r in enumerate(rows) if key < len(r) and is_marked(r[key]) and not is_total(r[key], words)]
    if len(marked) < MIN_MARKED:
        return None
    for child in children:
        for column in (c for c in child.raw_columns if c.kind == "code"):
            said = {i: " ".join(str(rows[i][key]).split()) for i in marked}
            named = [i for i, text in said.items() if codebook.find(child.name, column.name, text) not in (None, "other")]
            if len(named) * 2 >= len(marked):
                values = [said.get(i) for i in range(len(rows))]
                return with_row_columns(sheet, rec, {column.name: values})[0]
    return None
