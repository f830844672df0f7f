"""Synergy KPIs: joint sourcing, co-support, co-funding, joint events, institutions engaged."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._base import Result, Tables, count_distinct, formula, ok, share, span, texts, years_of


def _detected_share(t: Tables, years, column: str, value: str) -> Result:
    t.frame("projects", "detection_date", column)
    detected = t.in_years("projects", "detection_date", years)
    hits = detected & t.isin("projects", column, (value,))
    return share(int(hits.sum()), int(detected.sum()), "no_project_detected", years=span(years))


@formula
def joint_sourcing_share(t: Tables, years, period_end) -> Result:
    """Share of the projects detected in the years that were sourced jointly."""
    return _detected_share(t, years, "sourcing_channel", "joint")


@formula
def co_supported_share(t: Tables, years, period_end) -> Result:
    """Share of the projects detected in the years supported by both partners."""
    return _detected_share(t, years, "supported_by", "both")


def partner_lines(t: Tables) -> pd.DataFrame:
    """Partner funding lines tied to a project: ``project_id``, ``funder`` (str), ``decision_date``, ``year``."""

    def build():
        f = t.frame("funding", "project_id", "funder", "decision_date")
        keep = t.isin("funding", "funder", t.partner_funders) & f["project_id"].notna().to_numpy(dtype=bool)
        return pd.DataFrame(
            {
                "project_id": f["project_id"].astype("str").to_numpy()[keep],
                "funder": f["funder"].astype("str").to_numpy()[keep],
                "decision_date": t.dates("funding", "decision_date")[keep],
                "year": t.years("funding", "decision_date")[keep],
            }
        )

    return t.cached("partner_lines", build)


def co_funding_years(t: Tables) -> np.ndarray:
    """One entry per co-funded project: the year of the later of the two partners' first decision."""

    def build():
        lines = partner_lines(t).dropna(subset=["decision_date"])
        first = lines.groupby(["project_id", "funder"])["decision_date"].min().unstack()
        first = first.reindex(columns=list(t.partner_funders)).dropna()
        return years_of(first.max(axis=1).to_numpy(dtype="datetime64[ms]"))

    return t.cached("co_funding_years", build)


@formula
def co_funded_projects(t: Tables, years, period_end) -> Result:
    """Projects with a line from each partner, counted in the year of the later partner's first decision."""
    return ok(int(np.isin(co_funding_years(t), years).sum()))


@formula
def joint_event_share(t: Tables, years, period_end) -> Result:
    """Share of the events held in the years organised jointly."""
    t.frame("events", "event_date", "organiser")
    held = t.in_years("events", "event_date", years)
    joint = held & t.isin("events", "organiser", ("joint",))
    return share(int(joint.sum()), int(held.sum()), "no_event", years=span(years))


def _lead_codes(t: Tables) -> np.ndarray:
    def build():
        lead = texts(t.frame("projects", "lead_institution")["lead_institution"])
        codes, _ = pd.factorize(lead.where(lead != "OTHER"))
        return codes

    return t.cached("lead_codes_without_other", build)


@formula
def institutions_engaged(t: Tables, years, period_end) -> Result:
    """Distinct lead institutions (OTHER excluded) of the projects detected in the years."""
    t.frame("projects", "detection_date", "lead_institution")
    return ok(count_distinct(_lead_codes(t), t.in_years("projects", "detection_date", years)))
