"""The command line as users run it (a real subprocess): help, exit codes, one-line errors, re-runs."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

COMMANDS = ["ingest", "inspect", "kpis", "explain", "changes", "report", "demo", "annual", "init", "template",
            "sample-data", "dictionary", "benchmarks"]


def cli(*args, cwd=None):
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "partnership_metrics", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=300)


def test_help_everywhere():
    top = cli("--help")
    assert top.returncode == 0
    for command in COMMANDS:
        assert command in top.stdout
        sub = cli(command, "--help")
        assert sub.returncode == 0 and "Usage" in sub.stdout, command



def test_help_paragraphs_flow_with_the_terminal():
    """A paragraph of help is one line at 200 columns: the docstring's own line breaks do not cut it."""
    text = cli("ingest", "--help").stdout
    assert "a data table was found in no sheet (the other tables are written)" in text

def test_ingest_exit_codes_and_rerun(messy_raw, tmp_path):
    raw, expected = messy_raw
    out = tmp_path / "processed"
    first = cli("ingest", "--raw", raw, "--out", out)
    assert first.returncode == 0, first.stderr
    assert "Every sheet reconciles" in first.stdout and "quarantined" in first.stdout
    again = cli("ingest", "--raw", raw, "--out", out)
    assert again.returncode == 0 and "reused the tables" in again.stdout
    strict = cli("ingest", "--raw", raw, "--out", out, "--strict")
    assert strict.returncode == 1  # quarantined rows are errors with --strict
    forced = cli("ingest", "--raw", raw, "--out", out, "--force")
    assert forced.returncode == 0 and "reused" not in forced.stdout
    (raw / "presence.csv").write_text("Événement,Nom\nE1,Zoé\n", encoding="utf-8")
    changed = cli("ingest", "--raw", raw, "--out", out)
    assert changed.returncode == 0 and "reused" not in changed.stdout


@pytest.mark.parametrize("content, words", [
    (b"PK\x03\x04 not really a zip", ["broken.xlsx"]),
    (b'ID;Date\n"E1;01/02/2022\n', ["broken.csv", "quote"]),
])
def test_fatal_problems_exit_2_with_one_line(tmp_path, content, words):
    raw = tmp_path / "raw"
    raw.mkdir()
    name = "broken.xlsx" if content.startswith(b"PK") else "broken.csv"
    (raw / name).write_bytes(content)
    done = cli("ingest", "--raw", raw, "--out", tmp_path / "out")
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert all(w in lines[0] for w in words), lines[0]
    assert not (tmp_path / "out").exists()  # nothing half-written


def test_a_sheet_that_cannot_be_read_is_a_partial_run_with_exit_3_and_strict_makes_it_1(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "events.csv").write_text("ID événement;Date;Intitulé;Type\nE1;01/02/2022;X;Formation\n", encoding="utf-8")
    (raw / "funding.csv").write_text("Réf.;Financeur;Dispositif;Montant;Date de décision\n"
                                     "F1;Région Sud;Subvention;150 k€;15/03/2022\n", encoding="utf-8")
    done = cli("ingest", "--raw", raw, "--out", tmp_path / "out")
    assert done.returncode == 3, done.stderr
    assert "1 sheet(s) not read" in done.stdout and "events.csv" in done.stdout and "organiser" in done.stdout
    assert (tmp_path / "out" / "funding.parquet").is_file() and not (tmp_path / "out" / "events.parquet").exists()
    strict = cli("ingest", "--raw", raw, "--out", tmp_path / "out2", "--strict")
    assert strict.returncode == 1 and "--strict: 1 sheet(s) not read" in strict.stderr


def test_dictionary_is_generated_from_the_schemas_and_committed_copy_is_current():
    from partnership_metrics import paths
    from partnership_metrics.schemas import data_dictionary_markdown

    committed = (paths.PROJECT_ROOT / "docs" / "data_dictionary.md").read_text(encoding="utf-8")
    assert committed == data_dictionary_markdown() + "\n", "run: partnership-metrics dictionary -o docs/data_dictionary.md"
    printed = cli("dictionary")
    assert "## `projects`" in printed.stdout and "`detection_date`" in printed.stdout


