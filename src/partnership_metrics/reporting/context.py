"""Everything a report says about its numbers besides the numbers: the targets' review, the partners' comments and
the drivers found in the data, the EU outcomes behind each success rate, the cohorts too young to judge — gathered
once per report (:func:`build_context`) and handed to the tiles, tables, scorecard and key messages.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from ..kpis.catalogue import get_kpi
from ..kpis.engine import read_targets
from ..kpis.formatting import format_money_short, format_value
from ..kpis.periods import period_label
from ..kpis.stats import Outcomes, eu_outcomes
from ..kpis.valorisation import CONVERSION_WINDOW_MONTHS, mature_years
from ..values import is_missing
from .commentary import Comment, YearComment, drivers, gap_year_comment, read_comments
from .i18n import format_date, text
from .messages import MessageContext, why
from .sections import Annotations
from .targets_review import BELOW_BASELINE, UNREACHABLE, TargetIssue, review_report_targets
from .yearly_targets import verdict_clause, verdict_detail, yearly_verdicts

CONVERSION, CONVERSION_24M = "val_maturation_conversion", "val_maturation_conversion_24m"
EXPLAINED = ("missed", "close", "review")  # statuses shown with why
# Counts and sums of EU results: provisional while proposals of their years await a result.
PROVISIONAL_KPIS = ("eu_proposals_funded", "eu_funding_secured_eur")


@dataclass
class ReportContext:
    """The report's reading aids, keyed by KPI (and period)."""

    issues: list[TargetIssue]
    comments: dict[str, Comment]  # kpi_id -> the partners' comment on the report's scope
    drivers: dict[str, list[str]]  # kpi_id -> what the data show, with the year a shortfall comes from
    movers: dict[str, list[str]]  # kpi_id -> what the data show of a move (no shortfall)
    outcomes: dict[str, Outcomes]  # period label -> EU outcomes of the proposals submitted then
    annotations: Annotations
    statuses: dict[str, str]  # kpi_id -> status shown for the scope (review: not scored)
    explanations: dict[str, tuple[str, bool]] = field(default_factory=dict)  # kpi_id -> (why, the partners' own)
    # kpi_id -> the partners' comment on the year a period's shortfall comes from (no comment on the period)
    year_comments: dict[str, YearComment] = field(default_factory=dict)
    yearly: dict[str, str] = field(default_factory=dict)  # kpi_id -> its status against the yearly targets
    reversed_by_years: dict[str, tuple[bool, str]] = field(default_factory=dict)  # see MessageContext
    checks: dict[str, str] = field(default_factory=dict)  # kpi_id -> a year the partners' comment blames, met

    def quoted(self) -> list[Comment]:
        """Every comment of the partners the report may quote."""
        return [*self.comments.values(), *(y.comment for y in self.year_comments.values())]

    def messages(self, scope: str) -> MessageContext:
        """What the key messages explain with."""
        return MessageContext(comments=self.comments, drivers=self.drivers, movers=self.movers,
                              outcomes=self.outcomes.get(scope), issues=self.issues, statuses=self.statuses,
                              year_comments=self.year_comments, reversed_by_years=self.reversed_by_years,
                              checks=self.checks)


def issue_note(issue: TargetIssue, lang: str, *, baseline: str) -> str:
    """A target's issue in a reader's words (``cible moins exigeante que la référence 2018-2020 (655,5 j)``)."""
    unit = get_kpi(issue.kpi_id).unit

    def shown(value):
        return format_money_short(value, lang) if unit == "eur" else format_value(value, unit, lang)

    if issue.code == BELOW_BASELINE:
        return text("flag_below_baseline", lang, baseline=baseline, reference=shown(issue.reference))
    if issue.code == UNREACHABLE:
        key = "flag_unreachable_high" if issue.target > issue.reference else "flag_unreachable_low"
        return text(key, lang, reference=shown(issue.reference))
    if isinstance(issue.reference, tuple):
        low, high = issue.reference
        if math.isinf(high):
            return text("flag_inconsistent_min", lang, low=shown(low))
        return text("flag_inconsistent_range", lang, low=shown(low), high=shown(high))
    return text("flag_inconsistent_sum", lang, reference=shown(issue.reference))


