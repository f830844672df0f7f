"""A record read twice (a person at an event, once per connection of a meeting tool) with its details on one line
only is one record, completed; two lines giving two values of a detail stay conflicting duplicates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

EVENTS = [["Réf.", "Date", "Intitulé", "Type", "Organisateur", "Participants"],
          ["EV-21-01", dt.date(2021, 2, 1), "Webinaire brevets", "Webinaire", "CPP", 2]]
HEADER = ["Meeting Name", "Participant Name", "Participant Email", "Role", "Établissement (ajout CPP)", "Unité"]


def test_a_reconnection_is_the_same_attendance_completed(tmp_path: Path):
    log = [HEADER,
           ["EV-21-01 Webinaire brevets", "Léa Martin", "lea.martin@example.org", "Attendee", "AMU", "U1068"],
           ["EV-21-01 Webinaire brevets", "Paul Durand", "paul.durand@example.org", "Attendee", "", "U1090"],
           ["EV-21-01 Webinaire brevets", "Léa Martin", "lea.martin@example.org", "Attendee", "", ""],
           ["EV-21-01 Webinaire brevets", "Paul Durand", "paul.durand@example.org", "Attendee", "Inserm", ""]]
    write_workbook(tmp_path / "raw" / "webex.xlsx", {"Actions": EVENTS, "Export Webex": log})
    result = ingest(tmp_path / "raw")
    attendance = result.tables["event_attendance"]
    assert sorted(zip(attendance["institution"], attendance["research_unit"], strict=True)) == [
        ("AMU", "U1068"), ("INSERM", "U1090")]
    assert set(attendance["event_id"]) == {"EV-21-01"}


def test_two_values_of_a_detail_still_conflict(tmp_path: Path):
    log = [HEADER,
           ["EV-21-01 Webinaire brevets", "Léa Martin", "lea.martin@example.org", "Attendee", "AMU", "U1068"],
           ["EV-21-01 Webinaire brevets", "Léa Martin", "lea.martin@example.org", "Attendee", "UCA", ""]]
    write_workbook(tmp_path / "raw" / "webex.xlsx", {"Actions": EVENTS, "Export Webex": log})
    result = ingest(tmp_path / "raw")
    assert len(result.tables["event_attendance"]) == 0
    assert sum("conflicting duplicate" in p.reason for p in result.problems) == 2


PROJECTS = ["Réf. projet", "Titre", "Établissement porteur", "Origine", "Accompagné par", "Date de détection"]


def test_a_date_known_to_the_quarter_then_to_the_day_is_the_same_date_known_better(tmp_path: Path):
    """A funder's report writes "T4 2019", the team's register the day in that quarter: one project, the day kept."""
    for name, detected in (("Rapport_Region", "T4 2019"), ("Registre_projets", dt.date(2019, 12, 15))):
        write_workbook(tmp_path / "raw" / f"{name}.xlsx", {
            "Projets": [PROJECTS, ["VAL19-05", "Inhibiteur des gliomes", "CNRS", "Détection IT", "IT", detected]]})
    projects = ingest(tmp_path / "raw").tables["projects"]
    assert [(p, str(d)[:10], k) for p, d, k in projects[["project_id", "detection_date",
                                                         "detection_date_precision"]].values.tolist()] == [
        ("VAL19-05", "2019-12-15", "day")]


def test_a_day_outside_the_quarter_written_before_still_conflicts(tmp_path: Path):
    for name, detected in (("Rapport_Region", "T3 2019"), ("Registre_projets", dt.date(2019, 12, 15))):
        write_workbook(tmp_path / "raw" / f"{name}.xlsx", {
            "Projets": [PROJECTS, ["VAL19-05", "Inhibiteur des gliomes", "CNRS", "Détection IT", "IT", detected]]})
    result = ingest(tmp_path / "raw")
    assert len(result.tables["projects"]) == 0
    assert sum("conflicting duplicate" in p.reason for p in result.problems) == 2


def test_an_acronym_in_capitals_in_one_list_and_not_in_another_is_the_same(tmp_path: Path):
    """An index writes "VAXDIAG", the project's card "Vaxdiag": one project, completed, its first spelling kept."""
    index = [[*PROJECTS, "Acronyme"], ["TT-21-01", "Télésuivi", "AP-HM", "AAP CPP", "CPP", dt.date(2021, 10, 22),
                                       "VAXDIAG"]]
    card = [[*PROJECTS, "Acronyme", "Déclaration d'invention"],
            ["TT-21-01", "Télésuivi", "AP-HM", "AAP CPP", "CPP", dt.date(2021, 10, 22), "Vaxdiag", dt.date(2022, 2, 16)]]
    write_workbook(tmp_path / "raw" / "00_index.xlsx", {"Projets": index})
    write_workbook(tmp_path / "raw" / "fiche.xlsx", {"Fiche": card})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert projects.loc["TT-21-01", "acronym"] == "VAXDIAG"
    assert str(projects.loc["TT-21-01", "disclosure_date"].date()) == "2022-02-16"
    assert not result.problems
