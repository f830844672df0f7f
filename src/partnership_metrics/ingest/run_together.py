"""Two cells of a record run together into one by a PDF's conversion: "03/04/2021 Avignon Université" under "Date
détection", the "Établissement" beside it empty; "13/02/2020 Nice" under "Date", the "Lieu" beside it empty;
"Partenaire CHU Nice" under "Rôle", whose other rows write "Partenaire" alone, beside an empty "Établissement" whose
other rows write "CHU Nice". The date (or the code) stays in its column, the words after it go to the next column of
the table, when that column and any between are empty on the row; after a code, only when the next column is an
institution's and another row writes those words there ("EIC Pathfinder" is a programme, not "EIC" and a call)."""

from __future__ import annotations

import re

from ..schemas import TABLES
from .reading import is_blank
from .recognised import Recognition

MIN_WRITTEN = 2  # rows writing a value alone that make it one of its column's values
_LEADING_DATE = re.compile(r"^\s*(\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)?\d{2}|(?:19|20)\d{2}-\d{2}-\d{2})\s+"
                           r"((?=[^\W\d_])(?=[^a-zà-ÿ]).+?)\s*$")  # "Avignon Université", not "à confirmer"


def with_run_together_dates(rows: list[list], rec: Recognition) -> tuple[list[list], str | None]:
    """``rows`` with each date cell followed by words, or code cell starting with a value its column writes alone,
    parted into that value and the next column's, and a note saying how many were (None when none)."""
    table = TABLES[rec.table]
    mapped = sorted({m.index for m in rec.columns})
    kinds = {m.index: table.column(m.column).kind for m in rec.columns}
    following = {j: next((k for k in mapped if k > j), None) for j, kind in kinds.items() if kind in ("date", "code")}
    following = {j: k for j, k in following.items() if kinds[j] == "date" or kinds.get(k) == "institution"}
    alone = {j: (_written(rows, j, MIN_WRITTEN), _written(rows, k, 1)) for j, k in following.items()
             if kinds[j] == "code"}
    out, parted = None, 0
    for i, row in enumerate(rows):
        for j, k in following.items():
            cell = row[j] if j < len(row) else None
            if k is None or not isinstance(cell, str) or (found := _leading(cell, alone.get(j))) is None or any(
                    not is_blank(c) for c in row[j + 1:k + 1]):
                continue
            out = out or [list(r) for r in rows]
            out[i] = out[i] + [None] * (k + 1 - len(out[i]))
            out[i][j], out[i][k] = found
            parted += 1
    note = f"{parted} cell(s) holding the next column's value too, parted" if parted else None
    return out or rows, note


def _written(rows: list[list], j: int, times: int) -> frozenset[str]:
    """The texts column ``j`` holds on ``times`` rows at least."""
    seen: dict[str, int] = {}
    for row in rows:
        if j < len(row) and isinstance(row[j], str) and (text := " ".join(row[j].split())):
            seen[text] = seen.get(text, 0) + 1
    return frozenset(text for text, n in seen.items() if n >= times)


def _leading(cell: str, written: tuple[frozenset[str], frozenset[str]] | None) -> tuple[str, str] | None:
    """(the column's value, the next column's) of a cell holding both, else None (``written``: for a code, the
    texts its column writes alone, those the next column writes)."""
    if written is None:
        return (found[1], found[2]) if (found := _LEADING_DATE.match(cell)) else None
    alone, following = written
    said = " ".join(cell.split())
    if said in alone:
        return None
    first = next((v for v in sorted(alone, key=len, reverse=True)
                  if said.startswith(v + " ") and said[len(v) + 1:] in following), None)
    return (first, said[len(first) + 1:]) if first else None
