"""A record of another table kept on its parent's row, under a group title naming that table: a master sheet of
projects whose columns "Start-up créée | SIREN | Date d'immatriculation | Statut SU | Effectif | Lauréat i-Lab" sit
under a merged "START-UP" title, the start-up founded on the row's project.

Each row whose group is filled gives one row of that table: the group's cells under their headers, the parent's key
as the record's link to it ("project_id"), the parent's columns the group does not write but the table has (the
project's lead institution), and the record's name as its id when the group writes no id (start-ups are known by
their names). Read so only when the title names the table (a column of its own: "START-UP", "Société") and the
group's headers, with those, give every required column of the table.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..schemas import TABLES
from .normalising import Context, Dropped, SheetResult, normalise_long
from .reading import RawSheet, is_blank
from .recognition import ColumnMatch, Recogniser, Recognition
from .row_screen import row_kind

_NAME = "name"  # the column whose value is a record's id when its group writes none


@dataclass
class RecordGroup:
    """A group of a parent's sheet holding one record of ``table`` per row."""

    table: str
    title: str
    key_index: int  # the parent's key column on the sheet
    cells: list[tuple[int, str]]  # the group's (column index, table column)
    inherited: list[tuple[int, str]]  # the parent's (column index, table column) the group does not write
    named_id: bool  # the record's id is its name


def _titles(sheet: RawSheet, row: int, width: int) -> list[tuple[str, list[int]]]:
    """The titles of row ``row`` with the columns under each: a merged title's range, else up to the next title."""
    merged = {c1 - 1: c2 for r1, c1, r2, c2 in sheet.merged_ranges if r1 == r2 == sheet.first_row + row}
    cells = [(j, " ".join(str(c).split())) for j, c in enumerate(sheet.rows[row]) if isinstance(c, str) and c.strip()]
    out = []
    for k, (j, text) in enumerate(cells):
        end = merged.get(j, cells[k + 1][0] if k + 1 < len(cells) else width)
        out.append((text, list(range(j, min(end, width)))))
    return out


def find_record_group(sheet: RawSheet, rec: Recognition, recogniser: Recogniser) -> RecordGroup | None:
    """The group of ``rec``'s sheet that holds a record of another table on each row, or None."""
    key = TABLES[rec.table].key
    h = rec.header_index
    key_index = next((m.index for m in rec.columns if key and m.column == key[0]), None)
    if key_index is None or h < 1 or rec.grid is not None or len(key) != 1:
        return None
    header, mapped = sheet.rows[h], {m.index for m in rec.columns}
    for title, span in _titles(sheet, h - 1, len(header)):
        if mapped & set(span):
            continue
        for table in (t for t, spec in TABLES.items() if t != rec.table and spec.parent is None
                      and key[0] in spec.column_names and t in recogniser.synonyms):
            if (group := _group(table, title, span, header, rec, key_index, recogniser)) is not None:
                return group
    return None


def _group(table, title, span, header, rec, key_index, recogniser) -> RecordGroup | None:
    spec, link = TABLES[table], TABLES[rec.table].key[0]
    own = {spec.key[0], _NAME} if spec.key else set()
    if not any(score > 1000 and column in own for column, score in recogniser.cell_candidates(table, title)):
        return None  # the title names no record of the table
    headers = [(j, " ".join(str(header[j]).split())) for j in span if j < len(header) and not is_blank(header[j])]
    matches, _ = recogniser.match_headers(table, headers)
    written = {m.column for m in matches}
    named_id = spec.key[0] not in written and _NAME in written
    inherited = [(m.index, m.column) for m in rec.columns
                 if m.column in spec.column_names and m.column not in written and m.column != link]
    have = written | {c for _, c in inherited} | {link} | ({spec.key[0]} if named_id else set())
    if any(c not in have for c in spec.required) or len(matches) < 2:
        return None
    return RecordGroup(table, title, key_index, [(m.index, m.column) for m in matches], inherited, named_id)


def normalise_record_group(sheet: RawSheet, group: RecordGroup, rec: Recognition, ctx: Context) -> SheetResult:
    """One row of the group's table per row of the parent's sheet whose group is filled."""
    spec = TABLES[group.table]
    columns = [TABLES[rec.table].key[0], *(c for _, c in group.cells), *(c for _, c in group.inherited)]
    if group.named_id:
        columns.append(spec.key[0])
    long_rows: list[list] = [[f"[{c}]" for c in columns]]
    origins, dropped = [], []
    first = sheet.first_row + rec.header_index + 1
    header_texts = tuple(" ".join(str(c).split()) for c in sheet.rows[rec.header_index] if not is_blank(c))
    parent = Recognition(rec.table, 0, [ColumnMatch(group.key_index, "", "")], [])
    name_at = next((j for j, c in group.cells if c == _NAME), None)
    for offset, row in enumerate(sheet.rows[rec.header_index + 1:]):
        cell = lambda j, row=row: row[j] if j < len(row) else None  # noqa: E731
        why = row_kind(row, parent, header_texts, {group.key_index}, ctx.words)
        if not why and all(is_blank(cell(j)) for j, _ in group.cells):
            why = f"no record of {spec.name} on the row ({group.title!r} empty)"
        if why:
            dropped.append(Dropped(sheet.file, sheet.sheet, first + offset, why))
            continue
        long_rows.append([cell(group.key_index), *(cell(j) for j, _ in group.cells),
                          *(cell(j) for j, _ in group.inherited), *([cell(name_at)] if group.named_id else [])])
        origins.append((first + offset, group.title))
    matches = [ColumnMatch(i, text, c) for i, (text, c) in enumerate(zip(long_rows[0], columns, strict=True))]
    result = normalise_long(sheet, rec.header_index, long_rows, origins, dropped,
                            Recognition(group.table, 0, matches, []), ctx)
    result.note = f"{spec.name} kept on the rows of {rec.table} under {group.title!r}"
    return result


def record_group_results(sheet: RawSheet, rec: Recognition, recogniser: Recogniser, ctx: Context) -> list[SheetResult]:
    """The result of the group of ``rec``'s sheet holding another table's records (:func:`find_record_group`), as a
    list of none or one."""
    group = find_record_group(sheet, rec, recogniser)
    return [normalise_record_group(sheet, group, rec, ctx)] if group is not None else []
