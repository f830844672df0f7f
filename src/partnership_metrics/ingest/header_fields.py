"""Fields written once above a table, as a form writes them: a funder's financial annex puts "Référence projet :
VO18-06" in its header block and lists the project's funding lines below without it; a tab per call writes
"Programme | H2020 – ERC" and "Date limite de dépôt | 10/05/2018" above its proposals (a date only as a date cell,
never a planned one); a yearly list of attendees per institution writes "Établissement : Aix-Marseille Université"
in one cell above it (a label and its value in one cell must name the column exactly; an institution must be known). A label above the header that
names a column the table has no header for, followed by one value, gives that column to every row below; a label
that names a column already read, or two labels naming the same column, give nothing (never chosen).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ..schemas import TABLES
from .linking import with_made_columns
from .reading import RawSheet, is_blank
from .recognised import EXACT
from .recognition import Recogniser, Recognition

MIN_SCORE = 15  # a label must name the column with two of its words at least ("Référence projet"), or exactly
_LABELLED = re.compile(r"^\s*([^:]{2,40}?)\s*:\s*(\S.*)$")


def _a_date(label: str, value, recogniser: Recogniser) -> bool:
    """Whether a date field above a table gives its rows' date: a date cell, under a label that does not say the
    date is planned or expected ("Résultats attendus")."""
    return isinstance(value, dt.date) and not set(recogniser.words_of(label)) & recogniser.planned_date_words


def header_fields(sheet: RawSheet, rec: Recognition, recogniser: Recogniser,
                  codebook=None) -> dict[str, tuple[str, object]]:
    """Column -> (label, value) of the fields written above the header that the table has no column for (a coded
    column's only when ``codebook`` reads its value: "Source | export of 2023-01-04" names no funder)."""
    table = TABLES[rec.table]
    mapped = {m.column for m in rec.columns}
    best: dict[str, list[tuple[int, str, object]]] = {}
    for row in sheet.rows[:rec.header_index]:
        cells = [c for c in row if not is_blank(c)]
        one_cell = len(cells) == 1 and isinstance(cells[0], str) and (labelled := _LABELLED.match(cells[0]))
        if one_cell:
            cells = [labelled[1], labelled[2]]
        elif len(cells) != 2 or not isinstance(cells[0], str):
            continue
        label = " ".join(cells[0].split()).rstrip(":").strip()
        candidates = recogniser.cell_candidates(rec.table, label)
        if not candidates:
            continue
        column, score = candidates[0]
        kind = table.column(column).kind
        if column in mapped or score < (EXACT if one_cell else MIN_SCORE) or kind in ("person", "money") or (
                kind == "institution" and recogniser.institutions.match(str(cells[1]))[1] == "unknown") or (
                kind == "date" and not _a_date(label, cells[1], recogniser)) or (
                kind == "code" and (codebook is None or codebook.find(rec.table, column, str(cells[1])) is None)):
            continue
        best.setdefault(column, []).append((score, label, cells[1]))
    found = {}
    for column, claims in best.items():
        claims.sort(key=lambda c: -c[0])
        if len(claims) == 1 or claims[0][0] > claims[1][0]:
            found[column] = claims[0][1:]
    return found


def with_header_fields(sheet: RawSheet, rec: Recognition, recogniser: Recogniser, codebook=None,
                       beside_context: bool = False) -> tuple[RawSheet, Recognition, str] | None:
    """``sheet`` with one more column per field written above its header (``[column]``, filled on every row below),
    the recognition that reads them and a note; None when there is no such field. ``beside_context``: also when
    the rows' parent is named elsewhere than in a column (the sheet's name, a list of references)."""
    if rec.grid is not None or (rec.context_key and not beside_context) or rec.header_index == 0:
        return None
    found = header_fields(sheet, rec, recogniser, codebook)
    if not found:
        return None
    sheet, rec = with_made_columns(sheet, rec, {column: value for column, (_, value) in found.items()})
    rec = replace(rec, missing_required=[c for c in rec.missing_required if c not in found])
    note = "; ".join(f"{column} {value!r} for every row, as '{label}' says above the table"
                     for column, (label, value) in found.items())
    return sheet, rec, note
