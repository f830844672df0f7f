"""Targets kept the other way round: one row per period, one column per indicator ("Période | Projets détectés (nb)
| Déclarations d'invention (nb) | …", then "2021 | 8 | … ", "Total 2021-2023 | 26 | …"). The sheet is read as the grid
it would be once turned (one row per indicator, one column per period), and each target keeps where it was written:
the row of its period and the header of its indicator's column."""

from __future__ import annotations

from dataclasses import replace

from .normalising import SheetResult
from .period_rows import find_period_rows, normalise_period_rows
from .reading import RawSheet

MAX_CELLS = 20_000  # a targets sheet is small; a large sheet is not turned (it holds no such grid)


def find_transposed_targets(sheet: RawSheet, grids):
    """(the turned sheet, its grid recognition) when ``sheet`` is a targets grid written one row per period, else
    None."""
    if not sheet.rows or sum(len(r) for r in sheet.rows) > MAX_CELLS:
        return None
    width = max(len(r) for r in sheet.rows)
    if width < 3:
        return None
    rows = [list(r) + [None] * (width - len(r)) for r in sheet.rows]
    # the sheet's title and note rows (one text cell each) stay titles above the turned grid: "valeurs cibles"
    titles = [c for r in rows if sum(c is not None for c in r) == 1 for c in r if isinstance(c, str)]
    # the title rows are said once, above; their cells would otherwise stand as one more column of names
    rows = [[None] * width if sum(c is not None for c in r) == 1 and any(isinstance(c, str) for c in r) else r
            for r in rows]
    # the empty rows (and the titles said above) are left out: turned, they would stand as columns of nothing under
    # the titles, which would then read as the header of the indicators' names
    kept = [i for i, r in enumerate(rows) if any(c is not None for c in r)]
    turned = replace(sheet, rows=[titles, *(list(column) for column in zip(*(rows[i] for i in kept), strict=True))],
                     first_row=0, merged_ranges=[])
    rec = grids.recognise(turned)
    return (turned, rec, kept) if rec is not None and rec.grid is not None else None


def normalise_transposed(sheet: RawSheet, turned: RawSheet, rec, kept: list[int], ctx) -> SheetResult:
    """The targets of a sheet written one row per period, each with the spreadsheet row of its period and the header
    of its indicator's column as provenance (``kept``: the sheet's row of each column of ``turned``)."""
    result = rec.grid.normalise(turned, rec, ctx)
    period_rows = {period: sheet.first_row + kept[index] for index, period in rec.grid.periods.items()}
    header_row = sheet.rows[kept[rec.grid.name_columns[0]]] if rec.grid.name_columns else []  # the indicators' headers
    for record in result.records:
        column = record.row - turned.first_row - 1  # a row of the turned sheet (after its titles) is a column
        record.values["source_row"] = period_rows.get(record.values["period"], record.values.get("source_row"))
        header = header_row[column] if column < len(header_row) else None
        record.values["source_column"] = " ".join(str(header).split()) if header is not None else None
    result.note = "targets written one row per period, one column per indicator (read across)"
    return result


def find_turned_targets(sheet: RawSheet, grids):
    """The reading of a targets sheet kept one row per period (turned) or one row per indicator and period (spread,
    :mod:`.period_rows`), as a function of the context; None when it is neither."""
    if (turned := find_transposed_targets(sheet, grids)) is not None:
        return lambda ctx: normalise_transposed(sheet, *turned, ctx)
    return find_spread_targets(sheet, grids)


def find_spread_targets(sheet: RawSheet, grids):
    """The reading of a targets sheet kept one row per indicator and period (:mod:`.period_rows`), as a function of
    the context; None when it is not."""
    spread = find_period_rows(sheet, grids)
    return None if spread is None else (lambda ctx: normalise_period_rows(*spread, ctx))
