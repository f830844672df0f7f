"""JSON files: a list of records is a table, also when a tool's export wraps it in an envelope beside its metadata
(``{"export": {…}, "enregistrements": [...]}``: one sheet per list, named by its key); a record's nested objects are
read as dotted fields (``"montant": {"valeur": …}`` -> ``montant.valeur``), its lists of values as one text. Anything
else is described, not read."""

from __future__ import annotations

import json
from typing import Any

from ...errors import FatalInputError
from .delimited import decode, too_many_cells, too_wide
from .sheet import RawSheet, ReadLimits, empty_sheet


def read_json(data: bytes, rel: str, limits: ReadLimits = ReadLimits()) -> list[RawSheet]:
    text, encoding = decode(data, rel)
    if not text.strip():
        return [empty_sheet(rel, [f"encoding: {encoding}"])]
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = f"is not valid JSON (line {exc.lineno}, column {exc.colno})"
        raise FatalInputError(rel, problem, "fix or remove the file") from exc
    notes = [f"encoding: {encoding}"]
    found = _record_lists(value)
    if not found:
        return [RawSheet(rel, None, [], kind="json", notes=[*notes, _describe_json(value)])]
    return [_sheet(rel, name, records, notes, limits) for name, records in found]


MAX_DEPTH = 3  # levels of an envelope looked into for lists of records, and of a record's nested objects


def _record_lists(value: Any, path: tuple[str, ...] = ()) -> list[tuple[str | None, list[dict]]]:
    """(key path or None for the file itself, records) of each list of objects: the file, or its envelope's."""
    if isinstance(value, list):
        return [(".".join(path) or None, value)] if value and all(isinstance(i, dict) for i in value) else []
    if isinstance(value, dict) and len(path) < MAX_DEPTH:
        return [found for key, item in value.items() for found in _record_lists(item, (*path, str(key)))]
    return []


def _sheet(rel: str, name: str | None, records: list[dict], notes: list[str], limits: ReadLimits) -> RawSheet:
    left: set[str] = set()
    flat = [_flat(item, left) for item in records]
    keys = list(dict.fromkeys(key for item in flat for key in item))
    if len(keys) > limits.max_columns:
        raise too_wide(rel, 1, len(keys), limits)
    if len(keys) * (len(flat) + 1) > limits.max_cells:
        raise too_many_cells(rel, limits.max_cells // max(len(keys), 1), limits)
    rows: list[list[Any]] = [list(keys)]
    rows += [[None if (v := item.get(k)) == "" else v for k in keys] for item in flat]
    what = f"JSON list of {len(flat)} objects" + (f" under '{name}'" if name else "")
    nested = [f"lists of objects in its records left out: {', '.join(sorted(left))}"] if left else []
    return RawSheet(rel, name, rows, notes=[*notes, what, *nested])


def _flat(item: dict, left: set[str], prefix: str = "", depth: int = 0) -> dict[str, Any]:
    """A record's fields, nested objects as dotted fields, a list of values as one text ("CPP; IT"); a list of
    objects (a record's children) is left out, its field added to ``left``; an empty list is no field."""
    out: dict[str, Any] = {}
    for key, value in item.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and depth < MAX_DEPTH:
            out.update(_flat(value, left, f"{name}.", depth + 1))
        elif isinstance(value, list) and value:
            if all(not isinstance(v, (dict, list)) for v in value):
                out[name] = "; ".join(str(v) for v in value if v is not None) or None
            else:
                left.add(name)
        elif not isinstance(value, (dict, list)):
            out[name] = value
    return out


def _describe_json(value: Any) -> str:
    if isinstance(value, dict):
        keys = ", ".join(list(value)[:10])
        return f"JSON object (keys: {keys}), no list of records"
    if isinstance(value, list):
        return f"JSON list of {len(value)} items, not all objects"
    return f"JSON {type(value).__name__}, no list of records"

