"""Targets kept one row per indicator and period, the period said in a column of its own beside one column of values
("Indicateur | Période | Valeur", then "Projets détectés | Cible 2021 | 10 projets", " | Cible 2022 | 12",
" | Valeur de référence 2018-2020 | 23", as an agreement's annex pasted from a document writes them): the sheet is read
as the grid it would be with each period's values in a column of their own, one column per period the cells say
(the indicator's name carried down to the rows that leave it blank). Each row keeps its place, so every raw row is
accounted for: a baseline's row is read as a row without target."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .reading import RawSheet, is_blank

if TYPE_CHECKING:
    from .normalising import Context, SheetResult
    from .recognised import Recognition
    from .targets import TargetGrids

MAX_CELLS = 20_000  # a targets sheet is small; a large sheet is not spread
HEADER_SCAN_ROWS = 15
MIN_TARGET_ROWS = 3  # rows whose period cell says a target, at least
MIN_SAID = 0.6  # of a period column's written cells that name a period


def find_period_rows(sheet: RawSheet, grids: TargetGrids) -> tuple[RawSheet, Recognition] | None:
    """(the sheet with each period's values in a column of its own, its grid recognition) when ``sheet`` keeps its
    targets one row per indicator and period, the period in a column of its own; else None."""
    if not sheet.rows or sum(len(r) for r in sheet.rows) > MAX_CELLS:
        return None
    for index in range(min(HEADER_SCAN_ROWS, len(sheet.rows))):
        if (layout := _layout(sheet.rows, index, grids)) is None:
            continue
        spread = _spread(sheet, index, *layout, grids)
        if (rec := grids.grid_at(spread, index)) is not None:  # (an indicator's first row is no header's second)
            return spread, rec
    return None


def normalise_period_rows(spread: RawSheet, rec: Recognition, ctx: Context) -> SheetResult:
    """The targets of a sheet kept one row per indicator and period (``spread``: as :func:`find_period_rows` gives
    it, row for row)."""
    result = rec.grid.normalise(spread, rec, ctx)
    result.note = "targets kept one row per indicator and period, the period in a column of its own"
    return result


def _layout(rows: list[list], index: int, grids: TargetGrids) -> tuple[int, int, int] | None:
    """(name column, period column, value column) of the table under header row ``index``, or None."""
    header, below = rows[index], rows[index + 1:]
    if sum(isinstance(c, str) and bool(c.strip()) for c in header) < 3:
        return None
    for p in range(1, len(header)):
        written = [r for r in below if p < len(r) and not is_blank(r[p])]
        said = [r for r in written if grids.period_column(p, r[p]) is not None]
        kinds = [grids.period_column(p, r[p]).kind for r in said]
        if len(said) < MIN_SAID * len(written) or kinds.count("target") < MIN_TARGET_ROWS:
            continue
        if len({grids.period_column(p, r[p]).period for r in said}) < 2:
            continue
        value = next((v for v in range(p + 1, len(header))
                      if sum(v < len(r) and not is_blank(r[v]) for r in said) >= MIN_SAID * len(said)), None)
        name = next((n for n in range(p - 1, -1, -1)
                     if isinstance(header[n], str) and grids.is_name_header(header[n])), None)
        if value is not None and name is not None:
            return name, p, value
    return None


def _spread(sheet: RawSheet, index: int, name: int, period: int, value: int, grids: TargetGrids) -> RawSheet:
    """``sheet`` with its period column and value column replaced by one column per period."""
    columns: dict[tuple[str, str], str] = {}  # (kind, period) -> the first header written for it
    for row in sheet.rows[index + 1:]:
        if period < len(row) and (said := grids.period_column(period, row[period])) is not None and (
                said.kind != "baseline"):  # a baseline's value is no target: its row is read as a row without one
            columns.setdefault((said.kind, said.period), said.header)
    keys = list(columns)

    def rebuilt(row: list, spread: list) -> list:
        row = list(row) + [None] * (value + 1 - len(row))
        return row[:period] + row[period + 1:value] + spread + row[value + 1:]

    rows = [list(r) for r in sheet.rows[:index]]
    rows.append(rebuilt(sheet.rows[index], list(columns.values())))
    carried = None
    for row in sheet.rows[index + 1:]:
        said = grids.period_column(period, row[period]) if period < len(row) else None
        if said is None:
            carried = None if any(not is_blank(c) for c in row) else carried  # a section or a note row ends it
            rows.append(rebuilt(row, [None] * len(keys)))
            continue
        row = list(row)
        if name < len(row) and not is_blank(row[name]):
            carried = row[name]
        elif carried is not None:
            row[name] = carried
        spread = [None] * len(keys)
        if (said.kind, said.period) in columns:
            spread[keys.index((said.kind, said.period))] = row[value] if value < len(row) else None
        rows.append(rebuilt(row, spread))
    # the cells' places changed: what the reader noted by place (merges, formats, fills, notes) is left behind
    return replace(sheet, rows=rows, merged_ranges=[], money_formats={}, fills={}, cell_notes={})
