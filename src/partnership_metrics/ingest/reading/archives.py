"""Guards applied to a zip-based workbook (xlsx, ods) before python-calamine opens it.

calamine builds whole sheets in memory, and a process that asks for more memory than the machine has is killed,
which no ``except`` can catch. So the archive is checked first, from what it declares and by inflating each part
once, discarding it: zip bombs (sizes, compression ratios, lying directories), grids larger than the cell limit
(one stray cell far away; ``.ods`` rows and columns repeated thousands of times), and text volumes that would
explode in memory (one long shared string used by thousands of cells, a repeated long cell).
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from xml.parsers import expat

from ...errors import FatalInputError
from .sheet import RAW_FOLDER, RESAVE, ReadLimits, megabytes

_ZIP_CHUNK = 1024 * 1024
# Members smaller than this are not ratio-checked (a few KB of XML can compress 100 times); real spreadsheet parts
# compress 5 to 25 times, so 200 over 64 KiB catches a part made of one repeated text (a long shared string).
RATIO_MIN_BYTES = 64 * 1024
_SHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml")
_DIMENSION = re.compile(rb'<dimension ref="\$?([A-Z]{1,3})\$?([0-9]{1,7})(?::\$?([A-Z]{1,3})\$?([0-9]{1,7}))?"')
_VALUE_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^>]*?(?<!/)>')  # not <c .../>: a style, no value
_RELATION = re.compile(r'<Relationship\b(?=[^>]*\bId="(?P<id>[^"]+)")(?=[^>]*\bTarget="(?P<target>[^"]+)")[^>]*>')
_SHEET_ENTRY = re.compile(r'<(?:\w+:)?sheet\b(?=[^>]*\bname="(?P<name>[^"]*)")(?=[^>]*\br:id="(?P<id>[^"]+)")[^>]*>')
STRAY_CELLS_ACTION = "delete the stray cells far from the table (Ctrl+End shows the last one) and save it again"
PASSWORD_ACTION = f"remove the password (File > Info > Protect) and save a copy in {RAW_FOLDER}"


def check_zip(zf: zipfile.ZipFile, rel: str, limits: ReadLimits, formulas: dict | None = None,
              scanner=None) -> None:
    """Refuse zip bombs from the zip directory, then inflate each member (discarding it) to verify sizes and CRCs.

    The second pass catches archives whose directory lies about sizes: ``zipfile`` stops at the declared size,
    so a member that inflates further fails its CRC check (``BadZipFile``). ``formulas``, when given, receives a
    :class:`FormulaCount` per xlsx sheet part, counted on the way (for :func:`computed_cells`: each sheet is
    inflated once, not twice). ``scanner``, when given, is asked (part name, inflated size) for one more reader of
    each sheet part's text once the directory is checked (the cells' fill colours: :class:`~.cell_fills.WorkbookFills`),
    or None.
    """
    infos = zf.infolist()
    total = sum(info.file_size for info in infos)
    if total > limits.max_uncompressed_bytes:
        raise FatalInputError(
            rel,
            f"would inflate to {megabytes(total)} (limit {megabytes(limits.max_uncompressed_bytes)}): "
            "refused as a possible zip bomb",
            "open it in Excel, remove unused rows and columns, and save it again",
        )
    for info in infos:
        if info.file_size >= RATIO_MIN_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_compression_ratio:
                raise FatalInputError(
                    rel,
                    f"has a part ({info.filename}) compressed {ratio:.0f} times (limit "
                    f"{limits.max_compression_ratio:.0f}): refused as a possible zip bomb",
                    "open it in Excel, remove unused rows and columns, and save it again",
                )
    for info in infos:
        if info.flag_bits & 0x1:
            raise FatalInputError(rel, "is password-protected", PASSWORD_ACTION)
        readers = []
        if formulas is not None and _SHEET_PART.fullmatch(info.filename):
            readers.append(formulas.setdefault(info.filename, FormulaCount()))
            if scanner is not None and (scan := scanner(info.filename, info.file_size)) is not None:
                readers.append(scan)
        try:
            with zf.open(info) as member:
                while chunk := member.read(_ZIP_CHUNK):
                    for reader in readers:
                        reader.feed(chunk)
            for reader in readers:
                reader.feed(b"")
        except NotImplementedError:
            continue  # a compression method zipfile lacks (deflate64): sizes were checked from the directory


def zip_kind(zf: zipfile.ZipFile, rel: str) -> str:
    names = set(zf.namelist())
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "xlsx"
    if "mimetype" in names:
        mimetype = zf.read("mimetype")[:100].decode("ascii", "replace").strip()
        if mimetype.startswith("application/vnd.oasis.opendocument.spreadsheet"):
            manifest = zf.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
            if b"encryption-data" in manifest:
                raise FatalInputError(rel, "is password-protected", PASSWORD_ACTION)
            return "ods"
        raise FatalInputError(rel, f"is an OpenDocument file of another kind ({mimetype}), not a spreadsheet", RESAVE)
    if "word/document.xml" in names:
        raise FatalInputError(rel, "is a Word document, not a spreadsheet", f"remove it from {RAW_FOLDER}")
    raise FatalInputError(
        rel, "is a zip archive, not a spreadsheet", f"extract the files it holds into {RAW_FOLDER} and remove the archive"
    )


def check_sheet_extents(zf: zipfile.ZipFile, rel: str, limits: ReadLimits) -> None:
    """Refuse an xlsx sheet whose grid (rows x last column) exceeds ``limits.max_cells`` before calamine opens it.

    calamine allocates the whole rectangle around the cells that hold a value: one stray value at XFD1048576
    would ask for hundreds of GB and abort the process, which no ``except`` can catch. The ``<dimension>`` that
    Excel writes at the top of each sheet settles it for free; only when it is missing or too large are the
    cells themselves scanned (style-only cells widen the dimension, not calamine's rectangle).
    """
    for info in zf.infolist():
        if not _SHEET_PART.fullmatch(info.filename):
            continue
        with zf.open(info) as member:
            head = member.read(16 * 1024)
        dimension = _DIMENSION.search(head.split(b"<sheetData", 1)[0])
        if dimension and _within(dimension.groups(), limits):
            continue
        first, last = _value_cells_extent(zf, info)
        if first is None or _within((first[0], first[1], last[0], last[1]), limits):
            continue
        rows = int(last[1]) - int(first[1]) + 1
        columns = column_number(last[0])
        limit = (f"limit {limits.max_columns} columns" if columns > limits.max_columns
                 else f"limit {limits.max_cells}")
        raise FatalInputError(
            rel,
            f"has a sheet ({_sheet_name(zf, info.filename)}) spanning {rows} rows x {columns} columns up to cell "
            f"{(last[0] + last[1]).decode()} ({rows * columns} cells, {limit})",
            STRAY_CELLS_ACTION,
        )


def _within(extent: tuple, limits: ReadLimits) -> bool:
    col1, _, col2, _ = extent
    widest = max(column_number(col1), column_number(col2 or col1))
    return _grid_cells(*extent) <= limits.max_cells and widest <= limits.max_columns


def _grid_cells(col1: bytes, row1: bytes, col2: bytes | None, row2: bytes | None) -> int:
    """Cells of the grid read_file builds for a used range: its rows x its last column (columns before it are kept)."""
    col2, row2 = col2 or col1, row2 or row1
    return (abs(int(row2) - int(row1)) + 1) * max(column_number(col1), column_number(col2))


def column_number(letters: bytes) -> int:
    """1-based number of a column's letters (``b"AB"`` -> 28)."""
    number = 0
    for char in letters:
        number = number * 26 + char - 64  # b"A" is 65
    return number


def _value_cells_extent(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo
) -> tuple[tuple[bytes, bytes] | None, tuple[bytes, bytes] | None]:
    """(column, row) of the top-left and bottom-right corners around the cells that hold a value, or (None, None)."""
    top = left = bottom = right = None
    tail = b""
    with zf.open(info) as member:
        while True:
            chunk = member.read(_ZIP_CHUNK)
            text = tail + chunk
            cut = text.rfind(b"<") if chunk else len(text)  # a tag cut by the chunk waits for the next one
            body, tail = text[:cut], text[cut:]
            found = _VALUE_CELL.findall(body)
            if found:
                columns = [column_number(c) for c in {c for c, _ in found}]
                rows = [int(r) for _, r in found]
                top = min(rows) if top is None else min(top, min(rows))
                bottom = max(rows) if bottom is None else max(bottom, max(rows))
                left = min(columns) if left is None else min(left, min(columns))
                right = max(columns) if right is None else max(right, max(columns))
            if not chunk:
                break
    if top is None:
        return None, None
    return (_column_letters(left), str(top).encode()), (_column_letters(right), str(bottom).encode())


def _column_letters(number: int) -> bytes:
    letters = b""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = bytes([65 + rest]) + letters
    return letters


def _sheet_name(zf: zipfile.ZipFile, part: str) -> str:
    """The name a user sees for a sheet part (xl/worksheets/sheet2.xml), from the workbook and its relations."""
    return _part_names(zf).get(part, part)


def _part_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet part -> the name a user sees for it, read once from the workbook and its relations (not once per
    part: a workbook of many sheets would cost their square)."""
    try:
        workbook = zf.read("xl/workbook.xml").decode("utf-8", "replace")
        relations = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = {m["id"]: m["target"] for m in _RELATION.finditer(relations)}
    out: dict[str, str] = {}
    for sheet in _SHEET_ENTRY.finditer(workbook):
        part = "xl/" + targets.get(sheet["id"], "").lstrip("/").removeprefix("xl/")
        out.setdefault(part, html.unescape(sheet["name"]))
    return out


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name a user sees -> its part in the xlsx archive (``xl/worksheets/sheet2.xml``)."""
    names = _part_names(zf)
    return {names.get(part, part): part for part in sorted(n for n in zf.namelist() if _SHEET_PART.fullmatch(n))}


def related_parts(zf: zipfile.ZipFile, relation: str, max_bytes: int) -> list[tuple[str, str]]:
    """(sheet name, part) of each part a sheet's relationships name of type ``relation`` ("comments", "drawing"),
    those of more than ``max_bytes`` left out."""
    names = set(zf.namelist())
    kind = re.compile(rb'<Relationship\b(?=[^>]*\bType="[^"]*/' + re.escape(relation.encode()) +
                      rb'")(?=[^>]*\bTarget="(?P<target>[^"]+)")[^>]*>')
    found = []
    for name, part in sheet_parts(zf).items():
        folder, base = posixpath.split(part)
        rels = f"{folder}/_rels/{base}.rels"
        if rels not in names:
            continue
        for relation_found in kind.finditer(zf.read(rels)):
            target = html.unescape(relation_found["target"].decode("utf-8", "replace"))
            related = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"{folder}/{target}")
            if related in names and zf.getinfo(related).file_size <= max_bytes:
                found.append((name, related))
    return found


