"""The report charts: pure functions, DataFrames in, ``plotly.graph_objects.Figure`` out, one visual theme.

Every chart uses the registered template ``partnership`` (Okabe-Ito colours for categories; the status colours of
:mod:`.html` are reserved for statuses and never used here), the colours of the partners and funder groups of the
partnership (``partnership=``, default: the packaged one), the width of its container (the full text width on
screen, the printable width of an A4 page on paper: laid out for :data:`WIDTH` at least), a title saying what it
shows, axis labels and number separators in the report's language, and no zoom or modebar clutter. Years are the x
axis of most charts; ``highlight=(first, last)`` shades the report's years. Stacked bars carry their totals; labels
are placed so that no two overlap (checked in a real browser by the tests).

Text that comes from the data (start-up names, institutions) goes through :func:`plotly_text`: plotly reads some
HTML in labels, so a start-up named ``<b>X</b>`` must be shown as those characters, not in bold.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from ..kpis.catalogue import check_lang
from ..kpis.formatting import format_value
from .i18n import code_label, format_date, text

if TYPE_CHECKING:
    from ..partnership import Partnership

TEMPLATE = "partnership"
WIDTH = 680  # px: the narrowest a chart is drawn, the printable width of A4 (reporting/browser.py PRINT_WIDTH_PX)
FONT = '"Source Sans 3", "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif'
INK, MUTED, RULE, ACCENT = "#1d2433", "#5a6272", "#d6dae1", "#16365c"
REFERENCE_GREY = "#b9bec7"
BENCHMARK_INK = "#3b4252"  # a reference line: dark grey, not a status colour
GAPS_COLOUR = "#D55E00"  # coordination gaps: Okabe-Ito vermillion (a category here, not a status)

# Okabe-Ito, in the order plotly cycles through; the partners keep their colours everywhere.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
SEPARATORS = {"fr": ",\u202f", "en": ".,"}  # decimal mark, then thousands separator (narrow no-break space)
ROUND_COLOURS = {
    "pre_seed": "#56B4E9", "seed": "#0072B2", "series_a": "#CC79A7", "series_b_plus": "#882255",
    "grant": "#009E73", "loan": "#E69F00", "other": "#C8C8C8",
}
SYNERGY_COLOURS = {  # the joint events' share takes the partnership's colour of joint actions
    "syn_joint_sourcing_share": "#CC79A7", "syn_co_supported_share": "#56B4E9", "syn_joint_event_share": None,
}
_MODEBAR_REMOVE = ["zoom", "pan", "select", "lasso", "zoomIn", "zoomOut", "autoScale", "resetScale",
                   "toggleSpikelines", "hoverClosestCartesian", "hoverCompareCartesian", "toImage"]
MAX_STARTUP_BARS = 15


def register_template() -> str:
    """Register the ``partnership`` plotly template (idempotent) and return its name."""
    axis = dict(showgrid=False, linecolor="#9aa1ad", ticks="outside", tickcolor="#9aa1ad", fixedrange=True,
                title=dict(font=dict(size=12, color=MUTED)), automargin=True)
    pio.templates[TEMPLATE] = go.layout.Template(
        layout=dict(
            font=dict(family=FONT, size=12, color=INK),
            title=dict(x=0, xanchor="left", xref="container", y=1, yref="container", yanchor="top",
                       pad=dict(t=6, l=2), font=dict(size=15, color=ACCENT)),
            colorway=list(OKABE_ITO),
            paper_bgcolor="white",
            plot_bgcolor="white",
            autosize=True,
            margin=dict(l=60, r=20, t=64, b=44),
            xaxis=axis,
            yaxis={**axis, "showgrid": True, "gridcolor": "#e6e9ee", "zeroline": True,
                   "zerolinecolor": "#9aa1ad", "ticks": "", "rangemode": "tozero"},
            legend=dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom", font=dict(size=11),
                        bgcolor="rgba(0,0,0,0)", traceorder="normal"),
            bargap=0.22,
            bargroupgap=0.06,
            hoverlabel=dict(font=dict(family=FONT)),
            modebar=dict(remove=_MODEBAR_REMOVE, bgcolor="rgba(0,0,0,0)", color=REFERENCE_GREY),
            dragmode=False,
        )
    )
    return TEMPLATE


register_template()


def _partnership(partnership: Partnership | None) -> Partnership:
    if partnership is None:
        from ..partnership import default_partnership

        return default_partnership()
    return partnership


def plotly_text(value) -> str:
    """Data text made safe for a plotly label: ``<``, ``>`` and ``&`` become entities, shown as typed."""
    return html.escape(str(value), quote=False)


def _finish(fig: go.Figure, title: str, lang: str, *, height: int = 360) -> go.Figure:
    """Apply the theme, the title and the language's number separators; the width is the container's."""
    fig.update_layout(template=TEMPLATE, title_text=title, separators=SEPARATORS[check_lang(lang)],
                      autosize=True, height=height)
    return fig


def _totals(fig: go.Figure, years: Sequence[int], totals: Sequence[float], lang: str, *, unit: str = "score",
            **where) -> None:
    """The total of each stacked bar, above it (M€ with one decimal, or a count with ``unit="count"``; nothing
    over an empty year). ``where``: the subplot (``row``, ``col``)."""
    shown = [format_value(_one_decimal(t) if unit == "score" else t, unit, lang) if t else "" for t in totals]
    fig.add_trace(go.Scatter(
        x=list(years), y=list(totals), mode="text", text=shown, textposition="top center",
        textfont=dict(size=10, color=INK), showlegend=False, hoverinfo="skip", cliponaxis=False,
    ), **where)


def _one_decimal(value: float) -> float:
    """``value`` rounded half-up to one decimal (3.861 -> 3.9, 4.25 -> 4.3), as the tables beside a chart read;
    Babel alone rounds half-even (4.25 -> 4.2)."""
    return float(Decimal(repr(float(value))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _year_axis(fig: go.Figure, years: Sequence[int], lang: str,
               highlight: tuple[int, int] | None = None, **where) -> None:
    """Years as ticks (the report's years in bold, over a light band), titled in ``lang``."""
    first, last = highlight or (None, None)
    ticks = [f"<b>{y}</b>" if highlight and first <= y <= last else str(y) for y in years]
    fig.update_xaxes(tickmode="array", tickvals=list(years), ticktext=ticks,
                     range=[min(years) - 0.5, max(years) + 0.5], title_text=text("axis_year", lang), **where)
    if highlight:
        fig.add_vrect(x0=first - 0.5, x1=last + 0.5, fillcolor=ACCENT, opacity=0.07, line_width=0,
                      layer="below", **where)


def _signed_line(fig: go.Figure, years: Sequence[int], lang: str, signed: dt.date) -> None:
    """A dashed line at the signature of the partnership (between two years' points), when it is in range."""
    position = signed.year + (signed.timetuple().tm_yday - 0.5) / 365.25
    if not (min(years) - 0.5 < position < max(years) + 0.5):
        return
    fig.add_vline(x=position, line=dict(color=MUTED, width=1.2, dash="dash"))
    fig.add_annotation(x=position, y=1, yref="paper", yanchor="top", xanchor="right", showarrow=False,
                       text=text("partnership_signed", lang) + "<br>" + format_date(signed, lang),
                       align="right", font=dict(size=10, color=MUTED))


def _no_data(fig: go.Figure, lang: str) -> go.Figure:
    """Say that there is nothing to draw (rather than draw zeros)."""
    fig.layout.shapes = ()
    fig.add_annotation(text=text("no_data_chart", lang), x=0.5, y=0.5, xref="paper", yref="paper",
                       showarrow=False, font=dict(size=13, color=MUTED))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _values(history: pd.DataFrame, kpi_id: str, years: Sequence[int]) -> list[float | None]:
    """The yearly values of ``kpi_id`` in a ``kpi_id, year, value`` frame, aligned on ``years`` (None: null)."""
    rows = history[history["kpi_id"] == kpi_id]
    by_year = {int(y): v for y, v in zip(rows["year"], rows["value"], strict=False)}
    return [None if pd.isna(by_year.get(y)) else float(by_year[y]) for y in years]


def _in_years(dates: pd.Series, years: Sequence[int]) -> pd.Series:
    return dates.dt.year.isin(list(years))


def _codes(series: pd.Series, missing: str) -> pd.Series:
    """A code column as plain strings, ``missing`` where it is empty."""
    return series.astype("object").where(series.notna(), missing).astype("str")


def _money_hover(lang: str) -> str:
    return "%{y:,.2f}\u00a0M€" if lang == "fr" else "€%{y:,.2f}M"


def _percent_axis(fig: go.Figure, lang: str, **where) -> None:
    fig.update_yaxes(ticksuffix="\u202f%" if lang == "fr" else "%", **where)


# ---- valorisation ------------------------------------------------------------------------------------------

FUNNEL_STAGES = (
    ("val_projects_detected", "stage_detected"),
    ("val_invention_disclosures", "stage_disclosed"),
    ("val_maturation_projects", "stage_maturation"),
    ("val_licences", "stage_licences"),
    ("val_startups_created", "stage_startups"),
)


def valorisation_funnel(counts: pd.DataFrame, lang: str) -> go.Figure:
    """The valorisation funnel (detected → disclosed → maturation → licence / start-up), one bar per series.

    ``counts``: columns ``kpi_id``, ``series`` (display label, e.g. ``2021-2023``) and ``value``. The last series
    is the report's (accent colour), the others are references (grey). Null values leave a gap, never a 0.
    """
    series = list(dict.fromkeys(counts["series"]))
    fig = go.Figure()
    stages = [text(key, lang) for _, key in FUNNEL_STAGES]
    for i, name in enumerate(series):
        rows = counts[counts["series"] == name]
        by_kpi = dict(zip(rows["kpi_id"], rows["value"], strict=False))
        values = [None if pd.isna(by_kpi.get(k)) else by_kpi[k] for k, _ in FUNNEL_STAGES]
        is_report = i == len(series) - 1
        fig.add_trace(go.Bar(
            y=stages, x=values, orientation="h", name=plotly_text(name),
            marker_color=ACCENT if is_report else (REFERENCE_GREY if i == 0 else "#8c96a8"),
            text=[format_value(v, "count", lang) if v is not None else "" for v in values],
            textposition="outside", cliponaxis=False, textfont=dict(size=11),
            hovertemplate="%{y}: %{x}<extra>" + plotly_text(name) + "</extra>",
        ))
    title = text("chart_funnel", lang, scope=series[-1] if series else "", reference=series[0] if series else "")
    _finish(fig, title, lang, height=110 + len(FUNNEL_STAGES) * len(series) * 17)
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed", showgrid=False, zeroline=False, ticks="", rangemode="normal",
                     ticksuffix="\u2002")
    fig.update_xaxes(showgrid=True, gridcolor="#e6e9ee", title_text=text("axis_projects", lang), rangemode="tozero")
    if all(trace.x is None or all(v is None for v in trace.x) for trace in fig.data):
        return _no_data(fig, lang)
    return fig


