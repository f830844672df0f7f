"""A table whose date is written once per group of rows, on a row of its own above them (section_dates.py); the day
alone under a row naming its month; a task list's generic headers are no partnership table's."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["N° décision", "Projet (réf.)", "Financeur / Funder", "Dispositif / Instrument", "Montant / Amount (k€)"]


def _decision_dates(tmp_path, sheet: str, rows: list[list]):
    write_workbook(tmp_path / "raw" / "decisions.xlsx", {sheet: rows})
    result = ingest(tmp_path / "raw")
    df = result.tables["funding"]
    return result, {i: str(d)[:10] for i, d in zip(df["funding_id"], df["decision_date"], strict=True)}


def test_each_decision_takes_the_date_of_its_committee(tmp_path):
    rows = [["Registre des décisions de financement"], [], HEADER,
            ["Comité de sélection Cancéropôle PACA – séance du 23/07/2018"],
            ["D2018-001", "INV-2018-02", "CPP", "Preuve de concept", 49], [],
            ["COPIL CPP-IT n°9 – 18 juillet 2022"],
            ["D2022-010", "INV-2021-03", "IT", "Maturation", 120],
            ["D2022-011", "INV-2021-04", "CPP", "Maturation", 80], [],
            ["TOTAL engagé (k€)", None, None, None, 249]]
    result, dates = _decision_dates(tmp_path, "Decisions log", rows)
    assert dates == {"D2018-001": "2018-07-23", "D2022-010": "2022-07-18", "D2022-011": "2022-07-18"}
    assert not result.problems


def test_a_decisions_log_led_by_its_project_column_takes_its_committees_dates(tmp_path):
    # the first committee's title right below the header is a section, never the header's second row
    header = ["Projet", "Intitulé projet", "N° engagement", "Financeur", "Nature de l'aide", "Montant engagé (€)"]
    rows = [header, ["Comité de sélection – séance du 01/03/2021"],
            ["VA-21-01", "Vaccin", "ENG-01", "IT", "Maturation", 100000],
            ["VA-21-02", "Sonde", "ENG-02", "CPP", "Maturation", 80000],
            ["Comité de sélection – séance du 12/10/2021"],
            ["VA-21-03", "Test", "ENG-03", "IT", "Maturation", 50000]]
    result, dates = _decision_dates(tmp_path, "Décisions", rows)
    assert dates == {"ENG-01": "2021-03-01", "ENG-02": "2021-03-01", "ENG-03": "2021-10-12"}
    assert not result.problems


def test_a_section_whose_date_cannot_be_read_gives_its_rows_no_date(tmp_path):
    rows = [HEADER, ["Séance du 23/07/2018"], ["D2018-001", "INV-2018-02", "CPP", "Preuve de concept", 49],
            ["Séance de l'automne 2018"], ["D2018-002", "INV-2018-03", "IT", "Maturation", 132],
            ["Séance du 12/12/2018"], ["D2018-003", "INV-2018-04", "IT", "Maturation", 60]]
    write_workbook(tmp_path / "raw" / "decisions.xlsx", {"Decisions log": rows})
    result = ingest(tmp_path / "raw")
    assert "funding" not in result.tables or result.tables["funding"].empty  # skipped, said so: never a wrong date
    assert [s.sheet for s in result.sheets if s.skipped is not None] == ["Decisions log"]


def test_a_planner_export_is_no_list_of_start_ups(tmp_path):
    rows = [["ID de tâche", "Nom de tâche", "Nom du compartiment", "Progression", "Date de création", "Date d'échéance"],
            ["q3Jx8Lw0aEuPzT1nR6sK", "Préparer le COPIL", "Gouvernance", "Terminé", "10/01/2023", "14/03/2023"],
            ["Zt7Qm2Lx9vBn4Hc8KwPe", "Relancer les porteurs", "Valorisation", "En cours", "12/02/2023", "30/06/2023"]]
    write_workbook(tmp_path / "raw" / "Plan d'actions.xlsx", {"Tâches": rows})
    result = ingest(tmp_path / "raw")
    assert "startups" not in result.tables or result.tables["startups"].empty


def test_days_read_with_the_month_of_their_section_row(tmp_path):
    """An agenda writes the month once ("AVRIL 2018") and the day on each row below it ("jeu. 12")."""
    agenda = [["Agenda des animations"], [],
              ["Jour", "Réf.", "Intitulé", "Type", "Organisateur", "Participants"],
              ["FÉVRIER 2018"], ["jeu. 8", "EV-18-01", "Sensibilisation", "Sensibilisation", "CPP", 34],
              ["AVRIL 2018"], ["jeu. 12", "EV-18-02", "Brevets", "Formation", "CPP", 22],
              [12, "EV-18-03", "Maturation", "Formation", "IT", 19]]
    write_workbook(tmp_path / "raw" / "agenda.xlsx", {"Agenda": agenda})
    events = ingest(tmp_path / "raw").tables["events"]
    assert [str(d)[:10] for d in events["event_date"]] == ["2018-02-08", "2018-04-12", "2018-04-12"]


def test_days_and_months_read_with_the_year_of_their_section_row(tmp_path):
    """An agenda by month that writes "25/01" on each row (the year only in "JANVIER 2021"), a whole date on
    others: each row its day, month and the section's year; "(date à préciser)" the month itself."""
    agenda = [["AGENDA DES ÉVÉNEMENTS 2021"], [],
              ["Date", "Code", "Intitulé", "Format", "Organisé par", "Nb participants"],
              ["JANVIER 2021"], ["25/01", "EV21-01", "Négocier une licence", "Formation", "CPP+IT", 17],
              ["MARS 2021"], [dt.date(2021, 3, 24), "EV21-02", "Webinaire Mission Cancer", "Webinaire", "IT", 67],
              ["AVRIL 2021"], ["11/04", "EV21-03", "Atelier étude de marché", "Atelier", "CPP", 11],
              ["JUIN 2021"], ["(date à préciser)", "EV21-05", "Café valo", "Atelier", "CPP", 9]]
    write_workbook(tmp_path / "raw" / "agenda.xlsx", {"Agenda": agenda})
    result = ingest(tmp_path / "raw")
    events = result.tables["events"]
    assert [str(d)[:10] for d in events["event_date"]] == ["2021-01-25", "2021-03-24", "2021-04-11", "2021-06-01"]
    assert list(events["event_date_precision"].astype(str)) == ["day", "day", "day", "month"]  # June, to the month
    assert not result.problems
