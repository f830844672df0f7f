"""One row of a child table per parent a raw row names: a person's row in an attendance matrix (one column per
session) or in a contacts file (the events listed in one cell) gives one attendance row per event. Shared by
:mod:`.presence_matrix` and :mod:`.listed_keys`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .normalising import Context, Dropped, SheetResult, normalise_long
from .reading import RawSheet, is_blank
from .recognition import ColumnMatch, Recognition
from .row_screen import row_kind


def normalise_per_parent(sheet: RawSheet, rec: Recognition, key: str, ctx: Context,
                         parents_of: Callable[[list], list[tuple[str, str]]],
                         none_reason: Callable[[list], str]) -> tuple[SheetResult, Recognition]:
    """(the result, the recognition without the parent's key) of ``sheet`` read as one row per parent: ``parents_of``
    gives a raw row's (header it comes from, parent key) pairs; a data row naming none is dropped with
    ``none_reason(row)``; every raw row is accounted for."""
    header = sheet.rows[rec.header_index]
    header_texts = tuple(" ".join(str(c).split()) for c in header if not is_blank(c))
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
        parents = parents_of(cells)
        for text, parent in parents:
            long_rows.append(cells[:width] + [parent])
            origins.append((number, text))
        if not parents:
            dropped.append(Dropped(sheet.file, sheet.sheet, number, none_reason(cells)))
    columns = [*base.columns, ColumnMatch(width, made, key)]
    result = normalise_long(sheet, rec.header_index, long_rows, origins, dropped,
                            Recognition(rec.table, 0, columns, rec.unknown), ctx)
    return result, base
