"""nbval runs every notebook of notebooks/ in a real kernel against the bundled sample (``--nbval-lax``: the
notebooks are committed without outputs, so each cell must run without error)."""

from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest

from partnership_metrics import paths
from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.report import build_report
from partnership_metrics.storage import build_manifest, write_processed

NOTEBOOKS = sorted(p.name for p in paths.NOTEBOOKS_DIR.glob("*.ipynb"))


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    out = tmp_path_factory.mktemp("nbval") / "processed"
    result = ingest(paths.SAMPLE_RAW_DIR)
    write_processed(result, out, manifest=build_manifest(result, paths.SAMPLE_RAW_DIR, {}), report=build_report(result))
    return out


def test_notebooks_are_committed_without_outputs():
    assert set(NOTEBOOKS) >= {"three_year_report.ipynb", "annual_review.ipynb", "explore.ipynb"}
    for name in NOTEBOOKS:
        nb = nbformat.read(paths.NOTEBOOKS_DIR / name, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), name
        assert "parameters" in code[0].metadata.get("tags", []), name


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_nbval(name, processed, tmp_path):
    nb = nbformat.read(paths.NOTEBOOKS_DIR / name, as_version=4)
    parameters = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert 'processed_dir = "data/processed"' in parameters.source
    parameters.source = parameters.source.replace('"data/processed"', repr(str(processed)))
    copy = tmp_path / name
    nbformat.write(nb, copy)
    done = subprocess.run([sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-q",
                           "--rootdir", str(tmp_path), str(copy)], cwd=tmp_path, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout[-3000:]
    assert " passed" in done.stdout and "failed" not in done.stdout
