"""Hostile files: tiny archives that would expand to gigabytes are refused before anything is expanded; sheets too
wide or too large, raw folders too large, YAML alias bombs, pipes, link loops and huge files are refused or listed
before memory or time is committed.

Each bomb check runs the real command in a child process whose address space is capped at 1.5 GB: without the
guards, calamine would abort the process (a Rust allocation failure no `except` catches) instead of the one-line
error.
"""

from __future__ import annotations

import os
import random
import resource
import string
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_builders import repeated_cell_ods, shared_string_xlsx, write_ods  # tests/ingest, beside this file

from partnership_metrics.errors import FatalInputError
from partnership_metrics.ingest.reading import ReadLimits, read_file

CAP_BYTES = 1536 * 1024 * 1024



def _ingest_capped(raw: Path, out: Path, *options, timeout: float = 120) -> subprocess.CompletedProcess:
    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (CAP_BYTES, CAP_BYTES))

    return subprocess.run([sys.executable, "-m", "partnership_metrics", "ingest", "--raw", str(raw), "--out", str(out),
                           *map(str, options)],
                          capture_output=True, text=True, timeout=timeout, preexec_fn=cap,
                          env={**os.environ, "PARTNERSHIP_METRICS_KEY": "test-key-not-secret-0123456789"})


