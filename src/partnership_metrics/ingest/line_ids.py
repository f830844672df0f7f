"""Funding lines kept without an id: a co-funders' list ("Projet | Financeur | Type d'aide | Montant (€) |
Notification"), a block of external funding under the partners' own numbered lines. Nothing refers to a funding
line by its id, so such a list is read with an id made for each line from where it is (``<file>:<sheet>:<row>``,
stable from run to run, as a wide sheet's lines get); the ingestion report says so. Tables whose ids other tables
refer to (projects, start-ups, events, proposals) are never given made ids.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..schemas import TABLES
from .cofunder_lines import line_stem
from .normalising import row_kind
from .reading import RawSheet, is_blank
from .recognised import MADE_ID_COLUMNS, ColumnMatch, Recognition
from .vocabulary import Words

_CODE = re.compile(r"^\S*\d\S*$")  # "ITP-2021-001": one word with a digit, as references are written
NOTE = "an id made for each line from where it is (file, sheet, row): the list has no id column"


def made_id_column(table: str) -> str | None:
    """The id column of ``table`` that may be made from where a line is, or None."""
    return MADE_ID_COLUMNS.get(table)


def with_line_ids(sheet: RawSheet, rec: Recognition, words: Words) -> tuple[RawSheet, Recognition] | None:
    """``sheet`` with a column of made ids after its own and ``rec`` reading it, when the id is all it lacks (a
    blank, total or note row gets none: it is dropped as it would be without)."""
    column = made_id_column(rec.table)
    if column is None or rec.missing_required != [column] or _coded_column_unread(sheet, rec):
        return None
    width = max(len(row) for row in sheet.rows)
    stem = line_stem(sheet)  # a part of a sheet: its row is the sheet's
    header = f"[{column}]"
    header_texts = tuple(" ".join(str(c).split()) for c in sheet.rows[rec.header_index] if not is_blank(c))
    ids = {m.index for m in rec.columns if TABLES[rec.table].column(m.column).kind == "id"}
    rows = []
    for offset, row in enumerate(sheet.rows):
        cells = [*row, *[None] * (width - len(row))]
        if offset == rec.header_index:
            made = header
        elif offset > rec.header_index and row_kind(row, rec, header_texts, ids, words) is None:
            made = f"{stem}:{sheet.first_row + offset}"
        else:
            made = None
        rows.append([*cells, made])
    return replace(sheet, rows=rows), replace(rec, columns=[*rec.columns, ColumnMatch(width, header, column)],
                                              missing_required=[])


def _coded_column_unread(sheet: RawSheet, rec: Recognition) -> bool:
    """Whether a column the recognition left unread holds references ("Bénéficiaire interne": ITP-2021-001): the
    lines may have their ids, or their project, there; the sheet is left for a mapping entry, no id is made."""
    mapped = rec.mapped_indexes
    for j, cell in enumerate(sheet.rows[rec.header_index]):
        values = [r[j] for r in sheet.rows[rec.header_index + 1:] if j < len(r) and not is_blank(r[j])]
        if j not in mapped and not is_blank(cell) and values and sum(
                bool(_CODE.match(str(v).strip())) for v in values) >= 0.8 * len(values):
            return True
    return False
