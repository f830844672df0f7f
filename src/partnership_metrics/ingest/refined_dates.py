"""A date written coarsely in one copy of a record and to the day in another ("T4 2019" in the 2019 report, "15/12/2019"
in the 2020 one, once the file was found): the same date, known better. The finer value is kept when it falls within
the coarser ones' span; dates that do not fit each other stay a conflict."""

from __future__ import annotations

import datetime as dt

from .parsers import PRECISIONS

_MONTHS = {"day": 0, "month": 1, "quarter": 3, "semester": 6, "year": 12}  # a precision's span, from its first day
SUFFIX = "_precision"


def refined_dates(values: list[dict]) -> dict[str, tuple[object, str]]:
    """For each date column on which the records ``values`` differ only in how precisely they know the date: the
    finest (date, precision). Columns with a real disagreement, or no disagreement, are left out."""
    found = {}
    for column in {c[: -len(SUFFIX)] for record in values for c in record if c.endswith(SUFFIX)}:
        pairs = {(r.get(column), r.get(column + SUFFIX)) for r in values if _is_date(r.get(column))}
        if len({d for d, _ in pairs}) < 2 or not all(p in PRECISIONS for _, p in pairs):
            continue
        finest = min(pairs, key=lambda pair: PRECISIONS.index(pair[1]))
        if all(_within(finest[0], date, precision) for date, precision in pairs if (date, precision) != finest
               ) and sum(p == finest[1] for _, p in pairs) == 1:
            found[column] = finest
    return found


def _is_date(value) -> bool:
    return isinstance(value, dt.date)


def _within(day: dt.date, start: dt.date, precision: str) -> bool:
    """Whether ``day`` falls in the span a date known to ``precision`` covers from ``start``."""
    months = _MONTHS[precision]
    if months == 0:
        return day == start
    end_month = start.month - 1 + months
    end = dt.date(start.year + end_month // 12, end_month % 12 + 1, 1)
    return start <= day < end
