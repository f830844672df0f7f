"""Counts of an event's attendees as the sheet gives them (split_counts.py): a count of registrations alone is read
as the attendees, said; beside a count of those who came, it is not."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["Code", "Event name", "Date", "Format", "Organised by", "Location"]
EVENTS = [["EV-21-003", "Atelier préparation i-Lab", "April 12, 2021", "Workshop", "Inserm Transfert", "Nice"],
          ["EV-21-006", "Webinaire Mission Cancer", "May 3, 2021", "Webinar", "Inserm Transfert", "Online (Zoom)"]]


def test_registrations_the_only_count_are_read_as_the_attendees(tmp_path):
    rows = [[*HEADER, "Registered", "Created time"],
            *([*e, n, "February 18, 2021 11:51 AM"] for e, n in zip(EVENTS, (10, 17), strict=True))]
    write_workbook(tmp_path / "raw" / "notion.xlsx", {"Events": rows})
    result = ingest(tmp_path / "raw")
    events = result.tables["events"].set_index("event_id")
    assert events["attendees"].to_dict() == {"EV-21-003": 10, "EV-21-006": 17}
    assert "registrations" in result.sheets[0].note and not result.problems


def test_those_who_came_are_counted_rather_than_those_registered(tmp_path):
    rows = [[*HEADER, "Inscrits", "Présents"], *([*e, 30, n] for e, n in zip(EVENTS, (21, 25), strict=True))]
    write_workbook(tmp_path / "raw" / "agenda.xlsx", {"Événements": rows})
    events = ingest(tmp_path / "raw").tables["events"].set_index("event_id")
    assert events["attendees"].to_dict() == {"EV-21-003": 21, "EV-21-006": 25}