def is_1904(zf: zipfile.ZipFile) -> bool:
    workbook = zf.read("xl/workbook.xml")[:4096] if "xl/workbook.xml" in zf.namelist() else b""
    return re.search(rb'date1904\s*=\s*["\'](1|true)["\']', workbook) is not None


# --- text volume of an xlsx: shared strings are stored once and copied into every cell that uses them -----------

_SHARED_STRING = re.compile(rb"<si\b[^>]*>(.*?)</si>", re.S)
_SHARED_CELL = re.compile(rb'<c\b[^>]*\bt="s"[^>]*>\s*<v>\s*(\d+)\s*</v>')
_TEXT_ACTION = "split it, remove the repeated long texts, or raise the limit with ingest --max-text-mb"


def _chunks(zf: zipfile.ZipFile, name: str, pattern: re.Pattern, lookbehind: bytes):
    """Matches of ``pattern`` in a member read chunk by chunk; a match cut by a chunk waits for the next one
    (the text from the last ``lookbehind`` is carried over)."""
    tail = b""
    with zf.open(name) as member:
        while True:
            chunk = member.read(_ZIP_CHUNK)
            text = tail + chunk
            cut = text.rfind(lookbehind) if chunk else len(text)
            cut = len(text) if cut < 0 else cut
            body, tail = text[:cut], text[cut:]
            yield from pattern.finditer(body)
            if not chunk:
                return


