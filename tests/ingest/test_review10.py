"""Review of round 23's ingestion: small adversarial cases of its new readings (sign-in sheets, ...)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

EVENTS = [["Réf.", "Date", "Intitulé", "Type", "Organisateur", "Participants"],
          ["EV-21-01", dt.date(2021, 2, 1), "Parcours créateurs", "Formation", "CPP", 3]]


def test_a_sign_in_column_that_only_notes_who_was_excused_keeps_the_others(tmp_path: Path):
    """An "Émargement" column where the typist only wrote "excusé": no line says signed, so an empty line is no
    proof that its person did not come; those lines stay attendees."""
    sheet = [["Feuille d'émargement (réf. EV-21-01)"],
             ["NOM", "Prénom", "Unité", "Établissement", "Émargement"],
             ["MARTIN", "Léa", "U1068", "AMU", None], ["DURAND", "Paul", "U1090", "Inserm", "excusé"],
             ["PETIT", "Marc", "U1081", "UCA", None]]
    write_workbook(tmp_path / "raw" / "emargement.xlsx", {"Actions": EVENTS, "EV-21-01": sheet})
    attendance = ingest(tmp_path / "raw").tables["event_attendance"]
    assert sorted(attendance["research_unit"]) == ["U1068", "U1081"]


def test_a_list_continued_under_a_caption_that_names_no_event_keeps_the_event_of_the_title(tmp_path: Path):
    """A sign-in list printed over two pages: "Page 2" and the header again below a blank line. The second page's
    people came to the event the sheet's title names; they are not quarantined for naming none."""
    header = ["NOM", "Prénom", "Unité", "Établissement"]
    sheet = [["Feuille d'émargement – Parcours créateurs (réf. EV-21-01)"], header,
             ["MARTIN", "Léa", "U1068", "AMU"], ["PETIT", "Marc", "U1081", "UCA"], [], ["Page 2"], header,
             ["ROUX", "Anne", "U1090", "IPC"], ["BLANC", "Inès", "U1104", "AMU"]]
    write_workbook(tmp_path / "raw" / "emargement.xlsx", {"Actions": EVENTS, "Feuille1": sheet})
    result = ingest(tmp_path / "raw")
    attendance = result.tables["event_attendance"]
    assert sorted(zip(attendance["event_id"], attendance["research_unit"], strict=True)) == [
        ("EV-21-01", "U1068"), ("EV-21-01", "U1081"), ("EV-21-01", "U1090"), ("EV-21-01", "U1104")]
    assert not result.problems
