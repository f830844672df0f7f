"""Records of other tables kept in an outline under their parent's row: a portfolio whose project rows are each
followed by the start-up founded on the project ("Theralys Bio | SIREN | Date | Statut") and that start-up's rounds
("Levée - Seed | Date | 2,18 M€ | Seed"), in the same columns, the label of each level in one column ("Projet ▸
Start-up ▸ Tour"). The project rows are read as the sheet's table; the others as rows of their own tables.

A row without the sheet's key belongs to the table whose columns it fills most among the tables that refer to the
sheet's table (start-ups and funding name a project) and their children (rounds name a start-up), provided it fills
every column that table requires (its name read from the label column when the table knows its records by name); a
row no table takes, or two tables take alike, is left to the sheet's table as before. Each record's parent is the
nearest parent row above it (a start-up's project, a round's start-up), and a line of one cell ("START-UP
ACCOMPAGNÉES HORS PORTEFEUILLE") ends them: the rows below it have none. A column the parent has and the child
table too, that the child's row leaves empty (the project's lead institution), is taken from the parent's row.
Read so only when two rows at least are such records.

A record's children may also sit under its row in columns of their own, named by a second header row right below
the header (an events sheet "N° | Date | Intitulé | Type | …" over " | | Participant | Mail | Établissement | Unité",
each event's line followed by its attendees' lines, indented): :func:`find_sub_header_outline`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..schemas import TABLES
from .normalising import Context, Dropped, SheetResult, normalise_long
from .parallel_lines import split_lines
from .reading import RawSheet, is_blank
from .recognised import MADE_ID_COLUMNS
from .recognition import ColumnMatch, Recogniser, Recognition
from .record_kinds import OTHER_KIND
from .row_screen import row_kind

MIN_RECORDS = 2
_NAME = "name"  # the column that gives a record's id when the table knows its records by name
_LABELS = ("title", _NAME)  # the sheet's column of each level's label


@dataclass
class _Level:
    table: str
    cells: list[tuple[int, str]]  # (column index, table column) of its own columns on the sheet
    link: str | None  # the column that names its parent ("project_id", "startup_id")
    parent: str  # the table of its parent: the sheet's, or another level's
    named: bool  # its id is the label column's value
    rows: list[tuple[int, str | None, dict[str, object]]] = field(default_factory=list)  # (offset, parent, inherited)


@dataclass
class Outline:
    levels: list[_Level]
    label: int  # the label column
    headers: set[int] = field(default_factory=set)  # rows heading the records of a level (a second header row)

    @property
    def offsets(self) -> set[int]:
        return {offset for level in self.levels for offset, _, _ in level.rows} | self.headers


def _levels(rec: Recognition, headers: list[tuple[int, str]], label: int, recogniser: Recogniser) -> list[_Level]:
    """The tables whose records an outline of ``rec.table`` may hold, with the free columns each reads."""
    key = TABLES[rec.table].key[0]
    children = [t for t, spec in TABLES.items() if t != rec.table and spec.parent is None and key in spec.column_names
                and t in recogniser.synonyms]
    out = []
    for table in children + [t for t, spec in TABLES.items() if spec.parent and spec.parent.table in children]:
        spec = TABLES[table]
        matches, _ = recogniser.match_headers(table, headers)
        cells = [(m.index, m.column) for m in matches if m.column != spec.key[0] or len(spec.key) > 1
                 or spec.key[0] == MADE_ID_COLUMNS.get(table)]  # a funding line's own reference ("Réf. fin.")
        named = _NAME in spec.column_names and spec.key[0] not in {c for _, c in cells}
        if named:
            cells.append((label, _NAME))
        link, parent = (spec.parent.key, spec.parent.table) if spec.parent else (key, rec.table)
        if cells:
            out.append(_Level(table, cells, link, parent, named))
    return out


def _taker(row: list, levels: list[_Level], filled_free: set[int]) -> _Level | None:
    """The level a row's filled columns say, or None (none, or two alike)."""
    scores = []
    for level in levels:
        spec = TABLES[level.table]
        have = {c for j, c in level.cells if j < len(row) and not is_blank(row[j])} | {level.link}
        if level.named:
            have.add(spec.key[0])
        if all(c in have for c in spec.required if c != MADE_ID_COLUMNS.get(level.table)):  # a line's id is made
            scores.append((sum(1 for j, _ in level.cells if j in filled_free), level))
    scores.sort(key=lambda s: -s[0])
    if not scores or scores[0][0] == 0 or (len(scores) > 1 and scores[1][0] == scores[0][0]):
        return None
    return scores[0][1]


