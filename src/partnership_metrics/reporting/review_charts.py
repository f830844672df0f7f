"""The charts of the end-of-partnership review sections: DataFrames in (from :mod:`partnership_metrics.kpis.cohorts`,
:mod:`~partnership_metrics.kpis.portfolio` and the benchmark snapshot), ``plotly.graph_objects.Figure`` out.

They follow the theme of :mod:`.charts` (template, fonts, separators, the partners' colours, no status colour for a
category, the full width of the container) and stay readable on an A4 page: small multiples share their axes,
numbers that would crowd a bar go in the table under the chart instead. Labels from the data go through
:func:`.charts.plotly_text`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..kpis.formatting import format_value
from .charts import (
    ACCENT,
    MUTED,
    REFERENCE_GREY,
    _finish,
    _no_data,
    _partnership,
    _percent_axis,
    _year_axis,
    plotly_text,
)
from .i18n import code_label, typeset
from .review_common import group_name, groups_in_order, rt

if TYPE_CHECKING:
    from ..partnership import Partnership

OUTCOME_COLOURS = {"licence_or_startup": ACCENT, "abandoned": "#D55E00", "open": "#C8C8C8"}  # categories, not status
GROUP_COLOURS = ("#8c96a8", ACCENT)  # the baseline's cohorts, then the partnership's
BASELINE_BAR = REFERENCE_GREY
DAYS_PER_MONTH = 365.25 / 12
MIN_AT_RISK = 10  # a Kaplan-Meier curve is drawn while at least this many projects are still followed


def _band(colour: str, alpha: float = 0.14) -> str:
    colour = colour.lstrip("#")
    r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


# ---- cohorts -----------------------------------------------------------------------------------------------

def cohort_outcomes(cohorts: pd.DataFrame, lang: str, highlight: tuple[int, int] | None = None) -> go.Figure:
    """Where each detection year's projects stand: the shares with a licence or a start-up, abandoned and still
    open, stacked to 100 %; under each year, how many projects and whether the cohort is too young to judge."""
    fig = go.Figure()
    if cohorts.empty:
        return _no_data(_finish(fig, rt("chart_cohorts", lang), lang, height=260), lang)
    years = [int(y) for y in cohorts["cohort"]]
    for outcome, colour in OUTCOME_COLOURS.items():
        label = rt(f"outcome_{outcome}", lang)
        fig.add_trace(go.Bar(
            x=years, y=(cohorts[f"share_{outcome}"] * 100).tolist(), name=label, marker_color=colour,
            customdata=cohorts[outcome].tolist(),
            hovertemplate="%{y:.0f}\u202f% (%{customdata})<extra>" + label + " %{x}</extra>",
        ))
    _finish(fig, rt("chart_cohorts", lang), lang, height=280)
    fig.update_layout(barmode="stack")
    _year_axis(fig, years, lang, highlight)
    ticks = []
    first, last = highlight or (None, None)
    for row in cohorts.itertuples(index=False):
        year = f"<b>{row.cohort}</b>" if highlight and first <= row.cohort <= last else str(row.cohort)
        lines = [year, f"<span style='font-size:9px;color:{MUTED}'>{rt('n_projects', lang, n=row.projects)}</span>"]
        if not row.mature:
            lines.append(f"<span style='font-size:9px;color:{MUTED}'><i>{rt('young_tick', lang)}</i></span>")
        ticks.append("<br>".join(lines))
    fig.update_xaxes(ticktext=ticks, title_text=None)
    fig.update_yaxes(range=[0, 100], title_text=rt("axis_share_cohort", lang), dtick=25)
    _percent_axis(fig, lang)
    return fig


def time_to_milestones(curves: dict[str, pd.DataFrame], group_labels: dict[str, str], lang: str) -> go.Figure:
    """Kaplan–Meier curves, one panel per milestone (``curves``: milestone -> the curves of
    :func:`~partnership_metrics.kpis.cohorts.time_to_by_group`), one line per group of cohorts with its 95 %
    band: the share of the projects that reached the milestone, months after their detection."""
    fig = make_subplots(rows=1, cols=len(curves), shared_yaxes=True, horizontal_spacing=0.06)
    longest, highest = 0.0, 0.0
    for col, (milestone, frame) in enumerate(curves.items(), start=1):
        for (group, label), colour in zip(group_labels.items(), GROUP_COLOURS, strict=False):
            part = frame[frame["label"] == group].sort_values("days")
            part = part[part["at_risk"] >= MIN_AT_RISK]  # the tail of a few projects says nothing
            if part.empty:
                continue
            months = (part["days"] / DAYS_PER_MONTH).tolist()
            longest = max(longest, max(months))
            highest = max(highest, float(part["upper"].max()) * 100)
            fig.add_trace(go.Scatter(x=months, y=(part["upper"] * 100).tolist(), mode="lines", line_shape="hv",
                                     line=dict(width=0), hoverinfo="skip", showlegend=False, legendgroup=group),
                          row=1, col=col)
            fig.add_trace(go.Scatter(x=months, y=(part["lower"] * 100).tolist(), mode="lines", line_shape="hv",
                                     line=dict(width=0), fill="tonexty", fillcolor=_band(colour),
                                     hoverinfo="skip", showlegend=False, legendgroup=group), row=1, col=col)
            fig.add_trace(go.Scatter(
                x=months, y=(part["reached"] * 100).tolist(), mode="lines", line_shape="hv", name=label,
                line=dict(color=colour, width=2.5), legendgroup=group, showlegend=col == 1,
                hovertemplate="%{y:.0f}\u202f%<extra>" + plotly_text(label) + " · %{x:.0f}</extra>",
            ), row=1, col=col)
        fig.update_xaxes(title_text=rt(f"axis_months_to_{milestone}", lang), row=1, col=col)
    _finish(fig, rt("chart_time_to", lang), lang, height=300)
    fig.update_xaxes(range=[0, max(12.0, longest * 1.02)], dtick=12, rangemode="tozero", showgrid=True,
                     gridcolor="#eef0f3")
    top = share_axis_top(highest)
    fig.update_yaxes(range=[0, top], dtick=10 if top <= 50 else 25)
    fig.update_yaxes(title_text=rt("axis_share_reached", lang), row=1, col=1)
    _percent_axis(fig, lang)
    if not fig.data:
        return _no_data(fig, lang)
    return fig


def share_axis_top(highest: float) -> float:
    """The top of a share axis (in %) that shows a curve reaching ``highest`` without squashing it: the next ten
    above it, 100 % when the curve comes near it."""
    return 100.0 if highest > 80 else float(max(20, math.ceil(highest / 10 + 0.5) * 10))


# ---- portfolio ---------------------------------------------------------------------------------------------

def _hbars(fig, frame: pd.DataFrame, column: str, labels: list[str], name: str, colour: str, row: int, col: int,
           *, scale: float = 1.0, legend: bool, group: str) -> None:
    by_value = dict(zip(frame["value"].astype(str), frame[column], strict=False))
    fig.add_trace(go.Bar(
        y=labels, x=[by_value.get(v, 0) / scale for v in frame.attrs["order"]], orientation="h", name=name,
        marker_color=colour, legendgroup=group, showlegend=legend,
        hovertemplate="%{x:,.2f}<extra>" + plotly_text(name) + " · %{y}</extra>" if scale != 1 else
        "%{x}<extra>" + plotly_text(name) + " · %{y}</extra>",
    ), row=row, col=col)


def portfolio_projects(by: dict[str, tuple[pd.DataFrame, pd.DataFrame]], lang: str, *, scope: str, baseline: str,
                       partnership: Partnership | None = None) -> go.Figure:
    """Small multiples: one row per dimension (``by``: dimension -> (baseline, period) frames of
    :func:`~partnership_metrics.kpis.portfolio.projects_by`), projects detected on the left and the partners'
    money on the right, the baseline in grey beside the period."""
    partnership = _partnership(partnership)
    sizes = [max(len(set(b["value"]) | set(p["value"])), 1) for b, p in by.values()]
    fig = make_subplots(rows=len(by), cols=2, shared_yaxes=True, horizontal_spacing=0.05,
                        vertical_spacing=0.14, row_heights=[s / sum(sizes) for s in sizes])
    for row, (dimension, (base, period)) in enumerate(by.items(), start=1):
        order = groups_in_order([*period["value"].astype(str), *base["value"].astype(str)])
        labels = [plotly_text(group_name(dimension, v, lang, partnership)) for v in order]
        for frame in (base, period):
            frame.attrs["order"] = order
        for col, column, scale in ((1, "projects", 1.0), (2, "partner_funding_eur", 1e6)):
            _hbars(fig, base, column, labels, baseline, BASELINE_BAR, row, col, scale=scale,
                   legend=row == 1 and col == 1, group="baseline")
            _hbars(fig, period, column, labels, scope, ACCENT, row, col, scale=scale,
                   legend=row == 1 and col == 1, group="period")
        fig.update_yaxes(autorange="reversed", row=row, col=1, ticksuffix="\u2002")
        fig.update_yaxes(autorange="reversed", row=row, col=2)
        fig.update_xaxes(title_text=rt(f"axis_projects_by_{dimension}", lang), row=row, col=1)
        fig.update_xaxes(title_text=rt(f"axis_funding_by_{dimension}", lang), row=row, col=2, tickformat=",.1f")
    _finish(fig, rt("chart_portfolio_projects", lang), lang, height=170 + 21 * sum(sizes))
    fig.update_layout(barmode="group", bargap=0.25, bargroupgap=0.05)
    fig.update_xaxes(showgrid=True, gridcolor="#eef0f3", rangemode="tozero")
    fig.update_yaxes(showgrid=False, zeroline=False, ticks="", rangemode="normal")
    if not fig.data:
        return _no_data(fig, lang)
    return fig


def events_by_site(frame: pd.DataFrame, lang: str, partnership: Partnership | None = None) -> go.Figure:
    """Events held per site (``frame`` of :func:`~partnership_metrics.kpis.portfolio.events_by`), stacked by
    organiser in the partners' names and colours, the total at the end of each bar."""
    partnership = _partnership(partnership)
    fig = go.Figure()
    sites = (frame.groupby("site")["events"].sum().sort_values(ascending=False).index.astype(str).tolist()
             if not frame.empty else [])
    sites = [s for s in sites if s != "unknown"] + (["unknown"] if "unknown" in sites else [])
    labels = [plotly_text(group_name("site", s, lang, partnership)) for s in sites]
    for organiser, colour in partnership.colours().items():
        part = frame[frame["organiser"].astype("object") == organiser]
        if part.empty:
            continue
        counts = dict(zip(part["site"].astype(str), part["events"], strict=False))
        name = code_label("organiser", organiser, lang, partnership)
        fig.add_trace(go.Bar(y=labels, x=[int(counts.get(s, 0)) for s in sites], orientation="h", name=name,
                             marker_color=colour, hovertemplate="%{x}<extra>" + name + " · %{y}</extra>"))
    if sites:
        totals = frame.groupby(frame["site"].astype(str))["events"].sum()
        fig.add_trace(go.Scatter(y=labels, x=[int(totals.get(s, 0)) for s in sites], mode="text",
                                 text=[f"\u2002{format_value(int(totals.get(s, 0)), 'count', lang)}" for s in sites],
                                 textposition="middle right", showlegend=False, hoverinfo="skip", cliponaxis=False,
                                 textfont=dict(size=10)))
    _finish(fig, rt("chart_events_by_site", lang), lang, height=130 + 28 * max(len(sites), 1))
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed", showgrid=False, zeroline=False, ticks="", rangemode="normal",
                     ticksuffix="\u2002")
    fig.update_xaxes(title_text=rt("axis_events", lang), showgrid=True, gridcolor="#eef0f3", rangemode="tozero")
    if not sites:
        return _no_data(fig, lang)
    top = float(frame.groupby("site")["events"].sum().max())
    fig.update_xaxes(range=[0, top * 1.12])
    return fig