def _money_stacks(fig: go.Figure, df: pd.DataFrame, date_column: str, code_column: str, colours: dict[str, str],
                  years: Sequence[int], lang: str, groups: dict[str, tuple[str, str]] | None = None) -> None:
    """Add one bar per code of ``colours`` (in that order) with its yearly sums of ``amount_eur`` in M€.

    ``groups`` (code -> (group, label)) stacks several codes as one bar, ``colours`` then being keyed by group.
    """
    df = df[_in_years(df[date_column], years)]
    codes = _codes(df[code_column], "other")
    labels = {}
    if groups is not None:
        labels = {group: label for group, label in groups.values()}
        codes = codes.map(lambda c: groups[c][0] if c in groups else c)
    df = df.assign(year=df[date_column].dt.year, code=codes)
    totals = df.groupby(["code", "year"])["amount_eur"].sum()
    year_totals = df.groupby("year")["amount_eur"].sum()
    for code, colour in colours.items():
        if code not in totals.index.get_level_values(0):
            continue
        by_year = totals.loc[code]
        label = labels.get(code) or code_label(code_column, code, lang)
        fig.add_trace(go.Bar(
            x=list(years), y=[by_year.get(y, 0.0) / 1e6 for y in years], name=label, marker_color=colour,
            hovertemplate=_money_hover(lang) + "<extra>" + label + " %{x}</extra>",
        ))
    if fig.data:
        _totals(fig, years, [year_totals.get(y, 0.0) / 1e6 for y in years], lang)


