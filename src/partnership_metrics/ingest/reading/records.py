"""JSON files: a list of flat records is a table; anything else is described, not read."""

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
    if isinstance(value, list) and value and all(_is_flat_object(item) for item in value):
        keys = list(dict.fromkeys(key for item in value for key in item))
        if len(keys) > limits.max_columns:
            raise too_wide(rel, 1, len(keys), limits)
        if len(keys) * (len(value) + 1) > limits.max_cells:
            raise too_many_cells(rel, limits.max_cells // max(len(keys), 1), limits)
        rows: list[list[Any]] = [list(keys)]
        rows += [[None if (v := item.get(k)) == "" else v for k in keys] for item in value]
        return [RawSheet(rel, None, rows, notes=[*notes, f"JSON list of {len(value)} flat objects"])]
    return [RawSheet(rel, None, [], kind="json", notes=[*notes, _describe_json(value)])]


def _is_flat_object(item: Any) -> bool:
    return isinstance(item, dict) and not any(isinstance(v, (dict, list)) for v in item.values())


def _describe_json(value: Any) -> str:
    if isinstance(value, dict):
        keys = ", ".join(list(value)[:10])
        return f"JSON object (keys: {keys}), not a list of flat records"
    if isinstance(value, list):
        return f"JSON list of {len(value)} items, not all flat objects"
    return f"JSON {type(value).__name__}, not a list of flat records"