def check_text_volume(zf: zipfile.ZipFile, rel: str, limits: ReadLimits) -> None:
    """Refuse an xlsx whose cells would hold more text than ``limits.max_text_bytes`` once each shared string is
    copied into the cells that use it (a 12 KB file can ask for gigabytes this way)."""
    names = set(zf.namelist())
    if "xl/sharedStrings.xml" not in names:
        return
    lengths = [len(m.group(1)) for m in _chunks(zf, "xl/sharedStrings.xml", _SHARED_STRING, b"<si")]
    if sum(lengths) > limits.max_text_bytes:
        _too_much_text(rel, sum(lengths), limits)
    total = 0
    for part in sorted(n for n in names if _SHEET_PART.fullmatch(n)):
        for match in _chunks(zf, part, _SHARED_CELL, b"<c"):
            index = int(match.group(1))
            total += lengths[index] if index < len(lengths) else 0
        if total > limits.max_text_bytes:
            _too_much_text(rel, total, limits, _sheet_name(zf, part))


def _too_much_text(rel: str, total: int, limits: ReadLimits, sheet: str | None = None) -> None:
    where = f"its sheet {sheet} " if sheet else ""
    raise FatalInputError(rel, f"{where}would hold {megabytes(total)} of text once its cells are filled "
                               f"(limit {megabytes(limits.max_text_bytes)})", _TEXT_ACTION)


