"""Spreadsheets the project had never seen, ingested with zero configuration (see tests/fixtures/unseen/README.md):
exact counts per table and per sheet, the expected value of every accepted row, no person in any output."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pandas as pd
import pytest

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.report import build_report
from partnership_metrics.storage import build_manifest, write_processed
from partnership_metrics.textnorm import fold

FIXTURES = Path(__file__).parent.parent / "fixtures" / "unseen"
KEYS = {"projects": ["project_id"], "funding": ["funding_id"], "startups": ["startup_id"],
        "startup_rounds": ["startup_id", "round_date", "round_type"], "events": ["event_id"],
        "eu_proposals": ["proposal_id"], "kpi_targets": ["kpi_id", "period"]}


def _norm(v):
    if v is None or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, (pd.Timestamp, dt.datetime)):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return v.item() if hasattr(v, "item") else v


def _ingest(name: str, tmp_path_factory):
    out = tmp_path_factory.mktemp(f"unseen{name}") / "processed"
    result = ingest(FIXTURES / name)
    report = build_report(result)
    write_processed(result, out, manifest=build_manifest(result, FIXTURES / name, {}), report=report)
    expected = json.loads((FIXTURES / f"{name}_expected.json").read_text(encoding="utf-8"))
    return name, out, report, expected


@pytest.fixture(scope="module", params=["A", "B", "C", "D", "E"])
def folder(request, tmp_path_factory):
    return _ingest(request.param, tmp_path_factory)


@pytest.fixture(scope="module", params=["D", "E"])
def folder_with_kpis(request, tmp_path_factory):
    return _ingest(request.param, tmp_path_factory)


def test_counts_per_table_and_sheet(folder):
    name, _, report, expected = folder
    for table, want in expected["tables"].items():
        got = report["tables"][table]
        assert (got["rows"], got["rows_quarantined"], got["rows_dropped"]) == (
            want["accepted"], want["quarantined"], want["dropped"]), (name, table)
    sheets = {(f["file"], s["sheet"]): s for f in report["files"] for s in f["sheets"]}
    for want in expected["files"]:
        got = sheets[(want["file"], want["sheet"])]
        assert (got["table"], got["rows_accepted"], got["rows_quarantined"], got["rows_dropped"]) == (
            want["table"], want["accepted"], want["quarantined"], want["dropped"]), (name, want["file"])


def test_every_accepted_value(folder):
    name, out, _, expected = folder
    for table, rows in expected["rows"].items():
        df = pd.read_parquet(out / f"{table}.parquet")
        if table == "event_attendance":
            want = sorted((r["event_id"], r["institution"], r["research_unit"] or "") for r in rows)
            got = sorted((_norm(a), _norm(b), _norm(c) or "")
                         for a, b, c in zip(df["event_id"], df["institution"], df["research_unit"], strict=False))
            assert got == want, name
            assert df["attendee"].str.match(r"^p-[0-9a-f]{16}$").all()
            continue
        index = {tuple(_norm(rec[k]) for k in KEYS[table]): rec for rec in df.to_dict("records")}
        for row in rows:
            key = tuple(str(row[c]) if c.endswith("date") else row[c] for c in KEYS[table])
            got = index[key]
            for column, want in row.items():
                if column.startswith("_") or column not in df.columns or column in ("pi", "attendee"):
                    continue
                value = _norm(got[column])
                if isinstance(want, float) and isinstance(value, (int, float)):
                    assert value == pytest.approx(want, abs=0.01), (name, table, key, column)
                elif column.endswith("date") and want is not None:
                    assert value == str(want), (name, table, key, column)
                else:
                    assert value == want or (want is None and value in ("", None)), (name, table, key, column)


def test_no_person_in_any_output(folder):
    name, out, _, expected = folder
    texts = []
    for path in out.iterdir():
        if path.suffix == ".parquet":
            texts.append(fold(pd.read_parquet(path).to_csv(index=False)))
        else:
            texts.append(fold(path.read_text(encoding="utf-8-sig")))
    leaks = [p for p in set(expected["personal"]) if any(fold(p) in text for text in texts)]
    assert leaks == [], (name, leaks[:5])


def test_kpis_equal_the_testers_own_computation_of_spec(folder_with_kpis):
    """D and E come with every KPI computed by the tester from the KPI definitions on the rows a correct ingestion keeps."""
    name, out, _, expected = folder_with_kpis
    from partnership_metrics import kpi_table, load

    table = kpi_table(load(out), period="2021-2023", contributors=False)
    ours = {(r.kpi_id, r.period): r.value for r in table.itertuples()}
    checked = 0
    for kpi_id, by_period in expected["kpis"].items():
        for period, want in by_period.items():
            got = ours[(kpi_id, period)]
            if want is None:
                assert got is None or math.isnan(got), (name, kpi_id, period, got)
            else:
                assert got == pytest.approx(want, rel=1e-6), (name, kpi_id, period)
            checked += 1
    assert checked == 30 * 4
