"""Workbooks (xlsx/xlsm/xls/ods) through python-calamine, guarded against zip bombs, stray far cells, damaged
.xls files (read in a memory-capped child process) and passwords."""

from __future__ import annotations

import codecs
import contextlib
import html
import mmap
import os
import pickle
import re
import sys
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import python_calamine as calamine

from ...errors import FatalInputError
from .sheet import RESAVE, RawSheet, ReadLimits, megabytes, one_line

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")  # stream name in an encrypted OOXML (an OLE2 file)
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

_PASSWORD_ACTION = "remove the password (File > Info > Protect) and save a copy in data/raw/"
_STRAY_CELLS_ACTION = "delete the stray cells far from the table (Ctrl+End shows the last one) and save it again"


def read_zip_workbook(path: Path, rel: str, ext: str, limits: ReadLimits) -> list[RawSheet]:
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
            rel, f"is damaged or truncated ({one_line(exc)})", "ask the sender for a new copy, or " + RESAVE
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
            f"would inflate to {megabytes(total)} (limit {megabytes(limits.max_uncompressed_bytes)}): "
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
        raise FatalInputError(rel, f"is an OpenDocument file of another kind ({mimetype}), not a spreadsheet", RESAVE)
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


def read_ole2_workbook(path: Path, rel: str, ext: str, limits: ReadLimits) -> list[RawSheet]:
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
                                                        f"{one_line(exc)})", RESAVE)))
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
        raise FatalInputError(rel, "is damaged: the Excel 97-2003 reader crashed on it", RESAVE)
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
        raise FatalInputError(rel, f"{damaged} ({one_line(exc)})", RESAVE) from exc
    except BaseException as exc:
        # A Rust panic in calamine (damaged .xls sectors) arrives as pyo3's PanicException, a BaseException.
        if type(exc).__name__ != "PanicException":
            raise
        raise FatalInputError(rel, f"{damaged} (calamine failed: {one_line(exc)})", RESAVE) from exc
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


def describe_non_workbook(data: bytes) -> str:
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