def find_outline(sheet: RawSheet, rec: Recognition, recogniser: Recogniser, ctx: Context) -> Outline | None:
    """The records of other tables in ``rec``'s sheet kept under their parents' rows, or None."""
    if rec is None or rec.missing_required:
        return None
    spec = TABLES[rec.table]
    key = next((m.index for m in rec.columns if len(spec.key) == 1 and m.column == spec.key[0]), None)
    label = next((m.index for m in rec.columns if m.column in _LABELS), None)
    if key is None or label is None or rec.grid is not None or rec.header_index >= len(sheet.rows):
        return None
    header = sheet.rows[rec.header_index]
    free = [(j, " ".join(str(c).split())) for j, c in enumerate(header)
            if j not in rec.mapped_indexes and isinstance(c, str) and c.strip()]
    levels = _levels(rec, free, label, recogniser)
    if not free or not levels:
        return None
    free_indexes = {j for j, _ in free}
    header_texts = tuple(" ".join(str(c).split()) for c in header if not is_blank(c))
    parent_rec = Recognition(rec.table, 0, [*rec.columns, *(ColumnMatch(j, text, "") for j, text in free)], [])
    current: dict[str, tuple[str, list]] = {}  # table -> (id of the nearest record above, its row)
    for offset, row in enumerate(sheet.rows[rec.header_index + 1:], start=rec.header_index + 1):
        cell = lambda j, row=row: row[j] if j < len(row) else None  # noqa: E731
        if not is_blank(cell(key)):
            current = {rec.table: (str(cell(key)).strip(), row)}
            continue
        why = row_kind(row, parent_rec, header_texts, {key}, ctx.words)
        if why:
            if sum(not is_blank(c) for c in row) == 1 and not why.startswith("blank"):
                current = {}  # "START-UP ACCOMPAGNÉES HORS PORTEFEUILLE PROJETS": no parent below
            continue
        level = _taker(row, levels, {j for j in free_indexes if not is_blank(cell(j))})
        if level is None:
            continue
        parent_id, parent_row = current.get(level.parent, (None, None))
        inherited = {}
        if level.parent == rec.table:  # its own cell ("Lavande Bio | UniCA", no project), else its project's
            own = {c for _, c in level.cells}
            inherited = {m.column: cell(m.index) if not is_blank(cell(m.index)) or parent_row is None
                         else parent_row[m.index] if m.index < len(parent_row) else None for m in rec.columns
                         if m.column in TABLES[level.table].column_names and m.column not in own
                         and m.column != level.link and m.index != label}
        level.rows.append((offset, parent_id, inherited))
        made_id = str(cell(label)).strip() if level.named and not is_blank(cell(label)) else None
        current = {t: v for t, v in current.items() if TABLES[t].parent is None or t == rec.table}
        if made_id is not None:
            current[level.table] = (made_id, row)
    found = [level for level in levels if level.rows]
    if sum(len(level.rows) for level in found) < MIN_RECORDS:
        return None
    return Outline(found, label)


