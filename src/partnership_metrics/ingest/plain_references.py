"""A reference read from a code that wraps another column's references: an accounting export's "Élément d'OTP"
("VALO-VAL18-005") beside "Réf. projet DRCI" ("VAL18-005"). The plain references are the ones the other lists
use: the column that holds them, when its header also names the reference, is read instead. So too when the
column read holds codes of another column of the table, not references: a ledger's "Axe analytique" ("VAL-MAT",
"SUBV": kinds of commitment) beside "Section (projet)" ("P016")."""

from __future__ import annotations

from dataclasses import replace

from ..schemas import TABLES
from .reading import RawSheet, is_blank
from .recognition import Recogniser, Recognition, header_cells
from .tie_breaks import SAMPLE_ROWS, repeated_share

WRAPPED_SHARE = 0.9  # of the rows with both cells filled whose code contains the plain reference
CODED_SHARE = 0.8  # of a column's values read as another column's codes: codes, not references


def with_plain_references(sheet: RawSheet, rec: Recognition, recogniser: Recogniser) -> Recognition | None:
    """``rec`` with each id column read from the plain references a wrapping code beside them contains, or None."""
    table = TABLES[rec.table]
    rows = sheet.rows[rec.header_index + 1:]
    free = [(i, text) for i, text in header_cells(sheet.rows[rec.header_index]) if i not in rec.mapped_indexes]
    columns, changed = list(rec.columns), False
    for k, m in enumerate(columns):
        if table.column(m.column).kind != "id":
            continue
        for i, text in free:
            if m.column in {c for c, _ in recogniser.cell_candidates(rec.table, text)} and (
                    _wrapped(rows, m.index, i) or m.column not in table.key and _coded(rows, m.index, rec.table,
                                                                                       recogniser)
                    and not _coded(rows, i, rec.table, recogniser)) \
                    and (m.column not in table.key or _distinct(rows, i)):  # a table's own key stays unique
                columns[k] = replace(m, index=i, header=text)
                changed = True
                break
    return replace(rec, columns=columns, unknown=[u for u in rec.unknown if u not in {c.header for c in columns}]) \
        if changed else None


def _wrapped(rows: list[list], code: int, plain: int) -> bool:
    """Whether the cells of column ``code`` contain, and are longer than, those of column ``plain`` on the same rows."""
    pairs = [(str(r[code]).strip(), str(r[plain]).strip()) for r in rows
             if max(code, plain) < len(r) and not is_blank(r[code]) and not is_blank(r[plain])]
    inside = sum(1 for c, p in pairs if p in c and len(p) < len(c))
    return len(pairs) >= 2 and inside >= WRAPPED_SHARE * len(pairs)


def _coded(rows: list[list], index: int, table: str, recogniser: Recogniser) -> bool:
    """Whether the filled cells of column ``index`` read (:data:`CODED_SHARE` of them) as codes of one code column
    of ``table`` and write no digit ("VAL-MAT", "SUBV": instruments; not "CPP-21-03", a reference naming a partner)."""
    values = [str(r[index]).strip() for r in rows[:SAMPLE_ROWS] if index < len(r) and not is_blank(r[index])]
    find = recogniser.codebook.find
    return len(values) >= 2 and any(
        sum(not any(ch.isdigit() for ch in v) and find(table, c.name, v) is not None for v in values)
        >= CODED_SHARE * len(values) for c in TABLES[table].columns if c.kind == "code")


def _distinct(rows: list[list], index: int) -> bool:
    """Whether the filled cells of column ``index`` are all different."""
    return repeated_share([r[index] for r in rows if index < len(r)]) == 0