def _random_text(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return "".join(rng.choices(string.ascii_letters + string.digits, k=n))


@pytest.mark.parametrize("build, problem, size", [
    (lambda p: repeated_cell_ods(p / "bomb.ods", 99_000, 1_000), "spanning 99000 rows x 1000 columns", 50_000),
    (lambda p: repeated_cell_ods(p / "text.ods", 2_000, 10, "y" * 20_000), "of text once its cells are filled",
     50_000),
    # the 28 KB file of the issue: its shared strings part (900 KB) compresses 900 times: refused before inflating
    (lambda p: shared_string_xlsx(p / "bomb.xlsx", 900_000, 5_000), "compressed 906 times (limit 200)", 50_000),
    # a text that does not compress (so the ratio test passes) copied into 5 000 cells: 4.5 GB of text
    (lambda p: shared_string_xlsx(p / "text.xlsx", 0, 5_000, _random_text(900_000)),
     "of text once its cells are filled", 800_000),
])
def test_expansion_bombs_are_one_line_exit_2_within_the_memory_cap(tmp_path, build, problem, size):
    raw = tmp_path / "raw"
    raw.mkdir()
    bomb = build(raw)
    assert bomb.stat().st_size < size
    done = _ingest_capped(raw, tmp_path / "out")
    assert done.returncode == 2, done.stderr[-2000:]
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and bomb.name in lines[0] and problem in lines[0]
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()


def test_ordinary_repeats_are_read(tmp_path):
    """LibreOffice writes empty rows and cells repeated up to the sheet's end: they are not a bomb."""
    from partnership_metrics.ingest.reading import read_file

    rows = ('<table:table-row><table:table-cell office:value-type="string"><text:p>id</text:p></table:table-cell>'
            '<table:table-cell table:number-columns-repeated="3" office:value-type="float" office:value="1">'
            '<text:p>1</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16380"/>'
            '</table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell '
            'table:number-columns-repeated="16384"/></table:table-row>')
    sheet, = read_file(write_ods(tmp_path / "ok.ods", rows), tmp_path)
    assert [v for v in sheet.rows[0] if v is not None] == ["id", 1.0, 1.0, 1.0]


def test_a_small_part_that_compresses_like_a_bomb_is_refused(tmp_path):
    """The ratio test covers parts of 64 KiB and more, not only those over 1 MiB: a 500 KB text of one repeated
    letter (compressed 500 times) is refused from the zip directory, before anything is inflated."""
    path = shared_string_xlsx(tmp_path / "small.xlsx", 500_000, 25)
    with pytest.raises(FatalInputError, match=r"xl/sharedStrings.xml\) compressed \d+ times \(limit 200\)"):
        read_file(path, tmp_path)


def test_a_csv_over_the_cell_limit_is_refused_while_it_is_parsed(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("a;b;c;d\n" + "1;2;3;4\n" * 3_000, encoding="utf-8")
    with pytest.raises(FatalInputError, match=r"holds more than 10000 cells \(reached at row 2501\).*--max-cells"):
        read_file(path, tmp_path, ReadLimits(max_cells=10_000))
    assert len(read_file(path, tmp_path, ReadLimits(max_cells=12_004))[0].rows) == 3_001


@pytest.mark.parametrize("name, content", [
    ("wide.csv", ";".join(f"c{i}" for i in range(20_000)) + "\n" + ";".join("1" * 20_000) + "\n"),
    ("wide.json", "[{" + ", ".join(f'"c{i}": 1' for i in range(20_000)) + "}]"),
])
def test_a_sheet_wider_than_the_column_limit_is_refused(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FatalInputError, match=r"20000 cells wide .*the limit is 16384 columns.*--max-columns"):
        read_file(path, tmp_path)


def test_the_total_across_files_is_limited_before_any_file_is_read(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for n in range(3):
        (raw / f"part{n}.csv").write_text("id;titre\n" + "P-1;x\n" * 100_000, encoding="utf-8")  # 600 KB each
    done = _ingest_capped(raw, tmp_path / "out", "--max-total-mb", 1)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert "holds 1.7 MB of spreadsheets (the limit is 1.0 MB)" in lines[0] and "--max-total-mb" in lines[0]
    assert not (tmp_path / "out").exists()


def test_a_huge_file_is_refused_before_it_is_hashed(tmp_path):
    """A 4 GB file (sparse: it takes no disk) over --max-file-mb is refused at once, not after being hashed."""
    raw = tmp_path / "raw"
    raw.mkdir()
    with open(raw / "huge.csv", "wb") as fh:
        fh.truncate(4 * 1024**3)
    started = time.monotonic()
    done = _ingest_capped(raw, tmp_path / "out")
    seconds = time.monotonic() - started
    assert done.returncode == 2 and "huge.csv: is too large (4096.0 MB, the limit is 200.0 MB)" in done.stderr
    assert seconds < 6, seconds  # hashing 4 GB twice takes far longer


def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path):
    """Nine levels of nine aliases: 387 million values from 440 bytes. Refused in one line, quickly, in little
    memory (before: minutes and gigabytes, then the memory ran out)."""
    parts = ['&a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    parts += [f"&a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.csv").write_text("id;titre\nP-1;x\n", encoding="utf-8")
    (raw / "mapping.yaml").write_text("sheets:\n  - file: [" + ", ".join(parts) + "]\n    skip: true\n",
                                      encoding="utf-8")
    done = _ingest_capped(raw, tmp_path / "out", timeout=60)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 2 and len(lines) == 1, done.stderr[-1000:]
    assert "mapping.yaml: expands to more than 200 000 values through its aliases" in lines[0]


def test_a_self_referring_alias_is_refused(tmp_path):
    from partnership_metrics.resources import load_yaml

    path = tmp_path / "x.yaml"
    path.write_text("a: &x [1, *x]\n", encoding="utf-8")
    with pytest.raises(FatalInputError, match="an alias that refers to itself"):
        load_yaml(path)
    path.write_text("a: &x [1, 2]\nb: [*x, *x]\n", encoding="utf-8")  # ordinary aliases still load
    assert load_yaml(path) == {"a": [1, 2], "b": [[1, 2], [1, 2]]}


@pytest.mark.parametrize("levels", [100, 5000])  # libyaml reads 100 levels; 5000 overflowed PyYAML's recursion
def test_a_deeply_nested_yaml_file_is_refused_in_one_line_naming_it(tmp_path, levels):
    from partnership_metrics.resources import load_yaml

    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * levels + "]" * levels + "\n", encoding="utf-8")
    with pytest.raises(FatalInputError, match=r"deep.yaml.*nested too deeply .*over 64 levels"):
        load_yaml(path)


def test_a_deeply_nested_mapping_file_stops_the_run_with_exit_2(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.csv").write_text("id;titre\nP-1;x\n", encoding="utf-8")
    (raw / "mapping.yaml").write_text("sheets: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    done = _ingest_capped(raw, tmp_path / "out", timeout=60)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 2 and len(lines) == 1, done.stderr[-1000:]
    assert "mapping.yaml: is nested too deeply" in lines[0] and "RecursionError" not in lines[0]


def test_pipes_link_loops_and_links_leaving_the_raw_folder_are_listed_not_read(tmp_path):
    """A named pipe would block the run forever; a link loop raised RuntimeError; links leaving the raw folder were
    skipped silently. Now the run ends, and the summary lists each with why."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "projets.csv").write_text("Acronyme;Titre;Date de détection\nALPHA;Un projet;2022-03-01\n",
                                     encoding="utf-8")
    os.mkfifo(raw / "pipe.csv")
    (raw / "loop.csv").symlink_to(raw / "loop.csv")
    (tmp_path / "secret.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    (raw / "away.xlsx").symlink_to(tmp_path / "secret.csv")
    done = _ingest_capped(raw, tmp_path / "out", timeout=60)
    assert done.returncode == 0, done.stderr
    assert "3 entries of the raw folder not read:" in done.stdout
    listed = {line.split(":")[0].strip(): line for line in done.stdout.splitlines() if line.startswith("  ")}
    assert "a named pipe" in listed["pipe.csv"]
    assert "a symbolic link loop" in listed["loop.csv"]
    assert "a link leaving the raw folder" in listed["away.xlsx"]
    report = (tmp_path / "out" / "ingest_report.json").read_text(encoding="utf-8")
    assert '"pipe.csv": "a named pipe, not a file"' in report


def test_a_pipe_given_directly_is_refused_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe.csv")
    with pytest.raises(FatalInputError, match="pipe.csv: is a named pipe"):
        read_file(tmp_path / "pipe.csv", tmp_path)


def _recognise_seconds(columns: int) -> float:
    from partnership_metrics.ingest.mapping_file import MappingFile
    from partnership_metrics.ingest.reading import RawSheet
    from partnership_metrics.ingest.recognition import Recogniser
    from partnership_metrics.ingest.vocabulary import load_vocabulary
    from partnership_metrics.partnership import default_partnership

    recogniser = Recogniser(load_vocabulary(None, MappingFile(), default_partnership()))
    header = ["Acronyme", "Titre"] + [f"colonne {i} dépôt" for i in range(columns)]
    rows = [header] + [[f"A{r}", "t"] + [str(i) for i in range(columns)] for r in range(3)]
    started = time.process_time()  # this process's CPU time: other work on the machine does not count
    recogniser.recognise(RawSheet("w.csv", None, rows))
    return time.process_time() - started


def test_header_recognition_is_linear_in_the_number_of_header_cells():
    """Four times the header cells take about four times as long (quadratic: sixteen times). Measured here at 4-8
    times under a loaded parallel run: the bound sits between that and quadratic growth."""
    _recognise_seconds(250)  # warm the vocabularies
    small, large = min(_recognise_seconds(1_000) for _ in range(3)), min(_recognise_seconds(4_000) for _ in range(3))
    assert large < 12 * small, (small, large)


def _ingest_cpu_seconds(folder: Path, columns: int) -> float:
    """CPU time of ingesting one CSV whose header has ``columns`` cells beside three project columns: it looks like
    the projects table but lacks required columns, so the closest headers are searched for each missing one."""
    from partnership_metrics.ingest.ingestion import ingest

    raw = folder / f"raw{columns}"
    raw.mkdir()
    header = ["Code projet", "Intitulé du projet", "Date de détection"] + [f"colonne {i}" for i in range(columns)]
    rows = [header] + [[f"P{r}", "t", "2022-01-01"] + ["1"] * columns for r in range(3)]
    (raw / "wide.csv").write_text("\n".join(";".join(r) for r in rows) + "\n", encoding="utf-8")
    started = time.process_time()
    result = ingest(raw)
    seconds = time.process_time() - started
    assert result.sheets[0].skipped is not None  # the sheet not read, with its suggestions
    return seconds


def test_a_wide_sheet_that_is_not_read_is_diagnosed_in_linear_time(tmp_path):
    """The search for the headers closest to each missing column (difflib on every header and synonym) had a huge
    constant: 8 000 columns took 24 s of CPU, 16 000 over a minute. Now four times the
    columns about four times as long."""
    _ingest_cpu_seconds(tmp_path, 200)  # warm up
    small, large = _ingest_cpu_seconds(tmp_path, 1_000), _ingest_cpu_seconds(tmp_path, 4_000)
    assert large < 8 * small, (small, large)
