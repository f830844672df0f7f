"""A period's status read against its yearly targets, where the period's own target contradicts them.

A three-year report scores each KPI against the period's target. When that target does not follow from the
yearly targets (:data:`.targets_review.INCONSISTENT`: not their sum, outside their range), the two sets can give
opposite verdicts — events "missed" against 43 while every year met its target and the years add up to 32. A
director must see both: :func:`yearly_verdicts` finds the KPIs whose status changes, and the report says so in its
key messages and beside each KPI of the scorecard.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ..kpis.catalogue import get_kpi
from ..kpis.engine import status_of
from ..kpis.formatting import format_rounded
from ..kpis.periods import PeriodError, parse_period
from ..values import is_missing
from .i18n import text
from .scorecard import status_word
from .targets_review import INCONSISTENT, TargetIssue

SCORED = ("met", "close", "missed")


@dataclass(frozen=True)
class YearlyVerdict:
    """The status of ``kpi_id`` over the period against its yearly targets: against their ``total`` for a KPI whose
    period value is the sum of its years'; else ``met`` when every year met its target, ``missed`` otherwise
    (``short_years``: the years that did not)."""

    kpi_id: str
    status: str
    period_status: str
    total: float | None = None
    short_years: tuple[int, ...] = ()


def yearly_verdicts(kpis: pd.DataFrame, issues: Sequence[TargetIssue], scope: str) -> dict[str, YearlyVerdict]:
    """kpi_id -> :class:`YearlyVerdict` for each KPI of ``scope`` (a period) whose target contradicts its yearly
    targets and whose status changes when read against them."""
    try:
        first, last = parse_period(scope)
    except PeriodError:
        return {}
    if first == last:
        return {}
    rows = kpis.set_index(["kpi_id", kpis["period"].astype("str")])
    found = {}
    for issue in issues:
        if issue.code != INCONSISTENT or issue.period != scope or (issue.kpi_id, scope) not in rows.index:
            continue
        row = rows.loc[(issue.kpi_id, scope)]
        if row["status"] not in SCORED or is_missing(row["value"]):
            continue
        verdict = _verdict(issue, row, rows, range(first, last + 1))
        if verdict is not None and verdict.status != row["status"]:
            found[issue.kpi_id] = verdict
    return found


def _verdict(issue: TargetIssue, row, rows: pd.DataFrame, years: range) -> YearlyVerdict | None:
    kpi = get_kpi(issue.kpi_id)
    if kpi.additive and not isinstance(issue.reference, tuple):
        total = float(issue.reference)
        return YearlyVerdict(issue.kpi_id, status_of(row["value"], total, kpi.direction), row["status"], total)
    statuses = {}
    for year in years:
        key = (issue.kpi_id, str(year))
        if key not in rows.index or rows.loc[key, "status"] not in SCORED:
            return None  # a year that cannot be scored says nothing either way
        statuses[year] = rows.loc[key, "status"]
    short = tuple(y for y, s in statuses.items() if s != "met")
    status = "missed" if short else "met"
    if (status == "met") == (row["status"] == "met"):
        return None  # met or not met either way: nothing a director would read differently
    return YearlyVerdict(issue.kpi_id, status, row["status"], None, short)


def _years(years: tuple[int, ...], lang: str) -> str:
    shown = [str(y) for y in years]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + text("msg_and", lang) + shown[-1]


def verdict_clause(verdict: YearlyVerdict, value, unit: str, lang: str) -> str:
    """A KPI's verdict against its yearly targets, as a clause (``atteint au regard de la somme des cibles annuelles
    (33 pour 32)``, ``cible annuelle non atteinte en 2022 et 2023``)."""
    if verdict.total is not None:
        return text("yearly_verdict_sum", lang, status=status_word(verdict.status, lang),
                    value=format_rounded(value, unit, lang), total=format_rounded(verdict.total, unit, lang))
    if verdict.short_years:
        return text("yearly_verdict_short", lang, years=_years(verdict.short_years, lang))
    return text("yearly_verdict_all_met", lang)


def verdict_detail(verdict: YearlyVerdict, value, unit: str, lang: str) -> str | None:
    """What a key message says of a verdict that crosses the line between met and not met (``33 pour 32``,
    ``non atteinte en 2021 et 2022``); None when both statuses fall on the same side of it."""
    if (verdict.status == "met") == (verdict.period_status == "met"):
        return None
    if verdict.total is not None:
        return text("yearly_detail_sum", lang, value=format_rounded(value, unit, lang),
                    total=format_rounded(verdict.total, unit, lang))
    return text("yearly_detail_short", lang, years=_years(verdict.short_years, lang)) if verdict.short_years else ""
