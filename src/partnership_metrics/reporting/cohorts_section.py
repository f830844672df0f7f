"""The cohort pipeline section: what became of the projects detected each year (table and chart), and how long
they take to reach maturation and a licence or a start-up, the baseline's cohorts against the partnership's
(Kaplan–Meier: projects still open count as still waiting, never as failures).

The numbers come from :mod:`partnership_metrics.kpis.cohorts`; a cohort younger than the maturity window shows
"too early" rather than 0 %.
"""

from __future__ import annotations

import math

import pandas as pd

from ..kpis.cohorts import MILESTONES, OUTCOMES, pipeline_cohorts, time_to_by_group
from ..kpis.formatting import format_value
from ..kpis.periods import parse_period, period_label
from . import memo, review_charts
from .i18n import format_date
from .review_common import definitions, group_row, note, percent, rt, simple_table
from .sections import Footnotes, chart, esc, heading, paragraph

MATURE_AFTER_MONTHS = 24
KM_MILESTONES = ("maturation", "licence_or_startup")
AT_MONTHS = {12: 365, 24: 730}  # months -> the days the Kaplan-Meier estimate is read at


def cohort_parts(tables: dict, *, scope: str, baseline: str, period_end: pd.Timestamp, lang: str) -> list[str]:
    """The HTML parts of the section (after its heading)."""
    as_of = period_end
    first, last = parse_period(scope)
    b_first, b_last = parse_period(baseline)
    date = format_date(as_of, lang)
    parts = [paragraph(rt("intro_cohorts", lang, date=date, months=MATURE_AFTER_MONTHS), "pm-lead")]
    if tables.get("projects") is None:
        return parts + [note(rt("no_projects_table", lang))]
    milestones, cohorts = memo.shared(tables, "pipeline_cohorts", (as_of, MATURE_AFTER_MONTHS),
                                      lambda: pipeline_cohorts(tables, as_of, mature_after_months=MATURE_AFTER_MONTHS))
    if cohorts.empty:
        return parts + [note(rt("no_cohort", lang, date=date))]
    groups = {"baseline": (b_first, b_last), "period": (first, last)}
    labels = {"baseline": rt("cohorts_of", lang, period=period_label(b_first, b_last)),
              "period": rt("cohorts_of", lang, period=period_label(first, last))}
    parts.append(chart(review_charts.cohort_outcomes(cohorts, lang, (first, last)),
                       rt("chart_cohorts_note", lang, date=date)))
    parts.append(heading("", rt("cohort_table_title", lang), 3))
    parts.append(cohort_table_html(cohorts, groups, labels, lang))
    parts.append(definitions([(rt(f"term_{key}", lang), rt(f"def_{key}", lang))
                              for key in ("cohort", "milestone_shares", "outcome", "young_cohort")], lang))
    curves, summaries = memo.shared(tables, "time_to", (as_of, MATURE_AFTER_MONTHS, groups),
                                    lambda: _time_to(milestones, as_of, groups))
    parts.append(heading("", rt("time_to_title", lang), 3))
    parts.append(chart(review_charts.time_to_milestones(curves, labels, lang),
                       rt("chart_time_to_note", lang, min=review_charts.MIN_AT_RISK)))
    parts.append(time_to_table_html(summaries, labels, lang))
    parts.append(definitions([(rt(f"term_{key}", lang), rt(f"def_{key}", lang))
                              for key in ("kaplan_meier", "censored", "median_time", "at_risk")], lang))
    return parts


def _time_to(milestones: pd.DataFrame, as_of, groups: dict) -> tuple[dict, dict]:
    """Per milestone of :data:`KM_MILESTONES`: the Kaplan–Meier curves and the summary of each group of cohorts."""
    curves, summaries = {}, {}
    for milestone in KM_MILESTONES:
        curves[milestone], summaries[milestone] = time_to_by_group(milestones, milestone, as_of, groups,
                                                                   at_days=tuple(AT_MONTHS.values()))
    return curves, summaries


