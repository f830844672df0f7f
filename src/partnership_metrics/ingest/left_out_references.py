"""A project named by a column the sheet's table left out: a commitments ledger books each line on a cost centre
named after the project ("Centre de coûts": "PV20-02", "ONC21-02", "ONCO-HORS-PROJET"), with no column a header calls
the project. The header cannot tell such a column from a cost centre that is an organisational code beside a
project column; the values can, once every sheet is read: a column most of whose values are the folder's project
ids names the project of each line, and its other values (a code of no project) name none.

Only for the sheets of a table whose lines name a project (funding, start-ups, EU proposals) that read no project
column: the candidate columns' values ride along with the records (:data:`LEFT_OUT`) until :func:`left_out_references`
has looked at them.
"""

from __future__ import annotations

from .blocks import Block
from .reading import RawSheet, is_blank
from .recognised import Recognition
from .references import ID_LIKE, REFERRING

LEFT_OUT = "__left_out__"  # record value: the values of the sheet's left-out columns that may be ids
MAX_CHARS = 30  # an id is short
MIN_IDS = 2  # records whose value is a project id, at least
KNOWN_SHARE = 0.5  # of a column's values that must be the folder's project ids


def left_out_values(sheet: RawSheet, rec: Recognition, rows: list[int]) -> list[tuple] | None:
    """For each record (its spreadsheet row in ``rows``), the values of the left-out columns most of whose values
    look like ids; None when the table names no project, reads one already, or no column looks so."""
    if rec.table not in REFERRING or any(m.column == "project_id" for m in rec.columns):
        return None
    header = sheet.rows[rec.header_index] if rec.header_index < len(sheet.rows) else []
    below = sheet.rows[rec.header_index + 1:]
    columns = []
    for j, cell in enumerate(header):
        if j in rec.mapped_indexes or is_blank(cell):
            continue
        values = [str(r[j]).strip() for r in below if j < len(r) and not is_blank(r[j])]
        ids = sum(len(v) <= MAX_CHARS and len(v.split()) == 1 and bool(ID_LIKE.match(v)) for v in values)
        if values and ids * 2 >= len(values):  # one word of letters and digits ("PV20-02"), not a year
            columns.append(j)
    if not columns:
        return None
    cell = lambda row, j: row[j] if j < len(row) else None  # noqa: E731
    return [tuple(None if is_blank(v := cell(sheet.rows[r - sheet.first_row], j)) else str(v).strip()
                  for j in columns) for r in rows]


def left_out_references(blocks: list[Block]) -> int:
    """Fill, in place, the project of each record whose sheet names it in a left-out column (see the module's
    docstring), then drop the values carried for it; returns how many records were tied to their project."""
    ids = {str(v) for b in blocks if b.table == "projects" for v in b.column("project_id") if v is not None}
    count = 0
    for block in blocks:
        carried = block.columns.pop(LEFT_OUT, None)
        if not carried or not ids:
            continue
        for k in range(len(carried[0])):
            values = [row[k] for row in carried]
            known = [v in ids for v in values if v is not None]
            if sum(known) < MIN_IDS or sum(known) < KNOWN_SHARE * len(known):
                continue
            projects = block.columns.setdefault("project_id", [None] * len(values))
            for i, value in enumerate(values):
                if projects[i] is None and value in ids:
                    projects[i] = value
                    count += 1
            break
    return count
