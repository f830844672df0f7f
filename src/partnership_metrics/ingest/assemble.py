"""Accepted records -> typed, validated tables (targets written as percentages scaled to fractions)."""

from __future__ import annotations

from ..schemas import RAW_TABLES, pandera_schema
from ..tables import arrow_table, to_frame


def scale_targets(rows: list[dict], units: dict[str, str]) -> list[dict]:
    """Share targets written as percentages (``35`` for 35 %) become fractions (0.35)."""
    for r in rows:
        if units.get(r["kpi_id"]) == "share" and r["target"] is not None and r["target"] > 1:
            r["target"] = r["target"] / 100
    return rows


def build_tables(records, recognised: dict[str, set[str]], kpi_units: dict[str, str]) -> tuple[dict, dict]:
    """Accepted records -> ({table: Arrow table}, {table: DataFrame}) for every recognised table, each validated
    against its pandera schema. ``recognised``: table -> the columns its raw sheets had."""
    by_table: dict[str, list[dict]] = {t: [] for t in RAW_TABLES if t in recognised}
    for r in records:
        by_table[r.table].append(r.values)
    if "kpi_targets" in by_table:
        scale_targets(by_table["kpi_targets"], kpi_units)
    arrows, frames = {}, {}
    for table, rows in by_table.items():
        arrows[table] = arrow_table(table, rows, sorted(recognised[table]))
        frames[table] = to_frame(table, arrows[table])
        pandera_schema(table).validate(frames[table])
    return arrows, frames
