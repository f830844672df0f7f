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


def test_a_licence_type_beside_the_signature_date_does_not_hide_it_and_a_deal_s_reference_is_no_title(tmp_path):
    """A transfer office's licences list: "Licence type" names licences but holds no dates, so the "Signature date" is
    still the licence's; its "Deal ref.", read as the project's title, disagrees with every project it completes: left
    out (said in a warning), the rows still read into the register, whose titles and technologies stay."""
    write_workbook(tmp_path / "projets.xlsx", {"Projets": PROJECTS + [
        ["VAL20-01", "Sonde C", "AMU", "AAP CPP", "CPP", dt.date(2020, 5, 2), "Diagnostic"]]})
    licences = [["Licence agreements signed on CPP projects"], [],
                ["Deal ref.", "CPP project ref.", "Licensee", "Licence type", "Signature date", "Field"],
                ["IT-LIC-2020-001", "VAL18-07", "ImmunoPhare", "Non-exclusive", dt.date(2020, 11, 24), "Solid tumours"],
                ["IT-LIC-2021-002", "VAL19-09", "Cellvia", "Exclusive", dt.date(2021, 9, 15), "Oncology"],
                ["IT-LIC-2022-003", "VAL20-01", "HalioDx", "Exclusive", dt.date(2022, 3, 1), "All fields"]]
    write_workbook(tmp_path / "IT_licences.xlsx", {"Licences": licences})
    result = ingest(tmp_path)
    projects = result.tables["projects"].set_index("project_id")
    assert {k: str(v)[:10] for k, v in projects["licence_date"].items()} == {
        "VAL18-07": "2020-11-24", "VAL19-09": "2021-09-15", "VAL20-01": "2022-03-01"}
    assert projects["technology_type"].to_dict() == {"VAL18-07": "diagnostic", "VAL19-09": "therapeutic",
                                                     "VAL20-01": "diagnostic"}
    assert projects.loc["VAL18-07", "title"] == "Sonde A"
    assert not result.problems
    assert any("projects.title is left out" in w and "3 of 3 rows" in w for w in result.warnings)
