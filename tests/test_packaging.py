"""The program as an installed tool: what the wheel lists and holds, where the working folder is, ``init``, and
(slow) a wheel installed into a fresh virtual environment and run from an empty folder."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

from partnership_metrics import __version__, paths, resources
from partnership_metrics.workspace import TEMPLATE_DIR

ROOT = paths.CHECKOUT_ROOT  # the tests run from a checkout
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
BUNDLED = {name: folder for name, folder in SETUPTOOLS["package-dir"].items() if name}
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
REPORTS = [f"{stem}_{lang}.{fmt}" for stem in ("three-year_2021-2023", "annual_2023") for lang in ("fr", "en")
           for fmt in ("html", "pdf")]
WORKING_FOLDER = {".partnership-metrics", ".gitignore", "README.md", "data/raw/README.md", "data/reference/README.md",
                  "data/reference/institution_aliases.csv", "data/reference/value_synonyms.yaml",
                  "data/reference/partnership.yaml", *(f"notebooks/{name}" for name in NOTEBOOKS)}


def cli(*args, cwd=None):
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "partnership_metrics", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=300)


def _package_folders() -> dict[str, set[str]]:
    """Package name of each folder of src/partnership_metrics holding a file -> the suffixes of its files."""
    out: dict[str, set[str]] = {}
    for path in paths.PACKAGE_DIR.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            name = ".".join(path.parent.relative_to(paths.PACKAGE_DIR.parent).parts)
            out.setdefault(name, set()).add(path.suffix)
    return out


def test_the_explicit_package_list_names_every_folder_of_the_package():
    listed = set(SETUPTOOLS["packages"])
    folders = _package_folders()
    with_code = {name for name, suffixes in folders.items() if ".py" in suffixes}
    assert with_code - listed == set(), "add these subpackages to [tool.setuptools] packages in pyproject.toml"
    assert set(folders) - listed == set(), "add these data folders to [tool.setuptools] packages in pyproject.toml"
    assert listed - set(folders) - set(BUNDLED) == set(), "these packages no longer exist: remove them from the list"
    assert set(BUNDLED) <= listed and not (paths.PACKAGE_DIR / "_bundled").exists()


def test_the_bundled_folders_are_the_checkouts_notebooks_and_sample():
    assert BUNDLED == {"partnership_metrics._bundled.notebooks": "notebooks",
                       "partnership_metrics._bundled.sample": "data/raw/sample"}
    # in a checkout (no _bundled folder in the package), the program reads them where they are
    assert resources.packaged_notebooks_dir() == ROOT / "notebooks" == paths.NOTEBOOKS_DIR
    assert resources.sample_dir() == ROOT / "data" / "raw" / "sample" == paths.SAMPLE_RAW_DIR
    assert resources.notebook("annual_review.ipynb") == ROOT / "notebooks" / "annual_review.ipynb"
    assert len(NOTEBOOKS) >= 3 and len(list(resources.sample_dir().iterdir())) >= 10


def test_the_project_root_rule(tmp_path):
    assert paths.PROJECT_ROOT == ROOT and (ROOT / "pyproject.toml").is_file()
    assert (paths.RAW_DIR, paths.PROCESSED_DIR, paths.REPORTS_DIR, paths.NOTEBOOKS_DIR, paths.SECRETS_DIR) == (
        ROOT / "data/raw", ROOT / "data/processed", ROOT / "reports", ROOT / "notebooks", ROOT / ".secrets")
    installed = tmp_path / "venv/lib/python3.11/site-packages/partnership_metrics"
    installed.mkdir(parents=True)
    work = tmp_path / "work"
    below = work / "data" / "raw"
    below.mkdir(parents=True)
    assert paths.checkout_root(installed) is None
    assert paths.find_project_root(below, installed) == below.resolve()  # no working folder: the current one
    (work / paths.MARKER_FILE).write_text("0.1.0\n", encoding="utf-8")
    assert paths.find_project_root(below, installed) == work.resolve()  # the nearest laid out by init, upward
    assert paths.find_project_root(work, installed) == work.resolve()
    checkout = tmp_path / "checkout"
    (checkout / "src" / "partnership_metrics").mkdir(parents=True)
    (checkout / "pyproject.toml").write_text("", encoding="utf-8")
    assert paths.find_project_root(below, checkout / "src" / "partnership_metrics") == checkout  # a checkout wins
    in_checkout_venv = checkout / ".venv/lib/python3.11/site-packages/partnership_metrics"
    in_checkout_venv.mkdir(parents=True)
    assert paths.checkout_root(in_checkout_venv) is None  # installed in a venv kept inside a checkout: installed


def test_an_installed_package_finds_the_working_folder_from_the_current_directory(tmp_path):
    """The package copied outside any checkout, imported for real: the root comes from the current directory."""
    site = tmp_path / "site"
    shutil.copytree(paths.PACKAGE_DIR, site / "partnership_metrics", ignore=shutil.ignore_patterns("__pycache__"))
    work = tmp_path / "work"
    below = work / "notebooks"
    below.mkdir(parents=True)
    show = "from partnership_metrics import paths; print(paths.PROJECT_ROOT); print(paths.REPORTS_DIR)"

    def root_from(cwd: Path) -> list[str]:
        env = {**os.environ, "PYTHONPATH": str(site)}
        done = subprocess.run([sys.executable, "-c", show], capture_output=True, text=True, cwd=cwd, env=env,
                              timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout.split()

    assert root_from(below) == [str(below.resolve()), str(below.resolve() / "reports")]
    (work / ".partnership-metrics").write_text(f"{__version__}\n", encoding="utf-8")
    assert root_from(below) == [str(work.resolve()), str(work.resolve() / "reports")]


def test_init_lays_out_a_working_folder(tmp_path):
    from partnership_metrics.ingest.codebook import make_codebook
    from partnership_metrics.ingest.vocabulary import load_vocabulary, read_user_aliases
    from partnership_metrics.partnership import PACKAGED_FILE, default_partnership, read_partnership

    folder = tmp_path / "x"
    done = cli("init", folder)
    assert done.returncode == 0, done.stderr
    assert "data/raw" in done.stdout and "annual" in done.stdout
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert files == WORKING_FOLDER
    assert (folder / "reports").is_dir()
    assert (folder / ".partnership-metrics").read_text(encoding="utf-8") == f"{__version__}\n"
    ignored = (folder / ".gitignore").read_text(encoding="utf-8").split()
    assert {"/data/processed/", "/reports/", "/.secrets/"} <= set(ignored)
    for name in NOTEBOOKS:
        assert (folder / "notebooks" / name).read_bytes() == (ROOT / "notebooks" / name).read_bytes()
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert all(f"partnership-metrics {command}" in readme for command in ("ingest", "kpis", "report", "annual"))
    assert "read-only" in (folder / "data/raw/README.md").read_text(encoding="utf-8")
    reference = folder / "data" / "reference"
    explained = (reference / "README.md").read_text(encoding="utf-8")
    assert all(name in explained for name in ("institution_aliases.csv", "value_synonyms.yaml",
                                              "header_synonyms.yaml", "mapping.yaml", "partnership.yaml"))
    # the starter files are what the program reads: accepted, and changing nothing
    assert (reference / "institution_aliases.csv").read_text(encoding="utf-8") == "alias,code,reason\n"
    assert read_user_aliases(reference / "institution_aliases.csv") == {}
    synonyms = (reference / "value_synonyms.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(synonyms) is None and "not_funded" in synonyms  # only comments, with an example
    assert make_codebook(load_vocabulary(reference)).labels == make_codebook(load_vocabulary(None)).labels
    copy = (reference / "partnership.yaml").read_text(encoding="utf-8")
    assert copy.startswith("#") and "edit it for your own partnership" in copy.split("\n\n")[0]
    assert copy.endswith(PACKAGED_FILE.read_text(encoding="utf-8"))
    default = default_partnership()
    assert dataclasses.replace(read_partnership(reference / "partnership.yaml"), source=default.source) == default


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    folder = tmp_path / "x"
    folder.mkdir()
    assert cli("init", folder).returncode == 0  # an empty folder is fine
    for target in (folder, folder / "README.md"):
        done = cli("init", target)
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        assert done.returncode == 2 and len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
        assert str(target.name) in lines[0]
    assert "not empty" in cli("init", folder).stderr
    assert "init" in cli("--help").stdout and "working folder" in cli("init", "--help").stdout


def test_the_template_has_no_file_the_package_would_leave_out():
    """Every file of the working-folder template is shipped (package-data ``workspace_template/**/*``)."""
    names = [p.name for p in TEMPLATE_DIR.rglob("*") if p.is_file()]
    assert names and not [name for name in names if name.startswith(".")]  # dotfiles are stored as dot-*


# --- the wheel, installed into a fresh virtual environment --------------------------------------------------


def _run(args, *, cwd, env, timeout=600):
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(map(str, args))} (exit {done.returncode}):\n{done.stderr[-3000:]}"
    return done


def _source_copy(target: Path) -> Path:
    """What the wheel is built from, copied out of the checkout (a build in place leaves build/ behind, whose stale
    files a later build would ship)."""
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in ("pyproject.toml", "README.md"):
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)
    for folder in ("src", *BUNDLED.values()):
        shutil.copytree(ROOT / folder, target / folder, ignore=skip)
    return target


@pytest.mark.slow(seconds=130)
def test_the_wheel_installed_in_a_fresh_venv_runs_from_an_empty_folder(tmp_path):
    timings = {}
    started = time.perf_counter()
    wheels = tmp_path / "wheel"
    _run([sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-q", "-w", wheels],
         cwd=_source_copy(tmp_path / "source"), env=os.environ)
    (wheel,) = wheels.glob("partnership_metrics-*.whl")
    timings["build"] = time.perf_counter() - started

    shipped = set(zipfile.ZipFile(wheel).namelist())
    needed = {f"partnership_metrics/{p.relative_to(paths.PACKAGE_DIR).as_posix()}"
              for p in paths.PACKAGE_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    needed |= {f"partnership_metrics/_bundled/notebooks/{name}" for name in NOTEBOOKS}
    needed |= {f"partnership_metrics/_bundled/sample/{p.name}" for p in (ROOT / "data/raw/sample").iterdir()}
    assert needed - shipped == set()
    assert "partnership_metrics/partnership.yaml" in shipped and "partnership_metrics/vocab/kpis.yaml" in shipped

    started = time.perf_counter()
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], cwd=tmp_path, env=os.environ)
    python = venv / "bin" / "python"
    _run([python, "-m", "pip", "install", "-q", "--no-compile", wheel], cwd=tmp_path, env=os.environ, timeout=900)
    timings["venv + install"] = time.perf_counter() - started

    # the installed program alone: no checkout on the path, a fixed key, run by its own script
    # (bytecode written: the venv was installed without it, and every kernel would compile its imports again)
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PARTNERSHIP_METRICS_KEY_FILE", "PYTHONDONTWRITEBYTECODE")}
    env.update(PARTNERSHIP_METRICS_KEY="test-key-not-secret", COLUMNS="200")
    tool = venv / "bin" / "partnership-metrics"

    started = time.perf_counter()
    empty = tmp_path / "empty"
    empty.mkdir()
    _run([tool, "demo"], cwd=empty, env=env)
    timings["demo"] = time.perf_counter() - started
    demo = empty / "reports" / "demo"
    assert [name for name in REPORTS if not (demo / name).is_file()] == []
    assert (demo / "kpis_2021-2023.xlsx").is_file() and (empty / "data" / "processed" / "manifest.json").is_file()
    assert "/site-packages/partnership_metrics/_bundled/sample" in json.loads(
        (empty / "data" / "processed" / "manifest.json").read_text(encoding="utf-8"))["raw_dir"]

    started = time.perf_counter()
    sample = _run([python, "-c", "from partnership_metrics import resources; print(resources.sample_dir())"],
                  cwd=tmp_path, env=env).stdout.strip()
    _run([tool, "init", "x"], cwd=tmp_path, env=env)
    work = tmp_path / "x"
    shutil.copytree(sample, work / "data" / "raw", dirs_exist_ok=True)  # the partners' files, where init says
    adapted = work / "notebooks" / "annual_review.ipynb"  # an analyst's change: the reports run this copy
    notebook = json.loads(adapted.read_text(encoding="utf-8"))
    notebook["cells"].append({"cell_type": "markdown", "id": "adapted", "metadata": {},
                              "source": ["Adapted in this working folder."]})
    adapted.write_text(json.dumps(notebook), encoding="utf-8")
    facts = work / "data" / "reference" / "partnership.yaml"  # and its own facts: reports in English only
    facts.write_text(facts.read_text(encoding="utf-8").replace("languages: [fr, en]", "languages: [en]"),
                     encoding="utf-8")
    _run([tool, "annual", "--year", "2023"], cwd=work, env=env)
    timings["init + annual"] = time.perf_counter() - started
    (run,) = (work / "reports").glob("*_annual_2023")
    assert sorted(p.name for p in run.iterdir() if p.suffix in (".html", ".pdf")) == sorted(
        name for name in REPORTS if "_en." in name)
    assert (run / "kpis_2021-2023.xlsx").is_file() and (work / "data" / "processed" / "manifest.json").is_file()
    assert "Adapted in this working folder." in (run / "annual_2023_en.html").read_text(encoding="utf-8")
    assert "Adapted in this working folder." not in (run / "three-year_2021-2023_en.html").read_text(encoding="utf-8")
    print("packaging test, seconds:", {step: round(s, 1) for step, s in timings.items()})
