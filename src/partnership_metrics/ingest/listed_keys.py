"""A row that lists its parents in one cell: a contacts file keeps one row per person and the events they attended
in a column ("Participations (réf. actions)": "AN-21-01 ; AN-22-05"), as a start-up's row may list its rounds'
references. One row of the table per reference listed.

A column is such a list when the sheet has no column of its table's parent key (or only one from the file's name)
and its written cells are references (codes holding a digit: "AN-21-01") separated by ";", "," or line breaks, one
cell at least listing several; or lines of text naming one event each, its reference beside its date, as a form
exports the options ticked ("Module 1 – Propriété intellectuelle (AN-23-04, 27/06/2023)"; "GT-1 Immunothérapie", a
working group, names no event). A row that lists none is dropped with that reason; every row is accounted for.
"""

from __future__ import annotations

import re

from ..schemas import TABLES
from .normalising import Context, SheetResult
from .per_parent import normalise_per_parent
from .reading import RawSheet, is_blank
from .recognition import Recognition

_SEPARATOR = re.compile(r"\s*[;,\n]\s*")
_REFERENCE = re.compile(r"^(?=[^\s]*\d)[A-Za-z0-9][A-Za-z0-9._/-]*$")  # "AN-21-01", "EV2103": a code with a digit
# a reference inside a line of text: letters and digits parted by "-", "_" or "." ("AN-23-04"; not "27/06/2023",
# nor a part of an e-mail address or a web address)
_EMBEDDED = re.compile(r"(?<![\w/.@-])(?=[A-Za-z0-9._-]*[A-Za-z])(?=[A-Za-z0-9._-]*\d)[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+(?![\w/@-])")
# the date beside it that makes the line an event's ("27/06/2023", "2023-06-27", "27 juin 2023")
_EVENT_DATE = re.compile(r"(?<!\d)(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2}"
                         r"|\d{1,2}(?:er)?\s+[^\W\d_]+\.?\s+\d{4})(?!\d)")
MIN_SHARE = 0.8  # of a column's written cells that list references only
MIN_CELLS = 3


def _references(cell) -> list[str] | None:
    """The references a cell lists, in order and once each; None when it holds anything else. A cell of several
    lines may name one event in each line's text, its reference beside its date, as a form's ticked options do
    ("Module 1 – Propriété intellectuelle (AN-23-04, 27/06/2023)")."""
    if not isinstance(cell, str):
        return None
    items = [i for i in _SEPARATOR.split(cell.strip()) if i]
    if items and all(_REFERENCE.match(i) for i in items):
        return list(dict.fromkeys(items))
    lines = [line for line in cell.splitlines() if line.strip()]
    named = [_EMBEDDED.findall(line) for line in lines]
    if not lines or not all(len(found) == 1 and _EVENT_DATE.search(line.replace(found[0], " "))
                            for line, found in zip(lines, named, strict=True)):
        return None
    return list(dict.fromkeys(found[0] for found in named))


def find_listed_keys(sheet: RawSheet, rec: Recognition) -> int | None:
    """The column of ``sheet`` that lists each row's parents (see the module's docstring), or None."""
    table = TABLES[rec.table]
    if table.parent is None or rec.grid is not None:
        return None
    key = table.parent.key
    if any(m.column == key for m in rec.columns):
        return None
    rows = sheet.rows[rec.header_index + 1:]
    found = []
    for j in range(max((len(r) for r in rows), default=0)):
        if j in rec.mapped_indexes:
            continue
        cells = [r[j] for r in rows if j < len(r) and not is_blank(r[j])]
        lists = [_references(c) for c in cells]
        if (len(cells) >= MIN_CELLS and sum(x is not None for x in lists) >= MIN_SHARE * len(cells)
                and any(x is not None and len(x) > 1 for x in lists)):
            found.append(j)
    return found[0] if len(found) == 1 else None


def normalise_listed(sheet: RawSheet, rec: Recognition, column: int, ctx: Context) -> SheetResult:
    """One row of the table per reference a row lists, every raw row accounted for."""
    key = TABLES[rec.table].parent.key
    name = " ".join(str(sheet.rows[rec.header_index][column]).split())

    def none_reason(cells: list) -> str:
        if is_blank(cells[column]):
            return f"no {key} listed in {name!r}"
        return f"{name!r} lists no reference ({' '.join(str(cells[column]).split())[:40]!r})"

    result, base = normalise_per_parent(sheet, rec, key, ctx,
                                        lambda cells: [(name, r) for r in _references(cells[column]) or []],
                                        none_reason)
    result.columns = {m.header: m.column for m in base.columns} | {name: key}
    result.unknown_columns = [u for u in rec.unknown if u != name]
    result.note = f"one row per {key} listed in {name!r}"
    return result
