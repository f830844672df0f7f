"""The reading layer: every raw file into grids of cells, or one clear FatalInputError."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import struct
import time
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hostile_builders import write_ods  # tests/ingest, beside this file

from conftest import REALDATA  # noqa: E402  (../shared/realdata, or $PARTNERSHIP_METRICS_REALDATA)
from partnership_metrics.errors import FatalInputError
from partnership_metrics.ingest.reading import RawSheet, ReadLimits, list_raw_files, read_file

needs_realdata = pytest.mark.skipif(
    not REALDATA.is_dir(), reason="../shared/realdata (public test corpus) is absent in this checkout"
)


def _write(folder: Path, name: str, content: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def _read_one(path: Path, raw_dir: Path, limits: ReadLimits = ReadLimits()) -> RawSheet:
    sheets = read_file(path, raw_dir, limits)
    assert len(sheets) == 1
    return sheets[0]


# --------------------------------------------------------------------------------------------------------------
# Delimited text: every encoding x delimiter x newline convention

ENCODINGS = {  # name reported in notes -> bytes of the text
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-sig": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "utf-16-le": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "utf-32-le": lambda t: codecs.BOM_UTF32_LE + t.encode("utf-32-le"),
    "utf-32-be": lambda t: codecs.BOM_UTF32_BE + t.encode("utf-32-be"),
    "cp1252": lambda t: t.encode("cp1252"),  # '€' is byte 0x80: not UTF-8
}
NEWLINES = {"LF": "\n", "CRLF": "\r\n", "CR": "\r", "CR CR LF": "\r\r\n"}
DELIMITER_NOTES = {";": "';'", ",": "','", "\t": "tab", "|": "'|'"}


def _messy_table(delimiter: str, newline: str) -> tuple[str, list[list[str | None]]]:
    """A title line, a blank line, a header and rows with a quoted delimiter, an embedded newline and an empty cell."""
    expected = [
        ["Suivi des projets 2022"],
        [],
        ["Projet", "Établissement", "Montant (k€)", "Commentaire"],
        ["P-001", "Université Côte d'Azur", "1 234,50 €", f"deux{delimiter} valeurs"],
        ["P-002", "AP-HM", None, "ligne 1\nligne 2"],
        ["P-003", "Institut Paoli-Calmettes", "150 k€", "fin"],
    ]

    def field(value: str | None) -> str:
        if value is None:
            return ""
        return f'"{value}"' if delimiter in value or "\n" in value else value

    text = newline.join(delimiter.join(field(v) for v in row) for row in expected) + newline
    return text, expected


@pytest.mark.parametrize("newline_name", NEWLINES)
@pytest.mark.parametrize("delimiter", DELIMITER_NOTES)
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_delimited_text_any_encoding_delimiter_and_newline(tmp_path, encoding, delimiter, newline_name):
    text, expected = _messy_table(delimiter, NEWLINES[newline_name])
    path = _write(tmp_path, "projets.csv", ENCODINGS[encoding](text))

    sheet = _read_one(path, tmp_path)

    assert sheet.rows == expected
    assert (sheet.file, sheet.sheet, sheet.first_row, sheet.kind) == ("projets.csv", None, 1, "worksheet")
    assert f"encoding: {encoding}" in sheet.notes
    assert f"delimiter: {DELIMITER_NOTES[delimiter]}" in sheet.notes
    assert f"newlines: {newline_name}" in sheet.notes


def test_utf16_without_bom_is_recognised_by_its_nul_bytes(tmp_path):
    text, expected = _messy_table(";", "\r\n")
    path = _write(tmp_path, "export.csv", text.encode("utf-16-le"))
    sheet = _read_one(path, tmp_path)
    assert sheet.rows == expected
    assert "encoding: utf-16-le" in sheet.notes


def test_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path):
    # 0x81 is undefined in cp1252, so only latin-1 decodes this file.
    path = _write(tmp_path, "old.csv", "nom;ville\nRen\x81;Nice\n".encode("latin-1"))
    sheet = _read_one(path, tmp_path)
    assert sheet.rows == [["nom", "ville"], ["Ren\x81", "Nice"]]
    assert "encoding: latin-1" in sheet.notes


def test_bad_utf16_after_its_bom_is_fatal(tmp_path):
    lone_surrogate = b"\x00\xd8"
    path = _write(tmp_path, "broken.csv", codecs.BOM_UTF16_LE + "a;b\n".encode("utf-16-le") + lone_surrogate)
    with pytest.raises(FatalInputError, match="cannot be decoded as utf-16-le") as err:
        read_file(path, tmp_path)
    assert err.value.file == "broken.csv"


def test_french_decimal_commas_do_not_fool_the_delimiter_sniffer(tmp_path):
    text = "Date;Montant;Taux\n15/03/2022;1,5;0,25\n16/03/2022;12,75;0,5\n17/03/2022;3;1,25\n"
    sheet = _read_one(_write(tmp_path, "fr.csv", text), tmp_path)
    assert "delimiter: ';'" in sheet.notes
    assert sheet.rows[1] == ["15/03/2022", "1,5", "0,25"]


def test_semicolons_inside_english_text_keep_the_comma(tmp_path):
    text = "id,comment,amount\n1,first; second,10\n2,none,20\n3,a; b; c,30\n"
    sheet = _read_one(_write(tmp_path, "en.csv", text), tmp_path)
    assert "delimiter: ','" in sheet.notes
    assert sheet.rows[3] == ["3", "a; b; c", "30"]


@pytest.mark.parametrize(
    ("name", "note"), [("one.csv", "','"), ("one.tsv", "tab"), ("one.psv", "'|'"), ("one.ssv", "';'")]
)
def test_single_column_uses_the_extension_delimiter(tmp_path, name, note):
    sheet = _read_one(_write(tmp_path, name, "titre\nA\nB\n"), tmp_path)
    assert sheet.rows == [["titre"], ["A"], ["B"]]
    assert f"delimiter: {note} (one column found)" in sheet.notes


def test_spaces_are_kept_and_empty_fields_are_none(tmp_path):
    sheet = _read_one(_write(tmp_path, "s.csv", " a ,,c\n"), tmp_path)
    assert sheet.rows == [[" a ", None, "c"]]


@pytest.mark.parametrize("rows_after", [2, 40_000])  # 40,000 rows: the swallowed cell passes csv's field limit
def test_unclosed_quote_is_fatal(tmp_path, rows_after):
    path = _write(tmp_path, "broken.csv", 'id;titre\n1;"sans fin\n' + "2;autre\n" * rows_after)
    with pytest.raises(FatalInputError, match="never closed"):
        read_file(path, tmp_path)


def test_a_stray_quote_inside_an_unquoted_field_is_not_an_error(tmp_path):
    sheet = _read_one(_write(tmp_path, "s.csv", 'item,size\nscreen,5" wide\nbox,10\n'), tmp_path)
    assert sheet.rows[1] == ["screen", '5" wide']


def test_stray_nul_characters_are_removed_with_a_note(tmp_path):
    body = "a;b\n" + "x;y\n" * 50 + "1\x00;2\n"
    sheet = _read_one(_write(tmp_path, "nul.csv", body), tmp_path)
    assert sheet.rows[-1] == ["1", "2"]
    assert "removed 1 NUL character(s)" in sheet.notes


def test_binary_junk_with_a_csv_name_is_fatal(tmp_path):
    path = _write(tmp_path, "junk.csv", bytes(range(256)) * 8)
    with pytest.raises(FatalInputError, match="binary data"):
        read_file(path, tmp_path)


@pytest.mark.parametrize(
    ("name", "content"),
    [("empty.csv", b""), ("blank.csv", b"  \r\n\t\n"), ("blank16.tsv", codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")),
     ("empty.xlsx", b""), ("empty.json", b"\n"), ("blank.xls", b"   \n")],
)
def test_empty_files_give_one_sheet_without_rows(tmp_path, name, content):
    sheet = _read_one(_write(tmp_path, name, content), tmp_path)
    assert sheet.rows == []
    assert "empty file" in sheet.notes


# --------------------------------------------------------------------------------------------------------------
# Workbooks


def _workbook_with_offset_table(path: Path) -> None:
    """Sheet "Projets": a title in A1, the table's header at C4; a hidden and a very hidden sheet; a chart sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Projets"
    ws["A1"] = "Suivi 2022"
    ws["C4"], ws["D4"], ws["E4"] = "Projet", "Date", "Durée"
    ws["C5"], ws["D5"], ws["E5"] = "P-001", dt.datetime(2022, 3, 15, 10, 30), dt.time(9, 30)
    ws["C6"], ws["D6"], ws["E6"] = "P-002", "", dt.date(2022, 3, 16)
    ws["C7"] = 1234.5
    ws.merge_cells("C9:E9")
    ws["C9"] = "Total"
    hidden = wb.create_sheet("Caché")
    hidden["B2"] = "secret"
    hidden.sheet_state = "hidden"
    very = wb.create_sheet("TrèsCaché")
    very["A1"] = 1
    very.sheet_state = "veryHidden"
    wb.create_chartsheet("Graphique")
    wb.save(path)


