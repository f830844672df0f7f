"""Another partnership runs through the whole pipeline from its own partnership file and data, with no code change:
the SATT Sud-Est × Région Sud partnership, 2024-2026 against a 2021-2023 baseline (tests/fixtures/second_partnership)."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from partnership_metrics import kpi_table, load
from partnership_metrics.partnership import read_partnership
from partnership_metrics.sample import write_sample

CONFIG = Path(__file__).parent / "fixtures" / "second_partnership" / "partnership.yaml"


def _cli(*args, cwd: Path):
    return subprocess.run([sys.executable, "-m", "partnership_metrics", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=600)


@pytest.mark.slow
def test_a_second_partnership_from_its_own_file(tmp_path):
    second = read_partnership(CONFIG)
    work = tmp_path / "work"
    raw, reference, processed, reports = (work / "data" / n for n in ("raw", "reference", "processed", "reports"))
    truth = write_sample(raw, seed=7, scale=1, partnership=second)["truth"]
    reference.mkdir(parents=True)
    shutil.copy(CONFIG, reference / "partnership.yaml")  # found beside the data: no option needed
    shutil.copy(CONFIG.parent / "custom_kpis.yaml", reference / "custom_kpis.yaml")  # its own KPI, no code

    done = _cli("ingest", "--raw", raw, "--out", processed, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert read_partnership(processed / "partnership.yaml").period == "2024-2026"
    tables = load(processed)
    for table, rows in truth["tables"].items():
        assert len(tables[table]) == rows["accepted"], table

    kpis = kpi_table(tables, lang="en")  # the partnership's own period and baseline, from the copy beside the tables
    assert sorted(set(kpis["period"])) == ["2024", "2024-2026", "2025", "2026"]
    reference_values = {(r["kpi_id"], r["period"]): r["value"] for r in truth["kpi_reference"]}
    got = {(k, p): v for k, p, v in zip(kpis["kpi_id"], kpis["period"], kpis["value"], strict=False)}
    for key, want in reference_values.items():
        if key in got:
            value = got[key]
            assert (want is None and math.isnan(value)) or value == pytest.approx(want, rel=1e-6), key
    assert (processed / "custom_kpis.yaml").is_file()  # ingest kept the copy the reports read
    own = kpis[(kpis["kpi_id"] == "region_funding_total") & (kpis["period"] == "2024-2026")]
    funding = tables["funding"]
    lines = funding["decision_date"].dt.year.between(2024, 2026) & (funding["funder"] == "region_sud")
    assert lines.any() and own["value"].tolist() == [pytest.approx(funding.loc[lines, "amount_eur"].sum())]

    done = _cli("report", "--kind", "all", "--processed", processed, "--out", reports, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    manifest = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))
    stems = sorted(r["files"]["pdf"] for r in manifest["reports"])
    assert stems == ["annual_2026_en.pdf", "annual_2026_fr.pdf", "three-year_2024-2026_en.pdf",
                     "three-year_2024-2026_fr.pdf"]
    page = (reports / "three-year_2024-2026_fr.html").read_text(encoding="utf-8")
    visible = re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", "", page, flags=re.S))
    assert "SATT Sud-Est" in visible and "Région Sud" in visible  # the partners on the cover
    assert "20 novembre 2023" in visible and "2021-2023" in visible  # its signing date, its baseline
    assert "10 décembre 2020" not in visible  # nothing of the packaged partnership
    assert "Financements régionaux engagés" in visible  # its own KPI, after the catalogue's
