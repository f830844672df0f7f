"""The public API of partnership_metrics.sample and the sample-data command: deterministic, refuses bad input,
keeps the truth outside the raw folder, scales."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from partnership_metrics import sample, schemas

from .sheets import read_cells

SPREADSHEET_SUFFIXES = {".xlsx", ".csv", ".ods"}


def test_public_names():
    assert set(sample.__all__) == {"write_sample", "expected_tables", "luhn_valid", "siren_check_digit"}
    assert all(callable(getattr(sample, name)) for name in sample.__all__)


def test_same_seed_gives_same_files_and_cells(written, tmp_path):
    again = sample.write_sample(tmp_path / "again", seed=2020, scale=1, partnership=written.partnership)
    assert again == written.summary
    for name in written.summary["files"]:
        assert (tmp_path / "again" / name).read_bytes() == (written.folder / name).read_bytes(), name
    assert read_cells(tmp_path / "again") == written.cells


def test_other_seed_gives_other_cells(cells, tmp_path):
    other = sample.write_sample(tmp_path / "other", seed=7, scale=1)
    assert other["files"]  # same layout...
    assert read_cells(tmp_path / "other") != cells  # ...different content


def test_raw_folder_holds_only_spreadsheets_and_truth_goes_outside(generated, tmp_path):
    folder, summary = generated
    assert {Path(name).suffix for name in summary["files"]} <= SPREADSHEET_SUFFIXES
    assert sorted(p.name for p in folder.iterdir()) == summary["files"]
    with pytest.raises(ValueError, match="outside"):
        sample.write_sample(tmp_path / "raw", truth_path=tmp_path / "raw" / "truth.json")
    truth_path = tmp_path / "truth" / "truth.json"
    written = sample.write_sample(tmp_path / "raw2", truth_path=truth_path)
    assert json.loads(truth_path.read_text(encoding="utf-8"))["truth"]["tables"] == written["truth"]["tables"]
    assert not list((tmp_path / "raw2").glob("*.json"))


@pytest.mark.parametrize("bad", [0, -1, 1.5])
def test_bad_scale_is_refused(bad, tmp_path):
    with pytest.raises(ValueError, match="scale"):
        sample.write_sample(tmp_path, scale=bad)
    with pytest.raises(ValueError, match="scale"):
        sample.expected_tables(scale=bad)


def test_scale_multiplies_rows_and_keeps_files(generated, tmp_path):
    _, summary = generated
    bigger = sample.write_sample(tmp_path / "x2", seed=2020, scale=2)
    assert bigger["files"] == summary["files"]
    big, small = bigger["truth"]["tables"], summary["truth"]["tables"]
    for table in schemas.DATA_TABLES:
        ratio = big[table]["accepted"] / small[table]["accepted"]
        assert 1.5 <= ratio <= 3.0, (table, ratio)
    assert abs(big["kpi_targets"]["accepted"] - small["kpi_targets"]["accepted"]) <= 10  # one row per KPI and period
    # each repetition has its own draws but the first one is the scale-1 partnership
    assert set(sample.expected_tables(2020, 1)["projects"]["title"]) <= set(
        sample.expected_tables(2020, 2)["projects"]["title"])


def test_luhn_valid():
    assert sample.luhn_valid("732829320")
    assert not sample.luhn_valid("123456789")
    assert not sample.luhn_valid("73282932A")
    assert sample.luhn_valid("12345678" + sample.siren_check_digit("12345678"))


def test_cli_writes_the_sample(tmp_path):
    from typer.testing import CliRunner

    from partnership_metrics.cli import app

    result = CliRunner().invoke(app, ["sample-data", "--seed", "3", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    written = len(list((tmp_path / "out").iterdir()))
    assert written >= 10 and f"({written} files)" in result.output


def test_cli_writes_the_sample_of_a_partnership_file(second, tmp_path):
    from typer.testing import CliRunner

    from partnership_metrics.cli import app

    from .conftest import SECOND_CONFIG

    result = CliRunner().invoke(app, ["sample-data", "--config", str(SECOND_CONFIG), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == second.summary["files"]
    for name in second.summary["files"]:
        assert (tmp_path / "out" / name).read_bytes() == (second.folder / name).read_bytes(), name
    missing = CliRunner().invoke(app, ["sample-data", "--config", str(tmp_path / "nope.yaml"), "--out",
                                       str(tmp_path / "out2")])
    assert missing.exit_code != 0 and not (tmp_path / "out2").exists()


def test_the_sample_imports_no_stage(tmp_path):
    """The generator is independent of what it tests: ingest, kpis and reporting are never imported."""
    import subprocess
    import sys

    code = ("import sys; from partnership_metrics.sample import write_sample, expected_tables; "
            f"write_sample({str(tmp_path)!r}); expected_tables(); "
            "print(sorted(m for m in sys.modules if m.startswith('partnership_metrics.')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "partnership_metrics.sample.model" in loaded
    for stage in ("ingest", "kpis", "reporting", "pipeline"):
        assert f"'partnership_metrics.{stage}" not in loaded, stage
