"""Child rows kept beside their parent as repeated groups of columns: a list of start-ups with "Levée n°1 | Levée n°2 |
Levée n°3", each merged over the same "Date | Nature | Montant (k€) | Investisseurs", as a business developer keeps a
start-up's rounds on its row.

The parent's rows are read as usual (the row of sub-headers under the groups is the second row of their header,
dropped with that reason); each group filled on a row becomes one row of the child table (the start-up's rounds): the
parent's key from the row, the group's cells under its sub-headers, the group's title as where it comes from
(``source_column``). A sheet is read so when at least two groups carry the same sub-headers under titles that differ
only by their number, and those sub-headers, with the parent's key, make a child table with all its required columns.
The groups may also be numbered on one header row ("Round 1 date | Round 1 type | Round 2 date | …"): the
sub-header is then the header without its number.

A project's funding lines are kept so too ("Financement 1 – financeur | Financement 1 – dispositif | Financement 1 –
montant (k€) | Financement 2 – financeur …" on its row): funding names its project without being its child (a line
may fund no project), and such lines have no id of their own: each is given one made from where it is
(``<file>:<sheet>:<row>:<group>``), as a list of lines without ids is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..schemas import TABLES
from .cofunder_lines import line_stem
from .context_codes import GIVEN_BY_CONTEXT, context_values
from .header_rows import HEADER_SCAN_ROWS
from .line_ids import made_id_column
from .normalising import Context, Dropped, SheetResult, normalise_long
from .reading import RawSheet, is_blank, row_texts
from .recognition import ColumnMatch, Recogniser, Recognition
from .row_screen import row_kind

MIN_GROUPS = 2
# Tables that name a table's rows without being its children: (that table, the column naming its row)
_LINKED = {"funding": ("projects", "project_id")}  # a project's funding lines, in groups on its row
_NUMBER = re.compile(r"\d+")
_TITLE = re.compile(r".*?\d+")
_INDEX = re.compile(r"\[\s*\]")  # an exported list's index once its number is gone: "fundingRounds[0].type"


@dataclass
class Groups:
    """Repeated groups of a parent's sheet: the child table, the row of sub-headers, each group's title and columns."""

    table: str
    sub_row: int  # index of the row of sub-headers (the row below the parent's header)
    key_index: int  # the parent's key column
    groups: list[tuple[str, list[int]]]  # (title, column indexes in the sub-headers' order)
    columns: list[ColumnMatch]  # the child's columns, at their offset in a group (after the key at 0)
    made_id: str | None = None  # the child's id, made from where each group is (after the group's columns)
    given: tuple = ()  # values of every child row the sheet's title gives ("CanceroPôle PACA" as the funder), last


def _child(table: str) -> str | None:
    child = next((name for name, t in TABLES.items() if t.parent is not None and t.parent.table == table), None)
    return child or next((name for name, (parent, _) in _LINKED.items() if parent == table), None)


def _parent_of(child: str) -> tuple[str, str]:
    """(the table whose rows ``child``'s rows belong to, the column of ``child`` naming that row)."""
    parent = TABLES[child].parent
    return (parent.table, parent.key) if parent is not None else _LINKED[child]


def _child_columns(child: str, matches: list[ColumnMatch], width: int,
                   given: frozenset[str] = frozenset()) -> tuple[list[ColumnMatch], str | None] | None:
    """The child's columns of a group (its parent's key first), with the id made for each group when the child's
    only missing required column is an id that may be made; None when the groups lack a required column (``given``:
    the columns the sheet's title gives)."""
    parent_key = _parent_of(child)[1]
    found = {m.column for m in matches} | {parent_key} | given
    missing = [c for c in TABLES[child].required if c not in found]
    made = made_id_column(child) if child in _LINKED and missing == [made_id_column(child)] else None
    if missing and made is None:
        return None
    columns = [ColumnMatch(0, f"[{parent_key}]", parent_key), *(m for m in matches if m.column != parent_key)]
    return [*columns, *([ColumnMatch(width + 1, f"[{made}]", made)] if made else [])], made


def find_column_groups(sheet: RawSheet, rec: Recognition, recogniser: Recogniser) -> Groups | None:
    """The repeated groups of columns of a parent's sheet ("Code | Société | Levée n°1 | Levée n°2"), or of a sheet
    of the child table kept so ("Code | Start-up | Tour 1 | Tour 2", only the first group read as the table), or
    None."""
    if rec.grid is not None:
        return None
    child = _child(rec.table)
    if child is not None:
        key = TABLES[rec.table].key[0] if TABLES[rec.table].key else None
        kept = rec.mapped_indexes
    elif TABLES[rec.table].parent is not None:
        child, key = rec.table, _parent_of(rec.table)[1]
        kept = {m.index for m in rec.columns if m.column == key}
    else:
        return None
    key_index = next((m.index for m in rec.columns if m.column == key), None)
    h = rec.header_index
    for top in (h, h - 1):  # the groups' titles on the header row, or on the row above it
        if key_index is not None and 0 <= top and top + 1 < len(sheet.rows):
            found = _groups(sheet, top, kept, key_index, child, recogniser)
            if found is not None:
                return found
    return _numbered(sheet, h, kept, key_index, child, recogniser) if key_index is not None else None


def _numbered(sheet: RawSheet, h: int, kept: set[int], key_index: int, child: str,
              recogniser: Recogniser) -> Groups | None:
    """Groups written on one header row, each header numbering its group ("Round 1 date | Round 1 type | Round 1
    amount (€m) | Round 2 date | …", "Date levée 1 | Montant levée 1"): the sub-header is the header without its
    number."""
    by_number: dict[str, dict[str, int]] = {}
    for i, text in ((i, " ".join(str(c).split())) for i, c in enumerate(sheet.rows[h])
                    if i not in kept and i != key_index and isinstance(c, str)):
        numbers = _NUMBER.findall(text)
        if len(numbers) == 1 and len(numbers[0]) <= 2:  # "Round 1 date", not "Montant 2021"
            sub = " ".join(_INDEX.sub("", _NUMBER.sub(" ", text)).replace("n°", " ").replace("#", " ").split())
            by_number.setdefault(numbers[0], {}).setdefault(sub, i)
    if len(by_number) < MIN_GROUPS:
        return None
    # the sub-headers every group has ("fundingRounds[0].type"); a field of one number only is the parent's own
    # ("relatedProjects[0].id" beside "fundingRounds[0].type", "fundingRounds[1].type")
    subs = [sub for sub in next(iter(by_number.values())) if all(sub in g for g in by_number.values())]
    if len(subs) < 2 or sum(len(g) > len(subs) for g in by_number.values()) > 1:
        return None
    headers = [(offset + 1, text) for offset, text in enumerate(subs)]
    matches, _ = recogniser.match_headers(child, headers)
    if (read := _child_columns(child, matches, len(subs))) is None:
        return None
    groups = [(_TITLE.match(" ".join(str(sheet.rows[h][g[subs[0]]]).split())).group(0), [g[s] for s in subs])
              for g in by_number.values()]  # "Round 1": the header up to its number
    return Groups(child, h, key_index, groups, *read)


def _groups(sheet: RawSheet, top: int, kept: set[int], key_index: int, child: str,
            recogniser: Recogniser, given: frozenset[str] = frozenset()) -> Groups | None:
    upper, lower = sheet.rows[top], sheet.rows[top + 1]
    cells = [(i, " ".join(str(c).split())) for i, c in enumerate(upper)
             if i not in kept and i != key_index and isinstance(c, str) and _NUMBER.search(c)]
    # a title merged over its group starts it (spread over the merge, its copies continue it)
    titles = [(i, t) for k, (i, t) in enumerate(cells) if k == 0 or cells[k - 1] != (i - 1, t)]
    if len(titles) < MIN_GROUPS or len({_NUMBER.sub("#", t) for _, t in titles}) != 1:
        return None
    groups = []
    for k, (start, title) in enumerate(titles):
        end = titles[k + 1][0] if k + 1 < len(titles) else len(lower)
        span = [i for i in range(start, end) if i < len(lower) and isinstance(lower[i], str) and lower[i].strip()]
        groups.append((title, span))
    subs = [tuple(" ".join(str(lower[i]).split()) for i in span) for _, span in groups]
    if len(subs[0]) < 2 or any(s != subs[0] for s in subs[:-1]) or subs[-1][: len(subs[0])] != subs[0]:
        return None  # the last group may run on to a comment column: its first sub-headers must be the same
    groups[-1] = (groups[-1][0], groups[-1][1][: len(subs[0])])
    headers = [(offset + 1, text) for offset, text in enumerate(subs[0])]
    matches, _ = recogniser.match_headers(child, headers)
    if (read := _child_columns(child, matches, len(subs[0]), given)) is None:
        return None
    return Groups(child, top + 1, key_index, groups, *read)


def find_keyed_groups(sheet: RawSheet, recogniser: Recogniser, ctx: Context) -> Groups | None:
    """Groups of a child's columns beside nothing of its parent but the parent's key and labels, the sheet's title
    giving what the groups lack ("Financements accordés par le CanceroPôle PACA" over "Réf. projet | Acronyme |
    2018: Appel · Montant (k€) · Date CS | 2019: …"): no parent table, the children all the same; else None."""
    for child, (parent_table, key) in _LINKED.items():
        given = [c for t, c in GIVEN_BY_CONTEXT if t == child]
        for h in range(1, min(len(sheet.rows) - 1, HEADER_SCAN_ROWS)):
            numbered = [j for j, c in enumerate(sheet.rows[h - 1]) if isinstance(c, str) and _NUMBER.search(c)]
            if len(numbered) < MIN_GROUPS or (parent := recogniser.recognise_at(sheet, h, parent_table, True)) is None:
                continue
            key_index = next((m.index for m in parent.columns if m.column == key and m.index < numbered[0]), None)
            kept = {m.index for m in parent.columns if m.index < numbered[0]}
            found = _groups(sheet, h - 1, kept, key_index, child, recogniser, frozenset(given)) if (
                key_index is not None) else None
            lacking = [c for c in TABLES[child].required if found and c not in {m.column for m in found.columns}]
            if found and (values := context_values(sheet, h - 1, child, lacking, ctx) if lacking else {}) is not None:
                width = len(found.groups[0][1]) + 1 + (found.made_id is not None)
                columns = [ColumnMatch(width + k, f"[{c}]", c) for k, c in enumerate(values)]
                return replace(found, columns=[*found.columns, *columns], given=tuple(v for v, _ in values.values()))
    return None


def parent_beside(sheet: RawSheet, rec: Recognition, groups: Groups, recogniser: Recogniser) -> Recognition | None:
    """The parent table read from the columns beside the groups of a sheet first recognised as the child's ("ID |
    Start-up | SIREN | Created | Round 1 date | Round 1 type …": the start-ups, their rounds in the groups), or
    None when those columns are no whole parent table."""
    parent = _parent_of(groups.table)[0]
    in_groups = {i for _, span in groups.groups for i in span}
    found = recogniser.recognise_at(sheet, rec.header_index, parent)
    if found is None:
        return None
    found = replace(found, columns=[m for m in found.columns if m.index not in in_groups])
    if any(c not in {m.column for m in found.columns} for c in TABLES[parent].required):
        return None
    return replace(found, missing_required=[])


def without_sub_headers(result: SheetResult, sheet: RawSheet, groups: Groups) -> SheetResult:
    """The parent's result with the rows of sub-headers (under its header, and written again lower down) dropped as
    rows of the header, not quarantined as parents lacking their key."""
    sub_texts = row_texts(sheet.rows[groups.sub_row])
    numbers = {sheet.first_row + i for i in range(groups.sub_row, len(sheet.rows))
               if i == groups.sub_row or row_texts(sheet.rows[i]) == sub_texts}
    numbers &= result.quarantined_rows
    if numbers:
        result.problems = [p for p in result.problems if p.row not in numbers]
        result.cell_problems = [p for p in result.cell_problems if p.row not in numbers]
        result.quarantined_rows -= numbers
        result.dropped = sorted([*result.dropped, *(Dropped(sheet.file, sheet.sheet, n, "a row of the header (the "
                                                            "groups' columns)") for n in sorted(numbers))],
                                key=lambda d: d.row)
    return result


def normalise_groups(sheet: RawSheet, groups: Groups, ctx: Context) -> SheetResult:
    """One row of the child table per group filled on a row of the parent's sheet."""
    width = 1 + len(groups.groups[0][1]) + (groups.made_id is not None) + len(groups.given)
    stem = line_stem(sheet)
    long_rows: list[list] = [[None] * width]
    origins, dropped = [], []
    first = sheet.first_row + groups.sub_row + 1
    header = sheet.rows[groups.sub_row - 1] if groups.sub_row else []  # (groups numbered on the first row: none)
    header_texts, sub_texts = row_texts(header), row_texts(sheet.rows[groups.sub_row])
    parent = Recognition(_parent_of(groups.table)[0], 0, [ColumnMatch(groups.key_index, "", "")], [])
    for offset, row in enumerate(sheet.rows[groups.sub_row + 1:]):
        number = first + offset
        texts = row_texts(row)
        # total, example and note rows, and the header written again, once for the row (not once per group)
        why = ("repeated header row" if texts in (header_texts, sub_texts) else
               row_kind(row, parent, header_texts, {groups.key_index}, ctx.words))
        if why:
            dropped.append(Dropped(sheet.file, sheet.sheet, number, why))
            continue
        key = row[groups.key_index] if groups.key_index < len(row) else None
        filled = [(title, [row[i] if i < len(row) else None for i in span]) for title, span in groups.groups]
        filled = [(title, cells) for title, cells in filled if any(not is_blank(c) for c in cells)]
        if not filled or is_blank(key) and groups.table not in _LINKED:  # a line may fund no project ("Hors projet")
            why = "no group of columns filled" if not filled else "no key on the row (not a child's parent)"
            dropped.append(Dropped(sheet.file, sheet.sheet, number, why))
            continue
        for title, cells in filled:
            made = [f"{stem}:{number}:{title}"] if groups.made_id else []
            long_rows.append([None if is_blank(key) else key, *cells, *made, *groups.given])
            origins.append((number, title))
    for m in groups.columns:
        long_rows[0][m.index] = m.header
    result = normalise_long(sheet, groups.sub_row, long_rows, origins, dropped,
                            Recognition(groups.table, 0, groups.columns, []), ctx)
    result.columns = {m.header: m.column for m in groups.columns}
    result.note = (f"{TABLES[groups.table].name} kept as repeated groups of columns beside their "
                   f"{TABLES[_parent_of(groups.table)[0]].name}: "
                   + ", ".join(repr(title) for title, _ in groups.groups))
    return result
