"""Logs of notes about records kept elsewhere (record_notes.py): an auditor's issues log is no data; interview
notes giving a field's value complete the records they name, a required value included."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

EVENTS = [["Ref.", "Date", "Title", "Type", "Organiser", "Venue", "Attendees"],
          ["EV22-01", dt.date(2022, 3, 1), "Pitch clinic", "Workshop", "CPP", "Nice", 25],
          ["EV22-02", dt.date(2022, 5, 3), "Forum", "Conference", "IT", "Marseille", "full house"],
          ["EV22-05", dt.date(2022, 9, 8), "Matinale", "Awareness", "CPP", "Marseille", None],
          ["EV22-06", dt.date(2022, 10, 4), "Café valo", "Awareness", "CPP", "Nice", None]]
STARTUPS = [["Ref.", "Company", "Incorporated", "Institution of origin", "Status", "Headcount"],
            ["SU-05", "ImmunoTarget Sud", dt.date(2021, 2, 1), "AMU", "active", None]]
ISSUES = [["Issues log"], [], ["#", "Raised", "Tab", "Ref.", "Issue", "Owner", "Status"],
          [1, "01/12/2024", "Events", "EV22-02", "Attendee count not recorded ('full house').", "CPP", "Open"],
          [2, "01/12/2024", "Start-ups", "SU-05", "Headcount asked.", "IT", "Open"],
          [3, "01/19/2024", "Events", "EV22-05", "Count from the room booking.", "Audit", "Closed"]]
NOTES = ("Note #,Workbook tab,Record ref.,Field,Value recorded,Comment\n"
         "1,Events,EV22-05,Attendees,43,Head count from the room booking\n"
         "2,Events,EV22-02,Attendees,,Could not give a figure\n"
         "3,Start-ups,SU-05,Headcount,29,At 12/31/2023\n"
         "3b,Start-ups,SU-05,Status,active,Still trading\n"
         "4,Funding,,,,All funding lines are in the other file\n")


def test_an_issues_log_is_no_data_and_interview_notes_complete_the_records_they_name(tmp_path):
    write_workbook(tmp_path / "audit.xlsx", {"Events": EVENTS, "Start-ups": STARTUPS, "Issues log": ISSUES})
    (tmp_path / "interview_notes.csv").write_text(NOTES, encoding="utf-8")
    result = ingest(tmp_path)
    events = result.tables["events"].set_index("event_id")["attendees"].to_dict()
    assert events == {"EV22-01": 25, "EV22-05": 43}  # the note gives EV22-05's count
    assert result.tables["startups"].set_index("startup_id")["employees"].to_dict() == {"SU-05": 29}
    quarantined = {p.key: p.reason for p in result.problems}
    assert set(quarantined) == {"EV22-02", "EV22-06"}  # unreadable, and still missing with no note giving it
    assert "is not an amount" in quarantined["EV22-02"] and "required value missing" in quarantined["EV22-06"]
    assert not result.cell_problems
    issues = next(s for s in result.sheets if s.sheet == "Issues log")
    assert issues.table is None and "log of notes" in issues.note
    reasons = sorted(d.reason for d in result.dropped if d.file == "interview_notes.csv")
    assert {"a note about no record (no table or no reference)", "a note that gives no value"} <= set(reasons)
    assert sum(r.startswith("read into audit.xlsx") for r in reasons) == 2
    assert "a note read with its record's other notes" in reasons


def test_a_type_column_of_table_names_without_a_tab_header_is_no_log_of_notes():
    from partnership_metrics.ingest.reading import RawSheet
    from partnership_metrics.ingest.record_notes import find_record_notes
    from partnership_metrics.ingest.vocabulary import load_vocabulary

    words = load_vocabulary(None).words
    rows = [["Type", "Ref.", "Date", "Montant"], ["Financement", "FIN-01", "2021-03-01", 1000],
            ["Evénement", "EV-01", "2021-04-01", None], ["Financement", "FIN-02", "2021-05-01", 2000]]
    assert find_record_notes(RawSheet("registre.xlsx", "2021", rows), words) is None
    rows[0][0] = "Onglet"
    assert find_record_notes(RawSheet("registre.xlsx", "2021", rows), words) is not None


def test_notes_whose_fields_no_column_takes_are_each_listed(tmp_path):
    """Notes about fields the tables do not keep: each row listed with why, none read into a record."""
    write_workbook(tmp_path / "audit.xlsx", {"Events": EVENTS})
    (tmp_path / "interview_notes.csv").write_text(
        "Note #,Workbook tab,Record ref.,Field,Value recorded\n1,Events,EV22-01,Catering supplier,Traiteur Azur\n"
        "2,Events,EV22-01,Room booked by,Front desk\n3,Start-ups,SU-05,Website,none\n", encoding="utf-8")
    (tmp_path / "more_notes.csv").write_text(
        "Tab,Ref.,Field,Value\nEvents,EV22-05,Attendees,43\nEvents,EV22-05,Catering supplier,Traiteur Azur\n"
        "Start-ups,SU-05,Website,none\n", encoding="utf-8")
    result = ingest(tmp_path)
    notes = next(s for s in result.sheets if s.file == "interview_notes.csv")  # nothing any table keeps: no data
    assert notes.table is None and "log of notes" in notes.note
    reasons = sorted(d.reason for d in result.dropped if d.file == "more_notes.csv" and d.row)
    assert reasons[:2] == ["a note about a field no column of events takes ('Catering supplier')",
                           "a note about a field no column of startups takes ('Website')"]
    assert result.tables["events"].set_index("event_id").loc["EV22-05", "attendees"] == 43