def test_workbook_rows_keep_their_spreadsheet_row_and_column(tmp_path):
    path = tmp_path / "sub" / "projets.xlsx"
    path.parent.mkdir()
    _workbook_with_offset_table(path)

    sheets = {s.sheet: s for s in read_file(path, tmp_path)}

    main = sheets["Projets"]
    assert main.file == "sub/projets.xlsx"
    assert main.first_row == 1  # A1 holds the title
    header = main.rows[4 - main.first_row]
    assert header == [None, None, "Projet", "Date", "Durée"]  # columns A and B kept as None: C is index 2
    assert main.rows[5 - 1][2:] == ["P-001", dt.datetime(2022, 3, 15, 10, 30), dt.time(9, 30)]
    assert main.rows[6 - 1][2:] == ["P-002", None, dt.date(2022, 3, 16)]  # '' becomes None
    assert main.rows[7 - 1][2] == 1234.5
    assert main.rows[9 - 1][2:] == ["Total", None, None]
    assert main.merged_ranges == [(9, 3, 9, 5)]
    assert not main.hidden and main.kind == "worksheet"

    hidden = sheets["Caché"]
    assert hidden.hidden and hidden.first_row == 2 and hidden.rows == [[None, "secret"]]
    assert sheets["TrèsCaché"].hidden and "very hidden sheet" in sheets["TrèsCaché"].notes
    chart = sheets["Graphique"]
    assert (chart.kind, chart.rows) == ("chartsheet", [])
    assert list(sheets) == ["Projets", "Caché", "TrèsCaché", "Graphique"]  # workbook order


