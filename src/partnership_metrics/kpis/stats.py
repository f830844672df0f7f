"""Honest statistics on the KPIs: how many proposals a success rate rests on, and how uncertain it is.

A success rate of 20 % may be 1 funded out of 5 decided with 5 more pending: the reports say so
(:func:`eu_outcomes`), and below :data:`SMALL_SAMPLE` decisions they give the 95 % Wilson interval
(:func:`wilson_interval`), which stays inside 0-100 % and behaves on 0 or 1 successes where the usual
"p ± 1.96 σ" does not.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

Z_95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution
SMALL_SAMPLE = 30  # below this many decisions a rate comes with its interval


def wilson_interval(successes: int, trials: int, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval of ``successes`` out of ``trials`` (95 % by default); None when ``trials`` is 0."""
    if trials <= 0:
        return None
    if not 0 <= successes <= trials:
        raise ValueError(f"{successes} successes out of {trials} trials")
    p = successes / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    centre = (p + z2 / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / denominator
    # exact at the ends: 0 successes has a lower bound of 0, all successes an upper bound of 1
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return low, high


@dataclass(frozen=True)
class Outcomes:
    """The EU proposals submitted in some years (withdrawn ones aside), by outcome."""

    funded: int
    not_funded: int
    pending: int

    @property
    def decided(self) -> int:
        return self.funded + self.not_funded

    @property
    def rate(self) -> float | None:
        """funded / decided (the catalogue's success rate); None when nothing is decided."""
        return self.funded / self.decided if self.decided else None

    @property
    def interval(self) -> tuple[float, float] | None:
        """The 95 % Wilson interval of the rate when it rests on fewer than :data:`SMALL_SAMPLE` decisions."""
        return wilson_interval(self.funded, self.decided) if 0 < self.decided < SMALL_SAMPLE else None


def eu_outcomes(proposals: pd.DataFrame | None, years: Iterable[int]) -> Outcomes | None:
    """Outcomes of the proposals submitted in ``years`` (the success rate's own selection); None without the table
    or its columns."""
    if proposals is None or not {"submission_date", "status"} <= set(proposals.columns):
        return None
    submitted = pd.to_datetime(proposals["submission_date"]).dt.year.isin(list(years))
    status = proposals.loc[submitted, "status"].astype("object")
    return Outcomes(int((status == "funded").sum()), int((status == "not_funded").sum()),
                    int((status == "pending").sum()))
