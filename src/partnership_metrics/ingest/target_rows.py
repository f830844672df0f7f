"""Rows of a long targets table made whole before they are read: the unit a "Unit" column gives applied to the
target ("2500 | EUR k"), the indicator written on its first row only carried down to its other years."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import ParseError
from ..textnorm import tokens
from .reading import is_blank

if TYPE_CHECKING:
    from .normalising import Context
    from .recognition import Recognition


def units_applied(rows: list[list], header: list, rec: Recognition, ctx: Context) -> list[list]:
    """A long targets table's rows with the amount each "Unit" cell gives applied to its target ("2500 | EUR k")."""
    target = next((m.index for m in rec.columns if m.column == "target"), None)
    if target is None or ctx.kpi_names is None:
        return rows
    words = ctx.kpi_names.target_words.unit_header_words
    units = [j for j, cell in enumerate(header) if j not in rec.mapped_indexes and isinstance(cell, str)
             and set(tokens(cell)) & words]
    if len(units) != 1:
        return rows
    j, out = units[0], []
    for row in rows:
        unit = ctx.kpi_names.units.of_text(row[j]) if j < len(row) else None
        value = row[target] if target < len(row) else None
        if unit is not None and unit.multiplier not in (None, 1.0) and not isinstance(value, bool) and (
                isinstance(value, (int, float)) or isinstance(value, str) and value.strip()):
            try:  # "2 500" in k€ as well as 2500
                amount = ctx.parsers.parse_money(value, unit.multiplier)
            except ParseError:
                amount = None
            if amount is not None:
                row = list(row)
                row[target] = amount
        out.append(row)
    return out


def names_carried_down(rows: list[list], rec: Recognition) -> list[list]:
    """Targets kept one row per indicator and year, the indicator written on its first row only ("Déclarations
    d'invention | 2021 | 6", then " | 2022 | 7"): a row with a period and a target but no name takes the name above."""
    by_column = {m.column: m.index for m in rec.columns}
    name, period, target = (by_column.get(c) for c in ("kpi_id", "period", "target"))
    if None in (name, period, target):
        return rows
    rows = [list(r) for r in rows]
    above = None
    for row in rows:
        row.extend([None] * (max(name, period, target) + 1 - len(row)))
        if not is_blank(row[name]):
            above = row[name]
        elif above is not None and not is_blank(row[period]) and not is_blank(row[target]):
            row[name] = above
        elif all(is_blank(c) for c in row):
            above = None  # a blank line ends a group
    return rows


def rows_named_first(columns: list[int], rows: list[list]) -> list[int]:
    """A grid's name columns, the one naming each row first: a column whose cells repeat the one above or are left
    empty names groups of rows (an OKR's "Objective" over its key results) and is read last."""
    def repeats(j: int) -> int:
        cells = [r[j] if j < len(r) else None for r in rows]
        return sum(1 for k, c in enumerate(cells) if is_blank(c) or (k and c == cells[k - 1]))
    return sorted(columns, key=repeats) if len(columns) > 1 else columns