def eu_by_programme_chart(frame: pd.DataFrame, lang: str, partnership: Partnership | None = None) -> go.Figure:
    """EU proposals submitted and funded per programme (``frame`` of
    :func:`~partnership_metrics.kpis.portfolio.eu_by_programme`), the most submitted first."""
    partnership = _partnership(partnership)
    frame = frame.sort_values(["submitted", "programme"], ascending=[False, True])
    labels = [plotly_text(group_name("programme", p, lang, partnership)) for p in frame["programme"]]
    fig = go.Figure()
    for column, colour in (("submitted", "#9ec3e6"), ("funded", ACCENT)):
        name = rt(f"series_{column}", lang)
        fig.add_trace(go.Bar(y=labels, x=frame[column].tolist(), orientation="h", name=name, marker_color=colour,
                             hovertemplate="%{x}<extra>" + name + " · %{y}</extra>"))
    _finish(fig, rt("chart_eu_by_programme", lang), lang, height=130 + 30 * max(len(frame), 1))
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed", showgrid=False, zeroline=False, ticks="", rangemode="normal",
                     ticksuffix="\u2002")
    fig.update_xaxes(title_text=rt("axis_proposals", lang), showgrid=True, gridcolor="#eef0f3", rangemode="tozero")
    if frame.empty:
        return _no_data(fig, lang)
    return fig


