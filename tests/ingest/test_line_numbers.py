"""A sign-in annex numbers its lines ("N° | NOM | Prénom", 1, 2, 3… again for each list) and opens each list with a
line naming its event: the numbers are no event's id, the opening line says which event each person came to."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.line_numbers import counts_lines

EVENTS = [["Réf.", "Date", "Intitulé", "Type", "Organisateur", "Participants"],
          ["EV-21-01", dt.date(2021, 2, 1), "Parcours créateurs", "Formation", "CPP", 3],
          ["EV-21-03", dt.date(2021, 3, 25), "Atelier réglementaire", "Atelier", "IT", 2]]


def test_numbered_lines_under_the_line_naming_their_event(tmp_path: Path):
    annex = [["ANNEXE — Listes d'émargement"], [],
             ["N°", "NOM", "Prénom", "Établissement", "Unité"],
             ["EV-21-01 — Parcours créateurs — 01/02/2021"],
             [1, "MARTIN", "Léa", "AMU", "U1068"], [2, "DURAND", "Paul", "Inserm", "U1090"],
             [3, "PETIT", "Marc", "UCA", "U1081"], ["Nombre d'émargements : 3"],
             ["EV-21-03 — Atelier réglementaire — 25/03/2021"],
             [1, "ROUX", "Anne", "IPC", "UMR7258"], [2, "MARTIN", "Léa", "AMU", "U1068"]]
    write_workbook(tmp_path / "raw" / "rapport.xlsx", {"Actions": EVENTS, "Annexe émargements": annex})
    result = ingest(tmp_path / "raw")
    attendance = result.tables["event_attendance"]
    assert list(attendance["event_id"]) == ["EV-21-01"] * 3 + ["EV-21-03"] * 2  # never event "1" or "2"
    assert list(attendance["research_unit"]) == ["U1068", "U1090", "U1081", "UMR7258", "U1068"]


def test_what_counts_as_numbered_lines():
    assert counts_lines([1, 2, 3, 4, 1, 2, 3]) and counts_lines(["Liste 1", 1, 2, 3, "Liste 2", 1, 2])
    assert not counts_lines(["EV-1", "EV-2", "EV-3"]) and not counts_lines([2021, 2022, 2023])
    assert not counts_lines([3, 4, 5, 6])  # numbers that do not start at 1 may be ids