def test_table_starting_at_row_4_column_c(tmp_path):
    path = tmp_path / "t.xlsx"
    wb = openpyxl.Workbook()
    wb.active["C4"], wb.active["D4"] = "code", "montant"
    wb.active["C5"], wb.active["D5"] = "AMU", 10
    wb.save(path)
    sheet = _read_one(path, tmp_path)
    assert sheet.first_row == 4
    assert sheet.rows == [[None, None, "code", "montant"], [None, None, "AMU", 10]]


def test_sheet_over_the_cell_limit_is_refused_before_calamine_allocates_it(tmp_path):
    path = tmp_path / "stray.xlsx"
    wb = openpyxl.Workbook()
    wb.active["B2"], wb.active["Z100"] = "table", "stray"
    wb.save(path)
    expected = r"sheet \(Sheet\) spanning 99 rows x 26 columns up to cell Z100 \(2574 cells, limit 2000\)"
    with pytest.raises(FatalInputError, match=expected):
        read_file(path, tmp_path, ReadLimits(max_cells=2000))
    assert len(_read_one(path, tmp_path, ReadLimits(max_cells=2574)).rows) == 99


def test_a_value_in_the_last_cell_of_a_sheet_is_refused_quickly(tmp_path):
    # calamine would ask for 17 billion cells (hundreds of GB) here, and a failed allocation aborts the process.
    path = tmp_path / "far.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["XFD1048576"] = "table", "oops"
    wb.save(path)
    with pytest.raises(FatalInputError, match=r"1048576 rows x 16384 columns up to cell XFD1048576"):
        read_file(path, tmp_path)  # refused from the sheet's <dimension>, before calamine allocates anything


def test_style_only_cells_widen_the_dimension_but_do_not_count(tmp_path):
    path = tmp_path / "styled.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "table"
    wb.active["Z100"].font = openpyxl.styles.Font(bold=True)  # dimension A1:Z100, no value there
    wb.save(path)
    assert _read_one(path, tmp_path, ReadLimits(max_cells=10)).rows == [["table"]]


def test_sheet_without_dimension_is_scanned(tmp_path):
    source, path = tmp_path / "source.xlsx", tmp_path / "nodim.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["J500"] = "table", "stray"
    wb.save(source)
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert b'<dimension ref="A1:J500"' in data
                data = data.replace(b'<dimension ref="A1:J500" />', b"").replace(b'<dimension ref="A1:J500"/>', b"")
                assert b"<dimension" not in data
            dst.writestr(info, data)
    with pytest.raises(FatalInputError, match=r"500 rows x 10 columns up to cell J500 \(5000 cells"):
        read_file(path, tmp_path, ReadLimits(max_cells=4999))
    assert len(_read_one(path, tmp_path, ReadLimits(max_cells=5000)).rows) == 500


