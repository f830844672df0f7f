"""Valorisation KPIs: the project funnel (detection -> maturation -> licence) and start-ups."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._base import Result, Tables, formula, null, ok, share, span

MATURATION_INSTRUMENTS = ("maturation", "proof_of_concept")


def _count(t: Tables, table: str, column: str, years) -> Result:
    t.frame(table, column)
    return ok(int(t.in_years(table, column, years).sum()))


@formula
def projects_detected(t: Tables, years, period_end) -> Result:
    """Projects with ``detection_date`` in the years."""
    return _count(t, "projects", "detection_date", years)


@formula
def invention_disclosures(t: Tables, years, period_end) -> Result:
    """Projects with ``disclosure_date`` in the years."""
    return _count(t, "projects", "disclosure_date", years)


@formula
def priority_filings(t: Tables, years, period_end) -> Result:
    """Projects with ``priority_filing_date`` in the years."""
    return _count(t, "projects", "priority_filing_date", years)


@formula
def maturation_projects(t: Tables, years, period_end) -> Result:
    """Projects with ``maturation_start_date`` in the years."""
    return _count(t, "projects", "maturation_start_date", years)


@formula
def maturation_eur(t: Tables, years, period_end) -> Result:
    """Maturation and proof-of-concept funding (any funder) decided in the years."""
    t.frame("funding", "instrument", "decision_date", "amount_eur")
    lines = t.in_years("funding", "decision_date", years) & t.isin("funding", "instrument", MATURATION_INSTRUMENTS)
    return ok(t.total("funding", "amount_eur", lines))


@formula
def licences(t: Tables, years, period_end) -> Result:
    """Projects with ``licence_date`` in the years."""
    return _count(t, "projects", "licence_date", years)


@formula
def startups_created(t: Tables, years, period_end) -> Result:
    """Start-ups with ``creation_date`` in the years."""
    return _count(t, "startups", "creation_date", years)


@formula
def startup_funds_raised_eur(t: Tables, years, period_end) -> Result:
    """Sum of start-up rounds closed in the years."""
    t.frame("startup_rounds", "round_date", "amount_eur")
    return ok(t.total("startup_rounds", "amount_eur", t.in_years("startup_rounds", "round_date", years)))


def _days_to_maturation(t: Tables) -> np.ndarray:
    """Days from detection to maturation per project; NaN when a date is missing or known only to its month
    (or quarter, semester, year): a count of days needs both days."""
    def build():
        delta = t.dates("projects", "maturation_start_date") - t.dates("projects", "detection_date")
        days = delta / np.timedelta64(1, "D")
        precise = t.to_the_day("projects", "detection_date") & t.to_the_day("projects", "maturation_start_date")
        return np.where(np.isnat(delta) | ~precise, np.nan, days)

    return t.cached("days_to_maturation", build)


@formula
def median_days_to_maturation(t: Tables, years, period_end) -> Result:
    """Median days from detection to maturation start, over projects whose maturation started in the years."""
    t.frame("projects", "detection_date", "maturation_start_date")
    days = _days_to_maturation(t)[t.in_years("projects", "maturation_start_date", years)]
    days = days[~np.isnan(days)]
    if not days.size:
        return null("no_maturation_after_detection", years=span(years))
    return ok(float(np.median(days)))


@formula
def maturation_conversion(t: Tables, years, period_end) -> Result:
    """Share of projects detected in the years whose maturation started on or before ``period_end``."""
    t.frame("projects", "detection_date", "maturation_start_date")
    detected = t.in_years("projects", "detection_date", years)
    converted = detected & (t.dates("projects", "maturation_start_date") <= period_end.to_datetime64())
    return share(int(converted.sum()), int(detected.sum()), "no_project_detected", years=span(years))


CONVERSION_WINDOW_MONTHS = 24  # the catalogue's median delay from detection to maturation is about two years


def mature_years(years, period_end, months: int = CONVERSION_WINDOW_MONTHS) -> tuple[int, ...]:
    """The detection years of ``years`` that ended at least ``months`` before ``period_end`` (cohorts old enough for
    a conversion within ``months`` to be judged)."""
    end = pd.Timestamp(period_end)
    return tuple(y for y in years if pd.Timestamp(year=y, month=12, day=31) + pd.DateOffset(months=months) <= end)


@formula
def maturation_conversion_24m(t: Tables, years, period_end) -> Result:
    """Share of the projects detected in the mature years of ``years`` (:func:`mature_years`) whose maturation
    started within 24 months of detection; null ("too early") when no year of ``years`` is mature."""
    t.frame("projects", "detection_date", "maturation_start_date")
    old_enough = mature_years(years, period_end)
    if not old_enough:
        return null("cohort_too_recent", years=span(years), months=str(CONVERSION_WINDOW_MONTHS))

    detected = t.in_years("projects", "detection_date", old_enough)
    return share(int((detected & matured_within_window(t)).sum()), int(detected.sum()), "no_project_detected",
                 years=span(old_enough))


def matured_within_window(t: Tables) -> np.ndarray:
    """Projects whose maturation started within :data:`CONVERSION_WINDOW_MONTHS` of their detection."""

    def build():
        detected = pd.Series(t.dates("projects", "detection_date"))
        limit = (detected + pd.DateOffset(months=CONVERSION_WINDOW_MONTHS)).to_numpy(dtype="datetime64[ms]")
        started = t.dates("projects", "maturation_start_date")
        return ~np.isnat(started) & (started <= limit)

    return t.cached("maturation_within_window", build)
