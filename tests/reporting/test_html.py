"""HTML export of report notebooks: no code, no CDN, plotly.js once, escaped text, table of contents."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import subprocess
import sys

import nbformat
import plotly.graph_objects as go
import pytest

from partnership_metrics import paths
from partnership_metrics.errors import ReportError
from partnership_metrics.reporting.html import figure_html, notebook_to_html, plotly_js

HOSTILE = "<script>alert(1)</script>"
PLOTLY_BANNER = "* plotly.js"  # the banner of either bundle


def _display(data: dict) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("display_data", data=data)


def _code(source: str, outputs=(), tags=()) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": list(tags)} if tags else {})
    cell.outputs = list(outputs)
    return cell


def build_notebook() -> nbformat.NotebookNode:
    """A small executed report: markdown, HTML sections, two charts, hidden code and parameters, hostile text."""
    bars = go.Figure(go.Bar(x=["2021", "2022", "2023"], y=[4, 7, 9]), layout={"title": {"text": "Projets"}})
    line = go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 1, 2]), layout={"title": {"text": "Formations"}})
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        _code('processed_dir = "/srv/secret/processed"\npm_key = "PARAM-KEY-123"', tags=["parameters"]),
        _code('processed_dir = "/srv/injected/processed"', tags=["injected-parameters"]),
        nbformat.v4.new_markdown_cell("## Synthèse\n\nLes **objectifs** sont atteints."),
        _code(
            "secret_marker = compute_kpis('CODE-SOURCE-MARKER')",
            outputs=[
                _display({"text/html": '<h2 id="valorisation">Valorisation</h2><p>Texte de section.</p>'}),
                nbformat.v4.new_output("stream", name="stderr", text="/srv/secret/module.py:3: FutureWarning"),
                _display({"text/html": figure_html(bars)}),
            ],
        ),
        _code(
            "show(line)",
            outputs=[
                _display({"text/html": '<h2 id="formation">Formation</h2><h3 id="evenements">Évènements</h3>'}),
                _display({"text/html": figure_html(line)}),
                _display({"text/html": f"<p class='hostile'>{html.escape(HOSTILE)}</p><h2>Sans identifiant</h2>"}),
            ],
        ),
    ]
    return nb


@pytest.fixture(scope="module")
def exported() -> str:
    return notebook_to_html(
        build_notebook(), lang="fr", title=f"Rapport {HOSTILE}", subtitle="2021-2023", date=dt.date(2024, 3, 15)
    )


def test_report_is_self_contained(exported):
    # plotly.js itself names CDNs in its defaults for map tiles (unused, and blocked offline): look around it.
    assert exported.count(plotly_js(basic=True)) == 1  # bar and scatter charts only: the basic bundle
    lowered = exported.replace(plotly_js(basic=True), "").lower()
    assert '<script src="http' not in lowered
    assert not re.search(r"<script[^>]*\bsrc=", lowered)
    assert "cdn" not in lowered
    assert "require.js" not in lowered and "require.min.js" not in lowered
    assert "mathjax" not in lowered.replace("mathjaxconfig: 'local'", "")
    assert "<link" not in lowered  # the CSS is inlined


def test_plotly_js_embedded_once_in_head(exported):
    assert exported.count(PLOTLY_BANNER) == 1
    head = exported[: exported.index("</head>")]
    assert PLOTLY_BANNER in head
    assert exported.count("Plotly.newPlot(") == 2


def test_no_code_parameters_or_stderr(exported):
    for hidden in ("CODE-SOURCE-MARKER", "compute_kpis", "PARAM-KEY-123", "/srv/secret", "/srv/injected",
                   "FutureWarning", "In&nbsp;[", "Out["):
        assert hidden not in exported
    assert str(paths.PROJECT_ROOT) not in exported


def test_hostile_strings_stay_text(exported):
    body = exported[exported.index("<body") :]
    assert HOSTILE not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    title = re.search(r"<title>(.*?)</title>", exported, re.S).group(1)
    assert title == "Rapport &lt;script&gt;alert(1)&lt;/script&gt;"


def test_cover_language_and_date(exported):
    assert '<html lang="fr">' in exported
    assert "CanceroPôle Provence-Alpes-Côte d’Azur" in exported and "Inserm Transfert" in exported  # names in fr
    assert "15 mars 2024" in exported and "Sommaire" in exported
    english = notebook_to_html(build_notebook(), lang="en", title="Review", date=dt.date(2024, 3, 15))
    assert '<html lang="en">' in english
    assert "15 March 2024" in english and "Contents" in english and "Sommaire" not in english
    assert "CanceroPôle Provence-Alpes-Côte d'Azur" in html.unescape(english)  # partnership.yaml: the English name


def test_cover_names_and_colours_come_from_the_partnership():
    from dataclasses import replace

    from partnership_metrics.partnership import default_partnership

    packaged = default_partnership()
    cpp = replace(packaged.partners[0], name={"fr": "Pôle <Sud>", "en": "South Pole"}, colour="#123456")
    page = notebook_to_html(build_notebook(), lang="fr", title="t",
                            partnership=replace(packaged, partners=(cpp, packaged.partners[1])))
    assert '<span class="pm-cpp">Pôle &lt;Sud&gt;</span>' in page and "Inserm Transfert" in page
    assert "--pm-cpp: #123456;" in page and "CanceroPôle" not in page[:page.index("<main")]


def test_table_of_contents_lists_headings_with_ids_in_order(exported):
    toc = re.search(r'<nav class="pm-toc".*?</nav>', exported, re.S).group(0)
    entries = re.findall(r'<li class="pm-toc-l(\d)"><a href="#([^"]+)"><span class="pm-toc-text">([^<]+)<', toc)
    assert entries == [
        ("2", "Synth%C3%A8se", "Synthèse"),
        ("2", "valorisation", "Valorisation"),
        ("2", "formation", "Formation"),
        ("3", "evenements", "Évènements"),
    ]
    assert "Sans identifiant" not in toc
    for _, ident, _ in entries:
        assert f'id="{ident}"' in exported  # every entry points at a heading of the page


def test_markdown_heading_text_has_no_anchor_sign(exported):
    toc = re.search(r'<nav class="pm-toc".*?</nav>', exported, re.S).group(0)
    assert "¶" not in toc


def test_figure_html_title_cannot_close_the_script():
    fig = go.Figure(go.Bar(x=["a"], y=[1]), layout={"title": {"text": "</script><script>alert(2)</script><!--"}})
    fragment = figure_html(fig)
    assert fragment.lower().count("</script") == 1
    assert fragment.lower().count("<script") == 1
    assert "<!--" not in fragment
    assert 'class="plotly-graph-div"' in fragment and "Plotly.newPlot(" in fragment
    assert "plotly.js v" not in fragment and "cdn" not in fragment.lower()


def test_figure_html_ids_are_stable_across_runs_and_unique_within_one():
    program = (
        "import plotly.graph_objects as go\n"
        "from partnership_metrics.reporting.html import figure_html\n"
        "fig = go.Figure(go.Bar(x=['a', 'b'], y=[1, 2]))\n"
        "print(figure_html(fig)); print(figure_html(fig))\n"
    )
    runs = [subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True).stdout
            for _ in range(2)]
    assert runs[0] == runs[1]
    ids = re.findall(r'id="(pm-fig-[0-9a-f]{12}(?:-\d+)?)"', runs[0])
    assert len(ids) == 2 and ids[0] != ids[1] and ids[1] == ids[0] + "-2"


def test_plotly_mime_output_becomes_an_offline_chart():
    fig = go.Figure(go.Scatter(x=[1, 2], y=[2, 1]))
    nb = nbformat.v4.new_notebook()
    nb.cells = [_code("fig.show()", outputs=[_display({"application/vnd.plotly.v1+json": json.loads(fig.to_json()),
                                                       "text/plain": "Figure"})])]
    exported = notebook_to_html(nb, lang="en", title="t")
    assert exported.count(PLOTLY_BANNER) == 1
    assert exported.count('class="plotly-graph-div"') == 1


def test_report_without_charts_does_not_embed_plotly():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("## Only text")]
    exported = notebook_to_html(nb, lang="en", title="t")
    assert PLOTLY_BANNER not in exported
    assert len(exported) < len(plotly_js(basic=True)) / 10


def test_the_vendored_basic_bundle_is_the_version_plotly_expects():
    version = re.compile(r"plotly\.js (?:\(basic - minified\) )?v([\d.]+)")
    assert version.search(plotly_js(basic=True)[:400])[1] == version.search(plotly_js()[:400])[1]


def test_a_chart_the_basic_bundle_cannot_draw_gets_the_full_bundle():
    nb = nbformat.v4.new_notebook()
    heatmap = figure_html(go.Figure(go.Heatmap(z=[[1, 2], [3, 4]])))
    nb.cells = [nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output(
        "display_data", data={"text/html": heatmap, "text/plain": "Figure"})])]
    exported = notebook_to_html(nb, lang="en", title="t")
    assert exported.count(plotly_js()) == 1 and plotly_js(basic=True) not in exported


def test_cdn_chart_output_is_refused():
    cdn_fragment = go.Figure(go.Bar(x=["a"], y=[1])).to_html(full_html=False, include_plotlyjs="cdn")
    nb = nbformat.v4.new_notebook()
    nb.cells = [_code("fig", outputs=[_display({"text/html": cdn_fragment})])]
    with pytest.raises(ReportError, match="offline"):
        notebook_to_html(nb, lang="fr", title="t")


def test_error_output_is_refused_with_the_cell_number():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("## A"),
        _code("1/0", outputs=[nbformat.v4.new_output("error", ename="ZeroDivisionError", evalue="",
                                                     traceback=[])]),
    ]
    with pytest.raises(ReportError, match=r"cell 2 .*ZeroDivisionError"):
        notebook_to_html(nb, lang="fr", title="t")


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="fr"):
        notebook_to_html(nbformat.v4.new_notebook(), lang="de", title="t")


def test_template_is_in_the_package():
    assert (paths.PACKAGE_DIR / "report_templates" / "partnership" / "index.html.j2").is_file()
    assert (paths.PACKAGE_DIR / "report_templates" / "partnership" / "conf.json").is_file()


@pytest.mark.parametrize(
    "fragment",
    [
        "<img src='https://example.org/logo.png'>",
        '<link rel="stylesheet" href="//fonts.example.org/font.css">',
        "<script src='local.js'></script>",
        "<div style=\"background: url('https://example.org/bg.png')\"></div>",
        "<style>@import 'https://example.org/x.css';</style>",
    ],
)
def test_outputs_that_need_the_network_or_another_file_are_refused(fragment):
    nb = nbformat.v4.new_notebook()
    nb.cells = [_code("x", outputs=[_display({"text/html": fragment})])]
    with pytest.raises(ReportError, match="offline|self-contained"):
        notebook_to_html(nb, lang="en", title="t")


def test_links_to_websites_are_allowed():
    nb = nbformat.v4.new_notebook()
    nb.cells = [_code("x", outputs=[_display({"text/html": '<a href="https://ec.europa.eu/">EU</a>'})])]
    assert 'href="https://ec.europa.eu/"' in notebook_to_html(nb, lang="en", title="t")
