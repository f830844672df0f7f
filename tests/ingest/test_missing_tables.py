"""A data table no sheet was read as, though the folder shows it holds it, is a partial run: said loudly, with the
sheets that might hold it and their draft mapping rules; a folder with no trace of a table is not."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from partnership_metrics.cli import app
from partnership_metrics.ingest.ingestion import ingest

PROJECTS = """Réf. projet;Titre du projet;Établissement porteur;Origine;Accompagné par;Date de détection
PV21-01;Sonde X;AMU;Appel à projets;CPP;12/03/2021
PV21-02;Anticorps Y;Inserm;Appel à projets;IT;05/06/2021
"""
# a public accountant's ledger of commitments: its headers name two of funding's required columns in the words of
# the header vocabulary ("N° EJ", "Date d'engagement"), too few among its columns to be recognised
LEDGER = """Exercice;Chapitre;Article;Compte;Service;Centre de coûts;N° EJ;Objet;Date d'engagement;Ouvert;Consommé
2021;65;6574;657400;DRV;CC12;EJ21-001;PV21-01 maturation;15/04/2021;120 000;60 000
2021;65;6574;657400;DRV;CC12;EJ21-002;PV21-02 preuve de concept;02/09/2021;45 000;0
"""
ROUNDS = """Réf. start-up;Date du tour;Type de tour;Montant (€)
SU-01;12/05/2022;Seed;1 200 000
SU-02;03/02/2023;Série A;4 500 000
"""
# a bond report's headers, spelt somewhat like a funding line's or a project's, naming none of their columns
BONDS = """SERIES;ALL BONDS ISSUED;ALL BONDS REDEEMED;BONDS OUTSTANDING;'E';'H'
E;1026746;1025994;752;12;7
EE;1710441;1709589;852;15;9
"""


def _cli(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def _raw(tmp_path: Path, files: dict[str, str]) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, text in files.items():
        (raw / name).write_text(text, encoding="utf-8")
    return raw


def test_a_table_found_only_in_an_unrecognised_sheet_is_a_partial_run_with_the_sheet_and_its_draft(tmp_path):
    raw = _raw(tmp_path, {"projets.csv": PROJECTS, "grand_livre_2021.csv": LEDGER})
    done = _cli("ingest", "--raw", raw, "--out", tmp_path / "out")
    assert done.exit_code == 3, done.output
    assert "No sheet was read as funding" in done.output and "grand_livre_2021.csv (header row 1" in done.output
    report = json.loads((tmp_path / "out" / "ingest_report.json").read_text(encoding="utf-8"))
    [funding] = [m for m in report["missing_tables"] if m["table"] == "funding"]
    [candidate] = funding["candidates"]
    assert funding["partial"] and candidate["file"] == "grand_livre_2021.csv" and candidate["header_row"] == 1
    assert candidate["columns"]["funding_id"] == "N° EJ" and candidate["columns"]["decision_date"] == "Date d'engagement"
    assert "table: funding" in candidate["suggested_mapping"]
    others = {m["table"]: m["partial"] for m in report["missing_tables"] if m["table"] != "funding"}
    assert not any(others.values()), others  # no trace of start-ups or events in this folder: not partial
    draft = _cli("inspect", "--raw", raw)
    assert "No sheet read as funding: it may be in grand_livre_2021.csv" in draft.output
    assert 'file: "grand_livre_2021.csv"' in draft.output and '"N° EJ": funding_id' in draft.output
    assert _cli("ingest", "--raw", raw, "--out", tmp_path / "out", "--without", "funding").exit_code == 0
    strict = _cli("ingest", "--raw", raw, "--out", tmp_path / "out", "--strict", "--force")
    assert strict.exit_code == 1 and "1 table(s) found in no sheet" in strict.output


def test_rounds_read_without_their_start_ups_make_a_partial_run(tmp_path):
    raw = _raw(tmp_path, {"projets.csv": PROJECTS, "tours.csv": ROUNDS})
    done = _cli("ingest", "--raw", raw, "--out", tmp_path / "out")
    assert done.exit_code == 3, done.output
    assert "No sheet was read as startups: rows of startup_rounds belong to its rows" in done.output
    assert _cli("ingest", "--raw", raw, "--out", tmp_path / "out", "--without", "startups").exit_code == 0
    unknown = _cli("ingest", "--raw", raw, "--out", tmp_path / "out", "--without", "start-ups")
    assert unknown.exit_code == 2 and "not a data table" in unknown.output


def test_a_folder_with_no_trace_of_a_table_is_no_partial_run(tmp_path):
    raw = _raw(tmp_path, {"projets.csv": PROJECTS})
    done = _cli("ingest", "--raw", raw, "--out", tmp_path / "out")
    assert done.exit_code == 0, done.output
    assert "No sheet holds these tables: funding, startups" in done.output
    assert "No sheet was read as" not in done.output


def test_headers_only_spelt_like_a_tables_are_no_sign_of_it(tmp_path):
    raw = _raw(tmp_path, {"projets.csv": PROJECTS, "bonds.csv": BONDS})
    result = ingest(raw)
    assert [s.table for s in result.sheets if s.file == "bonds.csv"] == [None]
    assert not [m.table for m in result.missing if m.partial]
    assert all(s.head is None for s in result.sheets)  # the unrecognised sheets' first rows are let go
