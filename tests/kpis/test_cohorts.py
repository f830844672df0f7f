"""Cohorts and time to milestone on five projects worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from partnership_metrics.kpis.cohorts import cohort_table, kaplan_meier, median_days, project_milestones, time_to

AS_OF = "2021-12-31"


@pytest.fixture
def milestones():
    d = pd.Timestamp
    projects = pd.DataFrame({
        "project_id": ["P1", "P2", "P3", "P4", "P5"],
        "detection_date": [d("2019-01-01"), d("2019-03-01"), d("2020-01-01"), d("2021-06-01"), d("2021-01-01")],
        "disclosure_date": [d("2019-02-01"), pd.NaT, pd.NaT, pd.NaT, pd.NaT],
        "priority_filing_date": [pd.NaT] * 5,
        "maturation_start_date": [d("2019-07-20"), pd.NaT, d("2020-04-10"), pd.NaT, d("2022-06-01")],
        "licence_date": [d("2020-06-01"), pd.NaT, pd.NaT, pd.NaT, pd.NaT],
        "abandon_date": [pd.NaT, d("2019-11-27"), pd.NaT, pd.NaT, pd.NaT],
    })
    startups = pd.DataFrame({"startup_id": ["S1"], "project_id": ["P3"], "creation_date": [d("2021-05-01")]})
    return project_milestones(projects, startups, AS_OF)


def test_outcomes_and_milestones_by_cohort(milestones):
    # P5's maturation (2022) comes after the as-of date: not reached yet
    assert dict(zip(milestones["project_id"], milestones["outcome"], strict=False)) == {
        "P1": "licence_or_startup", "P2": "abandoned", "P3": "licence_or_startup", "P4": "open", "P5": "open"}
    table = cohort_table(milestones, AS_OF).set_index("cohort")
    assert table.loc[2019, ["projects", "disclosure", "maturation", "licence", "abandoned"]].tolist() == [2, 1, 1, 1, 1]
    assert table.loc[2020, ["projects", "maturation", "startup", "licence_or_startup"]].tolist() == [1, 1, 1, 1]
    assert table.loc[2021, ["projects", "maturation", "open"]].tolist() == [2, 0, 2]
    assert table.loc[2019, "share_maturation"] == 0.5
    # a cohort is mature once 24 months have passed since its year ended
    assert table["mature"].tolist() == [True, False, False]


def test_durations_censor_at_abandonment_or_as_of(milestones):
    durations = time_to(milestones, "maturation", AS_OF).set_index("project_id")
    assert durations.loc["P1"].tolist()[1:] == [200.0, True]
    assert durations.loc["P2"].tolist()[1:] == [271.0, False]  # abandoned on 2019-11-27
    assert durations.loc["P4"].tolist()[1:] == [213.0, False]  # still waiting at the as-of date
    assert durations.loc["P5"].tolist()[1:] == [364.0, False]
    success = time_to(milestones, "licence_or_startup", AS_OF).set_index("project_id")
    assert success.loc["P3"].tolist()[1:] == [486.0, True]  # the start-up, 2021-05-01


def test_kaplan_meier_by_hand(milestones):
    # times 100 (event, 5 at risk), 200 (event, 4 at risk), then only censorings: S = 4/5, then 4/5 x 3/4
    curve = kaplan_meier(time_to(milestones, "maturation", AS_OF)).set_index("days")
    assert curve.loc[100.0, "reached"] == pytest.approx(0.2)
    assert curve.loc[200.0, "reached"] == pytest.approx(0.4)
    assert curve.loc[364.0, "reached"] == pytest.approx(0.4)
    assert curve.loc[200.0, "at_risk"] == 4
    assert (curve["lower"] <= curve["reached"] + 1e-12).all() and (curve["reached"] <= curve["upper"] + 1e-12).all()
    assert median_days(time_to(milestones, "maturation", AS_OF)) is None  # never half reached


def test_median_when_half_reach_it(milestones):
    early = milestones[milestones["cohort"] <= 2020]  # P1 (200), P2 censored 271, P3 (100): S = 2/3, then 1/3
    assert median_days(time_to(early, "maturation", AS_OF)) == 200.0
