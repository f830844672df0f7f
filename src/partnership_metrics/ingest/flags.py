"""A yes/no column that names a code of another column: "Jointly sourced? Yes" beside "Source: IT scouting" says the
project was sourced jointly, whatever the source column says. Found by its header (a label of a code of the table,
"Jointly sourced" -> ``sourcing_channel = joint``) and its values (yes/no); on the rows it ticks, the code wins."""

from __future__ import annotations

import re

from ..schemas import TABLES
from ..textnorm import fold
from .blocks import Block
from .reading import RawSheet
from .recognition import Recognition, header_cells
from .vocabulary import PARTNER_COLUMNS

SAMPLE = 30  # rows looked at to tell a yes/no column
MIN_BOOLEAN_SHARE = 0.8  # of the filled cells of such a column
# A funding line is one funder's decision: "Cofinancement IT ? oui" beside it says another funder joins the project
# (its own lines say so), not that the line is that funder's.
NEVER_FLAGGED = frozenset({("funding", "funder")})


def flag_columns(sheet: RawSheet, rec: Recognition, ctx, ticks: frozenset[int] = frozenset()
                 ) -> list[tuple[int, str, str]]:
    """(column index, table column, code) of each yes/no column of ``sheet`` left out of the table whose header
    names a code of a code column the sheet has. ``ticks``: columns already read as a partner's ticks ("Suivi CPP |
    Suivi IT" say who supports a project, not how it was sourced)."""
    if rec.header_index >= len(sheet.rows):
        return []
    table = TABLES[rec.table]
    mapped = rec.mapped_indexes
    codes = [m.column for m in rec.columns if table.column(m.column).kind == "code"
             and (rec.table, m.column) not in NEVER_FLAGGED]
    below = sheet.rows[rec.header_index + 1 : rec.header_index + 1 + SAMPLE]
    found = []
    for index, text in header_cells(sheet.rows[rec.header_index]):
        label = text.strip().rstrip("?").strip()
        if index in mapped or index in ticks or index in rec.foreign or not label or (
                rec.table != "funding" and set(re.findall(r"[^\W_]+", fold(label))) & ctx.words.funding_flag_words):
            continue  # "Co-financé CPP+IT": the project's funding, not how it was found
        if set(fold(label).split()) & ctx.words.scope_header_words:
            continue  # "Partenariat CPP-IT": whether the row is the partnership's (partnership_scope.py), no code
        named = {column: code for column in dict.fromkeys(codes)
                 if (code := ctx.codebook.find(rec.table, column, label)) is not None}
        if named and _yes_no(ctx.parsers, [r[index] for r in below if index < len(r)]):
            # "Co-détecté avec IT": the column it says "together" of (sourced jointly), not the partner it names
            joint = [c for c, code in named.items() if code == PARTNER_COLUMNS.get((rec.table, c), {}).get("joint")]
            column = joint[0] if joint else next(iter(named))
            found.append((index, column, named[column]))
    return found


def _yes_no(parsers, cells: list) -> bool:
    filled = [c for c in cells if c is not None and str(c).strip()]
    readable = 0
    for cell in filled:
        try:
            readable += parsers.parse_bool(cell) is not None
        except ValueError:
            pass
    return bool(filled) and readable >= MIN_BOOLEAN_SHARE * len(filled)


def apply_flags(block: Block, sheet: RawSheet, flags: list[tuple[int, str, str]], parsers) -> None:
    """On the rows a flag ticks, its code replaces the column's value (in place)."""
    for index, column, code in flags:
        values = block.columns[column]
        for i, row in enumerate(block.rows):
            cells = sheet.rows[row - sheet.first_row]
            try:
                ticked = index < len(cells) and parsers.parse_bool(cells[index]) is True
            except ValueError:
                ticked = False
            if ticked:
                values[i] = code
