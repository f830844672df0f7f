"""Co-funders' lines written among a partner's numbered funding lines: the partner numbers its own conventions
("CONV-CPP-2021-06") and writes the other funders of the same projects on lines of their own with no number ("Région
Sud (co-financement)", "ANR"). Nothing refers to a funding line by its id, so such lines get an id made from where
they are (``<file>:<sheet>:<row>``, as a list without an id column gets, :mod:`.line_ids`) instead of being
quarantined.

Only a pattern, never one line: at least :data:`MIN_LINES` lines without an id, each with every other required
value, and no partner among their funders that numbers its own lines (a co-funder whose convention number is known
for some lines and "non communiqué" for others is no such gap). A single line without its number is quarantined as
usual.
"""

from __future__ import annotations

from collections.abc import Callable

from ..schemas import TABLES
from ..textnorm import fold
from .reading import RawSheet, is_blank, whole_sheet_name
from .recognised import MADE_ID_COLUMNS, Recognition

MIN_LINES = 2
NOTE = "co-funders' lines without a number among numbered ones: an id made for each from where it is"


def line_stem(sheet: RawSheet) -> str:
    """``<file>:<sheet>`` (a part of a sheet: the sheet's), the start of an id made from where a line is."""
    name = whole_sheet_name(sheet.sheet)
    return f"{sheet.file}:{name}" if name else sheet.file


def cofunder_line_ids(sheet: RawSheet, rec: Recognition, data_rows: list[list], first: int,
                      card: list[int] | None = None, partner: Callable[[str], bool] | None = None
                      ) -> tuple[list[list], str]:
    """``data_rows`` with the co-funders' lines given made ids, and a note for the ingestion report ("" if none).
    ``first``: the spreadsheet row of the first data row. ``card``: the spreadsheet row of each data row of a card's
    small table (its lines are not in a run): two or three lines, where one line without an id shows the pattern,
    and lines none of which has an id are a list without ids (:mod:`.line_ids`), each given one. ``partner``: whether
    a funder as written is one of the partnership's (when not given, any funder the numbered lines name is)."""
    column = MADE_ID_COLUMNS.get(rec.table)
    table = TABLES[rec.table] if column else None
    by_column = {m.column: m.index for m in rec.columns}
    if table is None or column not in by_column or "funder" not in by_column:
        return data_rows, ""
    key, funder = by_column[column], by_column["funder"]
    required = [by_column[c.name] for c in table.columns if c.required and c.name != column and c.name in by_column]

    def cell(row: list, j: int):
        return row[j] if j < len(row) else None

    without, numbered = [], set()
    for i, row in enumerate(data_rows):
        if is_blank(cell(row, key)):
            if all(not is_blank(cell(row, j)) for j in required):
                without.append(i)
        elif not is_blank(cell(row, funder)):
            numbered.add(fold(str(cell(row, funder))))
    if len(without) < (1 if card else MIN_LINES) or not (numbered or card):
        return data_rows, ""
    if any(fold(text := str(cell(data_rows[i], funder))) in numbered and (partner is None or partner(text))
           for i in without):
        return data_rows, ""  # a partner's own line without its number: a gap, quarantined as usual
    stem, rows = line_stem(sheet), list(data_rows)
    for i in without:
        row = [*rows[i], *[None] * (key + 1 - len(rows[i]))]
        row[key] = f"{stem}:{card[i] if card else first + i}"
        rows[i] = row
    return rows, NOTE
