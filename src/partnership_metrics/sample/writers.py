"""Sheets and files as laid out, and their writing as xlsx, ods and cp1252 CSV with byte-stable metadata (fixed
dates and authors), so the same layout always gives the same bytes."""

from __future__ import annotations

import csv
import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape


@dataclass
class Formula:
    """A formula cell and its cached value (what Excel shows before recalculating)."""

    text: str
    value: float


@dataclass
class Percent:
    """A share written as a percentage cell (0.25 shows as 25 %)."""

    value: float


@dataclass
class Sheet:
    """A sheet as laid out: title block, header, rows with their status, and the bad rows planted in it."""

    name: str | None  # None for a CSV file
    table: str | None  # raw table held, None for notes and dropdown sheets
    header: list[str]
    columns: list[str | None]  # the canonical column each header holds (None: a column no table knows)
    rows: list[list] = field(default_factory=list)
    status: list[str] = field(default_factory=list)  # accepted, quarantined, blank, total
    title: list[str] = field(default_factory=list)  # title and note rows above the header
    title_gap: int = 1  # empty rows between the title block and the header
    hidden: bool = False
    reason: str = ""  # why a non-table sheet is to be ignored
    planted: list[dict] = field(default_factory=list)
    validations: list[tuple[int, str]] = field(default_factory=list)  # (column, list source) dropdowns

    @property
    def header_row(self) -> int:
        return len(self.title) + self.title_gap + 1 if self.title else 1

    def add(self, cells: list, status: str = "accepted") -> None:
        self.rows.append(cells)
        self.status.append(status)

    def blank(self) -> None:
        self.add([None] * len(self.header), "blank")

    def plant(self, cells: list, column: str, reason: str) -> None:
        self.planted.append({"index": len(self.rows), "column": column,
                             "value": cells[self.header.index(column)], "reason": reason})
        self.add(cells, "quarantined")


@dataclass
class File:
    """A file as laid out: its name, format and sheets."""

    path: str
    kind: str  # xlsx, csv, ods
    sheets: list[Sheet]
    saved: dt.datetime  # the creation date in its metadata (and zip entries): a fixed date gives stable bytes
    title: str = ""


def _write_xlsx(path: Path, f: File, constant_memory: bool) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": constant_memory, "strings_to_numbers": False,
                                         "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": f.title, "author": "partnership-metrics sample-data", "created": f.saved})
    fmt = {
        "date": wb.add_format({"num_format": "dd/mm/yyyy"}),
        "head": wb.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDEBF7", "border": 1}),
        "title": wb.add_format({"bold": True, "font_size": 14}),
        "note": wb.add_format({"italic": True, "font_color": "#595959"}),
        "total": wb.add_format({"bold": True, "top": 1, "num_format": "#,##0.0"}),
        "money": wb.add_format({"num_format": "#,##0"}),
    }
    for sh in f.sheets:
        ws = wb.add_worksheet(sh.name)
        r = 0
        for i, line in enumerate(sh.title):
            if i == 0:
                ws.merge_range(r, 0, r, max(len(sh.header) - 1, 1), line, fmt["title"])
            else:
                ws.write_string(r, 0, line, fmt["note"])
            r += 1
        r = sh.header_row - 1
        for c, h in enumerate(sh.header):
            ws.write_string(r, c, h, fmt["head"])
        for cells, status in zip(sh.rows, sh.status, strict=False):
            r += 1
            for c, v in enumerate(cells):
                _write_cell(ws, r, c, v, fmt, status == "total")
        for col, source in sh.validations:
            ws.data_validation(sh.header_row, col, sh.header_row + len(sh.rows), col,
                               {"validate": "list", "source": source})
        ws.set_column(0, len(sh.header) - 1, 16)
        if sh.hidden:
            ws.hide()
    wb.close()


