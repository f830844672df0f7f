"""A still image of a plotly figure, drawn with matplotlib: the fallback of a report chart for viewers without
plotly (a notebook opened without the JupyterLab plotly extension, GitHub, an e-mail).

It draws what the report charts use — bars (grouped, stacked, horizontal), lines and markers, pies and donuts,
heatmaps, subplots side by side, lines and bands across an axis, annotations, tick labels and titles — in the
figure's colours, and says so in the image for a trace it cannot draw. No browser is needed.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence

DPI = 100
DEFAULT_SIZE = (900, 450)  # px, as the reports draw a figure without its own size
_TAG = re.compile(r"<[^>]+>")
_RGBA = re.compile(r"rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)")
DEFAULT_COLOURS = ("#636efa", "#EF553B", "#00cc96", "#ab63fa", "#FFA15A", "#19d3f3", "#FF6692", "#B6E880")


def _text(value) -> str:
    """Plotly's text without its markup (``<b>``, ``<br>``: a new line)."""
    if value is None:
        return ""
    return _TAG.sub("", str(value).replace("<br>", "\n").replace("<br />", "\n"))


def _colour(value, default=None):
    """A matplotlib colour from a plotly one (``#RRGGBB``, ``rgb(...)``, ``rgba(...)``, a name)."""
    if value is None or isinstance(value, (list, tuple, dict)):
        return default
    match = _RGBA.fullmatch(str(value).strip())
    if match:
        r, g, b, a = match.groups()
        return (float(r) / 255, float(g) / 255, float(b) / 255, 1.0 if a is None else float(a))
    return value


def _get(mapping, *keys, default=None):
    for key in keys:
        if not isinstance(mapping, dict) or key not in mapping:
            return default
        mapping = mapping[key]
    return mapping


def _axis_name(ref: str | None, letter: str) -> str:
    """``x2`` -> ``xaxis2``; ``x`` or None -> ``xaxis``."""
    ref = ref or letter
    return f"{letter}axis{ref[1:]}"


def static_png(figure, *, width: int | None = None, height: int | None = None) -> bytes:
    """A PNG of ``figure`` (a plotly ``Figure`` or its dict) drawn with matplotlib."""
    from matplotlib.figure import Figure  # no pyplot: no global state, no backend to choose

    spec = figure.to_dict() if hasattr(figure, "to_dict") else dict(figure)
    layout, traces = spec.get("layout") or {}, spec.get("data") or []
    width = width or layout.get("width") or DEFAULT_SIZE[0]
    height = height or layout.get("height") or DEFAULT_SIZE[1]
    canvas = Figure(figsize=(width / DPI, height / DPI), dpi=DPI)
    colours = _get(layout, "template", "layout", "colorway") or list(DEFAULT_COLOURS)
    title = _text(_get(layout, "title", "text") or (layout.get("title") if isinstance(layout.get("title"), str)
                                                     else ""))
    top = 0.82 if title else 0.9
    if title:
        canvas.suptitle(title, x=0.02, y=0.97, ha="left", va="top", fontsize=12, fontweight="bold")
    pies = [t for t in traces if t.get("type") == "pie"]
    if pies:
        _pies(canvas, pies, colours, top)
    else:
        _cartesian(canvas, layout, traces, colours, top)
    buffer = io.BytesIO()
    canvas.savefig(buffer, format="png", dpi=DPI, facecolor="white", metadata={"Software": None})
    return buffer.getvalue()


def _pies(canvas, pies, colours, top) -> None:
    for i, trace in enumerate(pies):
        ax = canvas.add_axes([0.05 + i * 0.9 / len(pies), 0.05, 0.9 / len(pies), top - 0.1])
        values = [v or 0 for v in trace.get("values") or []]
        wedge = {"width": 1 - trace["hole"]} if trace.get("hole") else {}
        pie_colours = _get(trace, "marker", "colors") or colours
        ax.pie(values, labels=[_text(label) for label in trace.get("labels") or []], colors=pie_colours,
               wedgeprops=wedge, autopct="%1.0f%%" if len(values) > 1 else None, textprops={"fontsize": 9})
        ax.set_aspect("equal")


