"""At 100x the size of one partnership every KPI still computes (speed itself is measured in benchmarks/)."""

from __future__ import annotations

from partnership_metrics.kpis import kpi_table

from .synthetic import big_tables


def test_every_kpi_computes_at_100x():
    tables = big_tables(100)
    assert len(tables["event_attendance"]) == 100_000 and len(tables["projects"]) == 18_000
    table = kpi_table(tables, period="2021-2023")
    assert table["kpi_id"].nunique() == 30 and len(table) == 120
    assert table["value"].notna().all(), table.loc[table["value"].isna(), ["kpi_id", "period", "reason"]]
