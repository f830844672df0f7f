"""The reference truth: clean tables that satisfy the schemas, KPI values per period, targets with a mix of
statuses, for the partnership's own years."""

from __future__ import annotations

from collections import Counter

from partnership_metrics import schemas
from partnership_metrics.indicators import indicators
from partnership_metrics.sample.model import Calendar
from partnership_metrics.sample.reference import target_status


def test_expected_tables_satisfy_the_schemas(written):
    assert set(written.expected) == set(schemas.RAW_TABLES)
    for name, frame in written.expected.items():
        schemas.pandera_schema(name).validate(frame)


def test_kpi_reference_covers_each_year_the_baseline_and_the_period(written):
    cal = Calendar.of(written.partnership)
    periods = [str(y) for y in cal.years] + [written.partnership.baseline, written.partnership.period]
    reference = written.truth["kpi_reference"]
    assert list(dict.fromkeys(r["period"] for r in reference)) == periods
    catalogue = {i.id for i in indicators()}
    assert {r["kpi_id"] for r in reference} <= catalogue
    by_key = {(r["kpi_id"], r["period"]): r["value"] for r in reference}
    detected = written.expected["projects"]["detection_date"].dt.year
    for year in cal.years:  # a count recomputed here from the expected tables
        assert by_key[("val_projects_detected", str(year))] == (detected == year).sum()


def test_targets_cover_the_catalogue_with_a_mix_of_statuses(written):
    targets = written.expected["kpi_targets"]
    first, last = written.partnership.years
    assert set(targets["kpi_id"]) <= {i.id for i in indicators()}
    assert len(set(targets["kpi_id"])) >= 25
    assert set(targets["period"]) == {str(y) for y in range(first, last + 1)} | {written.partnership.period}
    statuses = Counter(t["status"] for t in written.truth["targets"])
    assert statuses["met"] >= 10 and statuses["close"] >= 5 and statuses["missed"] >= 5, statuses


def test_target_status():
    assert target_status(10, 10, "up") == "met"
    assert target_status(9.5, 10, "up") == "close"
    assert target_status(8, 10, "up") == "missed"
    assert target_status(90, 100, "down") == "met"
    assert target_status(105, 100, "down") == "close"
    assert target_status(None, 1, "up") == "missed"