def funding_by_funder(funding: pd.DataFrame, years: Sequence[int], lang: str,
                      highlight: tuple[int, int] | None = None, partnership: Partnership | None = None) -> go.Figure:
    """Funding decided per year (``decision_date``), stacked by the partnership's funder groups (at most six, in
    the partnership's order: the first at the bottom of each stack), in millions of euros."""
    groups = _partnership(partnership).funder_groups
    fig = go.Figure()
    members = {funder: (g.id, g.label[lang]) for g in groups for funder in g.funders}
    _money_stacks(fig, funding, "decision_date", "funder", {g.id: g.colour for g in groups}, years, lang,
                  groups=members)
    _finish(fig, text("chart_funding", lang), lang, height=275)
    fig.update_layout(barmode="stack", margin_t=40,
                      legend=dict(orientation="v", x=1.02, xanchor="left", y=1, yanchor="top"))
    _year_axis(fig, years, lang, highlight)
    fig.update_yaxes(title_text=text("axis_meur", lang), tickformat=",.1f")
    _headroom(fig)
    if not fig.data:
        return _no_data(fig, lang)
    return fig


def _headroom(fig: go.Figure, factor: float = 1.15, **where) -> None:
    """Room above the tallest bar for its total (of the subplot ``where`` names, when given)."""
    axis = "y" if not where or where.get("col", 1) == 1 else f"y{where['col']}"
    tops = [max((v for v in trace.y if v is not None), default=0) for trace in fig.data
            if trace.type == "scatter" and trace.mode == "text" and (not where or trace.yaxis == axis)]
    if tops and max(tops) > 0:
        fig.update_yaxes(range=[0, max(tops) * factor], **where)