def _domain(layout, name: str) -> tuple[float, float]:
    domain = _get(layout, name, "domain") or [0, 1]
    return float(domain[0]), float(domain[1])


def _cartesian(canvas, layout, traces, colours, top) -> None:
    pairs = list(dict.fromkeys((_axis_name(t.get("xaxis"), "x"), _axis_name(t.get("yaxis"), "y")) for t in traces))
    pairs = pairs or [("xaxis", "yaxis")]
    axes = {}
    legend = layout.get("showlegend") is not False and \
        len([t for t in traces if t.get("name") and t.get("showlegend") is not False]) > 1
    sideways = any(t.get("orientation") == "h" or t.get("type") == "funnel" for t in traces)
    left, right, bottom = 0.24 if sideways else 0.08, 0.98, 0.24 if legend else 0.14
    for x_name, y_name in pairs:
        x0, x1 = _domain(layout, x_name)
        y0, y1 = _domain(layout, y_name)
        box = [left + x0 * (right - left) + (0.04 if x0 > 0 else 0), bottom + y0 * (top - bottom),
               (x1 - x0) * (right - left) - (0.04 if x0 > 0 else 0), (y1 - y0) * (top - bottom)]
        axes[(x_name, y_name)] = canvas.add_axes(box)
    categories = {pair: _categories([t for t in traces if _pair(t) == pair]) for pair in axes}
    horizontal = {pair: any(t.get("orientation") == "h" or t.get("type") == "funnel" for t in traces
                            if _pair(t) == pair) for pair in axes}
    bars = {pair: [t for t in traces if _pair(t) == pair and t.get("type", "scatter") in ("bar", "funnel")]
            for pair in axes}
    mode = layout.get("barmode") or "group"
    skipped = []
    for index, trace in enumerate(traces):
        pair = _pair(trace)
        ax = axes.get(pair) or next(iter(axes.values()))
        colour = _colour(_get(trace, "marker", "color"), None) or _colour(_get(trace, "line", "color"), None) \
            or colours[index % len(colours)]
        kind = trace.get("type", "scatter")
        if kind in ("bar", "funnel"):
            _bar(ax, trace, bars[pair], categories[pair], mode, colour)
        elif kind == "scatter":
            _scatter(ax, trace, categories[pair], colour)
        elif kind == "heatmap":
            z = trace.get("z") or [[]]
            ax.imshow(z, aspect="auto", cmap="viridis", origin="lower")
        else:
            skipped.append(kind)
    for (x_name, y_name), ax in axes.items():
        _style(ax, layout, x_name, y_name, categories[(x_name, y_name)], horizontal[(x_name, y_name)])
    first = next(iter(axes.values()))
    _shapes(axes, layout)
    _annotations(canvas, axes, layout)
    if legend:
        handles, labels = [], []
        for ax in axes.values():
            for handle, label in zip(*ax.get_legend_handles_labels(), strict=False):
                if label not in labels and not label.startswith("_"):
                    handles.append(handle)
                    labels.append(label)
        canvas.legend(handles, labels, loc="lower center", ncol=min(len(labels), 6), fontsize=8, frameon=False,
                      bbox_to_anchor=(0.5, 0.0))
    if skipped:
        first.text(0.5, 0.5, f"({', '.join(sorted(set(skipped)))}: see the HTML report)", transform=first.transAxes,
                   ha="center", va="center", fontsize=9, color="#7F7F7F")


def _pair(trace) -> tuple[str, str]:
    return _axis_name(trace.get("xaxis"), "x"), _axis_name(trace.get("yaxis"), "y")


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _categories(traces) -> list | None:
    """The category axis of a subplot (its text values in order of appearance), or None when it is numeric."""
    values = []
    for trace in traces:
        horizontal = trace.get("orientation") == "h" or trace.get("type") == "funnel"
        values += list(trace.get("y" if horizontal else "x") or [])
    if values and all(_is_number(v) or v is None for v in values):
        return None
    return list(dict.fromkeys(str(v) for v in values if v is not None))


