"""Records each followed by their children's lines in the same columns, each child line marked in the record's
column ("   ↳ levée", "└ tour B", "→ Seed", or indented: "    Pré-amorçage"): a start-up's line, then its rounds,
under one header ("Société / tour | SIREN | Date (création ou levée) | … | Montant levé | Type").

Read as the records' table, the marked lines are not its rows (dropped: lines of the record above). Read as the
children's table, each marked line belongs to the record above it (its key carried down) and the records' own lines
are not its rows (dropped: the record whose lines follow). Only when two lines at least are so marked, under a
record's line.
"""

from __future__ import annotations

import re

from ..schemas import TABLES
from ..textnorm import fold
from .reading import distinct_cells, is_blank
from .recognised import Recognition

MIN_MARKED = 2
_MARK = re.compile(r"^\s*[↳↪└├→⤷⮡▸›»⟶➔➜]|^[ \u00a0\t]{2,}\S")  # or indented: "    Pré-amorçage"


def marked_lines(rows: list[list], rec: Recognition, words=None) -> tuple[list[list], dict[int, str]]:
    """``rows`` (a sheet's data rows) with each marked line's reference to its record carried down when ``rec`` reads
    the children, and the offsets of the lines that are not ``rec.table``'s rows with why; else unchanged, none. A
    marked total ("    Total levé", ``words``' total labels) is the total of the lines above it, no child."""
    table = TABLES[rec.table]
    parent_key = table.parent.key if table.parent is not None else None
    children = [t.name for t in TABLES.values() if t.parent is not None and t.parent.table == rec.table]
    for m in rec.columns:
        if m.column == parent_key or (children and m.column in table.key):
            if not any(is_marked(c) for c in distinct_cells(r[m.index] for r in rows if m.index < len(r))):
                continue  # (each distinct cell looked at once: most columns mark none)
            marked = [i for i, r in enumerate(rows) if m.index < len(r) and is_marked(r[m.index])]
            if len(marked) < MIN_MARKED or _first_written(rows, m.index) in marked:
                continue
            if m.column == parent_key:
                totals = {i for i in marked if is_total(rows[i][m.index], words)}
                return _carried(rows, m.index, set(marked) - totals, table.parent.table, totals)
            return rows, {i: f"a line of the {rec.table} record above it (marked {_said(rows[i][m.index])}): a "
                             f"row of {' or '.join(children)}" for i in marked}
    return rows, {}


def _carried(rows: list[list], j: int, marked: set[int], parent: str, totals: set[int] = frozenset()
             ) -> tuple[list[list], dict[int, str]]:
    out, above, dropped = [list(r) for r in rows], None, {}
    for i, row in enumerate(out):
        if i in totals:
            dropped[i] = f"the total of the lines of {above} above it ({_said(row[j])})"
        elif i in marked:
            row[j] = above
        elif j < len(row) and not is_blank(row[j]):
            above = row[j]
            dropped[i] = f"the {parent} record whose lines follow, marked ({above})"
    return out, dropped


def is_total(cell, words) -> bool:
    """Whether a marked line is a total ("    Total levé")."""
    text = fold(str(cell))
    return words is not None and any(text == w or text.startswith(w + " ") for w in words.total_row_labels)


def is_marked(cell) -> bool:
    return isinstance(cell, str) and _MARK.match(cell) is not None


def _first_written(rows: list[list], j: int) -> int | None:
    return next((i for i, r in enumerate(rows) if j < len(r) and not is_blank(r[j])), None)


def _said(cell) -> str:
    return repr(" ".join(str(cell).split()))
