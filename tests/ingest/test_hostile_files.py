"""Hostile files: tiny archives that would expand to gigabytes are refused before anything is expanded.

Each check runs the real command in a child process whose address space is capped at 1.5 GB: without the guards,
calamine would abort the process (a Rust allocation failure no `except` catches) instead of the one-line error.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

CAP_BYTES = 1536 * 1024 * 1024

_ODS_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
    '<table:table table:name="S">{rows}</table:table></office:spreadsheet></office:body></office:document-content>'
)


def write_ods(path: Path, rows: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", _ODS_CONTENT.format(rows=rows))
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest xmlns:manifest='
                   '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
    return path


def repeated_cell_ods(path: Path, rows: int, columns: int, text: str = "x") -> Path:
    return write_ods(path, f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell '
                           f'table:number-columns-repeated="{columns}" office:value-type="string"><text:p>{text}'
                           '</text:p></table:table-cell></table:table-row>')


def shared_string_xlsx(path: Path, text_bytes: int, cells: int) -> Path:
    """One shared string of ``text_bytes`` used by ``cells`` cells (25 columns wide)."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{chr(65 + c)}{r}" t="s"><v>0</v></c>' for c in range(25))
                   + "</row>" for r in range(1, cells // 25 + 1))
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                               'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                               '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                               'officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                       f'relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
                       '</Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook {ns} xmlns:r="{rel}"><sheets><sheet name="S" '
                           'sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                                      f'package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" '
                                      f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/'
                                      'sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/sharedStrings.xml": f'<?xml version="1.0"?><sst {ns}><si><t>{"A" * text_bytes}</t></si></sst>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><worksheet {ns}><sheetData>{rows}</sheetData></worksheet>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _ingest_capped(raw: Path, out: Path) -> subprocess.CompletedProcess:
    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (CAP_BYTES, CAP_BYTES))

    return subprocess.run([sys.executable, "-m", "partnership_metrics", "ingest", "--raw", str(raw), "--out", str(out)],
                          capture_output=True, text=True, timeout=120, preexec_fn=cap,
                          env={**os.environ, "PARTNERSHIP_METRICS_KEY": "test-key-not-secret-0123456789"})


@pytest.mark.parametrize("build, problem", [
    (lambda p: repeated_cell_ods(p / "bomb.ods", 99_000, 1_000), "spanning 99000 rows x 1000 columns"),
    (lambda p: repeated_cell_ods(p / "text.ods", 2_000, 10, "y" * 20_000), "of text once its cells are filled"),
    (lambda p: shared_string_xlsx(p / "bomb.xlsx", 900_000, 5_000), "of text once its cells are filled"),
])
def test_expansion_bombs_are_one_line_exit_2_within_the_memory_cap(tmp_path, build, problem):
    raw = tmp_path / "raw"
    raw.mkdir()
    bomb = build(raw)
    assert bomb.stat().st_size < 50_000
    done = _ingest_capped(raw, tmp_path / "out")
    assert done.returncode == 2, done.stderr[-2000:]
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and bomb.name in lines[0] and problem in lines[0]
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()


def test_ordinary_repeats_are_read(tmp_path):
    """LibreOffice writes empty rows and cells repeated up to the sheet's end: they are not a bomb."""
    from partnership_metrics.ingest.reading import read_file

    rows = ('<table:table-row><table:table-cell office:value-type="string"><text:p>id</text:p></table:table-cell>'
            '<table:table-cell table:number-columns-repeated="3" office:value-type="float" office:value="1">'
            '<text:p>1</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16380"/>'
            '</table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell '
            'table:number-columns-repeated="16384"/></table:table-row>')
    sheet, = read_file(write_ods(tmp_path / "ok.ods", rows), tmp_path)
    assert [v for v in sheet.rows[0] if v is not None] == ["id", 1.0, 1.0, 1.0]
