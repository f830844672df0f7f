"""One list holding records of two tables told apart by a column of kinds: a CRM's export of deals of two pipelines
("Pipeline": "Valorisation CPP-IT" rows are projects, "Start-up fundraising" rows are start-ups' rounds), a
database's records of several types ("Record type").

A sheet is read so when a column the table read does not take has a header of ``record_kind_header_words``
(``vocab/words.yaml``), holding two to :data:`MAX_KINDS` values, each on at least :data:`MIN_ROWS` rows, and the
rows of one kind, with only the columns they fill, are another table than the sheet's, every required column
given. Each kind's rows are then read as a sheet of their own, named after the kind: the same header without the
columns the kind leaves empty, the other kinds' rows left out (each part lists them as rows of another kind).

A team's activity log is such a list too, its column of kinds headed as any ("Type", "Kind":
``activity_kind_header_words``): there each value names a kind of record (``vocab/deal_kinds.yaml``: "Funding
decision", "Start-up round") or is a code of a column that tells one table's records apart ("Workshop", "Webinar":
an event's type, ``activity_kind_columns``); the rows are parted by the table they are records of (a quarter's tab
may hold one funding decision only), a total line left to the first part, and the codes' column read as that
column in its part.
"""

from __future__ import annotations

from dataclasses import replace

from ..textnorm import tokens
from .deal_kinds import kind_named, with_deal_fields
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
    coded = {m.index for m in rec.columns if f"{rec.table}.{m.column}" in words.activity_kind_columns}
    for index, text in header_cells(header):
        if (index not in rec.mapped_indexes or index in coded) and " ".join(tokens(text)) in \
                words.activity_kind_header_words and (parts := _activity_parts(sheet, rec, index, text, recogniser, words)):
            return parts  # (the kinds read as an event's type where the log was taken for events)
    return None


def _activity_parts(sheet: RawSheet, rec: Recognition, index: int, text: str, recogniser: Recogniser,
                    words) -> list[RawSheet] | None:
    """The parts of a team's activity log, one per table its kinds name (see the module's docstring), each read as
    its table with every required column; None when a kind names no table or the rows are of the sheet's table."""
    first, named = rec.header_index + 1, {}
    groups: dict[str, list[int]] = {}
    totals = []
    for i in range(first, len(sheet.rows)):
        cell = sheet.rows[i][index] if index < len(sheet.rows[i]) else None
        if is_blank(cell):
            continue
        if words.is_total_label(str(cell)):
            totals.append(i)
            continue
        value = " ".join(str(cell).split())
        if value not in named:
            named[value] = _kind_table(value, recogniser, words)
        if named[value] is None:
            return None  # a value that names no kind of record: a column of something else
        groups.setdefault(named[value][0], []).append(i)
    if not groups or set(groups) == {rec.table}:
        return None
    parts = []
    for n, (table, rows) in enumerate(groups.items()):
        part = kind_part(sheet, rec.header_index, sorted(rows + (totals if n == 0 else [])), text, table)
        column = next(c for t, c in named.values() if t == table)
        head = list(part.rows[rec.header_index])
        head[index] = None if column is None else f"{column.replace('_', ' ')} [{' '.join(text.split())}]"
        part = replace(part, rows=[*part.rows[:rec.header_index], head, *part.rows[rec.header_index + 1:]],
                       known_table=(table, rec.header_index))  # the kind says the table ("Ref" alone does not)
        found = recogniser.recognise_at(part, rec.header_index, table, known=True)
        if found is None or found.table != table or found.missing_required:
            return None
        parts.append(part)
    return parts


def _kind_table(value: str, recogniser: Recogniser, words) -> tuple[str, str | None] | None:
    """(table, the column the value is a code of, or None) of a kind of record an activity log writes."""
    if (kind := kind_named(value)) is not None:
        return kind.table, None
    coded = {(table, column) for table, column in (c.split(".") for c in words.activity_kind_columns)
             if recogniser.codebook is not None and recogniser.codebook.find(table, column, value)}
    return coded.pop() if len(coded) == 1 else None


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
