"""Dates written without their year ("le 8 janvier", "4 mars", "fin juin", "08/03") in a sheet whose file and sheet
names give one year ("Bilan annuel 2019.xls"): the names' year is theirs, as the person who typed them meant. Only a
cell that is no date as written and is one once the year is added; never when the names give no year or several."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import PurePosixPath

from ..errors import ParseError
from ..schemas import TABLES
from ..textnorm import YEAR, fold
from .normalising import Context
from .reading import RawSheet
from .recognition import Recognition

# what a date without its year looks like, and nothing else ("voir mail du 12/03" is a remark): "le 8 janvier",
# "jeu. 4 mars", "1er juin", "08/03", "fin juin", "mars"
_YEARLESS = re.compile(r"^(?:le\s+)?(?:[^\W\d_]{3,8}\.?\s+)?(?:1er|\d{1,2})\s+[^\W\d_]{3,9}\.?$"
                       r"|^\d{1,2}[/.]\d{1,2}$|^(?:(?:fin|début|debut|mi|courant|end of|early|mid)[\s-]+)?[^\W\d_]{3,9}\.?$",
                       re.IGNORECASE)


def names_year(sheet: RawSheet) -> str | None:
    """The one year the file and sheet names give, or None."""
    years = set(YEAR.findall(f"{PurePosixPath(sheet.file).stem} {sheet.sheet or ''}"))
    return years.pop() if len(years) == 1 else None


def with_names_year(sheet: RawSheet, rec: Recognition, ctx: Context) -> RawSheet | None:
    """``sheet`` with the year of its names added to the dates written without one; None when there are none."""
    dates = [m.index for m in rec.columns if TABLES[rec.table].column(m.column).kind == "date"]
    if not dates or (year := names_year(sheet)) is None:
        return None
    rows, changed = [list(r) for r in sheet.rows], False
    for row in rows[rec.header_index + 1:]:
        for j in dates:
            if j < len(row) and (dated := _with_year(row[j], year, ctx, sheet.month_first)) is not None:
                row[j], changed = dated, True
    return replace(sheet, rows=rows) if changed else None


def _with_year(cell, year: str, ctx: Context, month_first: bool) -> str | None:
    if not isinstance(cell, str) or not _YEARLESS.match(" ".join(cell.split())):
        return None
    words = fold(cell).replace(".", " ").split()
    if not any(c.isdigit() for c in cell) and words[-1] not in ctx.words.months:
        return None  # "Début", "Licence": a header's copy, never a month ("début 2023" reads as a date)
    if _reads(cell, ctx, month_first):
        return None
    text = " ".join(cell.split())
    for dated in (f"{text} {year}", f"{text}/{year}"):  # "4 mars 2019", "08/03/2019"
        if _reads(dated, ctx, month_first):
            return dated
    return None


def _reads(text: str, ctx: Context, month_first: bool) -> bool:
    try:
        return ctx.parsers.parse_date_precise(text, month_first)[0] is not None
    except ParseError:
        return False