# ---- start-ups ---------------------------------------------------------------------------------------------

def startup_rounds_by_year(rounds: pd.DataFrame, years: Sequence[int], lang: str,
                           highlight: tuple[int, int] | None = None) -> go.Figure:
    """Funds raised by start-ups per year (``round_date``), stacked by round type, in millions of euros."""
    fig = go.Figure()
    _money_stacks(fig, rounds, "round_date", "round_type", ROUND_COLOURS, years, lang)
    _finish(fig, text("chart_startup_rounds", lang), lang, height=225)
    fig.update_layout(barmode="stack")
    _year_axis(fig, years, lang, highlight)
    fig.update_yaxes(title_text=text("axis_meur", lang), tickformat=",.1f")
    _headroom(fig)
    if not fig.data:
        return _no_data(fig, lang)
    return fig


def startup_funds(startups: pd.DataFrame, rounds: pd.DataFrame, lang: str, *, period: str,
                  end: dt.date) -> go.Figure:
    """Funds raised by each start-up of ``startups`` up to ``end``, stacked by round type (largest first).

    Start-up names are data: they are shown as written, never read as markup.
    """
    ids = list(startups["startup_id"])
    names = dict(zip(startups["startup_id"], startups["name"], strict=False))
    df = rounds[rounds["startup_id"].isin(ids) & (rounds["round_date"] <= pd.Timestamp(end))]
    df = df.assign(round_type=_codes(df["round_type"], "other"))
    totals = df.groupby("startup_id")["amount_eur"].sum().reindex(ids, fill_value=0.0)
    order = list(totals.sort_values(ascending=False).index[:MAX_STARTUP_BARS])
    labels = [plotly_text(names[i]) for i in order]
    by_kind = df.groupby(["round_type", "startup_id"])["amount_eur"].sum()
    fig = go.Figure()
    for kind, colour in ROUND_COLOURS.items():
        if kind not in by_kind.index.get_level_values(0):
            continue
        amounts = by_kind.loc[kind]
        label = code_label("round_type", kind, lang)
        fig.add_trace(go.Bar(
            y=labels, x=[amounts.get(i, 0.0) / 1e6 for i in order], orientation="h", name=label,
            marker_color=colour, hovertemplate=_money_hover(lang).replace("y:", "x:") + "<extra>%{y}</extra>",
        ))
    height = 100 + 20 * max(len(order), 3)
    _finish(fig, text("chart_startup_funds", lang, period=period), lang, height=height)
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed", showgrid=False, zeroline=False, ticks="", rangemode="normal",
                     type="category", ticksuffix="\u2002")
    fig.update_xaxes(showgrid=True, gridcolor="#e6e9ee", title_text=text("axis_meur", lang), tickformat=",.1f")
    if not fig.data:
        return _no_data(fig, lang)
    return fig


