"""Funding optimisation KPIs: partnership money, leverage, cost per outcome, concentration, gaps."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import valorisation
from ._base import Result, Tables, formula, lookup, members, null, ok, span
from .synergy import partner_lines


@formula
def partnership_eur(t: Tables, years, period_end) -> Result:
    """Funding from the partners decided in the years (lines tied to a project or not)."""
    t.frame("funding", "funder", "decision_date", "amount_eur")
    lines = t.in_years("funding", "decision_date", years) & t.isin("funding", "funder", t.partner_funders)
    return ok(t.total("funding", "amount_eur", lines))


def _external_sources(t: Tables) -> tuple[np.ndarray, np.ndarray]:
    """Masks of the money leveraged by partner-funded projects (a partner line at any date).

    Returns the mask of the non-partner funding lines on those projects and the mask of the rounds of the
    start-ups founded on them.
    """

    def build():
        f = t.frame("funding", "project_id", "funder", "decision_date", "amount_eur")
        s = t.frame("startups", "startup_id", "project_id")
        r = t.frame("startup_rounds", "startup_id", "round_date", "amount_eur")
        partner_projects = partner_lines(t)["project_id"]
        external_lines = ~t.isin("funding", "funder", t.partner_funders) & members(f["project_id"], partner_projects)
        founded = s.loc[members(s["project_id"], partner_projects), "startup_id"]
        return external_lines, members(r["startup_id"], founded)

    return t.cached("external_sources", build)


@formula
def external_eur(t: Tables, years, period_end) -> Result:
    """Non-partner funding of partner-funded projects plus rounds of the start-ups founded on them."""
    external_lines, rounds = _external_sources(t)
    lines = external_lines & t.in_years("funding", "decision_date", years)
    rounds = rounds & t.in_years("startup_rounds", "round_date", years)
    return ok(t.total("funding", "amount_eur", lines) + t.total("startup_rounds", "amount_eur", rounds))


@formula
def leverage_ratio(t: Tables, years, period_end) -> Result:
    """``external_eur / partnership_eur`` over the years (a ratio of pooled sums)."""
    external = external_eur(t, years, period_end)
    partnership = partnership_eur(t, years, period_end)
    for part in (external, partnership):
        if part.value is None:
            return part
    if partnership.value == 0:
        return null("no_partner_funding", years=span(years))
    return ok(external.value / partnership.value)


@formula
def cost_per_outcome_eur(t: Tables, years, period_end) -> Result:
    """Partner funding divided by the licences signed plus the start-ups created in the years."""
    parts = [
        partnership_eur(t, years, period_end),
        valorisation.licences(t, years, period_end),
        valorisation.startups_created(t, years, period_end),
    ]
    for part in parts:
        if part.value is None:
            return part
    money, licences, startups = (part.value for part in parts)
    if licences + startups == 0:
        return null("no_outcome", years=span(years))
    return ok(money / (licences + startups))


def _partner_lines_by_institution(t: Tables) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every partner funding line: its decision year, amount and lead-institution code (-1: unknown project)."""

    def build():
        f = t.frame("funding", "project_id", "funder", "decision_date", "amount_eur")
        p = t.frame("projects", "project_id", "lead_institution")
        partner = t.isin("funding", "funder", t.partner_funders)
        lead = p["lead_institution"].astype("object").to_numpy()
        institution = lookup(f["project_id"], p["project_id"], lead, None)[partner]
        codes, _ = pd.factorize(pd.Series(institution, dtype="object"))
        amounts = np.nan_to_num(t.numbers("funding", "amount_eur")[partner])
        return t.years("funding", "decision_date")[partner], amounts, codes

    return t.cached("partner_lines_by_institution", build)


@formula
def funding_concentration_hhi(t: Tables, years, period_end) -> Result:
    """Herfindahl index of partner funding decided in the years across the projects' lead institutions."""
    line_years, amounts, codes = _partner_lines_by_institution(t)
    selected = np.isin(line_years, years) & (codes >= 0)
    per_institution = np.bincount(codes[selected], weights=amounts[selected])
    total = per_institution.sum()
    if total <= 0:
        return null("no_partner_funding_on_known_project", years=span(years))
    return ok(float(((per_institution / total) ** 2).sum()))


def _coordination_gap_years(t: Tables) -> np.ndarray:
    """One entry per (project, year) where both partners decided a line on a project not supported by both."""

    def build():
        p = t.frame("projects", "project_id", "supported_by")
        lines = partner_lines(t)
        lines = lines[lines["year"] >= 0]
        funders = lines.groupby(["project_id", "year"])["funder"].nunique()
        both = funders[funders == len(t.partner_funders)].reset_index()
        support = lookup(both["project_id"], p["project_id"], p["supported_by"].astype("object").to_numpy(), None)
        gap = pd.Series(support, dtype="object").notna().to_numpy(bool) & (support != "both")
        return both.loc[gap, "year"].to_numpy(dtype="int64")

    return t.cached("coordination_gap_years", build)


@formula
def coordination_gaps(t: Tables, years, period_end) -> Result:
    """Projects funded by both partners within one year but not marked as supported by both (per year, summed)."""
    return ok(int(np.isin(_coordination_gap_years(t), years).sum()))
