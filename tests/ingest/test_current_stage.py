"""A register's current stage and its date ("Stage | Stage date") are the named milestone's date, never the
detection date; the detection date it then lacks comes from the log of milestones beside it (current_stage.py)."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

REGISTER = ["Project ID", "Project title", "Institution", "Source", "Supported by", "Stage", "Stage date"]


def _register(*rows):
    return [REGISTER, *[[pid, f"Projet {pid}", "AMU", "CPP call", "CPP", stage, day] for pid, stage, day in rows]]


HISTORY = [["Project ID", "Stage", "Stage date", "Comment"],
           ["MRS-01", "Detected", dt.date(2021, 1, 11), None],
           ["MRS-02", "Detected", dt.date(2021, 2, 16), None],
           ["MRS-01", "Invention disclosure", dt.date(2021, 3, 5), "DI reçue"],
           ["MRS-01", "Licence signed", dt.date(2022, 5, 21), None],
           ["MRS-03", "Detected", dt.date(2021, 6, 1), None]]


def test_the_stage_date_is_the_stages_and_the_log_gives_the_others(tmp_path):
    rows = _register(("MRS-01", "Licence signed", dt.date(2022, 5, 21)), ("MRS-02", "Detected", dt.date(2021, 2, 16)),
                     ("MRS-03", "Invention disclosure", dt.date(2021, 9, 1)))
    write_workbook(tmp_path / "raw" / "deal-flow.xlsx", {"Pipeline": rows, "Stage history": HISTORY})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    day = lambda pid, column: str(projects.loc[pid, column].date())  # noqa: E731
    assert day("MRS-01", "detection_date") == "2021-01-11" and day("MRS-01", "licence_date") == "2022-05-21"
    assert day("MRS-01", "disclosure_date") == "2021-03-05"
    assert day("MRS-03", "detection_date") == "2021-06-01" and day("MRS-03", "disclosure_date") == "2021-09-01"
    assert not result.problems


def test_a_row_no_log_dates_is_quarantined_with_why(tmp_path):
    rows = _register(("MRS-01", "Licence signed", dt.date(2022, 5, 21)), ("MRS-02", "Detected", dt.date(2021, 2, 16)),
                     ("MRS-04", "Abandoned", dt.date(2022, 1, 3)))
    write_workbook(tmp_path / "raw" / "deal-flow.xlsx", {"Pipeline": rows})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["projects"]["project_id"]) == ["MRS-02"]  # detected: its stage date is its detection
    reasons = {p.key: p.reason for p in result.problems}
    assert set(reasons) == {"MRS-01", "MRS-04"} and "detection_date" in reasons["MRS-01"]


def test_a_register_with_its_own_detection_date_keeps_it(tmp_path):
    rows = [["Réf.", "Titre", "Établissement", "Canal", "Accompagnement", "Date de détection", "Statut", "Date statut"],
            ["P-01", "Projet 1", "AMU", "AAP CPP", "CPP", dt.date(2021, 1, 4), "Licence signée", dt.date(2022, 6, 1)],
            ["P-02", "Projet 2", "UCA", "AAP CPP", "IT", dt.date(2021, 3, 9), "Abandon", dt.date(2021, 12, 1)],
            ["P-03", "Projet 3", "IPC", "AAP CPP", "CPP", dt.date(2021, 5, 2), "Début de maturation", dt.date(2022, 2, 7)]]
    write_workbook(tmp_path / "raw" / "registre.xlsx", {"Projets": rows})
    projects = ingest(tmp_path / "raw").tables["projects"].set_index("project_id")
    assert [str(d.date()) for d in projects["detection_date"]] == ["2021-01-04", "2021-03-09", "2021-05-02"]
    assert str(projects.loc["P-01", "licence_date"].date()) == "2022-06-01"
    assert str(projects.loc["P-02", "abandon_date"].date()) == "2021-12-01"


def test_a_crm_close_date_dates_closed_deals_only(tmp_path):
    rows = [["Opportunity ID", "Opportunity Name", "Account Name", "Lead Source", "Supported By", "Detection Date",
             "Maturation Start Date", "Stage", "Close Date"],
            ["OPP-1", "Projet 1", "AMU", "IT Detection", "IT", dt.date(2019, 1, 4), None, "Closed Won - Licence signed",
             dt.date(2021, 5, 4)],
            ["OPP-2", "Projet 2", "UCA", "IT Detection", "IT", dt.date(2019, 3, 9), None, "Closed Lost - Abandoned",
             dt.date(2020, 7, 30)],
            ["OPP-3", "Projet 3", "IPC", "IT Detection", "IT", dt.date(2019, 5, 2), dt.date(2020, 1, 3),
             "4 - Maturation", dt.date(2024, 2, 1)],  # an open deal: its close date is a forecast
            ["OPP-4", "Projet 4", "IPC", "IT Detection", "IT", dt.date(2019, 6, 2), None, "2 - Licence negotiation",
             dt.date(2024, 3, 1)]]
    write_workbook(tmp_path / "raw" / "crm.xlsx", {"Opportunities": rows})
    projects = ingest(tmp_path / "raw").tables["projects"].set_index("project_id")
    assert str(projects.loc["OPP-1", "licence_date"].date()) == "2021-05-04"
    assert str(projects.loc["OPP-2", "abandon_date"].date()) == "2020-07-30"
    assert str(projects.loc["OPP-3", "maturation_start_date"].date()) == "2020-01-03"
    assert projects[["licence_date", "abandon_date"]].loc[["OPP-3", "OPP-4"]].isna().all().all()


def test_a_lost_deal_s_reason_beside_its_close_date_is_no_date(tmp_path):
    """"Closed Lost Reason" (HubSpot) says why a deal was lost: the close date of the lost deal is the abandon date,
    and the reason is no date column emptied row by row."""
    rows = [["Code projet", "Deal Name", "Associated Company", "Canal de sourcing", "Accompagnement",
             "Date de détection", "Deal Stage", "Close Date", "Closed Lost Reason"],
            ["PV19-06", "Projet 1", "AMU", "Sourcing conjoint", "CPP + IT", dt.date(2019, 5, 25),
             "Licence signée (gagné)", dt.date(2021, 3, 5), None],
            ["PV19-07", "Projet 2", "UCA", "Détection IT", "IT", dt.date(2019, 6, 2), "Abandonné (perdu)",
             dt.date(2021, 2, 10), "Antériorité bloquante"],
            ["PV20-05", "Projet 3", "IPC", "Détection IT", "IT", dt.date(2020, 8, 30), "Maturation en cours", None,
             None]]
    write_workbook(tmp_path / "raw" / "deals.xlsx", {"Deals": rows})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert str(projects.loc["PV19-07", "abandon_date"].date()) == "2021-02-10"
    assert str(projects.loc["PV19-06", "licence_date"].date()) == "2021-03-05"
    assert not result.cell_problems


def test_french_statuses_past_participles_and_the_headers_copies(tmp_path):
    """"Licencié", "Abandonné" beside "Date statut", the header repeated over each year's block."""
    header = ["N°", "Intitulé", "Établissement", "Origine", "Accompagné par", "Date de détection", "Statut",
              "Date statut"]
    rows = [["ANNÉE 2018"], header,
            ["P18-01", "Projet 1", "AMU", "AAP CPP", "CPP", dt.date(2018, 3, 1), "En cours", None],
            ["P18-02", "Projet 2", "UCA", "AAP CPP", "IT", dt.date(2018, 3, 12), "Abandonné", "7 janvier 2019"],
            [], ["ANNÉE 2019"], header,
            ["P19-04", "Projet 4", "IPC", "AAP CPP", "CPP", dt.date(2019, 11, 25), "Licencié", "04/10/2023"],
            ["P19-05", "Projet 5", "CAL", "AAP CPP", "IT", dt.date(2019, 8, 19), "En maturation", None]]
    write_workbook(tmp_path / "raw" / "registre.xlsx", {"Projets": rows})
    projects = ingest(tmp_path / "raw").tables["projects"].set_index("project_id")
    assert str(projects.loc["P18-02", "abandon_date"].date()) == "2019-01-07"
    assert str(projects.loc["P19-04", "licence_date"].date()) == "2023-10-04"
    assert projects["abandon_date"].notna().sum() == 1 and projects["licence_date"].notna().sum() == 1
