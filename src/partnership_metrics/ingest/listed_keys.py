"""A row that lists its parents in one cell: a contacts file keeps one row per person and the events they attended
in a column ("Participations (réf. actions)": "AN-21-01 ; AN-22-05"), as a start-up's row may list its rounds'
references. One row of the table per reference listed.

A column is such a list when the sheet has no column of its table's parent key (or only one from the file's name)
and its written cells are references (codes holding a digit: "AN-21-01") separated by ";", "," or line breaks, one
cell at least listing several. A row that lists none is dropped with that reason; every row is accounted for.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..schemas import TABLES
from .normalising import Context, Dropped, SheetResult, normalise_long, row_kind
from .reading import RawSheet, is_blank
from .recognition import ColumnMatch, Recognition

_SEPARATOR = re.compile(r"\s*[;,\n]\s*")
_REFERENCE = re.compile(r"^(?=[^\s]*\d)[A-Za-z0-9][A-Za-z0-9._/-]*$")  # "AN-21-01", "EV2103": a code with a digit
MIN_SHARE = 0.8  # of a column's written cells that list references only
MIN_CELLS = 3


def _references(cell) -> list[str] | None:
    """The references a cell lists, in order and once each; None when it holds anything else."""
    if not isinstance(cell, str):
        return None
    items = [i for i in _SEPARATOR.split(cell.strip()) if i]
    if not items or not all(_REFERENCE.match(i) for i in items):
        return None
    return list(dict.fromkeys(items))


def find_listed_keys(sheet: RawSheet, rec: Recognition) -> int | None:
    """The column of ``sheet`` that lists each row's parents (see the module's docstring), or None."""
    table = TABLES[rec.table]
    if table.parent is None or rec.grid is not None:
        return None
    key = table.parent.key
    if any(m.column == key for m in rec.columns):
        return None
    rows = sheet.rows[rec.header_index + 1:]
    found = []
    for j in range(max((len(r) for r in rows), default=0)):
        if j in rec.mapped_indexes:
            continue
        cells = [r[j] for r in rows if j < len(r) and not is_blank(r[j])]
        lists = [_references(c) for c in cells]
        if (len(cells) >= MIN_CELLS and sum(x is not None for x in lists) >= MIN_SHARE * len(cells)
                and any(x is not None and len(x) > 1 for x in lists)):
            found.append(j)
    return found[0] if len(found) == 1 else None


def normalise_listed(sheet: RawSheet, rec: Recognition, column: int, ctx: Context) -> SheetResult:
    """One row of the table per reference a row lists, every raw row accounted for."""
    key = TABLES[rec.table].parent.key
    header = sheet.rows[rec.header_index]
    header_texts = tuple(" ".join(str(c).split()) for c in header if not is_blank(c))
    name = " ".join(str(header[column]).split())
    width = max(len(r) for r in sheet.rows)
    made = f"[{key}]"
    long_rows: list[list] = [list(header) + [None] * (width - len(header)) + [made]]
    origins, dropped = [], []
    first = sheet.first_row + rec.header_index + 1
    base = replace(rec, columns=[m for m in rec.columns if m.column != key], context_key=None)
    for offset, row in enumerate(sheet.rows[rec.header_index + 1:]):
        number = first + offset
        if reason := row_kind(row, base, header_texts, set(), ctx.words):
            dropped.append(Dropped(sheet.file, sheet.sheet, number, reason))
            continue
        cells = list(row) + [None] * (width - len(row))
        listed = _references(cells[column]) or []
        for reference in listed:
            long_rows.append(cells[:width] + [reference])
            origins.append((number, name))
        if not listed:
            why = f"no {key} listed in {name!r}" if is_blank(cells[column]) else \
                f"{name!r} lists no reference ({' '.join(str(cells[column]).split())[:40]!r})"
            dropped.append(Dropped(sheet.file, sheet.sheet, number, why))
    columns = [*base.columns, ColumnMatch(width, made, key)]
    result = normalise_long(sheet, rec.header_index, long_rows, origins, dropped,
                            Recognition(rec.table, 0, columns, rec.unknown), ctx)
    result.columns = {m.header: m.column for m in base.columns} | {name: key}
    result.unknown_columns = [u for u in rec.unknown if u != name]
    result.note = f"one row per {key} listed in {name!r}"
    return result
