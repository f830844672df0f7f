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

from pathlib import Path

from ...errors import FatalInputError
from .delimited import read_delimited
from .listing import check_sizes, list_raw_files, unusual_entries, why_ignored
from .lookup_values import with_lookup_values
from .records import read_json
from .sheet import (
    OTHER_KIND,
    RAW_FOLDER,
    READ_EXTENSIONS,
    RESAVE,
    TEXT_EXTENSIONS,
    WORKBOOK_EXTENSIONS,
    Cell,
    RawSheet,
    ReadLimits,
    any_text_holds,
    column_letter,
    distinct_cells,
    empty_sheet,
    filled_counts,
    fills_two,
    is_blank,
    megabytes,
    one_line,
    row_texts,
    whole_sheet_name,
)
from .workbooks import OLE2_MAGIC, ZIP_MAGIC, describe_non_workbook, read_ole2_workbook, read_zip_workbook

__all__ = ["READ_EXTENSIONS", "TEXT_EXTENSIONS", "WORKBOOK_EXTENSIONS", "Cell", "RawSheet", "ReadLimits", "is_blank",
           "OTHER_KIND", "any_text_holds", "distinct_cells", "filled_counts", "fills_two", "check_sizes", "column_letter", "list_raw_files", "read_file", "unusual_entries", "why_ignored",
           "row_texts", "whole_sheet_name"]


def read_file(path: Path, raw_dir: Path, limits: ReadLimits = ReadLimits()) -> list[RawSheet]:
    """Read one raw file into its sheets (one RawSheet per sheet; one for a CSV or JSON file).

    An empty file (0 bytes or only whitespace) gives one RawSheet without rows and the note "empty file".
    Raises ``FatalInputError`` (file, problem, action) for anything that cannot be read: encrypted or damaged
    workbooks, zip bombs, files over the size limits, broken JSON or CSV, undecodable text, other formats under a
    spreadsheet name. Any other exception of a parser is turned into a ``FatalInputError`` too.
    """
    path = Path(path)
    rel = _relative_name(path, Path(raw_dir))
    why = why_ignored(path, Path(raw_dir))  # a link loop, a link leaving the raw folder, a pipe (it would block)
    if why is not None and why.startswith("a link leaving"):
        raise FatalInputError(rel, "is a link to a file outside the raw folder",
                              f"copy the file itself into {_folder(raw_dir)}")
    if why is not None:
        action = "check that it exists and is readable" if why.startswith("cannot") else \
            "put the spreadsheet itself in the raw folder"
        raise FatalInputError(rel, why if why.startswith("cannot") else f"is {why}", action)
    try:
        size = path.stat().st_size
    except OSError as exc:
        problem = f"cannot be opened ({exc.strerror or exc})"
        raise FatalInputError(rel, problem, "check that it exists and is readable") from exc
    if size > limits.max_file_bytes:
        raise FatalInputError(
            rel,
            f"is too large ({megabytes(size)}, the limit is {megabytes(limits.max_file_bytes)})",
            "split it, remove what the project does not need, or raise the limit with ingest --max-file-mb",
        )
    try:
        sheets = _read(path, rel, size, limits)
    except FatalInputError as exc:  # its action names the raw folder of this run, not the default one
        raise FatalInputError(exc.file, exc.problem, exc.action.replace(RAW_FOLDER, _folder(raw_dir))) from exc
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # a parser's surprise, even a Rust panic in calamine (a BaseException): one line
        raise FatalInputError(rel, f"could not be read ({type(exc).__name__}: {one_line(exc)})",
                              RESAVE.replace(RAW_FOLDER, _folder(raw_dir))) from exc
    for sheet in sheets:  # "12;#VAL18-02": a list's lookup, read as its value
        sheet.rows = with_lookup_values(sheet.rows)
    return sheets


def _folder(raw_dir) -> str:
    """The raw folder as the user gave it, ending with "/" (``data/raw/``)."""
    return Path(raw_dir).as_posix().rstrip("/") + "/"


def _read(path: Path, rel: str, size: int, limits: ReadLimits) -> list[RawSheet]:
    ext = path.suffix.lower()
    if size == 0:
        return [empty_sheet(rel)]
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(ZIP_MAGIC):
        return read_zip_workbook(path, rel, ext, limits)
    if head.startswith(OLE2_MAGIC):
        return read_ole2_workbook(path, rel, ext, limits)
    data = path.read_bytes()
    if ext in WORKBOOK_EXTENSIONS:
        what = describe_non_workbook(data)
        if what != "text":
            raise FatalInputError(rel, f"is not a real {ext} workbook (it is {what})", RESAVE)
        sheets = read_delimited(data, rel, ",", limits)
        sheets[0].notes.append(f"delimited text saved with a {ext} extension: read as text")
        return sheets
    if ext == ".json":
        return read_json(data, rel, limits)
    return read_delimited(data, rel, TEXT_EXTENSIONS.get(ext, ","), limits)


def _relative_name(path: Path, raw_dir: Path) -> str:
    for inner, outer in ((path, raw_dir), (path.absolute(), raw_dir.absolute())):
        try:
            return inner.relative_to(outer).as_posix()
        except ValueError:
            continue
    return path.name

