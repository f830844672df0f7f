"""A row that lists its parents in one cell: a contacts file keeps one row per person and the events they attended
in a column ("Participations (réf. actions)": "AN-21-01 ; AN-22-05"), as a start-up's row may list its rounds'
references. One row of the table per reference listed.

A column is such a list when the sheet has no column of its table's parent key (or only one from the file's name)
and its written cells are references (codes holding a digit: "AN-21-01") separated by ";", "," or line breaks, one
cell at least listing several; or lines of text naming one event each, its reference beside its date, as a form
exports the options ticked ("Module 1 – Propriété intellectuelle (AN-23-04, 27/06/2023)"; "GT-1 Immunothérapie", a
working group, names no event); or, under a header of tags ("TAGS", as a mailing tool exports its contacts), tags
naming one reference each ("Café valo #3 (AN-22-02) - présent"), those of a registration or an absence ("- inscrit")
left out (``vocab/words.yaml``: ``tag_header_words``, ``registration_tag_words``). A column read as the parent's key
is such a list when its cells list references ("EV19-01, EV19-04") or a form's ticked options parted by ";", each an
event's day and title ("Mon 07 Mar 2022 · ERC clinic · Lyon;Fri 01 Apr 2022 · EU webinar · Online;"): linking tells
each option's event by its title and day. A row that lists none is dropped with that reason; every row is accounted for.
"""

from __future__ import annotations

import re
from collections import Counter

from ..schemas import TABLES
from ..textnorm import fold
from .aliases import SEPARATOR, listed_references
from .normalising import Context, SheetResult
from .per_parent import normalise_per_parent
from .reading import RawSheet, is_blank
from .recognition import Recognition

_REFERENCE = re.compile(r"^(?=[^\s]*\d)[A-Za-z0-9][A-Za-z0-9._/-]*$")  # "AN-21-01", "EV2103": a code with a digit
# a reference inside a line of text: letters and digits parted by "-", "_" or "." ("AN-23-04"; not "27/06/2023",
# nor a part of an e-mail address or a web address)
_EMBEDDED = re.compile(r"(?<![\w/.@-])(?=[A-Za-z0-9._-]*[A-Za-z])(?=[A-Za-z0-9._-]*\d)[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+(?![\w/@-])")
# the date beside it that makes the line an event's ("27/06/2023", "2023-06-27", "27 juin 2023")
_EVENT_DATE = re.compile(r"(?<!\d)(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2}"
                         r"|\d{1,2}(?:er)?\s+[^\W\d_]+\.?\s+\d{4})(?!\d)")
_OPTIONS = re.compile(r"\s*[;\n]\s*")  # a form's ticked options, parted by ";" (a title may hold a comma)
_QUOTED = re.compile(r'"([^"]*)"')  # a tool's tags, each in quotes: "Lettre valo","Café valo #3 (AN-22-02)"
_NUMBER = re.compile(r"\s*[-+]?\d+(?:[.,]\d+)?\s*")  # "0,00" under "Montant tarif": a price, not "0" and "00"
_WORDS = re.compile(r"[^\W\d_]{2,}")  # a word of letters
MIN_SHARE = 0.8  # of a column's written cells that list references only
MIN_CELLS = 3


def _references(cell) -> list[str] | None:
    """The references a cell lists, in order and once each; None when it holds anything else. A cell of several
    lines may name one event in each line's text, its reference beside its date, as a form's ticked options do
    ("Module 1 – Propriété intellectuelle (AN-23-04, 27/06/2023)")."""
    if not isinstance(cell, str) or _NUMBER.fullmatch(cell):
        return None
    if (items := listed_references(cell, _REFERENCE)) is not None:
        return list(dict.fromkeys(items))
    lines = [line for line in cell.splitlines() if line.strip()]
    named = [_EMBEDDED.findall(line) for line in lines]
    if not lines or not all(len(found) == 1 and _EVENT_DATE.search(line.replace(found[0], " "))
                            for line, found in zip(lines, named, strict=True)):
        return None
    return list(dict.fromkeys(found[0] for found in named))


def _dated_options(cell) -> list[str] | None:
    """The options a form's multiple choice lists in one cell, each an event's day and title ("Mon 07 Mar 2022 ·
    ERC clinic · Lyon;Fri 01 Apr 2022 · EU funding webinar · Online;"), in order and once each; None otherwise."""
    if not isinstance(cell, str):
        return None
    items = [i for i in _OPTIONS.split(cell.strip()) if i]
    if not items or not all(_EVENT_DATE.search(i) for i in items):
        return None
    return list(dict.fromkeys(items))


