"""Header rows as people write them: a cell merged over the columns it heads, a header written on two rows under a
merged group, or words running down several rows."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from itertools import groupby

from ..textnorm import YEAR
from .lone_texts import PAGE_FOOTER
from .reading import RawSheet, is_blank, row_texts

HEADER_SCAN_ROWS = 60
SECTION_TITLE_WORDS = 5  # a lone cell of that many words below a header is a section's title, not a sub-header
_DATED = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")
_VALUE = re.compile(r"\d.*\d|@")  # a date, an amount, an id, an e-mail: a data row's, not a header's ("(1)" is a note's)


def holds_values(row: list) -> bool:
    """Whether ``row`` holds anything but header text: a number, a date, or a text that reads as a value (a date, an
    amount, an id, an e-mail typed as text in a CSV or an .ods)."""
    return any(not (is_blank(v) or isinstance(v, str) and not _VALUE.search(v)) for v in row)
_SECOND_PART = re.compile(r"^(?P<first>.+?)\s*[(\[]\s*(?:et|and|\+|&)\s+(?P<second>[^)\]]+)[)\]]\s*$", re.S)
MERGED_HEADER_MAX_SPAN = 3  # a header merged over more columns is a group or a title, not one column's header


def with_header_merges(sheet: RawSheet) -> RawSheet:
    """``sheet`` with each header cell merged across 2-3 columns of one row written into the cells it covers, as a
    reader sees it: "Établissement porteur (et unité)" over two columns heads the institution, then the unit;
    "Porteur" over two columns heads both parts of the person (name, e-mail). Only rows near the top (where a
    header is looked for) and only cells left empty are filled."""
    ranges = [r for r in getattr(sheet, "merged_ranges", None) or []
              if r[0] == r[2] and 1 <= r[3] - r[1] + 1 <= MERGED_HEADER_MAX_SPAN and r[3] > r[1]
              and 0 <= r[0] - sheet.first_row < HEADER_SCAN_ROWS]
    if not ranges:
        return sheet
    rows = list(sheet.rows)
    for row, first_col, _, last_col in ranges:
        index = row - sheet.first_row
        if index >= len(rows) or first_col - 1 >= len(rows[index]):
            continue
        text = rows[index][first_col - 1]
        if not isinstance(text, str) or not text.strip() or _alone(rows[index], first_col - 1):
            continue  # a band's title alone on its row ("FEUILLES D'ÉMARGEMENT" over a stacked list): no header
        cells = list(rows[index]) + [None] * max(0, last_col - len(rows[index]))
        parts = _SECOND_PART.match(" ".join(text.split()))
        if parts:
            cells[first_col - 1] = parts["first"]
        for col in range(first_col, last_col):
            if cells[col] is None:
                cells[col] = parts["second"] if parts else text
        rows[index] = cells
    return replace(sheet, rows=rows)


def _alone(row: list, index: int) -> bool:
    """Whether the cell at ``index`` is the only filled one of ``row``."""
    return all(is_blank(v) for j, v in enumerate(row) if j != index)


def two_row_header(upper: list, lower: list) -> list | None:
    """A header written on two rows (a merged "Dates" group above "Détection | DI | Dépôt", and cells merged
    down both rows, which read as empty in the lower one): the lower row, its empty cells taken from above.
    None when the upper row adds nothing."""
    if not upper:
        return None
    width = max(len(upper), len(lower))
    upper = list(upper) + [None] * (width - len(upper))
    lower = list(lower) + [None] * (width - len(lower))
    if not any(is_blank(lo) and isinstance(up, str) and up.strip() for up, lo in zip(upper, lower, strict=False)):
        return None
    if _section_title(lower):
        return None  # a section's title below the header ("Comité de sélection – séance du 01/03/2021"), no header
    if any(data_cell(v) for v in lower):
        return None  # a record's date or amount (a table beside, whose first line sits on this row): data
    return [up if is_blank(lo) else lo for up, lo in zip(upper, lower, strict=False)]


# a value typed as text: a number first, maybe after a bound ("≥ 4/5", "26", "0,9 M€", "x 2"), not "1er semestre"
_VALUE_TEXT = re.compile(r"^\s*(?:[≥≤<>≈~=×+]|x\s)?\s*\d[\d\s.,/]*(?![^\W\d_])")
_YEARS = re.compile(r"\b(?:\d{1,2}[/.-]){0,2}(?:19|20)\d{2}\b")  # "2022", "12/2022": when a header says
MAX_UNIT = 12  # characters after a value typed as text: its unit ("k€", "jours", "€ HT")


def data_cell(value) -> bool:
    """Whether a cell is a date, a number other than a year, or a text that is one (a target's "≥ 4/5" typed as
    text): a record's, never a header's ("2021", "Objectif 2022", "T1 2021", "(3-yr value)" may head)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return True
    if isinstance(value, str):  # (a number and its unit at most: "15/08/2019 – Training: …" heads its column)
        return bool(m := _VALUE_TEXT.match(value)) and len(value[m.end():].strip()) <= MAX_UNIT and any(
            c.isdigit() for c in _YEARS.sub(" ", value))
    return isinstance(value, (int, float)) and not isinstance(value, bool) and not (
        float(value).is_integer() and 1900 <= value <= 2100)


