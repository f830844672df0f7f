"""Milestones listed in one text cell, a line each (a Trello card's checklist, a comments cell): each ticked or
plain line naming a date column the headers left unread gives it its date; unticked and planned lines give none."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["Réf. projet", "Titre du projet", "Établissement porteur", "Origine", "Accompagnement", "Date de détection",
          "Checklists"]


def _board(cards: list[tuple[str, str]]) -> list[list]:
    rows = [HEADER]
    for n, (ref, notes) in enumerate(cards, start=1):
        rows.append([ref, f"Projet {n}", "AMU", "Détection IT", "Inserm Transfert", dt.date(2020, n, 10), notes])
    return rows


CARDS = [
    ("VP-01", "Étapes :\n[x] Déclaration d'invention reçue le 10/03/2020\n[x] Dépôt du brevet prioritaire le "
              "4 octobre 2020\n[ ] Licence signée"),
    ("VP-02", "Étapes :\n☑ Déclaration d'invention le 2021-01-15\n☐ Dépôt du brevet prioritaire\n"
              "[ ] Début de maturation (prévu T1 2024)"),
    ("VP-03", "Déclaration d'invention : janvier 2021\nDébut de maturation : 15/09/2021\nLicence signée le 1er mars 2023"),
    ("VP-04", "Étapes :\n[x] Déclaration d'invention reçue (date à retrouver)\n[x] Compte rendu de visite"),
]


def test_each_line_naming_a_milestone_gives_its_date(tmp_path: Path):
    write_workbook(tmp_path / "raw" / "pipeline.xlsx", {"Cartes": _board(CARDS)})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    day = lambda v: None if v is None or v != v else str(v.date())  # noqa: E731
    assert [day(v) for v in projects["disclosure_date"]] == ["2020-03-10", "2021-01-15", "2021-01-01", None]
    assert [day(v) for v in projects["priority_filing_date"]] == ["2020-10-04", None, None, None]
    assert [day(v) for v in projects["maturation_start_date"]] == [None, None, "2021-09-15", None]  # "prévu": planned
    assert [day(v) for v in projects["licence_date"]] == [None, None, "2023-03-01", None]  # "[ ]": not reached
    assert projects.loc["VP-03", "disclosure_date_precision"] == "month"
    # a ticked milestone without its date: the cell is emptied and listed, the row kept
    listed = [(p.key, p.value) for p in result.cell_problems if p.column == "disclosure_date"]
    assert len(projects) == 4 and listed == [("VP-04", "Déclaration d'invention reçue (date à retrouver)")]


def test_a_column_of_notes_naming_no_milestone_is_left_alone(tmp_path: Path):
    cards = [(f"VP-0{n}", "Rendez-vous avec le laboratoire\nRelancer en septembre") for n in range(1, 5)]
    write_workbook(tmp_path / "raw" / "pipeline.xlsx", {"Cartes": _board(cards)})
    projects = ingest(tmp_path / "raw").tables["projects"]
    assert len(projects) == 4 and projects["disclosure_date"].isna().all()


def test_a_milestone_the_headers_give_is_not_read_from_the_notes(tmp_path: Path):
    rows = [[*HEADER, "Date DI"]]
    cards = [*CARDS[:3], ("VP-05", "[x] Dépôt du brevet prioritaire le 12/12/2021")]
    for row in _board(cards)[1:]:
        rows.append([*row, dt.date(2019, 12, 1)])
    write_workbook(tmp_path / "raw" / "pipeline.xlsx", {"Cartes": rows})
    projects = ingest(tmp_path / "raw").tables["projects"]
    assert {str(d.date()) for d in projects["disclosure_date"]} == {"2019-12-01"}
    assert str(projects.set_index("project_id").loc["VP-01", "priority_filing_date"].date()) == "2020-10-04"


def test_dates_listed_in_one_cell_give_a_sheet_the_detection_date_it_lacks(tmp_path: Path):
    header = ["N° projet", "Intitulé du projet", "Établissement porteur", "Origine (sourcing)", "Soutien",
              "Jalons\n(dates clés)"]
    rows = [["VAL-18-04", "Radiothérapie guidée", "AMU", "Détection IT", "CPP + IT",
             "Détection : 31/10/2018\nDI : mars 2019\nMaturation : S1 2020"],
            ["VAL-19-01", "Organoïdes – mélanome", "UCA", "Sourcing conjoint", "IT",
             "Détection : 08/05/2019\nDI : 09/09/2019\nDépôt prioritaire : 13/02/2020"],
            ["VAL-19-08", "Criblage – poumon", "IPC", "AAP CPP", "CanceroPôle",
             "Détection : 24/05/2019\nMaturation : 16/12/2020"]]
    write_workbook(tmp_path / "raw" / "projets.xlsx", {"Projets 2018-2020": [header, *rows]})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert [str(d.date()) for d in projects["detection_date"]] == ["2018-10-31", "2019-05-08", "2019-05-24"]
    assert str(projects.loc["VAL-18-04", "maturation_start_date"].date()) == "2020-01-01"
    assert list(projects["supported_by"]) == ["both", "it", "cpp"] and not result.problems


def test_listed_milestones_known_to_the_month_or_the_year(tmp_path: Path):
    """"DI : 07/2018" is July 2018, "Abandon : 2020" the year 2020, each with its precision."""
    header = ["N° projet", "Intitulé du projet", "Établissement porteur", "Origine (sourcing)", "Soutien",
              "Jalons\n(dates clés)"]
    rows = [["VAL-18-03", "Biomarqueur", "CAL", "AAP CPP", "CPP + IT",
             "Détection : 16/04/2018\nDI : 07/2018\nMaturation : 27/05/2019"],
            ["VAL-19-09", "Test sanguin", "UCA", "Détection IT", "IT", "Détection : 09/2019\nDI : 11/11/2019\nAbandon : 2020"],
            ["VAL-19-07", "Radiothérapie", "CHU Nice", "AAP CPP", "CanceroPôle",
             "Détection : 14/11/2019\nDépôt prioritaire : 10/2020"]]
    write_workbook(tmp_path / "raw" / "projets.xlsx", {"Projets": [header, *rows]})
    projects = ingest(tmp_path / "raw").tables["projects"].set_index("project_id")
    assert str(projects.loc["VAL-18-03", "disclosure_date"].date()) == "2018-07-01"
    assert projects.loc["VAL-18-03", "disclosure_date_precision"] == "month"
    assert str(projects.loc["VAL-19-09", "detection_date"].date()) == "2019-09-01"
    assert str(projects.loc["VAL-19-09", "abandon_date"].date()) == "2020-01-01"
    assert projects.loc["VAL-19-09", "abandon_date_precision"] == "year"
    assert str(projects.loc["VAL-19-07", "priority_filing_date"].date()) == "2020-10-01"


def test_milestones_on_one_line_parted_by_semicolons(tmp_path: Path):
    """"Suivi": "détecté le 16/11/2020 ; DI déposée le 14/12/2020 ; entrée en maturation le 01/04/2021", the sheet's
    only column of dates (the detection date too); a milestone known to the month or the year stays so."""
    rows = [["Réf.", "Intitulé du projet", "Établissement porteur", "Origine", "Accompagnement", "Suivi"],
            ["P20-08", "Projet 1", "AMU", "Détection IT", "CPP + IT",
             "détecté le 16/11/2020 ; DI déposée le 14/12/2020 ; entrée en maturation le 01/04/2021"],
            ["P21-01", "Projet 2", "IPC", "AAP CPP", "CPP",
             "détecté en avr. 2021 ; DI déposée en décembre 2021 ; brevet prioritaire déposé le 17/08/2022"],
            ["P21-08", "Projet 3", "APHM", "Conjoint", "CPP & IT",
             "détecté en janv. 2021 ; projet arrêté le 26/04/2023 ; licence signée 2022"]]
    write_workbook(tmp_path / "raw" / "tableau.xlsx", {"Projets 2021-2023": rows})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    day = lambda v: None if v is None or v != v else str(v.date())  # noqa: E731
    assert [day(v) for v in projects["detection_date"]] == ["2020-11-16", "2021-04-01", "2021-01-01"]
    assert [day(v) for v in projects["disclosure_date"]] == ["2020-12-14", "2021-12-01", None]
    assert day(projects.loc["P21-01", "priority_filing_date"]) == "2022-08-17"
    assert day(projects.loc["P20-08", "maturation_start_date"]) == "2021-04-01"
    assert day(projects.loc["P21-08", "abandon_date"]) == "2023-04-26"
    assert day(projects.loc["P21-08", "licence_date"]) == "2022-01-01"
    assert list(projects["detection_date_precision"]) == ["day", "month", "month"] and not result.problems


def test_dates_written_in_english_and_by_half_year_in_a_list_of_milestones(tmp_path: Path):
    """"Invention disclosure H2 2019", "Maturation May 4, 2020", "DI 2e semestre 2019": each date as written, to
    its precision, never the year alone."""
    cards = [("VP-01", "Invention disclosure H2 2019; Maturation May 4, 2020"),
             ("VP-02", "Déclaration d'invention 2e semestre 2019 ; Maturation 1er trimestre 2021"),
             ("VP-03", "Invention disclosure Q3 2020; Maturation Sep 15th, 2021")]
    write_workbook(tmp_path / "raw" / "pipeline.xlsx", {"Cartes": _board(cards)})
    projects = ingest(tmp_path / "raw").tables["projects"].set_index("project_id")
    assert [(str(v.date()), p) for v, p in zip(projects["disclosure_date"], projects["disclosure_date_precision"],
                                              strict=True)] == [
        ("2019-07-01", "semester"), ("2019-07-01", "semester"), ("2020-07-01", "quarter")]
    assert [str(v.date()) for v in projects["maturation_start_date"]] == ["2020-05-04", "2021-01-01", "2021-09-15"]


def test_an_outcome_column_writing_one_milestone_to_a_cell(tmp_path: Path):
    """"Issue": "licence signée 03/07/2023" on a row, "abandonné 12/2023" on another, "en cours" on a third: each
    dates its milestone; the co-PI on a second line of the PI's cell is not the PI."""
    header = ["N° dossier", "Titre du projet", "Porteur(s)", "Établissement porteur", "Sourcing", "Accompagnement",
              "Date détection", "Issue"]
    rows = [header, ["P21-08", "Projet 1", "Mathieu Pastor\nNathan Gauthier (co-porteur)", "CHU de Nice", "AAP CPP",
                     "IT", dt.date(2021, 7, 15), "licence signée 03/07/2023"],
            ["P21-09", "Projet 2", "Pr Antoine Morel", "AMU", "détection IT", "IT", dt.date(2021, 2, 20),
             "licence signée 05/2023"],
            ["P21-10", "Projet 3", "Karim Meyer", "IPC", "AAP CPP", "CPP", dt.date(2021, 3, 2), "abandonné 17/04/2023"],
            ["P22-01", "Projet 4", "Léa Martin", "UCA", "AAP CPP", "CPP", dt.date(2022, 1, 4), "en cours"]]
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"Projets": rows})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    day = lambda v: None if v is None or v != v else str(v.date())  # noqa: E731
    assert [day(v) for v in projects["licence_date"]] == ["2023-07-03", "2023-05-01", None, None]
    assert [day(v) for v in projects["abandon_date"]] == [None, None, "2023-04-17", None]
    assert projects.loc["P21-09", "licence_date_precision"] == "month" and not result.problems
    from partnership_metrics.ingest.pseudonymise import Pseudonymiser, resolve_key
    from partnership_metrics.ingest.vocabulary import load_words

    people = Pseudonymiser(resolve_key(), load_words().person_titles)
    assert projects.loc["P21-08", "pi"] == people.person("Mathieu Pastor", "")
