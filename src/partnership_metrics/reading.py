"""Reading raw files into grids of cells, one per sheet (xlsx/xlsm/xls/ods via python-calamine, csv/tsv, json).

- ``RawSheet``: one sheet (or one CSV/JSON file) as a list of rows of Python cell values.
- ``list_raw_files(raw_dir) -> tuple[list[Path], list[Path]]``: (readable files, ignored files), sorted.
- ``read_file(path, raw_dir, limits) -> list[RawSheet]``: raises ``FatalInputError`` for unreadable files.

Formats are recognised by their content (magic bytes), not only by their extension: a workbook saved with a
``.csv`` name is read as a workbook, delimited text saved as ``.xls`` as text (each with a note); HTML pages, PDFs
and other binaries under a spreadsheet name are refused. Zip-based workbooks are checked for zip bombs with
``zipfile`` before python-calamine opens them. No header detection happens here: junk lines, title rows and
blank rows are kept as rows, with their spreadsheet row numbers, for the recognition layer.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import html
import io
import json
import mmap
import os
import pickle
import re
import sys
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import python_calamine as calamine

from .errors import FatalInputError

Cell = None | str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta


@dataclass
class RawSheet:
    file: str  # path relative to the raw folder, with forward slashes
    sheet: str | None  # sheet name; None for a CSV file
    rows: list[list[Any]]  # cells; empty cells are None; strings as written (not stripped)
    first_row: int = 1  # spreadsheet row number (1-based) of rows[0]; rows[i] is row first_row + i
    hidden: bool = False  # hidden or very hidden sheet
    kind: str = "worksheet"  # or "chartsheet"/"dialogsheet"/"macrosheet"/"vba" (no rows), "json" (not a table)
    notes: list[str] = field(default_factory=list)  # what the reader noticed (encoding, delimiter, 1904 dates...)
    # Workbooks: rows[i][j] is column j + 1 (A = 1): leading empty columns are kept as None, so column
    # positions are real. CSV: rows are records (a quoted line break stays in its cell), numbered as Excel would.
    # Merged ranges as 1-based (first_row, first_col, last_row, last_col); a merged range's value sits in its
    # top-left cell, the other cells are None. Empty for CSV/JSON and for .ods (calamine does not report them).
    merged_ranges: list[tuple[int, int, int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class ReadLimits:
    max_file_bytes: int = 200 * 1024 * 1024
    max_uncompressed_bytes: int = 1024 * 1024 * 1024  # xlsx/ods are zip archives: refuse zip bombs
    max_compression_ratio: float = 200.0  # per archive member of 1 MiB or more (smaller ones cannot bomb)
    max_cells: int = 30_000_000  # rows x columns of one sheet: a stray cell far away would explode the grid


WORKBOOK_EXTENSIONS = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})
# Delimited-text extensions and the delimiter assumed when sniffing finds a single column.
TEXT_EXTENSIONS = {".csv": ",", ".tsv": "\t", ".txt": ",", ".psv": "|", ".ssv": ";"}
READ_EXTENSIONS = WORKBOOK_EXTENSIONS | set(TEXT_EXTENSIONS) | {".json"}

DELIMITERS = (";", ",", "\t", "|")
_DELIMITER_NAMES = {";": "';'", ",": "','", "\t": "tab", "|": "'|'"}

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")  # stream name in an encrypted OOXML (an OLE2 file)
_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF_CHARS = 64 * 1024
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")  # control characters, except tab, LF, VT, FF, CR
_SNIFF_ROWS = 200
_ZIP_CHUNK = 1024 * 1024
_RATIO_MIN_BYTES = 1024 * 1024  # members smaller than this cannot bomb, whatever their ratio
_SHEET_PART = re.compile(r"xl/worksheets/[^/]+\.xml")
_DIMENSION = re.compile(rb'<dimension ref="\$?([A-Z]{1,3})\$?([0-9]{1,7})(?::\$?([A-Z]{1,3})\$?([0-9]{1,7}))?"')
_VALUE_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^>]*?(?<!/)>')  # not <c .../>: a style, no value
_RELATION = re.compile(r'<Relationship\b(?=[^>]*\bId="(?P<id>[^"]+)")(?=[^>]*\bTarget="(?P<target>[^"]+)")[^>]*>')
_SHEET_ENTRY = re.compile(r'<(?:\w+:)?sheet\b(?=[^>]*\bname="(?P<name>[^"]*)")(?=[^>]*\br:id="(?P<id>[^"]+)")[^>]*>')
# calamine's enums are not hashable: key by member name ("SheetTypeEnum.ChartSheet" -> "ChartSheet").
_SHEET_KINDS = {
    "WorkSheet": "worksheet",
    "ChartSheet": "chartsheet",
    "DialogSheet": "dialogsheet",
    "MacroSheet": "macrosheet",
    "Vba": "vba",
}

_RESAVE = "open it in Excel or LibreOffice, save a copy as .xlsx in data/raw/, and remove this one"
_PASSWORD_ACTION = "remove the password (File > Info > Protect) and save a copy in data/raw/"
_STRAY_CELLS_ACTION = "delete the stray cells far from the table (Ctrl+End shows the last one) and save it again"


# --------------------------------------------------------------------------------------------------------------
# Listing


def list_raw_files(raw_dir: Path) -> tuple[list[Path], list[Path]]:
    """Return (files to read, files ignored) under ``raw_dir``, recursively, sorted by relative posix path.

    Ignored: other extensions, hidden files and folders, Office lock files (``~$*``), YAML, Markdown and
    README files, and symbolic links that leave ``raw_dir`` (symlinked folders are never entered).
    Raises ``FatalInputError`` when ``raw_dir`` is not a folder.
    """
    root = Path(raw_dir)
    if not root.is_dir():
        raise FatalInputError(str(root), "is not a folder", "create it and put the partners' files in it")
    real_root = root.resolve()
    to_read: list[Path] = []
    ignored: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):  # followlinks=False: symlinked folders are not entered
        here = Path(dirpath)
        for name in list(dirnames):
            if name.startswith(".") or (here / name).is_symlink():
                ignored.append(here / name)
                dirnames.remove(name)
        for name in filenames:
            path = here / name
            (to_read if _is_readable(path, real_root) else ignored).append(path)

    def key(path: Path) -> str:
        return path.relative_to(root).as_posix()

    return sorted(to_read, key=key), sorted(ignored, key=key)


def _is_readable(path: Path, real_root: Path) -> bool:
    name = path.name
    lower = name.lower()
    if name.startswith((".", "~$")) or lower.startswith("readme"):
        return False
    if path.suffix.lower() not in READ_EXTENSIONS:
        return False  # also drops mapping.yaml, *.yml, *.md
    if path.is_symlink():
        target = path.resolve()
        return target.is_file() and target.is_relative_to(real_root)
    return True


# --------------------------------------------------------------------------------------------------------------
# Reading


def read_file(path: Path, raw_dir: Path, limits: ReadLimits = ReadLimits()) -> list[RawSheet]:
    """Read one raw file into its sheets (one RawSheet per sheet; one for a CSV or JSON file).

    An empty file (0 bytes or only whitespace) gives one RawSheet without rows and the note "empty file".
    Raises ``FatalInputError`` (file, problem, action) for anything that cannot be read: encrypted or damaged
    workbooks, zip bombs, files over the size limits, broken JSON or CSV, undecodable text, other formats under a
    spreadsheet name. Any other exception of a parser is turned into a ``FatalInputError`` too.
    """
    path = Path(path)
    rel = _relative_name(path, Path(raw_dir))
    try:
        real = path.resolve()
        if not real.is_relative_to(Path(raw_dir).resolve()):
            raise FatalInputError(
                rel, "is a link to a file outside the raw folder", "copy the file itself into data/raw/"
            )
        size = path.stat().st_size
    except OSError as exc:
        problem = f"cannot be opened ({exc.strerror or exc})"
        raise FatalInputError(rel, problem, "check that it exists and is readable") from exc
    if size > limits.max_file_bytes:
        raise FatalInputError(
            rel,
            f"is too large ({_mb(size)}, the limit is {_mb(limits.max_file_bytes)})",
            "split it, remove what the project does not need, or raise the limit with ingest --max-file-mb",
        )
    try:
        return _read(path, rel, size, limits)
    except (FatalInputError, KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # a parser's surprise, even a Rust panic in calamine (a BaseException): one line
        raise FatalInputError(rel, f"could not be read ({type(exc).__name__}: {_one_line(exc)})", _RESAVE) from exc


def _read(path: Path, rel: str, size: int, limits: ReadLimits) -> list[RawSheet]:
    ext = path.suffix.lower()
    if size == 0:
        return [_empty_sheet(rel)]
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(_ZIP_MAGIC):
        return _read_zip_workbook(path, rel, ext, limits)
    if head.startswith(_OLE2_MAGIC):
        return _read_ole2_workbook(path, rel, ext, limits)
    data = path.read_bytes()
    if ext in WORKBOOK_EXTENSIONS:
        what = _describe_non_workbook(data)
        if what != "text":
            raise FatalInputError(rel, f"is not a real {ext} workbook (it is {what})", _RESAVE)
        sheets = _read_delimited(data, rel, ",")
        sheets[0].notes.append(f"delimited text saved with a {ext} extension: read as text")
        return sheets
    if ext == ".json":
        return _read_json(data, rel)
    return _read_delimited(data, rel, TEXT_EXTENSIONS.get(ext, ","))


def _relative_name(path: Path, raw_dir: Path) -> str:
    for inner, outer in ((path, raw_dir), (path.absolute(), raw_dir.absolute())):
        try:
            return inner.relative_to(outer).as_posix()
        except ValueError:
            continue
    return path.name


def _empty_sheet(rel: str, notes: list[str] | None = None) -> RawSheet:
    return RawSheet(rel, None, [], notes=["empty file", *(notes or [])])


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def _one_line(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------------------------------------------
# Workbooks (python-calamine)


def _read_zip_workbook(path: Path, rel: str, ext: str, limits: ReadLimits) -> list[RawSheet]:
    notes: list[str] = []
    try:
        with zipfile.ZipFile(path) as zf:
            _check_zip(zf, rel, limits)
            kind = _zip_kind(zf, rel)
            if kind == "xlsx":
                _check_sheet_extents(zf, rel, limits)
                if _is_1904(zf):
                    notes.append("1904 date system (dates converted)")
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, NotImplementedError) as exc:  # damage
        raise FatalInputError(
            rel, f"is damaged or truncated ({_one_line(exc)})", "ask the sender for a new copy, or " + _RESAVE
        ) from exc
    expected = {"xlsx": {".xlsx", ".xlsm"}, "ods": {".ods"}}.get(kind, set())
    if ext not in expected:
        notes.append(f"a {kind} workbook saved with a {ext} extension")
    return _read_workbook(path, rel, ext, notes, limits, by_content=ext not in expected)


def _check_zip(zf: zipfile.ZipFile, rel: str, limits: ReadLimits) -> None:
    """Refuse zip bombs from the zip directory, then inflate each member (discarding it) to verify sizes and CRCs.

    The second pass catches archives whose directory lies about sizes: ``zipfile`` stops at the declared size,
    so a member that inflates further fails its CRC check (``BadZipFile``).
    """
    infos = zf.infolist()
    total = sum(info.file_size for info in infos)
    if total > limits.max_uncompressed_bytes:
        raise FatalInputError(
            rel,
            f"would inflate to {_mb(total)} (limit {_mb(limits.max_uncompressed_bytes)}): "
            "refused as a possible zip bomb",
            "open it in Excel, remove unused rows and columns, and save it again",
        )
    for info in infos:
        if info.file_size >= _RATIO_MIN_BYTES:
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
            raise FatalInputError(rel, "is password-protected", _PASSWORD_ACTION)
        try:
            with zf.open(info) as member:
                while member.read(_ZIP_CHUNK):
                    pass
        except NotImplementedError:
            continue  # a compression method zipfile lacks (deflate64): sizes were checked from the directory


def _zip_kind(zf: zipfile.ZipFile, rel: str) -> str:
    names = set(zf.namelist())
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "xlsx"
    if "mimetype" in names:
        mimetype = zf.read("mimetype")[:100].decode("ascii", "replace").strip()
        if mimetype.startswith("application/vnd.oasis.opendocument.spreadsheet"):
            manifest = zf.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
            if b"encryption-data" in manifest:
                raise FatalInputError(rel, "is password-protected", _PASSWORD_ACTION)
            return "ods"
        raise FatalInputError(rel, f"is an OpenDocument file of another kind ({mimetype}), not a spreadsheet", _RESAVE)
    if "word/document.xml" in names:
        raise FatalInputError(rel, "is a Word document, not a spreadsheet", "remove it from data/raw/")
    raise FatalInputError(
        rel, "is a zip archive, not a spreadsheet", "extract the files it holds into data/raw/ and remove the archive"
    )


def _check_sheet_extents(zf: zipfile.ZipFile, rel: str, limits: ReadLimits) -> None:
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
        if dimension and _grid_cells(*dimension.groups()) <= limits.max_cells:
            continue
        first, last = _value_cells_extent(zf, info)
        if first is None or _grid_cells(first[0], first[1], last[0], last[1]) <= limits.max_cells:
            continue
        rows = int(last[1]) - int(first[1]) + 1
        columns = _column_number(last[0])
        raise FatalInputError(
            rel,
            f"has a sheet ({_sheet_name(zf, info.filename)}) spanning {rows} rows x {columns} columns up to cell "
            f"{(last[0] + last[1]).decode()} ({rows * columns} cells, limit {limits.max_cells})",
            _STRAY_CELLS_ACTION,
        )


def _grid_cells(col1: bytes, row1: bytes, col2: bytes | None, row2: bytes | None) -> int:
    """Cells of the grid read_file builds for a used range: its rows x its last column (columns before it are kept)."""
    col2, row2 = col2 or col1, row2 or row1
    return (abs(int(row2) - int(row1)) + 1) * max(_column_number(col1), _column_number(col2))


def _column_number(letters: bytes) -> int:
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
                columns = [_column_number(c) for c in {c for c, _ in found}]
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
    try:
        workbook = zf.read("xl/workbook.xml").decode("utf-8", "replace")
        relations = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return part
    targets = {m["id"]: m["target"] for m in _RELATION.finditer(relations)}
    for sheet in _SHEET_ENTRY.finditer(workbook):
        if targets.get(sheet["id"], "").lstrip("/").removeprefix("xl/") == part.removeprefix("xl/"):
            return html.unescape(sheet["name"])
    return part


def _is_1904(zf: zipfile.ZipFile) -> bool:
    workbook = zf.read("xl/workbook.xml")[:4096] if "xl/workbook.xml" in zf.namelist() else b""
    return re.search(rb'date1904\s*=\s*["\'](1|true)["\']', workbook) is not None


def _read_ole2_workbook(path: Path, rel: str, ext: str, limits: ReadLimits) -> list[RawSheet]:
    if _has_ole2_stream(path, _ENCRYPTION_INFO):
        raise FatalInputError(rel, "is password-protected", _PASSWORD_ACTION)
    notes = [] if ext == ".xls" else [f"an Excel 97-2003 (.xls) workbook saved with a {ext} extension"]
    return _isolated(rel, _read_workbook, path, rel, ext, notes, limits, by_content=ext != ".xls")


_CHILD_MEMORY_BYTES = 8 * 1024**3


def _isolated(rel: str, function, *args, **kwargs):
    """Run ``function`` in a forked child: a damaged .xls can make calamine ask for hundreds of GB and abort the
    process, which no ``except`` catches; in a child (memory capped), that becomes a clear FatalInputError."""
    if not hasattr(os, "fork"):
        return function(*args, **kwargs)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: never returns
        code = 0
        try:
            os.close(read_end)
            try:
                import resource

                resource.setrlimit(resource.RLIMIT_AS, (_CHILD_MEMORY_BYTES, _CHILD_MEMORY_BYTES))
            except (ImportError, ValueError, OSError):
                pass
            try:
                payload = pickle.dumps(("ok", function(*args, **kwargs)), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException as exc:  # sent back to the parent, which re-raises it
                payload = pickle.dumps(("error", exc if isinstance(exc, FatalInputError) else
                                        FatalInputError(rel, f"could not be read ({type(exc).__name__}: "
                                                        f"{_one_line(exc)})", _RESAVE)))
            with os.fdopen(write_end, "wb") as fh:
                fh.write(payload)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        payload = fh.read()
    _, status = os.waitpid(pid, 0)
    if not payload or not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        raise FatalInputError(rel, "is damaged: the Excel 97-2003 reader crashed on it", _RESAVE)
    kind, value = pickle.loads(payload)
    if kind == "error":
        raise value
    return value


def _has_ole2_stream(path: Path, utf16_name: bytes) -> bool:
    """Whether an OLE2 file has a directory entry of that name (128-byte aligned, name length at offset 64)."""
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        at = mm.find(utf16_name)
        while at != -1:
            if at % 128 == 0 and mm[at + 64 : at + 66] == (len(utf16_name) + 2).to_bytes(2, "little"):
                return True
            at = mm.find(utf16_name, at + 1)
    return False


def _read_workbook(
    path: Path, rel: str, ext: str, notes: list[str], limits: ReadLimits, by_content: bool
) -> list[RawSheet]:
    damaged = f"is damaged or not a readable {ext} workbook"
    try:
        with _native_stderr_silenced():
            if by_content:  # from_path picks the parser by extension; from_filelike detects the format
                with open(path, "rb") as fh:
                    workbook = calamine.CalamineWorkbook.from_filelike(fh)
            else:
                workbook = calamine.CalamineWorkbook.from_path(path)
            with workbook:
                sheets = [_read_sheet(workbook, meta, rel, limits) for meta in workbook.sheets_metadata]
    except calamine.PasswordError as exc:
        raise FatalInputError(rel, "is password-protected", _PASSWORD_ACTION) from exc
    except calamine.CalamineError as exc:
        raise FatalInputError(rel, f"{damaged} ({_one_line(exc)})", _RESAVE) from exc
    except BaseException as exc:
        # A Rust panic in calamine (damaged .xls sectors) arrives as pyo3's PanicException, a BaseException.
        if type(exc).__name__ != "PanicException":
            raise
        raise FatalInputError(rel, f"{damaged} (calamine failed: {_one_line(exc)})", _RESAVE) from exc
    if not sheets:
        return [RawSheet(rel, None, [], notes=[*notes, "workbook without sheets"])]
    sheets[0].notes[:0] = notes
    return sheets


@contextlib.contextmanager
def _native_stderr_silenced() -> Iterator[None]:
    """Point file descriptor 2 at /dev/null while calamine runs.

    A Rust panic prints its message (and a backtrace when RUST_BACKTRACE is set) straight to the process's
    stderr before it surfaces as an exception; the user must see one clear line instead.
    """
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (AttributeError, OSError, ValueError):  # no usable stderr: nothing to silence
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def _read_sheet(
    workbook: calamine.CalamineWorkbook, meta: calamine.SheetMetadata, rel: str, limits: ReadLimits
) -> RawSheet:
    hidden = meta.visible != calamine.SheetVisibleEnum.Visible
    notes = ["very hidden sheet"] if meta.visible == calamine.SheetVisibleEnum.VeryHidden else []
    kind = _SHEET_KINDS.get(str(meta.typ).rpartition(".")[2], "other")
    if kind != "worksheet":
        return RawSheet(rel, meta.name, [], hidden=hidden, kind=kind, notes=notes)
    sheet = workbook.get_sheet_by_name(meta.name)
    start = sheet.start
    if start is None:
        return RawSheet(rel, meta.name, [], hidden=hidden, notes=notes)
    first_row, first_col = start
    cells = sheet.height * (first_col + sheet.width)
    if cells > limits.max_cells:
        raise FatalInputError(
            rel,
            f"has a sheet ({meta.name}) spanning {sheet.height} rows x {first_col + sheet.width} columns "
            f"({cells} cells, limit {limits.max_cells})",
            _STRAY_CELLS_ACTION,
        )
    # to_python() starts at sheet.start (first non-empty row and column): restore the real positions.
    pad = [None] * first_col
    rows = [pad + [None if v == "" else v for v in row] for row in sheet.to_python()]
    merged = [(r1 + 1, c1 + 1, r2 + 1, c2 + 1) for (r1, c1), (r2, c2) in sheet.merged_cell_ranges or []]
    return RawSheet(rel, meta.name, rows, first_row=first_row + 1, hidden=hidden, notes=notes, merged_ranges=merged)


def _describe_non_workbook(data: bytes) -> str:
    """What a file that is neither a zip nor an OLE2 file is: "text", or a short description for the error."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf"):
        return "a PDF document"
    if head.startswith((b"<!doctype html", b"<html")) or b"<table" in head:
        return "an HTML page"
    if head.startswith(b"<"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in data[:65536]:
            return "an Excel 2003 XML spreadsheet"
        return "an XML file"
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "binary data of an unknown format"
    return "text"


# --------------------------------------------------------------------------------------------------------------
# Delimited text


def _read_delimited(data: bytes, rel: str, default_delimiter: str) -> list[RawSheet]:
    text, encoding = _decode(data, rel)
    if not text.strip():
        return [_empty_sheet(rel, [f"encoding: {encoding}"])]
    notes = [f"encoding: {encoding}"]
    text, newline_note = _normalise_newlines(text)
    notes.append(newline_note)
    text = _drop_stray_nuls(text, rel, notes)
    delimiter, single_column = _sniff_delimiter(text, default_delimiter)
    notes.append(f"delimiter: {_DELIMITER_NAMES[delimiter]}" + (" (one column found)" if single_column else ""))
    rows = _parse_delimited(text, delimiter, rel)
    return [RawSheet(rel, None, rows, notes=notes)]


def _decode(data: bytes, rel: str) -> tuple[str, str]:
    """Decode bytes: a BOM decides; else UTF-16 without BOM (NUL bytes), UTF-8, cp1252, latin-1 in that order."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding.removesuffix("-sig")), encoding
            except UnicodeDecodeError as exc:
                raise FatalInputError(
                    rel,
                    f"cannot be decoded as {encoding}, the encoding its first bytes announce (byte {exc.start})",
                    "save it again as CSV UTF-8",
                ) from exc
    utf16 = _guess_utf16(data)
    candidates = ([utf16] if utf16 else []) + ["utf-8", "cp1252", "latin-1"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII-range text has a NUL in every other byte."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _normalise_newlines(text: str) -> tuple[str, str]:
    """Name the line-ending convention of the first lines; turn CR CR LF (a double conversion) into LF.

    Left alone, CR CR LF gives a blank row after every row. The csv module handles LF, CRLF and CR itself.
    """
    sample = text[:_SNIFF_CHARS]
    crcrlf = sample.count("\r\r\n")
    crlf = sample.count("\r\n") - crcrlf
    cr = sample.count("\r") - crlf - 2 * crcrlf
    lf = sample.count("\n") - crlf - crcrlf
    counts = {"CR CR LF": crcrlf, "CRLF": crlf, "CR": cr, "LF": lf}
    style = max(counts, key=counts.__getitem__) if any(counts.values()) else "none"
    if "\r\r\n" in text:
        text = text.replace("\r\r\n", "\n")
    return text, f"newlines: {style}"


def _drop_stray_nuls(text: str, rel: str, notes: list[str]) -> str:
    """Refuse binary content; remove the odd NUL character some exports leave in text."""
    sample = text[:_SNIFF_CHARS]
    if len(_CONTROL_CHARS.findall(sample)) > 0.02 * len(sample):
        raise FatalInputError(rel, "is not a text file (it holds binary data)", "export the table as CSV or XLSX")
    nuls = text.count("\x00")
    if nuls:
        notes.append(f"removed {nuls} NUL character(s)")
        text = text.replace("\x00", "")
    return text


def _sniff_delimiter(text: str, default: str) -> tuple[str, bool]:
    """Pick the delimiter whose first rows have the most consistent column count above 1.

    Ties go to the wider split, then to ``default`` (the extension's delimiter), then to ``DELIMITERS`` order.
    Returns (delimiter, True when no candidate splits the rows into more than one column).
    """
    sample = text[:_SNIFF_CHARS]
    truncated = len(text) > len(sample)
    order = [default, *(d for d in DELIMITERS if d != default)]
    best: tuple[float, int, int] | None = None
    chosen = default
    for rank, delimiter in enumerate(order):
        rows = []
        try:
            for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
                rows.append(row)
                if len(rows) > _SNIFF_ROWS:
                    break
        except csv.Error:
            continue
        if truncated and len(rows) > 1:
            rows.pop()  # probably cut in the middle
        widths = Counter(len(row) for row in rows if any(cell.strip() for cell in row))
        if not widths:
            continue
        freq, width = max((f, w) for w, f in widths.items())
        if width < 2:
            continue
        score = (freq / sum(widths.values()), width, -rank)
        if best is None or score > best:
            best, chosen = score, delimiter
    return chosen, best is None


def _parse_delimited(text: str, delimiter: str, rel: str) -> list[list[str | None]]:
    unclosed = FatalInputError(
        rel,
        'has a quote (") that is never closed, so the rest of the file would be one cell',
        "close or remove the quote, then save the file again",
    )
    odd_quotes = text.count('"') % 2 == 1
    try:
        rows = [[v or None for v in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        if odd_quotes:
            raise unclosed from exc
        problem = f"is not a readable delimited file ({_one_line(exc)})"
        raise FatalInputError(rel, problem, "fix the file or save it again as CSV") from exc
    if odd_quotes:
        # Lenient parsing swallows everything after an unclosed quote; strict parsing tells that case apart.
        try:
            for _ in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
                pass
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                raise unclosed from exc
    return rows


# --------------------------------------------------------------------------------------------------------------
# JSON


def _read_json(data: bytes, rel: str) -> list[RawSheet]:
    text, encoding = _decode(data, rel)
    if not text.strip():
        return [_empty_sheet(rel, [f"encoding: {encoding}"])]
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = f"is not valid JSON (line {exc.lineno}, column {exc.colno})"
        raise FatalInputError(rel, problem, "fix or remove the file") from exc
    notes = [f"encoding: {encoding}"]
    if isinstance(value, list) and value and all(_is_flat_object(item) for item in value):
        keys = list(dict.fromkeys(key for item in value for key in item))
        rows: list[list[Any]] = [list(keys)]
        rows += [[None if (v := item.get(k)) == "" else v for k in keys] for item in value]
        return [RawSheet(rel, None, rows, notes=[*notes, f"JSON list of {len(value)} flat objects"])]
    return [RawSheet(rel, None, [], kind="json", notes=[*notes, _describe_json(value)])]


def _is_flat_object(item: Any) -> bool:
    return isinstance(item, dict) and not any(isinstance(v, (dict, list)) for v in item.values())


def _describe_json(value: Any) -> str:
    if isinstance(value, dict):
        keys = ", ".join(list(value)[:10])
        return f"JSON object (keys: {keys}), not a list of flat records"
    if isinstance(value, list):
        return f"JSON list of {len(value)} items, not all flat objects"
    return f"JSON {type(value).__name__}, not a list of flat records"
