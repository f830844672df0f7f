"""A section's charts in a notebook: each one its own output (plotly's mime bundle and a line of text, a still PNG
drawn with matplotlib when asked for), joined back by the export into the very HTML the section made; the still
image of every kind of chart the reports draw."""

from __future__ import annotations

import base64
import io

import nbformat
import plotly.graph_objects as go
from PIL import Image
from plotly.subplots import make_subplots

from partnership_metrics.reporting.html import figure_html, notebook_outputs, notebook_to_html
from partnership_metrics.reporting.sections import chart
from partnership_metrics.reporting.static_chart import static_png

PLOTLY = "application/vnd.plotly.v1+json"
YEARS = [2019, 2020, 2021, 2022, 2023]


def _figures() -> list[go.Figure]:
    stacked = go.Figure([go.Bar(x=YEARS, y=[1, 2, 3, 4, 5], name="CPP", marker_color="#0072B2"),
                         go.Bar(x=YEARS, y=[2, 1, 2, 1, 2], name="IT", marker_color="rgba(230, 159, 0, 0.8)")])
    stacked.update_layout(barmode="stack", title_text="<b>Events</b> per year", width=800, height=320)
    stacked.add_vline(x=2020.9, line_dash="dash")
    stacked.add_vrect(x0=2020.5, x1=2023.5, opacity=0.07, line_width=0)
    stacked.add_annotation(x=2020.9, y=1, yref="paper", text="signed<br>10 Dec 2020", showarrow=False)
    funnel = go.Figure([go.Bar(y=["Detected", "Disclosed", "Licensed"], x=[40, 20, 5], orientation="h", name="a"),
                        go.Bar(y=["Detected", "Disclosed", "Licensed"], x=[30, 10, 2], orientation="h", name="b")])
    funnel.update_yaxes(autorange="reversed", ticksuffix=" ")
    lines = go.Figure(go.Scatter(x=YEARS, y=[0.1, 0.2, None, 0.15, 0.3], mode="lines+markers+text",
                                 text=["10 %", "20 %", "", "15 %", "30 %"]))
    lines.update_yaxes(tickformat=".0%")
    lines.add_hline(y=0.159, line_dash="dash")
    sides = make_subplots(rows=1, cols=2)
    sides.add_trace(go.Scatter(x=YEARS, y=[4, 4.2, 3.9, 4.1, 4.0]), row=1, col=1)
    sides.add_trace(go.Bar(x=YEARS, y=[10, 12, 14, 13, 15]), row=1, col=2)
    donut = go.Figure(go.Pie(labels=["AMU", "UCA", "IPC"], values=[5, 3, 2], hole=0.5))
    heat = go.Figure(go.Heatmap(z=[[1, 2], [3, 4]]))
    odd = go.Figure(go.Sankey(node={"label": ["a", "b"]}, link={"source": [0], "target": [1], "value": [1]}))
    return [stacked, funnel, lines, sides, donut, heat, odd]


def test_every_kind_of_chart_has_a_still_image_of_its_size():
    for fig in _figures():
        png = static_png(fig)
        image = Image.open(io.BytesIO(png))
        expected = (fig.layout.width or 900, fig.layout.height or 450)
        assert image.size == expected
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
        assert len(colours) > 20  # something is drawn, not a blank image


def test_a_section_shows_in_parts_and_the_export_joins_them_back():
    figures = _figures()[:3]
    section = ('<h2 id="valorisation">Valorisation</h2><p>Text &amp; more.</p>'
               + chart(figures[0], "Source: <the partners' files>") + "<p>Between.</p>"
               + chart(figures[1]) + chart(figures[2], caption_html='<a href="#x">a link</a>') + "<p>End.</p>")
    outputs = notebook_outputs(section)
    kinds = ["chart" if PLOTLY in data else "html" for data, _ in outputs]
    assert kinds == ["html", "chart", "html", "html", "chart", "chart", "html", "html"]
    for data, _ in outputs:
        if PLOTLY in data:
            assert data[PLOTLY]["data"] and data[PLOTLY]["layout"] and "text/html" not in data
            assert "image/png" not in data and data["text/plain"].startswith("Chart")
    assert next(d for d, _ in outputs if PLOTLY in d)["text/plain"] == "Chart:  Events  per year"
    with_stills = notebook_outputs(section, stills=True)
    assert [m for _, m in with_stills] == [m for _, m in outputs]
    for data, _ in with_stills:
        if PLOTLY in data:
            assert Image.open(io.BytesIO(base64.b64decode(data["image/png"]))).format == "PNG"
    captions = [data["text/html"] for data, _ in outputs if "pm-chart-caption" in data.get("text/html", "")]
    assert captions == ['<p class="pm-chart-caption">Source: &lt;the partners&#x27; files&gt;</p>',
                        '<p class="pm-chart-caption"><a href="#x">a link</a></p>']

    def notebook(cell_outputs) -> nbformat.NotebookNode:
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell("report.valorisation()", execution_count=3, id="cell-05")]
        nb.cells[0].outputs = cell_outputs
        return nb

    as_parts = [nbformat.v4.new_output("display_data", data=data, metadata=metadata) for data, metadata in with_stills]
    as_one = [nbformat.v4.new_output("execute_result", data={"text/html": section, "text/plain": "Section"},
                                     execution_count=3)]
    assert notebook_to_html(notebook(as_parts), lang="en", title="t") == \
        notebook_to_html(notebook(as_one), lang="en", title="t")


def test_a_section_without_chart_is_one_output_and_an_unreadable_chart_stays_html():
    assert [d for d, _ in notebook_outputs("<p>Only text</p>")] == [{"text/html": "<p>Only text</p>"}]
    broken = '<figure class="pm-chart"><div id="x"></div><script>Plotly.newPlot("x", [oops</script></figure>'
    assert [d for d, _ in notebook_outputs(broken)] == [{"text/html": broken}]
    fragment = figure_html(_figures()[2])
    assert PLOTLY not in notebook_outputs(fragment)[0][0]  # a bare figure_html, outside chart(): left as it is