def _positions(values: Sequence, categories) -> list[float]:
    if categories is None:
        return [float(v) if _is_number(v) else math.nan for v in values]
    return [categories.index(str(v)) if v is not None and str(v) in categories else math.nan for v in values]


def _number(value) -> float:
    return float(value) if _is_number(value) else 0.0


def _bar(ax, trace, siblings, categories, mode, colour) -> None:
    horizontal = trace.get("orientation") == "h" or trace.get("type") == "funnel"
    where = trace.get("y" if horizontal else "x") or list(range(len(trace.get("x" if horizontal else "y") or [])))
    sizes = [_number(v) for v in (trace.get("x" if horizontal else "y") or [])]
    positions = _positions(where, categories)
    visible = [s for s in siblings if s.get("visible", True) is True]
    width = 0.8
    offsets = [0.0] * len(positions)
    bottoms = [0.0] * len(positions)
    if mode in ("stack", "relative"):
        for sibling in visible[: visible.index(trace) if trace in visible else 0]:
            other = dict(zip(_positions(sibling.get("y" if horizontal else "x") or [], categories),
                             [_number(v) for v in (sibling.get("x" if horizontal else "y") or [])], strict=False))
            bottoms = [b + (other.get(p, 0.0) if (other.get(p, 0.0) >= 0) == (s >= 0) else 0.0)
                       for b, p, s in zip(bottoms, positions, sizes, strict=False)]
    elif mode == "group" and len(visible) > 1 and trace in visible:
        width = 0.8 / len(visible)
        offsets = [(visible.index(trace) - (len(visible) - 1) / 2) * width] * len(positions)
    colours = _get(trace, "marker", "color")
    colour = [_colour(c, colour) for c in colours] if isinstance(colours, list) else colour
    places = [p + o for p, o in zip(positions, offsets, strict=False)]
    label = _text(trace.get("name")) or None
    if horizontal:
        ax.barh(places, sizes, height=width, left=bottoms, color=colour, label=label)
    else:
        ax.bar(places, sizes, width=width, bottom=bottoms, color=colour, label=label)


def _scatter(ax, trace, categories, colour) -> None:
    mode = trace.get("mode") or "lines+markers"
    x = trace.get("x") or list(range(len(trace.get("y") or [])))
    y = [v if _is_number(v) else math.nan for v in trace.get("y") or []]
    positions = _positions(x, categories)
    style = {"color": colour, "label": _text(trace.get("name")) or None}
    dash = _get(trace, "line", "dash")
    if "lines" in mode:
        ax.plot(positions, y, linestyle="--" if dash in ("dash", "dot", "dashdot") else "-",
                marker="o" if "markers" in mode else None, linewidth=_get(trace, "line", "width", default=2), **style)
    elif "markers" in mode:
        ax.scatter(positions, y, **style)
    if "text" in mode and trace.get("text"):
        for px, py, label in zip(positions, y, trace["text"], strict=False):
            if not math.isnan(py) and label:
                ax.annotate(_text(label), (px, py), textcoords="offset points", xytext=(0, 5), ha="center",
                            fontsize=8)