def test_ods_sheet_over_the_cell_limit_is_refused_before_calamine_reads_it(tmp_path):
    path = tmp_path / "wide.ods"
    pd.DataFrame({"a": range(50), "b": range(50)}).to_excel(path, engine="odf", startcol=3, index=False)
    expected = r"sheet \(Sheet1\) spanning 51 rows x 5 columns \(255 cells, limit 200\)"
    with pytest.raises(FatalInputError, match=expected):
        read_file(path, tmp_path, ReadLimits(max_cells=200))


def test_ods_table_keeps_its_position(tmp_path):
    path = tmp_path / "t.ods"
    frame = pd.DataFrame({"code": ["AMU", "UCA"], "montant": [10.5, 20.0]})
    frame.to_excel(path, engine="odf", sheet_name="Données", startrow=3, startcol=2, index=False)
    sheet = _read_one(path, tmp_path)
    assert (sheet.sheet, sheet.first_row) == ("Données", 4)
    assert sheet.rows == [[None, None, "code", "montant"], [None, None, "AMU", 10.5], [None, None, "UCA", 20.0]]


def test_workbook_under_a_csv_name_is_read_as_a_workbook(tmp_path):
    path = tmp_path / "export.csv"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "id"
    with open(path, "wb") as fh:
        wb.save(fh)
    sheet = _read_one(path, tmp_path)
    assert sheet.rows == [["id"]]
    assert "a xlsx workbook saved with a .csv extension" in sheet.notes


def test_text_under_an_xls_name_is_read_as_text(tmp_path):
    sheet = _read_one(_write(tmp_path, "export.xls", "id\tnom\n1\tAMU\n"), tmp_path)
    assert sheet.rows == [["id", "nom"], ["1", "AMU"]]
    assert "delimited text saved with a .xls extension: read as text" in sheet.notes


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("page.xls", "<html><body><table><tr><td>1</td></tr></table></body></html>", "it is an HTML page"),
        ("report.xlsx", b"%PDF-1.7\n...", "it is a PDF document"),
        ("old.xls", '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
         "Excel 2003 XML spreadsheet"),
        ("garbage.xlsx", bytes(range(256)), "binary data of an unknown format"),
    ],
)
def test_other_formats_under_a_spreadsheet_name_are_fatal(tmp_path, name, content, problem):
    with pytest.raises(FatalInputError, match=problem) as err:
        read_file(_write(tmp_path, name, content), tmp_path)
    assert err.value.file == name


def test_zip_that_is_not_a_workbook_is_fatal(tmp_path):
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("projets.csv", "a;b\n")
    with pytest.raises(FatalInputError, match="zip archive, not a spreadsheet"):
        read_file(path, tmp_path)


def test_truncated_workbook_is_fatal(tmp_path):
    good = tmp_path / "good.xlsx"
    _workbook_with_offset_table(good)
    path = _write(tmp_path, "truncated.xlsx", good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(FatalInputError, match="damaged or truncated") as err:
        read_file(path, tmp_path)
    assert str(err.value).startswith("truncated.xlsx: ")
    assert "\n" not in str(err.value)


def test_workbook_with_broken_xml_is_fatal(tmp_path):
    good = tmp_path / "good.xlsx"
    _workbook_with_offset_table(good)
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, b"<worksheet><sheetData><row" if info.filename == "xl/worksheets/sheet1.xml" else data)
    with pytest.raises(FatalInputError, match=r"^broken\.xlsx: .*(damaged|could not be read)"):
        read_file(path, tmp_path)


# --------------------------------------------------------------------------------------------------------------
# Password-protected workbooks


def _ole2_with_stream(stream_name: str, start: int = 0xFFFFFFFE, size: int = 0) -> bytes:
    """A minimal Compound File (OLE2: .xls, encrypted .xlsx) holding one stream, empty unless start/size say else."""
    free, end_of_chain, fat_sector, no_stream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)  # version 3, little-endian, 512-byte sectors
    struct.pack_into("<II", header, 0x2C, 1, 1)  # one FAT sector; directory starts at sector 1
    struct.pack_into("<IIIII", header, 0x38, 4096, end_of_chain, 0, end_of_chain, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([free] * 108))  # the FAT is sector 0
    fat = struct.pack("<128I", fat_sector, end_of_chain, *([free] * 126))

    def entry(name: str, kind: int, child: int = no_stream, first: int = end_of_chain, length: int = 0) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00"
        out = bytearray(128)
        out[: len(raw)] = raw
        struct.pack_into("<HBB", out, 64, len(raw), kind, 1)
        struct.pack_into("<III", out, 68, no_stream, no_stream, child)
        struct.pack_into("<IQ", out, 116, first, length)
        return bytes(out)

    directory = entry("Root Entry", 5, child=1) + entry(stream_name, 2, first=start, length=size)
    directory += entry("", 0) + entry("", 0)
    return bytes(header) + fat + directory


