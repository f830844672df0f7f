"""The review charts: a Kaplan-Meier chart's share axis fits its curves."""

from __future__ import annotations

import pandas as pd
import pytest

from partnership_metrics.reporting import review_charts


def _curve(group: str, reached: list[float]) -> pd.DataFrame:
    days = [30 * (i + 1) for i in range(len(reached))]
    return pd.DataFrame({"label": group, "days": days, "reached": reached, "at_risk": [40] * len(reached),
                         "lower": [max(r - 0.05, 0) for r in reached], "upper": [r + 0.06 for r in reached]})


@pytest.mark.parametrize(("highest", "top"), [(31.0, 40.0), (5.0, 20.0), (39.9, 50.0), (85.0, 100.0)])
def test_the_share_axis_ends_at_the_next_ten_above_the_curves(highest, top):
    assert review_charts.share_axis_top(highest) == top


def test_low_curves_are_not_squashed_under_a_full_axis():
    curves = {"maturation": _curve("partnership", [0.05, 0.12, 0.25])}
    fig = review_charts.time_to_milestones(curves, {"partnership": "2021-2023"}, "en")
    assert tuple(fig.layout.yaxis.range) == (0, 40.0)  # the band reaches 31 %: the axis ends at 40 %, not 100 %
    assert max(max(t.y) for t in fig.data) <= fig.layout.yaxis.range[1]
