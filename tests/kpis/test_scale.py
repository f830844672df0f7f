"""At 100x the size of one partnership every KPI still computes (speed itself is measured in benchmarks/)."""

from __future__ import annotations

from partnership_metrics.kpis import catalogue, kpi_table

from .synthetic import big_tables


def test_every_kpi_computes_at_100x():
    tables = big_tables(100)
    assert len(tables["event_attendance"]) == 100_000 and len(tables["projects"]) == 18_000
    table = kpi_table(tables, period="2021-2023")
    assert table["kpi_id"].nunique() == len(catalogue()) and len(table) == len(catalogue()) * 4
    null = table["value"].isna() & (table["reason_code"] != "cohort_too_recent")  # 2022, 2023: too early to judge
    assert not null.any(), table.loc[null, ["kpi_id", "period", "reason"]]
