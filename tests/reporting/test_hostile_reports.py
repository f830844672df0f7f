"""Reports under unlucky use: a relative --out from outside the project, re-runs that fail or are killed, an --out
that is the processed or the raw folder, and data that reads like a stylesheet."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import nbformat
import pytest

from partnership_metrics import paths
from partnership_metrics.reporting.html import notebook_to_html


def cli(*args, cwd=None, wait=True):
    command = [sys.executable, "-m", "partnership_metrics", *map(str, args)]
    env = {**os.environ, "PARTNERSHIP_METRICS_KEY": "test-key-not-secret-0123456789"}
    if not wait:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd, env=env)
    return subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=cwd, env=env)


def one_error_line(done) -> str:
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 2 and len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    return lines[0]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> tuple[Path, Path]:
    """(raw, processed) of the sample."""
    base = tmp_path_factory.mktemp("hostile_reports")
    raw = base / "raw"
    shutil.copytree(paths.SAMPLE_RAW_DIR, raw)
    processed = base / "processed"
    done = cli("ingest", "--raw", raw, "--out", processed)
    assert done.returncode == 0, done.stderr
    return raw, processed


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# --- 6. the offline check reads markup, not the data shown as text --------------------------------------------------

def _page(html: str) -> str:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output(
        "display_data", data={"text/html": html, "text/plain": "x"})])]
    return notebook_to_html(nb, lang="en", title="t")


@pytest.mark.parametrize("text, shown", [
    ("… (envoi contact@importations-sud.fr).csv", "contact@importations-sud.fr"),
    ("see url(//cdn.example.org/x.css) and @import 'https://x.org/a.css'", "url(//cdn.example.org/x.css)"),
    ("&lt;img src=&quot;https://example.org/x.png&quot;&gt;", "https://example.org/x.png"),
])
def test_data_that_reads_like_a_stylesheet_is_text_not_a_resource(text, shown):
    page = _page(f"<table><tr><td>{text}</td></tr></table><p title=\"{text}\">note</p>")
    assert shown in page


def test_markup_that_loads_from_the_network_is_still_refused():
    from partnership_metrics.errors import ReportError

    for html in ("<style>p { background: url(//cdn.example.org/bg.png) }</style>",
                 '<img srcset="a.png 1x, https://example.org/b.png 2x">',
                 '<div style="background:url(&quot;https://example.org/x.png&quot;)">x</div>'):
        with pytest.raises(ReportError, match="offline"):
            _page(html)


# --- 8. --out is never the processed or raw folder; foreign folders are refused -------------------------------------

@pytest.mark.parametrize("where", ["processed", "inside processed", "raw", "around processed"])
def test_report_never_writes_into_the_processed_or_raw_folder(ingested, where):
    raw, processed = ingested
    out = {"processed": processed, "inside processed": processed / "reports", "raw": raw,
           "around processed": processed.parent}[where]
    before = {folder: _tree(folder) for folder in (raw, processed)}
    line = one_error_line(cli("report", "--processed", processed, "--out", out, "--kind", "annual",
                              "--format", "html", "--lang", "fr"))
    assert str(out) in line and ("processed folder" in line or "raw folder" in line)
    assert {folder: _tree(folder) for folder in (raw, processed)} == before


def test_report_refuses_a_folder_holding_other_files(ingested, tmp_path):
    _, processed = ingested
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"four years of work")
    line = one_error_line(cli("report", "--processed", processed, "--out", out, "--kind", "annual",
                              "--format", "html", "--lang", "fr"))
    assert "does not hold reports written by report" in line
    assert _tree(out) == {"thesis.docx": b"four years of work"}


# --- 5 and 8, end to end: relative --out outside the project, failed and killed re-runs ---------------------------

@pytest.mark.slow
def test_a_relative_out_run_outside_the_project_lands_where_it_was_run(ingested, tmp_path):
    """Several notebooks at once, run from another folder, with a relative --out whose name also exists under the
    project root: every file lands in the folder the user meant, none in the project's."""
    _, processed = ingested
    name = f"pm-test-out-{uuid.uuid4().hex[:8]}"
    decoy = paths.PROJECT_ROOT / name
    decoy.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    try:
        done = cli("report", "--processed", processed, "--out", name, "--kind", "all", "--lang", "fr,en",
                   "--format", "html", cwd=elsewhere)
        assert done.returncode == 0, done.stderr
        written = sorted(p.name for p in (elsewhere / name).iterdir())
        assert len([n for n in written if n.endswith(".html")]) == 4 and "manifest.json" in written
        assert list(decoy.iterdir()) == []
    finally:
        shutil.rmtree(decoy, ignore_errors=True)


@pytest.mark.slow
def test_a_failed_or_killed_rerun_leaves_the_previous_reports_whole(ingested, tmp_path):
    _, processed = ingested
    out = tmp_path / "r"
    args = ("--out", out, "--kind", "annual", "--year", "2023", "--lang", "fr", "--format", "html")
    first = cli("report", "--processed", processed, *args)
    assert first.returncode == 0, first.stderr
    before = _tree(out)
    assert {"annual_2023_fr.html", "annual_2023_fr.ipynb", "manifest.json"} <= set(before)

    broken = tmp_path / "broken"
    shutil.copytree(processed, broken)
    (broken / "events.parquet").write_bytes(b"not parquet")
    failed = cli("report", "--processed", broken, *args)
    assert failed.returncode == 1
    assert f"partial notebook saved to {tmp_path / 'r.failed' / 'annual_2023_fr.ipynb'}" in failed.stderr
    assert _tree(out) == before  # nothing of the failed run mixed in

    # --force: an unchanged run would reuse the reports at once, and there would be nothing to kill
    running = cli("report", "--processed", processed, *args, "--force", wait=False)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(tmp_path.glob(".r.partial-*")):
        time.sleep(0.01)
    assert list(tmp_path.glob(".r.partial-*")), "the run never started writing aside: nothing was killed"
    time.sleep(0.5)  # the kernel is starting, the run writing aside
    running.send_signal(signal.SIGKILL)
    running.wait()
    assert list(tmp_path.glob(".r.partial-*")), "the run ended before it was killed"
    assert _tree(out) == before
    again = cli("report", "--processed", processed, *args)
    assert again.returncode == 0, again.stderr
    assert not list(tmp_path.glob(".r.partial-*"))  # what the killed run left is cleaned up
    assert set(_tree(out)) == set(before)
