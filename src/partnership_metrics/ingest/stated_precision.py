"""A date's precision stated in a column of its own, as a database exports it: Crunchbase's "Announced Date" beside
"Announced Date Precision" ("day", "month", "year"), a date stored as the first day of its month or year. The date
is read to that precision ("2021-05-01" with "month": May 2021), as if it had been written so. The column's header
is the date's with a word of ``precision_header_words`` (``vocab/words.yaml``); its values are the tables' precision
codes (:data:`~partnership_metrics.schemas.PRECISIONS`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ..errors import ParseError
from ..schemas import PRECISIONS, TABLES
from ..textnorm import fold
from .reading import RawSheet, is_blank
from .recognition import Recognition


def with_stated_precision(sheet: RawSheet, rec: Recognition, parsers, words) -> RawSheet:
    """``sheet`` with each date of a column whose precision another column states written to that precision
    (``sheet`` itself when no column states one)."""
    header = sheet.rows[rec.header_index]
    dates = {fold(m.header): m.index for m in rec.columns if TABLES[rec.table].column(m.column).kind == "date"}
    pairs = {}
    for j, cell in enumerate(header):
        if j in rec.mapped_indexes or not isinstance(cell, str):
            continue
        said = fold(cell).split()
        if not set(said) & words.precision_header_words:
            continue
        named = " ".join(w for w in said if w not in words.precision_header_words)
        date = dates.get(named) if named else (next(iter(dates.values())) if len(dates) == 1 else None)
        if date is not None:
            pairs[date] = j
    if not pairs:
        return sheet
    rows = list(sheet.rows)
    for offset in range(rec.header_index + 1, len(rows)):
        row = rows[offset]
        for date, j in pairs.items():
            precision = fold(str(row[j])) if j < len(row) and not is_blank(row[j]) else None
            if precision in PRECISIONS and precision != "day" and date < len(row) and (
                    day := _day(row[date], parsers)) is not None:
                row = list(row) if row is rows[offset] else row
                row[date] = _written(day, precision)
        rows[offset] = row
    return replace(sheet, rows=rows)


def _day(cell, parsers) -> dt.date | None:
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    try:
        return parsers.parse_date(cell) if isinstance(cell, str) and cell.strip() else None
    except ParseError:
        return None


def _written(day: dt.date, precision: str) -> str:
    """A date written to ``precision`` as the date parser reads it: "05/2021", "T2 2021", "S1 2021", "2021"."""
    if precision == "month":
        return f"{day.month:02d}/{day.year}"
    if precision == "quarter":
        return f"T{(day.month - 1) // 3 + 1} {day.year}"
    if precision == "semester":
        return f"S{(day.month - 1) // 6 + 1} {day.year}"
    return str(day.year)
