"""Lists of one parent's children, each under a line naming the parent and its own copy of the header: a portfolio's
rounds kept company by company ("▶ Oncostra", then "Date | Type de tour | Montant", then its rounds; "▶ ImmunoPulse",
the same header, its rounds). The line above each copy of the header names the parent of the rows below it: the
table is the child table whose parent's key those lines give (:mod:`.linking` reads each line's name, as it does a
sign-in list's title line), not a table that reads the rows without their parent."""

from __future__ import annotations

import re

from ..textnorm import YEAR, fold
from .project_headings import REFERENCE
from .reading import is_blank, row_texts

MIN_BLOCKS = 2  # copies of the header, each under its parent's line, that make the layout
_REFERENCE = re.compile(r"(?<![\w./-])" + REFERENCE.pattern)  # "IT-ONC-18-002" inside a title


def title_line(row: list) -> str | None:
    """The text of a line of one text cell (a parent's name), else None."""
    filled = [c for c in row if not is_blank(c)]
    return " ".join(filled[0].split()) if len(filled) == 1 and isinstance(filled[0], str) else None


def under_parent_lines(rows: list[list], index: int) -> bool:
    """Whether the header at ``rows[index]`` heads lists of children, each copy of it under a different line of one
    text cell (two copies at least, the first at ``index``)."""
    if index == 0 or title_line(rows[index - 1]) is None or len(header := row_texts(rows[index])) < 2:
        return False  # (the line above first: most headers have none, and the scan below reads every row)
    first = next(j for j, c in enumerate(rows[index]) if not is_blank(c))
    cell = rows[index][first]
    titles = []
    for k in range(index, len(rows)):
        if first < len(rows[k]) and rows[k][first] == cell and row_texts(rows[k]) == header:
            if k == 0 or (title := title_line(rows[k - 1])) is None:
                return False
            titles.append(title)
    headers = {fold(t) for t in header}
    if any((keyed := keyed_title(t)) and fold(keyed[0]) in headers for t in titles):
        return False  # "Projet IT-ONC-18-002 – …" over a header holding "Projet": each line says it (keyed_blocks.py)
    return len(titles) >= MIN_BLOCKS and len(set(titles)) == len(titles) and not _periods(titles)


def keyed_title(title: str) -> tuple[str, str] | None:
    """(the words before a title's reference, the reference): "Projet IT-ONC-18-002 – ExoCure (AMU)" -> ("Projet",
    "IT-ONC-18-002"); None when it names no reference after words."""
    found = _REFERENCE.search(title)
    if found is None or not (before := title[:found.start()].strip(" :–—-#")):
        return None
    return before, found.group().rstrip(".,;:")


def _periods(titles: list[str]) -> bool:
    """Whether the lines are a period's banners, not parents' names: the same words but the year ("Décisions 2018",
    "Décisions 2019")."""
    return all(YEAR.search(t) for t in titles) and len({YEAR.sub("", t).strip() for t in titles}) == 1