# ---- partners ----------------------------------------------------------------------------------------------

COUNT_MEASURES = ("projects_sourced", "projects_supported", "events_organised", "eu_supported", "eu_funded",
                  "outcomes")
MONEY_MEASURES = ("committed_eur", "external_eur", "eu_granted_eur")


def contributions_chart(contributions: pd.DataFrame, lang: str, partnership: Partnership | None = None
                        ) -> go.Figure:
    """What each partner and the two together brought (``contributions`` of
    :func:`~partnership_metrics.kpis.portfolio.partner_contributions`): counts on the left, money on the right, in
    the partners' colours."""
    partnership = _partnership(partnership)
    colours = partnership.colours()
    rows = contributions.set_index("partner")
    measures = [[m for m in group if m in rows.columns] for group in (COUNT_MEASURES, MONEY_MEASURES)]
    fig = make_subplots(rows=2, cols=1, vertical_spacing=0.16,
                        row_heights=[len(measures[0]) / sum(map(len, measures)), len(measures[1]) / sum(map(len, measures))])
    for who in rows.index:
        name = code_label("organiser", who, lang, partnership)
        for row, shown, scale in ((1, measures[0], 1.0), (2, measures[1], 1e6)):
            fig.add_trace(go.Bar(
                y=[rt(f"measure_{m}", lang) for m in shown], x=[float(rows.loc[who, m]) / scale for m in shown],
                orientation="h", name=name, marker_color=colours.get(who, MUTED), legendgroup=who,
                showlegend=row == 1, hovertemplate="%{x:,.2f}<extra>" + name + "</extra>" if scale != 1 else
                "%{x}<extra>" + name + "</extra>",
            ), row=row, col=1)
    _finish(fig, rt("chart_contributions", lang), lang, height=170 + 30 * sum(map(len, measures)))
    fig.update_layout(barmode="group", bargap=0.22, bargroupgap=0.04)
    fig.update_yaxes(autorange="reversed", showgrid=False, zeroline=False, ticks="", rangemode="normal",
                     ticksuffix="\u2002")
    fig.update_xaxes(showgrid=True, gridcolor="#eef0f3", rangemode="tozero")
    fig.update_xaxes(title_text=rt("axis_count", lang), row=1, col=1)
    fig.update_xaxes(title_text=rt("axis_meur", lang), tickformat=",.1f", row=2, col=1)
    if contributions.empty:
        return _no_data(fig, lang)
    return fig


