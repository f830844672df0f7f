"""Workbooks (xlsx/xlsm/xls/ods) through python-calamine, guarded against zip bombs, stray far cells, damaged
.xls files (read in a memory-capped child process) and passwords."""

from __future__ import annotations

import codecs
import contextlib
import mmap
import os
import pickle
import sys
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import python_calamine as calamine

from ...errors import FatalInputError
from .archives import (
    PASSWORD_ACTION,
    STRAY_CELLS_ACTION,
    check_ods_grid,
    check_sheet_extents,
    check_text_volume,
    check_zip,
    computed_cells,
    is_1904,
    sheet_parts,
    zip_kind,
)
from .cell_fills import WorkbookFills, coloured_texts
from .cell_notes import cell_notes
from .indents import MAX_INDENTED_BYTES, indent_styles, indented_cells, with_indents
from .number_formats import money_cells, money_styles
from .sheet import RESAVE, RawSheet, ReadLimits, one_line
from .text_boxes import text_boxes, with_text_boxes

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")  # stream name in an encrypted OOXML (an OLE2 file)
# calamine's enums are not hashable: key by member name ("SheetTypeEnum.ChartSheet" -> "ChartSheet").
_SHEET_KINDS = {
    "WorkSheet": "worksheet",
    "ChartSheet": "chartsheet",
    "DialogSheet": "dialogsheet",
    "MacroSheet": "macrosheet",
    "Vba": "vba",
}



def read_zip_workbook(path: Path, rel: str, ext: str, limits: ReadLimits) -> list[RawSheet]:
    notes: list[str] = []
    computed: dict = {}
    formulas: dict = {}  # sheet part -> its formula cells, counted while check_zip inflates it
    units: dict = {}  # sheet name -> its cells whose number format shows k€ or M€ (number_formats.py)
    fills: dict = {}  # sheet name -> its cells filled with a colour (cell_fills.py)
    indents: dict = {}  # sheet name -> its text cells indented by their format (indents.py)
    notes_of: dict = {}  # sheet name -> its cells' notes (cell_notes.py)
    boxes: dict = {}  # sheet name -> the texts of the boxes drawn over it (text_boxes.py)
    try:
        with zipfile.ZipFile(path) as zf:
            coloured = WorkbookFills(zf)
            check_zip(zf, rel, limits, formulas, coloured.scanner)
            kind = zip_kind(zf, rel)
            if kind == "ods":
                computed = check_ods_grid(zf, rel, limits)
            if kind == "xlsx":
                check_sheet_extents(zf, rel, limits)
                check_text_volume(zf, rel, limits)
                computed = computed_cells(zf, formulas)
                if styles := money_styles(zf):
                    units = {name: money_cells(zf.read(part), styles) for name, part in sheet_parts(zf).items()}
                if styles := indent_styles(zf):  # (an export's large sheet is no outline kept by a person)
                    indents = {name: indented_cells(zf.read(part), styles) for name, part in sheet_parts(zf).items()
                               if zf.getinfo(part).file_size <= MAX_INDENTED_BYTES}
                fills = {name: scan.cells for name, part in sheet_parts(zf).items()
                         if (scan := coloured.scans.get(part)) is not None and scan.done}
                notes_of = cell_notes(zf)
                boxes = text_boxes(zf)
                if is_1904(zf):
                    notes.append("1904 date system (dates converted)")
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, NotImplementedError) as exc:  # damage
        raise FatalInputError(
            rel, f"is damaged or truncated ({one_line(exc)})", "ask the sender for a new copy, or " + RESAVE
        ) from exc
    expected = {"xlsx": {".xlsx", ".xlsm"}, "ods": {".ods"}}.get(kind, set())
    if ext not in expected:
        notes.append(f"a {kind} workbook saved with a {ext} extension")
    sheets = _read_workbook(path, rel, ext, notes, limits, by_content=ext not in expected)
    for sheet in sheets:
        sheet.money_formats = units.get(sheet.sheet, {})
        sheet.fills = fills.get(sheet.sheet, {})
        sheet.cell_notes = notes_of.get(sheet.sheet, {})
        if indents.get(sheet.sheet):
            sheet.rows = with_indents(sheet.rows, sheet.first_row, indents[sheet.sheet])
        if sheet.sheet in boxes and sheet.kind == "worksheet":  # a slide pasted into Excel: one box per indicator
            sheet.rows, sheet.first_row = with_text_boxes(sheet.rows, sheet.first_row, boxes[sheet.sheet])
            sheet.notes.append(f"{len(boxes[sheet.sheet])} text boxes read as the cells under their corners")
        found = computed.get(sheet.sheet)
        if found is not None:
            sheet.formulas, sheet.summarising_formulas, sheet.pivot = found.formulas, found.summarising, found.pivot
            sheet.merged_ranges = sheet.merged_ranges or found.merged
            sheet.cell_notes = sheet.cell_notes or found.notes
    if fills:
        texts = {s.sheet: coloured_texts(s.rows, s.first_row, s.fills) for s in sheets}
        for sheet in sheets:
            sheet.legend_texts = tuple(t for name, found in texts.items() if name != sheet.sheet for t in found)
    return sheets


