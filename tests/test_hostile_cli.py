"""The command line under unlucky use: markup characters in paths, periods without data, a baseline after its
period, an output suffix that contradicts --format, and one exit-code convention (0 done, 1 failure asked for or
failed report, 2 usage or fatal input, 3 partial ingest) across commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from partnership_metrics import paths


def cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "partnership_metrics", *map(str, args)], capture_output=True,
                          text=True, timeout=600, cwd=cwd,
                          env={**os.environ, "PARTNERSHIP_METRICS_KEY": "test-key-not-secret-0123456789"})


def one_error_line(done, code: int = 2) -> str:
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == code and "Traceback" not in done.stderr, (done.returncode, done.stderr)
    assert len(lines) == 1, done.stderr
    return lines[0]


@pytest.fixture(scope="module")
def processed(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cli") / "processed"
    done = cli("ingest", "--raw", paths.SAMPLE_RAW_DIR, "--out", out)
    assert done.returncode == 0, done.stderr
    return out


def test_a_markup_character_in_a_path_is_printed_as_written(tmp_path):
    done = cli("template", "[/x].xlsx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "[/x].xlsx").is_file() and "Template written: [/x].xlsx" in done.stdout
    done = cli("sample-data", "--out", tmp_path / "[bold]raw[/bold]")
    assert done.returncode == 0, done.stderr
    assert "[bold]raw[/bold]" in done.stdout


def test_kpis_of_a_year_without_data_say_so(processed):
    line = one_error_line(cli("kpis", "--processed", processed, "--year", "1800"))
    assert "no data in 1800: the tables hold dates from" in line


def test_kpis_refuse_a_baseline_after_the_period(processed):
    line = one_error_line(cli("kpis", "--processed", processed, "--period", "2021-2023", "--baseline", "2022-2024"))
    assert "--baseline 2022-2024" in line and "must end before 2021" in line


@pytest.mark.parametrize("fmt, name", [("xlsx", "k.csv"), ("json", "k.xlsx"), ("csv", "k.json")])
def test_the_output_suffix_must_match_the_format(processed, tmp_path, fmt, name):
    line = one_error_line(cli("kpis", "--processed", processed, "--format", fmt, "--output", tmp_path / name))
    assert f"--format is {fmt}" in line and not (tmp_path / name).exists()


@pytest.mark.parametrize("args", [
    ("kpis", "--bogus"), ("report", "--bogus"), ("ingest", "--bogus"),
    ("kpis", "--format", "pdf"), ("report", "--kind", "quarterly"), ("report", "--format", "docx"),
    ("report", "--kind", "annual", "--period", "2021-2023"), ("kpis", "--period", "2023-2021"),
])
def test_usage_errors_exit_2_in_every_command(processed, args):
    done = cli(*args, "--processed", processed) if args[0] != "ingest" else cli(*args)
    assert done.returncode == 2, (args, done.returncode, done.stderr)
    assert "Traceback" not in done.stderr and "unexpected error" not in done.stderr


def test_report_of_a_year_without_data_exits_2_before_running_anything(processed, tmp_path):
    line = one_error_line(cli("report", "--processed", processed, "--kind", "annual", "--year", "1800",
                              "--format", "html", "--out", tmp_path / "r"))
    assert "no data in 1800" in line and not (tmp_path / "r").exists()


def test_report_refuses_a_baseline_after_its_year(processed, tmp_path):
    line = one_error_line(cli("report", "--processed", processed, "--kind", "annual", "--year", "2022",
                              "--baseline", "2023-2025", "--format", "html", "--out", tmp_path / "r"))
    assert "must end before 2022" in line and not (tmp_path / "r").exists()