def groups_over(upper: list, lower: list) -> list[str | None] | None:
    """The group each cell of a header ``lower`` sits under, when the row above is a row of groups ("Porteur" over
    "Nom | Établissement | Unité", a group running right to the next one); None when it is not (fewer than two
    cells, anything but text, a section's title, as many cells as the header: not groups over it)."""
    filled = [v for v in upper if not is_blank(v)]
    below = [v for v in lower if not is_blank(v)]
    if (len(filled) < 2 or not all(isinstance(v, str) for v in filled + below) or _section_title(upper)
            or len(below) <= len(filled)):
        return None
    out, group = [], None
    for j in range(len(lower)):
        above = upper[j] if j < len(upper) else None
        if isinstance(above, str) and above.strip():
            group = " ".join(above.split())
        out.append(group)
    return out


def stacked_header(rows: list[list], index: int, depth: int) -> list | None:
    """A header whose words run down ``depth`` rows ending at ``index`` ("Nb" over "part." over "(présents)"), each
    column's words joined; None when one of those rows holds anything but text (a data row, not a header)."""
    if index + 1 < depth:
        return None
    stack = rows[index - depth + 1 : index + 1]
    if any(not (v is None or isinstance(v, str)) for row in stack for v in row) or any(map(_section_title, stack[1:])):
        return None
    filled = [sum(1 for v in row if v is not None and v.strip()) for row in stack]
    if filled[0] < 2 or any(n == 0 or 2 * n > filled[0] for n in filled[1:]):
        return None  # a title row (one cell) is not part of a header; a row as full as the header is data
    width = max(len(r) for r in stack)
    joined = [" ".join(str(r[i]).strip() for r in stack if i < len(r) and r[i] is not None and str(r[i]).strip())
              or None for i in range(width)]
    return joined if joined != [c if c is None or not isinstance(c, str) else c.strip() or None
                                for c in stack[-1] + [None] * (width - len(stack[-1]))] else None


def _section_title(row: list) -> bool:
    """Whether ``row`` is a section's title (one text cell with a date, a year or a sentence), not a header's second
    row."""
    filled = [v for v in row if v is not None and not (isinstance(v, str) and not v.strip())]
    return len(filled) == 1 and isinstance(filled[0], str) and bool(
        _DATED.search(filled[0]) or YEAR.search(filled[0]) or len(filled[0].split()) >= SECTION_TITLE_WORDS)


def group_at(upper: list | None, index: int) -> str | None:
    """The group header over column ``index`` of the row below ``upper`` (the nearest label at or left of it: a
    merged cell reads empty after its first column), or None."""
    for cell in reversed((upper or [])[: index + 1]):
        if isinstance(cell, str) and cell.strip():
            return cell
    return None


