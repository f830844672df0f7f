"""A table kept one column per record, its fields written down the first column ("Référence | ANIM-2018-01 |
ANIM-2018-02", then "Date | …", "Intitulé | …"): an events review with one column per event's report, a legacy
sheet of proposals. Turned so that each column is a row, it is read like any other table; each record's source is
its column: its number stands for the row (rows read, accepted, quarantined are the sheet's columns of records) and
its letter is the record's source column.

A sheet is read this way only when no table was recognised in it as it stands and, turned, its first column is the
header of a known table with every required column.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .colour_codes import with_colour_codes
from .column_rereads import columns_reread
from .name_keys import with_name_as_key
from .normalising import Context, SheetResult, normalise_sheet
from .reading import RawSheet, column_letter, is_blank
from .reading.cell_fills import coloured_texts
from .recognition import HEADER_SCAN_ROWS, Recogniser, Recognition

MIN_FIELDS = 3  # a row of the fields column with fewer filled cells is a title or a note above the table
MAX_FIELDS = 60  # a record has a few dozen fields at most: a longer sheet is no table kept one column per record


@dataclass(frozen=True)
class Transposed:
    start: int  # index of the sheet's row holding the first field
    turned: RawSheet  # one row per column of the sheet, the fields' names as the header
    rec: Recognition


def find_transposed(sheet: RawSheet, recogniser: Recogniser, ctx: Context) -> Transposed | None:
    """The sheet turned, one row per column, when so it is a known table (its columns that headers alone misname
    read for what they hold, as in a table the right way round); None otherwise."""
    rows = sheet.rows
    start = next((i for i, row in enumerate(rows[:HEADER_SCAN_ROWS])
                  if row and isinstance(row[0], str) and row[0].strip()
                  and sum(1 for c in row if not is_blank(c)) >= MIN_FIELDS), None)
    if start is None:
        return None
    block = rows[start:]
    if not MIN_FIELDS <= len(block) <= MAX_FIELDS:
        return None
    width = max(len(r) for r in block)
    if width < 3:
        return None
    turned = [[r[j] if j < len(r) else None for r in block] for j in range(width)]
    part = replace(sheet, rows=turned, first_row=1, merged_ranges=[], **_turned_colours(sheet, start, block))
    rec = recogniser.recognise(part)
    rec = (with_name_as_key(rec) or rec) if rec is not None else None  # a start-up's fact sheet: known by its name
    if rec is None or rec.header_index != 0 or rec.missing_required or rec.grid is not None:
        return None
    part, rec = columns_reread(part, rec, recogniser, ctx)  # "Outcome | … | Result" over dates: the result's date
    part, rec = with_colour_codes(part, rec, recogniser.codebook)  # a proposal's column headed in green: funded
    return Transposed(start, part, rec)


def _turned_colours(sheet: RawSheet, start: int, block: list[list]) -> dict:
    """The fills and legend of the sheet turned (``block``: its rows from ``start``): the colours of the table's
    cells, each where its cell is once turned, and the coloured texts below the table (after two blank rows: a
    legend, "Financé" in green) as its legend, else the workbook's other sheets' coloured texts."""
    end = next((i for i in range(1, len(block)) if all(is_blank(c) for c in block[i - 1]) and all(
        is_blank(c) for c in block[i])), len(block))
    first = sheet.first_row + start  # the spreadsheet row of block[0]
    fills = {(column, row - first + 1): colour for (row, column), colour in sheet.fills.items()
             if 0 <= row - first < end}
    below = coloured_texts(block[end:], first + end, sheet.fills, swatches=True)
    return {"fills": fills, "legend_texts": tuple(below) or sheet.legend_texts}


def normalise_transposed_table(sheet: RawSheet, found: Transposed, ctx: Context) -> SheetResult:
    """The records of a table kept one column per record, each traced to its column."""
    origins = [(j + 1, column_letter(j)) for j in range(1, len(found.turned.rows))]
    result = normalise_sheet(found.turned, found.rec, ctx, origins=origins)
    result.header_row = sheet.first_row + found.start
    result.note = (f"one {found.rec.table} record per column, its fields down column A (a record's row is its "
                   "column's number)")
    return result
