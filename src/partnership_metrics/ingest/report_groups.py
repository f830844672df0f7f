"""A report that shows a group's columns on its first line only: an accounting or portfolio tool's export grouped by
project writes "ONCO-2022-02 | Test compagnon" on the project's first commitment and leaves both cells empty on the
next ones. Each row belongs to the group above it: the reference is carried down.

Only when the sheet reads as such a report: the reference column (an id other than the table's own) and a text
column beside it are empty on the same rows and filled on the same rows, no reference is written twice (a plain
table repeats its project on each of its lines), both columns come before the row's own id (a report's groups lead
its rows), and two groups at least have more than one line (a plain table's one line tied to no project stays
so). Rows with their own
id are carried down (a total row writes no id).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from ..schemas import TABLES
from .reading import is_blank

if TYPE_CHECKING:
    from .recognition import Recognition

MIN_GROUPS = 2  # groups with a second line: one line with no reference in a plain table is tied to none



def groups_carried_down(rows: list[list], rec: Recognition) -> list[list]:
    """``rows`` (a sheet's data rows) with each group's reference and label carried down to the group's next lines
    when the sheet is such a report; else ``rows`` unchanged. A reference written without a label beside it (a
    project's decisions on consecutive lines, "N° PROJ." on the first only) is carried down when a third of the lines
    at least are such next lines."""
    table = TABLES[rec.table]
    own = {m.index for m in rec.columns if m.column in table.key and table.column(m.column).kind == "id"
           and len(table.key) == 1}
    references = [m.index for m in rec.columns if table.column(m.column).kind == "id" and m.index not in own]
    if not own or len(references) != 1 or len(rows) < 3:
        return rows
    ref, own_id = references[0], next(iter(own))
    required = [m.index for m in rec.columns if table.column(m.column).required and m.index not in (ref, own_id)]
    if (outline := _outline(rows, ref, own_id, required)) is not None:
        return outline[0]  # a Smartsheet outline: each line takes its head's reference
    cell = lambda row, j: row[j] if j < len(row) else None  # noqa: E731
    written = [i for i, r in enumerate(rows) if not is_blank(cell(r, ref)) and not is_blank(cell(r, own_id))]
    values = [str(cell(rows[i], ref)).strip() for i in written]
    least = min((sum(not is_blank(c) for c in rows[i]) for i in written), default=0) - 2  # less its ref and label
    continued = [i for i, r in enumerate(rows) if is_blank(cell(r, ref)) and not is_blank(cell(r, own_id))
                 and written and i > written[0] and sum(not is_blank(c) for c in r) >= max(least, 3)]
    # a reference written again on the lines right below it is one group written in full (two people's conventions
    # in one sheet); written again further down, it is a plain table's
    firsts = [v for k, v in enumerate(values) if k == 0 or v != values[k - 1]]
    if len(_groups(written, continued)) < MIN_GROUPS or len(set(firsts)) != len(firsts) or ref > own_id:
        return rows  # a plain table repeats its references; a report's groups lead its rows
    width = max(len(r) for r in rows)
    labels = [j for j in range(own_id) if j != ref
              and all(is_blank(cell(rows[i], j)) == is_blank(cell(rows[i], ref)) for i in written + continued)
              and any(isinstance(cell(rows[i], j), str) for i in written)]
    if not labels and len(continued) < MIN_CONTINUED_SHARE * (len(firsts) + len(continued)):
        return rows  # no label beside the reference: the layout must show itself (a few lines tied to no project)
    out = [list(r) + [None] * (width - len(r)) for r in rows]
    above: list | None = None
    starts, nexts = set(written), set(continued)  # sets: a report of 50 000 lines is read in linear time
    for i, row in enumerate(out):
        if i in starts:
            above = row
        elif i in nexts and above is not None:
            for j in (ref, *labels):
                row[j] = above[j]
    return out


MIN_CONTINUED_SHARE = 1 / 3  # of the lines, below a reference written without a label, that make it a group


def _groups(written: list[int], continued: list[int]) -> set[int]:
    """The written rows (groups' first lines) that one or more continued rows follow."""
    return {written[bisect_right(written, i) - 1] for i in continued}


GROUPED_KINDS = ("code", "institution")  # the columns a report groups its lines by: a funder, an account


def group_values_carried_down(rows: list[list], rec: Recognition, words) -> tuple[list[list], dict[int, str]]:
    """``rows`` with a column that a report writes once per group carried down to the group's lines: a
    report grouped by funder or by account writes "ANR" on the group's first line, or on a summary line above it
    (beside its subtotal), and leaves the cell empty below. Also the offsets of such summary lines (no id of their
    own, nothing but figures beside the group's value) with why they are dropped.

    Only for the sheet's first column, before the row's own id (a report's groups lead its rows), when no value is
    written twice (a plain table repeats its values), two groups at least have lines below their first, and two of
    these show they are groups (opened by a summary line or closed by a total line, "Sous-total") — or the sheet's
    one group is both (a band over its lines, a subtotal under them): a plain table's value left empty on some rows
    stays empty (and the row is quarantined). A total line ends a group."""
    table = TABLES[rec.table]
    own = [m.index for m in rec.columns if m.column in table.key and table.column(m.column).kind == "id"]
    if len(own) != 1 or len(table.key) != 1 or len(rows) < 3:
        return rows, {}
    own_id = own[0]
    grouped = [m for m in rec.columns if m.index < own_id and table.column(m.column).kind in GROUPED_KINDS]
    first = next((j for j in range(max(map(len, rows))) if any(j < len(r) and not is_blank(r[j]) for r in rows)),
                 None) if grouped else None  # the sheet's first column with a cell: a report's groups lead its rows
    grouped = [m for m in grouped if m.index == first]
    if not grouped:
        return rows, {}
    j = grouped[0].index
    cell = lambda row, k: row[k] if k < len(row) else None  # noqa: E731
    ends = [i for i, r in enumerate(rows) if isinstance(cell(r, j), str) and words.is_total_label(cell(r, j))]
    closing = set(ends)
    heads = [i for i, r in enumerate(rows) if not is_blank(cell(r, j)) and i not in closing]
    values = [" ".join(str(cell(rows[i], j)).split()).casefold() for i in heads]
    below = [i for i, r in enumerate(rows) if is_blank(cell(r, j)) and not is_blank(cell(r, own_id))
             and heads and i > heads[0]]
    if len(set(values)) != len(values) or not (groups := _groups(heads, below)):
        return rows, {}
    headings = {i for i in heads if _heading(rows[i], j, own_id, words)}
    if len(_shown(sorted(groups), heads, headings, ends)) < MIN_GROUPS and not _banded(groups, headings, ends):
        return rows, {}  # nothing says these are groups: a plain table's value left empty is missing
    out, value = [list(r) for r in rows], None
    dropped: dict[int, str] = {}
    for i, row in enumerate(out):
        if i in closing:
            value = None
        elif not is_blank(cell(row, j)):
            value = row[j]
            if i in headings:
                dropped[i] = f"heading of a group ({grouped[0].header}: {' '.join(str(value).split())}), its value " \
                             f"carried down to the group's lines"
        elif value is not None and not is_blank(cell(row, own_id)):
            row[j] = value
    return out, dropped


_FIGURE = re.compile(r"[-+(]?[\d\s\u00a0\u202f.,']*\d[\d\s\u00a0\u202f.,']*\)?\s*(?:[kKM]?\s*€|EUR|euros?|%)?",
                     re.IGNORECASE)  # a subtotal as a report writes it: "305 000 €", "305000,00", "(1 200)"


def _heading(row: list, j: int, own_id: int, words) -> bool:
    """Whether a row that writes the group's value (column ``j``) is a summary line above the group: no id of its
    own, and nothing else but figures (its subtotal, its count of records); a line with a project, a date or a
    label is a line of the table, whatever it lacks."""
    return (own_id >= len(row) or is_blank(row[own_id])) and all(
        (isinstance(c, (int, float)) and not isinstance(c, bool)) or words.is_record_count(c)
        or (isinstance(c, str) and _FIGURE.fullmatch(c.strip()) is not None)
        for k, c in enumerate(row) if k != j and not is_blank(c))


def _banded(groups: set[int], headings: set[int], ends: list[int]) -> bool:
    """Whether a sheet of one group shows it is one all the same: the group's value on a line of its own above its
    lines (a band, "INSTITUT PAOLI-CALMETTES") and a total line closing it ("SOUS-TOTAL …"), as a yearly sheet
    with a single institution's lines writes them."""
    return len(groups) == 1 and groups <= headings and any(end > max(groups) for end in ends)


def _shown(grouped: list[int], heads: list[int], headings: set[int], ends: list[int]) -> list[int]:
    """The groups (their first rows, ``grouped``, sorted) that show they are: opened by a summary line
    (``headings``) or closed by a total line (``ends``, sorted) before the next group's first row."""
    out = []
    for head in grouped:
        after = bisect_right(heads, head)
        stop = heads[after] if after < len(heads) else None
        closed = bisect_right(ends, head)
        if head in headings or (closed < len(ends) and (stop is None or ends[closed] < stop)):
            out.append(head)
    return out


def outline_rows(rows: list[list], rec: Recognition) -> dict[int, str]:
    """Offset -> reason of an outline's heads and sections (:func:`_outline`): no rows of the table."""
    table = TABLES[rec.table]
    own = [m.index for m in rec.columns if m.column in table.key and len(table.key) == 1]
    references = [m.index for m in rec.columns if table.column(m.column).kind == "id" and m.index not in own]
    if len(own) != 1 or len(references) != 1:
        return {}
    required = [m.index for m in rec.columns if table.column(m.column).required and m.index not in (*own, *references)]
    found = _outline(rows, references[0], own[0], required)
    if found is None:
        return {}
    return {**{i: "a section of an outline" for i in found[2]},
            **{i: "a group's head in an outline (the lines under it are its records)" for i in found[1]}}


def _outline(rows: list[list], ref: int, own_id: int, required: list[int]):
    """(rows with each line's reference carried from its head, the heads, the sections) of an outline, or None. In
    an outline (a Smartsheet export) a group's head names the reference and has no id of its own nor most of the
    row's ``required`` values ("CPP-AAP18-01 · MCIMPON | … | 333 000" rolling up its lines); the lines under it have
    their ids and leave the reference empty, up to a row that is neither (a section: "NON-PROJECT LINES"). None when
    fewer than two heads have lines under them."""
    cell = lambda row, j: row[j] if j < len(row) else None  # noqa: E731
    out, head, heads, sections = [list(r) for r in rows], None, set(), set()
    for i, row in enumerate(out):
        has_ref, has_id = not is_blank(cell(row, ref)), not is_blank(cell(row, own_id))
        if has_ref and not has_id and sum(not is_blank(cell(row, j)) for j in required) * 2 < len(required):
            head = i
        elif has_id and head is not None and (not has_ref or cell(row, ref) == out[head][ref]):
            row.extend([None] * (ref + 1 - len(row)))
            row[ref] = out[head][ref]
            heads.add(head)
        elif not has_id and any(not is_blank(c) for c in row):
            head = None  # a section row ends the group above it
            if not any(not is_blank(cell(row, j)) for j in required):
                sections.add(i)  # (a record lacking its id fills the rest: not a section)
    return (out, heads, sections) if len(heads) >= MIN_GROUPS else None


def parent_keys_carried_down(rows: list[list], rec: Recognition, words,
                             pages: frozenset[int] = frozenset()) -> tuple[list[list], str | None]:
    """``rows`` of a child table (rounds, attendance) with the parent's key written on a group's first line only
    ("NanoPharos | janvier 2023 | …" then "| 03/06/2023 | …") carried down to the group's next lines, and a note
    saying so; else ``rows`` unchanged and None.

    Only when the key column is the first one read (a group leads its lines), no key is written twice (a plain list
    repeats its parent on each line), two groups at least have a next line, and each next line fills half the cells
    at least (two or more) the group's first line fills beside the key and the group's other columns (a report's
    "Account Name | Account ID", both written on the first line only; an attendee's e-mail or unit may be
    missing). A blank line, a group's heading ("Account Name: OncoVista (2 records)") or its subtotal ends a group:
    a lone line with no parent after a blank line stays without one (and is quarantined). A converted report's
    page breaks (``pages``: its title lines repeated, the header's copy) end no group: a group split by one goes on
    under its key written again atop the next page."""
    table = TABLES[rec.table]
    if table.parent is None or len(rows) < 3:
        return rows, None
    key = next((m for m in rec.columns if m.column == table.parent.key), None)
    if key is None or key.index != min(m.index for m in rec.columns):
        return rows, None
    j = key.index
    written, seen, apart = [], set(), set()
    header = " ".join(key.header.split())
    for i, r in enumerate(rows):
        if i in pages or j < len(r) and " ".join(str(r[j]).split()) == header:  # a page's title, the header again
            apart.add(i)
            continue
        if j < len(r) and not is_blank(r[j]):
            if _apart(r, words):
                apart.add(i)
                continue
            if (value := str(r[j]).strip()) in seen and not (
                    str(rows[written[-1]][j]).strip() == value and any(  # the same group again atop the next page,
                        j < len(b) and " ".join(str(b[j]).split()) == header for b in rows[written[-1] + 1:i])):
                return rows, None  # a key written twice (a list of attendees repeats its events: told at once)
            seen.add(value)
            written.append(i)
    if not written or len(written) == len(rows):
        return rows, None
    apart |= {i for i, r in enumerate(rows) if (j >= len(r) or is_blank(r[j])) and _apart(r, words)}
    filled = [sum(not is_blank(c) for c in r) for r in rows]
    continued, above, starts = [], None, set(written)
    shown = _first_line_columns(rows, starts, apart)
    for i in range(len(rows)):
        if i in starts:
            above = i
        elif filled[i] == 0 or i in apart:
            above = None
        elif above is not None and 2 * filled[i] >= max(filled[above] - _cells_in(rows[above], shown | {j}), 4):
            continued.append((i, above))
    if len({a for _, a in continued}) < MIN_GROUPS:
        return rows, None
    out = list(rows)
    for i, a in continued:
        out[i] = [rows[a][j] if k == j else c for k, c in enumerate(rows[i])] + [None] * (j + 1 - len(rows[i]))
    return out, f"'{key.header}' is written on a group's first line only: carried down to {len(continued)} lines"


def _first_line_columns(rows: list[list], starts: set[int], apart: set[int]) -> set[int]:
    """The columns written on a group's first line only: on first lines, never on the next ones (headings and
    totals aside)."""
    width = max(len(r) for r in rows)
    others = [r for i, r in enumerate(rows) if i not in starts and i not in apart]
    return {k for k in range(width) if all(k >= len(r) or is_blank(r[k]) for r in others)
            and any(k < len(rows[i]) and not is_blank(rows[i][k]) for i in starts)}


def _cells_in(row: list, columns: set[int]) -> int:
    return sum(1 for k in columns if k < len(row) and not is_blank(row[k]))


def _apart(row: list, words) -> bool:
    """Whether a line is a group's heading or total, no line of the list: a text alone, or a total's label first."""
    cells = [c for c in row if not is_blank(c)]
    return bool(cells) and isinstance(cells[0], str) and (len(cells) == 1 or words.is_total_label(cells[0]))
