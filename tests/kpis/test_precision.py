"""Dates known only to the month (or quarter...) count in their year, but not in a count of days."""

from __future__ import annotations

from partnership_metrics.kpis import compute
from partnership_metrics.schemas import TABLES
from partnership_metrics.tables import arrow_table, to_frame


def _projects(rows):
    names = TABLES["projects"].column_names
    records = []
    for project_id, detected, detected_precision, maturation, maturation_precision in rows:
        record = dict.fromkeys(names)
        record.update(project_id=project_id, title=project_id, lead_institution="AMU", sourcing_channel="joint",
                      supported_by="both", detection_date=detected, detection_date_precision=detected_precision,
                      maturation_start_date=maturation, maturation_start_date_precision=maturation_precision)
        records.append(record)
    return {"projects": to_frame("projects", arrow_table("projects", records))}


def test_median_days_uses_only_dates_known_to_the_day():
    import datetime as dt

    d = dt.date
    tables = _projects([
        ("P1", d(2021, 1, 1), "day", d(2021, 4, 11), "day"),       # 100 days
        ("P2", d(2021, 1, 1), "day", d(2021, 7, 20), "day"),       # 200 days
        ("P3", d(2021, 1, 1), "quarter", d(2021, 2, 1), "day"),    # T1 2021: its days are not known
        ("P4", d(2021, 3, 1), "day", d(2021, 6, 1), "month"),      # juin 2021
    ])
    assert compute("val_median_days_to_maturation", tables, 2021).value == 150.0  # (100 + 200) / 2
    # the year is known for all four: every one is counted where a year is enough
    assert compute("val_projects_detected", tables, 2021).value == 4
    assert compute("val_maturation_projects", tables, 2021).value == 4
