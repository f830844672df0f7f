"""A contract-management tool's register of licences (contract_dates.py): its signature date is the licence's date of
the project it names, read as completing the register's rows."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

PROJECTS = [["Réf. projet", "Titre du projet", "Établissement porteur", "Origine", "Accompagné par",
             "Date de détection", "Type de technologie"],
            ["VAL18-07", "Sonde A", "AMU", "AAP CPP", "CPP", dt.date(2018, 3, 2), "Diagnostic"],
            ["VAL19-09", "Sonde B", "UCA", "AAP CPP", "CPP", dt.date(2019, 4, 2), "Thérapeutique"]]
HEADER = ["N° contrat", "Famille", "Type", "Objet", "Réf. projet", "Cocontractant", "Date de signature",
          "Date d'effet"]


def _contracts(title: str, family: str) -> list[list]:
    return [[title], HEADER,
            ["LIC-2019-001", family, f"{family} non exclusive", "Exploitation du brevet – projet A", "VAL18-07",
             "Biogenix SA", dt.date(2019, 12, 19), dt.date(2020, 1, 1)],
            ["LIC-2021-002", family, f"{family} exclusive", "Exploitation du brevet – projet B", "VAL19-09",
             "Medisonde GmbH", dt.date(2021, 1, 22), dt.date(2021, 2, 1)]]


def test_a_register_of_licences_gives_each_project_its_licence_date(tmp_path):
    write_workbook(tmp_path / "projets.xlsx", {"Projets": PROJECTS})
    write_workbook(tmp_path / "contrats.xlsx", {"Export": _contracts("GestContrats – Filtre : Statut = Signé", "Licence")})
    projects = ingest(tmp_path).tables["projects"].set_index("project_id")
    assert {k: str(v)[:10] for k, v in projects["licence_date"].items()} == {
        "VAL18-07": "2019-12-19", "VAL19-09": "2021-01-22"}
    # the contract's "Type" ("Licence exclusive") is no technology: the register's type stays
    assert projects["technology_type"].to_dict() == {"VAL18-07": "diagnostic", "VAL19-09": "therapeutic"}


def test_a_register_of_other_contracts_gives_no_licence_date(tmp_path):
    write_workbook(tmp_path / "projets.xlsx", {"Projets": PROJECTS})
    write_workbook(tmp_path / "contrats.xlsx", {"Export": _contracts("GestContrats – Filtre : Statut = Signé",
                                                                     "Accord de consortium")})
    projects = ingest(tmp_path).tables["projects"]
    assert projects["licence_date"].isna().all()
