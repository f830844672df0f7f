"""Funding kept as a budget grid: one column per project (its reference as the header), one row per funder and
instrument ("Inserm Transfert – Maturation"), the rows of each financial year under a banner of their own ("Exercice
2021"), total rows and a total column as control sums. Each non-empty amount is one funding line: its project from
the column (none for credits tied to no project, "Non affecté (programme)"), its funder and instrument from the row's
label (a label naming a funder only, "Autres financeurs", is also its instrument: 'other' unless it names one), its
date known to the year from the banner above, its amount in the unit the lines above the grid state. Lines get ids
made from where they are (``<file>:<sheet>:<row>:<project>``); every row of the sheet is accounted for."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ParseError
from ..textnorm import fold
from .cofunder_lines import line_stem
from .header_units import stated_unit
from .normalising import Context, Dropped, SheetResult, normalise_long
from .reading import RawSheet, is_blank
from .recognised import ColumnMatch, Recognition
from .recognition import HEADER_SCAN_ROWS
from .tie_breaks import reads_as_id

MIN_PROJECTS = 3  # project columns that make a grid
MIN_FUNDER_ROWS = 3
SAMPLE = 200  # rows below a header a grid is told from (a long list is not read row by row to find none)
_CODE = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])\S+$")  # "VAL-2021-03": one word with letters and digits
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_SPLIT = re.compile(r"\s+[–—-]\s+|\s*:\s+")  # "Inserm Transfert – Maturation", "ANR : Subvention"
COLUMNS = ("project_id", "funder", "instrument", "amount_eur", "decision_date", "funding_id")


@dataclass(frozen=True)
class BudgetGrid:
    header_index: int
    label: int  # the column of the funder rows' labels
    projects: dict[int, str | None]  # column -> project reference (None: credits tied to no project)
    multiplier: float | None


def _text(cell) -> str:
    return " ".join(str(cell).split()) if isinstance(cell, str) else ""


def _funder(label: str, ctx: Context) -> tuple[str, str] | None:
    """(the funder's words, the instrument's words) of a row label that names a funder, else None."""
    parts = _SPLIT.split(label, maxsplit=1)
    if ctx.codebook.find("funding", "funder", parts[0]) is None:
        return None
    return parts[0], parts[1] if len(parts) > 1 else label


def _banner_year(row: list) -> str | None:
    """The year of a banner row ("Exercice 2021", "Année 2022": its only filled cell), else None."""
    filled = [c for c in row if not is_blank(c)]
    if len(filled) != 1 or not isinstance(filled[0], str) or len(filled[0]) > 40:
        return None
    found = {m.group(0) for m in _YEAR.finditer(filled[0])}
    return found.pop() if len(found) == 1 else None


def find_budget_grid(sheet: RawSheet, ctx: Context) -> BudgetGrid | None:
    """The sheet's budget grid (header row, label column, project columns, unit), or None."""
    for index, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        filled = [(j, c) for j, c in enumerate(row) if not is_blank(c)]
        if len(filled) < MIN_PROJECTS + 1 or not isinstance(filled[0][1], str):
            continue
        label, rest = filled[0][0], filled[1:]
        codes = {j: _text(c) for j, c in rest if isinstance(c, str) and _CODE.match(_text(c)) and reads_as_id(c)}
        if len(codes) < MIN_PROJECTS or len(codes) < 0.6 * len(rest):
            continue
        below = sheet.rows[index + 1:index + 1 + SAMPLE]
        funders = sum(1 for r in below if label < len(r) and isinstance(r[label], str)
                      and _funder(_text(r[label]), ctx) is not None)
        if funders < MIN_FUNDER_ROWS or not any(_banner_year(r) for r in below):
            return None
        projects: dict[int, str | None] = dict(codes)
        for j, c in rest:  # "Non affecté (programme)": credits of no project; "Total" is a control sum
            if j not in codes and ctx.parsers.is_missing(_text(c).split(" (")[0]):
                projects[j] = None
        return BudgetGrid(index, label, projects, stated_unit(sheet.rows[:index]))
    return None


def normalise_budget_grid(sheet: RawSheet, grid: BudgetGrid, ctx: Context) -> SheetResult:
    """One funding line per non-empty amount of the grid, every row of the sheet accounted for."""
    long_rows: list[list] = [[f"[{c}]" for c in COLUMNS]]
    origins, dropped = [], []
    first = sheet.first_row + grid.header_index + 1
    year = None
    stem = line_stem(sheet)
    for offset, row in enumerate(sheet.rows[grid.header_index + 1:]):
        number = first + offset
        label = _text(row[grid.label]) if grid.label < len(row) else ""
        if (banner := _banner_year(row)) is not None:
            year = banner
            dropped.append(Dropped(sheet.file, sheet.sheet, number, f"year banner ({banner}): the year of the rows "
                                   "below"))
            continue
        named = _funder(label, ctx) if label else None
        if named is None or year is None:
            reason = ("blank row" if all(is_blank(c) for c in row) else "total row"
                      if fold(label).startswith(ctx.words.total_row_starts) else "not a funder's row of the grid")
            dropped.append(Dropped(sheet.file, sheet.sheet, number, reason))
            continue
        produced = 0
        for j, project in grid.projects.items():
            raw = row[j] if j < len(row) else None
            try:
                amount = ctx.parsers.parse_money(raw, grid.multiplier)
            except ParseError:
                amount = f"{project}: {raw}"  # quarantined with its amount, as in a list
            if amount is None or amount == 0:
                continue
            long_rows.append([project, named[0], named[1], amount, year, f"{stem}:{number}:{project or j}"])
            origins.append((number, project or _text(sheet.rows[grid.header_index][j])))
            produced += 1
        if not produced:
            dropped.append(Dropped(sheet.file, sheet.sheet, number, "no amount in any project column"))
    rec = Recognition("funding", 0, [ColumnMatch(i, f"[{c}]", c) for i, c in enumerate(COLUMNS)], [])
    result = normalise_long(sheet, grid.header_index, long_rows, origins, dropped, rec, ctx)
    result.note = ("budget grid: one funding line per amount of a project's column, its funder and instrument from "
                   "the row, its year from the banner above")
    return result
