"""A child table kept as a matrix of its kinds, as reviews lay it out: one row per parent (a start-up), one column per
kind of child ("Start-up | Pre-seed / amorçage | Seed | Série A | Subventions (i-Lab, BPI…) | Total levé"), each
filled cell the child's amount and date ("5,41 M€ – 05/2019", "220 k€ (04/02/2019)").

Each filled cell of a kind's column is one child row: the parent the row's name, the kind the column's header (read
by the code book), the amount and the date the cell's; a cell without its date is quarantined as the date missing.
The other columns ("Total levé", "Notes") are left out, and rows with no filled cell are dropped with why. Read so
when a header row names at least :data:`MIN_KINDS` kinds of one coded column beside the column naming the parent,
and most filled cells under them read as an amount with a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ParseError
from ..schemas import TABLES
from .normalising import Context, Dropped, SheetResult, normalise_long
from .reading import RawSheet, is_blank
from .recognition import HEADER_SCAN_ROWS, ColumnMatch, Recogniser, Recognition, header_cells
from .row_screen import row_kind

MIN_KINDS = 2  # kinds' columns
MIN_CELLS = 2  # filled cells that read as an amount and a date
MOST = 0.8  # of the filled cells under the kinds' columns
# "5,41 M€ – 05/2019", "220 k€ (04/02/2019)", "150 k€": an amount, then its date after a dash or in brackets
_CELL = re.compile(r"^(?P<amount>[^()–—]*?\d[^()–—]*?)\s*(?:\((?P<bracketed>[^()]+)\)|[–—-]\s+(?P<dashed>[^()]+))?\s*$")


@dataclass(frozen=True)
class KindMatrix:
    table: str  # the child table ("startup_rounds")
    header_index: int
    parent: int  # the column naming each row's parent
    kinds: dict[int, str]  # column -> its header, naming a kind of the child
    key: str  # the child's column naming its parent ("startup_id")
    kind: str  # its coded column ("round_type")
    date: str
    amount: str


def find_kind_matrix(sheet: RawSheet, recogniser: Recogniser) -> KindMatrix | None:
    """The matrix of kinds ``sheet`` holds (see the module's docstring), or None."""
    for table, spec in TABLES.items():
        if spec.parent is None or not (columns := _columns(table)):
            continue
        kind, date, amount = columns
        for index, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
            headers = header_cells(row)
            kinds = {j: text for j, text in headers if recogniser.codebook.find(table, kind, text) not in (None, "other")}
            parent = next((j for j, text in headers if j not in kinds and any(
                column == spec.parent.key for column, _ in recogniser.cell_candidates(table, text))), None)
            if len(kinds) < MIN_KINDS or parent is None:
                continue
            cells = [r[j] for r in sheet.rows[index + 1:] for j in kinds if j < len(r) and not is_blank(r[j])]
            read = sum(1 for c in cells if (found := _split(c, recogniser.parsers)) and found[1])
            if read >= MIN_CELLS and read >= MOST * len(cells):
                return KindMatrix(table, index, parent, kinds, spec.parent.key, kind, date, amount)
    return None


def _columns(table: str) -> tuple[str, str, str] | None:
    """(coded, date, money) columns of a child table dated and costed by kind (a start-up's rounds), else None."""
    columns = TABLES[table].raw_columns
    found = [next((c.name for c in columns if c.kind == kind and (kind != "code" or c.codes)), None)
             for kind in ("code", "date", "money")]
    return tuple(found) if all(found) else None


def _split(cell, parsers) -> tuple[str, str | None] | None:
    """(amount, date or None) as a cell writes them, or None when it reads as no amount."""
    if not isinstance(cell, str) or not (found := _CELL.match(cell.strip())):
        return None
    amount, date = found["amount"].strip(), (found["bracketed"] or found["dashed"] or "").strip() or None
    try:
        if parsers.parse_money(amount) is None or (date is not None and parsers.parse_date(date) is None):
            return None
    except ParseError:
        return None
    return amount, date


def kind_matrix_result(sheet: RawSheet, matrix: KindMatrix, ctx: Context) -> SheetResult:
    """One child row per filled cell of the kinds' columns, every raw row accounted for."""
    header = [f"[{matrix.key}]", f"[{matrix.kind}]", f"[{matrix.amount}]", f"[{matrix.date}]"]
    columns = [ColumnMatch(i, text, column) for i, (text, column) in enumerate(zip(
        header, (matrix.key, matrix.kind, matrix.amount, matrix.date), strict=True))]
    rec = Recognition(matrix.table, matrix.header_index, [ColumnMatch(matrix.parent, "", matrix.key)], [])
    header_texts = tuple(t for _, t in header_cells(sheet.rows[matrix.header_index]))
    long_rows: list[list] = [header]
    origins, dropped = [], []
    first = sheet.first_row + matrix.header_index + 1
    for offset, row in enumerate(sheet.rows[matrix.header_index + 1:]):
        number = first + offset
        filled = [(j, row[j]) for j in matrix.kinds if j < len(row) and not is_blank(row[j])]
        if not filled or is_blank(row[matrix.parent] if matrix.parent < len(row) else None):
            why = row_kind(row, rec, header_texts, {matrix.parent}, ctx.words) or f"no {matrix.table} in its cells"
            dropped.append(Dropped(sheet.file, sheet.sheet, number, why))
            continue
        for j, cell in filled:
            amount, date = _split(cell, ctx.parsers) or (cell, None)
            long_rows.append([row[matrix.parent], matrix.kinds[j], amount, date])
            origins.append((number, matrix.kinds[j]))
    result = normalise_long(sheet, matrix.header_index, long_rows, origins, dropped,
                            Recognition(matrix.table, 0, columns, []), ctx)
    # every column a cell gives was read (a KPI of the rounds' dates needs to know), under the kinds' headers
    result.columns = {text: matrix.amount for text in matrix.kinds.values()} | {m.header: m.column for m in columns}
    result.note = f"{matrix.table} kept as a matrix of kinds ({', '.join(matrix.kinds.values())}): one row per filled cell"
    return result
