"""The people of a row listed in one of its cells: an agenda's events with their attendees joined in one cell,
"COLONNA Julien <julien.colonna@…>; MATHIEU Jean <…>" under "Participants (émargement)". Each person becomes one
row of the child table whose key holds a person (an event's attendance), keyed by the row's id; people are
pseudonymised as in any attendance list.

A column is read so when no column of the sheet's table took it, its header says it lists attendees (a word of
``listed_people_header_words``, ``vocab/words.yaml``: "Participants", "Émargement"; never an event's "Contact") and at
least :data:`MIN_ROWS` of its filled cells list people only, more than its other texts (a remark repeated on many
rows counted once): each item an e-mail address (a name beside it or not) or a name a person's first name tells. A
cell that lists none ("voir plateforme d'inscription") gives no row, listed with why; an empty item (a trailing ";")
is no one.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..privacy import EMAIL
from ..schemas import TABLES
from ..textnorm import fold
from .listed_children import ITEMS, find_listed_children, normalise_listed_children, rows_listed
from .normalising import Context, SheetResult, normalise_long
from .person_columns import names_a_person
from .reading import RawSheet, is_blank
from .recognition import ColumnMatch, Recogniser, Recognition, header_cells

MIN_ROWS = 2  # cells listing people a column needs
MOST = 0.5  # of its cells listing people and its other texts (each once) that must list people


@dataclass(frozen=True)
class ListedPeople:
    table: str  # the child table ("event_attendance")
    key: str  # its parent key ("event_id")
    person: str  # its person column ("attendee")
    own: int  # the sheet's id column
    column: int  # the column listing the people
    header: str


def people_listed(cell) -> list[str] | None:
    """The people a cell lists ("NOM Prénom <e-mail>; …"), or None when any part of it names no one."""
    if not isinstance(cell, str) or not cell.strip():
        return None
    items = [part for part in ITEMS.split(cell.strip()) if part.strip(" ,")]
    return items if items and all(EMAIL.search(item) or names_a_person(item) for item in items) else None


def find_listed_people(sheet: RawSheet, rec: Recognition, recogniser: Recogniser) -> ListedPeople | None:
    """The column of ``sheet`` listing its rows' people (see the module's docstring), or None."""
    table = TABLES[rec.table]
    own = next((m.index for m in rec.columns if table.key == (m.column,)), None)
    if own is None or rec.grid is not None or not rec.unknown:
        return None
    children = [(name, t, c.name) for name, t in TABLES.items() if t.parent is not None and t.parent.table == rec.table
                for c in t.raw_columns if c.kind == "person" and c.name in t.key]
    if not children:
        return None
    name, child, person = children[0]  # (an event's attendance: the one table of people under a parent)
    taken = {m.index for m in rec.columns}
    below = sheet.rows[rec.header_index + 1:]
    for index, text in header_cells(sheet.rows[rec.header_index]):
        said = set(fold(text).split())  # "Required Attendees" of a calendar's meeting: invited, not present
        if index in taken or not said & recogniser.words.listed_people_header_words or said & (
                recogniser.words.invited_header_words):
            continue  # an event's "Contact", its organiser's "Assignee Email": one person, no attendee
        cells = [r[index] for r in below if index < len(r) and not is_blank(r[index])]
        people = [people_listed(c) for c in cells]
        listed = sum(map(bool, people))
        remarks = {" ".join(str(c).split()) for c, found in zip(cells, people, strict=True) if not found}  # once each
        if listed >= MIN_ROWS and listed >= MOST * (listed + len(remarks)):
            return ListedPeople(name, child.parent.key, person, own, index, " ".join(text.split()))
    return None


def normalise_listed_people(sheet: RawSheet, rec: Recognition, listed: ListedPeople, ctx: Context) -> SheetResult:
    """One child row per person listed, every raw row accounted for."""
    header = [f"[{listed.key}]", listed.header]
    columns = [ColumnMatch(0, header[0], listed.key), ColumnMatch(1, header[1], listed.person)]
    long_rows, origins, dropped = rows_listed(
        sheet, rec.header_index, listed.own, listed.column, listed.header,
        lambda cell: [[person] for person in people_listed(cell) or ()],
        lambda cell: "no one listed" if is_blank(cell) else "no person (a remark) listed")
    long_rows.insert(0, header)
    result = normalise_long(sheet, rec.header_index, long_rows, origins, dropped,
                            Recognition(listed.table, 0, columns, []), ctx)
    result.note = f"{listed.table} listed in one cell of each row ({listed.header!r}): one row per person"
    return result


def listed_in_cells(sheet: RawSheet, rec: Recognition, result: SheetResult, recogniser: Recogniser, ctx: Context
                    ) -> list[SheetResult] | None:
    """``result`` with the rows of a child table its rows list in one cell (a start-up's rounds, an event's
    attendees), or None when no column lists them."""
    for find, normalise in ((find_listed_children, normalise_listed_children),
                            (find_listed_people, normalise_listed_people)):
        if (listed := find(sheet, rec, recogniser)) is not None:
            result.unknown_columns = [u for u in result.unknown_columns if " ".join(u.split()) != listed.header]
            return [result, normalise(sheet, rec, listed, ctx)]
    return None
