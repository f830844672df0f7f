"""Breakdowns and partner contributions on a handful of rows worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from partnership_metrics.kpis.portfolio import eu_by_programme, events_by, partner_contributions, projects_by

d = pd.Timestamp
YEARS = (2021, 2022)
PARTNERS = {"cpp": "canceropole_paca", "it": "inserm_transfert"}


@pytest.fixture
def tables():
    projects = pd.DataFrame({
        "project_id": ["P1", "P2", "P3", "P4"],
        "lead_institution": pd.Categorical(["AMU", "AMU", "IPC", "UCA"]),
        "technology_type": pd.Categorical(["therapeutic", "diagnostic", "therapeutic", None]),
        "sourcing_channel": pd.Categorical(["cpp_call", "joint", "it_detection", "cpp_call"]),
        "supported_by": pd.Categorical(["cpp", "both", "it", "cpp"]),
        "detection_date": [d("2021-02-01"), d("2021-05-01"), d("2022-03-01"), d("2019-01-01")],
        "licence_date": [pd.NaT, d("2022-09-01"), pd.NaT, d("2021-01-10")],
    })
    funding = pd.DataFrame({
        "funding_id": ["F1", "F2", "F3", "F4", "F5", "F6"],
        "project_id": ["P1", "P2", "P2", "P2", "P3", None],
        "funder": ["canceropole_paca", "canceropole_paca", "inserm_transfert", "bpifrance", "inserm_transfert",
                   "canceropole_paca"],
        "amount_eur": [100.0, 50.0, 70.0, 300.0, 40.0, 10.0],
        "decision_date": [d("2021-03-01"), d("2021-06-01"), d("2022-01-01"), d("2022-02-01"), d("2022-04-01"),
                          d("2020-01-01")],
    })
    startups = pd.DataFrame({"startup_id": ["S1"], "project_id": ["P3"], "creation_date": [d("2022-11-01")]})
    events = pd.DataFrame({
        "event_id": ["E1", "E2", "E3"], "event_date": [d("2021-04-01"), d("2022-04-01"), d("2022-05-01")],
        "organiser": ["cpp", "joint", "joint"], "site": ["marseille", "online", None], "attendees": [10, 30, 5],
    })
    proposals = pd.DataFrame({
        "proposal_id": ["Q1", "Q2", "Q3", "Q4"], "programme": ["erc", "erc", "cancer_mission", "erc"],
        "submission_date": [d("2021-01-01"), d("2022-01-01"), d("2022-02-01"), d("2022-03-01")],
        "status": ["funded", "not_funded", "pending", "withdrawn"], "supported_by": ["it", "it", "both", "cpp"],
        "granted_eur": [1000.0, None, None, None],
    })
    return {"projects": projects, "funding": funding, "startups": startups, "events": events,
            "eu_proposals": proposals}


def test_partner_money_for_no_project_is_its_own_group(tables):
    """F6 has no project: its money is "no_project", not a project whose institution is not given."""
    tables["funding"].loc[5, "decision_date"] = d("2022-06-01")
    table = projects_by(tables["projects"], tables["funding"], "lead_institution", YEARS,
                        tuple(PARTNERS.values())).set_index("value")
    assert table.loc["no_project", "partner_funding_eur"] == 10.0 and table.loc["no_project", "projects"] == 0
    assert "unknown" not in table.index


def test_projects_and_partner_money_by_institution(tables):
    table = projects_by(tables["projects"], tables["funding"], "lead_institution", YEARS,
                        tuple(PARTNERS.values())).set_index("value")
    assert table.loc["AMU", "projects"] == 2 and table.loc["IPC", "projects"] == 1
    assert "UCA" not in table.index  # detected in 2019
    assert table.loc["AMU", "partner_funding_eur"] == 220.0  # F1 + F2 + F3 (F4 is Bpifrance, F6 in 2020)
    assert table.loc["IPC", "partner_funding_eur"] == 40.0
    assert table.loc["AMU", "share_projects"] == pytest.approx(2 / 3)


def test_events_by_site_and_eu_by_programme(tables):
    events = events_by(tables["events"], YEARS).set_index(["site", "organiser"])
    assert events.loc[("online", "joint"), "attendees"] == 30 and events.loc[("unknown", "joint"), "events"] == 1
    eu = eu_by_programme(tables["eu_proposals"], YEARS).set_index("programme")
    assert eu.loc["erc", ["submitted", "funded", "decided", "pending"]].tolist() == [2, 1, 2, 0]
    assert eu.loc["erc", "success_rate"] == 0.5 and eu.loc["erc", "granted_eur"] == 1000.0
    assert math.isnan(eu.loc["cancer_mission", "success_rate"]) and eu.loc["cancer_mission", "pending"] == 1


def test_partner_contributions(tables):
    rows = partner_contributions(tables, YEARS, PARTNERS).set_index("partner")
    assert rows.loc["cpp", ["projects_sourced", "projects_supported", "committed_eur"]].tolist() == [1, 1, 150.0]
    assert rows.loc["it", ["projects_sourced", "committed_eur", "startups", "outcomes"]].tolist() == [1, 110.0, 1, 1]
    assert rows.loc["it", "cost_per_outcome_eur"] == 110.0
    # joint: P2 is funded by both partners (F2, F3: 120) and supported by both; its licence is a joint outcome
    assert rows.loc["joint", ["projects_sourced", "committed_eur", "licences", "external_eur"]].tolist() == [
        1, 120.0, 1, 300.0]
    assert rows.loc["joint", "leverage"] == pytest.approx(2.5)
    assert rows.loc["cpp", "external_eur"] == 300.0  # Bpifrance on P2, which the CanceroPôle also funds
    assert rows.loc["joint", ["events_organised", "attendees"]].tolist() == [2, 35]
    assert rows.loc["it", ["eu_supported", "eu_funded", "eu_granted_eur"]].tolist() == [2, 1, 1000.0]
    # P4, detected in 2019 and supported by the CanceroPôle, was licensed in 2021: an outcome of these years
    assert rows.loc["cpp", ["licences", "cost_per_outcome_eur"]].tolist() == [1, 150.0]
