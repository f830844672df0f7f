"""The fill colours of an xlsx workbook's cells, noted while the archive is checked (reading/cell_fills.py)."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.reading import read_file
from partnership_metrics.ingest.reading.cell_fills import MAX_COLOURED_CELLS, FillScan, _colour, coloured_texts

SHEET = (b'<worksheet><sheetData><row r="1"><c r="A1" s="2" t="s"><v>0</v></c><c r="B1" s="1"><v>3</v></c>'
         b'</row><row r="2" s="2"><c s="2" r="AB2"><v>4</v></c></row></sheetData></worksheet>')


def _scanned(text: bytes, size: int) -> dict:
    scan = FillScan({2: "rgb:C6EFCE"})
    for start in range(0, len(text), size):
        scan.feed(text[start:start + size])
    scan.feed(b"")
    return scan.cells


def test_the_coloured_cells_whatever_the_chunks_and_the_order_of_attributes():
    expected = {(1, 1): "rgb:C6EFCE", (2, 28): "rgb:C6EFCE"}  # not B1 (style 1), not the row's own style
    assert all(_scanned(SHEET, size) == expected for size in (7, 13, 64, len(SHEET)))


def test_too_many_coloured_cells_are_decoration():
    cells = b"".join(b'<c r="A%d" s="2"/>' % i for i in range(1, MAX_COLOURED_CELLS + 2))
    assert _scanned(b"<sheetData>" + cells + b"</sheetData>", 65536) == {}


def test_text_without_markup_is_not_kept_chunk_after_chunk():
    scan = FillScan({2: "rgb:C6EFCE"})
    scan.feed(b"<v>" + b"x" * 10_000)
    assert len(scan.tail) == 0


def test_colours_are_named_as_the_file_writes_them():
    assert _colour(b'<patternFill patternType="solid"><fgColor rgb="FF92D050"/></patternFill>') == "rgb:92D050"
    assert _colour(b'<patternFill patternType="solid"><fgColor theme="4" tint="0.59999"/></patternFill>') == (
        "theme:4:0.59999")
    assert _colour(b'<patternFill patternType="solid"><fgColor rgb="FFFFFFFF"/></patternFill>') is None  # white
    assert _colour(b'<patternFill patternType="gray125"/>') is None


def test_a_workbook_gives_each_sheet_its_fills_and_the_other_sheets_coloured_texts(tmp_path):
    path = write_workbook(tmp_path / "suivi.xlsx", {"Lisez-moi": [["Légende"], ["vert = financé"]],
                                                    "Europe": [["Réf.", "Statut"], ["EU-01", None]]},
                          fills={"Lisez-moi": {"A2": "92D050"}, "Europe": {"A2:B2": "92D050"}})
    sheets = {s.sheet: s for s in read_file(path, tmp_path)}
    assert sheets["Europe"].fills == {(2, 1): "rgb:92D050", (2, 2): "rgb:92D050"}
    assert sheets["Europe"].legend_texts == (("vert = financé", "rgb:92D050"),)
    assert sheets["Lisez-moi"].legend_texts == (("EU-01", "rgb:92D050"),)  # a coloured text: colour_codes judges


def test_a_workbook_without_fills_notes_none(tmp_path):
    path = write_workbook(tmp_path / "plain.xlsx", {"Europe": [["Réf.", "Statut"], ["EU-01", "Financé"]]})
    (sheet,) = read_file(path, tmp_path)
    assert sheet.fills == {} and sheet.legend_texts == ()


def test_an_exports_large_sheet_is_not_scanned_for_colours(tmp_path):
    import zipfile

    from partnership_metrics.ingest.reading.cell_fills import MAX_SCANNED_BYTES, WorkbookFills

    path = write_workbook(tmp_path / "big.xlsx", {"Export": [["Réf.", "Statut"], ["EU-01", None]]},
                          fills={"Export": {"A2:B2": "92D050"}})
    with zipfile.ZipFile(path) as zf:
        fills = WorkbookFills(zf)
        assert fills.scanner("xl/worksheets/sheet1.xml", 10_000) is not None
        assert fills.scanner("xl/worksheets/sheet1.xml", MAX_SCANNED_BYTES + 1) is None


def test_a_legend_s_swatch_gives_the_label_on_its_right():
    rows = [[None, "Financé"], ["", "Non retenu"], [None, "Retiré"], ["vert", "Financé"]]
    fills = {(10, 1): "rgb:92D050", (11, 1): "rgb:FF7C80", (12, 1): "rgb:BFBFBF", (12, 2): "rgb:BFBFBF",
             (13, 1): "rgb:92D050"}
    assert sorted(coloured_texts(rows, 10, fills)) == [("Retiré", "rgb:BFBFBF"), ("vert", "rgb:92D050")]  # texts
    assert sorted(coloured_texts(rows, 10, fills, swatches=True)) == [
        ("Financé", "rgb:92D050"), ("Non retenu", "rgb:FF7C80"), ("Retiré", "rgb:BFBFBF"), ("vert", "rgb:92D050")]
