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
from .name_keys import with_name_as_key
from .reading import is_blank

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
    if key is None or not _repeated(sheet.rows[rec.header_index + 1:], key):
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
