"""Cohorts and time to milestone on five projects worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from partnership_metrics.kpis.cohorts import (
    cohort_groups,
    cohort_table,
    estimate_at,
    kaplan_meier,
    median_days,
    project_milestones,
    time_to,
    time_to_by_group,
)

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


def test_time_to_by_group_and_the_estimate_at_a_time(milestones):
    # early = 2019-2020 cohorts: P3 (100, reached), P1 (200, reached), P2 (271, censored): S = 2/3 then 1/3
    # late = 2021: P4 (213) and P5 (364) censored, never reached
    curves, summary = time_to_by_group(milestones, "maturation", AS_OF, {"early": (2019, 2020), "late": (2021, 2021)},
                                       at_days=(150, 250, 365))
    early, late = summary.set_index("group").loc["early"], summary.set_index("group").loc["late"]
    assert (early["projects"], early["reached"], early["median_days"]) == (3, 2, 200.0)
    assert early["reached_150d"] == pytest.approx(1 / 3) and early["at_risk_150d"] == 2  # P1 and P2 still followed
    assert early["reached_250d"] == pytest.approx(2 / 3) and early["at_risk_250d"] == 1
    assert pd.isna(early["reached_365d"]) and early["at_risk_365d"] == 0  # nobody followed a year: no estimate
    assert (late["projects"], late["reached"]) == (2, 0) and pd.isna(late["median_days"])  # none reached it
    assert late["reached_250d"] == 0.0 and late["at_risk_250d"] == 1
    assert set(curves["label"]) == {"early", "late"}
    first = curves[curves["label"] == "early"].set_index("days")
    assert first.loc[100.0, "reached"] == pytest.approx(1 / 3) and first.loc[200.0, "at_risk"] == 2


def test_estimate_at_reads_the_step_in_force():
    curve = pd.DataFrame({"days": [0.0, 10.0, 20.0], "reached": [0.0, 0.5, 0.75], "lower": [0.0, 0.2, 0.4],
                          "upper": [0.0, 0.8, 0.9], "at_risk": [4, 4, 2]})
    assert estimate_at(curve, 15) == {"reached": 0.5, "lower": 0.2, "upper": 0.8, "at_risk": 2}
    assert estimate_at(curve, 20)["reached"] == 0.75
    assert pd.isna(estimate_at(curve, 21)["reached"])


def test_cohort_groups_name_each_detection_year():
    groups = cohort_groups(pd.Series([2016, 2018, 2021, 2024]), {"baseline": (2018, 2020), "period": (2021, 2023)})
    assert groups.tolist() == [None, "baseline", "period", None]
