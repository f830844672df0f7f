"""A sheet naming too few columns to be recognised alone is read as the table of its sibling sheets when its header
repeats theirs (a workbook kept one sheet per funder)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

TITLE = ["Financements – décisions 2021-2023 (k€)", None, None, None, None, None]


def _sheet(reference: str | None, lines: list[list]) -> list[list]:
    header = ["Projet", "Acronyme", *([reference] if reference else []), "Type d'aide", "Date de décision",
              "Montant (k€)"]
    return [TITLE, [None] * 6, header, *lines]


def test_a_funders_sheet_without_line_numbers_is_read_like_its_siblings(tmp_path: Path):
    sheets = {
        "Inserm Transfert": _sheet("Réf. IT", [["P-01", "ONCO", "IT-21-01", "Maturation", dt.date(2021, 3, 2), 120],
                                               ["P-02", "VAX", "IT-22-01", "Preuve de concept", dt.date(2022, 5, 4), 80]]),
        "ANR": _sheet("Réf. ANR", [["P-02", "VAX", "ANR-22-CE17-0042", "Aide", dt.date(2022, 10, 28), 187.1]]),
        "Région Sud": _sheet(None, [["P-01", "ONCO", "Subvention", dt.date(2022, 1, 18), 94.5],
                                    ["P-02", "VAX", "Aide", dt.date(2022, 2, 20), 127.9]]),
    }
    write_workbook(tmp_path / "raw" / "financements_par_financeur.xlsx", sheets)
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"]
    region = funding[funding["funder"] == "region_sud"]
    assert sorted(region["amount_eur"]) == [94500.0, 127900.0]
    assert list(region["project_id"]) == ["P-01", "P-02"]
    assert all(i.startswith("financements_par_financeur.xlsx:Région Sud:") for i in region["funding_id"])
    note = next(s.note for s in result.sheets if s.sheet == "Région Sud")
    assert "funder 'region_sud'" in note and "id made" in note


def test_a_sheet_of_other_headers_beside_them_is_left_unread(tmp_path: Path):
    sheets = {
        "Inserm Transfert": _sheet("Réf. IT", [["P-01", "ONCO", "IT-21-01", "Maturation", dt.date(2021, 3, 2), 120]]),
        "Contacts": [["Structure", "Ville", "Téléphone"], ["Région Sud", "Marseille", "04 00 00 00 00"]],
    }
    write_workbook(tmp_path / "raw" / "financements.xlsx", sheets)
    result = ingest(tmp_path / "raw")
    assert len(result.tables["funding"]) == 1
    assert next(s.table for s in result.sheets if s.sheet == "Contacts") is None


def test_a_register_of_static_fields_beside_a_journal_of_milestones(tmp_path: Path):
    """"Registre projets" keeps no dates, "Journal" one row per milestone (with a year column that once made it look
    like a grid of targets): the register is read with its dates left to the journal; a project the journal never
    dates is quarantined with why."""
    register = [["Réf. projet", "Intitulé du projet", "Établissement porteur", "Canal de sourcing", "Accompagnement"],
                ["VAL-01", "Sonde TEP", "AMU", "AAP CPP", "CPP"], ["VAL-02", "Vaccin ARN", "IPC", "Détection IT", "IT"],
                ["VAL-03", "Biopsie liquide", "UCA", "AAP CPP", "CPP"]]
    journal = [["Journal des jalons projets (une ligne par jalon)"], [],
               ["Réf. projet", "Jalon", "Date", "Commentaire", "Année"],
               ["VAL-01", "Détection", dt.date(2021, 3, 2), "rencontre labo", 2021],
               ["VAL-02", "Détection", "T3 2021", "comité CPP", "2021"],
               ["VAL-01", "Déclaration d'invention (DI)", dt.date(2021, 9, 3), None, 2021],
               ["VAL-02", "Entrée en maturation", dt.date(2022, 2, 1), None, 2022]]
    write_workbook(tmp_path / "raw" / "pilotage.xlsx", {"Registre projets": register, "Journal": journal})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert list(projects.index) == ["VAL-01", "VAL-02"]
    assert str(projects.loc["VAL-01", "disclosure_date"])[:10] == "2021-09-03"
    assert str(projects.loc["VAL-02", "detection_date"])[:10] == "2021-07-01"
    assert "kpi_targets" not in result.tables or result.tables["kpi_targets"].empty
    [problem] = [p for p in result.problems if p.table == "projects"]
    assert problem.key == "VAL-03" and "detection_date" in problem.reason


def test_a_funders_tab_naming_the_start_ups_it_funds_is_funding_not_rounds(tmp_path: Path):
    """"Bpifrance" beside the other funders' tabs: its "Start-up" column makes it look like rounds; its name names a
    funder and its siblings are funders' tabs, so its lines are Bpifrance's funding lines."""
    sheets = {
        "Inserm Transfert": _sheet("Réf. IT", [["P-01", "ONCO", "IT-21-01", "Maturation", dt.date(2021, 3, 2), 120],
                                               ["P-02", "VAX", "IT-22-01", "Preuve de concept", dt.date(2022, 5, 4), 80]]),
        "ANR": _sheet("Réf. ANR", [["P-02", "VAX", "ANR-22-CE17-0042", "Aide", dt.date(2022, 10, 28), 187.1]]),
        "Bpifrance": [["N° dossier Bpi", "Réf. projet", "Start-up", "Aide", "Montant", "Date décision"],
                      ["DOS0606874", "P-01", "Azur CAR-NK", "Avance remboursable", 50000, dt.date(2020, 12, 3)],
                      ["DOS0645325", "P-02", "MicroOrga", "Avance remboursable", 90000, dt.date(2021, 11, 18)]]}
    write_workbook(tmp_path / "raw" / "financements_par_financeur.xlsx", sheets)
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"].set_index("funding_id")
    assert funding.loc[["DOS0606874", "DOS0645325"], "funder"].tolist() == ["bpifrance", "bpifrance"]
    assert "startup_rounds" not in result.tables or result.tables["startup_rounds"].empty
