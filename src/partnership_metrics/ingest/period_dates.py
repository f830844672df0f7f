"""A long targets table whose period is a pair of dates, as a funder's grants portal exports its indicators: "Date de
début de période | Date de fin de période" (01/01/2021 – 31/12/2021 for 2021, 01/01/2021 – 31/12/2023 for
2021-2023). The sheet gets a period column made from them: the year of a period within one calendar year, else the
years it spans ("2021-2023"). The dates stay unread otherwise.

The pair is found by its headers: one start and one end header (``record_start_header_words`` and
``record_end_header_words``, otherwise date words, of ``vocab/targets.yaml``), most cells below them dates.
"""

from __future__ import annotations

from dataclasses import replace

from ..errors import ParseError
from ..textnorm import fold
from .reading import RawSheet, is_blank
from .recognition import ColumnMatch, Recognition

MIN_DATES = 0.8  # of the written cells below a start or end header that are dates


def with_period_from_dates(sheet: RawSheet, rec: Recognition, grids) -> tuple[RawSheet, Recognition] | None:
    """``sheet`` with a ``[period]`` column made from its start and end dates, and the recognition that reads it;
    None when it is no targets table lacking only its period, or has no such pair."""
    if rec.table != "kpi_targets" or rec.missing_required != ["period"] or rec.grid is not None:
        return None
    words, parse = grids.words, grids.parsers.parse_date
    header = sheet.rows[rec.header_index]
    rows = sheet.rows[rec.header_index + 1:]
    fillers = words.record_date_filler_words | words.period_words | words.whole_period_header_words

    def dated(j: int, said: frozenset[str]) -> bool:
        cells = [r[j] for r in rows if j < len(r) and not is_blank(r[j])]
        return bool(said) and bool(cells) and sum(_date(parse, c) is not None for c in cells) >= MIN_DATES * len(cells)

    free = {j: frozenset(fold(c).split()) for j, c in enumerate(header)
            if j not in rec.mapped_indexes and isinstance(c, str)}
    starts = [j for j, w in free.items() if w & words.record_start_header_words
              and w <= words.record_start_header_words | fillers and dated(j, w)]
    ends = [j for j, w in free.items() if w & words.record_end_header_words
            and w <= words.record_end_header_words | fillers and dated(j, w)]
    if len(starts) != 1 or len(ends) != 1:
        return None
    start, end = starts[0], ends[0]
    width = max(len(r) for r in sheet.rows)
    out = []
    for i, row in enumerate(sheet.rows):
        cells = list(row) + [None] * (width - len(row))
        if i == rec.header_index:
            cells.append("[period]")
        elif i > rec.header_index:
            cells.append(_period(_date(parse, cells[start]), _date(parse, cells[end])))
        else:
            cells.append(None)
        out.append(cells)
    columns = [*rec.columns, ColumnMatch(width, "[period]", "period")]
    return replace(sheet, rows=out), replace(rec, columns=columns, missing_required=[])


def _date(parse, cell):
    try:
        return parse(cell)
    except ParseError:
        return None


def _period(start, end) -> str | None:
    """"2021" for a period within 2021, "2021-2023" for one from 2021 to 2023; None without both dates (the row's
    period is then missing, and the row says so)."""
    if start is None or end is None:
        return None
    return str(start.year) if start.year == end.year else f"{start.year}-{end.year}"
