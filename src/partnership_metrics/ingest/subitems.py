"""Lists nested under a table's rows, read as their own table: a work-management board's export (monday.com) writes
each item's subitems under it, headed by a row of their own ("Subitems | Name | ID financement | Financeur |
Montant"), their cells one column to the right of the item's. A project's subitems are its funding lines, a
start-up's its rounds, an event's its attendees: each row of such a list is a row of that child table, the item
above giving its parent's key.

Read so when a row below the table's header heads a list that reads as the child table lacking only the reference
to its parent; the rows of a list are those after its header that fill only its columns and leave its first column
(the "Subitems" mark) empty. The table's own reading drops them (:mod:`.nested`)."""

from __future__ import annotations

from dataclasses import dataclass

from ..schemas import TABLES
from .normalising import Context, Dropped, SheetResult, normalise_long
from .reading import RawSheet, is_blank
from .recognition import ColumnMatch, Recogniser, Recognition

# The table of each parent's nested lists, and the column of the child naming its parent
CHILDREN = {"projects": ("funding", "project_id"), "startups": ("startup_rounds", "startup_id"),
            "events": ("event_attendance", "event_id")}
MIN_NAMED = 2  # cells of a list's header that name its table's columns in its own words
NESTED = "a list nested under a row of the table (its subitems), read as that list's table"
NOTE = "a list nested under each row of the table above (its subitems), read as this table"


@dataclass
class Subitems:
    """The nested lists of a sheet: the child table, its columns (under the first list's header), the column of the
    parent's key, and for each list's row its parent's key."""

    table: str
    reference: str
    columns: list[ColumnMatch]
    headers: list[int]  # offsets of the lists' header rows
    rows: dict[int, str]  # offset of a list's row -> its parent's key


def find_subitems(sheet: RawSheet, rec: Recognition, recogniser: Recogniser) -> Subitems | None:
    """The lists nested under the rows of ``rec``'s table, or None when the sheet has none."""
    if rec.table not in CHILDREN or rec.grid is not None:
        return None
    child, reference = CHILDREN[rec.table]
    key = next((m.index for m in rec.columns if m.column == TABLES[rec.table].key[0]), None)
    first = min(m.index for m in rec.columns)
    if key is None or not any((first >= len(r) or is_blank(r[first])) and any(not is_blank(c) for c in r)
                              for r in sheet.rows[rec.header_index + 1:]):
        return None  # a list's rows leave the table's first column empty: none, no list (told in one pass)
    found: Recognition | None = None
    headers: list[int] = []
    rows: dict[int, str] = {}
    parent, span = None, None
    for i in range(rec.header_index + 1, len(sheet.rows)):
        row = sheet.rows[i]
        filled = [j for j, c in enumerate(row) if not is_blank(c)]
        if not filled:
            span = None
            continue
        heads = _list_header(sheet, i, child, reference, recogniser) if isinstance(row[filled[0]], str) else None
        if heads is not None and parent is not None and (found is None or _same(heads, found)):
            found, span = found or heads, (filled[0], set(filled))
            headers.append(i)
        elif span is not None and span[0] not in filled and set(filled) <= span[1]:
            rows[i] = parent
        else:
            span = None
            parent = row[key] if key < len(row) and not is_blank(row[key]) else None
            parent = str(parent).strip() if parent is not None else None
    if found is None or not rows:
        return None
    return Subitems(child, reference, found.columns, headers, rows)


def _list_header(sheet: RawSheet, index: int, child: str, reference: str,
                 recogniser: Recogniser) -> Recognition | None:
    cells = [c for c in sheet.rows[index] if not is_blank(c)]
    if len(cells) < MIN_NAMED + 1 or not all(isinstance(c, str) and not any(ch.isdigit() for ch in c) for c in cells):
        return None  # a record: a date, an amount, an id with its number (most rows, told apart cheaply)
    if sum(recogniser.names_table(c, child) for c in cells) < MIN_NAMED:
        return None
    found = recogniser.recognise_at(sheet, index, child)
    return found if found is not None and set(found.missing_required) <= {reference} and not any(
        m.column == reference for m in found.columns) else None


def _same(one: Recognition, other: Recognition) -> bool:
    return [(m.index, m.column) for m in one.columns] == [(m.index, m.column) for m in other.columns]


def normalise_subitems(sheet: RawSheet, items: Subitems, ctx: Context, header_index: int) -> SheetResult:
    """One row of the child table per row of a nested list, its parent's key from the item above it."""
    width = max(m.index for m in items.columns) + 1
    header = [None] * width + [f"[{items.reference}]"]
    for m in items.columns:
        header[m.index] = m.header
    long_rows, origins, dropped = [header], [], []
    for offset in range(header_index + 1, len(sheet.rows)):
        number = sheet.first_row + offset
        if offset in items.rows:
            row = list(sheet.rows[offset][:width]) + [None] * max(0, width - len(sheet.rows[offset]))
            long_rows.append([*row, items.rows[offset]])
            origins.append((number, None))
        else:
            why = "header of a nested list" if offset in items.headers else "a row of the table above, not of its list"
            dropped.append(Dropped(sheet.file, sheet.sheet, number, why))
    columns = [*items.columns, ColumnMatch(width, header[width], items.reference)]
    result = normalise_long(sheet, header_index, long_rows, origins, dropped,
                            Recognition(items.table, 0, columns, []), ctx)
    result.columns = {m.header: m.column for m in columns}
    result.note = NOTE
    return result


def without_subitems(result: SheetResult, sheet: RawSheet, items: Subitems) -> SheetResult:
    """The parent's result with the nested lists' rows it quarantined (a list's header or row read as an item
    lacking its fields) dropped as rows of those lists."""
    numbers = {sheet.first_row + i for i in (*items.headers, *items.rows)} & result.quarantined_rows
    if numbers:
        result.problems = [p for p in result.problems if p.row not in numbers]
        result.cell_problems = [p for p in result.cell_problems if p.row not in numbers]
        result.quarantined_rows -= numbers
        result.dropped = sorted([*result.dropped, *(Dropped(sheet.file, sheet.sheet, n, f"a row of {NESTED}")
                                                    for n in sorted(numbers))], key=lambda d: d.row)
    return result