def _share_cell(count: int, projects: int, mature: bool, lang: str, notes: Footnotes) -> str:
    if count == 0 and not mature:
        return f'<span class="pm-early">{esc(rt("too_early", lang))}</span>{notes.mark(rt("young_note", lang))}'
    share = format_value(count / projects if projects else math.nan, "share", lang)
    return f'{esc(share)}<span class="pm-detail">{esc(format_value(count, "count", lang))}</span>'


def cohort_table_html(cohorts: pd.DataFrame, groups: dict[str, tuple[int, int]], labels: dict[str, str],
                      lang: str) -> str:
    """One row per detection year, grouped (earlier cohorts, the baseline's, the partnership's): projects, the
    share reaching each milestone and each outcome; 0 in a young cohort is "too early"."""
    notes = Footnotes(lang)
    keys = (*MILESTONES, *OUTCOMES)
    head = [(rt("col_cohort", lang), False), (rt("col_projects", lang), True)]
    head += [(rt(f"col_{k}", lang), True) for k in keys]
    rows: list = []
    current = object()
    for row in cohorts.itertuples(index=False):
        group = next((g for g, (a, b) in groups.items() if a <= row.cohort <= b), None)
        if group != current:
            current = group
            rows.append(group_row(labels[group] if group else rt("cohorts_earlier", lang), len(head)))
        year = esc(row.cohort) + ("" if row.mature else notes.mark(rt("young_note", lang)))
        cells = [year, esc(format_value(row.projects, "count", lang))]
        values = row._asdict()
        mature = bool(row.mature)
        for key in keys:  # a 0 that time may still change is "too early" (projects still open: a real 0)
            cells.append(_share_cell(int(values[key]), int(row.projects), mature or key == "open", lang, notes))
        rows.append(cells)
    return simple_table(head, rows, "pm-cohorts", notes=notes)


def time_to_table_html(summaries: dict[str, pd.DataFrame], labels: dict[str, str], lang: str) -> str:
    """Per milestone and group of cohorts: projects, reached by the as-of date, the median time and the share
    reached within 12 and 24 months (Kaplan–Meier, 95 % interval), with how many were still followed then."""
    notes = Footnotes(lang)
    head = [(rt("col_group", lang), False), (rt("col_projects", lang), True), (rt("col_reached", lang), True),
            (rt("col_median", lang), True)]
    head += [(rt("col_within", lang, months=m), True) for m in AT_MONTHS]
    rows: list = []
    for milestone, summary in summaries.items():
        rows.append(group_row(rt(f"milestone_{milestone}", lang), len(head)))
        for r in summary.itertuples(index=False):
            values = r._asdict()
            median = values["median_days"]
            if median is None or pd.isna(median):
                median_cell = f'<span class="pm-early">{esc(rt("median_not_reached", lang))}</span>'
            else:
                median_cell = esc(rt("n_months", lang, n=format_value(median / (365.25 / 12), "count", lang)))
            cells = [esc(labels[r.group]), esc(format_value(r.projects, "count", lang)),
                     esc(format_value(r.reached, "count", lang)), median_cell]
            for days in AT_MONTHS.values():
                cells.append(_within_cell(values, days, lang, notes))
            rows.append(cells)
    return simple_table(head, rows, "pm-time-to", notes=notes)


def _within_cell(values: dict, days: int, lang: str, notes: Footnotes) -> str:
    reached = values[f"reached_{days}d"]
    if reached is None or pd.isna(reached):
        return f'<span class="pm-early">{esc(rt("too_early", lang))}</span>{notes.mark(rt("not_followed_note", lang))}'
    low, high = values[f"lower_{days}d"], values[f"upper_{days}d"]
    shown = esc(format_value(reached, "share", lang))
    if reached == 0:  # no project has reached it: the interval (0 to 0) would claim a certainty it has not
        interval = rt("none_reached_yet", lang)
    else:
        interval = rt("interval", lang, low=percent(low, lang), high=percent(high, lang))
    at_risk = rt("still_followed", lang, n=format_value(values[f"at_risk_{days}d"], "count", lang))
    return f'{shown}<span class="pm-detail">{esc(interval)}</span><span class="pm-detail">{esc(at_risk)}</span>'
