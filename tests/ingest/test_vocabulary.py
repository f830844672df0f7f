"""Ingestion receives its vocabulary: loaded once from the packaged files and the user's reviewed files in the
reference folder, never read behind the caller's back; the partnership file of a run is saved beside its tables."""

from __future__ import annotations

import csv
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import partnership_metrics.ingest as ingest_package
from partnership_metrics import paths
from partnership_metrics.errors import FatalInputError
from partnership_metrics.ingest.ingestion import ingest, input_fingerprint
from partnership_metrics.ingest.vocabulary import load_vocabulary
from partnership_metrics.partnership import partnership_of_tables
from partnership_metrics.resources import VOCAB_DIR

# An events sheet whose organiser column has a header no packaged synonym knows, and a label no packaged code knows.
EVENTS = ("Identifiant;Date;Intitulé;Type;Zorglub du jour;Nb participants\n"
          "E1;12/05/2021;Formation PI;Formation;CPP;35\n"
          "E2;03/11/2022;Atelier brevets;Atelier;Tous ensemble;12\n")
HEADER_SYNONYMS = "# the organiser, as the events team writes it\nevents:\n  organiser: [zorglub du jour]\n"
VALUE_SYNONYMS = '"events.organiser":\n  joint: ["Tous ensemble"]\n'


def cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "partnership_metrics", *map(str, args)], capture_output=True,
                          text=True, env={**os.environ, "COLUMNS": "200", **(env or {})}, timeout=300)


@pytest.fixture
def project(tmp_path) -> Path:
    """X/raw with the events sheet, and an empty X/reference (the default reference folder of X/raw)."""
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "events.csv").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "reference").mkdir()
    return tmp_path


