"""An event's attendees listed in one of its cells ("NOM Prénom <e-mail>; …") are its attendance, one row each."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.listed_people import people_listed

HEADER = ["ID", "Date", "Intitulé", "Type", "Organisé par", "Nb présents", "Participants (émargement)"]


def test_a_cell_lists_people_by_e_mail_or_by_a_name_a_first_name_tells():
    assert people_listed("COLONNA Julien <julien.colonna@univ.example.fr>; MATHIEU Jean <jean.mathieu@chu.example.fr>;"
                         ) == ["COLONNA Julien <julien.colonna@univ.example.fr>",
                               "MATHIEU Jean <jean.mathieu@chu.example.fr>"]
    assert people_listed("Claire Martin\nPaul Durand") == ["Claire Martin", "Paul Durand"]
    assert people_listed("voir plateforme d'inscription") is None
    assert people_listed("Claire Martin; voir la liste papier") is None  # any part that names no one: no list


def test_each_person_listed_is_an_attendance_row_of_the_event(tmp_path):
    remark = "voir plateforme d'inscription"
    rows = [["Agenda partagé — export des événements"], HEADER,
            ["EVT-01", "19/01/2021", "Formation brevets", "Formation", "CPP & IT", 25,
             "COLONNA Julien <julien.colonna@univ.example.fr>; MATHIEU Jean <jean.mathieu@chu.example.fr>;"],
            ["EVT-02", "21/05/2021", "Atelier maturation", "Atelier", "CPP", 14, remark],
            ["EVT-03", "04/07/2021", "Webinaire Europe", "Webinaire", "Inserm Transfert", 30, "Claire Martin"],
            ["EVT-04", "12/09/2021", "Pitch session", "Pitch", "CPP", 12, remark],
            ["EVT-05", "18/10/2021", "Formation licences", "Formation", "CPP", 9, remark],
            ["EVT-06", "20/11/2021", "Matinale", "Conférence", "CPP", 40, None]]
    write_workbook(tmp_path / "raw" / "agenda.xlsx", {"Événements": rows})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["events"]["event_id"]) == ["EVT-01", "EVT-02", "EVT-03", "EVT-04", "EVT-05", "EVT-06"]
    attendance = result.tables["event_attendance"]
    assert list(attendance["event_id"]) == ["EVT-01", "EVT-01", "EVT-03"]
    assert attendance["attendee"].str.fullmatch(r"p-[0-9a-f]{16}").all()  # pseudonymised
    assert not any("colonna" in str(v).lower() for v in attendance.astype(str).to_numpy().ravel())
    assert result.tables["events"].set_index("event_id").loc["EVT-01", "attendees"] == 25  # the count, as written
    listed = next(s for s in result.sheets if s.table == "event_attendance")
    reasons = [d.reason for d in listed.dropped]
    assert sum("no person (a remark)" in r for r in reasons) == 3 and sum("no one listed" in r for r in reasons) == 1
    for sheet in result.sheets:
        counts = sheet.counts()
        assert counts["rows_read"] == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]


def test_a_column_of_remarks_lists_no_one(tmp_path):
    rows = [HEADER, ["EVT-01", "19/01/2021", "Formation brevets", "Formation", "CPP", 25, "liste papier"],
            ["EVT-02", "21/05/2021", "Atelier", "Atelier", "CPP", 14, "liste en ligne"]]
    write_workbook(tmp_path / "raw" / "agenda.xlsx", {"Événements": rows})
    result = ingest(tmp_path / "raw")
    assert "event_attendance" not in result.tables or result.tables["event_attendance"].empty


def test_a_calendars_invitees_are_no_attendance(tmp_path):
    """An agenda export's "Required Attendees": the people invited, not those who came."""
    rows = [["ID", "Date", "Intitulé", "Type", "Organisé par", "Nb présents", "Required Attendees"],
            ["EV-01", "2022-03-12", "Journée innovation", "Atelier", "CPP", 2,
             "Léa Martin <lea.martin@univ-amu.example.fr>; Paul Durand <paul.durand@inserm.example.fr>"],
            ["EV-02", "2022-10-05", "Créer sa start-up", "Formation", "IT", 1, "Léa Martin <lea.martin@univ-amu.example.fr>"]]
    write_workbook(tmp_path / "raw" / "agenda.xlsx", {"Agenda": rows})
    result = ingest(tmp_path / "raw")
    assert sorted(result.tables["events"]["event_id"]) == ["EV-01", "EV-02"]
    assert "event_attendance" not in result.tables or result.tables["event_attendance"].empty
