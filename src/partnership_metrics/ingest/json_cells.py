"""Cells holding an object, as a tool's settings export or an API's flat dump writes them: "kpi.val_licences |
{"unit": "count", "baseline_2018_2020": 3, "targets": {"2021-2023": 6}}" (JSON, or Python's notation with single
quotes and a trailing comma, as people edit it by hand). Such a column is spread into one column per field path of
its objects ("value.unit", "value.baseline_2018_2020", "value.targets.2021-2023"), in the order they come, as a
flattened export would have headed them (see field_paths.py); its other cells stay in the first of them."""

from __future__ import annotations

import ast
import json
from dataclasses import replace

from .reading import RawSheet, is_blank

MIN_OBJECTS = 3  # cells of objects a column needs
MIN_SHARE = 0.8  # of the column's written cells below its header that must be objects
MAX_CELL = 5000  # characters: a longer cell is a document, not a record's fields
SCANNED_ROWS = 200  # rows where a column of objects must show its first ones


def parsed_object(cell) -> dict | None:
    """The object a cell writes ("{…}" as JSON or as a Python literal), or None."""
    if not isinstance(cell, str) or not (text := cell.strip()).startswith("{") or not text.endswith("}") \
            or len(text) > MAX_CELL:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return None
    return value if isinstance(value, dict) else None


def _value_of_theirs(cell) -> bool:
    """Whether a cell is a value such a column holds: an object, a number, or a text written as JSON ('"EUR"')."""
    if isinstance(cell, (int, float)):
        return True
    if not isinstance(cell, str) or not cell.strip():
        return False
    try:
        json.loads(cell)
    except ValueError:
        return parsed_object(cell) is not None
    return True


def _names_a_column(cell) -> bool:
    """Whether a cell above the objects may head their column: a text that is no value of theirs."""
    return isinstance(cell, str) and bool(cell.strip()) and not _value_of_theirs(cell)


def _leaves(value: dict, prefix: str = "") -> dict[str, object]:
    """Field path -> value of each leaf of ``value`` (a list is kept whole, as its JSON text)."""
    out: dict[str, object] = {}
    for key, item in value.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(item, dict) and item:
            out.update(_leaves(item, path))
        elif isinstance(item, list):
            out[path] = json.dumps(item, ensure_ascii=False)
        else:
            out[path] = item
    return out


def with_json_columns(sheet: RawSheet) -> RawSheet:
    """``sheet`` with each column of objects spread into a column per field path; ``sheet`` itself when none."""
    head = sheet.rows[:SCANNED_ROWS]  # a column of objects shows them from its first rows (a large sheet: no cost)
    braced = {j for r in head for j, c in enumerate(r) if type(c) is str and c.lstrip()[:1] == "{"}
    for j in sorted(braced):
        cells = [r[j] if j < len(r) else None for r in sheet.rows]
        objects = {i: o for i, c in enumerate(cells) if (o := parsed_object(c)) is not None}
        if len(objects) < MIN_OBJECTS:
            continue
        first = min(objects)
        header = next((i for i in range(first - 1, -1, -1) if _names_a_column(cells[i])), None)
        below = [c for c in cells[(header if header is not None else -1) + 1:] if not is_blank(c)]
        if sum(_value_of_theirs(c) for c in below) < MIN_SHARE * len(below):
            continue
        return with_json_columns(_spread(sheet, j, header, objects))
    return sheet


def _spread(sheet: RawSheet, j: int, header: int | None, objects: dict[int, dict]) -> RawSheet:
    leaves = {i: _leaves(o) for i, o in objects.items()}
    paths = list(dict.fromkeys(p for i in sorted(leaves) for p in leaves[i]))
    name = " ".join(str(sheet.rows[header][j]).split()) if header is not None else "value"
    rows = []
    for i, row in enumerate(sheet.rows):
        row = list(row) + [None] * (j + 1 - len(row))
        if i == header:
            spread = [f"{name}.{p}" for p in paths]
        elif i in leaves:
            spread = [leaves[i].get(p) for p in paths]
        else:  # a title above, a note below: kept in the first column
            spread = [row[j]] + [None] * (len(paths) - 1)
        rows.append(row[:j] + spread + row[j + 1:])
    shift = len(paths) - 1
    merged = [(r1, c1 + (shift if c1 > j + 1 else 0), r2, c2 + (shift if c2 > j + 1 else 0))
              for r1, c1, r2, c2 in sheet.merged_ranges]
    note = f"the objects of column {j + 1} read as one column per field ({', '.join(paths[:4])}{', …' if shift > 3 else ''})"
    return replace(sheet, rows=rows, merged_ranges=merged, notes=[*sheet.notes, note])
