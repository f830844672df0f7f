"""Rows of a recognised sheet that are no records: a month's name alone over that month's rows is a section title."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


def test_a_months_name_alone_in_the_id_column_is_a_section(tmp_path):
    rows = [["Actions de formation et événements – 2018"],
            ["Code", "Date", "Intitulé", "Format", "Organisé par", "Lieu", "Nb participants"],
            ["AOÛT", None, None, None, None, None, None],
            ["EVT-2018-01", "30/08/2018", "Webinaire maturation", "Webinaire", "CPP & IT", "Visio", 40],
            ["Octobre", None, None, None, None, None, None],
            ["EVT-2018-02", "12 octobre 2018", "Pitch day oncologie", "Session de pitch", "Conjoint", "Nice", 33]]
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"Événements": rows})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["events"]["event_id"]) == ["EVT-2018-01", "EVT-2018-02"] and not result.problems
    assert sum(d.reason == "section row (a group's title)" for d in result.dropped) == 2



def test_a_name_written_whole_beside_its_parts_is_one_person(tmp_path):
    """A form's "Nom" holds the whole name beside "Prénom | Nom de famille": the person is the one the list of
    events' other list, written "Prénom | Nom", names; so is "Thomas Thomas", whose first name is his surname."""
    events = [["Code", "Date", "Intitulé", "Format", "Organisé par", "Lieu", "Nb participants"],
              ["EV-01", "12/03/2022", "Atelier brevets", "Atelier", "CPP", "Marseille", 3],
              ["EV-02", "05/10/2022", "Webinaire start-up", "Webinaire", "IT", "Visio", 3]]
    form = [["Code événement", "Nom", "Prénom", "Nom de famille", "Établissement"],
            ["EV-01", "Raphaël Meyer", "Raphaël", "Meyer", "AMU"],
            ["EV-01", "Thomas Thomas", "Thomas", "Thomas", "IPC"]]
    plain = [["Code événement", "Prénom", "Nom", "Établissement"],
             ["EV-02", "Raphaël", "Meyer", "AMU"], ["EV-02", "Thomas", "Thomas", "IPC"]]
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"Événements": events, "Formulaire": form, "Liste": plain})
    attendance = ingest(tmp_path / "raw").tables["event_attendance"]
    by_event = attendance.groupby("event_id")["attendee"].apply(sorted).to_dict()
    assert by_event["EV-01"][0] in by_event["EV-02"]  # Raphaël Meyer, once
    assert by_event["EV-01"] == by_event["EV-02"] and len(set(attendance["attendee"])) == 2
