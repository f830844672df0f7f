"""Robustness (issue 5): the real messy corpus and a seeded mutation run never crash the ingestion.

Each file alone in a raw folder ends in tables, "no known table" with its rows accounted for, or one
FatalInputError naming the file, the problem and what to do — never another exception, never a hang.
Longer mutation run: ``PM_FUZZ_FILES=5000 .venv/bin/python -m pytest tests/test_robustness.py -k mutation``.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REALDATA, REALDATA_MISSING
from partnership_metrics import paths
from partnership_metrics.errors import FatalInputError
from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.report import build_report
from partnership_metrics.storage import build_manifest, write_processed

CORPUS_DIRS = ("messy/messytables", "messy/calamine", "benchmarks")
FUZZ_FILES = int(os.environ.get("PM_FUZZ_FILES", "200"))


def corpus_files() -> list[Path]:
    if not REALDATA.is_dir():
        return []
    return sorted(p for d in CORPUS_DIRS for p in (REALDATA / d).iterdir() if p.name != "SOURCE.txt")


def ingest_alone(path: Path, work: Path, data: bytes | None = None) -> str:
    """Ingest ``path`` alone (or ``data`` under its name); 'ok' or the FatalInputError's message."""
    raw = work / "raw"
    shutil.rmtree(work, ignore_errors=True)
    raw.mkdir(parents=True)
    target = raw / path.name
    if data is None:
        shutil.copyfile(path, target)
    else:
        target.write_bytes(data)
    try:
        result = ingest(raw)
        report = build_report(result)
        write_processed(result, work / "out", manifest=build_manifest(result, raw, {}), report=report)
    except FatalInputError as exc:
        return str(exc)
    for f in report["files"]:
        for s in f["sheets"]:
            assert s["reconciled"], (path.name, s)
    return "ok"


def test_the_corpus_is_all_there(realdata):
    assert len(corpus_files()) == 58


@pytest.mark.parametrize("path", corpus_files() or [None],
                         ids=lambda p: f"{p.parent.name}/{p.name}" if p else "corpus-absent")
def test_every_corpus_file_is_handled_cleanly(path, tmp_path):
    if path is None:
        pytest.skip(REALDATA_MISSING)
    started = time.perf_counter()
    outcome = ingest_alone(path, tmp_path / "w")
    assert time.perf_counter() - started < 30
    if outcome != "ok":
        assert outcome.startswith(path.name) and "\n" not in outcome, outcome
    if path.name == "pass_protected.xlsx":
        assert "password-protected" in outcome
    elif path.name == "evol_all_pc.json":
        assert "not valid JSON" in outcome
    else:  # none of these files is a partner table: each is read and reported as holding no known table
        assert outcome == "ok", outcome


def test_corpus_is_present_or_the_skip_says_why():
    if not REALDATA.is_dir():
        pytest.skip(REALDATA_MISSING)
    assert corpus_files()


@pytest.mark.parametrize("name, code, words", [
    ("pass_protected.xlsx", 2, ["pass_protected.xlsx", "password-protected"]),
    ("evol_all_pc.json", 2, ["evol_all_pc.json", "not valid JSON"]),
    ("large.xlsx", 0, []),
])
def test_cli_on_corpus_files(realdata, tmp_path, name, code, words):
    source = next(p for p in corpus_files() if p.name == name)
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copyfile(source, raw / name)
    done = subprocess.run([sys.executable, "-m", "partnership_metrics", "ingest", "--raw", raw, "--out",
                           tmp_path / "out"], capture_output=True, text=True, timeout=60)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    if code == 2:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and all(w in lines[0] for w in words), done.stderr
    else:
        assert "holds no known table" in done.stdout


# --- seeded mutation run ---------------------------------------------------------------------------------------

def _small_workbooks(rng: random.Random) -> list[tuple[str, list[tuple[str, list[list]]]]]:
    """The bundled sample's workbooks, cut to their first rows: (file name, [(sheet, rows)])."""
    import python_calamine

    out = []
    for path in sorted(paths.SAMPLE_RAW_DIR.glob("*.xlsx")):
        wb = python_calamine.CalamineWorkbook.from_path(path)
        sheets = [(name, wb.get_sheet_by_name(name).to_python()[:25]) for name in wb.sheet_names]
        out.append((path.name, sheets))
    return out


