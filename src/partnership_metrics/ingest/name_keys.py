"""Records people know by their name, kept without an id of their own: a portfolio of start-ups ("Start-up | Date
de création | SIREN | Statut"), its rounds listed under or beside each company. The name as written is then the
record's id, as the rounds and the other lists name it (:mod:`.linking` reads a round naming the company so).

Only for the tables of :data:`NAMED` (table -> the column that names a record), when the id is the only required
column missing and a name column is read."""

from __future__ import annotations

from dataclasses import replace

from ..schemas import TABLES
from .recognition import ColumnMatch, Recognition

NAMED = {"startups": "name"}


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