def build_context(tables: Mapping, kpis: pd.DataFrame, *, scope: str, years: Sequence[int], baseline: str,
                  period_end: pd.Timestamp, lang: str, partnership) -> ReportContext:
    """The :class:`ReportContext` of a report on ``tables`` whose KPI table is ``kpis`` (``scope``: its period or
    its year; ``years``: the years it shows; ``baseline``: the baseline's label)."""
    periods = {str(p) for p in kpis["period"]}
    issues = review_report_targets(kpis, tables, read_targets(tables), periods)
    every_comment = read_comments(tables)
    comments = {k: c for (k, p), c in every_comment.items() if p == scope}
    notes = Annotations()
    statuses = {}
    for issue in issues:
        key = (issue.kpi_id, issue.period)
        notes.flag_details.setdefault(key, []).append(issue_note(issue, lang, baseline=baseline))
        kind = text(f"flag_kind_{issue.code}", lang)
        if kind not in notes.flags.setdefault(key, []):
            notes.flags[key].append(kind)
        if issue.code == UNREACHABLE:
            notes.statuses[(issue.kpi_id, issue.period)] = "review"
            if issue.period == scope:
                statuses[issue.kpi_id] = "review"
    outcomes = _outcomes(tables, years, scope)
    _rate_notes(notes, outcomes, lang, partnership)
    _pending_notes(notes, tables.get("eu_proposals"), years, scope, lang)
    _cohort_notes(notes, kpis, years, scope, period_end, lang)
    scope_rows = kpis[kpis["period"] == scope].set_index("kpi_id")
    found_drivers, found_movers = {}, {}
    for kpi_id in scope_rows.index:
        if is_missing(scope_rows.loc[kpi_id, "value"]):
            continue
        for gaps, found_in in ((True, found_drivers), (False, found_movers)):
            found = drivers(kpi_id, tables=tables, kpis=kpis, scope=scope, years=years, lang=lang,
                            partnership=partnership, gaps=gaps)
            if found:
                found_in[kpi_id] = found
    context = ReportContext(issues, comments, found_drivers, found_movers, outcomes, notes, statuses)
    for kpi_id in scope_rows.index.difference(list(comments)):
        found = gap_year_comment(kpi_id, kpis, years, every_comment, lang)
        if found is not None:
            context.year_comments[kpi_id] = found
    for kpi_id, verdict in yearly_verdicts(kpis, issues, scope).items():
        row = scope_rows.loc[kpi_id]
        context.yearly[kpi_id] = verdict_clause(verdict, row["value"], row["unit"], lang)
        detail = verdict_detail(verdict, row["value"], row["unit"], lang)
        if detail is not None:
            context.reversed_by_years[kpi_id] = (verdict.status == "met", detail)
    for kpi_id, comment in comments.items():
        found = blamed_year_met(kpi_id, comment, kpis, years, lang)
        if found is not None:
            context.checks[kpi_id] = found
    _explain(context, scope_rows, scope, lang)
    return context


def _explain(context: ReportContext, scope_rows: pd.DataFrame, scope: str, lang: str) -> None:
    """Why each KPI close to or short of its target, or whose status the yearly targets reverse, is where it is."""
    message_context = context.messages(scope)
    for kpi_id, row in scope_rows.iterrows():
        status = context.statuses.get(kpi_id, row["status"])
        if is_missing(row["target"]) or (status not in EXPLAINED and kpi_id not in context.yearly):
            continue
        said = why(kpi_id, lang, message_context) if status in EXPLAINED else ""
        if kpi_id in context.yearly:  # the status the yearly targets give first: it may reverse the verdict
            clause = context.yearly[kpi_id]
            said = (clause[:1].upper() + clause[1:] + ". " + said).strip()
        context.explanations[kpi_id] = (said, kpi_id in context.comments or kpi_id in context.year_comments)


def blamed_year_met(kpi_id: str, comment: Comment, kpis: pd.DataFrame, years: Sequence[int], lang: str) -> str | None:
    """A sentence when the partners' comment on ``kpi_id`` names one year, a year of the report that met its own
    target ("sessions regroupées en 2023" when 2023 met it); None otherwise (no year, several, a period)."""
    if re.search(r"\b20\d\d\s*[-–/]\s*(?:20)?\d\d\b", comment.cause):
        return None  # "la convention 2021-2023": a period, not a year blamed
    named = {int(y) for y in re.findall(r"\b(20\d\d)\b", comment.cause)}
    if len(named) != 1 or not named <= set(years):
        return None  # "retard pris en 2021, rattrapé en 2022": several years, none blamed alone
    rows = kpis[(kpis["kpi_id"] == kpi_id) & kpis["period"].astype("str").isin([str(y) for y in named])]
    for row in rows.itertuples(index=False):
        if row.status == "met" and not is_missing(row.value) and not is_missing(row.target):
            shown = format_money_short if row.unit == "eur" else (lambda v, lg, u=row.unit: format_value(v, u, lg))
            return text("why_comment_year_met", lang, year=row.period, value=shown(row.value, lang),
                        target=shown(row.target, lang))
    return None


def _outcomes(tables: Mapping, years: Sequence[int], scope: str) -> dict[str, Outcomes]:
    out = {}
    proposals = tables.get("eu_proposals")
    for year in years:
        found = eu_outcomes(proposals, [year])
        if found is not None:
            out[str(year)] = found
    found = eu_outcomes(proposals, years)
    if found is not None:
        out[scope] = found
    return out


def outcomes_by_year(tables: Mapping, years: Sequence[int]) -> dict[int, Outcomes]:
    """Year -> EU outcomes of the proposals submitted that year (for the success-rate chart)."""
    proposals = tables.get("eu_proposals")
    found = {y: eu_outcomes(proposals, [y]) for y in years}
    return {y: o for y, o in found.items() if o is not None}


