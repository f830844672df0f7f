"""An unchanged `report` run reuses the reports of its output folder; anything changed renders them again.

Real runs of the CLI (real kernels) on the ingested sample, then the fingerprint and the reuse check on copies of
the folder they wrote.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from partnership_metrics import paths
from partnership_metrics.reporting import reuse
from partnership_metrics.reporting.runner import KINDS

pytestmark = pytest.mark.slow
ANNUAL = ("--kind", "annual", "--year", "2023", "--lang", "en", "--format", "html")
REQUEST = {"kinds": ["annual"], "period": None, "year": 2023, "baseline": None, "lang": "en"}


def cli(*args) -> subprocess.CompletedProcess:
    """The CLI run; ``.stdout`` holds what it printed on both streams (the console prints on stderr)."""
    done = subprocess.run([sys.executable, "-m", "partnership_metrics", *map(str, args)], capture_output=True,
                          text=True, timeout=600, env={**os.environ, "COLUMNS": "200"})
    done.stdout += done.stderr
    return done


@pytest.fixture(scope="module")
def processed(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("processed") / "processed"
    done = cli("ingest", "--raw", paths.SAMPLE_RAW_DIR, "--out", out)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def rendered(processed, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reports") / "annual"
    done = cli("report", "--processed", processed, "--out", out, *ANNUAL)
    assert done.returncode == 0, done.stderr
    assert "Reports written to" in done.stdout and "reused" not in done.stdout
    return out


def _mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def _prints(processed: Path, **changes) -> dict:
    return reuse.fingerprint(processed, {**REQUEST, **changes.pop("request", {})}, formats=("html",),
                             notebooks=changes.pop("notebooks", reuse.notebooks_of(["annual"])), **changes)


def test_an_unchanged_run_reuses_the_reports_and_force_renders_them_again(processed, rendered):
    manifest = json.loads((rendered / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["fingerprint"]["sha256"]) == 64
    assert set(manifest["outputs"]) == {"annual_2023_en.ipynb", "annual_2023_en.html"}
    before = _mtimes(rendered)

    again = cli("report", "--processed", processed, "--out", rendered, *ANNUAL)
    assert again.returncode == 0, again.stderr
    lines = [line for line in again.stdout.splitlines() if "reused" in line]
    assert len(lines) == 1 and "use --force to re-render" in lines[0], again.stdout
    assert "annual_2023_en.html" in again.stdout
    assert _mtimes(rendered) == before  # nothing written, not even the manifest

    forced = cli("report", "--processed", processed, "--out", rendered, *ANNUAL, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "Reports written to" in forced.stdout and "reused" not in forced.stdout
    assert _mtimes(rendered)["annual_2023_en.html"] != before["annual_2023_en.html"]


def test_an_edited_output_is_rendered_again(processed, rendered):
    page = rendered / "annual_2023_en.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<p>edited</p></body>"), encoding="utf-8")
    done = cli("report", "--processed", processed, "--out", rendered, *ANNUAL)
    assert done.returncode == 0, done.stderr
    assert "Reports written to" in done.stdout and "reused" not in done.stdout
    assert "<p>edited</p>" not in page.read_text(encoding="utf-8")
    assert "reused" in cli("report", "--processed", processed, "--out", rendered, *ANNUAL).stdout


def test_reuse_needs_every_file_intact_and_the_formats_asked_for(processed, rendered, tmp_path):
    current = _prints(processed)
    assert reuse.reusable(rendered, current, ("html",)) is not None
    assert reuse.reusable(rendered, current, ("html", "pdf")) is None  # no PDF was made
    for damage in ("delete html", "delete ipynb", "edit ipynb", "manifest"):
        copy = tmp_path / damage.replace(" ", "_")
        shutil.copytree(rendered, copy)
        if damage == "delete html":
            (copy / "annual_2023_en.html").unlink()
        elif damage == "delete ipynb":
            (copy / "annual_2023_en.ipynb").unlink()
        elif damage == "edit ipynb":
            with open(copy / "annual_2023_en.ipynb", "a", encoding="utf-8") as fh:
                fh.write(" ")
        else:
            (copy / "manifest.json").write_text("{not json", encoding="utf-8")
        assert reuse.reusable(copy, current, ("html",)) is None, damage
    assert reuse.reusable(tmp_path / "nowhere", current, ("html",)) is None


def test_the_fingerprint_changes_with_each_input(processed, tmp_path):
    base = _prints(processed)["sha256"]
    assert _prints(processed)["sha256"] == base  # stable
    for request in ({"year": 2022}, {"baseline": "2018-2020"}, {"lang": "fr"}, {"kinds": ["three-year"]}):
        assert _prints(processed, request=request)["sha256"] != base, request
    assert reuse.fingerprint(processed, REQUEST, formats=("html", "pdf"),
                             notebooks=reuse.notebooks_of(["annual"]))["sha256"] != base

    # a notebook adapted in the working folder
    own = tmp_path / KINDS["annual"]
    own.write_bytes(Path(reuse.notebooks_of(["annual"])["annual"]).read_bytes())
    assert _prints(processed, notebooks={"annual": str(own)})["sha256"] != base
    same_path = _prints(processed, notebooks={"annual": str(own)})["sha256"]
    own.write_bytes(own.read_bytes() + b"\n")
    assert _prints(processed, notebooks={"annual": str(own)})["sha256"] != same_path

    # a partnership file given with --config, then edited
    config = tmp_path / "partnership.yaml"
    config.write_bytes((processed / "partnership.yaml").read_bytes())
    with_config = _prints(processed, config=config)["sha256"]
    assert with_config != base
    config.write_bytes(config.read_bytes() + b"\n# reviewed again\n")
    assert _prints(processed, config=config)["sha256"] != with_config

    # the tables, and the ingest history beside them (the "what changed" section)
    tables = tmp_path / "copy" / "processed"
    shutil.copytree(processed, tables)
    copied = _prints(tables)
    assert copied["processed"] == _prints(processed)["processed"]
    report = tables / "ingest_report.json"
    report.write_bytes(report.read_bytes() + b" ")
    assert _prints(tables)["processed"] != copied["processed"]
    history = tables.parent / "processed_history" / "runs"
    history.mkdir(parents=True)
    (history / "abc.json").write_text("{}", encoding="utf-8")
    assert _prints(tables)["history"] == {"abc.json": reuse.sha256_file(history / "abc.json")}


def test_the_package_hash_covers_code_templates_and_vocabularies(monkeypatch, tmp_path):
    package = tmp_path / "partnership_metrics"
    for name in ("reporting/html.py", "report_templates/partnership/static/report.css", "vocab/ui.yaml"):
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_bytes((paths.PACKAGE_DIR / name).read_bytes())
    (package / "__pycache__").mkdir()
    monkeypatch.setattr(paths, "PACKAGE_DIR", package)
    first = reuse.package_hash()
    (package / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    assert reuse.package_hash() == first  # compiled files are not the code
    for name in ("reporting/html.py", "report_templates/partnership/static/report.css", "vocab/ui.yaml"):
        path = package / name
        kept = path.read_bytes()
        path.write_bytes(kept + b"\n")
        assert reuse.package_hash() != first, name
        path.write_bytes(kept)
    assert reuse.package_hash() == first
