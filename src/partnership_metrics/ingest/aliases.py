"""Other references a parent row is known by: an events register lists, on each event's row, the references of its
sign-in sessions ("Sessions d'émargement (réf. Edusign)": "S19-03 ; S19-04"), the keys its attendance exports use
instead of the event's id, or the number a ticketing tool gives the event ("ID Weezevent": 659883, the key of its
exports of participants). Such a column is one the table leaves out, whose header names sessions or sign-in sheets
(``vocab/words.yaml``: ``alias_header_words``) and whose written cells list references (codes of letters and
digits, or numbers of five digits or more), each reference on one row only. Linking (:mod:`.linking`) then reads an
attendance row keyed "S19-03" as that event's."""

from __future__ import annotations

import re

from ..schemas import TABLES
from ..textnorm import fold, tokens
from .codebooks import code_text
from .reading import RawSheet, is_blank
from .recognition import Recognition, header_cells

ALIASES = "__aliases__"  # record value of a parent row: the other references it is known by
_REFERENCE = re.compile(r"^(?=[^\s]*\d)(?=[^\s]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9._/-]*$")  # "S19-03", not "12"
# a ticketing tool's event number ("ID Weezevent": 659883): long enough to be no count
_NUMBER = re.compile(r"^(?=[^\s]*\d)(?=[^\s]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9._/-]*$|^\d{5,}$")
SEPARATOR = re.compile(r"\s*[;,\n]\s*")  # between the references a cell lists
MIN_SHARE = 0.8  # of the column's written cells that list references only
PARENT_TABLES = frozenset(t.parent.table for t in TABLES.values() if t.parent is not None)


def listed_references(cell, reference: re.Pattern = _REFERENCE) -> list[str] | None:
    """The references a cell lists, parted by ";", "," or line breaks, each matching ``reference`` (by default a
    code of letters and digits); None when it holds anything else."""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        cell = code_text(cell)  # a number typed as a number (659883.0 in a workbook)
    if not isinstance(cell, str):
        return None
    items = [i for i in SEPARATOR.split(cell.strip()) if i]
    return items if items and all(reference.match(i) for i in items) else None


def alias_column(sheet: RawSheet, rec: Recognition, words) -> int | None:
    """The column of a parent table's sheet that lists each row's other references, or None."""
    if rec.table not in PARENT_TABLES or rec.header_index >= len(sheet.rows):
        return None
    rows = sheet.rows[rec.header_index + 1:]
    for index, text in header_cells(sheet.rows[rec.header_index]):
        if index in rec.mapped_indexes or not set(tokens(text)) & words.alias_header_words:
            continue
        cells = [r[index] for r in rows if index < len(r) and not is_blank(r[index])]
        lists = [listed_references(c, _NUMBER) for c in cells]
        listed = [fold(x) for found in lists if found for x in found]
        if cells and sum(x is not None for x in lists) >= MIN_SHARE * len(cells) and len(set(listed)) == len(listed):
            return index
    return None


def row_aliases(sheet: RawSheet, rows: list[int], index: int) -> list[tuple[str, ...]]:
    """For each record (its spreadsheet row), the references column ``index`` lists on its row."""
    out = []
    for row in rows:
        cells = sheet.rows[row - sheet.first_row]
        out.append(tuple(listed_references(cells[index], _NUMBER) or ()) if index < len(cells) else ())
    return out


def aliases_of(parents, key: str) -> dict[str, str]:
    """Folded alias -> the id of the one parent listing it (an alias two parents list names neither)."""
    found: dict[str, set[str]] = {}
    for r in parents:
        for alias in r.values.pop(ALIASES, None) or ():
            if r.values.get(key) is not None:
                found.setdefault(fold(alias), set()).add(str(r.values[key]))
    return {alias: next(iter(ids)) for alias, ids in found.items() if len(ids) == 1}
