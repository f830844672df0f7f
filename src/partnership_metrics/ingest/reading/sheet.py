"""What every reader returns: a sheet as a grid of cells, and the limits that guard the readers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

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
    # Formula cells (xlsx, ods): how many, and how many summarise other cells (SUM, COUNTIF, another sheet...);
    # whether a pivot table sits on the sheet. What tells a summary sheet apart from data.
    formulas: int = 0
    summarising_formulas: int = 0
    pivot: bool = False
    month_first: bool = False  # dates written month first (04/11/2021 is April 11): see ingest/date_order.py
    # Texts outside the sheet that name its subject: a report's summary section ("Sujet: Webinaire Mission Cancer")
    # for its list of participants (see ingest/sections.py, ingest/linking.py).
    context: tuple[str, ...] = ()
    # xlsx: the cells whose number format shows thousands or millions of euros, (row, column) 1-based -> (scaling
    # commas, unit or None when it scales without one): "45" shown "45 k€" (see reading/number_formats.py; read so
    # in the columns of amounts only)
    money_formats: dict[tuple[int, int], tuple[int, str | None]] = field(default_factory=dict)
    # the sheet of the same workbook its title says it is computed from ("Synthèse … (calculée à partir de
    # T_Levees)"): a summary (see ingest/summaries.py)
    derived_from: str | None = None
    # xlsx: the cells filled with a colour, (row, column) 1-based -> the colour's name as the file writes it, and the
    # coloured texts of the workbook's other sheets (a "Lisez-moi" legend): see reading/cell_fills.py and
    # ingest/colour_codes.py (a status given only by a row's colour)
    fills: dict[tuple[int, int], str] = field(default_factory=dict)
    legend_texts: tuple[tuple[str, str], ...] = ()
    # xlsx: the cells' notes (comments), (row, column) 1-based -> the note's text without its author (see
    # reading/cell_notes.py; a header's note may state its unit: "en k€", read by ingest/header_units.py)
    cell_notes: dict[tuple[int, int], str] = field(default_factory=dict)
    # (table, header row index) a part of a sheet is known to hold, read so when its headers alone are not enough:
    # a CRM's licence deals only date their projects (ingest/deal_kinds.py)
    known_table: tuple[str, int] | None = None


@dataclass(frozen=True)
class ReadLimits:
    """What a run may read, each checked before the memory is committed (docs/security.md lists them with their
    flags and the memory they allow)."""

    max_file_bytes: int = 200 * 1024 * 1024  # one raw file (ingest --max-file-mb)
    max_total_bytes: int = 500 * 1024 * 1024  # all raw files together (ingest --max-total-mb)
    max_uncompressed_bytes: int = 1024 * 1024 * 1024  # xlsx/ods are zip archives: refuse zip bombs
    max_compression_ratio: float = 200.0  # per archive member of RATIO_MIN_BYTES or more
    max_cells: int = 30_000_000  # rows x columns of one sheet: a stray cell far away would explode the grid
    max_columns: int = 16_384  # columns of one sheet (Excel's own limit, XFD): a header 200 000 cells wide is no table
    max_text_bytes: int = 256 * 1024 * 1024  # text a workbook's cells hold once shared or repeated texts are copied


WORKBOOK_EXTENSIONS = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})
# Delimited-text extensions and the delimiter assumed when sniffing finds a single column.
TEXT_EXTENSIONS = {".csv": ",", ".tsv": "\t", ".txt": ",", ".psv": "|", ".ssv": ";"}
READ_EXTENSIONS = WORKBOOK_EXTENSIONS | set(TEXT_EXTENSIONS) | {".json"}

# Where an action tells to put a file: replaced by the raw folder of the run, as it was given (read_file).
RAW_FOLDER = "{raw folder}"
RESAVE = f"open it in Excel or LibreOffice, save a copy as .xlsx in {RAW_FOLDER}, and remove this one"


def empty_sheet(rel: str, notes: list[str] | None = None) -> RawSheet:
    return RawSheet(rel, None, [], notes=["empty file", *(notes or [])])


def megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def one_line(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


OTHER_KIND = "__other_kind__"  # the first cell of a row of another kind, left out of a kind's part (record_kinds.py)


def is_blank(cell) -> bool:
    """Whether a cell is empty: None, or text of spaces only."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


def row_texts(row: list) -> tuple[str, ...]:
    """The filled cells of a row as text, spaces made single: how a header row is compared with its copies."""
    return tuple(" ".join(str(c).split()) for c in row if not is_blank(c))


def fills_two(row: list) -> bool:
    """Whether at least two of a row's cells hold something (read no further than the second)."""
    filled = 0
    for v in row:
        if not is_blank(v):
            filled += 1
            if filled == 2:
                return True
    return False


def filled_counts(rows: list[list]) -> list[int]:
    """How many cells of each row hold something (not None, not blank), counted without a Python step per cell:
    the blank cells of a sheet are few, found once among its distinct cells."""
    try:
        blanks = [c for c in set(chain.from_iterable(rows)) if c is not None and not str(c).strip()]
    except TypeError:  # an unhashable cell: counted cell by cell
        return [sum(1 for c in row if not is_blank(c)) for row in rows]
    if not blanks:
        return [len(row) - row.count(None) for row in rows]
    return [len(row) - row.count(None) - sum(row.count(b) for b in blanks) for row in rows]


def distinct_cells(cells) -> list:
    """The cells of an iterable, each once, in order (every cell when one cannot be a key)."""
    cells = list(cells)
    try:
        return list(dict.fromkeys(cells))
    except TypeError:  # an unhashable cell
        return cells


def any_text_holds(rows: list[list], part: str) -> bool:
    """Whether any text cell of ``rows`` holds ``part`` (a tab, a mark): one search of their texts joined, so that
    a sheet without it is passed over at once."""
    return part in "\x00".join(filter(str.__instancecheck__, chain.from_iterable(rows)))


def column_letter(index: int) -> str:
    """A spreadsheet column's letter: 0 -> ``A``, 26 -> ``AA``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_PART = re.compile(r"(?:\s*\(rows \d+-\d+\))+$")  # "Valorisation (rows 46-106)": a part of a sheet (stacked.rows_label)


def whole_sheet_name(name: str | None) -> str | None:
    """The sheet a part of it is named after: ``"LISEZMOI (rows 16-45)"`` -> ``"LISEZMOI"``."""
    return _PART.sub("", name) if name else name
