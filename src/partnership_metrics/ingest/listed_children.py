"""A row's children listed in one of its cells: a start-up's rounds written "Subvention Bpifrance 04/2019 : 190 k€ ;
Amorçage 03/2020 : 1,2 M€" under "Levées de fonds". Each item — a label with a date, then after a colon an amount —
becomes one row of the child table, keyed by the row's id: the date is the child's date, the amount its amount and
the label its kind ("Amorçage": a seed round), read as the table's columns read them.

A column is read so when its header names a column of a table whose rows belong to the sheet's (a start-up's rounds),
no column of the sheet's table took it, and at least :data:`MIN_ROWS` of its filled cells (and most of them) list
such items only. A row whose cell lists none ("aucune levée à ce jour") or is empty gives no child: listed as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ParseError
from ..schemas import TABLES
from .normalising import Context, Dropped, SheetResult, normalise_long
from .reading import RawSheet, is_blank
from .recognition import ColumnMatch, Recogniser, Recognition, header_cells

MIN_ROWS = 2  # cells listing items a column needs
MOST = 0.5  # of its filled cells that must list items only
ITEMS = re.compile(r"\s*[;\n|]\s*")  # the items of one cell: "…; …", "… | …", or one per line
_DOTS = re.compile(r"\s+[·•]\s+")  # the parts of one item in a start-up database's export: "Seed · €1.6M · Jul 2020"
# a date as a label writes it: "04/2019", "15/04/2019", "2019-04", "T2 2021", "avril 2019", "2019" (a year alone)
_DATE = re.compile(r"(?<![\w/])(?:\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}/\d{4}|\d{4}-\d{2}(?:-\d{2})?|[TQS][1-4]\s+\d{4}"
                   r"|[^\W\d_]{3,}\.?\s+\d{4}|(?:19|20)\d{2})(?![\w/])", re.IGNORECASE)


@dataclass(frozen=True)
class ListedChildren:
    table: str  # the child table ("startup_rounds")
    key: str  # its parent key ("startup_id")
    own: int  # the sheet's id column
    column: int  # the column listing the children
    header: str
    date: str  # the child table's date, amount and kind columns
    amount: str
    kind: str | None


def _item(text: str, parsers) -> tuple[str, str, str] | None:
    """(label, date, amount) of one item ("Amorçage 03/2020 : 1,2 M€", "Seed · €1.6M · Jul 2020"), or None."""
    if len(parts := _DOTS.split(text.strip())) > 2:
        return _dotted_item(parts, parsers)
    left, colon, right = text.rpartition(":")
    if not colon or not left.strip() or not right.strip() or (left[-1:].isdigit() and right[:1].isdigit()):
        return None  # (no colon of a time: "2019-10-12 09:57:02" is a CRM's record date, no item)
    try:  # an amount, or one not known ("Série B 2023 : NC"): an item whose row is quarantined, the others kept
        if parsers.parse_money(right.strip()) is None and not parsers.is_missing(right.strip()):
            return None
    except ParseError:
        return None
    for found in reversed(list(_DATE.finditer(left))):
        # "seed 2019" is no date: its year alone is ("Pre-seed 2019: €300k")
        for start in (found.start(), *([found.end() - 4] if found.group(0)[-4:].isdigit() else [])):
            try:
                if parsers.parse_date(left[start:found.end()]) is not None:
                    label = (left[:start] + " " + left[found.end():]).strip(" -–—,()")
                    return " ".join(label.split()), left[start:found.end()], right.strip()
            except ParseError:
                continue
    return None


def _dotted_item(parts: list[str], parsers) -> tuple[str, str, str] | None:
    """(label, date, amount) of an item whose parts a start-up database parts by dots ("Series A · €5.2M · May 2021";
    "undisclosed": an amount not known), in any order, or None unless exactly one part is each."""
    dates = [p for p in parts if (not p[:1].isdigit() or len(p) == 4) and _parses(parsers.parse_date, p)]
    amounts = [p for p in parts if p not in dates and (parsers.is_missing(p) or _parses(parsers.parse_money, p))]
    labels = [p for p in parts if p not in dates and p not in amounts]
    return (" ".join(labels), dates[0], amounts[0]) if len(dates) == len(amounts) == 1 and labels else None


def _parses(parse, text: str) -> bool:
    try:
        return parse(text) is not None
    except ParseError:
        return False


def _items(cell, parsers) -> list[tuple[str, str, str]] | None:
    """The items a cell lists, or None when any part of it is no item."""
    if not isinstance(cell, str) or not cell.strip():
        return None
    items = [_item(part, parsers) for part in ITEMS.split(cell.strip()) if part]
    return items if items and all(items) else None


def find_listed_children(sheet: RawSheet, rec: Recognition, recogniser: Recogniser) -> ListedChildren | None:
    """The column of ``sheet`` listing its rows' children (see the module's docstring), or None."""
    table = TABLES[rec.table]
    own = next((m.index for m in rec.columns if table.key == (m.column,)), None)
    if own is None or rec.grid is not None or not rec.unknown:
        return None
    children = [(name, t) for name, t in TABLES.items() if t.parent is not None and t.parent.table == rec.table]
    taken = {m.index for m in rec.columns}
    below = sheet.rows[rec.header_index + 1:]
    for index, text in header_cells(sheet.rows[rec.header_index]):
        if index in taken:
            continue
        for name, child in children:
            if not recogniser.cell_candidates(name, text):
                continue
            cells = [r[index] for r in below if index < len(r) and not is_blank(r[index])]
            listed = sum(1 for c in cells if _items(c, recogniser.parsers))
            if listed >= MIN_ROWS and listed >= MOST * len(cells):
                kinds = [c.name for c in child.raw_columns if c.kind == "code"]
                return ListedChildren(name, child.parent.key, own, index, " ".join(text.split()),
                                      next(c.name for c in child.raw_columns if c.kind == "date"),
                                      next(c.name for c in child.raw_columns if c.kind == "money"),
                                      kinds[0] if kinds else None)
    return None


def rows_listed(sheet: RawSheet, header_index: int, own: int, column: int, header: str, items_of, why
                ) -> tuple[list[list], list[tuple[int, str]], list[Dropped]]:
    """(one row per item a cell of ``column`` lists, the row's id first, then ``items_of(cell)``'s values; where each
    comes from; the rows that list none, each with ``why(cell)``)."""
    rows, origins, dropped = [], [], []
    first = sheet.first_row + header_index + 1
    for offset, row in enumerate(sheet.rows[header_index + 1:]):
        cell = row[column] if column < len(row) else None
        items = [] if is_blank(row[own] if own < len(row) else None) else items_of(cell)
        if not items:
            dropped.append(Dropped(sheet.file, sheet.sheet, first + offset, f"{why(cell)} in {header!r}"))
            continue
        for n, values in enumerate(items):
            rows.append([row[own], *values])
            origins.append((first + offset, f"{header} #{n + 1}"))
    return rows, origins, dropped


def normalise_listed_children(sheet: RawSheet, rec: Recognition, listed: ListedChildren, ctx: Context
                              ) -> SheetResult:
    """One child row per item listed, every raw row accounted for."""
    header = [f"[{listed.key}]", f"{listed.header} (date)", f"{listed.header} (amount)"]
    columns = [ColumnMatch(0, header[0], listed.key), ColumnMatch(1, header[1], listed.date),
               ColumnMatch(2, header[2], listed.amount)]
    if listed.kind is not None:
        header.append(f"{listed.header} (kind)")
        columns.append(ColumnMatch(3, header[3], listed.kind))
    kinded = listed.kind is not None
    long_rows, origins, dropped = rows_listed(
        sheet, rec.header_index, listed.own, listed.column, listed.header,
        lambda cell: [[day, amount, *([label] if kinded else [])] for label, day, amount in _items(cell, ctx.parsers) or ()],
        lambda cell: f"no {listed.table} listed")
    long_rows.insert(0, header)
    result = normalise_long(sheet, rec.header_index, long_rows, origins, dropped,
                            Recognition(listed.table, 0, columns, []), ctx)
    # every column an item gives was read (a KPI of the rounds' dates needs to know), under the cell's header
    result.columns = {listed.header: listed.amount} | {m.header: m.column for m in columns}
    result.note = f"{listed.table} listed in one cell of each row ({listed.header!r}): one row per item"
    return result