# --- the grid of an .ods: rows and cells may be "repeated" thousands of times -------------------------------------

_ODS_ROW, _ODS_CELL = "table:table-row", ("table:table-cell", "table:covered-table-cell")


class _OdsGrid:
    """Streams content.xml (expat) and measures, per table, the grid calamine will build: the rows up to the last
    one holding a value times the widest such row (repeats included), and the text it will copy into cells."""

    def __init__(self, rel: str, limits: ReadLimits):
        self.rel, self.limits = rel, limits
        self.table = ""
        self.rows = self.last_row = self.width = 0
        self.row_repeat = 1
        self.column = self.row_last = 0
        self.cell_repeat = 1
        self.cell_text = 0
        self.cell_value = False
        self.in_cell = False
        self.text = 0
        self.computed: dict[str, Computed] = {}
        self.note: list[str] | None = None  # the text of the cell's annotation being read
        self.note_meta = False  # inside its author or date

    def start(self, name: str, attrs: dict) -> None:
        if name == "office:annotation":
            self.note = []
        elif self.note is not None:
            self.note_meta = self.note_meta or name.startswith("dc:")  # its author's name, its date: not the note
            if name == "text:p":
                self.note.append("\n")
        if name == "table:table":
            self.table, self.rows, self.last_row, self.width, self.text = attrs.get("table:name", ""), 0, 0, 0, 0
            self.computed[self.table] = Computed()
        elif name == _ODS_ROW:
            self.row_repeat = _repeat(attrs.get("table:number-rows-repeated"))
            self.column = self.row_last = 0
        elif name in _ODS_CELL:
            self.cell_repeat = _repeat(attrs.get("table:number-columns-repeated"))
            self.cell_value = "office:value-type" in attrs
            self.cell_text = sum(len(v) for k, v in attrs.items() if k.startswith("office:"))
            self.in_cell = True
            self._note_span(attrs)
            formula = attrs.get("table:formula")
            if formula and self.table in self.computed:
                stats = self.computed[self.table]
                stats.formulas += self.cell_repeat * self.row_repeat
                stats.summarising += self.cell_repeat * self.row_repeat * (
                    bool(_ODS_AGGREGATE.search(formula)) and not is_local_total(formula))

    def _note_span(self, attrs: dict) -> None:
        """A cell merged over others (calamine reports no merged ranges for .ods): its 1-based range."""
        rows, columns = (_repeat(attrs.get(f"table:number-{kind}-spanned")) for kind in ("rows", "columns"))
        if (rows > 1 or columns > 1) and self.table in self.computed:
            top, left = self.rows + 1, self.column + 1
            self.computed[self.table].merged.append((top, left, top + rows - 1, left + columns - 1))

    def data(self, text: str) -> None:
        if self.note is not None and not self.note_meta:
            self.note.append(text)
        if self.in_cell and text.strip():
            self.cell_value = True
            self.cell_text += len(text)

    def end(self, name: str) -> None:
        if name.startswith("dc:"):
            self.note_meta = False
        elif name == "office:annotation" and self.note is not None:
            if (written := " ".join("".join(self.note).split())) and self.table in self.computed:
                self.computed[self.table].notes[(self.rows + 1, self.column + 1)] = written
            self.note = None
        if name in _ODS_CELL:
            self.column += self.cell_repeat
            if self.cell_value:
                self.row_last = self.column
                self.text += self.cell_text * self.cell_repeat * self.row_repeat
            self.in_cell = False
        elif name == _ODS_ROW:
            self.rows += self.row_repeat
            if self.row_last:
                self.last_row, self.width = self.rows, max(self.width, self.row_last)
        elif name == "table:table":
            self._check()

    def _check(self) -> None:
        cells = self.last_row * self.width
        if cells > self.limits.max_cells or self.width > self.limits.max_columns:
            limit = (f"limit {self.limits.max_columns} columns" if self.width > self.limits.max_columns
                     else f"limit {self.limits.max_cells}")
            raise FatalInputError(self.rel, f"has a sheet ({self.table}) spanning {self.last_row} rows x "
                                            f"{self.width} columns ({cells} cells, {limit})", STRAY_CELLS_ACTION)
        if self.text > self.limits.max_text_bytes:
            _too_much_text(self.rel, self.text, self.limits, self.table)


