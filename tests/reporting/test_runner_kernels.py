"""Report notebooks sharing a kernel: the second finds it as a new kernel would be (same notebook, same HTML), and
the work it reuses from the first (reporting/memo.py) changes nothing it shows."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from partnership_metrics import paths
from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.report import build_report
from partnership_metrics.reporting.command import plan_jobs, title_of
from partnership_metrics.reporting.runner import kernel_groups, run_jobs
from partnership_metrics.storage import build_manifest, write_processed


def test_kernel_groups_split_the_jobs_in_order():
    jobs = list("abcd")
    assert kernel_groups(jobs, 2) == [["a", "b"], ["c", "d"]]
    assert kernel_groups(jobs, 4) == [["a"], ["b"], ["c"], ["d"]]
    assert kernel_groups(jobs, 1) == [jobs]
    assert kernel_groups(list("abc"), 2) == [["a", "b"], ["c"]]
    assert kernel_groups(["a"], 8) == [["a"]]
    assert 1 <= len(kernel_groups(jobs)) <= max(1, len(os.sched_getaffinity(0)) - 1)  # a CPU left to print


def _cells(path: Path) -> list[tuple]:
    """What a cell shows, without papermill's timings and the random cell ids."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [(c.get("execution_count"), c["source"], c.get("outputs")) for c in nb["cells"]]


@pytest.mark.slow
def test_two_notebooks_in_one_kernel_give_what_two_kernels_give(tmp_path):
    processed = tmp_path / "processed"
    result = ingest(paths.SAMPLE_RAW_DIR)
    write_processed(result, processed, manifest=build_manifest(result, paths.SAMPLE_RAW_DIR, {}),
                    report=build_report(result))
    # both kinds, both languages: the second three-year report and both annual ones reuse the first's work
    jobs = [*plan_jobs(processed, kind="three-year", period=None, year=None, baseline=None, langs=("en", "fr")),
            *plan_jobs(processed, kind="annual", period=None, year=2023, baseline=None, langs=("en", "fr"))]
    shared, apart = tmp_path / "shared", tmp_path / "apart"
    run_jobs(jobs, shared, formats=("html",), title_of=title_of, workers=1)  # one kernel, one after the other
    run_jobs(jobs, apart, formats=("html",), title_of=title_of, workers=4)  # a kernel each
    for job in jobs:
        assert (shared / f"{job.stem}.html").read_bytes() == (apart / f"{job.stem}.html").read_bytes(), job.stem
        cells = _cells(shared / f"{job.stem}.ipynb")
        assert cells == _cells(apart / f"{job.stem}.ipynb"), job.stem
        counts = [count for count, _, _ in cells if count is not None]
        assert counts == list(range(1, len(counts) + 1))  # prompt numbers start again at 1