# ---- training and events -----------------------------------------------------------------------------------

def events_by_organiser(events: pd.DataFrame, years: Sequence[int], lang: str,
                        highlight: tuple[int, int] | None = None, partnership: Partnership | None = None) -> go.Figure:
    """Events (left) and attendees (right) per year, stacked by organiser: each partner, then joint events, in the
    partnership's names and colours."""
    partnership = _partnership(partnership)
    df = events[_in_years(events["event_date"], years)]
    df = df.assign(year=df["event_date"].dt.year, organiser=_codes(df["organiser"], ""))
    counts = df.groupby(["organiser", "year"]).size()
    attendees = df.groupby(["organiser", "year"])["attendees"].sum()
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.13)
    drawn = False
    for organiser, colour in partnership.colours().items():
        if organiser not in counts.index.get_level_values(0):
            continue
        label = code_label("organiser", organiser, lang, partnership)
        for col, table in ((1, counts), (2, attendees)):
            by_year = table.loc[organiser]
            fig.add_trace(go.Bar(
                x=list(years), y=[int(by_year.get(y, 0)) for y in years], name=label, marker_color=colour,
                legendgroup=organiser, showlegend=col == 1,
                hovertemplate="%{y:,}<extra>" + label + " %{x}</extra>",
            ), row=1, col=col)
            drawn = True
    _finish(fig, text("chart_events", lang), lang, height=270)
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title_text=text("axis_events", lang), row=1, col=1)
    fig.update_yaxes(title_text=text("axis_attendees", lang), row=1, col=2)
    for col, column in ((1, None), (2, "attendees")):
        _year_axis(fig, years, lang, highlight, row=1, col=col)
        if drawn:
            by_year = df.groupby("year").size() if column is None else df.groupby("year")[column].sum()
            _totals(fig, years, [int(by_year.get(y, 0)) for y in years], lang, unit="count", row=1, col=col)
            _headroom(fig, row=1, col=col)
    fig.update_xaxes(title_text=None, tickangle=0)
    if not drawn:
        return _no_data(fig, lang)
    return fig


