"""All 30 KPIs for a period at 100x the size of one partnership in well under a second (issue 3)."""

from __future__ import annotations

import time

from partnership_metrics.kpis import kpi_table

from .synthetic import big_tables


def test_kpi_table_at_100x_takes_less_than_a_second():
    tables = big_tables(100)
    assert len(tables["event_attendance"]) == 100_000 and len(tables["projects"]) == 18_000
    kpi_table(big_tables(1))  # imports and first-call costs are not what is measured
    best = float("inf")
    for _ in range(3):  # the best of three runs: the machine is shared
        started = time.perf_counter()
        table = kpi_table(tables, period="2021-2023")
        best = min(best, time.perf_counter() - started)
    assert best < 1.0, f"{best:.2f} s"
    assert table["value"].notna().all(), table.loc[table["value"].isna(), ["kpi_id", "period", "reason"]]
