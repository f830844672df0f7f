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


def test_lists_of_a_day_stacked_each_under_its_title_and_its_own_header(tmp_path: Path):
    """A day of sign-in sheets typed up: each session's list under its own title ("… (réf. EV-21-03)") and its own
    header "N° | NOM | …"; "signé" marks who came (with a note or not), a line left empty or "excusé" who did not."""
    day = [["Feuilles d'émargement ressaisies"], [],
           ["MATIN – Parcours créateurs (réf. EV-21-01)"], ["Intervenant(e)s : non émargé(e)s"],
           ["N°", "NOM", "Prénom", "Unité", "Établissement", "Émargement"],
           [1, "MARTIN", "Léa", "U1068", "AMU", "signé"], [2, "DURAND", "Paul", "U1090", "Inserm", "excusé"],
           [3, "PETIT", "Marc", "U1081", "UCA", "signé"], [],
           ["APRÈS-MIDI – Atelier réglementaire (réf. EV-21-03)"],
           ["N°", "NOM", "Prénom", "Unité", "Établissement", "Émargement"],
           [1, "ROUX", "Anne", "UMR7258", "IPC", "signé (arrivée 15h05)"], [2, "MARTIN", "Léa", "U1068", "AMU", ""],
           [3, "PETIT", "Marc", "U1081", "UCA", "signé"]]
    write_workbook(tmp_path / "raw" / "emargements.xlsx", {"Actions": EVENTS, "01-02-2021": day})
    attendance = ingest(tmp_path / "raw").tables["event_attendance"]
    assert list(zip(attendance["event_id"], attendance["research_unit"], strict=True)) == [
        ("EV-21-01", "U1068"), ("EV-21-01", "U1081"), ("EV-21-03", "UMR7258"), ("EV-21-03", "U1081")]


def test_a_list_titled_by_its_event_right_above_its_numbered_header(tmp_path: Path):
    """With "N°" set aside, the title above it ("Formation « … » – date – place") is no header of its column: it
    names the event the list is of."""
    sheet = [["Feuilles d'émargement – année 2021"], [],
             ["Formation « Parcours créateurs » – 01/02/2021 – Marseille"],
             ["N°", "Nom et prénom", "Établissement", "Unité", "Émargement"],
             [1, "Léa MARTIN", "AMU", "U1068", "X"], [2, "Paul DURAND", "Inserm", "U1090", "présent"],
             [3, "Marc PETIT", "UCA", "U1081", "X"]]
    write_workbook(tmp_path / "raw" / "suivi 2021.xlsx", {"Actions": EVENTS, "Émargements": sheet})
    attendance = ingest(tmp_path / "raw").tables["event_attendance"]
    assert list(attendance["event_id"]) == ["EV-21-01"] * 3