def read_ole2_workbook(path: Path, rel: str, ext: str, limits: ReadLimits) -> list[RawSheet]:
    if _has_ole2_stream(path, _ENCRYPTION_INFO):
        raise FatalInputError(rel, "is password-protected", PASSWORD_ACTION)
    notes = [] if ext == ".xls" else [f"an Excel 97-2003 (.xls) workbook saved with a {ext} extension"]
    budget = min(CHILD_MEMORY_BASE + CHILD_MEMORY_PER_BYTE * path.stat().st_size, CHILD_MEMORY_MAX)
    return _isolated(rel, _read_workbook, path, rel, ext, notes, limits, by_content=ext != ".xls", budget=budget)


# An .xls cannot be measured before calamine reads it (its grid is bounded by the format, 65 536 x 256, but a shared
# string can be copied into every cell), so it is read in a child whose new memory is capped: 1 GB plus 40 times
# the file's size, at most 8 GB; beyond, the child dies and the file is refused in one line.
CHILD_MEMORY_BASE = 1024**3
CHILD_MEMORY_PER_BYTE = 40
CHILD_MEMORY_MAX = 8 * 1024**3


def _address_space() -> int:
    """The virtual memory this process already uses (the child inherits it), 0 when unknown."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return 0


def _isolated(rel: str, function, *args, budget: int = CHILD_MEMORY_MAX, **kwargs):
    """Run ``function`` in a forked child: a damaged .xls can make calamine ask for hundreds of GB and abort the
    process, which no ``except`` catches; in a child (memory capped at ``budget`` bytes more than this process
    uses), that becomes a clear FatalInputError."""
    if not hasattr(os, "fork"):
        return function(*args, **kwargs)
    cap = _address_space() + budget
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: never returns
        code = 0
        try:
            os.close(read_end)
            try:
                import resource

                soft, hard = resource.getrlimit(resource.RLIMIT_AS)
                limit = min([cap] + [x for x in (soft, hard) if x != resource.RLIM_INFINITY])
                resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
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
        raise FatalInputError(rel, f"is damaged, or would need more than {budget // 1024**2} MB once read: the Excel "
                                   "97-2003 reader stopped on it", RESAVE)
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
        raise FatalInputError(rel, "is password-protected", PASSWORD_ACTION) from exc
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
            STRAY_CELLS_ACTION,
        )
    # to_python() starts at sheet.start (first non-empty row and column): restore the real positions.
    rows = _with_blanks_as_none(sheet.to_python(), first_col)
    merged = [(r1 + 1, c1 + 1, r2 + 1, c2 + 1) for (r1, c1), (r2, c2) in sheet.merged_cell_ranges or []]
    return RawSheet(rel, meta.name, rows, first_row=first_row + 1, hidden=hidden, notes=notes, merged_ranges=merged)


def _with_blanks_as_none(rows: list[list], first_col: int) -> list[list]:
    """calamine's rows with its empty cells ("") as None, after ``first_col`` empty columns; a row without an empty
    cell (most rows of a data sheet) is kept as calamine made it, not copied cell by cell."""
    pad = [None] * first_col
    out = [[None if v == "" else v for v in row] if "" in row else row for row in rows]
    return [pad + row for row in out] if pad else out


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

