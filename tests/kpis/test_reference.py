"""The engine against a second, deliberately naive reading of the KPI definitions (docs/kpis.md) (merges and group-bys, no caching), on
random data with the holes of real data: every KPI, every year 2018-2023 and the pooled period."""

from __future__ import annotations

import pandas as pd
import pytest

from partnership_metrics.kpis import catalogue

from .synthetic import big_tables

PARTNERS = ["inserm_transfert", "canceropole_paca"]
END = pd.Timestamp("2023-12-31")


def naive(tables, kpi_id, years):
    """The KPI definitions read literally; None for a null value."""
    P, F, S, R = tables["projects"], tables["funding"], tables["startups"], tables["startup_rounds"]
    E, A, U = tables["events"], tables["event_attendance"], tables["eu_proposals"]

    def within(dates):
        return dates.dt.year.isin(years)

    def count(df, column):
        return int(within(df[column]).sum())

    def ratio(num, den):
        return None if den == 0 else num / den

    partner = F[F["funder"].isin(PARTNERS)]
    partner_projects = set(partner["project_id"].dropna())
    detected = P[within(P["detection_date"])]
    held = E[within(E["event_date"])]
    submitted = U[within(U["submission_date"])]
    decided = submitted[submitted["status"].isin(["funded", "not_funded"])]
    values = {
        "val_projects_detected": lambda: count(P, "detection_date"),
        "val_invention_disclosures": lambda: count(P, "disclosure_date"),
        "val_priority_filings": lambda: count(P, "priority_filing_date"),
        "val_maturation_projects": lambda: count(P, "maturation_start_date"),
        "val_maturation_eur": lambda: F.loc[within(F["decision_date"])
                                            & F["instrument"].isin(["maturation", "proof_of_concept"]),
                                            "amount_eur"].sum(),
        "val_licences": lambda: count(P, "licence_date"),
        "val_startups_created": lambda: count(S, "creation_date"),
        "val_startup_funds_raised_eur": lambda: R.loc[within(R["round_date"]), "amount_eur"].sum(),
        "val_median_days_to_maturation": lambda: _median_days(P[within(P["maturation_start_date"])]),
        "val_maturation_conversion": lambda: ratio(
            (detected["maturation_start_date"] <= END).sum(), len(detected)),
        "trn_events": lambda: len(held),
        "trn_attendees": lambda: int(held["attendees"].sum()),
        "trn_units_reached": lambda: _units(A.merge(held[["event_id"]], on="event_id")),
        "trn_satisfaction": lambda: None if held["satisfaction"].dropna().empty else held["satisfaction"].mean(),
        "eu_proposals_submitted": lambda: int((submitted["status"] != "withdrawn").sum()),
        "eu_proposals_funded": lambda: int((submitted["status"] == "funded").sum()),
        "eu_success_rate": lambda: ratio((decided["status"] == "funded").sum(), len(decided)),
        "eu_funding_secured_eur": lambda: submitted.loc[submitted["status"] == "funded", "granted_eur"].sum(),
        "eu_coordinator_share": lambda: ratio(
            ((submitted["status"] != "withdrawn") & (submitted["role"] == "coordinator")).sum(),
            (submitted["status"] != "withdrawn").sum()),
        "syn_joint_sourcing_share": lambda: ratio((detected["sourcing_channel"] == "joint").sum(), len(detected)),
        "syn_co_supported_share": lambda: ratio((detected["supported_by"] == "both").sum(), len(detected)),
        "syn_co_funded_projects": lambda: _co_funded(partner, years),
        "syn_joint_event_share": lambda: ratio((held["organiser"] == "joint").sum(), len(held)),
        "syn_institutions_engaged": lambda: detected.loc[detected["lead_institution"] != "OTHER",
                                                         "lead_institution"].dropna().nunique(),
        "fun_partnership_eur": lambda: partner.loc[within(partner["decision_date"]), "amount_eur"].sum(),
        "fun_external_eur": lambda: (
            F.loc[~F["funder"].isin(PARTNERS) & F["project_id"].isin(partner_projects)
                  & within(F["decision_date"]), "amount_eur"].sum()
            + R.loc[R["startup_id"].isin(S.loc[S["project_id"].isin(partner_projects), "startup_id"])
                    & within(R["round_date"]), "amount_eur"].sum()),
        "fun_funding_concentration_hhi": lambda: _hhi(
            partner[within(partner["decision_date"])].merge(P[["project_id", "lead_institution"]], on="project_id")),
        "fun_coordination_gaps": lambda: sum(_gaps(partner, P, y) for y in years),
    }
    if kpi_id == "fun_leverage_ratio":
        return ratio(naive(tables, "fun_external_eur", years), naive(tables, "fun_partnership_eur", years))
    if kpi_id == "val_maturation_conversion_24m":  # cohorts whose year ended 24 months before END only
        old = P[P["detection_date"].dt.year.isin([y for y in years if y + 2 <= END.year])]
        if not [y for y in years if y + 2 <= END.year]:
            return None
        within = old["maturation_start_date"] <= old["detection_date"] + pd.DateOffset(months=24)
        return ratio(int(within.sum()), len(old))
    if kpi_id == "fun_cost_per_outcome_eur":
        outcomes = naive(tables, "val_licences", years) + naive(tables, "val_startups_created", years)
        return ratio(naive(tables, "fun_partnership_eur", years), outcomes)
    return values[kpi_id]()


def _median_days(started):
    days = (started["maturation_start_date"] - started["detection_date"]).dt.days.dropna()
    return None if days.empty else days.median()


def _units(attendance):
    units = attendance["research_unit"].dropna().str.strip()
    return units[units != ""].nunique()


def _co_funded(partner, years):
    first = partner.dropna(subset=["project_id"]).groupby(["project_id", "funder"], observed=True)[
        "decision_date"].min().unstack()
    later = first.dropna().max(axis=1)
    return int(later.dt.year.isin(years).sum())


def _hhi(lines):
    amounts = lines.dropna(subset=["lead_institution"]).groupby("lead_institution", observed=True)["amount_eur"].sum()
    total = amounts.sum()
    return None if total == 0 else ((amounts / total) ** 2).sum()


def _gaps(partner, projects, year):
    lines = partner[partner["decision_date"].dt.year == year].dropna(subset=["project_id"])
    funders = lines.groupby("project_id")["funder"].nunique()
    both = funders[funders == 2].index
    support = projects.set_index("project_id").loc[lambda p: p.index.isin(both), "supported_by"]
    return int((support != "both").sum())


@pytest.fixture(scope="module")
def random_tables():
    return big_tables(3, seed=7)


@pytest.mark.parametrize("years", [(y,) for y in range(2018, 2024)] + [(2021, 2022, 2023)],
                         ids=[str(y) for y in range(2018, 2024)] + ["2021-2023"])
def test_engine_matches_a_naive_reading_of_the_spec(random_tables, years):
    for kpi in catalogue():
        value, reason = kpi.compute(random_tables, years, END)
        expected = naive(random_tables, kpi.id, years)
        if expected is None:
            assert value is None and reason, kpi.id
        else:
            assert value == pytest.approx(float(expected), rel=1e-9), kpi.id
