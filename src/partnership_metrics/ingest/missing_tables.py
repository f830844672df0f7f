"""Tables no sheet was read as: said, with the sheets that might hold them.

A folder whose funding is kept in a form nobody foresaw (a ledger of commitments, one sheet per year) gives no
funding table at all: every KPI reading it has no value. When the folder shows it holds the table — a sheet that
held no known table has headers close to its required columns, or rows of another table belong to its rows (rounds
without their start-ups) — that is a partial run, not a quiet one. The sheets that might hold it are named, each with
a draft mapping rule (the header row, every column's closest header, placeholders for the rest) for
``partnership-metrics inspect`` and the ingestion report.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..schemas import DATA_TABLES, TABLES
from .header_rows import HEADER_SCAN_ROWS
from .normalising import SheetResult
from .reading import RawSheet
from .recognised import EXACT, Recognition
from .recognition import Recogniser, header_cells
from .suggest import guess_columns, mapping_entry
from .tie_breaks import SAMPLE_ROWS

MIN_HEADERS = 3  # texts a row needs to be a candidate header
MIN_DATA_ROWS = 2  # filled rows under it
HEADER_TRIES = 3  # rows tried as its header (a title and a note may come first; its rows are no header)
MIN_NAMED = 2  # required columns its headers must name
MAX_CANDIDATES = 8  # sheets named per missing table (a workbook's sheets of years)


@dataclass(frozen=True)
class Candidate:
    """A sheet that held no known table but might hold a missing one."""

    file: str
    sheet: str | None
    header_row: int  # 1-based spreadsheet row
    matched: dict[str, str]  # table column -> the sheet's closest header
    suggestion: str  # a draft rule of mapping.yaml


@dataclass(frozen=True)
class MissingTable:
    table: str
    candidates: tuple[Candidate, ...]
    children: tuple[str, ...] = ()  # tables read whose rows belong to this one's (rounds without their start-ups)

    @property
    def partial(self) -> bool:
        """Whether the folder shows it holds this table: a sheet that might be it, or rows that belong to it. A
        folder with no trace of a table (a partner that sends only its events) is not a partial run."""
        return bool(self.candidates or self.children)


def kept_head(sheet: RawSheet) -> RawSheet:
    """What of an unrecognised sheet is kept to name it later as a candidate: the rows a header is looked for in
    and the rows sampled under it."""
    return replace(sheet, rows=sheet.rows[:HEADER_SCAN_ROWS + SAMPLE_ROWS])


def missing_tables(sheets: list[SheetResult], found: set[str], recogniser: Recogniser) -> list[MissingTable]:
    """The data tables no sheet was read as, each with the unrecognised sheets that come closest to it (a sheet is
    named for the one missing table its headers name most of)."""
    absent = [t for t in DATA_TABLES if t not in found]
    by_table: dict[str, list[tuple[tuple[int, int], Candidate]]] = {t: [] for t in absent}
    for head in (s.head for s in sheets if s.head is not None):
        scored = [(found_at[0], table, found_at[1]) for table in absent
                  if (found_at := _header_of(head, table, recogniser)) is not None]
        if scored:
            score, table, index = max(scored, key=lambda x: x[0])
            by_table[table].append((score, _candidate(head, table, index, recogniser)))
    for s in sheets:
        s.head = None  # read: not kept in memory past this point
    missing = []
    for table in absent:
        ranked = sorted(by_table[table], key=lambda x: x[0], reverse=True)
        close = [c for score, c in ranked if 2 * score[0] >= ranked[0][0][0]]  # not a far second
        children = tuple(t for t in sorted(found) if t in TABLES and (parent := TABLES[t].parent) is not None
                         and parent.table == table)
        missing.append(MissingTable(table, tuple(close[:MAX_CANDIDATES]), children))
    return missing


def _header_of(sheet: RawSheet, table: str, recogniser: Recogniser) -> tuple[tuple[int, int], int] | None:
    """((required columns named, of them exactly), header index) of the row of ``sheet`` whose headers name most of
    ``table``'s required columns in the header vocabulary's words ("N° EJ", "Date d'engagement": funding), or None
    when no row names MIN_NAMED of them (headers only spelt alike, "SERIES" or "'E'", are no sign of a table)."""
    required = set(TABLES[table].required)
    best = None
    for index in _header_rows(sheet):
        named: dict[str, int] = {}
        for _, text in header_cells(sheet.rows[index]):
            for column, score in recogniser.cell_candidates(table, text):
                if column in required:
                    named[column] = max(named.get(column, 0), score)
        score = (len(named), sum(1 for v in named.values() if v > EXACT))
        if len(named) >= MIN_NAMED and (best is None or score > best[0]):
            best = (score, index)
    return best


def _candidate(sheet: RawSheet, table: str, index: int, recogniser: Recogniser) -> Candidate:
    """``sheet`` as a candidate for ``table`` under its header at ``index``: every column's closest header."""
    rec = Recognition(table, index, [], missing_required=sorted(TABLES[table].required))
    guesses = guess_columns(recogniser, sheet, rec)
    why = f"no sheet was read as {table}: this one might hold it (check every line)"
    return Candidate(sheet.file, sheet.sheet, sheet.first_row + index,
                     {g.column: g.header for g in guesses if g.header is not None},
                     mapping_entry(sheet, rec, guesses, why=why))


def _header_rows(sheet: RawSheet) -> list[int]:
    """The first rows that could head a table: enough texts, and filled rows under them."""
    found = []
    for index, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        if len(header_cells(row)) >= MIN_HEADERS and _data_below(sheet.rows[index + 1:index + 1 + SAMPLE_ROWS]):
            found.append(index)
            if len(found) == HEADER_TRIES:
                break
    return found


def _data_below(rows: list[list]) -> bool:
    filled = sum(1 for row in rows if sum(1 for c in row if c is not None and str(c).strip()) >= 2)
    return filled >= MIN_DATA_ROWS
