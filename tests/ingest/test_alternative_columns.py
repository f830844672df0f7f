"""A registration tool's export: one question reworded each year gives one column per wording, each filled on its
year's rows; a scan time says who came. Each row's institution and unit come from the wording it answered, and the
registered who were never scanned are no-shows."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["N° de commande", "Événement", "Date de l'événement", "Nom", "Prénom", "E-mail", "Établissement",
          "Unité de recherche", "Organisme de rattachement", "Laboratoire (ex. U1068)", "Statut", "Scanné le"]


def _line(order, event, day, last, first, institution, unit, year_2022, scanned):
    old = [institution, unit, None, None] if not year_2022 else [None, None, institution, unit]
    return [order, event, day, last, first, f"{first.lower()}.{last.lower()}@example.org", *old, "Validé", scanned]


def test_each_wording_of_a_question_and_the_scan_time(tmp_path: Path):
    day1, day2 = dt.date(2021, 3, 4), dt.date(2022, 5, 12)
    rows = [HEADER,
            _line("A1", "EV21-01", day1, "Martin", "Julie", "AMU", "U1068", False, dt.datetime(2021, 3, 4, 9, 5)),
            _line("A2", "EV21-01", day1, "Roux", "Paul", "UCA", "-", False, dt.datetime(2021, 3, 4, 9, 12)),
            _line("A3", "EV21-01", day1, "Petit", "Léa", "IPC", "UMR7258", False, None),  # registered, never came
            _line("B1", "EV22-02", day2, "Girard", "Marc", "CHU de Nice", "U1081", True, "12/05/2022 14:02"),
            _line("B2", "EV22-02", day2, "Moreau", "Anne", "AP-HM", "UMR7289", True, "12/05/2022 14:10")]
    write_workbook(tmp_path / "raw" / "export_participants.xlsx", {"Participants": rows})
    result = ingest(tmp_path / "raw")
    attendance = result.tables["event_attendance"]
    assert list(attendance["institution"]) == ["AMU", "UCA", "CHUNICE", "APHM"]
    assert list(attendance["research_unit"].fillna("")) == ["U1068", "", "U1081", "UMR7289"]
    assert [d.reason for d in result.dropped if d.row == 4] == ["registered but did not attend (no Scanné le)"]


def test_two_columns_both_filled_on_a_row_are_not_one_question(tmp_path: Path):
    rows = [["Événement", "Date", "Nom", "Prénom", "Établissement", "Organisme"],
            ["EV21-01", dt.date(2021, 3, 4), "Martin", "Julie", "AMU", "CNRS"],
            ["EV21-01", dt.date(2021, 3, 4), "Roux", "Paul", "UCA", None],
            ["EV21-01", dt.date(2021, 3, 4), "Petit", "Léa", None, "Inserm"]]
    write_workbook(tmp_path / "raw" / "liste.xlsx", {"Présents": rows})
    result = ingest(tmp_path / "raw")
    institutions = result.tables["event_attendance"]["institution"]
    assert list(institutions[:2]) == ["AMU", "UCA"] and institutions.isna().iloc[2]  # "Organisme" is another question


def test_a_trackers_export_custom_fields_and_a_field_of_several_values(tmp_path):
    """Jira: fields added by the users under "Custom field (…)", the reference under "Issue key" (not the tool's
    "Issue id"), the title under "Summary" (not the tool's "Project name", the same on every row), and a field of
    several values as one column per value under the same header ("Accompagné par" twice: "CPP", "IT")."""
    header = ["Summary", "Issue key", "Issue id", "Project name", "Custom field (Accompagné par)",
              "Custom field (Accompagné par)", "Custom field (Canal de détection)", "Custom field (Date de détection)",
              "Custom field (Établissement porteur)"]
    rows = [header,
            ["Sonde de fluorescence", "VALO-1", "10001", "Valorisation onco", "CPP", "IT", "Appel à projets CPP",
             "15/03/2021", "AMU"],
            ["Biopsie liquide", "VALO-2", "10008", "Valorisation onco", "IT", "", "Détection Inserm Transfert",
             "02/06/2021", "UCA"],
            ["Vaccin peptidique", "VALO-3", "10015", "Valorisation onco", "", "CPP", "Appel à projets CPP",
             "20/09/2021", "AMU"]]
    (tmp_path / "raw").mkdir()
    with open(tmp_path / "raw" / "jira.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    projects = ingest(tmp_path / "raw").tables["projects"]
    assert list(projects["project_id"]) == ["VALO-1", "VALO-2", "VALO-3"]
    assert list(projects["title"]) == ["Sonde de fluorescence", "Biopsie liquide", "Vaccin peptidique"]
    assert list(projects["supported_by"]) == ["both", "it", "cpp"]
    assert [str(d)[:10] for d in projects["detection_date"]] == ["2021-03-15", "2021-06-02", "2021-09-20"]


def test_a_mode_column_gives_the_site_where_the_place_is_empty(tmp_path: Path):
    """An agency's report: "Lieu" names the city, "Modalité" says "Distanciel" where the place is "—"."""
    rows = [["Réf. action", "Date de l'action", "Intitulé", "Format", "Modalité", "Lieu", "Organisé par",
             "Nombre de participants"],
            ["EV22-01", dt.date(2022, 2, 19), "Sensibilisation doctorants", "Sensibilisation", "Présentiel",
             "Marseille", "CPP", 17],
            ["EV22-06", dt.date(2022, 9, 5), "Webinaire EIC Pathfinder", "Webinaire", "Distanciel", "—", "CPP", 21],
            ["EV22-07", dt.date(2022, 11, 26), "Café création", "Sensibilisation", "Présentiel", "Nice", "CPP", 15]]
    write_workbook(tmp_path / "ARS_2022.xlsx", {"Bilan 2022": rows})
    events = ingest(tmp_path).tables["events"].set_index("event_id")
    assert events["site"].to_dict() == {"EV22-01": "marseille", "EV22-06": "online", "EV22-07": "nice"}


def test_a_quarter_column_gives_the_date_of_the_records_carried_over_from_an_older_tool(tmp_path):
    """Jira: "Date de détection" on the records created there, "Trimestre de détection (reprise historique)" on
    those imported from the older tracker (a quarter, a month): each record keeps its one date, with its precision."""
    header = ["Summary", "Issue key", "Custom field (Accompagné par)", "Custom field (Établissement porteur)",
              "Custom field (Canal de détection)", "Custom field (Date de détection)", "Custom field (Trimestre de détection (reprise historique))"]
    rows = [header,
            ["Sonde de fluorescence", "VALO-1", "CPP", "AMU", "Appel à projets CPP", "15/03/2021", ""],
            ["Biopsie liquide", "VALO-2", "IT", "UCA", "Appel à projets CPP", "", "T2 2019"],
            ["Vaccin peptidique", "VALO-3", "CPP", "AMU", "Appel à projets CPP", "", "mars 2020"]]
    (tmp_path / "raw").mkdir()
    with open(tmp_path / "raw" / "jira.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    projects = ingest(tmp_path / "raw").tables["projects"].set_index("project_id")
    assert {k: str(v)[:10] for k, v in projects["detection_date"].items()} == {
        "VALO-1": "2021-03-15", "VALO-2": "2019-04-01", "VALO-3": "2020-03-01"}
    assert projects["detection_date_precision"].to_dict() == {"VALO-1": "day", "VALO-2": "quarter",
                                                              "VALO-3": "month"}


def test_a_coarser_date_column_filled_beside_the_day_is_another_fact(tmp_path):
    """"Mois de détection prévu" filled where "Date de détection" is too: not a second wording of one date."""
    header = ["Summary", "Issue key", "Custom field (Accompagné par)", "Custom field (Établissement porteur)",
              "Custom field (Canal de détection)", "Custom field (Date de détection)", "Custom field (Mois de détection prévu)"]
    rows = [header, ["Sonde de fluorescence", "VALO-1", "CPP", "AMU", "Appel à projets CPP", "15/03/2021", "janv. 2021"],
            ["Biopsie liquide", "VALO-2", "IT", "UCA", "Appel à projets CPP", "", "juin 2019"]]
    (tmp_path / "raw").mkdir()
    with open(tmp_path / "raw" / "jira.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    result = ingest(tmp_path / "raw")
    assert list(result.tables["projects"]["project_id"]) == ["VALO-1"]  # VALO-2 lacks its detection date
