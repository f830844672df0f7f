"""A date column kept as a timeline, as a work-management board exports it ("Maturation (timeline)":
"2021-03-01 - 2022-06-30"): each cell is a period of days, and the column's date is the period's first day, however
long the period (a plain date column reads a range of a few days only: a longer one says no single date). Only a
column whose header names a timeline (a reviewed word of ``vocab/words.yaml``)."""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import ParseError
from ..schemas import TABLES
from ..textnorm import fold
from .reading import RawSheet
from .recognised import Recognition

_PERIOD = re.compile(r"^\s*(\S+)\s+[-–—→]\s+(\S+)\s*$")  # "2021-03-01 - 2022-06-30"


def with_timeline_starts(sheet: RawSheet, rec: Recognition, ctx) -> RawSheet:
    """``sheet`` with each cell of a timeline date column written as its period's first day."""
    table = TABLES[rec.table]
    columns = [m.index for m in rec.columns if table.column(m.column).kind == "date"
               and set(fold(m.header).split()) & ctx.words.timeline_header_words]
    if not columns:
        return sheet
    rows = list(sheet.rows)
    for i in range(rec.header_index + 1, len(rows)):
        for j in columns:
            if j < len(rows[i]) and isinstance(rows[i][j], str) and (start := period_start(rows[i][j], ctx.parsers)):
                rows[i] = [start if k == j else c for k, c in enumerate(rows[i])]
    return replace(sheet, rows=rows)


def period_start(text: str, parsers) -> str | None:
    """The first day of a period of days, as written, or None."""
    if not (m := _PERIOD.match(text)):
        return None
    try:
        (start, first), (end, last) = parsers.parse_date_precise(m[1]), parsers.parse_date_precise(m[2])
    except ParseError:
        return None
    return m[1] if start is not None and end is not None and start <= end and first == last == "day" else None
