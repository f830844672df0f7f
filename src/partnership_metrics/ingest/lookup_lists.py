"""Child rows kept only as parallel lookup lists on their parent's row, as Airtable exports a linked table:
"Round date (from Funding rounds) | Round type (from Funding rounds) | Amount € (from Funding rounds)" on a start-up's
row hold "2022-08-18,2023-09-12 | Pré-amorçage,Seed | 228000,2273000". The n-th value of each list is one child row
(a round), its parent the row's own id.

Read when a parent table's sheet has, for one link, lookup columns naming every required column of a child table
but the parent's key. A row whose lists are not of one length is quarantined, never paired by guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..schemas import TABLES
from .lookups import LOOKUP_HEADER
from .normalising import Context, Dropped, Problem, SheetResult, normalise_long
from .reading import RawSheet, is_blank
from .recognition import ColumnMatch, Recogniser, Recognition

_SEPARATOR = re.compile(r"\s*[,;\n]\s*")


@dataclass
class LookupLists:
    table: str  # the child table
    key: str  # its parent's key column
    own: int  # the column of the parent's id on the sheet
    columns: dict[int, str]  # sheet column -> child column
    link: str


def find_lookup_lists(sheet: RawSheet, rec: Recognition, recogniser: Recogniser) -> LookupLists | None:
    """The child rows kept as lookup lists on the parent rows of ``sheet`` (see the module's docstring), or None."""
    own = next((m.index for m in rec.columns if m.column == TABLES[rec.table].key[0]), None)
    if own is None or rec.grid is not None:
        return None
    header = sheet.rows[rec.header_index]
    links: dict[str, list[tuple[int, str]]] = {}
    for j, cell in enumerate(header):
        if isinstance(cell, str) and (found := LOOKUP_HEADER.match(" ".join(cell.split()))):
            links.setdefault(found["link"].lower(), []).append((j, found["field"]))
    for child, table in TABLES.items():
        if table.parent is None or table.parent.table != rec.table:
            continue
        for link, fields in links.items():
            columns = {}
            for j, field in fields:
                candidates = recogniser.cell_candidates(child, field)
                if candidates and candidates[0][0] not in columns.values():
                    columns[j] = candidates[0][0]
            if set(table.required) - {table.parent.key} <= set(columns.values()):
                return LookupLists(child, table.parent.key, own, columns, link)
    return None


def normalise_lookup_lists(sheet: RawSheet, rec: Recognition, lists: LookupLists, ctx: Context) -> SheetResult:
    """One child row per position in a parent row's lookup lists, every raw row accounted for."""
    header = sheet.rows[rec.header_index]
    width = max(len(r) for r in sheet.rows)
    order = sorted(lists.columns)
    long_rows: list[list] = [[f"[{lists.key}]", *(" ".join(str(header[j]).split()) for j in order)]]
    origins, dropped, problems = [], [], []
    first = sheet.first_row + rec.header_index + 1
    for offset, row in enumerate(sheet.rows[rec.header_index + 1:]):
        number = first + offset
        cells = list(row) + [None] * (width - len(row))
        if all(is_blank(c) for c in cells):
            dropped.append(Dropped(sheet.file, sheet.sheet, number, "blank row"))
            continue
        values = [[v for v in _SEPARATOR.split(str(cells[j]).strip()) if v] if not is_blank(cells[j]) else []
                  for j in order]
        if is_blank(cells[lists.own]) or not any(values):
            dropped.append(Dropped(sheet.file, sheet.sheet, number, f"no {lists.table} listed (lookup columns "
                                                                      f"from {lists.link!r} empty)"))
            continue
        if len({len(v) for v in values}) != 1:
            problems.append(Problem(sheet.file, sheet.sheet, number, lists.table, lists.key, str(cells[lists.own]),
                                    "lookup lists of different lengths: their values cannot be paired",
                                    key=str(cells[lists.own])))
            continue
        for n in range(len(values[0])):
            long_rows.append([cells[lists.own], *(v[n] for v in values)])
            origins.append((number, f"{lists.link} #{n + 1}"))
    columns = [ColumnMatch(0, long_rows[0][0], lists.key)] + [
        ColumnMatch(k + 1, long_rows[0][k + 1], lists.columns[j]) for k, j in enumerate(order)]
    child = Recognition(lists.table, 0, columns, [])
    result = normalise_long(sheet, rec.header_index, long_rows, origins, dropped, child, ctx)
    result.quarantined_rows.update(p.row for p in problems)
    result.problems.extend(problems)
    result.columns = {long_rows[0][k + 1]: lists.columns[j] for k, j in enumerate(order)}
    result.note = f"{lists.table} kept as lookup lists from {lists.link!r}: the n-th value of each list is one row"
    return result
