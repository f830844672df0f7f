"""Drill-down: for every KPI of the catalogue, the rows that ``explain`` returns reproduce the value (on the bundled
sample and on the hand-made tables), numerator and denominator rows flagged, and each row points back to the very
row of the partner's file it was read from."""

from __future__ import annotations

import csv
import io
import math

import openpyxl
import pandas as pd
import pytest
from rich.console import Console

import partnership_metrics as pm
from partnership_metrics import paths
from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.report import build_report
from partnership_metrics.kpis import catalogue, get_kpi, kpi_table, parse_period
from partnership_metrics.kpis.explain import EXPLAINERS, explain, formula_name, reproduce
from partnership_metrics.kpis.explain_command import run_explain
from partnership_metrics.storage import build_manifest, write_processed

KPI_IDS = [k.id for k in catalogue()]
PERIODS = [str(y) for y in range(2016, 2025)] + ["2018-2020", "2021-2023", "2022-2023", "2019-2024"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("explain") / "processed"
    result = ingest(paths.SAMPLE_RAW_DIR)
    write_processed(result, out, manifest=build_manifest(result, paths.SAMPLE_RAW_DIR, {}), report=build_report(result))
    return out, pm.load(out)


def same(a, b) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or (isinstance(b, float) and math.isnan(b))
    return b is not None and math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def test_every_formula_of_the_catalogue_has_an_explainer():
    assert {formula_name(k) for k in catalogue()} == set(EXPLAINERS)
    assert len(KPI_IDS) == len(catalogue())


@pytest.mark.parametrize("kpi_id", KPI_IDS)
def test_the_rows_reproduce_every_value_of_the_demo(demo, kpi_id):
    _, tables = demo
    kpi = get_kpi(kpi_id)
    non_zero = 0
    for period in PERIODS:
        rows = explain(kpi_id, tables, period)
        first, last = parse_period(period)
        assert same(rows.attrs["value"], kpi.compute(tables, range(first, last + 1)).value), period
        assert same(reproduce(rows), rows.attrs["value"]), (period, rows.attrs)
        non_zero += bool(rows.attrs["value"])
        if rows.attrs["method"] == "ratio":
            assert rows["denominator"].any() and (rows["numerator"] <= rows["denominator"]).all() \
                or kpi_id in ("fun_leverage_ratio", "fun_cost_per_outcome_eur")
    assert non_zero >= 3, "the check must run on values that are not all zero"


@pytest.mark.parametrize("kpi_id", KPI_IDS)
def test_the_rows_reproduce_the_year_rows_of_a_kpi_table(demo, kpi_id):
    _, tables = demo
    table = kpi_table(tables, period="2021-2023", contributors=False)
    for row in table[table["kpi_id"] == kpi_id].itertuples():
        rows = explain(kpi_id, tables, row.period, period_end="2023-12-31")
        assert same(reproduce(rows), row.value), row.period


@pytest.mark.parametrize("kpi_id", KPI_IDS)
def test_the_rows_reproduce_the_hand_made_values_and_a_partner_view(tables, kpi_id):
    for period in ("2019", "2021", "2022", "2023", "2021-2023"):
        rows = explain(kpi_id, tables, period)
        assert same(reproduce(rows), rows.attrs["value"]), period
    view = kpi_table(tables, period="2021-2023", partner="cpp", contributors=False)
    for row in view[view["kpi_id"] == kpi_id].itertuples():
        rows = explain(kpi_id, tables, row.period, partner="cpp", period_end="2023-12-31")
        assert same(reproduce(rows), row.value), row.period


def test_a_share_flags_numerator_and_denominator_rows(tables):
    rows = explain("eu_success_rate", tables, "2021-2023")
    assert rows.attrs["method"] == "ratio"
    assert rows.attrs["numerator"] / rows.attrs["denominator"] == pytest.approx(rows.attrs["value"])
    assert rows["denominator"].all() and rows["numerator"].sum() == rows.attrs["numerator"]
    assert set(rows["table"]) == {"eu_proposals"}
    assert list(rows.columns)[:10] == ["kpi_id", "period", "table", "row", "key", "date", "amount", "group",
                                       "numerator", "denominator"]


def test_a_null_value_has_no_row_and_its_reason(tables):
    rows = explain("eu_success_rate", tables, "2023", lang="en")
    assert rows.empty and rows.attrs["value"] is None
    assert rows.attrs["reason"] == "no EU proposal with a result submitted in 2023"


def test_each_row_is_found_again_in_the_partners_files(demo):
    """The sources are the raw rows themselves: open the file, go to the sheet and row, find the key there."""
    _, tables = demo
    rows = explain("val_maturation_eur", tables, "2021-2023")
    assert rows["source_file"].str.endswith(".csv").any() and rows["source_file"].str.endswith(".xlsx").any()
    books = {}
    for row in rows.itertuples():
        path = paths.SAMPLE_RAW_DIR / row.source_file
        if path.suffix == ".csv":
            lines = path.read_text(encoding="cp1252").splitlines()
            cells = next(csv.reader([lines[int(row.source_row) - 1]], delimiter=";"))
        else:
            book = books.setdefault(path, openpyxl.load_workbook(path, read_only=True, data_only=True))
            cells = [str(c) for c in next(book[row.source_sheet].iter_rows(
                min_row=int(row.source_row), max_row=int(row.source_row), values_only=True))]
        assert row.key in cells, (row.key, row.source_file, row.source_sheet, row.source_row)


def test_the_api_call_of_the_readme(demo):
    """`pm.explain(kpi_id, period=..., tables=...)`: the 2022 co-funded projects and where they are."""
    folder, tables = demo
    rows = pm.explain("syn_co_funded_projects", period="2022", tables=tables)
    assert rows.attrs["value"] == 4 and rows["group"].nunique() == 4
    assert rows[["source_file", "source_row"]].notna().all().all()
    from_folder = pm.explain("syn_co_funded_projects", period="2022", tables=folder)
    assert from_folder[["key", "source_file", "source_row"]].equals(rows[["key", "source_file", "source_row"]])


def run(processed, **options):
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run_explain(processed, console=Console(file=stderr), out=Console(file=stdout, width=200), **options)
    return code, stdout.getvalue(), stderr.getvalue()


def test_the_command_prints_the_rows_and_their_sources(demo, tmp_path):
    folder, tables = demo
    code, stdout, _ = run(folder, kpi_id="eu_success_rate", year=2022, lang="en")
    assert code == 0
    assert "EU success rate (eu_success_rate), 2022: 21.4%" in stdout and "3 / 14" in stdout
    assert "[Projets européens] row" in stdout and "denominator" in stdout and "both" in stdout
    code, stdout, _ = run(folder, kpi_id="trn_units_reached", period="2022", fmt="csv")
    frame = pd.read_csv(io.StringIO(stdout))
    assert frame["group"].nunique() == explain("trn_units_reached", tables, "2022").attrs["value"]
    assert set(frame["source_sheet"]) == {"Émargements"}
    code, _, stderr = run(folder, kpi_id="fun_leverage_ratio", fmt="xlsx", output=tmp_path / "rows.xlsx")
    sheets = pd.read_excel(tmp_path / "rows.xlsx", sheet_name=None)
    assert set(sheets) == {"rows", "value"} and len(sheets["rows"]) > 10
    with pytest.raises(pm.kpis.KpiError, match="unknown KPI id"):
        run(folder, kpi_id="nope")
    with pytest.raises(pm.kpis.KpiError, match="--output"):
        run(folder, kpi_id="trn_events", fmt="xlsx")


def test_the_command_line(demo):
    import os
    import subprocess
    import sys

    folder, _ = demo
    done = subprocess.run([sys.executable, "-m", "partnership_metrics", "explain", "syn_co_funded_projects", "--year",
                           "2022", "--processed", str(folder), "--lang", "en", "--format", "csv"],
                          capture_output=True, text=True, timeout=300, env={**os.environ, "COLUMNS": "200"})
    assert done.returncode == 0, done.stderr
    frame = pd.read_csv(io.StringIO(done.stdout))
    assert frame["group"].nunique() == 4 and set(frame["table"]) == {"funding"}
    both = subprocess.run([sys.executable, "-m", "partnership_metrics", "explain", "trn_events", "--year", "2022",
                           "--period", "2021-2023", "--processed", str(folder)], capture_output=True, text=True,
                          timeout=300)
    assert both.returncode != 0 and "either --period or --year" in both.stderr
