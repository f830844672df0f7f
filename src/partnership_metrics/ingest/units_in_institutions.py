"""A research unit written in the institution's cell ("UCA, C3M U1065", "Inserm U1068 – CRCM"), as a registration
form's single "Affiliation" question collects them: when the table has a research unit that no header names, the
unit codes of the institution column are read into it (its cells without a unit code give none). And the other way
round, an institution written in the unit's cell ("Labo": "CNRS - UMR7258", "APHM"), as a sign-in sheet's one
column collects them: when no header names the institution, the cells whose words beside the unit code name one
known institution give it, and the unit keeps its code only."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..schemas import TABLES
from .linking import with_row_columns
from .parsers import UNIT_IN_TEXT
from .reading import RawSheet
from .recognition import Recognition

if TYPE_CHECKING:
    from .institutions import InstitutionResolver

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


_SEPARATORS = " -–—,;/()"


def with_institutions_in_units(sheet: RawSheet, rec: Recognition,
                               resolver: InstitutionResolver) -> tuple[RawSheet, Recognition] | None:
    """``(sheet, rec)`` with an ``[institution]`` column of the institutions the unit cells name, those cells left
    with their unit code only; None when the table's institution is read or the unit cells name too few."""
    columns = {c.name for c in TABLES[rec.table].raw_columns}
    wanted = next((c for c in ("institution", "lead_institution") if c in columns), None)
    read = {m.column: m.index for m in rec.columns}
    if wanted is None or wanted in read or "research_unit" not in read:
        return None
    j = read["research_unit"]
    rows = [list(r) for r in sheet.rows]
    names: list[str | None] = []
    for row in rows[rec.header_index + 1:]:
        cell = row[j] if j < len(row) else None
        found = list(UNIT_IN_TEXT.finditer(cell)) if isinstance(cell, str) else []
        rest = UNIT_IN_TEXT.sub(" ", cell).strip(_SEPARATORS + " ") if isinstance(cell, str) and len(found) <= 1 else ""
        rest = re.sub(r"\s+", " ", rest)
        if rest and resolver.names_one(rest):
            names.append(rest)
            row[j] = found[0][0] if found else None
        else:
            names.append(None)
    if sum(n is not None for n in names) < MIN_CELLS:
        return None
    return with_row_columns(replace(sheet, rows=rows), rec, {wanted: names})
