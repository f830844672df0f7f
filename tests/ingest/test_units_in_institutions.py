"""A research unit written in the institution's cell ("UCA, C3M U1065") fills the unit no header names
(units_in_institutions.py)."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


def test_the_unit_in_an_affiliation_cell(tmp_path):
    rows = [["Event ID", "First name", "Last name", "Email", "Affiliation"],
            ["EVT-1", "Victor", "Estrosi", "v.estrosi@univ.example", "UCA, C3M U1065"],
            ["EVT-1", "Cyril", "Martin", "c.martin@univ.example", "Univ. Côte d'Azur"],
            ["EVT-1", "Anaïs", "Ollivier", "a.ollivier@mail.example", None],
            ["EVT-1", "Lucie", "Blanc", "l.blanc@inserm.example", "Inserm U1068 – CRCM"],
            ["EVT-1", "Hugo", "Faure", "h.faure@cnrs.example", "CNRS UMR 7258"],
            ["EVT-1", "Léa", "Roux", "l.roux@amu.example", "AMU U1068 / U1104"]]
    write_workbook(tmp_path / "raw" / "registrations_EVT-1.xlsx", {"Export": rows})
    people = ingest(tmp_path / "raw").tables["event_attendance"]
    assert list(people["research_unit"]) == ["U1065", None, None, "U1068", "UMR7258", None]  # two units: neither
    assert list(people["institution"])[:2] == ["UCA", "UCA"]


def test_a_unit_column_of_its_own_is_left_alone(tmp_path):
    rows = [["Event ID", "Nom", "Établissement", "Unité"],
            ["EVT-1", "Victor Estrosi", "UCA, C3M U1065", "U1081"],
            ["EVT-1", "Cyril Martin", "Inserm U1068", None],
            ["EVT-1", "Lucie Blanc", "AMU U1104", "U1104"]]
    write_workbook(tmp_path / "raw" / "emargement_EVT-1.xlsx", {"Liste": rows})
    people = ingest(tmp_path / "raw").tables["event_attendance"]
    assert list(people["research_unit"]) == ["U1081", None, "U1104"]


def test_the_institution_in_a_lab_cell(tmp_path):
    rows = [["FEUILLE D'ÉMARGEMENT", None, None], ["Café valo", None, None], [None, None, None],
            ["NOM Prénom", "Labo", "Signature"],
            ["ALLARD Thomas", "CNRS - UMR7258", None], ["BELLANGER Mathilde", "AMU - U1068", None],
            ["COSTA Léa", "APHM", None], ["DURAND Paul", "C3M", None], ["ESTÈVE Anne", "U1065", None]]
    write_workbook(tmp_path / "raw" / "Emargements_2021.xlsx", {"EV-2021-04": rows})
    people = ingest(tmp_path / "raw").tables["event_attendance"]
    shown = lambda column: [v if isinstance(v, str) else None for v in people[column]]  # noqa: E731
    assert shown("institution") == ["CNRS", "AMU", "APHM", None, None]
    assert shown("research_unit") == ["UMR7258", "U1068", None, "C3M", "U1065"]
