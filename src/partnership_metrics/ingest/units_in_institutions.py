"""A research unit written in the institution's cell ("UCA, C3M U1065", "Inserm U1068 – CRCM"), as a registration
form's single "Affiliation" question collects them: when the table has a research unit that no header names, the
unit codes of the institution column are read into it (its cells without a unit code give none)."""

from __future__ import annotations

from ..schemas import TABLES
from .linking import with_row_columns
from .parsers import UNIT_IN_TEXT
from .reading import RawSheet
from .recognition import Recognition

MIN_CELLS = 3  # cells naming a unit needed to read the column's units


def with_units_in_institutions(sheet: RawSheet, rec: Recognition) -> tuple[RawSheet, Recognition] | None:
    """``(sheet, rec)`` with a ``[research_unit]`` column of the units the institution cells name; None when the
    table has no research unit to fill or its institution cells name too few."""
    table = TABLES[rec.table]
    if "research_unit" not in {c.name for c in table.raw_columns} or any(
            m.column == "research_unit" for m in rec.columns):
        return None
    institution = next((m.index for m in rec.columns if m.column in ("institution", "lead_institution")), None)
    if institution is None:
        return None
    units = []
    for row in sheet.rows[rec.header_index + 1:]:
        cell = row[institution] if institution < len(row) else None
        found = [m[0] for m in UNIT_IN_TEXT.finditer(cell)] if isinstance(cell, str) else []
        units.append(found[0] if len(found) == 1 else None)  # two units in one cell: neither is chosen
    if sum(u is not None for u in units) < MIN_CELLS:
        return None
    return with_row_columns(sheet, rec, {"research_unit": units})
