"""A table printed over pages and converted back, one page shifted a column to the right (shifted_pages.py)."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.reading import RawSheet
from partnership_metrics.ingest.shifted_pages import with_pages_realigned

HEADER = ["N° dossier", "Titre du projet", "Établissement porteur", "Origine", "Accompagnement", "Date de détection"]


def test_a_shifted_page_is_read_under_the_header_s_columns(tmp_path):
    rows = [HEADER, ["ONCO-21-01", "Sonde TEP", "AMU", "AAP CPP", "CPP", "10/06/2021"],
            ["Rapport final – page 2/9"],
            [None, *HEADER], [None, "ONCO-21-02", "Anticorps", "UCA", "Détection IT", "IT", "21/09/2021"],
            ["Rapport final – page 3/9"],
            HEADER, ["ONCO-22-01", "Vaccin ARN", "IPC", "Conjoint", "CPP + IT", "07/11/2022"]]
    write_workbook(tmp_path / "raw" / "annexe.xlsx", {"Table 1": rows})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert list(projects.index) == ["ONCO-21-01", "ONCO-21-02", "ONCO-22-01"]
    assert projects.loc["ONCO-21-02", "lead_institution"] == "UCA" and not result.problems


def test_a_line_whose_dropped_cells_are_written_stays():
    """Guard: only the empty cells a shift left are dropped."""
    rows = [HEADER, ["A-1", "t", "AMU", "c", "CPP", "d"], [None, *HEADER], ["note", "A-2", "t", "UCA", "c", "IT", "d"]]
    realigned = with_pages_realigned(RawSheet("f.xlsx", "S", rows)).rows
    assert realigned[2] == HEADER and realigned[3] == rows[3]


def test_a_page_with_an_empty_column_slipped_among_the_header_s_is_put_back():
    """"Réf. | Intitulé | Unité | | Type" on page 2: each cell moves back under its header's column of page 1; a line
    with a cell in the slipped column stays where it is."""
    header = ["Réf.", "Intitulé", "Unité", "Type", "Date"]
    rows = [header, ["P-1", "t", "U1068", "Diagnostic", "01/02/2021"],
            ["Réf.", "Intitulé", "Unité", None, "Type", "Date"],
            ["P-2", "u", "U1065", None, "Thérapeutique", "03/04/2021"],
            ["P-3", "v", "U1081", "note", "Diagnostic", "05/06/2021"]]
    realigned = with_pages_realigned(RawSheet("f.xlsx", "S", rows)).rows
    assert realigned[2][:5] == header and realigned[3][:5] == ["P-2", "u", "U1065", "Thérapeutique", "03/04/2021"]
    assert realigned[4] == rows[4]
