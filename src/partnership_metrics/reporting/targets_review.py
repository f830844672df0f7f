"""Targets that cannot mean anything, found before they are scored: below the baseline, unreachable by construction,
or inconsistent between the years and the period.

:func:`review_targets` is a pure function of the targets and a few facts per KPI (unit, direction, additivity,
the baseline each target compares with, the bounds its values can take); :func:`review_report_targets` gathers
those facts for a report. The reports show each issue beside its KPI and list them all in an appendix; a target
that cannot be reached is not scored ("to review") — the others keep their status, flagged.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from ..kpis.periods import PeriodError, parse_period, period_label
from ..values import is_missing

BELOW_BASELINE, UNREACHABLE, INCONSISTENT = "below_baseline", "unreachable", "inconsistent"
ISSUES = (UNREACHABLE, INCONSISTENT, BELOW_BASELINE)  # most serious first
RELATIVE_TOLERANCE = 0.005  # yearly targets adding up to the period's within 0.5 % (rounding) are consistent
# What values of a unit can be, whatever the data: shares and indices between 0 and 1, scores between 1 and 5, the
# rest non-negative.
UNIT_BOUNDS = {"share": (0.0, 1.0), "index": (0.0, 1.0), "score": (1.0, 5.0)}
DEFAULT_BOUNDS = (0.0, math.inf)


@dataclass(frozen=True)
class KpiFacts:
    """What a target's review needs to know of its KPI."""

    unit: str
    direction: str  # up: higher is better
    additive: bool  # a period's value is the sum of its years'


@dataclass(frozen=True)
class TargetIssue:
    """One problem of one target: ``code`` (:data:`ISSUES`) and the value it was compared with (the baseline,
    the bound, or the yearly targets' sum or range)."""

    kpi_id: str
    period: str
    code: str
    target: float
    reference: float | tuple[float, float]


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= RELATIVE_TOLERANCE * max(abs(a), abs(b), 1e-12)


def review_targets(targets: Mapping[tuple[str, str], float], facts: Mapping[str, KpiFacts], *,
                   baselines: Mapping[tuple[str, str], float] | None = None,
                   bounds: Mapping[str, tuple[float, float]] | None = None,
                   periods: set[str] | None = None) -> list[TargetIssue]:
    """Every issue of ``targets`` (``(kpi_id, period) -> target``; periods ``"2022"`` or ``"2021-2023"``), or of
    those of ``periods`` only (the others still tell whether a period target follows from its years').

    - ``unreachable``: a target beyond what the KPI's values can be — ``bounds[kpi_id]`` (low, high) when given,
      else the unit's (:data:`UNIT_BOUNDS`), e.g. a share above 100 % or 10 institutions when 8 exist;
    - ``inconsistent``: a period target that does not follow from its years' targets (when every year has one):
      not their sum for an additive KPI, below their largest for a distinct count (a count that is not additive),
      outside their range for a share, a median, a mean or a ratio;
    - ``below_baseline``: a target that asks for less than ``baselines[(kpi_id, period)]`` in the KPI's direction
      (a slower median delay "met", fewer start-ups than before "met").

    Targets of KPIs missing from ``facts`` are left alone. Issues come sorted by KPI, period and seriousness.
    """
    baselines, bounds = baselines or {}, bounds or {}
    issues = []
    for (kpi_id, period), target in targets.items():
        kpi = facts.get(kpi_id)
        if kpi is None or is_missing(target) or (periods is not None and period not in periods):
            continue
        low, high = bounds.get(kpi_id, UNIT_BOUNDS.get(kpi.unit, DEFAULT_BOUNDS))
        if target > high or target < low:
            issues.append(TargetIssue(kpi_id, period, UNREACHABLE, float(target), high if target > high else low))
        consistency = _consistency(kpi_id, period, target, kpi, targets)
        if consistency is not None:
            issues.append(TargetIssue(kpi_id, period, INCONSISTENT, float(target), consistency))
        baseline = baselines.get((kpi_id, period))
        if not is_missing(baseline) and not _close(target, baseline):
            if (target < baseline) if kpi.direction == "up" else (target > baseline):
                issues.append(TargetIssue(kpi_id, period, BELOW_BASELINE, float(target), float(baseline)))
    order = {code: i for i, code in enumerate(ISSUES)}
    return sorted(issues, key=lambda i: (i.kpi_id, len(i.period), i.period, order[i.code]))


def _consistency(kpi_id: str, period: str, target: float, kpi: KpiFacts,
                 targets: Mapping[tuple[str, str], float]) -> float | tuple[float, float] | None:
    """What the years' targets imply for a period target that contradicts them (None when consistent or when a
    year has no target)."""
    try:
        first, last = parse_period(period)
    except PeriodError:
        return None
    if first == last:
        return None
    yearly = [targets.get((kpi_id, period_label(y, y))) for y in range(first, last + 1)]
    if any(is_missing(v) for v in yearly):
        return None
    if kpi.additive:
        total = float(sum(yearly))
        return None if _close(total, target) else total
    if kpi.unit == "count":  # distinct over the period: at least each year's
        most = float(max(yearly))
        return None if target >= most or _close(target, most) else (most, math.inf)
    low, high = float(min(yearly)), float(max(yearly))
    inside = (low <= target <= high) or _close(target, low) or _close(target, high)
    return None if inside else (low, high)


def institution_bound(tables: Mapping) -> float | None:
    """How many institutions a project can be led by, OTHER aside: the rows of the ``institutions`` table."""
    institutions = tables.get("institutions")
    if institutions is None or "code" not in institutions:
        return None
    codes = {str(c) for c in institutions["code"].dropna()} - {"OTHER"}
    return float(len(codes)) if codes else None


# KPIs whose values are bounded by the data, not only by their unit: the KPI -> how to find the bound.
DATA_BOUNDS = {"syn_institutions_engaged": institution_bound}


def review_report_targets(kpis, tables: Mapping, targets: Mapping[tuple[str, str], float],
                          periods: set[str]) -> list[TargetIssue]:
    """The issues of the targets of ``periods`` (a report's years and period) with the facts of the KPI table
    ``kpis`` (units, directions, each row's baseline: a year's is the baseline's yearly average for an additive
    KPI) and the bounds found in ``tables``; ``targets``: every target (see :func:`review_targets`)."""
    from ..kpis.catalogue import get_kpi

    facts, baselines = {}, {}
    for row in kpis.itertuples(index=False):
        try:
            kpi = get_kpi(row.kpi_id)
        except KeyError:
            continue
        facts[row.kpi_id] = KpiFacts(kpi.unit, kpi.direction, kpi.additive)
        if row.period in periods and not is_missing(row.baseline):
            baselines[(row.kpi_id, row.period)] = float(row.baseline)
    bounds = {}
    for kpi_id, find in DATA_BOUNDS.items():
        bound = find(tables)
        if bound is not None:
            bounds[kpi_id] = (0.0, bound)
    return review_targets(targets, facts, baselines=baselines, bounds=bounds, periods=periods)
