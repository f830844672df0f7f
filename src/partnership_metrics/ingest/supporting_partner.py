"""A list kept for one partner's support: a sheet "Accompagnement CPP" of the EU applications the CanceroPôle coached
("Candidatures européennes accompagnées par le CanceroPôle") has no column saying who supported each row, because its
name says it of every row. When the sheet's name or a title line above its header says support (a reviewed word of
``vocab/words.yaml``: "accompagnement", "coaching", "supported by") and names exactly one partner, every row takes
that partner. The file's name does not count (it names the file's author, not whom each row was supported by), nor
a text naming both partners (the partnership's file)."""

from __future__ import annotations

from dataclasses import replace

from ..textnorm import fold
from .context_codes import title_lines
from .linking import with_made_columns
from .reading import RawSheet
from .recognition import Recognition
from .vocabulary import PARTNER_COLUMNS

SUPPORT_COLUMNS = {"eu_proposals": "supported_by", "projects": "supported_by"}


def with_supporting_partner(sheet: RawSheet, rec: Recognition, ctx) -> tuple[RawSheet, Recognition, str] | None:
    """``sheet`` with a column holding the partner its name or title says supported every row, the recognition that
    reads it and a note; None when the sheet has such a column, or its texts name no partner's support or several."""
    column = SUPPORT_COLUMNS.get(rec.table)
    partners = PARTNER_COLUMNS.get((rec.table, column))
    if column is None or partners is None or any(m.column == column for m in rec.columns):
        return None
    named: dict[str, str] = {}
    for text in (sheet.sheet, *title_lines(sheet, rec.header_index)):
        folded = fold(text or "")
        if any(word in folded for word in ctx.words.support_words) and (
                code := ctx.codebook.find(rec.table, column, text)) is not None:
            named.setdefault(code, text)
    if len(named) != 1 or partners["joint"] in named:
        return None
    [(code, text)] = named.items()
    sheet, rec = with_made_columns(sheet, rec, {column: code})
    rec = replace(rec, missing_required=[c for c in rec.missing_required if c != column])
    return sheet, rec, f"{column} '{code}' for every row, as '{text}' says"


def completed_by_supporting_partner(sheet: RawSheet, rec: Recognition, ctx):
    """:func:`with_supporting_partner` when it gives every required column the sheet lacked, else None."""
    supported = with_supporting_partner(sheet, rec, ctx)
    return supported if supported is not None and not supported[1].missing_required else None
