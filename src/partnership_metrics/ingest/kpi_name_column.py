"""A long targets table keyed by its own codes ("Code indicateur: IR-01", a funder's portal) beside the indicator's
name ("Libellé de l'indicateur: Nombre de projets de valorisation détectés"): the name says which KPI. The table's
KPI column is read from the column of names when its own cells name no KPI and the names do; when they name KPIs
but some are empty ("CD_INDIC: NULL" beside "LB_INDIC: Taux de succès européen"), those rows read their names."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..textnorm import tokens
from .reading import is_blank

if TYPE_CHECKING:
    from .normalising import Context
    from .reading import RawSheet
    from .recognition import Recognition

MIN_NAMED = 0.6  # of a column's distinct texts that name a KPI


def with_named_kpis(sheet: RawSheet, rec: Recognition, ctx: Context) -> tuple[RawSheet, Recognition]:
    """``sheet`` and ``rec`` (of a long targets table) with its KPI column moved to the column of names when the one
    it reads names no KPI, or its empty cells filled with their rows' names; else as they are."""
    current = next((m for m in rec.columns if m.column == "kpi_id"), None)
    if rec.table != "kpi_targets" or current is None or ctx.kpi_names is None:
        return sheet, rec
    rows, header = sheet.rows[rec.header_index + 1 :], sheet.rows[rec.header_index]
    best, share = None, MIN_NAMED
    for j, cell in enumerate(header):
        if j in rec.mapped_indexes or not isinstance(cell, str):
            continue
        if (found := _named_share(rows, j, ctx)) >= share:
            best, share = j, found
    if _named_share(rows, current.index, ctx) >= MIN_NAMED:
        return (sheet if best is None else _names_where_empty(sheet, rec, current.index, best, ctx)), rec
    if best is None:
        return sheet, rec
    moved = replace(current, index=best, header=" ".join(header[best].split()))
    return sheet, replace(rec, columns=[moved if m is current else m for m in rec.columns],
                          unknown=[u for u in rec.unknown if u != moved.header] + [current.header])


def _names_where_empty(sheet: RawSheet, rec: Recognition, kpi: int, names: int, ctx: Context) -> RawSheet:
    """``sheet`` with each empty cell of its KPI column (``kpi``) given the name its row writes (``names``)."""
    first = rec.header_index + 1
    filled = {i: row[names] for i, row in enumerate(sheet.rows[first:], start=first)
              if (kpi >= len(row) or ctx.parsers.is_missing(row[kpi])) and names < len(row)
              and isinstance(row[names], str) and not is_blank(row[names])}
    if not filled:
        return sheet
    rows = [list(r) for r in sheet.rows]
    for i, name in filled.items():
        rows[i] += [None] * (kpi + 1 - len(rows[i]))
        rows[i][kpi] = name
    header = " ".join(str(sheet.rows[rec.header_index][names]).split())
    return replace(sheet, rows=rows, notes=[*sheet.notes, f"{len(filled)} rows without a KPI code read by their "
                                                          f"name ({header})"])


def _named_share(rows: list[list], j: int, ctx: Context) -> float:
    texts = {" ".join(r[j].split()) for r in rows if j < len(r) and isinstance(r[j], str) and not is_blank(r[j])}
    if len(texts) < 2:
        return 0.0
    named = sum(1 for t in texts if ctx.kpi_ids.get(tokens(t)) or ctx.kpi_names.match_written(t).kpi_id)
    return named / len(texts)
