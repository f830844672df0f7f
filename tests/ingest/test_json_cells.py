"""Cells holding objects (a settings export, an API's flat dump) spread into a column per field path; the targets of
a dashboard's settings read from them, their baselines left out and their units applied."""

from __future__ import annotations

from pathlib import Path

import pytest
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.json_cells import parsed_object, with_json_columns
from partnership_metrics.ingest.reading import RawSheet


@pytest.mark.parametrize(("cell", "expected"), [
    ('{"unit": "count", "targets": {"2021": 4}}', {"unit": "count", "targets": {"2021": 4}}),
    ("{'unit': 'kEUR', 'targets': {'2021-2023': 1350},}", {"unit": "kEUR", "targets": {"2021-2023": 1350}}),
    ('{"a": true, "b": null}', {"a": True, "b": None}),
    ('"EUR"', None), ("{not an object}", None), ("[1, 2]", None), (12.5, None), ("{__import__('os')}", None)])
def test_an_object_is_read_as_json_or_as_a_python_literal(cell, expected):
    assert parsed_object(cell) == expected


def test_a_column_of_objects_is_spread_into_a_column_per_field_path():
    sheet = RawSheet("settings.csv", None, [
        ["# export", None], ["key", "value"], ["partnership.name", '"CPP x IT"'],
        ["kpi.a", '{"unit": "count", "targets": {"2021": 4}}'],
        ["kpi.b", '{"unit": "share", "baseline": 0.2, "targets": {"2021": 0.3, "2022": 0.35}}'],
        ["kpi.c", "{'unit': 'count', 'targets': {'2022': 5},}"]])
    spread = with_json_columns(sheet)
    assert spread.rows[1] == ["key", "value.unit", "value.targets.2021", "value.baseline", "value.targets.2022"]
    assert spread.rows[4] == ["kpi.b", "share", 0.3, 0.2, 0.35]
    assert spread.rows[5] == ["kpi.c", "count", None, None, 5]
    assert spread.rows[2] == ["partnership.name", '"CPP x IT"', None, None, None]  # no object: kept as written
    plain = RawSheet("plain.csv", None, [["key", "value"], ["a", '{"b": 1}'], ["c", "2"]])  # one object: no column of them
    assert with_json_columns(plain) is plain


def test_a_settings_export_of_targets_gives_its_targets(tmp_path: Path):
    write_workbook(tmp_path / "raw" / "KPI_settings.xlsx", {"settings": [
        ["# dashboard configuration export (key / JSON value); baselines are not targets"],
        ["key", "value", "last_changed"],
        ["partnership.period", '{"start": "2021-01-01", "end": "2023-12-31"}', "2021-01-05"],
        ["kpi.val_projects_detected", '{"unit": "count", "baseline_2018_2020": 24, "targets": {"2021": 10, "2021-2023": 33}}',
         "2021-01-10"],
        ["kpi.val_maturation_eur", '{"unit": "kEUR", "baseline_2018_2020": 900, "targets": {"2021-2023": 1350}}',
         "2021-02-14"],
        ["kpi.val_licences", "{'unit': 'count', 'targets': {'2021-2023': 6},}", "2021-03-15"],
        ["kpi.val_maturation_conversion", '{"unit": "share", "targets": {"2021-2023": "30 %"}}', "2021-01-10"]]})
    targets = ingest(tmp_path / "raw").tables["kpi_targets"]
    got = {(k, p): t for k, p, t in zip(targets["kpi_id"], targets["period"], targets["target"], strict=True)}
    assert got == {("val_projects_detected", "2021"): 10, ("val_projects_detected", "2021-2023"): 33,
                   ("val_maturation_eur", "2021-2023"): 1_350_000, ("val_licences", "2021-2023"): 6,
                   ("val_maturation_conversion", "2021-2023"): pytest.approx(0.3)}
