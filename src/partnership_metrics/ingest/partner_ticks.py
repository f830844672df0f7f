"""A partner column kept as one tick column per partner: a database's yes/no fields ("AccompCPP | AccompIT"), or
boxes to tick under a merged header ("Organisé par" over "CPP | IT", an "X" in each box that applies). The ticked
partners are the column's value: one partner, or the code of the two together.

:func:`with_partner_ticks` gives the sheet one more column holding that value, read in place of the ticks.
"""

from __future__ import annotations

from dataclasses import replace

from ..schemas import TABLES
from .header_units import split_camel_case
from .reading import RawSheet, is_blank
from .recognition import ColumnMatch, Recognition
from .vocabulary import PARTNER_COLUMNS

TICKED = frozenset({"supported_by", "organiser"})  # columns that say which partners (a source is not ticked so)
SAMPLE = 30  # rows looked at to tell a tick column
MIN_TICK_SHARE = 0.8  # of the filled cells of such a column: yes/no, or a tick mark



def with_partner_ticks(sheet: RawSheet, rec: Recognition, ctx
                       ) -> tuple[RawSheet, Recognition, str, frozenset[int]] | None:
    """``sheet`` and ``rec`` with the partner column read from its tick columns, a note and the tick columns' indexes;
    None when it has none."""
    for (table, column), codes in PARTNER_COLUMNS.items():
        if table != rec.table or column not in TICKED:
            continue
        found = _ticks(sheet, rec, ctx, table, column, codes)
        if found is not None:
            return _rewritten(sheet, rec, column, codes, *found, ctx.parsers)
    return None


def completed_by_ticks(sheet: RawSheet, rec: Recognition, ctx) -> tuple[RawSheet, Recognition, str] | None:
    """A sheet whose only missing required columns are read from tick columns no header named as the column ("CPP |
    IT" over "☑ | ☐"): the sheet and recognition that read them, and a note; None otherwise."""
    if (ticks := with_partner_ticks(sheet, rec, ctx)) is None:
        return None
    sheet, rec, note, _ = ticks
    read = {m.column for m in rec.columns}
    if any(c not in read for c in rec.missing_required):
        return None
    return sheet, replace(rec, missing_required=[]), note


def _ticks(sheet, rec, ctx, table, column, codes) -> tuple[dict[int, str], int] | None:
    """(tick column index -> partner key, index of the first data row) of ``table.column``, or None."""
    header, h = sheet.rows[rec.header_index], rec.header_index
    below = sheet.rows[h + 1] if h + 1 < len(sheet.rows) else []
    own = {m.index for m in rec.columns if m.column == column}
    others = rec.mapped_indexes - own
    partner_of = {code: key for key, code in codes.items() if key != "joint"}
    for labels, first in ((header, h + 1), (below, h + 2)):  # "AccompCPP | AccompIT", or "CPP | IT" on the row below
        ticks = {}
        for j, cell in enumerate(labels):
            if j in others or is_blank(cell) or not isinstance(cell, str):
                continue
            code = ctx.codebook.find(table, column, split_camel_case(cell.strip()))
            if code in partner_of:
                ticks[j] = partner_of[code]
        rows = sheet.rows[first : first + SAMPLE]
        # "Code projet IT" beside "Suivi CPP | Suivi IT" names a partner but holds codes, not ticks
        ticks = {j: key for j, key in ticks.items() if _tick_column(ctx.parsers, [r[j] for r in rows if j < len(r)])}
        if len(set(ticks.values())) < 2 or len(ticks) != len(set(ticks.values())):
            continue
        if first == h + 2 and (not own & set(ticks) or any(not is_blank(c) for j, c in enumerate(below)
                                                          if j not in ticks)):
            continue  # a row below the header is part of it only under the column's own merged header
        return ticks, first
    return None


def _tick_column(parsers, cells: list) -> bool:
    filled = [c for c in cells if not is_blank(c)]
    return bool(filled) and sum(_ticked(parsers, c) is not None for c in filled) >= MIN_TICK_SHARE * len(filled)


def _ticked(parsers, cell) -> bool | None:
    """True for a tick ("X", "Oui", TRUE), False for a no, None for anything else (an empty cell is not ticked)."""
    if is_blank(cell):
        return False
    try:
        return parsers.parse_bool(cell)
    except ValueError:
        return None


def _rewritten(sheet, rec, column, codes, ticks: dict[int, str], first: int, parsers):
    width = max(len(r) for r in sheet.rows)
    name = f"[{column}]"
    rows = []
    for i, row in enumerate(sheet.rows):
        value = None
        if i >= first:
            ticked = {key for j, key in ticks.items() if j < len(row) and _ticked(parsers, row[j])}
            value = codes["joint"] if len(ticked) > 1 else codes[next(iter(ticked))] if ticked else None
        elif i == rec.header_index:
            value = name
        rows.append(list(row) + [None] * (width - len(row)) + [value])
    if first > rec.header_index + 1:  # the partners' row below the header is part of it
        rows[rec.header_index + 1] = [None] * (width + 1)
    kept = [m for m in rec.columns if m.column != column and m.index not in ticks]
    headers = {j: str(sheet.rows[rec.header_index][j]) for j in ticks if j < len(sheet.rows[rec.header_index])}
    unknown = [u for u in rec.unknown if u not in headers.values()]
    rec = replace(rec, columns=[*kept, ColumnMatch(width, name, column)], unknown=unknown)
    ticked = ", ".join(sorted({str(c) for c in headers.values()} - {"None"})) or "the ticks"
    note = f"{TABLES[rec.table].name}.{column} read from the tick columns ({ticked})"
    return replace(sheet, rows=rows), rec, note, frozenset(ticks)
