"""A long targets table with one target column per kind of value ("Cible – nombre | Cible – montant (€) | Cible – % |
Cible – jours", as an Airtable base types its fields): each row fills one of them. The row's target is the one it
fills, read under the table's target column; a plain number under a "%" column is a percentage. A row that fills
several keeps the first (the table's own target column), as before. A target column read from a header such as
"Objectif" that holds the goals' names, not values, gives way to them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import ParseError
from ..textnorm import fold
from .reading import is_blank

NAMES_SHARE = 0.8  # of the target column's cells that read as no number: it holds the goals' names

if TYPE_CHECKING:
    from .normalising import Context
    from .recognition import Recognition


def with_one_target(rows: list[list], header: list, rec: Recognition, ctx: Context) -> list[list]:
    """``rows`` with the value of the target column each row fills moved into the table's target column."""
    target = next((m.index for m in rec.columns if m.column == "target"), None)
    if target is None or ctx.kpi_names is None:
        return rows
    words = ctx.kpi_names.target_words
    if (revised := _revised(header, target, rec, words)) is not None:  # "Cible initiale | Nouvelle cible"
        rows = [_with(row, target, row[revised]) if revised < len(row) and not is_blank(row[revised]) else row
                for row in rows]
    other = words.actual_words | words.baseline_words | words.forecast_words | words.superseded_words
    siblings = [j for j, cell in enumerate(header) if j != target and j not in rec.mapped_indexes
                and isinstance(cell, str) and (said := set(fold(cell).split())) & words.target_words
                and not said & other]
    if not siblings:
        return rows
    named = _names(rows, target, ctx)  # "Objectif: Budget engagé – 2021": the goal's name, no target
    out = []
    for row in rows:
        if named and target < len(row):
            row = list(row)
            row[target] = None
        if (target < len(row) and not is_blank(row[target])) or not any(
                j < len(row) and not is_blank(row[j]) for j in siblings):
            out.append(row)
            continue
        j = next(j for j in siblings if j < len(row) and not is_blank(row[j]))
        value = row[j]
        if "%" in str(header[j]) and isinstance(value, (int, float)) and not isinstance(value, bool) and value > 1:
            value = f"{value} %"  # 30 under "Cible – %": 30 %
        row = list(row) + [None] * max(0, target + 1 - len(row))
        row[target] = value
        out.append(row)
    return out


def _revised(header: list, target: int, rec: Recognition, words) -> int | None:
    """The column of revised targets beside the read one when that one holds the values they replace ("Cible
    initiale (annexe 2)" beside "Nouvelle cible (remplace)"), else None."""
    said = set(fold(str(header[target])).split()) if target < len(header) else set()
    if not said & words.superseded_words or said & words.adopted_words:
        return None
    revised = [j for j, cell in enumerate(header) if j != target and j not in rec.mapped_indexes
               and isinstance(cell, str) and (cell_words := set(fold(cell).split())) & words.target_words
               and cell_words & words.adopted_words]
    return revised[0] if len(revised) == 1 else None


def _with(row: list, index: int, value) -> list:
    row = list(row) + [None] * max(0, index + 1 - len(row))
    row[index] = value
    return row


def _names(rows: list[list], target: int, ctx: Context) -> bool:
    """Whether the table's target column holds names rather than values (most of its cells read as no number)."""
    cells = [r[target] for r in rows if target < len(r) and not is_blank(r[target])]
    unread = 0
    for cell in cells:
        try:
            ctx.parsers.parse_number(cell)
        except ParseError:
            unread += 1
    return bool(cells) and unread >= NAMES_SHARE * len(cells)
