"""Highlights on a handful of rows worked out by hand: the largest rounds and grants of the years, acquisitions,
laureates and licences, each linked to the KPI it illustrates."""

from __future__ import annotations

import pandas as pd
import pytest

from partnership_metrics.kpis.highlights import highlights

d = pd.Timestamp
YEARS = (2021, 2022)


@pytest.fixture
def tables():
    startups = pd.DataFrame({
        "startup_id": ["S1", "S2", "S3"], "name": ["Alpha", "Beta", "Gamma"],
        "creation_date": [d("2019-05-01"), d("2021-03-01"), d("2022-07-01")],
        "lead_institution": ["AMU", "IPC", None], "status": ["acquired", "active", "active"],
        "ilab_laureate": pd.array([True, True, None], dtype="boolean"),
    })
    rounds = pd.DataFrame({
        "startup_id": ["S1", "S1", "S2", "S3", "S2"],
        "round_date": [d("2021-02-01"), d("2023-01-01"), d("2022-05-01"), d("2022-06-01"), d("2021-09-01")],
        "amount_eur": [2e6, 9e6, 5e5, 2e6, 1e5], "round_type": ["series_a", "series_b_plus", "seed", "seed", "grant"],
    })
    proposals = pd.DataFrame({
        "proposal_id": ["E1", "E2", "E3", "E4"], "acronym": ["ONE", "TWO", "THREE", "FOUR"],
        "programme": ["erc", "eic", "cancer_mission", "erc"], "institution": ["AMU", "UCA", "IPC", "AMU"],
        "submission_date": [d("2021-01-10"), d("2022-02-01"), d("2020-03-01"), d("2022-04-01")],
        "result_date": [d("2021-07-01"), pd.NaT, d("2020-12-01"), d("2022-10-01")],
        "status": ["funded", "funded", "funded", "not_funded"], "granted_eur": [1.5e6, 2.5e6, 3e6, None],
    })
    funding = pd.DataFrame({
        "funding_id": ["F1", "F2", "F3", "F4"], "project_id": ["P1", "P2", "P1", None],
        "funder": ["anr", "canceropole_paca", "eu", "inca"], "amount_eur": [3e5, 9e5, 8e5, 4e5],
        "decision_date": [d("2021-06-01"), d("2021-06-01"), d("2022-01-01"), d("2022-03-01")],
    })
    projects = pd.DataFrame({
        "project_id": ["P1", "P2", "P3"], "title": ["Title one", "Title two", "Title three"],
        "acronym": ["PONE", None, None], "lead_institution": ["AMU", "UCA", "IPC"],
        "technology_type": ["therapeutic", "diagnostic", None],
        "detection_date": [d("2019-01-01"), d("2020-01-01"), d("2021-01-01")],
        "licence_date": [d("2022-01-01"), d("2021-06-30"), d("2023-02-01")],
    })
    return {"startups": startups, "startup_rounds": rounds, "eu_proposals": proposals, "funding": funding,
            "projects": projects}


def test_largest_rounds_and_grants_of_the_years(tables):
    found = highlights(tables, YEARS, partner_funders=("canceropole_paca", "inserm_transfert"), top=2)
    rounds = found[found["kind"] == "round"]
    # 2023's 9 M€ is outside the years; the 2 M€ tie goes to the earlier round
    assert list(zip(rounds["subject"], rounds["amount_eur"], rounds["detail"], strict=False)) == [
        ("Alpha", 2e6, "series_a"), ("Gamma", 2e6, "seed")]
    grants = found[found["kind"] == "eu_grant"]
    assert list(zip(grants["subject"], grants["amount_eur"], strict=False)) == [("TWO", 2.5e6), ("ONE", 1.5e6)]  # E3: 2020
    assert grants["date"].iloc[0] == d("2022-02-01")  # no result date: its submission
    external = found[found["kind"] == "external_funding"]
    # the partners' money and the EU's (counted as EU grants) are not external; a line without project names none
    assert list(zip(external["subject_id"], external["subject"], external["detail"], strict=False)) == [
        ("F4", None, "inca"), ("F1", "PONE", "anr")]


def test_acquisitions_laureates_and_licences(tables):
    found = highlights(tables, YEARS, partner_funders=("canceropole_paca",))
    acquisition = found[found["kind"] == "acquisition"]
    assert acquisition["subject"].tolist() == ["Alpha"] and acquisition["date"].isna().all()  # status, not dated
    assert found.loc[found["kind"] == "ilab", "subject"].tolist() == ["Beta"]  # Alpha: created in 2019
    licences = found[found["kind"] == "licence"]
    assert list(zip(licences["subject"], licences["days"], licences["institution"], strict=False)) == [
        ("Title two", 546.0, "UCA"), ("PONE", 1096.0, "AMU")]
    assert dict(zip(found["kind"], found["kpi_id"], strict=False))["licence"] == "val_licences"
    assert list(found["rank"][found["kind"] == "licence"]) == [1, 2]


def test_no_table_no_highlight():
    assert highlights({}, YEARS).empty