def training_quality(history: pd.DataFrame, years: Sequence[int], lang: str,
                     highlight: tuple[int, int] | None = None, scored: dict[int, tuple[int, int]] | None = None
                     ) -> go.Figure:
    """Mean satisfaction (1-5) per year, from the KPI history; ``scored`` (year -> (events scored, events held))
    writes under each year how many events the mean rests on."""
    satisfaction = _values(history, "trn_satisfaction", years)
    fig = go.Figure(go.Scatter(
        x=list(years), y=satisfaction, mode="lines+markers+text", name=text("series_satisfaction", lang),
        line=dict(color=ACCENT, width=2.5), marker=dict(size=8), connectgaps=False,
        text=[format_value(v, "score", lang) if v is not None else "" for v in satisfaction],
        textposition="top center", textfont=dict(size=10), cliponaxis=False,
        hovertemplate="%{y:.2f}<extra>%{x}</extra>",
    ))
    _finish(fig, text("chart_training_quality", lang), lang, height=220)
    fig.update_layout(showlegend=False, margin_t=48)
    fig.update_yaxes(range=[1, 5.4], rangemode="normal", dtick=1, title_text=text("axis_score", lang))
    _year_axis(fig, years, lang, highlight)
    if scored:
        _tick_notes(fig, years, highlight, {y: text("scored_tick", lang, scored=n, events=m)
                                            for y, (n, m) in scored.items()})
    if all(v is None for v in satisfaction):
        return _no_data(fig, lang)
    return fig


def _tick_notes(fig: go.Figure, years: Sequence[int], highlight, notes: dict[int, str]) -> None:
    """A second line under each year's tick (counts the year's value rests on), smaller and muted."""
    first, last = highlight or (None, None)
    ticks = []
    for y in years:
        label = f"<b>{y}</b>" if highlight and first <= y <= last else str(y)
        note = notes.get(y)
        ticks.append(label + (f"<br><span style='font-size:9px;color:{MUTED}'>{plotly_text(note)}</span>"
                              if note else ""))
    fig.update_xaxes(ticktext=ticks, title_text=None)  # the years speak for themselves; the notes need the room


# ---- EU proposals ------------------------------------------------------------------------------------------

def eu_counts(history: pd.DataFrame, years: Sequence[int], lang: str,
              highlight: tuple[int, int] | None = None) -> go.Figure:
    """EU proposals submitted and funded per year (the KPIs ``eu_proposals_submitted`` and ``_funded``)."""
    fig = go.Figure()
    for kpi_id, key, colour in (("eu_proposals_submitted", "series_submitted", "#9ec3e6"),
                                ("eu_proposals_funded", "series_funded", ACCENT)):
        values = _values(history, kpi_id, years)
        fig.add_trace(go.Bar(
            x=list(years), y=values, name=text(key, lang), marker_color=colour,
            text=[format_value(v, "count", lang) if v is not None else "" for v in values],
            textposition="outside", cliponaxis=False, textfont=dict(size=10),
            hovertemplate="%{y}<extra>" + text(key, lang) + " %{x}</extra>",
        ))
    _finish(fig, text("chart_eu_counts", lang), lang, height=220)
    fig.update_layout(barmode="group")
    _year_axis(fig, years, lang, highlight)
    fig.update_yaxes(title_text=text("axis_proposals", lang))
    if all(v is None for trace in fig.data for v in trace.y):
        return _no_data(fig, lang)
    return fig