def test_encrypted_ooxml_container_is_refused_as_password_protected(tmp_path):
    path = _write(tmp_path, "budget.xlsx", _ole2_with_stream("EncryptionInfo"))
    with pytest.raises(FatalInputError) as err:
        read_file(path, tmp_path)
    assert err.value.problem == "is password-protected"
    assert err.value.action == f"remove the password (File > Info > Protect) and save a copy in {tmp_path.as_posix()}/"


def test_ole2_file_without_a_workbook_is_fatal_but_not_called_encrypted(tmp_path):
    path = _write(tmp_path, "notes.xls", _ole2_with_stream("WordDocument"))
    with pytest.raises(FatalInputError, match="damaged or not a readable .xls workbook"):
        read_file(path, tmp_path)


def test_a_rust_panic_in_calamine_is_one_clean_fatal_error(tmp_path, capfd):
    # A "Workbook" stream said to live in the (absent) mini stream: calamine 0.37's CFB reader panics.
    path = _write(tmp_path, "damaged.xls", _ole2_with_stream("Workbook", start=0, size=8))
    with pytest.raises(FatalInputError) as err:
        read_file(path, tmp_path)
    assert err.value.problem.startswith("is damaged or not a readable .xls workbook (calamine failed: ")
    assert capfd.readouterr().err == ""  # the panic message Rust prints to stderr is silenced


@needs_realdata
def test_real_password_protected_workbook_is_refused(tmp_path):
    raw = REALDATA / "messy" / "calamine"
    with pytest.raises(FatalInputError) as err:
        read_file(raw / "pass_protected.xlsx", raw)
    assert str(err.value) == (
        "pass_protected.xlsx: is password-protected. "
        f"remove the password (File > Info > Protect) and save a copy in {raw.as_posix()}/"
    )


# --------------------------------------------------------------------------------------------------------------
# Limits: file size and zip bombs

_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = '<row r="1"><c r="A1" t="inlineStr"><is><t>ok</t></is></c></row></sheetData></worksheet>'