def _rate_notes(notes: Annotations, outcomes: Mapping[str, Outcomes], lang: str, partnership) -> None:
    """Under each success rate, what it rests on; in its tile, the counts, the interval and the benchmark."""
    for period, found in outcomes.items():
        if found.decided + found.pending == 0:
            continue
        key = "rate_detail_pending" if found.pending else "rate_detail"
        notes.details[("eu_success_rate", period)] = text(key, lang, funded=found.funded, decided=found.decided,
                                                          pending=found.pending)
    pooled = [p for p in outcomes if "-" in p] or list(outcomes)[-1:]
    if not pooled:
        return
    found = outcomes[pooled[-1]]
    extras = []
    if found.decided + found.pending:
        from .commentary import eu_counts_text

        extras.append(eu_counts_text(found, lang))
    if found.interval is not None:
        low, high = (format_value(v, "share", lang) for v in found.interval)
        extras.append(text("eu_interval", lang, low=low, high=high))
    benchmark = partnership.benchmark("eu_success_rate")
    if benchmark is not None:
        extras.append(text("eu_benchmark_tile", lang, year=benchmark.year,
                           rate=format_value(benchmark.value, "share", lang)))
    notes.extras["eu_success_rate"] = extras


def _pending_notes(notes: Annotations, proposals: pd.DataFrame | None, years: Sequence[int], scope: str,
                   lang: str) -> None:
    """EU money secured and proposals funded are provisional while proposals await their result: under each value
    whose years hold pending proposals, how many; in the tiles, the years' pending proposals and the sum they
    request."""
    if proposals is None or proposals.empty:
        return
    submitted = pd.to_datetime(proposals["submission_date"]).dt.year
    status = proposals["status"].astype("object")
    pending, counted = {}, {}
    for year in years:
        in_year = (submitted == year) & (status != "withdrawn")
        waiting = in_year & (status == "pending")
        if waiting.any():
            requested = pd.to_numeric(proposals.loc[waiting, "requested_eur"], errors="coerce").sum(min_count=1)
            pending[year], counted[year] = (int(waiting.sum()), requested), int(in_year.sum())
    if not pending:
        return
    periods = {str(y): pending[y][0] for y in pending}
    if "-" in scope:
        periods[scope] = sum(n for n, _ in pending.values())
    lines = []
    for year, (n, requested) in pending.items():
        key = "eu_provisional_tile" if not is_missing(requested) else "eu_provisional_tile_plain"
        lines.append(text(key, lang, pending=n, submitted=counted[year], year=year,
                          requested=format_money_short(requested, lang) if not is_missing(requested) else ""))
    for kpi_id in PROVISIONAL_KPIS:
        for period, n in periods.items():
            notes.details.setdefault((kpi_id, period), text("eu_provisional", lang, pending=n))
        notes.extras.setdefault(kpi_id, []).extend(lines)


def _cohort_notes(notes: Annotations, kpis: pd.DataFrame, years: Sequence[int], scope: str,
                  period_end: pd.Timestamp, lang: str) -> None:
    """Cohorts too young to be judged read "too early", never 0 %: the catalogue's conversion for its recent years
    (its value kept in the note), the conversion within 24 months where it is null for that reason."""
    old_enough = set(mature_years(range(min(years) - 1, max(years) + 1), period_end))
    label_24m = get_kpi(CONVERSION_24M).label(lang)
    end = format_date(period_end, lang)
    for row in kpis[kpis["kpi_id"] == CONVERSION].itertuples(index=False):
        for period in _years_of(row):
            if "-" not in str(row.period) and period not in old_enough and not is_missing(row.value):
                notes.too_early[(CONVERSION, str(row.period))] = text(
                    "too_early_note", lang, year=period, months=CONVERSION_WINDOW_MONTHS, end=end,
                    value=format_value(row.value, "share", lang), label=label_24m)
        if not is_missing(row.previous) and "-" not in str(row.period):
            previous = int(row.period) - 1
            if previous not in old_enough:
                notes.too_early[(CONVERSION, str(previous))] = text(
                    "too_early_note", lang, year=previous, months=CONVERSION_WINDOW_MONTHS, end=end,
                    value=format_value(row.previous, "share", lang), label=label_24m)
    for row in kpis[kpis["kpi_id"] == CONVERSION_24M].itertuples(index=False):
        if is_missing(row.value) and row.reason_code == "cohort_too_recent":
            notes.too_early[(CONVERSION_24M, str(row.period))] = str(row.reason)
        elif "-" in str(row.period):
            first, last = (int(y) for y in str(row.period).split("-"))
            judged = mature_years(range(first, last + 1), period_end)
            if judged and len(judged) < last - first + 1:
                notes.footnotes[(CONVERSION_24M, str(row.period))] = text(
                    "mature_years_note", lang, years=period_label(judged[0], judged[-1]),
                    months=CONVERSION_WINDOW_MONTHS)


def _years_of(row) -> list[int]:
    period = str(row.period)
    if "-" in period:
        return []
    return [int(period)]
