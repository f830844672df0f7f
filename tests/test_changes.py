"""What changed between two ingests, on a copy of the bundled sample edited as partners do (one amount corrected,
a title and a PI renamed, a row deleted): the history kept beside the processed folder, the rows and KPIs that moved,
changes.md and changes.csv of the annual run, the report section, and the ``changes`` command."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from rich.console import Console

import partnership_metrics as pm
from partnership_metrics import paths
from partnership_metrics.ingest.command import run_ingest
from partnership_metrics.ingest.history import RunNotFound, find_run, history_dir, prune, record, runs
from partnership_metrics.partnership import default_partnership
from partnership_metrics.pipeline import write_changes
from partnership_metrics.pipeline.comparison import changes_since_previous, compare
from partnership_metrics.reporting.changes_section import changes_section

AMOUNT_FILE = "IT_decisions_financement_2022.csv"
AMOUNT_BEFORE = "ITF-2022-003;CPP-2021-012;Inserm Transfert;PoC;48\u00a0000,00"
AMOUNT_AFTER = "ITF-2022-003;CPP-2021-012;Inserm Transfert;PoC;548\u00a0000,00"
PROJECTS_FILE = "IT_detections_projets_2022.csv"


def quiet_ingest(raw, out, force=False) -> int:
    sink = Console(file=io.StringIO())
    return run_ingest(raw, out, strict=False, force=force, mapping=None, console=sink, out=sink)


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="cp1252")
    assert old in text
    path.write_text(text.replace(old, new), encoding="cp1252")


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """The sample ingested, then one maturation amount corrected (48 000 -> 548 000 €) and ingested again."""
    root = tmp_path_factory.mktemp("changes")
    raw, out = root / "raw", root / "processed"
    shutil.copytree(paths.SAMPLE_RAW_DIR, raw)
    assert quiet_ingest(raw, out) == 0
    edit(raw / AMOUNT_FILE, AMOUNT_BEFORE, AMOUNT_AFTER)
    assert quiet_ingest(raw, out) == 0
    return raw, out


def test_each_ingest_keeps_a_small_content_addressed_history(edited, tmp_path):
    raw, out = edited
    kept = runs(out)
    assert len(kept) == 2 and history_dir(out) == out.parent / "processed_history"
    new, old = kept
    assert set(new.outputs) == set(old.outputs) >= {"funding.parquet", "manifest.json", "ingest_report.json"}
    assert not any(name.startswith("quarantine") for name in new.outputs)
    shared = {name for name in new.outputs if new.outputs[name] == old.outputs[name]}
    assert "projects.parquet" in shared and "funding.parquet" not in shared
    objects = list((history_dir(out) / "objects").iterdir())
    assert len(objects) == len(set(new.outputs.values()) | set(old.outputs.values()))  # each content stored once
    # an ingest of the same files is the same run, seen again; the tables of a run are those it wrote
    assert quiet_ingest(raw, out, force=True) == 0
    again = runs(out)
    assert [r.id for r in again] == [new.id, old.id] and again[0].last_seen > new.last_seen
    assert again[0].first_seen == new.first_seen
    assert old.tables()["funding"].set_index("funding_id").loc["ITF-2022-003", "amount_eur"] == 48_000
    assert pm.load(out)["funding"].set_index("funding_id").loc["ITF-2022-003", "amount_eur"] == 548_000
    # pruned to the runs seen last, and the files only they use
    copy = tmp_path / "history"
    shutil.copytree(history_dir(out), copy)
    prune(copy, keep=1)
    assert [r.id for r in runs(copy)] == [new.id]
    assert {p.name for p in (copy / "objects").iterdir()} == set(again[0].outputs.values())


def test_one_amount_edited_names_the_kpi_whose_status_flipped(edited, tmp_path):
    _, out = edited
    changes = changes_since_previous(out, lang="en")
    assert list(changes.files["path"]) == [AMOUNT_FILE] and list(changes.files["change"]) == ["changed"]
    row = changes.rows.iloc[0]
    assert len(changes.rows) == 1
    assert (row.table, row.key, row.change, row.column, row.old, row.new) == (
        "funding", "ITF-2022-003", "changed", "amount_eur", "48000", "548000")
    assert row.source == f"{AMOUNT_FILE} row 4"
    flips = changes.status_changes().set_index(["kpi_id", "period"])
    assert flips.loc[("val_maturation_eur", "2022"), ["old_status", "new_status"]].tolist() == ["missed", "met"]
    assert flips.loc[("val_maturation_eur", "2021-2023"), ["old_status", "new_status"]].tolist() == ["missed", "close"]
    assert flips.loc[("val_maturation_eur", "2022"), "restated"]  # a past year under the 2023 review
    assert not flips.loc[("val_maturation_eur", "2021-2023"), "restated"]
    assert set(changes.kpis["period"]) <= {"2022", "2021-2023"}  # nothing else moved
    # changes.md and changes.csv beside the reports, as the annual run writes them
    markdown = write_changes(out, tmp_path, year=2023, partnership=default_partnership(),
                             out=Console(file=io.StringIO()))
    text = markdown.read_text(encoding="utf-8")
    assert "Financement de maturation (`val_maturation_eur`) | 2022 | non atteint | atteint" in text
    assert "chiffre révisé" in text and "ITF-2022-003" in text and "48000 | 548000" in text
    table = pd.read_csv(tmp_path / "changes.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    status = table[(table["section"] == "kpi_status") & (table["item"] == "val_maturation_eur")]
    assert status[["key", "old", "new", "restated"]].values.tolist() == [
        ["2022", "missed", "met", "True"], ["2021-2023", "missed", "close", "False"]]
    # the report section names it too, restated figures flagged
    html = changes_section(changes, "en").html
    assert '<h2 id="changes">What changed since the last review</h2>' in html
    assert "Maturation funding (2022): missed → met (€1,362,000 → €1,862,000)" in html
    assert "(restated)" in html
    assert changes_section(None, "fr").html == ""
    # the notebooks compute the changes once, in the partnership's language: each report names the KPIs in its own
    french = changes_since_previous(out, lang="fr")
    assert "Maturation funding (2022): missed → met" in changes_section(french, "en").html
    assert "Financement de maturation" not in changes_section(french, "en").html
    # as the report notebooks' cell shows it, after the summary
    from partnership_metrics.reporting.report import AnnualReview

    review = AnnualReview(out, year=2023, lang="fr")
    section = review.what_changed(changes_since_previous(out, year=review.last))
    assert section.id == "changes" and "non atteint → atteint" in section.html


def test_values_that_may_name_a_person_are_masked_or_pseudonymised(edited, tmp_path):
    raw, out = edited
    root = tmp_path / "copy"
    shutil.copytree(raw, root / "raw")
    shutil.copytree(out, root / "processed")
    shutil.copytree(history_dir(out), root / "processed_history")
    projects = root / "raw" / PROJECTS_FILE
    edit(projects, "Micro-dispositif de perfusion intratumorale", "Projet du Dr Jeanne Lemaire")
    edit(projects, "DUBOIS Catherine", "LEMAIRE Jeanne")
    lines = projects.read_text(encoding="cp1252").splitlines(keepends=True)
    removed = next(line for line in lines if line.startswith("IT-2022-D002;"))
    projects.write_text("".join(line for line in lines if line != removed), encoding="cp1252")
    assert quiet_ingest(root / "raw", root / "processed") == 0
    changes = changes_since_previous(root / "processed", lang="en")
    everything = changes.to_markdown() + changes.to_frame().to_csv()
    for name in ("Lemaire", "LEMAIRE", "Jeanne", "DUBOIS", "Catherine", "perfusion"):
        assert name not in everything
    rows = changes.rows.set_index(["key", "column"])
    assert rows.loc[("IT-2022-D001", "title"), ["old", "new"]].tolist() == ["(text masked)", "(text masked)"]
    old_pi, new_pi = rows.loc[("IT-2022-D001", "pi"), ["old", "new"]]
    assert old_pi.startswith("p-") and new_pi.startswith("p-") and old_pi != new_pi
    gone = changes.rows[changes.rows["change"] == "removed"]
    assert gone[["table", "key", "source"]].values.tolist() == [["projects", "IT-2022-D002", f"{PROJECTS_FILE} row 3"]]
    assert changes.kpis.set_index(["kpi_id", "period"]).loc[("val_projects_detected", "2022"),
                                                            ["old_value", "new_value"]].tolist() == [37, 36]


def test_since_a_run_and_without_any(edited, tmp_path):
    raw, out = edited
    new, old = runs(out)
    assert find_run(out, old.id[:6]) == old and find_run(out, new.last_seen[:10]) == new
    with pytest.raises(RunNotFound, match=old.id):
        find_run(out, "zzzzzz")
    same = changes_since_previous(out, since=new.id)
    assert same.empty and "No change" in same.to_markdown(lang="en")
    reverse = compare(new, old, lang="en")  # going back: the flip the other way
    assert reverse.status_changes().set_index(["kpi_id", "period"]).loc[("val_maturation_eur", "2022"),
                                                                        "new_status"] == "missed"
    alone = tmp_path / "alone"
    assert quiet_ingest(raw, alone) == 0
    assert record(alone) is not None and changes_since_previous(alone) is None
    assert write_changes(alone, tmp_path / "reports", year=2023, partnership=default_partnership(),
                         out=Console(file=io.StringIO())) is None
    assert not (tmp_path / "reports" / "changes.md").exists()


def test_the_api_call_and_the_command(edited):
    _, out = edited
    changes = pm.changes(out, lang="en")
    assert "val_maturation_eur" in set(changes.status_changes()["kpi_id"])
    env = {**os.environ, "COLUMNS": "200"}

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "partnership_metrics", *map(str, args)], capture_output=True,
                              text=True, env=env, timeout=300)

    listed = cli("changes", "--processed", out, "--list")
    assert listed.returncode == 0 and "(the tables now in the folder)" in listed.stdout
    assert len(listed.stdout.strip().splitlines()) == 2
    shown = cli("changes", "--processed", out, "--lang", "en")
    assert shown.returncode == 0
    assert "| Maturation funding (`val_maturation_eur`) | 2022 | missed | met |" in shown.stdout
    as_csv = cli("changes", "--processed", out, "--format", "csv")
    assert as_csv.stdout.startswith("section,item,key,change,column,old,new,restated,source")
    missing = cli("changes", "--processed", out, "--since", "nothing-like-it")
    assert missing.returncode != 0 and "no run 'nothing-like-it'" in missing.stderr
