"""The bundled sample, end to end: exact row counts per table, planted rows quarantined, KPIs equal to the
generator's own independent computation, no person in any output."""

from __future__ import annotations

import math

import pyarrow.parquet as pq
import pytest

from partnership_metrics import kpi_table, load, paths
from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.report import build_report
from partnership_metrics.sample import write_sample
from partnership_metrics.storage import build_manifest, write_processed

# The bundled sample as its generator wrote it (seed 2020, scale 1); the truth below is cross-checked.
EXPECTED_ROWS = {
    "projects": 255, "funding": 233, "startups": 11, "startup_rounds": 24, "events": 56,
    "event_attendance": 2653, "eu_proposals": 67, "kpi_targets": 112, "commentary": 9,
}
EXPECTED_QUARANTINED = {"projects": 1, "funding": 2, "eu_proposals": 1}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample") / "processed"
    result = ingest(paths.SAMPLE_RAW_DIR)
    write_processed(result, out, manifest=build_manifest(result, paths.SAMPLE_RAW_DIR, {}),
                    report=build_report(result))
    truth = write_sample(tmp_path_factory.mktemp("regenerated"), seed=2020, scale=1)["truth"]
    return out, result, truth


def test_exact_row_counts_per_table(sample):
    out, result, truth = sample
    rows = {name: len(df) for name, df in load(out).items() if name != "institutions"}
    assert rows == EXPECTED_ROWS
    assert rows == {t: v["accepted"] for t, v in truth["tables"].items()}


def test_planted_bad_rows_are_quarantined_and_every_sheet_reconciles(sample):
    out, result, truth = sample
    report = build_report(result)
    quarantined = {t: v["rows_quarantined"] for t, v in report["tables"].items() if v["rows_quarantined"]}
    assert quarantined == EXPECTED_QUARANTINED
    assert {(p["file"], p["row"]) for p in truth["planted"]} == {(p.file, p.row) for p in result.problems}
    dropped = {t: v["rows_dropped"] for t, v in report["tables"].items()}
    assert dropped == {t: v["dropped"] for t, v in truth["tables"].items()}
    for f in report["files"]:
        for s in f["sheets"]:
            assert s["reconciled"], (f["file"], s["sheet"])


def test_kpis_equal_the_generators_independent_computation(sample):
    out, _, truth = sample
    tables = load(out)
    ours = {}
    for period in ("2018-2020", "2021-2023"):
        table = kpi_table(tables, period=period)
        ours.update({(r.kpi_id, r.period): r.value for r in table.itertuples()})
    checked = 0
    for ref in truth["kpi_reference"]:
        value = ours[(ref["kpi_id"], ref["period"])]
        if ref["value"] is None:
            assert value is None or math.isnan(value), ref
        else:
            assert value == pytest.approx(ref["value"], rel=1e-6), ref
        checked += 1
    assert checked >= 28 * 8  # the generator computes 28 of the 30 KPIs, per year and per period


def test_no_person_reaches_the_processed_tables(sample):
    out, _, truth = sample
    people = [n.lower() for n in truth["persons"]["names"]] + [e.lower() for e in truth["persons"]["emails"]]
    assert len(people) > 100
    for path in out.iterdir():
        if path.suffix == ".parquet":
            text = pq.read_table(path).to_pandas().to_csv().lower()
        else:
            text = path.read_text(encoding="utf-8-sig").lower()
        found = [p for p in people if p in text]
        assert not found, (path.name, found[:3])