def _repeat(value) -> int:
    try:
        return max(int(value), 1) if value is not None else 1
    except ValueError:
        return 1


# (or a reference to another sheet: "[$Feuille1.B3]", "['Oncovia'.B3]"; not the sheet's own "[.B3]")
_ODS_AGGREGATE = re.compile(r"\b(SUM|SUMIFS?|SUMPRODUCT|COUNTA?|COUNTIFS?|SUBTOTAL|AVERAGE|AVERAGEIFS?|MEDIAN|MAX|MIN|"
                            r"GETPIVOTDATA)\s*\(|\[\$|\[(?:'[^']+'|[^.'\[\]\s]+)\.\$?[A-Z]", re.I)
# A row's or a column's total on its own sheet ("=SUM(D4:G4)" beside a line, "=SUM(D4:D6)" below a column) is part
# of a data table, as its "Total" row is: it does not make the sheet a summary of others.
_LOCAL_SUM = re.compile(r"^(?:of:)?=?\s*SUM\(\[?\.?\$?([A-Z]{1,3})\$?(\d+):\.?\$?([A-Z]{1,3})\$?(\d+)\]?\)\s*$", re.I)


def is_local_total(formula: str) -> bool:
    """Whether ``formula`` sums one row's or one column's cells of its own sheet (xlsx or ODS notation)."""
    found = _LOCAL_SUM.match(formula)
    return bool(found) and (found[1].upper() == found[3].upper() or found[2] == found[4])


