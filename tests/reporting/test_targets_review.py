"""The review of targets, by hand: below the baseline, unreachable by construction, inconsistent between the years
and the period — and the targets that are fine left alone."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from partnership_metrics.kpis.stats import Outcomes, eu_outcomes, wilson_interval
from partnership_metrics.reporting.targets_review import (
    BELOW_BASELINE,
    INCONSISTENT,
    UNREACHABLE,
    KpiFacts,
    TargetIssue,
    institution_bound,
    review_targets,
)

COUNT_UP = KpiFacts("count", "up", True)
DAYS_DOWN = KpiFacts("days", "down", False)
SHARE_UP = KpiFacts("share", "up", False)
DISTINCT_UP = KpiFacts("count", "up", False)
GAPS_DOWN = KpiFacts("count", "down", True)


def codes(issues):
    return [(i.kpi_id, i.period, i.code) for i in issues]


def test_a_target_asking_less_than_the_baseline_in_the_kpis_direction():
    targets = {("days", "2021-2023"): 880.0, ("detected", "2021-2023"): 80.0, ("fast", "2021-2023"): 600.0,
               ("more", "2021-2023"): 90.0}
    baselines = {("days", "2021-2023"): 655.5, ("detected", "2021-2023"): 83.0, ("fast", "2021-2023"): 655.5,
                 ("more", "2021-2023"): 83.0}
    facts = {"days": DAYS_DOWN, "detected": COUNT_UP, "fast": DAYS_DOWN, "more": COUNT_UP}
    issues = review_targets(targets, facts, baselines=baselines)
    assert issues == [TargetIssue("days", "2021-2023", BELOW_BASELINE, 880.0, 655.5),
                      TargetIssue("detected", "2021-2023", BELOW_BASELINE, 80.0, 83.0)]


def test_a_target_equal_to_the_baseline_up_to_rounding_is_fine():
    issues = review_targets({("k", "2022"): 0.33}, {"k": SHARE_UP}, baselines={("k", "2022"): 0.3313})
    assert issues == []


def test_unreachable_by_the_unit_or_by_the_data():
    targets = {("share", "2022"): 1.2, ("score", "2022"): 5.5, ("institutions", "2021-2023"): 10.0,
               ("institutions", "2022"): 8.0, ("gaps", "2022"): -1.0}
    facts = {"share": SHARE_UP, "score": KpiFacts("score", "up", False), "institutions": DISTINCT_UP,
             "gaps": GAPS_DOWN}
    issues = review_targets(targets, facts, bounds={"institutions": (0.0, 8.0)})
    assert codes(issues) == [("gaps", "2022", UNREACHABLE), ("institutions", "2021-2023", UNREACHABLE),
                             ("score", "2022", UNREACHABLE), ("share", "2022", UNREACHABLE)]
    assert [i.reference for i in issues] == [0.0, 8.0, 5.0, 1.0]


def test_yearly_targets_that_do_not_add_up_to_the_period():
    targets = {("k", "2021"): 45.0, ("k", "2022"): 51.0, ("k", "2023"): 38.0, ("k", "2021-2023"): 138.0,
               ("ok", "2021"): 1.0, ("ok", "2022"): 1.0, ("ok", "2023"): 2.0, ("ok", "2021-2023"): 4.0}
    issues = review_targets(targets, {"k": COUNT_UP, "ok": GAPS_DOWN})
    assert issues == [TargetIssue("k", "2021-2023", INCONSISTENT, 138.0, 134.0)]


def test_a_year_without_target_leaves_the_period_alone():
    targets = {("k", "2021"): 45.0, ("k", "2023"): 38.0, ("k", "2021-2023"): 138.0}
    assert review_targets(targets, {"k": COUNT_UP}) == []


def test_distinct_counts_and_rates_over_a_period():
    targets = {("units", "2021"): 14.0, ("units", "2022"): 19.0, ("units", "2023"): 12.0,
               ("units", "2021-2023"): 12.0,  # fewer distinct units over three years than in 2022 alone
               ("rate", "2021"): 0.19, ("rate", "2022"): 0.3, ("rate", "2023"): 0.25,
               ("rate", "2021-2023"): 0.18,  # a pooled rate lies between the years'
               ("median", "2021"): 570.0, ("median", "2022"): 590.0, ("median", "2023"): 1000.0,
               ("median", "2021-2023"): 880.0}  # between the yearly medians: consistent
    facts = {"units": DISTINCT_UP, "rate": SHARE_UP, "median": DAYS_DOWN}
    issues = review_targets(targets, facts)
    assert issues == [TargetIssue("rate", "2021-2023", INCONSISTENT, 0.18, (0.19, 0.3)),
                      TargetIssue("units", "2021-2023", INCONSISTENT, 12.0, (19.0, math.inf))]


def test_only_the_periods_asked_for_but_every_year_to_check_them():
    targets = {("k", "2021"): 45.0, ("k", "2022"): 51.0, ("k", "2023"): 38.0, ("k", "2021-2023"): 138.0}
    baselines = {("k", "2021"): 50.0}
    assert codes(review_targets(targets, {"k": COUNT_UP}, baselines=baselines, periods={"2021-2023"})) == [
        ("k", "2021-2023", INCONSISTENT)]
    assert codes(review_targets(targets, {"k": COUNT_UP}, baselines=baselines, periods={"2021"})) == [
        ("k", "2021", BELOW_BASELINE)]


def test_several_issues_of_one_target_most_serious_first_and_unknown_kpis_ignored():
    targets = {("k", "2021"): 5.0, ("k", "2022"): 5.0, ("k", "2023"): 5.0, ("k", "2021-2023"): 10.0,
               ("unknown", "2022"): 3.0}
    issues = review_targets(targets, {"k": DISTINCT_UP}, baselines={("k", "2021-2023"): 12.0},
                            bounds={"k": (0.0, 8.0)})
    assert codes(issues) == [("k", "2021-2023", UNREACHABLE), ("k", "2021-2023", BELOW_BASELINE)]


def test_the_institutions_a_project_can_be_led_by():
    institutions = pd.DataFrame({"code": ["AMU", "UCA", "IPC", "OTHER"], "name": ["a", "b", "c", "d"]})
    assert institution_bound({"institutions": institutions}) == 3.0
    assert institution_bound({}) is None


# ---- honest statistics ----

@pytest.mark.parametrize(("k", "n", "low", "high"), [
    (1, 5, 0.0362, 0.6245),  # 1 funded out of 5 decided: anything from 4 % to 62 %
    (0, 10, 0.0, 0.2775),
    (10, 10, 0.7225, 1.0),
    (5, 26, 0.0852, 0.3790),
])
def test_wilson_interval_against_published_values(k, n, low, high):
    got = wilson_interval(k, n)
    assert got == pytest.approx((low, high), abs=5e-4)


def test_wilson_interval_refuses_nonsense():
    assert wilson_interval(0, 0) is None
    with pytest.raises(ValueError):
        wilson_interval(6, 5)


def test_eu_outcomes_count_pending_proposals_apart():
    proposals = pd.DataFrame({
        "submission_date": pd.to_datetime(["2023-01-10", "2023-02-01", "2023-03-01", "2023-04-01", "2022-05-01",
                                           "2023-06-01"]),
        "status": ["funded", "not_funded", "pending", "pending", "funded", "withdrawn"],
    })
    outcomes = eu_outcomes(proposals, [2023])
    assert outcomes == Outcomes(funded=1, not_funded=1, pending=2)
    assert outcomes.decided == 2 and outcomes.rate == 0.5
    assert outcomes.interval == pytest.approx(wilson_interval(1, 2))
    assert Outcomes(40, 60, 0).interval is None  # 100 decisions: no interval needed
    assert eu_outcomes(None, [2023]) is None
