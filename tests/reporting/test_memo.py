"""What reports share in a report run's kernel (reporting/memo.py): the same sections as computed afresh, nothing
shared outside the runner's kernels, nothing kept once the processed folder changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from partnership_metrics import paths
from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.report import build_report
from partnership_metrics.reporting import memo
from partnership_metrics.reporting.html import reset_figure_ids
from partnership_metrics.reporting.report import AnnualReview, ThreeYearReport
from partnership_metrics.storage import build_manifest, write_processed


@pytest.fixture(scope="module")
def processed(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("memo") / "processed"
    result = ingest(paths.SAMPLE_RAW_DIR)
    write_processed(result, out, manifest=build_manifest(result, paths.SAMPLE_RAW_DIR, {}),
                    report=build_report(result))
    return out


@pytest.fixture
def sharing(monkeypatch):
    """Sharing on, as in the runner's kernels (which set the variable in the kernel's environment)."""
    monkeypatch.setenv(memo.ENV, "1")
    memo.clear()
    yield
    memo.clear()


def _sections(report) -> list[str]:
    reset_figure_ids()  # as the runner does between two notebooks (a repeated chart's id would get a "-2")
    return [section.html for section in report.all_sections()]


def test_reports_sharing_their_work_show_what_reports_alone_show(processed, monkeypatch):
    monkeypatch.delenv(memo.ENV, raising=False)
    memo.clear()
    alone = {(kind, lang): _sections(make(processed, lang=lang))
             for kind, make in (("three-year", ThreeYearReport), ("annual", AnnualReview)) for lang in ("en", "fr")}
    monkeypatch.setenv(memo.ENV, "1")
    try:
        first = ThreeYearReport(processed, lang="fr")
        for kind, make in (("three-year", ThreeYearReport), ("annual", AnnualReview)):
            for lang in ("fr", "en"):
                report = make(processed, lang=lang)
                assert report.tables is first.tables  # read once
                assert _sections(report) == alone[(kind, lang)], (kind, lang)
    finally:
        memo.clear()


def test_nothing_shared_outside_the_runners_kernels(processed, monkeypatch):
    monkeypatch.delenv(memo.ENV, raising=False)
    first, second = ThreeYearReport(processed, lang="fr"), ThreeYearReport(processed, lang="en")
    assert first.tables is not second.tables
    built = []
    assert memo.shared(first.tables, "x", (1,), lambda: built.append(1) or len(built)) == 1
    assert memo.shared(first.tables, "x", (1,), lambda: built.append(1) or len(built)) == 2


def test_shared_values_are_dropped_when_the_folder_changes(processed, tmp_path, sharing):
    folder = tmp_path / "processed"
    shutil.copytree(processed, folder)
    reads = []

    def loader(path):
        reads.append(path)
        return path, {"read": len(reads)}

    tables = memo.load(folder, loader)[1]
    assert memo.load(folder, loader)[1] is tables and len(reads) == 1
    assert memo.shared(tables, "value", ("a",), lambda: "first") == "first"
    assert memo.shared(tables, "value", ("a",), lambda: "again") == "first"
    assert memo.shared(tables, "value", ("b",), lambda: "other args") == "other args"
    assert memo.shared({"read": 1}, "value", ("a",), lambda: "other tables") == "other tables"

    (folder / "institutions.parquet").write_bytes((folder / "institutions.parquet").read_bytes() + b"\0")
    changed = memo.load(folder, loader)[1]
    assert changed is not tables and len(reads) == 2
    assert memo.shared(changed, "value", ("a",), lambda: "computed again") == "computed again"


def test_the_changes_since_the_previous_ingest_are_compared_once_per_run_pair(processed, tmp_path, sharing,
                                                                               monkeypatch):
    from partnership_metrics.ingest.history import record
    from partnership_metrics.pipeline import comparison

    folder = tmp_path / "processed"
    shutil.copytree(processed, folder)
    assert record(folder) is not None
    projects = folder / "projects.parquet"
    import pyarrow.parquet as pq

    table = pq.read_table(projects)
    pq.write_table(table.slice(1), projects)  # a row fewer: a second, distinct run
    assert record(folder) is not None
    compared = []
    real = comparison.compare
    monkeypatch.setattr(comparison, "compare", lambda *a, **k: compared.append(1) or real(*a, **k))
    first = comparison.changes_since_previous(folder, year=2023)
    assert comparison.changes_since_previous(folder, year=2023) is first and len(compared) == 1
    assert comparison.changes_since_previous(folder, year=2022) is not first and len(compared) == 2
    assert first.counts()["removed"] == 1 and set(first.rows["table"]) == {"projects"}
    pq.write_table(table, projects)  # back to the first tables: the runs compared change, so do the changes
    assert record(folder) is not None
    assert comparison.changes_since_previous(folder, year=2023).counts()["added"] == 1 and len(compared) == 3
