"""The README's Python API, as written there: its code block runs on the demo data (a copy of the bundled sample
ingested, one amount corrected, ingested again), and each question of an analyst is answered by its one call, in
well under a minute."""

from __future__ import annotations

import io
import re
import shutil
import time

import pandas as pd
import pytest
from rich.console import Console

import partnership_metrics as pm
from partnership_metrics import paths
from partnership_metrics.ingest.command import run_ingest
from partnership_metrics.kpis import catalogue
from partnership_metrics.kpis.explain import reproduce

README = paths.PROJECT_ROOT / "README.md"


def api_block() -> str:
    """The first Python code block of the README's "The Python API" section."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("#### The Python API"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("readme")
    raw, processed = root / "raw", root / "data" / "processed"
    shutil.copytree(paths.SAMPLE_RAW_DIR, raw)
    sink = Console(file=io.StringIO())

    def ingest() -> None:
        assert run_ingest(raw, processed, strict=False, force=False, mapping=None, console=sink, out=sink) == 0

    ingest()
    csv = raw / "IT_decisions_financement_2022.csv"
    text = csv.read_text(encoding="cp1252")
    csv.write_text(text.replace("PoC;48\u00a0000,00", "PoC;548\u00a0000,00"), encoding="cp1252")
    ingest()
    return processed


@pytest.fixture
def default_folder(demo, monkeypatch, tmp_path):
    """``pm.load()`` and ``pm.changes()`` read their default folder, data/processed: here, the demo's."""
    monkeypatch.setattr(paths, "PROCESSED_DIR", demo)
    monkeypatch.chdir(tmp_path)
    return demo


def test_the_readme_code_block_runs_as_written(default_folder, tmp_path):
    namespace: dict = {}
    started = time.monotonic()
    exec(compile(api_block(), str(README), "exec"), namespace)
    assert time.monotonic() - started < 60
    kpis, rows = namespace["kpis"], namespace["rows"]
    assert {"status_reason", "gap", "target_derived"} <= set(kpis.columns) and kpis["status_reason"].notna().all()
    assert rows.attrs["value"] == 4 and rows["source_row"].notna().all()
    assert set(pd.read_excel(tmp_path / "kpis.xlsx", sheet_name=None)) >= {"Valorisation"}


def test_the_rows_behind_any_value_with_their_file_sheet_and_row(default_folder):
    tables = pm.load()
    for kpi in catalogue():
        rows = pm.explain(kpi.id, period="2022", tables=tables)
        assert reproduce(rows) == pytest.approx(rows.attrs["value"], nan_ok=True), kpi.id
        assert rows["source_file"].notna().all() and rows["source_row"].notna().all(), kpi.id


def test_a_kpi_by_lead_institution_and_for_one_partner(default_folder):
    tables = pm.load()
    by = pm.kpi_table(tables, by="lead_institution")
    detected = by[(by["kpi_id"] == "val_projects_detected") & (by["period"] == "2021-2023")]
    assert detected["value"].sum() == 105 and "AMU" in set(detected["group"])
    cpp = pm.kpi_table(tables, partner="cpp")
    assert set(cpp["partner"]) == {"cpp"} and len(cpp) == 4 * len(catalogue())  # 3 years and the period


def test_the_2022_2023_movers(default_folder):
    movers = pm.movers(pm.load(), 2022, 2023, lang="en")
    assert len(movers) == len(catalogue()) and movers.iloc[0]["pct_change"] == movers["pct_change"].abs().max()


def test_what_changed_after_one_amount_was_edited(default_folder):
    changes = pm.changes()
    flipped = changes.status_changes()
    assert ("val_maturation_eur", "2022", "missed", "met") in set(
        flipped[["kpi_id", "period", "old_status", "new_status"]].itertuples(index=False, name=None))
    assert "val_maturation_eur" in changes.to_markdown()
