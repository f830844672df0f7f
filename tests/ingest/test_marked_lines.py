"""Records each followed by their children's lines in the same columns, marked "↳" (marked_lines.py): a start-up's
line, then its rounds."""

from __future__ import annotations

from partnership_metrics.ingest.ingestion import ingest

SHEET = (
    "Société / tour;SIREN;Date (création ou levée);Statut;Effectif;Montant levé;Type\n"
    "Theranyx;486 019 920;17/07/2018;Active;27;;Création\n"
    "   ↳ levée;;17/12/2018;;;160 k€;Pre-seed\n"
    "   ↳ levée;;18/11/2019;;;3,22 M€;Série A\n"
    "CellAxone;988 319 992;08/10/2018;Active;33;;Création\n"
    "   ↳ levée;;01/04/2019;;;300 000;Pre-seed\n"
    "OncoPhot;897 702 056;30/08/2023;Active;4;;Création\n")


def test_each_marked_line_is_a_round_of_the_start_up_above_it(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "startups_et_levees.csv").write_text(SHEET, encoding="utf-8")
    result = ingest(raw)
    startups = result.tables["startups"]
    assert sorted(startups["name"]) == ["CellAxone", "OncoPhot", "Theranyx"]
    rounds = result.tables["startup_rounds"].sort_values("round_date")
    assert [(r["startup_id"], r["round_type"], r["amount_eur"]) for r in rounds.to_dict("records")] == [
        ("Theranyx", "pre_seed", 160000.0), ("CellAxone", "pre_seed", 300000.0), ("Theranyx", "series_a", 3220000.0)]
    assert not result.problems
    assert sum("marked '↳ levée'" in d.reason for d in result.dropped) == 3


def test_indented_lines_under_a_company_are_its_rounds_of_the_kind_they_write(tmp_path):
    """"    Pré-amorçage" indented under a company's line: a round of that company, of the kind it writes (the sheet
    has no column of kinds); "    Total levé" is their total, no round; no indented line is a start-up (no
    conflicting "Amorçage" written under two companies)."""
    sheet = ("Société / tour;SIREN;Date (création ou closing);Montant;Statut;Effectif\n"
             "Immunéo Therapeutics;987129129;20/11/2020;;Rachetée;5\n"
             "    Prêt d'amorçage;;11/04/2022;50 k€;;\n"
             "    Amorçage;;11/09/2023;400 k€;;\n"
             "    Total levé;;;450000;;\n"
             "CalliScan;879400158;2020;;En activité;3\n"
             "    Amorçage;;12/2021;1,5 M€;;\n")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "startups_et_levees.csv").write_text(sheet, encoding="utf-8")
    result = ingest(raw)
    assert sorted(result.tables["startups"]["name"]) == ["CalliScan", "Immunéo Therapeutics"]
    rounds = result.tables["startup_rounds"]
    assert sorted(zip(rounds["startup_id"], rounds["round_type"].astype(str), rounds["amount_eur"], strict=True)) == [
        ("CalliScan", "seed", 1_500_000.0), ("Immunéo Therapeutics", "loan", 50_000.0),
        ("Immunéo Therapeutics", "seed", 400_000.0)]
    assert not result.problems
    assert [d.reason for d in result.dropped if d.row == 5] == ["total row", "total row"]  # read twice, dropped twice
