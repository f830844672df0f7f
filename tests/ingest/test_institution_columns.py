"""A projects register whose lead institution no header names is read from the column whose values name known
institutions: an ERP's "Tiers" in the official names of the SIRENE directory, a board's labels with the institution
among them; a column that merely holds an acronym (e-mails, titles) is not taken for it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["Réf. projet", "Titre du projet", "{column}", "Origine", "Accompagnement", "Date de détection",
          "E-mail du porteur"]


def _register(column: str, values: list[str], emails: list[str] | None = None) -> list[list]:
    rows = [[h.format(column=column) for h in HEADER]]
    for n, value in enumerate(values, start=1):
        email = (emails or [f"porteur{n}@univ-amu.fr"] * len(values))[n - 1]
        rows.append([f"PJ-{n:02d}", f"Sonde CNRS n°{n}", value, "Détection IT", "Inserm Transfert",
                     dt.date(2021, n, 5), email])
    return rows


OFFICIAL = ["UNIVERSITE D'AIX MARSEILLE", "ASSISTANCE PUBLIQUE HOPITAUX DE MARSEILLE", "INSTITUT PAOLI CALMETTES",
            "CENTRE NATIONAL DE LA RECHERCHE SCIENTIFIQUE", "UNIVERSITE COTE D'AZUR", "INSTITUT CURIE"]


def test_the_third_party_of_an_erp_export_is_the_lead_institution(tmp_path: Path):
    write_workbook(tmp_path / "raw" / "export_projet_1.xlsx", {"Feuille": _register("Tiers", OFFICIAL)})
    projects = ingest(tmp_path / "raw").tables["projects"]
    assert list(projects["lead_institution"]) == ["AMU", "APHM", "IPC", "CNRS", "UCA", "OTHER"]


def test_the_institution_among_a_cards_labels(tmp_path: Path):
    labels = ["Thérapeutique (purple), AMU (green)", "CHU Nice (green), Diagnostic (blue), Prioritaire (red)",
              "IPC (green)", "Dispositif médical (orange), CNRS (green)", "Inserm (green), E-santé (lime)"]
    write_workbook(tmp_path / "raw" / "board.xlsx", {"Cartes": _register("Labels", labels)})
    projects = ingest(tmp_path / "raw").tables["projects"]
    assert list(projects["lead_institution"]) == ["AMU", "CHUNICE", "IPC", "CNRS", "INSERM"]


def test_a_column_that_merely_holds_an_acronym_is_not_the_institution(tmp_path: Path):
    emails = [f"chercheur{n}@cnrs.fr" for n in range(1, 7)]
    notes = [f"Réunion CNRS n°{n}" for n in range(1, 7)]
    write_workbook(tmp_path / "raw" / "register.xlsx", {"Projets": _register("Commentaire", notes, emails)})
    result = ingest(tmp_path / "raw")
    assert "projects" not in result.tables  # lacks its lead institution: reported, not guessed
    assert any("lead_institution" in str(s.note) for s in result.sheets)


def test_a_card_without_an_institution_label_has_no_institution(tmp_path: Path):
    labels = ["Thérapeutique (purple), AMU (green)", "CHU Nice (green), Diagnostic (blue)", "IPC (green), Urgent (red)",
              "Dispositif médical (orange), CNRS (green)", "Inserm (green), E-santé (lime)", "Diagnostic (blue)"]
    write_workbook(tmp_path / "raw" / "board.xlsx", {"Cartes": _register("Labels", labels)})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["projects"]["project_id"]) == ["PJ-01", "PJ-02", "PJ-03", "PJ-04", "PJ-05"]
    problem, = result.problems  # the lead institution is required: the row is quarantined, not read as OTHER
    assert (problem.key, problem.column, problem.value) == ("PJ-06", "lead_institution", "Diagnostic (blue)")
    assert "names no known institution" in problem.reason