def _write_cell(ws, r: int, c: int, v: Any, fmt: dict, total: bool) -> None:
    if v is None:
        return
    if isinstance(v, Formula):
        ws.write_formula(r, c, v.text, fmt["total"], v.value)
    elif isinstance(v, str):
        ws.write_string(r, c, v, fmt["total"] if total else None)
    elif isinstance(v, bool):
        ws.write_boolean(r, c, v)
    elif isinstance(v, dt.date):
        ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), fmt["date"])
    elif isinstance(v, float) and v >= 1000:
        ws.write_number(r, c, v, fmt["money"])
    else:
        ws.write_number(r, c, v)


def _write_csv(path: Path, f: File) -> None:
    """A ``;`` CSV in cp1252 with CRLF line ends, as Excel exports it on French Windows."""
    (sheet,) = f.sheets
    with open(path, "w", encoding="cp1252", newline="") as fh:
        w = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        w.writerow(sheet.header)
        for cells in sheet.rows:
            w.writerow(["" if v is None else v for v in cells])


ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.2"')
ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"


def _write_ods(path: Path, f: File) -> None:
    """A minimal OpenDocument spreadsheet, written directly (odfpy's output depends on process-wide state)."""
    body = []
    for sh in f.sheets:
        body.append(f'<table:table table:name="{escape(sh.name, _QUOTE)}">')
        width = len(sh.header)
        for i, line in enumerate(sh.title):
            span = f' table:number-columns-spanned="{width}"' if i == 0 else ""
            covered = "<table:covered-table-cell/>" * (width - 1) if i == 0 else ""
            body.append(f'<table:table-row><table:table-cell office:value-type="string"{span}>'
                        f"<text:p>{escape(line)}</text:p></table:table-cell>{covered}</table:table-row>")
        body += ["<table:table-row><table:table-cell/></table:table-row>"] * (sh.title_gap if sh.title else 0)
        for cells in [sh.header] + sh.rows:
            body.append("<table:table-row>" + "".join(_ods_cell(v) for v in cells) + "</table:table-row>")
        body.append("</table:table>")
    parts = {
        "mimetype": ODS_MIME,
        "META-INF/manifest.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_MIME}"/>'
            + "".join(f'<manifest:file-entry manifest:full-path="{n}" manifest:media-type="text/xml"/>'
                      for n in ("content.xml", "styles.xml", "meta.xml"))
            + "</manifest:manifest>"),
        "meta.xml": (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {ODS_NS}><office:meta>'
                     f"<meta:creation-date>{f.saved.isoformat()}</meta:creation-date>"
                     "<meta:generator>partnership-metrics sample-data</meta:generator></office:meta>"
                     "</office:document-meta>"),
        "styles.xml": f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {ODS_NS}/>',
        "content.xml": (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODS_NS}>'
                        "<office:body><office:spreadsheet>" + "\n".join(body)
                        + "</office:spreadsheet></office:body></office:document-content>"),
    }
    with zipfile.ZipFile(path, "w") as z:
        for name, text in parts.items():  # the mimetype first and stored, as the format requires
            info = zipfile.ZipInfo(name, date_time=f.saved.timetuple()[:6])
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, text.encode("utf-8"))


_QUOTE = {'"': "&quot;"}


def _ods_cell(v: Any) -> str:
    if v is None:
        return "<table:table-cell/>"
    if isinstance(v, Percent):
        return (f'<table:table-cell office:value-type="percentage" office:value="{v.value!r}">'
                f"<text:p>{round(v.value * 100)} %</text:p></table:table-cell>")
    if isinstance(v, (int, float)):
        return (f'<table:table-cell office:value-type="float" office:value="{v!r}">'
                f"<text:p>{v}</text:p></table:table-cell>")
    if isinstance(v, dt.date):
        return (f'<table:table-cell office:value-type="date" office:date-value="{v.isoformat()}">'
                f"<text:p>{v:%d/%m/%Y}</text:p></table:table-cell>")
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'


def write_file(out_dir: Path, f: File, constant_memory: bool = False) -> None:
    """Write ``f`` into ``out_dir`` in its format (``constant_memory``: xlsxwriter's low-memory mode)."""
    path = out_dir / f.path
    if f.kind == "xlsx":
        _write_xlsx(path, f, constant_memory)
    elif f.kind == "csv":
        _write_csv(path, f)
    else:
        _write_ods(path, f)