def _quarantine(out: Path) -> list[dict]:
    with open(out / "quarantine.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_users_header_and_value_synonyms_in_the_reference_folder_are_used(project):
    raw, reference, out = project / "raw", project / "reference", project / "processed"
    first = cli("ingest", "--raw", raw, "--out", out)
    assert first.returncode == 3 and "required column(s) organiser" in first.stdout, first.stdout

    (reference / "header_synonyms.yaml").write_text(HEADER_SYNONYMS, encoding="utf-8")
    second = cli("ingest", "--raw", raw, "--out", out)
    assert second.returncode == 0, second.stderr
    report = json.loads((out / "ingest_report.json").read_text(encoding="utf-8"))
    assert report["files"][0]["sheets"][0]["columns"]["Zorglub du jour"] == "organiser"
    [problem] = _quarantine(out)  # "Tous ensemble" is no organiser code yet; the reason names the file to edit
    assert problem["column"] == "organiser" and str(reference / "value_synonyms.yaml") in problem["reason"]

    (reference / "value_synonyms.yaml").write_text(VALUE_SYNONYMS, encoding="utf-8")
    third = cli("ingest", "--raw", raw, "--out", out)  # a changed reference file: not reused, read again
    assert third.returncode == 0 and "reused" not in third.stdout, third.stdout
    assert _quarantine(out) == []
    import pandas as pd

    assert pd.read_parquet(out / "events.parquet")["organiser"].tolist() == ["cpp", "joint"]
    again = cli("ingest", "--raw", raw, "--out", out)
    assert again.returncode == 0 and "reused the tables" in again.stdout


def test_with_reference_elsewhere_the_default_folder_is_not_read(project):
    raw, out = project / "raw", project / "processed"
    (project / "reference" / "header_synonyms.yaml").write_text(HEADER_SYNONYMS, encoding="utf-8")
    (project / "reference" / "value_synonyms.yaml").write_text("broken: [", encoding="utf-8")  # never read
    elsewhere = project / "elsewhere"
    elsewhere.mkdir()
    done = cli("ingest", "--raw", raw, "--out", out, "--reference", elsewhere)
    assert done.returncode == 3 and "required column(s) organiser" in done.stdout, done.stdout
    (elsewhere / "header_synonyms.yaml").write_text(HEADER_SYNONYMS, encoding="utf-8")
    (elsewhere / "value_synonyms.yaml").write_text(VALUE_SYNONYMS, encoding="utf-8")
    done = cli("ingest", "--raw", raw, "--out", out, "--reference", elsewhere)
    assert done.returncode == 0 and _quarantine(out) == [], done.stderr
    vocabulary = load_vocabulary(elsewhere)
    assert vocabulary.files == (elsewhere / "header_synonyms.yaml", elsewhere / "value_synonyms.yaml")
    result = ingest(raw, reference=elsewhere)  # the Python API takes the same folder
    assert result.tables["events"]["organiser"].tolist() == ["cpp", "joint"]
    missing = cli("ingest", "--raw", raw, "--out", out, "--reference", project / "nowhere")
    lines = [line for line in missing.stderr.splitlines() if line.strip()]
    assert missing.returncode == 2 and len(lines) == 1 and "nowhere: no such folder" in lines[0], missing.stderr


def test_a_malformed_header_synonyms_file_is_one_clear_line(project):
    path = project / "reference" / "header_synonyms.yaml"
    for content, words in (("events:\n  organizer: [zorglub]\n", ["events has no column 'organizer'", "organiser"]),
                           ("event:\n  organiser: [zorglub]\n", ["unknown table 'event'"]),
                           ("events:\n  organiser: zorglub\n", ["not a list"]),
                           ("events: [oops", ["not valid YAML"])):
        path.write_text(content, encoding="utf-8")
        with pytest.raises(FatalInputError) as caught:
            load_vocabulary(project / "reference")
        assert str(path) in str(caught.value) and all(w in str(caught.value) for w in words), str(caught.value)
        assert "\n" not in str(caught.value)


def test_the_default_reference_folder_is_beside_the_raw_folder(tmp_path):
    assert paths.reference_dir_for(tmp_path / "raw") == tmp_path / "reference"
    assert paths.reference_dir_for(Path("data/raw")) == Path("data/reference")
    assert paths.reference_dir_for(paths.RAW_DIR) == paths.REFERENCE_DIR
    assert paths.reference_dir_for(paths.SAMPLE_RAW_DIR) == paths.REFERENCE_DIR  # the bundled sample
    assert paths.reference_dir_for(tmp_path / "raw", tmp_path / "mine") == tmp_path / "mine"


def test_the_fingerprint_covers_the_files_actually_read(project):
    raw, reference = project / "raw", project / "reference"
    before = input_fingerprint(raw, key=b"k")
    assert set(before["config"]) >= {"headers.yaml", "codes.yaml", "institutions.csv", "words.yaml", "partnership"}
    (reference / "institution_aliases.csv").write_text("alias,code,reason\nCRCM,IPC,hosted\n", encoding="utf-8")
    after = input_fingerprint(raw, key=b"k")
    assert after["config"]["reference/institution_aliases.csv"] and after != before
    assert input_fingerprint(raw, key=b"k", reference_dir=project / "elsewhere") == before  # not read: not counted
    assert input_fingerprint(raw, key=b"another key")["key"] != before["key"]


def test_the_partnership_file_is_saved_beside_the_tables(project):
    raw, out = project / "raw", project / "processed"
    (project / "reference" / "header_synonyms.yaml").write_text(HEADER_SYNONYMS, encoding="utf-8")
    packaged = (paths.PACKAGE_DIR / "partnership.yaml").read_text(encoding="utf-8")
    assert cli("ingest", "--raw", raw, "--out", out).returncode == 0
    assert (out / "partnership.yaml").read_text(encoding="utf-8") == packaged  # no file of the user's: the default
    mine = project / "reference" / "partnership.yaml"
    mine.write_text(packaged.replace("Inserm Transfert partnership", "Inserm Transfert partnership (test)"),
                    encoding="utf-8")
    done = cli("ingest", "--raw", raw, "--out", out)
    assert done.returncode == 0 and "reused" not in done.stdout  # a new partnership file: not reused
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert (out / "partnership.yaml").read_bytes() == mine.read_bytes() and "partnership.yaml" in manifest["outputs"]
    assert partnership_of_tables(out).name["en"].endswith("(test)")
    other = project / "other.yaml"
    other.write_text(packaged.replace("period: 2021-2023", "period: 2022-2024"), encoding="utf-8")
    assert cli("ingest", "--raw", raw, "--out", out, "--config", other).returncode == 0
    assert partnership_of_tables(out).period == "2022-2024"
    other.write_text(packaged.replace("period: 2021-2023", "period: soon"), encoding="utf-8")
    broken = cli("ingest", "--raw", raw, "--out", out, "--config", other)
    lines = [line for line in broken.stderr.splitlines() if line.strip()]
    assert broken.returncode == 2 and len(lines) == 1 and "other.yaml" in lines[0] and "period" in lines[0], lines
    assert partnership_of_tables(out).period == "2022-2024"  # the previous outputs are intact


def test_importing_the_ingest_modules_opens_no_file():
    """No module of the ingestion reads a vocabulary (or any other file) when imported: an audit hook, installed
    before the first import, records every file opened; only Python's own module files are allowed."""
    names = sorted(m.name for m in pkgutil.walk_packages(ingest_package.__path__, "partnership_metrics.ingest."))
    assert "partnership_metrics.ingest.recognition" in names and len(names) > 15
    code = f"""
import importlib, json, os, sys
opened = []
def hook(event, args):
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        opened.append(os.fsdecode(args[0]))
sys.addaudithook(hook)
for name in {names!r}:
    importlib.import_module(name)
at_import = [p for p in opened if not p.endswith((".py", ".pyc"))]
n = len(opened)
from partnership_metrics.ingest.vocabulary import load_vocabulary
load_vocabulary(None)  # the hook sees the files a load reads
print(json.dumps({{"at_import": at_import, "at_load": opened[n:]}}))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    seen = json.loads(done.stdout)
    assert seen["at_import"] == []
    assert str(VOCAB_DIR / "headers.yaml") in seen["at_load"] and str(VOCAB_DIR / "words.yaml") in seen["at_load"]


def test_every_word_list_says_what_it_is_for():
    """vocab/words.yaml is reviewed data: each list comes after a comment, and every word is a quoted string."""
    text = (VOCAB_DIR / "words.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    data = yaml.safe_load(text)
    for name, words in data.items():
        at = lines.index(f"{name}:") - 1
        while at >= 0 and (lines[at].startswith(" ") or lines[at].endswith(":")):  # lists sharing one comment
            at -= 1
        assert lines[at].startswith("#"), name
        keys = list(words) if isinstance(words, dict) else words
        assert all(isinstance(w, str) for w in keys), name


def test_a_subtotal_counting_the_tables_own_records_is_a_count_not_an_id():
    from partnership_metrics.ingest.vocabulary import load_words

    words = load_words()
    assert all(words.is_record_count(v) for v in ("2 enregistrements", "2 projets", "1 start-up", "2 start-up(s)",
                                                  "10 dossiers", "42 records",
                                                  "10 signatures"))  # under a sign-in list: a count, no attendee
    assert not any(words.is_record_count(v) for v in ("P2021-05", "2 rue de la Paix", "start-up(s)", "2022", None))