# ---- benchmarks --------------------------------------------------------------------------------------------

def ilab_laureates(laureates: pd.DataFrame, years: Sequence[int], lang: str, *, region: str, region_name: str,
                   highlight: tuple[int, int] | None = None, partnership_years: dict[int, int] | None = None
                   ) -> go.Figure:
    """i-Lab laureates per competition year, nationally (left) and in the partnership's region (right), all
    domains and health; ``partnership_years`` (year -> the partnership's start-ups found among that year's
    laureates) adds them to the region's panel."""
    table = laureates.set_index(["scope", "domain", "year"])["laureates"]
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.1)
    for col, scope in ((1, "national"), (2, region)):
        for domain, colour in (("all", "#b9bec7"), ("health", ACCENT)):
            name = rt(f"series_ilab_{domain}", lang)
            values = [int(table.get((scope, domain, y), 0)) for y in years]
            fig.add_trace(go.Bar(x=list(years), y=values, name=name, marker_color=colour, legendgroup=domain,
                                 showlegend=col == 1, hovertemplate="%{y}<extra>" + name + " %{x}</extra>"),
                          row=1, col=col)
    if partnership_years:
        name = rt("series_ilab_partnership", lang)
        fig.add_trace(go.Scatter(x=list(years), y=[partnership_years.get(y) or None for y in years],
                                 mode="markers", name=name, marker=dict(symbol="diamond", size=11, color="#E69F00",
                                                                        line=dict(color="white", width=1)),
                                 hovertemplate="%{y}<extra>" + name + " %{x}</extra>"), row=1, col=2)
    _finish(fig, rt("chart_ilab", lang, region=plotly_text(typeset(region_name, lang))), lang, height=270)
    fig.update_layout(barmode="group")
    for col in (1, 2):
        _year_axis(fig, years, lang, highlight, row=1, col=col)
    fig.update_xaxes(tickangle=0, tickfont=dict(size=10))
    fig.update_xaxes(title_text=rt("axis_ilab_france", lang), row=1, col=1)
    fig.update_xaxes(title_text=plotly_text(typeset(region_name, lang)), row=1, col=2)
    fig.update_yaxes(title_text=rt("axis_laureates", lang), row=1, col=1)
    return fig