def eu_success_rate(history: pd.DataFrame, years: Sequence[int], lang: str,
                    highlight: tuple[int, int] | None = None, partnership: Partnership | None = None,
                    outcomes: dict | None = None) -> go.Figure:
    """The EU success rate per year against the partnership's benchmark for it, when there is one (a dashed line
    over the years it applies to, named in the right margin with its year and value; its source goes under the
    chart: see :func:`benchmark_source`). ``outcomes`` (year -> :class:`~partnership_metrics.kpis.stats.Outcomes`) adds each year's 95 % Wilson interval
    as an error bar and "funded/decided (+ pending)" under the year."""
    benchmark = _partnership(partnership).benchmark("eu_success_rate")
    rates = _values(history, "eu_success_rate", years)
    points = [None if v is None else v * 100 for v in rates]
    outcomes = outcomes or {}
    low, high = [], []
    for year, point in zip(years, points, strict=False):
        found = outcomes.get(year)
        interval = found.interval if found is not None and point is not None else None
        low.append(0 if interval is None else point - interval[0] * 100)
        high.append(0 if interval is None else interval[1] * 100 - point)
    shown_interval = any(low) or any(high)
    fig = go.Figure(go.Scatter(
        x=list(years), y=points, mode="lines+markers", name=text("series_rate", lang),
        line=dict(color=ACCENT, width=2.5), marker=dict(size=8), connectgaps=False,
        error_y=dict(type="data", symmetric=False, array=high, arrayminus=low, color=MUTED, thickness=1.2,
                     width=4, visible=shown_interval),
        hovertemplate=("%{y:.1f}\u202f%" if lang == "fr" else "%{y:.1f}%") + "<extra>%{x}</extra>",
    ))
    for year, rate, point in zip(years, rates, points, strict=False):  # beside each point, on white: clear of the lines
        if point is not None:
            fig.add_annotation(x=year, y=point, text=format_value(rate, "share", lang), showarrow=False,
                               xanchor="left", xshift=6, yanchor="bottom", yshift=3, font=dict(size=10, color=INK),
                               bgcolor="rgba(255,255,255,0.85)", borderpad=1)
    right = 20
    if benchmark is not None:
        reference = "<br>".join(plotly_text(part) for part in text(
            "benchmark_tag", lang, year=benchmark.year, rate=format_value(benchmark.value, "share", lang)).split("|"))
        start = min(years) - 0.5 if benchmark.applies_from is None else max(benchmark.applies_from, min(years)) - 0.5
        fig.add_shape(type="line", xref="x", x0=start, x1=max(years) + 0.5, y0=benchmark.value * 100,
                      y1=benchmark.value * 100, line=dict(color=BENCHMARK_INK, width=1.5, dash="dash"))
        fig.add_annotation(x=1, xref="paper", xanchor="left", xshift=6, y=benchmark.value * 100, yanchor="middle",
                           text=reference, showarrow=False, align="left", font=dict(size=10, color=BENCHMARK_INK))
        right = 118
        title = text("chart_eu_rate", lang, year=benchmark.year)
    else:
        title = text("chart_eu_rate_plain", lang)
    _finish(fig, title, lang, height=250)
    fig.update_layout(showlegend=False, margin_t=48, margin_r=right)
    _year_axis(fig, years, lang, highlight)
    notes = {}
    for year in years:
        found = outcomes.get(year)
        if found is not None and found.decided + found.pending:
            key = "rate_detail_pending" if found.pending else "rate_detail"
            notes[year] = text(key, lang, funded=found.funded, decided=found.decided, pending=found.pending)
    if notes:
        _tick_notes(fig, years, highlight, notes)
    tops = [p + h for p, h in zip(points, high, strict=False) if p is not None]
    top = max(tops + ([benchmark.value * 100] if benchmark else []) + [0])
    fig.update_yaxes(title_text=text("axis_rate", lang), range=[0, min(100, top * 1.1 + 3)])
    _percent_axis(fig, lang)
    if all(v is None for v in rates):
        return _no_data(fig, lang)
    return fig


# ---- synergies and funding optimisation --------------------------------------------------------------------

