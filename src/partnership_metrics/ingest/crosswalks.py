"""Two reference systems bridged by a crosswalk: a CRM's export maps each project's record id to the reference the
finance system books its commitments on ("Deeptech_Project__c.Id | Project_Reference__c": "a0B5J00000gwTbmUAE |
DTP-2018-001"). Such a file holds no table of its own. When the references a table's rows give to their parent are
not the parent's ids, and two columns of a small sheet that holds no table map most of them, one to one, to the
parent's ids, the references are renamed to those ids (the sheet stays no data; a line says what it did)."""

from __future__ import annotations

from itertools import zip_longest

from ..schemas import TABLES
from .blocks import Block
from .normalising import SheetResult
from .reading import RawSheet, is_blank
from .references import REFERRING

MIN_MAPPED = 0.8  # of the references unknown to the parent table that a crosswalk must map
MIN_IDS = 0.8  # of the written cells of a crosswalk's column of ids that must be ids of the parent table
MIN_PAIRS = 3  # references a crosswalk must map (two could be chance)


def _referring() -> dict[str, list[tuple[str, str]]]:
    """Parent table -> the (table, column) that refer to its rows."""
    found: dict[str, list[tuple[str, str]]] = {"projects": [(t, "project_id") for t in REFERRING]}
    for table in TABLES.values():
        if table.parent is not None:
            found.setdefault(table.parent.table, []).append((table.name, table.parent.key))
    return found


def crosswalked(blocks: list[Block], results: list[SheetResult], raw: list[RawSheet]) -> list[str]:
    """Rename, in place, the references to a parent table that a crosswalk maps to its ids (a sheet of ``raw`` whose
    result holds no table: its note then says so); a line for each crosswalk used, saying what it renamed."""
    unread = {(r.file, r.sheet): r for r in results if r.block is None and not r.records}
    sheets = [s for s in raw if (s.file, s.sheet) in unread]
    used = []
    for parent, referring in _referring().items():
        key = TABLES[parent].key[0]
        ids = {str(v) for b in blocks if b.table == parent for v in b.column(key) if v is not None}
        columns = [(b, c) for b in blocks for t, c in referring if b.table == t and c in b.columns]
        unknown = {str(v) for b, c in columns for v in b.column(c) if v is not None and str(v) not in ids}
        if not ids or len(unknown) < MIN_PAIRS:
            continue
        for sheet in sheets:
            if (pairs := _bridge(sheet, ids, unknown)) is None:
                continue
            count = 0
            for b, c in columns:
                values = b.columns[c]
                for i, v in enumerate(values):
                    if v is not None and (new := pairs.get(str(v))) is not None:
                        values[i], count = new, count + 1
            example = next(iter(pairs.items()))
            used.append(f"{count} references to {parent} renamed to their ids through the crosswalk {sheet.file}"
                        f"{f' [{sheet.sheet}]' if sheet.sheet else ''} ({example[0]} → {example[1]})")
            unread[(sheet.file, sheet.sheet)].note = f"a crosswalk of references to {parent}, not data: {used[-1]}"
            break
    return used


def _bridge(sheet: RawSheet, ids: set[str], unknown: set[str]) -> dict[str, str] | None:
    """The references of ``unknown`` that two columns of ``sheet`` map, one to one, to ``ids``; None if none do."""
    columns = [[None if is_blank(c) else " ".join(str(c).split()) for c in column]
               for column in zip_longest(*sheet.rows)]
    for refs in columns:
        if len(unknown.intersection(refs)) < MIN_MAPPED * len(unknown):
            continue
        for targets in columns:
            written = [t for t in targets if t is not None]
            written = written[1:] if written and written[0] not in ids else written  # its header
            if targets is refs or not written or sum(t in ids for t in written) < MIN_IDS * len(written):
                continue
            pairs: dict[str, str] = {}
            for ref, target in zip(refs, targets, strict=True):
                if ref in unknown and target in ids and pairs.setdefault(ref, target) != target:
                    return None  # a reference mapped to two ids: no crosswalk to rely on
            if len(pairs) >= MIN_PAIRS and len(set(pairs.values())) == len(pairs):
                return pairs
    return None
