"""Training and events KPIs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._base import Result, Tables, count_distinct, formula, lookup, null, ok, span, texts


@formula
def events(t: Tables, years, period_end) -> Result:
    """Events held in the years."""
    t.frame("events", "event_date")
    return ok(int(t.in_years("events", "event_date", years).sum()))


@formula
def attendees(t: Tables, years, period_end) -> Result:
    """Sum of ``events.attendees`` of the events held in the years."""
    t.frame("events", "event_date", "attendees")
    return ok(int(round(t.total("events", "attendees", t.in_years("events", "event_date", years)))))


def _attendance_years_and_units(t: Tables) -> tuple[np.ndarray, np.ndarray]:
    """Per attendance row: the year of its event (-1 if unknown) and a code of its research unit (-1 if empty)."""

    def build():
        ev = t.frame("events", "event_id", "event_date")
        att = t.frame("event_attendance", "event_id", "research_unit")
        years = lookup(att["event_id"], ev["event_id"], t.years("events", "event_date"), -1)
        units = texts(att["research_unit"]).str.strip()
        codes, _ = pd.factorize(units.where(units != ""))
        return years.astype("int64"), codes

    return t.cached("attendance_years_units", build)


@formula
def units_reached(t: Tables, years, period_end) -> Result:
    """Distinct non-empty research units among the attendees of the events held in the years."""
    attendance_years, units = _attendance_years_and_units(t)
    return ok(count_distinct(units, np.isin(attendance_years, years)))


@formula
def satisfaction(t: Tables, years, period_end) -> Result:
    """Mean of the non-empty satisfaction scores of the events held in the years."""
    t.frame("events", "event_date", "satisfaction")
    scores = t.numbers("events", "satisfaction")[t.in_years("events", "event_date", years)]
    scores = scores[~np.isnan(scores)]
    if not scores.size:
        return null("no_satisfaction_score", years=span(years))
    return ok(float(scores.mean()))
