"""A plan kept one column per month (a Gantt-like sheet): each row is a start-up, its own fields first ("Start-up |
SIREN | Date de création | Statut"), then a band of months under their years ("2019" merged over "janv. … déc."),
a cell filled in the month of each round ("Seed 2,6 M€", "Subv. i-Lab 500").

The row's own fields are read as the parent table (the start-ups); each filled month cell is one row of the child
table (its rounds), dated to the month (its precision recorded), its words the round's kind and its number the
amount — in the unit the cell writes, else the one the title lines state first ("Montants en k€ sauf mention (M€)").
Columns after the band (a "Total levé") are totals: not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..schemas import TABLES
from ..textnorm import fold
from .header_rows import HEADER_SCAN_ROWS
from .header_units import first_unit_named
from .listed_children import ListedChildren, normalise_listed_children
from .name_keys import with_name_as_key
from .normalising import Context, SheetResult
from .reading import RawSheet
from .recognition import Recogniser
from .side_by_side import only_columns

MIN_MONTHS = 12  # month columns in a row that make a band of months
MIN_FIELDS = 2  # the row's own fields before the band
MIN_CELLS = 2  # filled month cells
_AMOUNT = re.compile(r"^(?P<label>.*?[^\d\s.,])?\s*(?P<amount>\d[\d\s\u00a0\u202f.,]*\s*(?:k€|m€|€|keur|meur|k|m)?)\s*$",
                     re.IGNORECASE)
_UNITS = {1_000.0: "k€", 1_000_000.0: "M€"}


@dataclass(frozen=True)
class MonthPlan:
    header_index: int
    fields: frozenset[int]  # the row's own columns
    months: dict[int, tuple[int, int]]  # column -> (year, month)
    unit: str  # the unit of an amount written without one ("k€"), or ""


def find_month_plan(sheet: RawSheet, recogniser: Recogniser) -> MonthPlan | None:
    """The band of months of ``sheet`` (see the module's docstring), or None."""
    months = recogniser.parsers.months
    for index, row in enumerate(sheet.rows[1:HEADER_SCAN_ROWS], start=1):
        named = {j: months[word] for j, cell in enumerate(row) if isinstance(cell, str)
                 and (word := fold(cell).strip(" .")) in months}
        if len(named) < MIN_MONTHS:
            continue
        first = min(named)
        fields = frozenset(j for j, cell in enumerate(row[:first]) if isinstance(cell, str) and cell.strip())
        dated = _with_years(sheet.rows[index - 1], named)
        if len(fields) < MIN_FIELDS or dated is None:
            continue
        below = sheet.rows[index + 1:]
        filled = sum(1 for r in below for j in dated if j < len(r) and _amount(r[j]) is not None)
        if filled >= MIN_CELLS:
            unit = next((_UNITS[u] for row in sheet.rows[:index] for c in row if isinstance(c, str)
                         if (u := first_unit_named(c)) in _UNITS), "")
            return MonthPlan(index, fields, dated, unit)
    return None


def _with_years(above: list, named: dict[int, int]) -> dict[int, tuple[int, int]] | None:
    """Each month column with its year, written over the first month of each year (a merged cell); None when the
    row above names no year over the first month."""
    out, year = {}, None
    for j in sorted(named):
        cell = above[j] if j < len(above) else None
        if isinstance(cell, (int, float)) and not isinstance(cell, bool) and 1900 < cell < 2100:
            year = int(cell)
        elif isinstance(cell, str) and cell.strip().isdigit() and 1900 < int(cell) < 2100:
            year = int(cell)
        if year is None:
            return None
        out[j] = (year, named[j])
    return out


def _amount(cell) -> tuple[str, str] | None:
    """(label, amount as written) of a month cell ("Seed 2,6 M€" -> ("Seed", "2,6 M€")), or None."""
    if not isinstance(cell, str) or not (found := _AMOUNT.match(cell.strip())) or not found.group("label"):
        return None
    return found.group("label").strip(" :-–"), found.group("amount").strip()


def month_plan_results(sheet: RawSheet, plan: MonthPlan, recogniser: Recogniser, ctx: Context,
                       read_parent) -> list[SheetResult] | None:
    """The parent table read from the row's own fields (``read_parent(part, recognition)``) and the child rows of
    its month cells; None when the fields are no table with children dated and costed by month."""
    own = only_columns(sheet, set(plan.fields), named=False)
    parent = recogniser.recognise(own, tables=tuple(t for t in TABLES if _child_of(t)))
    parent = parent and (with_name_as_key(parent) or parent)  # "Start-up": its name is its id
    if parent is None or parent.missing_required or parent.header_index != plan.header_index:
        return None
    child = _child_of(parent.table)
    key = next(m.index for m in parent.columns if m.column == TABLES[parent.table].key[0])
    width = len(sheet.rows[plan.header_index])
    rows = []
    for offset, row in enumerate(sheet.rows):
        cells = [*row[:width], *[None] * (width - len(row))]
        if offset == plan.header_index:
            cells.append("Levées (plan par mois)")
        elif offset > plan.header_index:
            items = [f"{label} {month:02d}/{year} : {amount}" + (f" {plan.unit}" if amount[-1:].isdigit() else "")
                     for j, (year, month) in sorted(plan.months.items()) if j < len(row)
                     and (found := _amount(row[j])) is not None for label, amount in [found]]
            cells.append(" ; ".join(items) or None)
        else:
            cells.append(None)
        rows.append(cells)
    listed = replace(sheet, rows=rows)
    columns = TABLES[child].raw_columns
    found = ListedChildren(child, TABLES[child].parent.key, key, width, "Levées (plan par mois)",
                           next(c.name for c in columns if c.kind == "date"),
                           next(c.name for c in columns if c.kind == "money"),
                           next((c.name for c in columns if c.kind == "code"), None))
    children = normalise_listed_children(listed, parent, found, ctx)
    children.note = f"{child} planned by month (one column per month under its year): one row per filled cell"
    return [read_parent(own, parent), children]


def _child_of(table: str) -> str | None:
    """The table whose rows belong to ``table``'s and are dated and costed (a start-up's rounds)."""
    for name, t in TABLES.items():
        kinds = {c.kind for c in t.raw_columns}
        if t.parent is not None and t.parent.table == table and {"date", "money"} <= kinds:
            return name
    return None
