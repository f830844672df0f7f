"""Executed report notebook -> one self-contained HTML file (no code, no CDN, plotly.js embedded once).

The content cells display HTML made by package functions; charts are displayed with :func:`figure_html`.
The look (cover, table of contents, screen and print stylesheets, status colours) lives in the nbconvert
template ``report_templates/partnership/``; the partners' names and colours come from the partnership.

In the notebook itself, :func:`display_html` shows a section's HTML with each chart as its own output: plotly's
mime bundle (drawn by JupyterLab's plotly extension; a line of text naming the chart for viewers without it), with
a still PNG drawn by matplotlib (:mod:`.static_chart`) only when asked for: a still costs about a tenth of a second
a chart, a report notebook has 10 to 20 charts in each language. The export joins the parts of each section back
into the very HTML the section made, so the HTML and PDF reports are the same either way.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import functools
import hashlib
import html
import itertools
import json
import re
import threading
from html.parser import HTMLParser
from importlib import resources as importlib_resources
from typing import TYPE_CHECKING

from ..errors import ReportError
from ..paths import PACKAGE_DIR

if TYPE_CHECKING:
    from ..partnership import Partnership

TEMPLATE_DIR = PACKAGE_DIR / "report_templates"
TEMPLATE_NAME = "partnership"

# Reserved for statuses (no chart uses them for a category): green / light and dark purple (ColorBrewer PRGn, safe
# for the common colour-vision deficiencies and apart in lightness), always shown with a symbol and a word. The
# template turns these and the partners' colours (partnership.yaml) into CSS variables (--pm-cpp, --pm-status-met...).
STATUS_COLOURS = {"met": "#1B7837", "close": "#C2A5CF", "missed": "#762A83", "review": "#4D4D4D",
                  "unknown": "#9A9A9A", "no_target": "#9A9A9A"}

# Cells never shown, whatever their content: papermill's parameters (paths, keys) and explicit removals.
HIDDEN_CELL_TAGS = frozenset({"parameters", "injected-parameters", "remove-cell", "remove_cell"})

_PLOTLY_MIME = "application/vnd.plotly.v1+json"
_PART_KEY = "partnership_metrics"  # output metadata of the parts of a section displayed by display_html
_FIGURE = re.compile(r'<figure class="pm-chart">.*?</figure>', re.S)
_CAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.S)
_PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}
_PLACEHOLDER_JS = "<!-- pm:head-scripts -->"
_PLACEHOLDER_TOC = "<!-- pm:toc -->"
_figure_ids: dict[str, itertools.count] = {}


def figure_html(fig, *, div_id: str | None = None) -> str:
    """Return a plotly figure as an HTML fragment relying on the page's global ``Plotly`` (embedded once).

    The div id is ``pm-fig-`` + a hash of the figure's JSON (``-2``, ``-3``... for repeats in the same
    process), so a re-run of the same notebook gives the same HTML. Text in the figure cannot close the
    ``<script>`` element.
    """
    if div_id is None:
        digest = hashlib.sha256(fig.to_json().encode("utf-8")).hexdigest()[:12]
        occurrence = next(_figure_ids.setdefault(digest, itertools.count(1)))
        div_id = f"pm-fig-{digest}" + (f"-{occurrence}" if occurrence > 1 else "")
    if not re.fullmatch(r"[A-Za-z][\w-]*", div_id):
        raise ValueError(f"figure div_id must be letters, digits, '-' or '_': {div_id!r}")
    fragment = fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        div_id=div_id,
        config=_PLOTLY_CONFIG,
        default_width="100%",
        default_height="450px",
        validate=False,
    )
    return _seal_scripts(fragment)


def reset_figure_ids() -> None:
    """Number the repeats of a figure from 1 again (a kernel that runs another report notebook calls it first,
    so that the same notebook gives the same HTML in a new kernel or in one that already ran another)."""
    _figure_ids.clear()


def _seal_scripts(fragment: str) -> str:
    """Escape ``</`` and ``<!--`` inside inline scripts (plotly escapes its JSON; this also covers config)."""

    def seal(match: re.Match) -> str:
        body = match.group(2).replace("</", "<\\/").replace("<!--", "<\\!--")
        return match.group(1) + body + match.group(3)

    return re.sub(r"(<script[^>]*>)(.*?)(</script>)", seal, fragment, flags=re.S | re.I)


def _figure_spec(fragment: str) -> dict | None:
    """``{"data", "layout", "config"}`` of the ``Plotly.newPlot`` call of a :func:`figure_html` fragment; None when
    there is none or it cannot be read."""
    match = _NEW_PLOT.search(fragment)
    if match is None:
        return None
    decoder, position, found = json.JSONDecoder(), match.end(), []
    try:
        for _ in range(3):
            value, end = decoder.raw_decode(fragment, position)
            found.append(value)
            position = end + len(fragment[end:]) - len(fragment[end:].lstrip(", \n\t"))
    except ValueError:
        if len(found) < 2:
            return None
    if not isinstance(found[0], list) or not isinstance(found[1], dict):
        return None
    return {"data": found[0], "layout": found[1], "config": found[2] if len(found) > 2 else dict(_PLOTLY_CONFIG)}


def figure_bundle(spec: dict, *, still: bool = False) -> dict:
    """The mime bundle of a chart in a notebook: plotly's JSON (``spec``: ``data``, ``layout``, ``config``) and a
    line of text naming the chart (what viewers without plotly show); with ``still``, a PNG drawn by matplotlib
    too (shown instead of that line by viewers without plotly)."""
    title = (spec["layout"].get("title") or {}).get("text") if isinstance(spec["layout"].get("title"), dict) else None
    bundle = {_PLOTLY_MIME: spec}
    if still:
        from .static_chart import static_png

        bundle["image/png"] = base64.b64encode(static_png(spec)).decode("ascii")
    bundle["text/plain"] = f"Chart: {re.sub(r'<[^>]+>', ' ', title)}" if title else "Chart"
    return bundle


def notebook_outputs(section_html: str, *, stills: bool = False) -> list[tuple[dict, dict]]:
    """``(data, metadata)`` of each output that shows ``section_html`` in a notebook: the HTML between charts, and
    each chart of :func:`figure_html` in a ``figure.pm-chart`` as :func:`figure_bundle` (``stills``: with its PNG),
    its caption after it. Each output's metadata holds the part of ``section_html`` it stands for, so that the
    export joins them back."""
    group = hashlib.sha256(section_html.encode("utf-8")).hexdigest()[:16]

    def part(html_part: str) -> dict:
        return {_PART_KEY: {"section": group, "html": html_part}}

    outputs, position = [], 0
    for match in _FIGURE.finditer(section_html):
        before = section_html[position : match.start()]
        if before:
            outputs.append(({"text/html": before}, part(before)))
        figure = match.group(0)
        spec = _figure_spec(figure)
        if spec is None:
            outputs.append(({"text/html": figure}, part(figure)))
        else:
            outputs.append((figure_bundle(spec, still=stills), part(figure)))
            caption = _CAPTION.search(figure)
            if caption:
                outputs.append(({"text/html": f'<p class="pm-chart-caption">{caption.group(1)}</p>'}, part("")))
        position = match.end()
    if position < len(section_html):
        outputs.append(({"text/html": section_html[position:]}, part(section_html[position:])))
    return outputs


def display_html(section_html: str, *, stills: bool = False) -> None:
    """Show ``section_html`` in a notebook as :func:`notebook_outputs` (charts drawn by JupyterLab's plotly
    extension; with ``stills``, still images for viewers without it); :func:`notebook_to_html` turns the outputs
    back into ``section_html``."""
    from IPython.display import display

    for data, metadata in notebook_outputs(section_html, stills=stills):
        display(data, raw=True, metadata=metadata)


def _joined_parts(outputs: list, execution_count=None) -> list:
    """The outputs of a cell with the consecutive parts of one section (see :func:`notebook_outputs`) joined back
    into one HTML output, as the section made it: the result of the cell, as the section was before it displayed
    itself in parts."""
    import nbformat

    joined, current = [], None
    for output in outputs:
        part = (output.get("metadata") or {}).get(_PART_KEY)
        if not isinstance(part, dict) or "section" not in part:
            joined.append(output)
            current = None
            continue
        if current is not None and current[0] == part["section"]:
            current[1]["data"]["text/html"] += part["html"]
            continue
        merged = nbformat.v4.new_output("execute_result", data={"text/html": part["html"]},
                                        execution_count=execution_count)
        joined.append(merged)
        current = (part["section"], merged)
    return joined


@functools.cache
def plotly_js(basic: bool = False) -> str:
    """A plotly.js bundle (read once): the full one shipped inside the installed ``plotly`` package, or the
    vendored basic one (bar, scatter and pie traces only; see ``report_templates/vendor/README.md``)."""
    if basic:
        source = TEMPLATE_DIR / "vendor" / "plotly-basic.min.js"
    else:
        source = importlib_resources.files("plotly") / "package_data" / "plotly.min.js"
    return source.read_text(encoding="utf-8").replace("</script", "<\\/script")


BASIC_TRACES = frozenset({"bar", "scatter", "pie"})
_NEW_PLOT = re.compile(r'Plotly\.newPlot\(\s*"[^"]*",\s*')


def _needs_full_bundle(body: str) -> bool:
    """Whether a figure of the page draws a trace type that the basic bundle lacks (or cannot be read)."""
    decoder = json.JSONDecoder()
    for match in _NEW_PLOT.finditer(body):
        try:
            traces, _ = decoder.raw_decode(body, match.end())
        except ValueError:
            return True
        if not isinstance(traces, list) or any(
                not isinstance(t, dict) or t.get("type", "scatter") not in BASIC_TRACES for t in traces):
            return True
    return False


def notebook_to_html(
    nb, *, lang: str, title: str, subtitle: str = "", date: dt.date | str | None = None,
    partnership: Partnership | None = None, cutoff: str = "", watermark: str = "",
) -> str:
    """Export an executed notebook to one self-contained HTML report and return its text.

    No code, prompt, parameters cell or stderr is shown; the cover carries ``title``, ``subtitle``, the names of
    the partners of ``partnership`` (default: the packaged one), ``cutoff`` (the line saying when the data stop)
    and ``date`` (a ``datetime.date`` is written in ``lang``, a string as given); a ``watermark`` (e.g. "fictional
    data") is printed across every page; the table of contents lists the ``<h2 id=...>`` and ``<h3 id=...>`` headings
    found in the outputs and markdown cells.

    Raises ``ValueError`` for a language other than ``fr``/``en`` and :class:`ReportError` when a cell holds
    an error output or an output loads a script or stylesheet from outside the file.
    """
    from ..indicators import LANGS
    from .i18n import text

    if lang not in LANGS:
        raise ValueError(f"report language must be one of {', '.join(LANGS)}, not {lang!r}")
    if partnership is None:
        from ..partnership import default_partnership

        partnership = default_partnership()
    nb = _prepare_notebook(nb)
    report = {
        "title": title,
        "subtitle": subtitle,
        "date": _format_date(date, lang),
        "cutoff": cutoff,
        "watermark": watermark,
        "labels": {"partnership": text("cover_kicker", lang)},
        "partners": [{"code": p.code, "name": p.name[lang]} for p in partnership.partners],
        "css_variables": _css_variables(partnership),
    }
    with _EXPORTER_LOCK:
        exporter = _exporter()
        exporter.language_code = lang
        body, _ = exporter.from_notebook_node(nb, resources={"report": report})
    _check_offline(body)
    body = body.replace(_PLACEHOLDER_TOC, _toc_html(_headings(body), lang), 1)
    scripts = ""
    page = body[body.find("<body") :]
    if "Plotly." in page:
        scripts = (
            "<script>window.PlotlyConfig = {MathJaxConfig: 'local'};</script>\n"
            f"<script>{plotly_js(basic=not _needs_full_bundle(page))}</script>"
        )
    return body.replace(_PLACEHOLDER_JS, scripts, 1)


_EXPORTER_LOCK = threading.Lock()


@functools.cache
def _exporter():
    """The nbconvert exporter of the reports, made once a process (its templates are compiled on first use); the
    caller sets its ``language_code``."""
    from .exporter import ReportExporter  # heavy (nbconvert): imported on use

    return ReportExporter(
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        template_name=TEMPLATE_NAME,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        anchor_link_text="¶",  # markdown headings get their id with the anchor link (hidden by the CSS)
    )


def _prepare_notebook(nb):
    """A copy without hidden cells, with plotly mime outputs turned into :func:`figure_html` fragments."""
    nb = copy.deepcopy(nb)
    cells = []
    for number, cell in enumerate(nb.cells, start=1):
        if HIDDEN_CELL_TAGS & set(cell.get("metadata", {}).get("tags", [])):
            continue
        if cell.get("outputs"):
            cell["outputs"] = _joined_parts(cell["outputs"], cell.get("execution_count"))
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                raise ReportError(
                    f"cell {number} of the report notebook ended in {output.get('ename', 'an error')}: "
                    "fix the notebook (or its data) before exporting it"
                )
            data = output.get("data", {})
            if _PLOTLY_MIME in data:
                output["data"] = {"text/html": _figure_from_mime(data[_PLOTLY_MIME])}
        cells.append(cell)
    nb.cells = cells
    return nb


def _figure_from_mime(spec) -> str:
    import plotly.graph_objects as go

    if isinstance(spec, str):
        spec = json.loads(spec)
    return figure_html(go.Figure(data=spec.get("data"), layout=spec.get("layout"), skip_invalid=True))


def _format_date(value: dt.date | str | None, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    from .i18n import format_date  # one date format for the whole report (15 mars 2022 / 15 March 2022)

    return format_date(value, lang)


def _css_variables(partnership: Partnership) -> str:
    pairs = [(f"--pm-{key}", colour) for key, colour in partnership.colours().items()]
    pairs += [(f"--pm-status-{key.replace('_', '-')}", colour) for key, colour in STATUS_COLOURS.items()]
    return ":root { " + " ".join(f"{name}: {colour};" for name, colour in pairs) + " }"


_RESOURCE_TAGS = {"script", "iframe", "img", "link", "source", "video", "audio", "embed", "object", "track", "input"}
_RESOURCE_ATTRIBUTES = {"src", "href", "data", "poster", "srcset"}
_NETWORK_URL = re.compile(r"^\s*(?:https?:|//)", re.I)
_NETWORK_CSS = re.compile(r"@import|url\(\s*[\"']?\s*(?:https?:)?//[^)\s;]*", re.I)


class _ResourceFinder(HTMLParser):
    """What a page would load from outside itself, read from its markup only: the ``src``/``href`` of elements
    that load something, ``<style>`` elements and ``style`` attributes. Text (escaped data: a file name, a
    cell) is never markup, whatever it says ("contact@importations-sud.fr", "url(//x)")."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self._check_tag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check_tag(tag, attrs)

    def _check_tag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if tag in _RESOURCE_TAGS and name in _RESOURCE_ATTRIBUTES and (
                    _NETWORK_URL.search(value) or any(_NETWORK_URL.search(v) for v in value.split(",")[1:])):
                self.problems.append(f"a notebook output loads {value.strip()!r} from the network; the report must "
                                     "work offline (display charts with reporting.html.figure_html)")
            elif tag == "script" and name == "src":
                self.problems.append("a notebook output loads a script file; the report must be one self-contained "
                                     "file")
            elif name == "style" and (found := _NETWORK_CSS.search(value)):
                self.problems.append(f"a notebook output's style loads {found.group(0)!r}; the report must work "
                                     "offline")
        if tag == "style":
            self._in_style = True

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style and (found := _NETWORK_CSS.search(data)):
            self.problems.append(f"a notebook output's style loads {found.group(0)!r}; the report must work offline")


def _check_offline(body: str) -> None:
    """Refuse a report that would load anything from the network (it must work offline): a ReportError naming the
    first thing its markup would load."""
    finder = _ResourceFinder()
    finder.feed(body)
    finder.close()
    if finder.problems:
        raise ReportError(finder.problems[0])


class _HeadingParser(HTMLParser):
    """Collects ``(level, id, text)`` of the h2/h3 elements that have an id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str, str]] = []
        self._open: tuple[int, str, list[str]] | None = None
        self._in_anchor_link = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("h2", "h3") and self._open is None and attributes.get("id"):
            self._open = (int(tag[1]), attributes["id"], [])
        elif tag == "a" and "anchor-link" in (attributes.get("class") or "").split():
            self._in_anchor_link = True

    def handle_endtag(self, tag):
        if tag == "a":
            self._in_anchor_link = False
        elif self._open and tag == f"h{self._open[0]}":
            level, ident, parts = self._open
            self.headings.append((level, ident, " ".join("".join(parts).split())))
            self._open = None

    def handle_data(self, data):
        if self._open and not self._in_anchor_link:
            self._open[2].append(data)


def _headings(body: str) -> list[tuple[int, str, str]]:
    main = body[body.find("<main") :]
    parser = _HeadingParser()
    parser.feed(main)
    return [heading for heading in parser.headings if heading[2]]


def _toc_html(headings: list[tuple[int, str, str]], lang: str) -> str:
    """The table of contents; ``data-toc-target`` spans receive page numbers when the PDF is printed."""
    if not headings:
        return ""
    items = []
    for level, ident, text in headings:
        ident_attr = html.escape(ident, quote=True)
        items.append(
            f'<li class="pm-toc-l{level}"><a href="#{ident_attr}"><span class="pm-toc-text">'
            f'{html.escape(text)}</span><span class="pm-toc-page" data-toc-target="{ident_attr}">'
            "</span></a></li>"
        )
    from .i18n import text as ui_text

    label = html.escape(ui_text("toc", lang))
    return (
        f'<nav class="pm-toc" aria-labelledby="pm-toc-title"><p class="pm-toc-title" id="pm-toc-title">'
        f"{label}</p><ol>{''.join(items)}</ol></nav>"
    )
