"""A file or sheet kept for one institution ("AMU.xlsx", "CHU de Nice.xlsx", "IPC_Institut Paoli-Calmettes.xlsx",
a tab "AP-HM"): every record it holds of a table with an institution column (a project's lead institution, a
start-up's, an EU proposal's applicant) is that institution's, when the sheet has no such column. The name must
name exactly one known institution, as a whole or in each of its parts ("UCA - Université Côte d'Azur"); a name
that also says something else ("Projets AMU 2021", "CPP_evenements") names none."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import PurePosixPath

from ..schemas import TABLES
from .linking import with_row_columns
from .normalising import Context
from .reading import RawSheet, is_blank
from .recognised import Recognition
from .row_screen import row_kind

# the institution column of each table whose records a file kept for one institution holds (attendees come from
# anywhere: an event's list is never one institution's)
INSTITUTION_COLUMNS = {"projects": "lead_institution", "startups": "lead_institution", "eu_proposals": "institution"}
_PARTS = re.compile(r"\s+[-–—]\s+|_+")  # "UCA - Université Côte d'Azur", "IPC_Institut Paoli-Calmettes"


def institution_named(text: str | None, ctx: Context) -> str | None:
    """The one institution ``text`` names, as a whole or in each of its parts, or None."""
    parts = [p.strip() for p in _PARTS.split(text or "") if p.strip()]
    found = {ctx.institutions.match(p) for p in parts}
    if len(found) != 1:
        return None
    code, how = found.pop()
    return code if how == "exact" and code != "OTHER" else None


def with_named_institution(sheet: RawSheet, rec: Recognition, ctx: Context) -> tuple[RawSheet, Recognition] | None:
    """``(sheet, rec)`` with a column giving each record the institution the sheet's or the file's name names, when
    the table has an institution column the sheet lacks; None otherwise."""
    column = INSTITUTION_COLUMNS.get(rec.table)
    if column is None or any(m.column == column for m in rec.columns):
        return None
    named, code = next(((text, code) for text in (sheet.sheet, PurePosixPath(sheet.file).stem)
                        if (code := institution_named(text, ctx))), (None, None))
    if code is None:
        return None
    header_texts = tuple(" ".join(str(c).split()) for c in sheet.rows[rec.header_index] if not is_blank(c))
    ids = {m.index for m in rec.columns if TABLES[rec.table].column(m.column).kind == "id"}
    # a blank, total or note row gets none: it is dropped as it would be without
    values = [code if row_kind(row, rec, header_texts, ids, ctx.words) is None else None
              for row in sheet.rows[rec.header_index + 1:]]
    note = f"each row's {column.replace('_', ' ')} from the name {named!r}: {code}"
    sheet, rec = with_row_columns(sheet, rec, {column: values})
    return (replace(sheet, notes=[*sheet.notes, note]),
            replace(rec, missing_required=[c for c in rec.missing_required if c != column]))
