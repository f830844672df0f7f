"""Amounts whose unit is written in a column of its own, row by row: "Montant | Unité" with "150 | k€", "1,2 | M€",
"45 000 | €", as accounting exports write them. Each amount of the row is read in the row's unit.

A column is such a unit column when its header is a unit word (``money_unit_header_words`` of
``vocab/words.yaml``), no column of the table was read from it, and each of its written cells is a unit of
``money_unit_suffixes``; the amounts it applies to are the table's money columns whose header gives no unit."""

from __future__ import annotations

import re
from dataclasses import replace

from ..schemas import TABLES
from ..textnorm import fold
from .reading import RawSheet, is_blank
from .recognition import Recognition, header_cells

_UNIT_SPELLING = re.compile(r"[\s.'’]")


def with_unit_column(sheet: RawSheet, rec: Recognition, words) -> RawSheet | None:
    """``sheet`` with each amount written with its row's unit ("150" and "k€" -> "150 k€"), or None when the sheet
    has no unit column."""
    amounts = {m.index for m in rec.columns if TABLES[rec.table].column(m.column).kind == "money"
               and m.multiplier is None}
    if not amounts:
        return None
    below = sheet.rows[rec.header_index + 1:]
    for index, text in header_cells(sheet.rows[rec.header_index]):
        if index in rec.mapped_indexes or fold(text) not in words.money_unit_header_words:
            continue
        units = [r[index] for r in below if index < len(r) and not is_blank(r[index])]
        if units and all(_multiplier(u, words) for u in units):
            rows = [_in_unit(r, index, amounts, words) for r in below]
            return replace(sheet, rows=[*sheet.rows[:rec.header_index + 1], *rows])
    return None


def _multiplier(cell, words) -> float | None:
    """The multiplier a unit cell names ("k€" -> 1000), or None."""
    if not isinstance(cell, str):
        return None
    return words.money_unit_suffixes.get(_UNIT_SPELLING.sub("", cell.strip().lower()))


def _in_unit(row: list, index: int, amounts: set[int], words) -> list:
    """The row with its amounts in its unit: a number multiplied, a number written as text given the unit."""
    multiplier = _multiplier(row[index], words) if index < len(row) else None
    if multiplier is None:
        return row
    out = list(row)
    for i in amounts:
        cell = out[i] if i < len(out) else None
        if isinstance(cell, (int, float)) and not isinstance(cell, bool):
            out[i] = cell * multiplier
        elif isinstance(cell, str) and cell.strip() and not any(ch.isalpha() or ch == "€" for ch in cell):
            out[i] = f"{cell.strip()} {row[index].strip()}"
    return out
