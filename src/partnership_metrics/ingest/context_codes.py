"""A code column a sheet lacks because its file, sheet or title rows give it for every row: a file of one funder's
commitments ("Engagements IT - tableaux reçus par mail.xlsx", "Objet : Engagements IT 2021") has no funder column.
When those texts name exactly one code of the only required column missing, every row takes it (the sheet's note
says so), instead of the sheet being skipped."""

from __future__ import annotations

from dataclasses import replace

from .linking import context_texts, with_made_columns
from .reading import RawSheet
from .recognition import Recognition
from .vocabulary import PARTNER_COLUMNS

# Columns a file or its title gives for every row: one funder's commitments ("Engagements IT"). Not a programme:
# words such as "Horizon" in a title describe the file, not each row. A type of event only when a header of the sheet
# names the same type ("Formations valorisation - suivi des sessions" over "Intitulé de la formation | Stagiaires
# présents"): a title's "animation" alone describes the file, not each row.
GIVEN_BY_CONTEXT = frozenset({("funding", "funder"), ("events", "event_type")})
CONFIRMED_BY_A_HEADER = frozenset({("events", "event_type")})


def with_context_code(sheet: RawSheet, rec: Recognition, ctx) -> tuple[RawSheet, Recognition, str] | None:
    """``sheet`` with one more column holding the code its name or title gives, the recognition that reads it and a
    note; None when the sheet lacks anything else, or its texts name no code or several."""
    if len(rec.missing_required) != 1 or rec.context_key:
        return None
    column = rec.missing_required[0]
    if (rec.table, column) not in GIVEN_BY_CONTEXT:
        return None
    named = {}
    for text in context_texts(sheet, rec.header_index):
        code = ctx.codebook.find(rec.table, column, text)
        if code is not None:
            named.setdefault(code, text)
    joint = {codes["joint"] for key, codes in PARTNER_COLUMNS.items() if key == (rec.table, column)}
    if len(named) != 1 or set(named) & joint:  # "CPP x IT tracker" names the partnership, not a value of its rows
        return None
    [(code, text)] = named.items()
    if (rec.table, column) in CONFIRMED_BY_A_HEADER and not any(
            isinstance(h, str) and ctx.codebook.find(rec.table, column, h) == code
            for h in sheet.rows[rec.header_index]):
        return None
    sheet, rec = with_made_columns(sheet, rec, {column: code})
    return sheet, replace(rec, missing_required=[]), f"{column} '{code}' for every row, as '{text}' says"
