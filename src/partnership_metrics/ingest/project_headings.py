"""A budget grouped by project: a heading line names the project ("PRJ-2018-01 – ONCOVOICE – Anticorps…", or its
reference alone in the first column and its title beside it), the project's lines follow with labels of their own in
the column the sheet heads "Projet / ligne" ("    AAP Emergence"), and a subtotal closes the group ("Sous-total
PRJ-2018-01"). Each line's project is its heading's reference; a heading that names no project ("Actions hors projet
(transverses)") ties its lines to none. Headings are dropped with why.

Read so only when two headings at least name distinct references, every line with an amount lies under a heading,
and no line writes a reference of its own in the project's column (a plain table's lines name their projects).
"""

from __future__ import annotations

import re

from .reading import is_blank

MIN_HEADINGS = 2
REFERENCE = re.compile(r"(?=[\w./-]*[^\W\d_])(?=[\w./-]*\d)[^\W_][\w./-]{3,}")  # "PRJ-2018-01", "ONCO_12"
_YEAR = re.compile(r"(?:19|20)\d\d")


def reference_of(cell) -> str | None:
    """The reference a cell starts with ("PRJ-2018-01 – ONCOVOICE – …"), or None."""
    if not isinstance(cell, str) or not cell.split():
        return None
    first = cell.split()[0].rstrip(".,;:")
    return first if REFERENCE.fullmatch(first) and not _YEAR.fullmatch(first) else None


def carried_from_headings(rows: list[list], project: int, amounts: list[int], words
                          ) -> tuple[list[list], dict[int, str]]:
    """``rows`` (a sheet's data rows) with each line's project cell (column ``project``) made its heading's
    reference, and the offsets of the headings with why they are dropped; ``rows`` unchanged and no headings when
    the sheet is not grouped so. ``amounts``: the columns whose figures make a row a line."""
    cell = lambda row, j: row[j] if j < len(row) else None  # noqa: E731
    headings: dict[int, str | None] = {}
    lines: list[int] = []
    for i, row in enumerate(rows):
        filled = [j for j, c in enumerate(row) if not is_blank(c)]
        if not filled or total_line(row, words):
            continue  # a subtotal stays one, for what reads totals
        if any(not is_blank(cell(row, j)) for j in amounts):
            lines.append(i)
        elif max(filled) <= project and len(filled) <= 2:
            headings[i] = reference_of(cell(row, filled[0]))
    named = [r for r in headings.values() if r is not None]
    if (len(named) < MIN_HEADINGS or len(set(named)) != len(named) or not lines or min(lines) < min(headings)
            or any(reference_of(cell(rows[i], project)) for i in lines)):
        return rows, {}
    out = [list(r) + [None] * max(0, project + 1 - len(r)) for r in rows]
    current: str | None = None
    for i, row in enumerate(out):
        if i in headings:
            current = headings[i]
        elif i in lines:
            row[project] = current
    dropped = {i: f"heading of a group of lines (project {ref}), carried down to its lines" if ref else
               "heading of a group of lines tied to no project" for i, ref in headings.items()}
    return out, dropped


def total_line(row: list, words) -> bool:
    """Whether a row's first text names a total ("Total plan de financement", "Sous-total PRJ-2018-01")."""
    text = next((c for c in row if isinstance(c, str) and c.strip()), None)
    return text is not None and words.is_total_label(text)