def _style(ax, layout, x_name, y_name, categories, horizontal: bool) -> None:
    for axis, name, setter in ((ax.xaxis, x_name, ax.set_xlabel), (ax.yaxis, y_name, ax.set_ylabel)):
        spec = layout.get(name) or {}
        setter(_text(_get(spec, "title", "text")), fontsize=9)
        if spec.get("visible") is False:
            axis.set_visible(False)
        ticks, labels = spec.get("tickvals"), spec.get("ticktext")
        is_x = axis is ax.xaxis
        own = categories if is_x != horizontal else None  # the category axis: x, or y for horizontal bars
        set_ticks, set_labels = (ax.set_xticks, ax.set_xticklabels) if is_x else (ax.set_yticks, ax.set_yticklabels)
        if ticks is not None and labels is not None:
            set_ticks(_positions(ticks, own))
            set_labels([_text(t) for t in labels], fontsize=8)
        elif own is not None:
            set_ticks(range(len(own)))
            set_labels([_text(c) for c in own], fontsize=8,
                       rotation=30 if is_x and sum(len(c) for c in own) > 60 else 0)
        if spec.get("autorange") == "reversed":
            axis.set_inverted(True)
        span = spec.get("range")
        if span and all(_is_number(v) for v in span):
            (ax.set_xlim if is_x else ax.set_ylim)(span)
        if "%" in str(spec.get("tickformat") or ""):
            from matplotlib.ticker import PercentFormatter

            axis.set_major_formatter(PercentFormatter(1.0))
        suffix = spec.get("ticksuffix")
        if suffix and own is None and labels is None:
            from matplotlib.ticker import FuncFormatter

            axis.set_major_formatter(FuncFormatter(lambda v, _, s=suffix: f"{v:g}{s}"))
    ax.tick_params(labelsize=8)
    ax.grid(axis="y", color="#E5E5E5", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _shapes(axes, layout) -> None:
    for shape in layout.get("shapes") or []:
        pair = (_axis_name(shape.get("xref") if str(shape.get("xref", "x")).startswith("x") else None, "x"),
                _axis_name(shape.get("yref") if str(shape.get("yref", "y")).startswith("y") else None, "y"))
        ax = axes.get(pair) or next(iter(axes.values()))
        colour = _colour(_get(shape, "line", "color"), "#7F7F7F")
        fill = _colour(shape.get("fillcolor"), "#0072B2")
        x0, x1, y0, y1 = (shape.get(k) for k in ("x0", "x1", "y0", "y1"))
        across_y = any(word in str(shape.get("yref", "y")) for word in ("paper", "domain"))
        across_x = any(word in str(shape.get("xref", "x")) for word in ("paper", "domain"))
        kind = shape.get("type", "rect")
        if kind == "line" and _is_number(x0) and x0 == x1 and across_y:
            ax.axvline(x0, color=colour, linestyle="--", linewidth=1)
        elif kind == "line" and _is_number(y0) and y0 == y1 and across_x:
            ax.axhline(y0, color=colour, linestyle="--", linewidth=1.5)
        elif kind == "rect" and _is_number(x0) and _is_number(x1) and across_y:
            ax.axvspan(x0, x1, color=fill, alpha=shape.get("opacity", 0.1), linewidth=0)
        elif kind == "rect" and _is_number(y0) and _is_number(y1) and across_x:
            ax.axhspan(y0, y1, color=fill, alpha=shape.get("opacity", 0.1), linewidth=0)


def _annotations(canvas, axes, layout) -> None:
    for note in layout.get("annotations") or []:
        text = _text(note.get("text"))
        if not text:
            continue
        x, y = note.get("x", 0.5), note.get("y", 0.5)
        xref, yref = str(note.get("xref", "x")), str(note.get("yref", "y"))
        pair = (_axis_name(xref if xref.startswith("x") and "paper" not in xref else None, "x"),
                _axis_name(yref if yref.startswith("y") and "paper" not in yref else None, "y"))
        ax = axes.get(pair) or next(iter(axes.values()))
        if "paper" in xref and "paper" in yref:
            ax.text(x, y, text, transform=ax.transAxes, ha="center", va="center", fontsize=9, color="#555555")
        elif _is_number(x) and _is_number(y):
            transform = ax.get_xaxis_transform() if "paper" in yref or "domain" in yref else ax.transData
            ax.text(x, y, text, transform=transform, ha=note.get("xanchor", "center").replace("auto", "center"),
                    va="top" if note.get("yanchor") == "top" else "bottom", fontsize=8, color="#555555")