def _inflating_xlsx(path: Path, padding_bytes: int) -> None:
    """A valid xlsx whose sheet XML holds ``padding_bytes`` of blanks: a few kB on disk, large once inflated."""
    template = path.with_name("template.xlsx")
    openpyxl.Workbook().save(template)
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info, src.read(info))
                continue
            with dst.open("xl/worksheets/sheet1.xml", "w") as member:
                member.write(_SHEET_HEAD.encode())
                chunk = b" " * (1024 * 1024)
                for _ in range(padding_bytes // len(chunk)):
                    member.write(chunk)
                member.write(_SHEET_TAIL.encode())


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bomb")
    path = folder / "bomb.xlsx"
    _inflating_xlsx(path, 24 * 1024 * 1024)
    return path


def test_bomb_fixture_is_small_on_disk_and_a_valid_workbook(bomb):
    assert bomb.stat().st_size < 200_000
    generous = ReadLimits(max_uncompressed_bytes=10**9, max_compression_ratio=10**6)
    sheet = _read_one(bomb, bomb.parent, generous)
    assert sheet.rows == [["ok"]]  # so the refusals below come from the limits, not from a broken file


def test_zip_bomb_over_the_uncompressed_limit_is_refused(bomb):
    limits = ReadLimits(max_uncompressed_bytes=8 * 1024 * 1024, max_compression_ratio=10**6)
    with pytest.raises(FatalInputError, match=r"would inflate to 24\.\d MB \(limit 8\.0 MB\).*zip bomb"):
        read_file(bomb, bomb.parent, limits)  # decided from the zip directory, without inflating


def test_zip_bomb_over_the_compression_ratio_is_refused(bomb):
    with pytest.raises(FatalInputError, match=r"part \(xl/worksheets/sheet1\.xml\) compressed \d+ times.*zip bomb"):
        read_file(bomb, bomb.parent, ReadLimits(max_compression_ratio=200.0))


def test_zip_whose_directory_understates_a_size_is_refused(tmp_path):
    path = tmp_path / "liar.xlsx"
    _inflating_xlsx(path, 2 * 1024 * 1024)
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    at = data.find(b"PK\x01\x02")
    while data[at + 46 : at + 46 + len(name)] != name:  # central directory entry of the sheet
        at = data.find(b"PK\x01\x02", at + 4)
    struct.pack_into("<I", data, at + 24, 1000)  # declared uncompressed size: 1000 bytes
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo(name.decode()).file_size == 1000
    with pytest.raises(FatalInputError, match="damaged or truncated"):
        read_file(path, tmp_path)


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = _write(tmp_path, "big.xlsx", bytes(range(256)) * 8)  # unreadable: would fail differently if read
    with pytest.raises(FatalInputError, match=r"is too large \(0\.0 MB, the limit is 0\.0 MB\)"):
        read_file(path, tmp_path, ReadLimits(max_file_bytes=1024))
    with pytest.raises(FatalInputError, match="binary data"):
        read_file(path, tmp_path, ReadLimits(max_file_bytes=4096))


# --------------------------------------------------------------------------------------------------------------
# JSON


def test_json_list_of_flat_objects_is_one_table(tmp_path):
    records = [{"id": "P1", "montant": 1500.5, "ok": True}, {"id": "P2", "note": "", "montant": None}]
    sheet = _read_one(_write(tmp_path, "p.json", json.dumps(records)), tmp_path)
    assert sheet.kind == "worksheet"
    assert sheet.rows == [["id", "montant", "ok", "note"], ["P1", 1500.5, True, None], ["P2", None, None, None]]


def test_a_tools_export_its_records_in_an_envelope_nested_fields_dotted(tmp_path):
    export = {"export": {"outil": "IT-Valo CRM", "nb_enregistrements": 2},
              "enregistrements": [{"reference": "ITF-01", "montant": {"valeur": 60000.0, "devise": "EUR"},
                                   "partenaires": ["CPP", "IT"], "jalons": [{"nom": "DI"}]},
                                  {"reference": "ITF-02", "montant": {"valeur": 80000.0, "devise": "EUR"},
                                   "partenaires": [], "jalons": []}]}
    sheet = _read_one(_write(tmp_path, "export.json", json.dumps(export)), tmp_path)
    assert (sheet.kind, sheet.sheet) == ("worksheet", "enregistrements") and "left out: jalons" in sheet.notes[-1]
    assert sheet.rows == [["reference", "montant.valeur", "montant.devise", "partenaires"],
                          ["ITF-01", 60000.0, "EUR", "CPP; IT"], ["ITF-02", 80000.0, "EUR", None]]


def test_each_list_of_records_of_an_envelope_is_a_sheet(tmp_path):
    path = _write(tmp_path, "base.json", json.dumps({"data": {"projects": [{"id": "P1"}], "events": [{"id": "E1"}]}}))
    assert [(s.sheet, s.rows) for s in read_file(path, tmp_path)] == [
        ("data.projects", [["id"], ["P1"]]), ("data.events", [["id"], ["E1"]])]


@pytest.mark.parametrize("value", [{"data": {"count": 1}}, [1, 2], [], "text", [{"a": 1}, 2]])
def test_other_json_is_one_empty_json_sheet(tmp_path, value):
    sheet = _read_one(_write(tmp_path, "x.json", json.dumps(value)), tmp_path)
    assert (sheet.kind, sheet.rows) == ("json", [])


def test_broken_json_names_line_and_column(tmp_path):
    path = _write(tmp_path, "broken.json", '[\n  {"a": 1}\n  {"a": 2}\n]')
    with pytest.raises(FatalInputError) as err:
        read_file(path, tmp_path)
    assert str(err.value) == "broken.json: is not valid JSON (line 3, column 3). fix or remove the file"


def test_parser_exceptions_become_fatal_input_errors(tmp_path):
    path = _write(tmp_path, "deep.json", "[" * 100_000 + "]" * 100_000)  # RecursionError inside json
    with pytest.raises(FatalInputError, match=r"^deep\.json: could not be read"):
        read_file(path, tmp_path)


# --------------------------------------------------------------------------------------------------------------
# Listing the raw folder


def test_list_raw_files_sorts_recursively_and_ignores_what_is_not_data(tmp_path):
    raw = tmp_path / "raw"
    for name in [
        "b.xlsx", "a.CSV", "2022/funding.ods", "2022/events.xls", "notes.md", "README.txt", "mapping.yaml",
        "other.yml", ".hidden.csv", "~$b.xlsx", "report.pdf", "x.json", "sub/y.tsv", "z.psv", "w.ssv", "v.txt",
        "u.xlsm", ".git/config.csv",
    ]:
        _write(raw, name, "a,b\n")
    outside = _write(tmp_path, "outside.csv", "a,b\n")
    (raw / "link_out.csv").symlink_to(outside)
    (raw / "link_in.csv").symlink_to(raw / "a.CSV")
    (raw / "linked_dir").symlink_to(raw / "2022", target_is_directory=True)

    to_read, ignored = list_raw_files(raw)

    rel = lambda paths_: [p.relative_to(raw).as_posix() for p in paths_]  # noqa: E731
    assert rel(to_read) == [
        "2022/events.xls", "2022/funding.ods", "a.CSV", "b.xlsx", "link_in.csv", "sub/y.tsv", "u.xlsm", "v.txt",
        "w.ssv", "x.json", "z.psv",
    ]
    assert rel(ignored) == [
        ".git", ".hidden.csv", "README.txt", "link_out.csv", "linked_dir", "mapping.yaml", "notes.md", "other.yml",
        "report.pdf", "~$b.xlsx",
    ]


def test_list_raw_files_on_a_missing_folder_is_fatal(tmp_path):
    with pytest.raises(FatalInputError, match="is not a folder"):
        list_raw_files(tmp_path / "nope")


def test_read_file_refuses_a_link_leaving_the_raw_folder(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "link.csv").symlink_to(_write(tmp_path, "secret.csv", "a,b\n"))
    with pytest.raises(FatalInputError, match="link to a file outside the raw folder"):
        read_file(raw / "link.csv", raw)


# --------------------------------------------------------------------------------------------------------------
# The real corpus: every file gives sheets or a FatalInputError, quickly

CORPUS_FOLDERS = ("messy/messytables", "messy/calamine", "benchmarks")
MUST_FAIL = {
    "messy/calamine/pass_protected.xlsx": "is password-protected",
    "benchmarks/evol_all_pc.json": "is not valid JSON (line 2, column 17)",
}


def _corpus_files() -> list[str]:
    if not REALDATA.is_dir():
        return []
    files = [p for folder in CORPUS_FOLDERS for p in (REALDATA / folder).iterdir() if p.name != "SOURCE.txt"]
    return sorted(p.relative_to(REALDATA).as_posix() for p in files)


@needs_realdata
def test_corpus_has_the_58_expected_files():
    assert len(_corpus_files()) == 58


@needs_realdata
@pytest.mark.parametrize("rel", _corpus_files() or ["<absent>"])
def test_every_corpus_file_gives_sheets_or_a_fatal_input_error(rel):
    start = time.perf_counter()
    try:
        sheets = read_file(REALDATA / rel, REALDATA)
    except FatalInputError as exc:
        assert rel in MUST_FAIL, f"unexpected fatal error: {exc}"
        assert exc.problem == MUST_FAIL[rel]
        assert str(exc).startswith(f"{rel}: ") and "\n" not in str(exc)
    else:
        assert rel not in MUST_FAIL
        assert sheets and all(isinstance(s, RawSheet) and s.file == rel for s in sheets)
        for sheet in sheets:
            assert all(isinstance(row, list) for row in sheet.rows)
            assert all(cell != "" for row in sheet.rows for cell in row)
    assert time.perf_counter() - start < 30


@needs_realdata
def test_corpus_details_that_recognition_relies_on():
    def sheets(rel: str) -> dict[str | None, RawSheet]:
        return {s.sheet: s for s in read_file(REALDATA / rel, REALDATA)}

    large = sheets("messy/messytables/large.xlsx")
    assert [(n, s.hidden) for n, s in large.items()] == [("Report", False), ("data", True), ("criteria", True)]
    assert len(large["data"].rows) == 8547 and large["criteria"].first_row == 3

    middle = sheets("messy/calamine/temperature-in-middle.xlsx")["Sheet1"]
    assert (middle.first_row, middle.rows[0]) == (4, [None, "label", "value"])

    anys = sheets("messy/calamine/any_sheets.xlsx")
    assert anys["Chart"].kind == "chartsheet" and anys["VeryHidden"].hidden

    h2020 = sheets("benchmarks/fr-esr-h2020_pcrdt-indicateurs_pays.csv")[None]
    assert "newlines: CR CR LF" in h2020.notes and len(h2020.rows) == 145  # no blank row between rows
    assert all(len(row) == 8 for row in h2020.rows)

    utf16 = sheets("messy/messytables/utf-16le_encoded.csv")[None]
    assert "encoding: utf-16-le" in utf16.notes and utf16.rows[0][0] == "Organisation_code"

    cr_only = sheets("messy/messytables/mixedGLB.csv")[None]
    assert "newlines: CR" in cr_only.notes and len(cr_only.rows) == 137

    assert "1904 date system (dates converted)" in sheets("messy/calamine/date_1904.xlsx")["Sheet1"].notes
    assert sheets("messy/calamine/date_1904.xlsx")["Sheet1"].rows[0][0] == dt.date(2021, 1, 1)
    assert sheets("messy/messytables/small.csv")[None].rows == [["a"]]
    nested = sheets("benchmarks/funding_programme.json")[None]  # a country's figures nested under "data"
    assert nested.rows[0] == ["country_code", "code_indic"] and "left out: data" in nested.notes[-1]


@needs_realdata
def test_ilab_csv_with_bom_semicolons_and_embedded_newlines():
    sheet = _read_one(REALDATA / "ilab" / "ilab_laureats_redacted.csv", REALDATA)
    assert sheet.notes[:3] == ["encoding: utf-8-sig", "newlines: CRLF", "delimiter: ';'"]
    assert len(sheet.rows) == 3924 and all(len(row) == 28 for row in sheet.rows)
    assert sheet.rows[0][:2] == ["Dossier Aide", "Genre"]
    assert any("\n" in (cell or "") for row in sheet.rows for cell in row)




def test_formulas_counted_while_the_zip_is_checked_are_those_counted_by_reading_the_sheets_again(tmp_path,
                                                                                                 monkeypatch):
    """check_zip counts each sheet's formula cells as it inflates the sheet (one pass instead of two): the same
    counts as a separate reading, formulas cut between chunks included."""
    from partnership_metrics.ingest.reading import archives

    path = tmp_path / "formulas.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Synthèse"
    for r in range(1, 120):
        ws.cell(r, 1, r)
        ws.cell(r, 2, f"=A{r}*2")
        ws.cell(r, 3, f'=COUNTIF(A1:A{r},">0")')
    wb.create_sheet("Données")["A1"] = "x"
    wb.save(path)
    monkeypatch.setattr(archives, "_ZIP_CHUNK", 97)  # small chunks: many a formula is cut between two
    with zipfile.ZipFile(path) as zf:
        counted: dict = {}
        archives.check_zip(zf, "formulas.xlsx", ReadLimits(), counted)
        assert counted and all(count.done for count in counted.values())
        once = archives.computed_cells(zf, counted)
        again = archives.computed_cells(zf)
    assert once == again
    assert (once["Synthèse"].formulas, once["Synthèse"].summarising) == (238, 119)
    assert once["Données"].formulas == 0


def test_ods_merged_cells_are_reported_as_ranges(tmp_path):
    """calamine gives no merged ranges for .ods: they are read from content.xml's spans (covered cells count)."""
    cell = '<table:table-cell office:value-type="string"{span}><text:p>{text}</text:p></table:table-cell>'
    covered = "<table:covered-table-cell/>"
    rows = ["<table:table-row>" + "".join(cell.format(span="", text=t) for t in ("Institution", "Projet")) + "</table:table-row>",
            "<table:table-row>" + cell.format(span=' table:number-rows-spanned="3"', text="AMU")
            + cell.format(span="", text="P1") + "</table:table-row>",
            *("<table:table-row>" + covered + cell.format(span="", text=p) + "</table:table-row>" for p in ("P2", "P3")),
            "<table:table-row>" + cell.format(span=' table:number-columns-spanned="2"', text="Total") + covered
            + "</table:table-row>"]
    sheet = _read_one(write_ods(tmp_path / "blocs.ods", "".join(rows)), tmp_path)
    assert sheet.rows[2] == [None, "P2"]
    assert sheet.merged_ranges == [(2, 1, 4, 1), (5, 1, 5, 2)]


def test_an_email_saved_as_csv_keeps_its_commas_in_its_lines(tmp_path):
    """Prose saved as CSV: no delimiter splits its lines alike, so each line is one cell, commas kept."""
    path = tmp_path / "Mail_objectifs.csv"
    path.write_text("De : Claire <c@x.example.fr>\nObjet : objectifs\n\nBonjour Marc,\n"
                    "- Projets détectés : 10 par an (2021, 2022 et 2023), soit 30 sur la durée de la convention\n"
                    "- Licences signées : 4 sur la période 2021-2023\nBien cordialement,\n", encoding="utf-8")
    [sheet] = read_file(path, tmp_path)
    assert all(len(row) <= 1 for row in sheet.rows) and sheet.rows[3] == ["Bonjour Marc,"]
    assert sheet.rows[4] == ["- Projets détectés : 10 par an (2021, 2022 et 2023), soit 30 sur la durée de la convention"]
    table = tmp_path / "t.csv"
    table.write_text("a,b,c\n1,2,3\n4,5,6\n", encoding="utf-8")
    assert read_file(table, tmp_path)[0].rows[1] == ["1", "2", "3"]  # a table is still split