def _tagged(cell, words) -> list[str] | None:
    """The references a cell of tags names, one per tag, a registration's or an absence's left out (none for a
    contact whose tags name no event: a newsletter's)."""
    if not isinstance(cell, str):
        return None
    tags = _QUOTED.findall(cell) or SEPARATOR.split(cell.strip())
    named = [(tag, found) for tag in tags if len(found := _EMBEDDED.findall(tag)) == 1]
    return list(dict.fromkeys(found[0] for tag, found in named
                              if not set(fold(tag.replace(found[0], " ")).split()) & words.registration_tag_words))


def find_listed_keys(sheet: RawSheet, rec: Recognition, words=None) -> int | None:
    """The column of ``sheet`` that lists each row's parents (see the module's docstring), or None."""
    table = TABLES[rec.table]
    if table.parent is None or rec.grid is not None:
        return None
    key = table.parent.key
    rows = sheet.rows[rec.header_index + 1:]
    if (read := next((m.index for m in rec.columns if m.column == key), None)) is not None:
        return read if _lists(rows, read, _lister(rec.table)) else None  # "Which session(s)?": the options ticked
    found = []
    for j in range(max((len(r) for r in rows), default=0)):
        if j in rec.mapped_indexes:
            continue
        tags = _tags(sheet, rec, j, words)
        if _lists(rows, j, lambda cell, tags=tags: _listed(cell, tags)):
            found.append(j)
    return found[0] if len(found) == 1 else None


def _key_list(cell) -> list[str] | None:
    """The parents a cell of the key's own column lists: a form's options ticked, or references ("EV19-01, EV19-04")."""
    return _dated_options(cell) or _references(cell)


def _lister(table: str):
    """How the key's own column of ``table`` lists parents: titles too for events (a round's "Associated Company"
    lists the start-up and its investors, no rounds)."""
    return _event_list if table == "event_attendance" else _key_list


def _event_list(cell) -> list[str] | None:
    """The events a cell of an attendance's event column lists: as :func:`_key_list`, or titles parted by ";" (a
    database's links to the events, "Pitch Day – Toulon Oct. 2021; Matinale valorisation – en ligne May. 2020":
    linking tells each event by its title)."""
    return _key_list(cell) or _titles(cell)


def _titles(cell) -> list[str] | None:
    """The titles a cell lists, parted by ";", each of two words or more; None otherwise."""
    if not isinstance(cell, str):
        return None
    items = [i for i in _OPTIONS.split(cell.strip()) if i]
    if not items or not all(len(_WORDS.findall(i)) >= 2 for i in items):
        return None
    return list(dict.fromkeys(items))


def _lists(rows: list[list], j: int, lister) -> bool:
    """Whether column ``j`` lists several parents in one cell: most written cells are lists, one of several."""
    cells = Counter(r[j] for r in rows if j < len(r) and not is_blank(r[j]))  # each distinct cell read once
    lists = [(lister(c), n) for c, n in cells.items()]
    written = cells.total()
    return (written >= MIN_CELLS and sum(n for x, n in lists if x is not None) >= MIN_SHARE * written
            and any(x is not None and len(x) > 1 for x, _ in lists))


def _tags(sheet: RawSheet, rec: Recognition, column: int, words):
    """``words`` when the column's header says it holds tags, else None."""
    header = sheet.rows[rec.header_index]
    cell = header[column] if column < len(header) else None
    return words if words is not None and isinstance(cell, str) and set(fold(cell).split()) & words.tag_header_words \
        else None


def _listed(cell, tag_words) -> list[str] | None:
    return _tagged(cell, tag_words) if tag_words is not None else _references(cell)


def normalise_listed(sheet: RawSheet, rec: Recognition, column: int, ctx: Context) -> SheetResult:
    """One row of the table per reference a row lists, every raw row accounted for."""
    key = TABLES[rec.table].parent.key
    name = " ".join(str(sheet.rows[rec.header_index][column]).split())
    tags = _tags(sheet, rec, column, ctx.words)
    options = any(m.column == key and m.index == column for m in rec.columns)  # a form's options, each a parent

    def none_reason(cells: list) -> str:
        if is_blank(cells[column]):
            return f"no {key} listed in {name!r}"
        return f"{name!r} lists no reference ({' '.join(str(cells[column]).split())[:40]!r})"

    result, base = normalise_per_parent(sheet, rec, key, ctx,
                                        lambda cells: [(name, r) for r in (_lister(rec.table)(cells[column]) if options
                                                                           else _listed(cells[column], tags)) or []],
                                        none_reason)
    result.columns = {m.header: m.column for m in base.columns} | {name: key}
    result.unknown_columns = [u for u in rec.unknown if u != name]
    result.note = f"one row per {key} listed in {name!r}"
    return result
