"""Unlucky and hostile runs of `ingest`: an --out that is someone else's folder, weak or racing keys, terminal
escape sequences in names and cells, two runs on one folder at once."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

PROJECTS = ("N° projet;Titre;Établissement porteur;Canal de sourcing;Soutenu par;Date de détection\n"
            "P-1;Un projet;AMU;Appel CPP;CPP;2022-03-01\n")
KEY = "test-key-not-secret-0123456789"


def ingest(raw: Path, out: Path, *options, env: dict | None = None, timeout: float = 120):
    env = {**os.environ, "PARTNERSHIP_METRICS_KEY": KEY} if env is None else env
    return subprocess.run([sys.executable, "-m", "partnership_metrics", "ingest", "--raw", str(raw), "--out",
                           str(out), *map(str, options)], capture_output=True, text=True, env=env, timeout=timeout)


def one_error_line(done) -> str:
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 2 and len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    return lines[0]


@pytest.fixture
def raw(tmp_path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "projets.csv").write_text(PROJECTS, encoding="utf-8")
    return folder


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


# --- 2. --out never deletes a folder the tool did not write for its tables -----------------------------------------

def _report_folder(folder: Path) -> Path:
    """A report folder as `report` writes it: PDFs, HTML and a manifest.json."""
    folder.mkdir()
    (folder / "three-year_2021-2023_fr.pdf").write_bytes(b"%PDF-1.7 the board's copy")
    (folder / "three-year_2021-2023_fr.html").write_text("<html></html>", encoding="utf-8")
    manifest = {"package": "partnership-metrics", "version": "1", "reports": [
        {"kind": "three-year", "lang": "fr", "files": {"html": "three-year_2021-2023_fr.html",
                                                       "pdf": "three-year_2021-2023_fr.pdf"}}]}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def _users_folder(folder: Path) -> Path:
    folder.mkdir()
    (folder / "thesis.docx").write_bytes(b"four years of work")
    (folder / "manifest.json").write_text('{"name": "my thesis"}', encoding="utf-8")
    return folder


@pytest.mark.parametrize("make, problem", [
    (_report_folder, "holds reports written by report, not tidy tables written by ingest"),
    (_users_folder, "is not empty and does not hold tidy tables written by ingest (it holds manifest.json, "
                    "thesis.docx)"),
])
def test_ingest_never_replaces_a_folder_that_is_not_its_own(raw, tmp_path, make, problem):
    folder = make(tmp_path / "target")
    before = _tree(folder)
    line = one_error_line(ingest(raw, folder))
    assert str(folder) in line and problem in line and "--out" in line
    assert _tree(folder) == before


def test_a_file_added_to_the_processed_folder_is_never_deleted(raw, tmp_path):
    out = tmp_path / "processed"
    assert ingest(raw, out).returncode == 0
    (out / "thesis.docx").write_bytes(b"four years of work")
    (raw / "more.csv").write_text(PROJECTS.replace("P-1", "P-2"), encoding="utf-8")  # so the next run rebuilds
    line = one_error_line(ingest(raw, out))
    assert "holds files the tool did not write (thesis.docx)" in line
    assert (out / "thesis.docx").read_bytes() == b"four years of work"
    (out / "thesis.docx").unlink()
    assert ingest(raw, out).returncode == 0  # its own folder, as it left it: replaced


# --- 3. the pseudonymisation key -----------------------------------------------------------------------------------

def _env_with_key_file(key_file: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PARTNERSHIP_METRICS_KEY"}
    return {**env, "PARTNERSHIP_METRICS_KEY_FILE": str(key_file), **extra}


@pytest.mark.parametrize("content, problem", [("", "is empty"), ("  \n\t\n", "is empty"),
                                              ("abababababababababab", "is too weak")])
def test_an_empty_or_weak_key_file_is_refused(raw, tmp_path, content, problem):
    key = tmp_path / "k.key"
    key.write_text(content, encoding="utf-8")
    key.chmod(0o600)
    line = one_error_line(ingest(raw, tmp_path / "out", env=_env_with_key_file(key)))
    assert str(key) in line and problem in line and "secrets.token_hex" in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("make", ["device", "pipe", "huge"])
def test_a_key_file_that_is_not_a_small_regular_file_is_refused_at_once(raw, tmp_path, make):
    """/dev/zero once took 5 GB before a MemoryError, a named pipe hung the run for ever."""
    key = Path("/dev/zero") if make == "device" else tmp_path / "k.key"
    if make == "pipe":
        os.mkfifo(key)
    elif make == "huge":
        key.write_bytes(os.urandom(8192))
    line = one_error_line(ingest(raw, tmp_path / "out", env=_env_with_key_file(key), timeout=60))
    assert str(key) in line and ("not a regular file" in line or "not a key" in line), line
    assert not (tmp_path / "out").exists()


def test_a_person_named_in_a_file_or_sheet_name_is_pseudonymised_everywhere(tmp_path):
    import pandas as pd
    from openpyxl import Workbook

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "Projets suivis par Dr Marie Curie (marie.curie@inserm.fr).csv").write_text(PROJECTS, encoding="utf-8")
    book = Workbook()
    book.active.title = "Dr Jane Smith"
    for row in PROJECTS.replace("P-1", "P-2").splitlines():
        book.active.append(row.split(";"))
    book.save(raw / "suivi.xlsx")
    done = ingest(raw, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    projects = pd.read_parquet(tmp_path / "out" / "projects.parquet")
    assert sorted(projects["project_id"]) == ["P-1", "P-2"]  # nothing lost
    written = done.stdout + done.stderr + "".join(p.read_text(encoding="utf-8", errors="replace")
                                                  for p in (tmp_path / "out").iterdir() if p.suffix != ".parquet")
    written += " ".join(map(str, projects["source_file"])) + " ".join(map(str, projects["source_sheet"]))
    for personal in ("Marie Curie", "marie.curie@inserm.fr", "Jane Smith"):
        assert personal not in written, personal
    assert "Projets suivis par p-" in " ".join(map(str, projects["source_file"]))  # still recognisable
    report = json.loads((tmp_path / "out" / "ingest_report.json").read_text(encoding="utf-8"))
    assert report["personal_data_masked"].get("file and sheet names", 0) >= 2
    again = ingest(raw, tmp_path / "out")  # the masked names are stable: the unchanged re-run reuses the tables
    assert again.returncode == 0 and "reused the tables" in again.stdout, again.stdout


@pytest.mark.parametrize("value, problem", [("a", "is too weak"), ("aaaaaaaaaaaaaaaaaaaaaaaa", "is too weak"),
                                            ("   ", "is empty")])
def test_a_weak_key_in_the_environment_is_refused(raw, tmp_path, value, problem):
    env = {**os.environ, "PARTNERSHIP_METRICS_KEY": value}
    line = one_error_line(ingest(raw, tmp_path / "out", env=env))
    assert "$PARTNERSHIP_METRICS_KEY" in line and problem in line


def test_a_key_file_others_can_read_is_warned_about(raw, tmp_path):
    key = tmp_path / "k.key"
    key.write_text("0123456789abcdef0123456789abcdef\n", encoding="utf-8")
    key.chmod(0o644)
    done = ingest(raw, tmp_path / "out", env=_env_with_key_file(key))
    assert done.returncode == 0, done.stderr
    assert f"warning: the pseudonymisation key file {key} can be read by others" in done.stderr


def test_a_changed_key_is_warned_about_and_only_its_fingerprint_is_recorded(raw, tmp_path):
    out = tmp_path / "out"
    first = ingest(raw, out)
    assert first.returncode == 0 and "key changed" not in first.stderr
    manifest = (out / "manifest.json").read_text(encoding="utf-8")
    assert KEY not in manifest and len(json.loads(manifest)["fingerprint"]["key"]) == 12
    other = {**os.environ, "PARTNERSHIP_METRICS_KEY": "another-key-entirely-0123456789"}
    second = ingest(raw, out, env=other)
    assert second.returncode == 0
    assert "warning: the pseudonymisation key changed since the last ingest" in " ".join(second.stderr.split())


def test_runs_creating_the_key_at_once_all_get_the_same_whole_key(tmp_path):
    """Several runs starting together on a machine without a key: one creates it, the others read it — never a
    crash, never an empty or partial key."""
    code = ("import sys, time; from partnership_metrics.ingest.pseudonymise import resolve_key, key_fingerprint; "
            "start = float(sys.argv[1]); time.sleep(max(0, start - time.time())); "
            "print(key_fingerprint(resolve_key()))")
    for round_ in range(6):
        key = tmp_path / f"round{round_}" / "secrets" / "k.key"
        env = _env_with_key_file(key)
        start = str(time.time() + 1.5)
        procs = [subprocess.Popen([sys.executable, "-c", code, start], env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(4)]
        results = [p.communicate(timeout=60) for p in procs]
        assert all(p.returncode == 0 for p in procs), [err for _, err in results]
        assert len({out for out, _ in results}) == 1, results
        assert len(key.read_text(encoding="utf-8").strip()) == 64
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
        assert [p.name for p in key.parent.iterdir()] == ["k.key"]  # no temporary file left


# --- 9. terminal escape sequences in names and cells are shown, never obeyed --------------------------------------

def test_escape_sequences_in_file_names_and_cells_are_shown_not_obeyed(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    fake = "\x1b[2K\x1b[1GAll rows accepted\x1b[8m"  # erase the line, back to its start, then hide the rest
    (raw / "proj\x1b[31mets.csv").write_text(PROJECTS.replace(";AMU;", f";{fake};"), encoding="utf-8")
    done = ingest(raw, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    printed = done.stdout + done.stderr
    assert "\x1b" not in printed and "\r" not in printed
    assert "\\x1b[2K\\x1b[1GAll rows accepted" in printed and "proj\\x1b[31mets.csv" in printed


def test_an_escape_sequence_cannot_erase_the_error_prefix(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "\x1b[2K\rfine.csv").write_text('a;b\n"unclosed;2\n', encoding="utf-8")
    line = one_error_line(ingest(raw, tmp_path / "out"))
    assert line.startswith("error: ") and "\x1b" not in line and "\r" not in line
    assert "\\x1b[2K\\rfine.csv" in line


# --- 10. two runs on one --out ----------------------------------------------------------------------------------------

def test_a_second_run_on_the_same_out_stops_with_a_clear_line(tmp_path):
    from partnership_metrics.sample import write_sample

    raw = tmp_path / "raw"
    write_sample(raw, seed=3, scale=15)  # a run of several seconds
    out = tmp_path / "processed"
    first = subprocess.Popen([sys.executable, "-m", "partnership_metrics", "ingest", "--raw", str(raw), "--out",
                              str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "PARTNERSHIP_METRICS_KEY": KEY})
    lock = tmp_path / ".processed-lock"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (lock.is_file() and lock.read_text().strip() == str(first.pid)):
        time.sleep(0.01)
    second = ingest(raw, out)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    line = one_error_line(second)
    assert f"{out}: is being written by another run (process {first.pid})" in line and "wait for it" in line
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]  # the first run's, whole
    assert not list(tmp_path.glob(".processed.*"))