def header_candidates(rows: list[list], index: int) -> list[list]:
    """Row ``index`` and the headers it may end: written on two rows, words running down two or three rows."""
    row, upper = rows[index], rows[index - 1] if index > 0 else None
    filled = [c for c in row if isinstance(c, str) and c.strip()]
    if len(filled) == 1 and len(filled[0].split()) >= 3 and sum(not is_blank(c) for c in row) == 1:
        return [row]  # "Pas de candidature accompagnée" under a header: a sentence, no second row of it
    made = [two_row_header(upper, row)] if upper is not None else []
    made += [stacked_header(rows, index, depth) for depth in (2, 3)]
    made += [continued_header(rows, index, depth) for depth in (2, 3)]
    return [row, *(h for h in made if h is not None)]


def continued_header(rows: list[list], index: int, depth: int) -> list | None:
    """A header whose labels a converter broke over ``depth`` rows ending at ``index`` (a PDF's or a word
    processor's table: "Type de" over "technologie", "Accom-" over "pagnement", "Déclaration" over "d'invention"
    under a group "Jalons"): each column's label continued by the text below it when that text carries on (starts in
    lower case or with a bracket, or the label ends with a hyphen); a label under a group starts anew. None unless
    two labels at least carry on, and when a row holds anything but text or a value (a date, an amount, an id, an
    e-mail): data, not a header."""
    if index + 1 < depth:
        return None
    stack = rows[index - depth + 1 : index + 1]
    if any(map(holds_values, stack)):
        return None
    width = max(len(r) for r in stack)
    labels: list[str | None] = [None] * width
    carried = 0
    for row in stack:
        for j, cell in enumerate(row):
            if is_blank(cell):
                continue
            text = " ".join(cell.split())
            if labels[j] is not None and _carries_on(labels[j], text):
                labels[j] = labels[j][:-1] + text if labels[j].endswith("-") and text[:1].islower() else (
                    f"{labels[j]} {text}")
                carried += 1
            else:
                labels[j] = text
    return labels if carried >= 2 else None


def _carries_on(label: str, text: str) -> bool:
    return text[:1].islower() or text[:1] in "([" or label.endswith("-")


def group_rows_again(dropped: list[tuple[int, str]], rows: list[list], above: list[list]) -> list[tuple[int, str]]:
    """``dropped`` (offset, why) with the rows of a header written on several rows copied over each copy of its last
    row: a group row ("Projet | Porteur | Dates | Montants" over "Réf. | Acronyme | …" at the top of each year's
    block), the first rows of a header a PDF's table repeats on each page; ``above``: the header's rows above its
    last, nearest last. A group is one text however many cells its merge was copied into. Between such a copy and
    the page footer above it ("Page 17/31"), the lines of text are the page's running title."""
    groups = [_groups(row) if not holds_values(row) else () for row in reversed(above)]
    taken = dict(dropped)
    again: list[tuple[int, str]] = []
    for i, why in dropped:
        if why != "repeated header row":
            continue
        top = i
        for k, texts in enumerate(groups, start=1):
            if len(texts) < 2 and not (k == 1 and len(texts) == 1) or i - k < 0 or i - k in taken:
                break
            if _groups(rows[i - k]) != texts:
                break
            again.append((i - k, why))
            top = i - k
        again += _page_header(rows, top, taken)
    return sorted(dropped + again) if again else dropped


def _page_header(rows: list[list], top: int, taken: dict[int, str]) -> list[tuple[int, str]]:
    """The lines of text between a page footer and the header copied at ``top`` below it."""
    lines = []
    for k in range(top - 1, -1, -1):
        if taken.get(k) == PAGE_FOOTER:
            return [(j, "page header (a printed page's running title)") for j in lines]
        if k in taken and taken[k] != "blank row" or len(lines) >= 2:
            return []  # (no record sits between a page's footer and the next page's header)
        if k not in taken:
            lines.append(k)
    return []


def _groups(row: list) -> tuple[str, ...]:
    return tuple(text for text, _ in groupby(row_texts(row)))
