"""EU proposals KPIs: proposals are counted in the year they were submitted."""

from __future__ import annotations

import numpy as np

from ._base import Result, Tables, formula, ok, share, span


def _submitted(t: Tables, years) -> np.ndarray:
    t.frame("eu_proposals", "submission_date", "status")
    return t.in_years("eu_proposals", "submission_date", years) & ~t.isin("eu_proposals", "status", ("withdrawn",))


def _funded(t: Tables, years) -> np.ndarray:
    t.frame("eu_proposals", "submission_date", "status")
    return t.in_years("eu_proposals", "submission_date", years) & t.isin("eu_proposals", "status", ("funded",))


@formula
def proposals_submitted(t: Tables, years, period_end) -> Result:
    """Proposals submitted in the years, withdrawn ones excluded."""
    return ok(int(_submitted(t, years).sum()))


@formula
def proposals_funded(t: Tables, years, period_end) -> Result:
    """Proposals submitted in the years and funded."""
    return ok(int(_funded(t, years).sum()))


@formula
def success_rate(t: Tables, years, period_end) -> Result:
    """funded / (funded + not_funded) among the proposals submitted in the years."""
    funded = int(_funded(t, years).sum())
    decided = t.in_years("eu_proposals", "submission_date", years) & t.isin(
        "eu_proposals", "status", ("funded", "not_funded")
    )
    return share(funded, int(decided.sum()), "no_decided_proposal", years=span(years))


@formula
def funding_secured_eur(t: Tables, years, period_end) -> Result:
    """Sum of ``granted_eur`` of the funded proposals submitted in the years."""
    t.frame("eu_proposals", "granted_eur")
    return ok(t.total("eu_proposals", "granted_eur", _funded(t, years)))


@formula
def coordinator_share(t: Tables, years, period_end) -> Result:
    """Share of the proposals submitted in the years (withdrawn excluded) where the team coordinates."""
    t.frame("eu_proposals", "role")
    submitted = _submitted(t, years)
    coordinated = submitted & t.isin("eu_proposals", "role", ("coordinator",))
    return share(int(coordinated.sum()), int(submitted.sum()), "no_submitted_proposal", years=span(years))
