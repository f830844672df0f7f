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
from .reading import RawSheet, is_blank
from .recognised import MADE_ID_COLUMNS, ColumnMatch, Recognition
from .row_screen import row_kind
from .vocabulary import Words

_CODE = re.compile(r"^\S*\d\S*$")  # "ITP-2021-001": one word with a digit, as references are written
_NUMBER = re.compile(r"^-?\d+(?:\.0+)?(?:([.,]\d+))?$")  # a number; group 1: its fraction (an amount's)
DISTINCT = 0.8  # share of different values a column of numbers needs to hold references
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


def completed_by_guess(sheet: RawSheet, rec: Recognition, recogniser, words: Words):
    """(sheet, recognition, note) of a list lacking columns found by their headers or values
    (:func:`.suggest.complete_by_guess`: a ledger's "Tiers" naming funders), its id too made from where each line is
    when it lacks it; or None."""
    from .suggest import complete_by_guess

    if (filled := complete_by_guess(recogniser, sheet, rec)) is not None:
        return sheet, filled, None
    column = made_id_column(rec.table)
    if column is None or column not in rec.missing_required or len(rec.missing_required) == 1:
        return None
    filled = complete_by_guess(recogniser, sheet, replace(rec, missing_required=[
        c for c in rec.missing_required if c != column]))
    made = None if filled is None else with_line_ids(sheet, replace(filled, missing_required=[column]), words)
    return None if made is None else (*made, NOTE)


def _coded_column_unread(sheet: RawSheet, rec: Recognition) -> bool:
    """Whether a column the recognition left unread holds references ("Bénéficiaire interne": ITP-2021-001): the
    lines may have their ids, or their project, there; the sheet is left for a mapping entry, no id is made. Numbers
    repeated from line to line (a ledger's "Exercice" 2018, its "Chapitre" 65) or with fractions (its payments, 18.2
    k€) are no references."""
    mapped = rec.mapped_indexes
    for j, cell in enumerate(sheet.rows[rec.header_index]):
        values = [str(r[j]).strip() for r in sheet.rows[rec.header_index + 1:] if j < len(r) and not is_blank(r[j])]
        if j in mapped or is_blank(cell) or not values:
            continue
        numbers = [m for v in values if (m := _NUMBER.match(v))]  # a total line's "Total exercice 2018" aside
        if len(numbers) >= 0.8 * len(values) and (len({m.group(0) for m in numbers}) < DISTINCT * len(numbers)
                                                  or any(m.group(1) for m in numbers)):
            continue
        if sum(bool(_CODE.match(v)) for v in values) >= 0.8 * len(values):
            return True
    return False
