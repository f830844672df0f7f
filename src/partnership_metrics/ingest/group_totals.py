"""A count or an amount written as a group of columns: "Participants" merged over "Chercheurs | Cliniciens | … |
Total" on the row below (attendees by audience, amounts by funder), as funders ask for a breakdown.

The table's column is the group's total: its sub-column that says total (``total_row_labels`` of
``vocab/words.yaml``), else the sum of the sub-columns. A row that leaves the total empty but fills the breakdown
gets the breakdown's sum; a row whose breakdown cannot be summed keeps its total as written. Sub-headers that count
the same people twice ("Participants" over "Inscrits | Présents", ``registered_count_words`` beside
``attended_count_words``) are no breakdown: the column is read from the one that counts those who came. The row of
sub-headers becomes the header row: it is no data row.
"""

from __future__ import annotations

from dataclasses import replace

from ..errors import ParseError
from ..schemas import TABLES
from ..textnorm import fold, tokens
from .header_rows import holds_values
from .reading import RawSheet, is_blank
from .recognition import ColumnMatch, Recognition

KINDS = ("int", "money")  # the columns a breakdown adds up to


def with_group_totals(sheet: RawSheet, rec: Recognition, ctx) -> tuple[RawSheet, Recognition, str] | None:
    """``sheet`` and ``rec`` with each grouped count read from the group's total (a column added when the group has
    no total of its own), the sub-headers' row as the header row, and a note; None when no column is grouped."""
    index = rec.header_index
    if rec.grid is not None or index + 1 >= len(sheet.rows):
        return None
    table = TABLES[rec.table]
    header, below = sheet.rows[index], sheet.rows[index + 1]
    if holds_values(below):
        return None  # the row below the header holds data, not sub-headers (a start-up's SIREN typed as text)
    groups = [(m, span, came) for m in rec.columns if table.column(m.column).kind in KINDS
              and len(span := _span(header, below, m, rec.mapped_indexes)) >= 2
              and (came := _came(below, span, ctx.words)) != []]
    if not groups:
        return None
    width = max(len(r) for r in sheet.rows)
    rows = [list(r) + [None] * (width - len(r)) for r in sheet.rows]
    upper = rows[index]
    combined = [u if is_blank(lo) else lo if is_blank(u) else f"{' '.join(str(u).split())} {' '.join(lo.split())}"
                for u, lo in zip(upper, rows[index + 1], strict=True)]
    columns, notes = list(rec.columns), []
    for m, span, came in groups:
        totals = [j for j in span if _says_total(rows[index + 1][j], ctx.words)]
        target = came[0] if came else totals[0] if len(totals) == 1 else None
        parts = [] if came else [j for j in span if j != target and not is_blank(rows[index + 1][j])]
        if target is None:  # no total of its own: one more column, the sum of the parts
            target = len(combined)
            combined.append(f"[{m.column}]")
            for r in rows:
                r.append(None)
        name = " ".join(str(m.header).split())
        combined[target] = combined[target] if target < width else f"{name} (sum)"
        for r in rows[index + 2 :]:
            if is_blank(r[target]):
                r[target] = _sum([r[j] for j in parts], ctx.parsers)
        columns = [ColumnMatch(target, combined[target], m.column, m.multiplier) if c is m else c for c in columns]
        notes.append(f"{name!r} is read from {combined[target]!r}: "
                     + ("those who came" if came else "the total of its breakdown"))
    rows[index + 1] = combined
    for j, m in enumerate(columns):  # the other columns keep their header, now written on the sub-headers' row
        if m.header != combined[m.index]:
            columns[j] = replace(m, header=combined[m.index])
    return (replace(sheet, rows=rows), replace(rec, header_index=index + 1, columns=columns), "; ".join(notes))


def _span(header: list, below: list, m: ColumnMatch, mapped: set[int]) -> list[int]:
    """The columns of ``m``'s group: its own and those beside it left empty (or merged copies) in the header row,
    each with a sub-header below; its own must have one too."""
    if m.index >= len(below) or is_blank(below[m.index]):
        return []
    first = m.index  # a merged header copied into the cells it covers may be read from any of them
    while first > 0 and first - 1 not in mapped and header[first - 1] == header[m.index] and not is_blank(
            below[first - 1]):
        first -= 1
    span = list(range(first, m.index + 1))
    for j in range(m.index + 1, len(header) if len(header) > len(below) else len(below)):
        cell = header[j] if j < len(header) else None
        if j in mapped or not (is_blank(cell) or cell == header[m.index]) or j >= len(below) or is_blank(below[j]):
            break
        span.append(j)
    return span


def _came(below: list, span: list[int], words) -> list[int] | None:
    """None for a breakdown; for sub-headers that count registrations beside attendance ("Inscrits | Présents"),
    the one column that counts those who came, or [] when none or several do (then no group is read)."""
    said = {j: set(tokens(below[j])) for j in span}
    if not any(w & words.registered_count_words for w in said.values()):
        return None
    came = [j for j, w in said.items() if w & words.attended_count_words and not w & words.registered_count_words]
    return came if len(came) == 1 else []


def _says_total(cell, words) -> bool:
    return isinstance(cell, str) and fold(cell).strip() in words.total_row_labels


def _sum(cells: list, parsers):
    """The sum of the written cells, or None when none is written or one cannot be read as a number."""
    written = [c for c in cells if not is_blank(c)]
    if not written or any(parsers.is_missing(c) for c in written):  # "?", "n.c.": a part not known, nor the sum
        return None
    try:
        values = [parsers.parse_number(c) for c in written]
    except ParseError:
        return None
    if any(v is None for v in values):
        return None
    total = sum(values)
    return int(total) if float(total).is_integer() else total
