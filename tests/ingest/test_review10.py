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
