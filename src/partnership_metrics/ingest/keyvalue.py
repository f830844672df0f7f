"""Sheets kept as a log of attributes — "Event ref | Attribute | Value", one row per thing and attribute — turned
into one row per thing, then read like any other table.

A sheet is read this way only when nothing else recognised it, when its header holds three cells (the thing's id,
the attribute, the value, in this order) or these three beside one or two of the log's own (a "Date de
modification", a "Modifié par", whose values are not kept) and when the attributes, taken as headers, make a table recognition knows with all its
required columns. The first row of each thing is where its record comes from (``source_row``); its other rows are
listed as read with it, so that every raw row is still accounted for.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import combinations

from .normalising import Context, Dropped, SheetResult, normalise_sheet
from .reading import RawSheet, is_blank
from .recognition import HEADER_SCAN_ROWS, Recogniser, Recognition

MIN_ATTRIBUTES = 3  # fewer distinct attributes is a plain three-column table, not a log of attributes
MAX_COLUMNS = 5  # a log of attributes is narrow: wider sheets are not tried (it keeps the check cheap)


@dataclass
class KeyValue:
    header_index: int
    pivoted: RawSheet  # a header (the id's, then the attributes in order of appearance), one row per thing
    origins: list[tuple[int, str | None]]  # raw row number of each thing's first row
    dropped: list[Dropped]  # the things' other rows and the blank rows, each with why
    rec: Recognition



def find_key_value(sheet: RawSheet, recogniser: Recogniser) -> KeyValue | None:
    """The sheet as one row per thing when it is a log of attributes of a known table; None otherwise."""
    if not sheet.rows or max(len(r) for r in sheet.rows) > MAX_COLUMNS + 8:
        return None
    for index, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        filled = [i for i, c in enumerate(row) if not is_blank(c)]
        if not 3 <= len(filled) <= 5 or not all(isinstance(row[i], str) for i in filled):
            continue
        for found in filter(None, (_pivot(sheet, index, *three) for three in combinations(filled, 3))):
            rec = recogniser.recognise(found.pivoted)
            if rec is not None and rec.header_index == 0 and not rec.missing_required and rec.grid is None:
                found.rec = rec
                return found
    return None


def _pivot(sheet: RawSheet, header_index: int, id_col: int, attr_col: int, value_col: int) -> KeyValue | None:
    cell = lambda row, i: row[i] if i < len(row) else None  # noqa: E731
    things: dict[str, dict] = {}
    firsts: dict[str, int] = {}
    attributes: dict[str, None] = {}
    dropped: list[Dropped] = []
    current = None
    first = sheet.first_row + header_index + 1
    for offset, row in enumerate(sheet.rows[header_index + 1:]):
        number = first + offset
        thing, attribute = cell(row, id_col), cell(row, attr_col)
        if all(is_blank(c) for c in row):
            dropped.append(Dropped(sheet.file, sheet.sheet, number, "blank row"))
            continue
        if not is_blank(thing):
            current = " ".join(str(thing).split())
        if current is None or is_blank(attribute) or not isinstance(attribute, str):
            return None  # not a log of attributes: a row without its thing or its attribute
        attribute = " ".join(attribute.split())
        attributes.setdefault(attribute, None)
        values = things.setdefault(current, {})
        if current not in firsts:
            firsts[current] = number
        else:
            dropped.append(Dropped(sheet.file, sheet.sheet, number,
                                   f"attribute {attribute!r} of {current}, read with row {firsts[current]}"))
        values[attribute] = cell(row, value_col)
    if len(attributes) < MIN_ATTRIBUTES or len(things) < 2:
        return None
    header = [sheet.rows[header_index][id_col], *attributes]
    rows = [header] + [[thing] + [values.get(a) for a in attributes] for thing, values in things.items()]
    pivoted = replace(sheet, rows=rows, first_row=1, merged_ranges=[])
    return KeyValue(header_index, pivoted, [(firsts[t], None) for t in things], dropped, None)


def normalise_key_value(sheet: RawSheet, found: KeyValue, ctx: Context) -> SheetResult:
    """Records, quarantine and dropped rows of a log of attributes, every raw row below its header accounted for."""
    result = normalise_sheet(found.pivoted, found.rec, ctx, origins=found.origins)
    result.header_row = sheet.first_row + found.header_index
    result.rows_read = len(sheet.rows) - found.header_index - 1
    result.dropped.extend(found.dropped)
    result.note = (f"log of attributes ({', '.join(map(repr, found.pivoted.rows[0][1:]))}): one {found.rec.table} "
                   "row per thing")
    return result
