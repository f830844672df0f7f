"""A template's example rows and a blank template left among the data files (example_rows.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.example_rows import is_placeholder
from partnership_metrics.ingest.ingestion import ingest


@pytest.mark.parametrize("text, placeholder", [
    ("TT-AAAA-NNN", True), ("FIN-YYYY-XX", True), ("jj/mm/aaaa", True), ("MM/YYYY", True),
    ("TT-2021-001", False), ("AN-2021-00", False), ("XX", False), ("ANN-XX", False), ("Anna", False),
    ("dates au format jj/mm/aaaa", False),  # a note saying how to write a date
])
def test_placeholders(text, placeholder):
    assert is_placeholder(text) is placeholder


CARD = [["FICHE PROJET"], ["MODÈLE — dupliquer ce fichier pour chaque nouveau projet"], [],
        ["Identifiant", "TT-AAAA-NNN"], ["Titre du projet", "Exemple : Anticorps anti-XXX"], ["Acronyme", "EXEMPLE"],
        ["Établissement porteur", "AMU"], ["Origine du projet", "Détection conjointe"], ["Accompagnement", "CPP"],
        ["Date de détection", dt.date(2021, 1, 1)], [],
        ["Réf.", "Date de décision", "Financeur", "Dispositif", "Montant (€)"],
        ["FIN-AAAA-NNN", dt.date(2021, 1, 1), "CanceroPôle PACA", "Émergence", 50000.0]]


def test_a_blank_template_left_among_the_cards_is_no_data(tmp_path):
    write_workbook(tmp_path / "raw" / "_MODELE_fiche_projet.xlsx", {"Fiche projet": CARD})
    filled = {"Identifiant": "TT-2021-004", "Titre du projet": "Anticorps anti-HER2", "Acronyme": "HERMAB"}
    real = [[row[0], filled[row[0]]] if row[:1] and row[0] in filled else row for row in CARD[3:11]]
    write_workbook(tmp_path / "raw" / "TT-2021-004.xlsx", {"Fiche": real})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["projects"]["project_id"]) == ["TT-2021-004"]
    assert "funding" not in result.tables or result.tables["funding"].empty
    [sheet] = [s for s in result.sheets if s.file == "_MODELE_fiche_projet.xlsx"]
    assert sheet.table is None and "a template, not data" in sheet.note and "TT-AAAA-NNN" in sheet.note


def test_a_filled_sheet_named_as_a_template_without_placeholders_is_data(tmp_path):
    rows = [["Réf. projet", "Titre", "Établissement porteur", "Origine", "Accompagné par", "Date de détection"],
            ["P-01", "Projet 1", "AMU", "AAP CPP", "CPP", dt.date(2021, 3, 1)]]
    write_workbook(tmp_path / "raw" / "partnership_input_template.xlsx", {"Projets": rows})
    assert list(ingest(tmp_path / "raw").tables["projects"]["project_id"]) == ["P-01"]
