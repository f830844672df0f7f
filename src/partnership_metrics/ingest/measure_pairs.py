"""A dashboard's export in long form: Tableau's and Power BI's "Measure Names | Measure Values" write one row per
record and measure, the record's own columns (its id, date, title…) on the first of its rows and empty below (merged
in the export) or repeated on each ("N° dossier | Acronyme | Measure Names | Measure Values": "CPP-2018-01 | IMMUPRO
| Titre du projet | Inhibiteur de kinase…", then "Établissement porteur | Institut Paoli-Calmettes" below).

Each measure becomes a column of its own, headed by its name ("Titre du projet", "Nombre de participants"), and each
record's measures are written on its first row; the record's other rows, whose every value now sits on that first
row, are left empty (dropped as blank rows) and the sheet says so in its notes. Row numbers stay those of the file.
A measure a record gives twice with two values keeps both ("12; 15"), which the run then reports as unreadable.
"""

from __future__ import annotations

from dataclasses import replace

from ..textnorm import fold
from .reading import RawSheet, is_blank

HEADER_ROWS = 15  # rows of a sheet where the pair of headers is looked for


def with_measure_columns(sheet: RawSheet, names_headers: frozenset[str], values_headers: frozenset[str]
                         ) -> RawSheet:
    """``sheet`` with its measure names and values turned into one column per measure (see the module's
    docstring), or ``sheet`` when no header row holds a measure-names header right before a measure-values one."""
    found = _pair(sheet.rows, names_headers, values_headers)
    if found is None:
        return sheet
    index, names = found
    values = names + 1
    width = max(len(r) for r in sheet.rows)
    rows = [[*r, *[None] * (width - len(r))] for r in sheet.rows]
    dims = [j for j in range(width) if j not in (names, values) and not is_blank(rows[index][j])]
    measures: list[str] = []  # in the order first met
    groups: list[tuple[int, dict[str, object]]] = []  # (the record's first row, measure -> value)
    key = None
    for i in range(index + 1, len(rows)):
        row = rows[i]
        if all(is_blank(c) for c in row):
            key = None
            continue
        own = tuple(row[j] for j in dims)
        filled = tuple(c if not is_blank(c) else k for c, k in zip(own, key or own, strict=True))
        if key is None or (filled != key and any(not is_blank(c) for c in own)):
            groups.append((i, {}))
        key = filled
        name = row[names]
        if is_blank(name):
            continue
        name = " ".join(str(name).split())
        if name not in measures:
            measures.append(name)
        value, found = None if is_blank(row[values]) else row[values], groups[-1][1]
        if found.get(name) is None:
            found[name] = value
        elif value is not None and value != found[name]:  # a measure given twice: both kept, for the run to judge
            found[name] = f"{found[name]}; {value}"
    if len(measures) < 2 or not groups:
        return sheet
    out = [[*r[:names], None, None, *r[values + 1:], *[None] * len(measures)] for r in rows]
    out[index][width:] = measures
    firsts = {first for first, _ in groups}
    for first, found_values in groups:
        out[first][width:] = [found_values.get(m) for m in measures]
    for i in range(index + 1, len(rows)):
        if i not in firsts:
            out[i] = [None] * len(out[i])  # every value of this row now sits on its record's first row
    note = (f"{sheet.rows[index][names]} | {sheet.rows[index][values]}: {len(measures)} measures read as columns, "
            f"each record's on its first row ({len(groups)} records)")
    header_row = sheet.first_row + index  # the merges below it spanned a record's rows: its values are on its first
    merged = [m for m in sheet.merged_ranges if m[0] <= header_row]
    return replace(sheet, rows=out, notes=[*sheet.notes, note], merged_ranges=merged)


def _pair(rows: list[list], names_headers: frozenset[str], values_headers: frozenset[str]
          ) -> tuple[int, int] | None:
    """(the header row's index, the measure names' column) of the first row holding both headers side by side."""
    for index, row in enumerate(rows[:HEADER_ROWS]):
        for j, cell in enumerate(row[:-1]):
            if isinstance(cell, str) and fold(cell) in names_headers and isinstance(row[j + 1], str) and fold(
                    row[j + 1]) in values_headers:
                return index, j
    return None