def check_ods_grid(zf: zipfile.ZipFile, rel: str, limits: ReadLimits) -> dict[str, Computed]:
    """Refuse an .ods whose repeated rows and cells would build a grid over ``limits.max_cells`` cells or over
    ``limits.max_text_bytes`` of text, before calamine expands them; return each table's formula cells."""
    if "content.xml" not in zf.namelist():
        return {}
    grid = _OdsGrid(rel, limits)
    parser = expat.ParserCreate()
    parser.StartElementHandler, parser.EndElementHandler = grid.start, grid.end
    parser.CharacterDataHandler = grid.data
    parser.StartDoctypeDeclHandler = _no_doctype(rel)  # no DTD, hence no entity expansion
    try:
        with zf.open("content.xml") as member:
            while chunk := member.read(_ZIP_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise FatalInputError(rel, f"is damaged (content.xml: {exc})", RESAVE) from None
    return grid.computed


def _no_doctype(rel: str):
    def refuse(*_args) -> None:
        raise FatalInputError(rel, "declares a DTD in content.xml, which spreadsheets never do", RESAVE)

    return refuse


# --- formulas and pivot tables: what tells a summary sheet from a sheet of data -----------------------------------

_FORMULA = re.compile(rb"<f\b([^>]*?)(?:/>|>(.*?)</f>)", re.S)
_SHARED_INDEX = re.compile(rb'\bsi="(\d+)"')
# Functions that summarise other cells (English and French names, as Excel writes them in the file: English).
_AGGREGATE = re.compile(rb"\b(SUM|SUMIFS?|SUMPRODUCT|COUNTA?|COUNTIFS?|SUBTOTAL|AVERAGE|AVERAGEIFS?|MEDIAN|MAX|MIN|"
                        rb"GETPIVOTDATA|AGGREGATE)\s*\(|!", re.I)


@dataclass
class Computed:
    """Formula cells of a sheet: how many, and how many summarise other cells or read other sheets."""

    formulas: int = 0
    summarising: int = 0
    pivot: bool = False
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # .ods only: calamine gives none
    notes: dict[tuple[int, int], str] = field(default_factory=dict)  # .ods: the cells' annotations (calamine: none)


_CELL_XFS = re.compile(rb"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", re.S)
_XF = re.compile(rb"<(?:\w+:)?xf\b([^>]*)/?>")


def styles_xml(zf: zipfile.ZipFile) -> bytes:
    """An xlsx workbook's styles part, or nothing when it has none."""
    try:
        return zf.read("xl/styles.xml")
    except KeyError:
        return b""


def cell_style_attributes(styles: bytes) -> list[bytes]:
    """The attributes of each cell style of a styles part, in order: a cell's ``s="k"`` names the k-th."""
    found = _CELL_XFS.search(styles)
    return _XF.findall(found[1]) if found else []


def styled_cells(xml: bytes, styles: dict[int, object]) -> dict[tuple[int, int], object]:
    """(row, column) (1-based) -> ``styles[k]`` of the cells of a sheet's XML in a style ``k`` of ``styles`` (only
    those cells are matched: a large sheet without them costs one scan by the regular expression engine)."""
    indexes = b"|".join(str(i).encode() for i in sorted(styles))
    cell = re.compile(rb'<(?:\w+:)?c\b(?=[^>]*?\bs="(' + indexes + rb')")[^>]*?\br="([A-Z]+)(\d+)"')
    return {(int(m[3]), column_number(m[2])): styles[int(m[1])] for m in cell.finditer(xml)}


def whole_elements(tail: bytes, chunk: bytes, mark: bytes) -> tuple[bytes, bytes]:
    """(text to read, tail kept for the next chunk) of a part's inflated text fed chunk by chunk: the text up to the
    last ``mark`` (an element the chunk may cut) waits for the next chunk; the empty chunk that ends the part
    releases it."""
    text = tail + chunk
    cut = text.rfind(mark) if chunk else len(text)
    cut = len(text) if cut < 0 else cut
    return text[:cut], text[cut:]


class FormulaCount:
    """The formula cells of one sheet part, counted as its inflated text is fed chunk by chunk (a formula cut by a
    chunk waits for the next one); ``done`` once fed the empty chunk that ends the part."""

    def __init__(self) -> None:
        self.stats = Computed()
        self.shared: dict[bytes, bool] = {}
        self.tail = b""
        self.done = False

    def feed(self, chunk: bytes) -> None:
        body, self.tail = whole_elements(self.tail, chunk, b"<f")
        for match in _FORMULA.finditer(body):
            attributes, formula = match.group(1), match.group(2) or b""
            index = _SHARED_INDEX.search(attributes)
            summarising = (bool(_AGGREGATE.search(formula)) and not is_local_total(formula.decode("latin-1"))
                           if formula
                           else self.shared.get(index.group(1) if index else b"", False))
            if index and formula:
                self.shared[index.group(1)] = summarising
            self.stats.formulas += 1
            self.stats.summarising += summarising
        self.done = not chunk


def computed_cells(zf: zipfile.ZipFile, counted: dict[str, FormulaCount] | None = None) -> dict[str, Computed]:
    """Sheet name -> its formula cells (and whether a pivot table sits on it), for an xlsx workbook. ``counted``:
    the parts already counted while :func:`check_zip` inflated them (the others are inflated here)."""
    names = set(zf.namelist())
    shown = _part_names(zf)
    out: dict[str, Computed] = {}
    for part in sorted(n for n in names if _SHEET_PART.fullmatch(n)):
        count = (counted or {}).get(part)
        if count is None or not count.done:
            count = FormulaCount()
            with zf.open(part) as member:
                while chunk := member.read(_ZIP_CHUNK):
                    count.feed(chunk)
            count.feed(b"")
        stats = count.stats
        relations = part.replace("worksheets/", "worksheets/_rels/") + ".rels"
        if relations in names:
            stats.pivot = b"/pivotTable" in zf.read(relations)
        out[shown.get(part, part)] = stats
    return out