def synergy_trend(history: pd.DataFrame, years: Sequence[int], lang: str,
                  highlight: tuple[int, int] | None = None, partnership: Partnership | None = None) -> go.Figure:
    """Joint sourcing, co-supported projects and joint events as shares per year, with the partnership's
    signature (a dashed line at its date)."""
    partnership = _partnership(partnership)
    fig = go.Figure()
    for kpi_id, colour in SYNERGY_COLOURS.items():
        colour = colour or partnership.joint_colour
        values = _values(history, kpi_id, years)
        label = code_label("synergy", kpi_id, lang)
        fig.add_trace(go.Scatter(
            x=list(years), y=[None if v is None else v * 100 for v in values], name=label,
            mode="lines+markers", line=dict(color=colour, width=2.5), marker=dict(size=8), connectgaps=False,
            hovertemplate=("%{y:.1f}\u202f%" if lang == "fr" else "%{y:.1f}%") + "<extra>" + label
                          + " %{x}</extra>",
        ))
    _finish(fig, text("chart_synergy", lang), lang, height=300)
    _year_axis(fig, years, lang, highlight)
    fig.update_yaxes(title_text=text("axis_share", lang), range=[0, 100])
    _percent_axis(fig, lang)
    if all(v is None for trace in fig.data for v in trace.y):
        return _no_data(fig, lang)
    _signed_line(fig, years, lang, partnership.signed)
    return fig


def leverage(history: pd.DataFrame, years: Sequence[int], lang: str,
             highlight: tuple[int, int] | None = None, partnership: Partnership | None = None) -> go.Figure:
    """Partnership funding against the external funding it leveraged, per year, with each year's ratio."""
    partners = " + ".join(p.short[lang] for p in _partnership(partnership).partners)
    own = _values(history, "fun_partnership_eur", years)
    external = _values(history, "fun_external_eur", years)
    ratios = _values(history, "fun_leverage_ratio", years)
    fig = go.Figure()
    for values, name, colour in ((own, text("series_partnership_funding", lang, partners=plotly_text(partners)),
                                  ACCENT),
                                 (external, text("series_external_funding", lang), "#CC79A7")):
        fig.add_trace(go.Bar(
            x=list(years), y=[None if v is None else v / 1e6 for v in values], name=name,
            marker_color=colour, hovertemplate=_money_hover(lang) + "<extra>%{x}</extra>",
        ))
    tops = [max([v for v in (p, e) if v is not None], default=None) for p, e in zip(own, external, strict=False)]
    for year, ratio, top in zip(years, ratios, tops, strict=False):
        if ratio is None or top is None:
            continue
        fig.add_annotation(x=year, y=top / 1e6, yshift=4, yanchor="bottom", showarrow=False,
                           text=text("series_leverage", lang, ratio=format_value(ratio, "ratio", lang)),
                           font=dict(size=10, color=MUTED))
    _finish(fig, text("chart_leverage", lang), lang, height=285)
    fig.update_layout(barmode="group")
    _year_axis(fig, years, lang, highlight)
    fig.update_yaxes(title_text=text("axis_meur", lang), tickformat=",.1f")
    if all(v is None for v in own + external):
        return _no_data(fig, lang)
    return fig


def cofunding(history: pd.DataFrame, years: Sequence[int], lang: str,
              highlight: tuple[int, int] | None = None, partnership: Partnership | None = None) -> go.Figure:
    """Projects co-funded by both partners and coordination gaps (co-funded, not co-supported) per year."""
    fig = go.Figure()
    joint = _partnership(partnership).joint_colour
    for kpi_id, key, colour in (("syn_co_funded_projects", "series_cofunded", joint),
                                ("fun_coordination_gaps", "series_gaps", GAPS_COLOUR)):
        values = _values(history, kpi_id, years)
        fig.add_trace(go.Bar(
            x=list(years), y=values, name=text(key, lang), marker_color=colour,
            text=[format_value(v, "count", lang) if v is not None else "" for v in values],
            textposition="outside", cliponaxis=False, textfont=dict(size=10),
            hovertemplate="%{y}<extra>" + text(key, lang) + " %{x}</extra>",
        ))
    _finish(fig, text("chart_cofunding", lang), lang, height=260)
    fig.update_layout(barmode="group")
    _year_axis(fig, years, lang, highlight)
    fig.update_yaxes(title_text=text("axis_projects", lang), dtick=None)
    if all(v is None for trace in fig.data for v in trace.y):
        return _no_data(fig, lang)
    return fig
