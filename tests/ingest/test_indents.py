"""Text cells indented by their format read as indented with spaces (reading/indents.py): a Smartsheet export's
rounds, indented under their company's line, are its rounds."""

from __future__ import annotations

import openpyxl
from openpyxl.styles import Alignment

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.reading import read_file
from partnership_metrics.ingest.reading.indents import with_indents

HEADER = ["Société / levée", "Statut société", "SIREN", "Date de création", "Effectif", "Date de clôture", "Montant",
          "Type de tour", "Commentaires"]
LINES = [  # (indent of the first cell, the line)
    (0, ["Cytolux Therapeutics", "En activité", "591098256", "12/06/2018", 19, None, None, None, "RAS"]),
    (1, ["Pré-amorçage – 2019", None, None, None, None, "21/09/2019", "230 k€", "Pré-amorçage", None]),
    (1, ["Série A – 2021", None, None, None, None, "novembre 2021", "5800 k€", "Série A", None]),
    (0, ["OncoSight Diagnostics", "En activité", "685 028 680", "04/03/2019", 19, None, None, None, None]),
    (1, ["Pre-seed (BA) – 2019", None, None, None, None, "15/11/2019", 370000, "Pre-seed (BA)", None]),
    (0, ["Mistral Oncology", "En activité", "884679523", "13/09/2022", 6, None, None, None, "RAS"]),
]


def _smartsheet(path, indents=None):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Suivi start-up"
    sheet.append(HEADER)
    for number, (indent, line) in enumerate(LINES, start=2):
        sheet.append(line)
        level = indent if indents is None else indents
        if level:
            sheet.cell(number, 1).alignment = Alignment(indent=level)
            sheet.cell(number, 5).alignment = Alignment(indent=level)  # a number indented stays a number
    book.save(path)
    return path


def test_indented_text_is_read_after_the_spaces_of_its_indent(tmp_path):
    sheet = read_file(_smartsheet(tmp_path / "levees.xlsx"), tmp_path)[0]
    firsts = [row[0] for row in sheet.rows[1:]]
    assert firsts == ["Cytolux Therapeutics", "    Pré-amorçage – 2019", "    Série A – 2021", "OncoSight Diagnostics",
                      "    Pre-seed (BA) – 2019", "Mistral Oncology"]
    assert sheet.rows[1][4] == 19


def test_with_indents_leaves_numbers_blanks_and_other_rows_alone():
    rows = [["a", 1, ""], ["b", 2, None]]
    assert with_indents(rows, 5, {(5, 1): 2, (5, 2): 1, (5, 3): 1, (9, 1): 1}) == [["        a", 1, ""], ["b", 2, None]]
    assert rows == [["a", 1, ""], ["b", 2, None]]  # a copy


def test_rounds_indented_by_their_format_under_each_company_are_its_rounds(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    _smartsheet(raw / "Start-up et levées (Smartsheet).xlsx")
    result = ingest(raw)
    assert sorted(result.tables["startups"]["name"]) == ["Cytolux Therapeutics", "Mistral Oncology",
                                                          "OncoSight Diagnostics"]
    rounds = result.tables["startup_rounds"]
    assert sorted(zip(rounds["startup_id"], rounds["round_type"].astype(str), rounds["amount_eur"], strict=True)) == [
        ("Cytolux Therapeutics", "pre_seed", 230_000.0), ("Cytolux Therapeutics", "series_a", 5_800_000.0),
        ("OncoSight Diagnostics", "pre_seed", 370_000.0)]
    assert not result.problems


def test_a_column_indented_on_every_line_is_no_outline(tmp_path):
    """Every company's name indented alike (a style of the column, not an outline): no line is another's child."""
    raw = tmp_path / "raw"
    raw.mkdir()
    path = _smartsheet(raw / "startups.xlsx", indents=1)
    book = openpyxl.load_workbook(path)
    book.active.delete_rows(3, 2)  # the rounds' lines: a plain list of companies remains
    book.active.delete_rows(4)
    book.save(path)
    result = ingest(raw)
    assert sorted(result.tables["startups"]["name"]) == ["Cytolux Therapeutics", "Mistral Oncology",
                                                          "OncoSight Diagnostics"]
    assert not result.problems and len(result.tables.get("startup_rounds", [])) == 0
