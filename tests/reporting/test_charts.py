"""The report charts: each builds from a small fixture, is titled, themed, localised, and shows data as text."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from partnership_metrics.partnership import default_partnership
from partnership_metrics.reporting import charts
from partnership_metrics.reporting.html import figure_html, plotly_js

HOSTILE = "<script>alert(1)</script>"
YEARS = [2019, 2020, 2021, 2022, 2023]


def _dates(*values):
    return pd.to_datetime(pd.Series(values, dtype="object")).astype("datetime64[ms]")


def _codes(values, codes):
    return pd.Series(pd.Categorical(values, categories=codes))


@pytest.fixture
def funding() -> pd.DataFrame:
    funders = ["inserm_transfert", "canceropole_paca", "region_sud", "anr", "eu"]
    return pd.DataFrame({
        "funding_id": ["F1", "F2", "F3", "F4", "F5", "F6"],
        "project_id": ["P1", "P1", "P2", None, "P3", "P3"],
        "funder": _codes(["inserm_transfert", "canceropole_paca", "region_sud", "canceropole_paca", "anr", "eu"],
                         funders),
        "instrument": ["maturation", "grant", "grant", "other", "grant", "grant"],
        "amount_eur": [150_000.0, 80_000.0, 1_500_000.0, 20_000.0, 300_000.0, 2_000_000.0],
        "decision_date": _dates("2021-04-15", "2021-05-20", "2022-06-30", "2023-01-10", "2019-03-01",
                                "2016-01-01"),
    })


@pytest.fixture
def events() -> pd.DataFrame:
    return pd.DataFrame({
        "event_id": ["E1", "E2", "E3", "E4"],
        "event_date": _dates("2020-05-12", "2021-10-03", "2021-11-03", "2023-02-01"),
        "organiser": _codes(["cpp", "it", "joint", "joint"], ["cpp", "it", "joint"]),
        "attendees": pd.Series([35, 50, 12, 40], dtype="Int64"),
        "satisfaction": [4.2, np.nan, 4.0, 3.5],
    })


@pytest.fixture
def startups() -> pd.DataFrame:
    return pd.DataFrame({
        "startup_id": ["S1", "S2", "S3"],
        "name": ["Alpha <b>Bold</b> & Co", HOSTILE, "Gamma"],
        "creation_date": _dates("2021-09-01", "2023-03-01", "2022-01-01"),
    })


@pytest.fixture
def rounds() -> pd.DataFrame:
    return pd.DataFrame({
        "startup_id": ["S1", "S1", "S2", "S3"],
        "round_date": _dates("2021-10-01", "2023-06-01", "2023-09-01", "2024-02-01"),
        "amount_eur": [500_000.0, 2_000_000.0, 1_000_000.0, 9_000_000.0],
        "round_type": _codes(["seed", "series_a", "seed", "seed"], list(charts.ROUND_COLOURS)),
    })


@pytest.fixture
def history() -> pd.DataFrame:
    values = {
        "trn_satisfaction": [4.1, 3.8, 4.4, np.nan, 4.0],
        "trn_units_reached": [10, 12, 9, 14, 15],
        "eu_proposals_submitted": [11, 12, 11, 7, 14],
        "eu_proposals_funded": [2, 2, 2, 1, 3],
        "eu_success_rate": [0.2, 0.18, np.nan, 0.143, 0.214],
        "syn_joint_sourcing_share": [0.02, 0.05, 0.30, 0.35, 0.40],
        "syn_co_supported_share": [0.10, 0.12, 0.40, np.nan, 0.45],
        "syn_joint_event_share": [0.08, 0.10, 0.33, 0.50, 0.58],
        "syn_co_funded_projects": [1, 2, 4, 4, 6],
        "fun_partnership_eur": [1.2e6, 1.4e6, 1.4e6, 1.1e6, 1.9e6],
        "fun_external_eur": [1.3e6, 1.5e6, 3.1e6, 7.2e6, 8.1e6],
        "fun_leverage_ratio": [1.08, 1.07, 2.21, 6.55, 4.26],
        "fun_coordination_gaps": [0, 2, 0, 1, 0],
    }
    rows = [(k, y, float(v)) for k, vs in values.items() for y, v in zip(YEARS, vs, strict=False)]
    return pd.DataFrame(rows, columns=["kpi_id", "year", "value"])


@pytest.fixture
def funnel_counts() -> pd.DataFrame:
    rows = []
    for series, values in (("2018-2020", [83, 54, 16, 14, 6]), ("2021-2023", [105, 56, 14, 16, np.nan])):
        rows += [(kpi_id, series, v) for (kpi_id, _), v in zip(charts.FUNNEL_STAGES, values, strict=False)]
    return pd.DataFrame(rows, columns=["kpi_id", "series", "value"])


def _all_charts(lang, funding, events, startups, rounds, history, funnel_counts) -> dict[str, go.Figure]:
    span = (2021, 2023)
    return {
        "funnel": charts.valorisation_funnel(funnel_counts, lang),
        "funding": charts.funding_by_funder(funding, YEARS, lang, span),
        "rounds": charts.startup_rounds_by_year(rounds, YEARS, lang, span),
        "startup_funds": charts.startup_funds(startups, rounds, lang, period="2021-2023", end=dt.date(2023, 12, 31)),
        "events": charts.events_by_organiser(events, YEARS, lang, span),
        "training": charts.training_quality(history, YEARS, lang, span),
        "eu_counts": charts.eu_counts(history, YEARS, lang, span),
        "eu_rate": charts.eu_success_rate(history, YEARS, lang, span),
        "synergy": charts.synergy_trend(history, YEARS, lang, span),
        "leverage": charts.leverage(history, YEARS, lang, span),
        "cofunding": charts.cofunding(history, YEARS, lang, span),
    }


@pytest.fixture(params=["fr", "en"])
def built(request, funding, events, startups, rounds, history, funnel_counts):
    lang = request.param
    return lang, _all_charts(lang, funding, events, startups, rounds, history, funnel_counts)


def test_every_chart_is_titled_themed_and_fits_the_printed_page(built):
    lang, figs = built
    titles = set()
    for name, fig in figs.items():
        assert isinstance(fig, go.Figure), name
        title = fig.layout.title.text
        assert title and len(title) > 15, name
        titles.add(title)
        assert fig.layout.template.layout.font.family == charts.FONT, name
        assert fig.layout.width is None and fig.layout.autosize, name  # the container's width: full on screen
        assert charts.WIDTH == 680  # the narrowest it is drawn: the printable width of A4
        assert 150 <= fig.layout.height <= 600, name
        assert fig.layout.separators == charts.SEPARATORS[lang], name
        assert fig.layout.dragmode is False or fig.layout.template.layout.dragmode is False, name
        assert fig.data, f"{name} has no trace"
    assert len(titles) == len(figs), "two charts share a title"


def test_titles_and_axes_are_in_the_report_language(funding, events, startups, rounds, history, funnel_counts):
    fr = _all_charts("fr", funding, events, startups, rounds, history, funnel_counts)
    en = _all_charts("en", funding, events, startups, rounds, history, funnel_counts)
    assert fr["events"].layout.title.text == "Événements et participants par an, par organisateur"
    assert en["events"].layout.title.text == "Events and attendees per year, by organiser"
    assert fr["funding"].layout.yaxis.title.text == "Millions d’euros"
    assert en["funding"].layout.yaxis.title.text == "EUR millions"
    assert [t.name for t in fr["events"].data if t.showlegend] == ["CanceroPôle PACA", "Inserm Transfert", "Conjoint"]
    assert [t.name for t in en["events"].data if t.showlegend] == ["CanceroPôle PACA", "Inserm Transfert", "Joint"]


def test_french_charts_use_a_decimal_comma_and_thin_space_thousands(funding):
    fig = charts.funding_by_funder(funding, YEARS, "fr")
    assert fig.layout.separators == ",\u202f"
    assert charts.funding_by_funder(funding, YEARS, "en").layout.separators == ".,"
    # the hover of money says M€ after the number in French
    assert "M€" in fig.data[0].hovertemplate and "%{y:,.2f}" in fig.data[0].hovertemplate


def test_partners_keep_their_colours_in_every_chart(funding, events):
    partnership = default_partnership()
    colours_of = partnership.colours()  # partnership.yaml: cpp, it and joint
    fig = charts.events_by_organiser(events, YEARS, "fr")
    by_group = {t.legendgroup: t.marker.color for t in fig.data if t.type == "bar"}
    assert by_group == colours_of
    fig = charts.funding_by_funder(funding, YEARS, "en")
    colours = {t.name: t.marker.color for t in fig.data}
    assert colours["CanceroPôle PACA"] == colours_of["cpp"]
    assert colours["Inserm Transfert"] == colours_of["it"]
    assert len(set(colours.values())) == len(colours), "two funder groups share a colour"
    assert len(fig.data) <= len(partnership.funder_groups) <= 6


def test_stacked_amounts_are_the_sums_per_year_and_funder_in_millions(funding):
    fig = charts.funding_by_funder(funding, YEARS, "fr")
    traces = {t.name: list(t.y) for t in fig.data}
    assert list(fig.data[0].x) == YEARS
    assert traces["CanceroPôle PACA"] == [0, 0, 0.08, 0, 0.02]
    assert traces["Région Sud et SATT Sud-Est"] == [0, 0, 0, 1.5, 0]  # the funder groups of partnership.yaml
    assert traces["Bpifrance, ANR et INCa"] == [0.3, 0, 0, 0, 0]
    assert "Union européenne" not in traces  # decided in 2016, outside the years drawn
    assert list(traces)[:2] == ["CanceroPôle PACA", "Inserm Transfert"]  # the partners at the bottom of each stack


def test_events_chart_counts_events_and_attendees_per_organiser(events):
    fig = charts.events_by_organiser(events, YEARS, "en")
    counts = {(t.legendgroup, t.xaxis): list(t.y) for t in fig.data}
    assert counts[("joint", "x")] == [0, 0, 1, 0, 1]
    assert counts[("joint", "x2")] == [0, 0, 12, 0, 40]
    assert counts[("cpp", "x2")] == [0, 35, 0, 0, 0]


def test_events_chart_shows_each_year_s_totals_with_room_above(events):
    fig = charts.events_by_organiser(events, YEARS, "fr")
    totals = {t.yaxis: t for t in fig.data if t.type == "scatter" and t.mode == "text"}
    assert list(totals["y"].y) == [0, 1, 2, 0, 1] and list(totals["y2"].y) == [0, 35, 62, 0, 40]
    assert [t for t in totals["y2"].text if t] == ["35", "62", "40"]  # nothing over an empty year
    assert fig.layout.yaxis.range[1] > 2 and fig.layout.yaxis2.range[1] > 62  # the totals above the bars, in frame
    assert all(t.showlegend is False for t in totals.values())


def test_a_hostile_start_up_name_is_shown_as_text(startups, rounds):
    fig = charts.startup_funds(startups, rounds, "fr", period="2021-2023", end=dt.date(2023, 12, 31))
    labels = {label for trace in fig.data for label in trace.y}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in labels
    assert "Alpha &lt;b&gt;Bold&lt;/b&gt; &amp; Co" in labels
    assert not any("<" in label for label in labels)
    # the round of 2024 is after the end of the period: Gamma raised nothing by then
    totals = {label: sum(t.x[list(t.y).index(label)] for t in fig.data) for label in labels}
    assert totals["Gamma"] == 0
    assert totals["Alpha &lt;b&gt;Bold&lt;/b&gt; &amp; Co"] == pytest.approx(2.5)
    # largest first
    assert list(fig.data[0].y)[0] == "Alpha &lt;b&gt;Bold&lt;/b&gt; &amp; Co"


def test_plotly_text_escapes_markup():
    assert charts.plotly_text("<b>x</b> & <br>") == "&lt;b&gt;x&lt;/b&gt; &amp; &lt;br&gt;"
    assert charts.plotly_text(42) == "42"


def test_eu_rate_draws_the_partnerships_benchmark_with_its_year(history):
    from dataclasses import replace

    fig = charts.eu_success_rate(history, YEARS, "fr")
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert any(s.y0 == s.y1 == pytest.approx(15.9) for s in lines)
    # "repère", never "référence": in French that word is the baseline 2018-2020
    assert any(a.text == "Repère 2023<br>15,9\u00a0%" and a.xref == "paper" and a.x == 1
               for a in fig.layout.annotations)  # in the right margin: no point label can collide with it
    assert fig.layout.title.text == "Taux de succès européen par an (financées sur décidées), comparé au repère 2023"
    # partnership.yaml: Horizon Europe applies from 2021 on; 2019-2020 were Horizon 2020 calls, left without the line
    line = next(s for s in lines if s.y0 == pytest.approx(15.9))
    assert line.xref == "x" and line.x0 == 2020.5 and line.x1 == 2023.5
    assert all(s.line.color == charts.BENCHMARK_INK for s in lines)  # not a status colour
    partnership = default_partnership()
    other = replace(partnership, benchmarks=(replace(partnership.benchmarks[0], value=0.2, year=2024,
                                                                       applies_from=None),))
    fig = charts.eu_success_rate(history, YEARS, "en", partnership=other)
    assert any(a.text == "2024 benchmark<br>20.0%" for a in fig.layout.annotations)
    line = next(s for s in fig.layout.shapes if s.type == "line")
    assert line.x0 == 2018.5 and line.x1 == 2023.5  # a benchmark without applies_from: every year
    none = charts.eu_success_rate(history, YEARS, "en", partnership=replace(partnership, benchmarks=()))
    assert not [s for s in none.layout.shapes if s.type == "line"]
    assert none.layout.title.text == "EU success rate per year (funded out of decided)"
    fig = charts.eu_success_rate(history, YEARS, "fr")
    points = list(fig.data[0].y)
    assert points[2] is None and points[0] == pytest.approx(20.0)  # a null rate is a gap, never 0
    assert fig.layout.yaxis.ticksuffix == "\u202f%"
    assert charts.eu_success_rate(history, YEARS, "en").layout.yaxis.ticksuffix == "%"


def test_synergy_trend_marks_the_signature_and_leaves_gaps_for_nulls(history):
    fig = charts.synergy_trend(history, YEARS, "en", (2021, 2023))
    vlines = [s for s in fig.layout.shapes if s.type == "line" and s.x0 == s.x1]
    assert len(vlines) == 1 and 2020.9 < vlines[0].x0 < 2021
    assert any("Partnership signed" in a.text and "10 December 2020" in a.text for a in fig.layout.annotations)
    co_support = next(t for t in fig.data if t.name == "co-support")
    assert list(co_support.y)[3] is None
    assert list(co_support.y)[4] == pytest.approx(45.0)
    assert next(t for t in fig.data if t.name == "joint events").line.color == default_partnership().joint_colour


def test_report_years_are_shaded_and_bold(history):
    fig = charts.eu_counts(history, YEARS, "fr", (2023, 2023))
    assert list(fig.layout.xaxis.ticktext) == ["2019", "2020", "2021", "2022", "<b>2023</b>"]
    bands = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(bands) == 1 and (bands[0].x0, bands[0].x1) == (2022.5, 2023.5)


def test_a_chart_without_data_says_so_instead_of_drawing_zeros(funding, history):
    fig = charts.funding_by_funder(funding, [2010, 2011], "fr")
    assert not fig.data
    assert [a.text for a in fig.layout.annotations] == ["Aucune donnée pour ces années"]
    empty = history.assign(value=np.nan)
    fig = charts.eu_success_rate(empty, YEARS, "en")
    assert "No data for these years" in [a.text for a in fig.layout.annotations]


def test_leverage_annotates_each_years_ratio_in_the_locale(history):
    fig = charts.leverage(history, YEARS, "fr")
    texts = [a.text for a in fig.layout.annotations]
    assert "levier ×6,55" in texts and len(texts) == len(YEARS)


@pytest.mark.slow
def test_a_hostile_label_renders_as_text_in_a_real_browser(tmp_path, startups, rounds):
    from partnership_metrics.reporting.browser import Browser  # no Chromium: Browser() fails saying how to install it

    fig = charts.startup_funds(startups, rounds, "en", period="2021-2023", end=dt.date(2023, 12, 31))
    page = tmp_path / "chart.html"
    page.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><script>{plotly_js()}</script></head>"
                    f"<body>{figure_html(fig)}</body></html>", encoding="utf-8")
    with Browser() as browser:
        check = browser.inspect(page)
    assert check.charts_drawn == 1 and not check.dialogs and not check.console_errors
    assert HOSTILE in check.text
    assert "Alpha <b>Bold</b> & Co" in check.text
    assert "width" not in json.loads(fig.to_json())["layout"]  # the page's width, whatever it is


def test_a_round_without_type_counts_as_other(rounds):
    rounds = rounds.copy()
    rounds["round_type"] = pd.Series(pd.Categorical([None, "series_a", "seed", "seed"],
                                                    categories=list(charts.ROUND_COLOURS)))
    fig = charts.startup_rounds_by_year(rounds, YEARS, "en")
    by_name = {t.name: list(t.y) for t in fig.data if t.type == "bar"}
    assert by_name["Other"] == [0, 0, 0.5, 0, 0]
    assert sum(sum(v) for v in by_name.values()) == pytest.approx(3.5)  # 2024 is outside the years
    totals = next(t for t in fig.data if t.type == "scatter" and t.mode == "text")  # each stack's total, above it
    assert list(totals.y) == pytest.approx([sum(v[i] for v in by_name.values()) for i in range(len(YEARS))])
    assert [t for t in totals.text if t] == ["0.5", "3.0"] and totals.showlegend is False


def test_stacked_totals_are_rounded_not_truncated(rounds):
    """3 861 000 € reads 3,9 (not 3,8), 4 250 000 € reads 4,3 (half up), as the tables beside the chart."""
    amounts = pd.DataFrame({
        "startup_id": ["S1", "S2", "S3"],
        "round_date": _dates("2021-10-01", "2022-06-01", "2023-09-01"),
        "amount_eur": [3_861_000.0, 1_081_000.0, 4_250_000.0],
        "round_type": _codes(["seed", "seed", "seed"], list(charts.ROUND_COLOURS)),
    })
    fig = charts.startup_rounds_by_year(amounts, [2021, 2022, 2023], "fr")
    totals = next(t for t in fig.data if t.type == "scatter")
    assert list(totals.text) == ["3,9", "1,1", "4,3"]
    fig = charts.startup_rounds_by_year(amounts, [2021, 2022, 2023], "en")
    assert list(next(t for t in fig.data if t.type == "scatter").text) == ["3.9", "1.1", "4.3"]
