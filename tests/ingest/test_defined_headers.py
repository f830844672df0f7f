"""Headers a note above the table defines ("la colonne Timeline = période de maturation financée (Start = démarrage
effectif)") are read as it says (defined_headers.py)."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.defined_headers import with_defined_headers
from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.reading import RawSheet
from partnership_metrics.ingest.vocabulary import load_words

WORDS = load_words()
NOT_KNOWN = lambda text: False  # noqa: E731  (no header is a column's name as written)
HEADER = ["Name", "Réf. projet", "Établissement", "Sourcing", "Accompagnement", "Date de détection",
          "Timeline - Start", "Timeline - End"]


def _board(note: str) -> list[list]:
    return [["Portefeuille Valorisation"], [note], [], ["Détection"], HEADER,
            ["Sonde X", "PRJ-18-02", "CNRS", "AAP CPP", "CPP", dt.date(2018, 1, 8), None, None],
            ["Maturation"], HEADER,
            ["Anticorps Y", "PRJ-19-03", "AMU", "AAP CPP", "CPP + IT", dt.date(2019, 7, 12), dt.date(2020, 9, 1),
             dt.date(2022, 8, 31)]]


def test_a_note_defining_a_boards_timeline_makes_its_start_the_maturations(tmp_path):
    note = "NB : la colonne Timeline = période de maturation financée (Start = démarrage effectif)."
    write_workbook(tmp_path / "raw" / "monday.xlsx", {"Portefeuille": _board(note)})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert str(projects.loc["PRJ-19-03", "maturation_start_date"].date()) == "2020-09-01"
    assert projects.loc["PRJ-18-02", "maturation_start_date"] != projects.loc["PRJ-18-02", "maturation_start_date"]
    assert not result.problems


def test_without_a_note_or_with_another_words_definition_the_headers_stay():
    plain = RawSheet("f.xlsx", "s", [["Titre"], HEADER, ["x"] * len(HEADER)])
    assert with_defined_headers(plain, WORDS, NOT_KNOWN) is plain
    other = RawSheet("f.xlsx", "s", [["Légende : Statut = état du dossier"], HEADER, ["x"] * len(HEADER)])
    assert with_defined_headers(other, WORDS, NOT_KNOWN).rows == other.rows  # no header is "Statut"
    english = RawSheet("f.xlsx", "s", [["Timeline = maturation period."], HEADER, ["x"] * len(HEADER)])
    read = with_defined_headers(english, WORDS, NOT_KNOWN)
    assert read.rows[1][6] == "maturation period - Start (Timeline - Start)" and read.notes


def test_an_exports_filter_defines_no_header():
    """"Filtre : Famille = Licence": the export's filter, not what "Famille" means (a value, one word)."""
    header = ["N° contrat", "Famille", "Type", "Réf. projet", "Date de signature"]
    sheet = RawSheet("f.xlsx", "s", [["GestContrats – Filtre : Famille = Licence ; Statut = Signé"], header,
                                     ["LIC-1", "Licence", "Licence exclusive", "VAL18-07", "19/12/2019"]])
    assert with_defined_headers(sheet, WORDS, NOT_KNOWN) is sheet


def test_a_header_named_as_written_keeps_its_own_reading():
    """"EU contribution = amount for the regional beneficiary (EUR)": a note on a header recognition already reads."""
    header = ["Grant Agreement No.", "Acronym", "EU contribution"]
    sheet = RawSheet("f.xlsx", "s", [["Extract. EU contribution = amount for the regional beneficiary (EUR)."], header,
                                     ["873431", "SARCLUX", 486400]])
    assert with_defined_headers(sheet, WORDS, lambda text: text == "EU contribution") is sheet
