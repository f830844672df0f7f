"""Accepted records -> typed, validated tables (targets written as percentages scaled to fractions)."""

from __future__ import annotations

from ..schemas import RAW_TABLES, TABLES
from ..tables import arrow_from_columns, validate


def scale_targets(rows: list[dict], units: dict[str, str]) -> list[dict]:
    """Share targets written as percentages (``35`` for 35 %) become fractions (0.35)."""
    for r in rows:
        if units.get(r["kpi_id"]) == "share" and r["target"] is not None and r["target"] > 1:
            r["target"] = r["target"] / 100
    return rows


def _scaled(kpi_ids: list, targets: list, units: dict[str, str]) -> list:
    """:func:`scale_targets`, column by column."""
    return [t / 100 if units.get(k) == "share" and t is not None and t > 1 else t for k, t in zip(kpi_ids, targets, strict=False)]


def build_tables(blocks, recognised: dict[str, set[str]], kpi_units: dict[str, str]) -> dict:
    """The accepted records of ``blocks`` (:class:`~.blocks.Block`) -> {table: Arrow table} for every recognised
    table, each validated against its schema. ``recognised``: table -> the columns its raw sheets had."""
    by_table: dict[str, list] = {t: [] for t in RAW_TABLES if t in recognised}
    for b in blocks:
        by_table[b.table].append(b)
    arrows = {}
    for table, mine in by_table.items():
        columns = {}
        for name in TABLES[table].column_names:
            values = []
            for b in mine:
                values.extend(b.accepted_column(name))
            columns[name] = values
        if table == "kpi_targets":
            columns["target"] = _scaled(columns["kpi_id"], columns["target"], kpi_units)
        validate(table, columns)
        arrows[table] = arrow_from_columns(table, columns, sorted(recognised[table]))
    return arrows