_JUNK = ["", " ", "n/a", "-", "TOTAL", "=SUM(A1:A3)", "+33 6 12", "@import", "31/02/2022", "2022-13-45",
         "1,2,3", "150 k€", "-12 500", "Conjoint", "x" * 300, "\u202f", "<script>alert(1)</script>", "NaN",
         "1e308", "99999999999", "1904-01-01", "🙂", "\x00", "Date", "N° projet"]


def _mutate_rows(rows: list[list], rng: random.Random) -> list[list]:
    rows = [list(r) for r in rows]
    for _ in range(rng.randint(1, 12)):
        if not rows:
            break
        i = rng.randrange(len(rows))
        action = rng.random()
        if action < 0.5 and rows[i]:
            j = rng.randrange(len(rows[i]))
            rows[i][j] = rng.choice(_JUNK + [rng.uniform(-1e9, 1e9), rng.randint(-5, 80000), None])
        elif action < 0.65:
            rows.insert(i, [rng.choice(_JUNK) for _ in range(rng.randint(0, 8))])
        elif action < 0.8:
            del rows[i]
        elif action < 0.9 and rows[i]:
            del rows[i][rng.randrange(len(rows[i]))]  # shifts the row's cells left
        else:
            rows.append(rows[i] + [rng.choice(_JUNK)])
    return rows


def _write_xlsx(sheets: list[tuple[str, list[list]]]) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "nan_inf_to_errors": True})
    for name, rows in sheets:
        ws = wb.add_worksheet(name[:31])
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, str):
                    ws.write_string(r, c, value.replace("\x00", ""))
                elif value is not None:
                    ws.write(r, c, value)
    wb.close()
    return buffer.getvalue()


def _flip_bytes(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    if rng.random() < 0.3:
        return bytes(data[: rng.randrange(1, len(data))])  # truncated
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def _mutated_files(n: int, seed: int = 20201210):
    rng = random.Random(seed)
    workbooks = _small_workbooks(rng)
    csvs = sorted(paths.SAMPLE_RAW_DIR.glob("*.csv"))
    for i in range(n):
        kind = rng.random()
        if kind < 0.45:
            name, sheets = rng.choice(workbooks)
            data = _write_xlsx([(s, _mutate_rows(rows, rng)) for s, rows in sheets])
            if rng.random() < 0.15:
                data = _flip_bytes(data, rng)
            yield f"m{i:04d}_{name}", data
        else:
            path = rng.choice(csvs)
            raw = path.read_bytes()
            text = raw.decode("cp1252")
            lines = text.splitlines(keepends=True)
            for _ in range(rng.randint(1, 6)):
                j = rng.randrange(len(lines))
                lines[j] = ";".join(str(rng.choice(_JUNK)) for _ in range(rng.randint(0, 9))) + "\n"
            data = "".join(lines).encode(rng.choice(["cp1252", "utf-8", "utf-8-sig", "utf-16"]), errors="replace")
            if rng.random() < 0.3:
                data = _flip_bytes(data, rng)
            yield f"m{i:04d}_{path.name}", data


@pytest.mark.slow(seconds=70)
def test_mutation_run_never_crashes(tmp_path):
    outcomes = {"ok": 0, "fatal": 0}
    count = 0
    for name, data in _mutated_files(FUZZ_FILES):
        try:
            outcome = ingest_alone(Path(name), tmp_path / "w", data)
        except Exception as exc:  # anything but the project's own fatal error is a bug
            raise AssertionError(f"{name}: {type(exc).__name__}: {exc}") from exc
        outcomes["ok" if outcome == "ok" else "fatal"] += 1
        count += 1
    assert count == FUZZ_FILES
    assert outcomes["ok"] > FUZZ_FILES // 4  # most mutations still ingest: the run exercises the parsers