def outline_results(sheet: RawSheet, outline: Outline, rec: Recognition, ctx: Context,
                    read: Callable[[RawSheet], SheetResult]) -> list[SheetResult]:
    """The sheet's own table (``read`` from the sheet without the outline's other records), then one result per
    table of the outline's records, each record traced to its row."""
    width = max(len(r) for r in sheet.rows)
    rows = [[OTHER_KIND] + [None] * (width - 1) if i in outline.offsets else r for i, r in enumerate(sheet.rows)]
    results = [read(replace(sheet, rows=rows))]
    first = sheet.first_row + rec.header_index + 1
    for level in outline.levels:
        spec = TABLES[level.table]
        inherited = sorted({c for _, _, got in level.rows for c in got})
        columns = [level.link, *(c for _, c in level.cells), *inherited, *([spec.key[0]] if level.named else [])]
        long_rows: list[list] = [[f"[{c}]" for c in columns]]
        taken = {offset for offset, _, _ in level.rows}
        dropped = [Dropped(sheet.file, sheet.sheet, first + i, f"not a row of {spec.name} in the outline")
                   for i in range(len(sheet.rows) - rec.header_index - 1) if rec.header_index + 1 + i not in taken]
        origins = []
        for offset, parent_id, got in level.rows:
            row = sheet.rows[offset]
            cell = lambda j, row=row: row[j] if j < len(row) else None  # noqa: E731
            own = [cell(j) for j, _ in level.cells]
            key = next((k for k, (_, c) in enumerate(level.cells) if c == spec.key[0] and len(spec.key) == 1), None)
            for line in split_lines(own, key):  # "FIN-01⏎FIN-02" under its project: one line each
                long_rows.append([parent_id, *line, *(got.get(c) for c in inherited),
                                  *([cell(outline.label)] if level.named else [])])
                origins.append((sheet.first_row + offset, None))
        matches = [ColumnMatch(i, text, c) for i, (text, c) in enumerate(zip(long_rows[0], columns, strict=True))]
        result = normalise_long(sheet, rec.header_index, long_rows, origins, dropped,
                                Recognition(level.table, 0, matches, []), ctx)
        result.note = f"{spec.name} kept in an outline under their {TABLES[level.parent].name}' rows"
        results.append(result)
    return results


def find_sub_header_outline(sheet: RawSheet, rec: Recognition, recogniser: Recogniser) -> Outline | None:
    """The rows of ``rec.table``'s child table (an event's attendees) kept under each record's row in the columns a
    second header row names, right below the header (its copies below are that header again); None unless that row
    is text only, names every column the child table requires (but the link to its record), and two rows at least
    fill those columns only, under a record. A line of one cell ("2019") ends a record's children."""
    spec = TABLES[rec.table] if rec is not None else None
    child = next((t for t, s in TABLES.items() if s.parent and spec and s.parent.table == rec.table), None)
    if child is None or rec.grid is not None or rec.missing_required or len(spec.key) != 1:
        return None
    key = next((m.index for m in rec.columns if m.column == spec.key[0]), None)
    below = rec.header_index + 1
    if key is None or below >= len(sheet.rows):
        return None
    sub = sheet.rows[below]
    headers = [(j, " ".join(c.split())) for j, c in enumerate(sub) if isinstance(c, str) and c.strip()]
    if len(headers) < 2 or any(not (is_blank(c) or isinstance(c, str)) for c in sub) or any(j == key for j, _ in headers):
        return None
    matches, _ = recogniser.match_headers(child, headers)
    cells = [(m.index, m.column) for m in matches]
    link = TABLES[child].parent.key
    required = [c for c in TABLES[child].required if c != link]
    if not required or not set(required) <= {c for _, c in cells}:
        return None
    columns = {j for j, _ in cells}
    needed = [{j for j, c in cells if c == column} for column in required]  # a person's name or e-mail, say
    texts = tuple(text for _, text in headers)
    level, again, parent = _Level(child, cells, link, rec.table, False), {below}, None
    for offset in range(below + 1, len(sheet.rows)):
        row = sheet.rows[offset]
        filled = {j for j, c in enumerate(row) if not is_blank(c)}
        if key in filled:
            parent = str(row[key]).strip()
        elif tuple(" ".join(str(row[j]).split()) for j in sorted(filled)) == texts:
            again.add(offset)
        elif parent is not None and filled and filled <= columns and all(filled & n for n in needed):
            level.rows.append((offset, parent, {}))
        elif len(filled) == 1:
            parent = None
    return Outline([level], key, again) if len(level.rows) >= MIN_RECORDS else None