def test_the_kpi_catalogue_page_is_generated_from_the_code_and_committed_copy_is_current():
    from partnership_metrics import paths
    from partnership_metrics.kpis import catalogue
    from partnership_metrics.kpis.docs import catalogue_markdown

    text = catalogue_markdown()
    committed = (paths.PROJECT_ROOT / "docs" / "kpis.md").read_text(encoding="utf-8")
    assert committed == text, "run: partnership-metrics dictionary --kpis -o docs/kpis.md"
    for kpi in catalogue():  # every KPI with its formula's code
        assert f"### `{kpi.id}`" in text and f"def {kpi.formula.__name__}(" in text


def _one_error_line(done) -> str:
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 2 and len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    return lines[0]


@pytest.mark.parametrize("name, content, words", [
    ("mapping.yaml", "sheets:\n  - file: x.csv\n    table: events\n    header_row: quatre\n", ["rule 1", "row number"]),
    ("mapping.yaml", "sheets:\n  - file: x.csv\n    table: events\n    colums: {}\n", ["unknown key", "colums"]),
    ("mapping.yaml", "sheets:\n  - file: x.csv\n    table: events\n    units: {Budget: abc}\n", ["multiplier"]),
    ("mapping.yaml", "sheets: [oops", ["not valid YAML"]),
])
def test_a_malformed_mapping_file_is_one_clear_line(messy_raw, tmp_path, name, content, words):
    raw, _ = messy_raw
    (raw / name).write_text(content, encoding="utf-8")
    line = _one_error_line(cli("ingest", "--raw", raw, "--out", tmp_path / "out"))
    assert "mapping.yaml" in line and all(w in line for w in words), line


def test_user_reference_files_are_checked(tmp_path):
    """A malformed value_synonyms.yaml in the reference folder is refused with the file and the fix, never
    half-read."""
    from partnership_metrics.errors import FatalInputError
    from partnership_metrics.ingest.codebook import make_codebook
    from partnership_metrics.ingest.vocabulary import load_vocabulary

    synonyms = tmp_path / "value_synonyms.yaml"
    synonyms.write_text('"eu_proposals.status":\n  not_funded: "Pas encore"\n', encoding="utf-8")
    with pytest.raises(FatalInputError, match="not a list"):
        load_vocabulary(tmp_path)
    synonyms.write_text('"eu_proposals.status":\n  refused: ["Pas encore"]\n', encoding="utf-8")
    with pytest.raises(FatalInputError, match="unknown code 'refused'"):
        load_vocabulary(tmp_path)
    synonyms.write_text('"eu_proposals.status": [oops', encoding="utf-8")
    with pytest.raises(FatalInputError, match="value_synonyms.yaml: is not valid YAML"):
        load_vocabulary(tmp_path)
    synonyms.write_text('"eu_proposals.status":\n  not_funded: ["Pas encore de réponse positive"]\n', encoding="utf-8")
    codebook = make_codebook(load_vocabulary(tmp_path))
    assert codebook.lookup("eu_proposals", "status", "Pas encore de réponse positive") == "not_funded"


def test_outputs_apart_from_the_raw_files_and_unwritable_outputs(messy_raw, tmp_path):
    raw, _ = messy_raw
    line = _one_error_line(cli("ingest", "--raw", raw, "--out", raw / "processed"))
    assert "inside the raw folder" in line
    line = _one_error_line(cli("ingest", "--raw", raw / "presence.csv", "--out", tmp_path / "o"))
    assert "is a file" in line
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):  # root writes anywhere: use a path under a file instead
            target = raw / "presence.csv" / "out"
        else:
            target = locked / "out"
        line = _one_error_line(cli("ingest", "--raw", raw, "--out", target))
        assert str(target.parent.name) in line or "presence.csv" in line
    finally:
        locked.chmod(0o700)


def test_a_damaged_output_folder_is_rebuilt_not_reused(messy_raw, tmp_path):
    raw, _ = messy_raw
    out = tmp_path / "processed"
    assert cli("ingest", "--raw", raw, "--out", out).returncode == 0
    (out / "projects.parquet").unlink()
    again = cli("ingest", "--raw", raw, "--out", out)
    assert again.returncode == 0 and "reused" not in again.stdout
    assert (out / "projects.parquet").is_file()


def test_a_usage_mistake_is_clicks_message_and_exit_2(tmp_path):
    done = cli("ingest", tmp_path)  # the folder given without --raw
    assert done.returncode == 2
    assert "--help" in done.stderr and "unexpected error" not in done.stderr + done.stdout
