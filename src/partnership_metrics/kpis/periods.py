"""Years and periods as people write them: "2022", "2021-2023", "2021–2023"."""

from __future__ import annotations

import re

from ..errors import PartnershipMetricsError

_PERIOD = re.compile(r"^\s*(\d{4})\s*(?:[-–—]\s*(\d{4})\s*)?$")


class KpiError(PartnershipMetricsError, ValueError):
    """A bad KPI request (period, language, format...): a ValueError the CLI shows as one line."""


class PeriodError(KpiError):
    """A year or period that cannot be read."""


def parse_period(period: str | int) -> tuple[int, int]:
    """Return ``(first_year, last_year)`` of ``"2021"``, ``"2021-2023"`` or ``"2021–2023"``.

    Raises
    ------
    PeriodError
        (a ``ValueError``) when ``period`` is not a year or a period of increasing years.
    """
    text = str(period)
    match = _PERIOD.match(text)
    if not match:
        raise PeriodError(f"invalid period {text!r}: expected a year (2022) or a period of years (2020-2022)")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first:
        raise PeriodError(f"invalid period {text!r}: the last year comes before the first")
    return first, last


def period_label(first: int, last: int) -> str:
    """The canonical text of a period: ``"2022"`` or ``"2021-2023"``."""
    return str(first) if first == last else f"{first}-{last}"


def three_years_before(first_year: int) -> str:
    """The baseline of a period that has no other: the three years before ``first_year`` (``2018-2020``)."""
    return period_label(first_year - 3, first_year - 1)


def default_baseline(first: int, last: int, partnership) -> str:
    """The baseline of the period ``first``-``last`` when none is given: the partnership's baseline for the
    partnership's period, else the three years before the period."""
    if period_label(first, last) == period_label(*partnership.years):
        return partnership.baseline
    return three_years_before(first)


def span(years: tuple[int, ...]) -> str:
    """Years as a reason names them: ``"2021"``, ``"2021-2023"`` or ``"2019, 2021"`` (never empty)."""
    if not years:
        raise ValueError("a reason names at least one year")
    if list(years) == list(range(years[0], years[-1] + 1)):
        return period_label(years[0], years[-1])
    return ", ".join(str(y) for y in years)
