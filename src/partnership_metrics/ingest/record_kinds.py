"""One list holding records of two tables told apart by a column of kinds: a CRM's export of deals of two pipelines
("Pipeline": "Valorisation CPP-IT" rows are projects, "Start-up fundraising" rows are start-ups' rounds), a
database's records of several types ("Record type").

A sheet is read so when a column the table read does not take has a header of ``record_kind_header_words``
(``vocab/words.yaml``), holding two to :data:`MAX_KINDS` values, each on at least :data:`MIN_ROWS` rows, and the
rows of one kind, with only the columns they fill, are another table than the sheet's, every required column
given. Each kind's rows are then read as a sheet of their own, named after the kind: the same header without the
columns the kind leaves empty, the other kinds' rows left out (each part lists them as rows of another kind).
"""

from __future__ import annotations

from dataclasses import replace

from ..textnorm import tokens
from .deal_kinds import with_deal_fields
from .reading import OTHER_KIND, RawSheet, is_blank
from .recognition import Recogniser, Recognition, header_cells

MAX_KINDS = 6
MIN_ROWS = 2


def split_by_kind(sheet: RawSheet, rec: Recognition, recogniser: Recogniser, words) -> list[RawSheet] | None:
    """One sheet per kind of record, or None when the sheet's rows are of one table."""
    header = sheet.rows[rec.header_index]
    first = rec.header_index + 1
    for index, text in header_cells(header):
        if index in rec.mapped_indexes or " ".join(tokens(text)) not in words.record_kind_header_words:
            continue
        kinds: dict[str, list[int]] = {}
        for i in range(first, len(sheet.rows)):
            cell = sheet.rows[i][index] if index < len(sheet.rows[i]) else None
            if not is_blank(cell):
                kinds.setdefault(" ".join(str(cell).split()), []).append(i)
        if not 2 <= len(kinds) <= MAX_KINDS or any(len(rows) < MIN_ROWS for rows in kinds.values()):
            continue
        parts = {kind: with_deal_fields(kind_part(sheet, rec.header_index, rows, text, kind), rec.header_index, index,
                                        kind, recogniser) for kind, rows in kinds.items()}
        tables = {kind: recogniser.recognise(part) for kind, part in parts.items()}
        if any(r is not None and not r.missing_required and r.table != rec.table for r in tables.values()):
            return list(parts.values())
    return None


def kind_part(sheet: RawSheet, header_index: int, rows: list[int], header: str, kind: str,
              marked: bool = True) -> RawSheet:
    """The sheet with only ``rows`` below its header (the others marked as another kind's, or blank when not
    ``marked``) and only the columns they fill."""
    kept = set(rows)
    width = max(len(r) for r in sheet.rows)
    filled = {j for i in rows for j, cell in enumerate(sheet.rows[i]) if not is_blank(cell)}
    out = []
    for i, row in enumerate(sheet.rows):
        if i < header_index:
            out.append(list(row))
        elif i == header_index:
            out.append([cell if j in filled else None for j, cell in enumerate(row)])
        elif i in kept:
            out.append(list(row))
        else:
            out.append([OTHER_KIND if marked else None] + [None] * (width - 1))
    name = f"{sheet.sheet} [{header}: {kind}]" if sheet.sheet else f"[{header}: {kind}]"
    return replace(sheet, rows=out, sheet=name, merged_ranges=[])
