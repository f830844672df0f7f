"""HTML fragments of the report sections: headings, KPI tiles, KPI tables, start-ups, definitions, data quality.

Pure functions returning HTML text that uses the classes of ``report_templates/partnership/static/report.css``.
Every string from the data (names, titles, institutions, files, reasons) goes through :func:`esc`. A null value is
shown as ``—`` with its reason in a tooltip and a numbered footnote under its table — never as 0. Reasons are
written in the section's language from the KPI table's ``reason_code`` and ``reason_params``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from ..kpis.catalogue import areas, check_lang, get_kpi
from ..kpis.formatting import MISSING, format_change_against, format_rounded, format_value
from ..values import is_missing
from .html import figure_html
from .i18n import code_label, format_date, reason_text, text


def esc(value) -> str:
    """``value`` as HTML text (``<``, ``>``, ``&`` and quotes escaped); ``—`` for a missing value."""
    if is_missing(value):
        return MISSING
    return html.escape(str(value), quote=True)


def heading(section_id: str, title: str, level: int = 2) -> str:
    """``<h2 id=...>`` (or h3): the table of contents lists the headings that have an id."""
    ident = f' id="{esc(section_id)}"' if section_id else ""
    return f"<h{level}{ident}>{esc(title)}</h{level}>"


def paragraph(content: str, css_class: str = "") -> str:
    """A paragraph of plain text (escaped)."""
    attr = f' class="{css_class}"' if css_class else ""
    return f"<p{attr}>{_keep_periods(esc(content))}</p>"


_PERIOD = re.compile(r"\b(\d{4})-(\d{4})\b")


def _keep_periods(escaped: str) -> str:
    """Periods (``2021-2023``) of escaped text are never broken across two lines."""
    return _PERIOD.sub(r'<span class="pm-nowrap">\1-\2</span>', escaped)


def chart(fig, caption: str | None = None, *, caption_html: str | None = None) -> str:
    """A plotly figure in a ``figure.pm-chart`` (never split across pages), with an optional caption (plain text,
    or ``caption_html`` already made safe)."""
    note = caption_html or (esc(caption) if caption else "")
    note = f"<figcaption>{note}</figcaption>" if note else ""
    return f'<figure class="pm-chart">{figure_html(fig)}{note}</figure>'


def benchmark_source(benchmark, lang: str) -> str:
    """The caption of a chart with a benchmark: its source (a link) and the partnership's note on it, as HTML."""
    link = f'<a href="{esc(benchmark.source_url)}">{esc(benchmark.source_title)}</a>'
    # the UI string is reviewed text without markup (checked when read): filled with escaped values
    note = _keep_periods(esc(benchmark.note.get(lang, ""))) if benchmark.note else ""
    return text("benchmark_source", lang, source=link) + (f" {note}" if note else "")


def row_reason(row, lang: str) -> str:
    """Why the value of a KPI table row is null, in ``lang`` (from ``reason_code`` and ``reason_params``)."""
    def cell(name):
        return row[name] if name in row.index else None

    return reason_text(cell("reason_code"), cell("reason_params"), lang, fallback=cell("reason"))


def message_list(messages: Sequence[str], lang: str | None = None) -> str:
    """The key messages as a ``ul.pm-messages`` (a note when there is none)."""
    if not messages:
        return paragraph(text("no_messages", lang), "pm-note")
    items = "".join(f"<li>{_keep_periods(esc(m))}</li>" for m in messages)
    return f'<ul class="pm-messages">{items}</ul>'


class Footnotes:
    """Numbered reasons of the null values of one table (the same reason keeps its number)."""

    def __init__(self, lang: str):
        self.lang = lang
        self.reasons: list[str] = []

    def number(self, reason: str) -> int:
        """The footnote number of ``reason`` (the same reason keeps its number)."""
        if reason not in self.reasons:
            self.reasons.append(reason)
        return self.reasons.index(reason) + 1

    def mark(self, reason: str) -> str:
        """The footnote mark of ``reason``."""
        return f'<sup class="pm-fn">{self.number(reason)}</sup>'

    def null(self, reason: str) -> str:
        """``—`` with the reason (text in the table's language) as a tooltip and a footnote number."""
        return f'<span class="pm-null" title="{esc(reason)}">{MISSING}</span>{self.mark(reason)}'

    def html(self) -> str:
        if not self.reasons:
            return ""
        items = "".join(f"<li>{esc(r)}</li>" for r in self.reasons)
        return f'<ol class="pm-footnotes" aria-label="{esc(text("notes", self.lang))}">{items}</ol>'


def value_html(value, unit: str, lang: str, reason: str, notes: Footnotes | None) -> str:
    """A KPI value in the reader's locale, or ``—`` with its ``reason`` (text in ``lang``; a footnote when
    ``notes`` is given)."""
    if not is_missing(value):
        return esc(format_value(value, unit, lang))
    if notes is None:
        return f'<span class="pm-null" title="{esc(reason)}">{MISSING}</span>'
    return notes.null(reason)


def status_badge(status, lang: str) -> str:
    """The status mark (``met``, ``close``, ``missed``, ``review``; ``not computable`` when a target has no value):
    the status colour, a symbol and a word (see :func:`.scorecard.status_badge`)."""
    from .scorecard import status_badge as badge

    return badge(status, lang)


def change_html(value, reference, unit: str, direction: str, lang: str, *, rounded: bool = False) -> str:
    """The change of ``value`` against ``reference``: points for shares, the difference for a count below
    :data:`~partnership_metrics.kpis.formatting.MIN_PERCENT_BASE`, a per-cent change otherwise; coloured when
    it is better (``pm-better``) or worse (``pm-worse``) in the KPI's direction. ``rounded``: money as k€/M€."""
    if is_missing(value) or is_missing(reference):
        return MISSING
    diff = value - reference
    shown = format_change_against(value, reference, unit, lang, rounded=rounded)
    css = ""
    if abs(diff) > 1e-12:
        css = "pm-better" if (diff > 0) == (direction == "up") else "pm-worse"
    return f'<span class="{css}">{esc(shown)}</span>' if css else esc(shown)


def _rows(kpis: pd.DataFrame, period: str) -> pd.DataFrame:
    return kpis[kpis["period"] == period].set_index("kpi_id")


@dataclass
class Annotations:
    """What a report adds to the cells of its KPI tables and tiles, keyed by ``(kpi_id, period)``.

    ``too_early``: a value shown as "too early" (a cohort too young to be judged) with its reason; ``details``: a
    second line under a value (``1 funded / 5 decided, 5 pending``); ``flags``: a target's issues in a few words
    (``inconsistent with the yearly targets``: footnotes of the tables), ``flag_details``: the same with the numbers
    (tiles);
    ``statuses``: a status shown instead of the KPI table's (``review``: a target that cannot be reached);
    ``extras``: lines added to a KPI's headline tile (kpi_id only); ``footnotes``: a note on a value, numbered
    under its table.
    """

    too_early: dict = field(default_factory=dict)
    details: dict = field(default_factory=dict)
    flags: dict = field(default_factory=dict)
    flag_details: dict = field(default_factory=dict)
    statuses: dict = field(default_factory=dict)
    extras: dict = field(default_factory=dict)
    footnotes: dict = field(default_factory=dict)


def _status(row, kpi_id: str, period: str, notes: Annotations):
    return notes.statuses.get((kpi_id, period), row["status"])


# ---- headline tiles ----------------------------------------------------------------------------------------

def kpi_tiles(kpis: pd.DataFrame, kpi_ids: Iterable[str], lang: str, *, scope: str, baseline: str,
              notes: Annotations | None = None) -> str:
    """Headline tiles for ``kpi_ids``: value of ``scope`` (money rounded: ``18,4 M€``), target and status, change
    against the baseline and against the year before (for a period: its last year against the year before it),
    and the report's ``notes`` (pending outcomes, interval, benchmark, target flags)."""
    check_lang(lang)
    notes = notes or Annotations()
    current = _rows(kpis, scope)
    years = [p for p in dict.fromkeys(kpis["period"]) if "-" not in str(p)]
    last = _rows(kpis, years[-1]) if years else None
    tiles = []
    for kpi_id in kpi_ids:
        if kpi_id in current.index:
            year_row = last.loc[kpi_id] if last is not None and kpi_id in last.index else None
            tiles.append(_tile(kpi_id, current.loc[kpi_id], year_row, years[-1] if years else None, lang,
                               baseline=baseline, scope=scope, notes=notes))
    return f'<div class="pm-tiles">{"".join(tiles)}</div>'


def _tile(kpi_id: str, row, year_row, year, lang: str, *, baseline: str, scope: str, notes: Annotations) -> str:
    # The UI templates are our own text (no markup characters): filled with escaped values and change HTML.
    unit, direction = row["unit"], row["direction"]
    single = "-" not in scope
    status = _status(row, kpi_id, scope, notes) if not is_missing(row["target"]) else "no_target"
    css = f"status-{status}" if isinstance(status, str) else "status-unknown"
    meta = []
    if is_missing(row["target"]):
        meta.append(esc(text("no_target_tile", lang)))
    else:
        target = text("target_tile", lang, target=format_rounded(row["target"], unit, lang))
        meta.append(f"{status_badge(status, lang)} {esc(target)}")
    if not is_missing(row["baseline"]) and not is_missing(row["value"]):
        key = "baseline_avg_tile" if single and get_kpi(kpi_id).additive else "baseline_tile"
        change = change_html(row["value"], row["baseline"], unit, direction, lang, rounded=True)
        meta.append(text(key, lang, baseline=esc(baseline), change=change,
                         value=esc(format_rounded(row["baseline"], unit, lang))))
    if year_row is not None and not is_missing(year_row["value"]) and not is_missing(year_row["previous"]):
        change = change_html(year_row["value"], year_row["previous"], unit, direction, lang, rounded=True)
        previous = int(year) - 1
        if single:
            meta.append(text("previous_year_tile", lang, previous=previous, change=change,
                             value=esc(format_rounded(year_row["previous"], unit, lang))))
        else:
            meta.append(text("previous_tile", lang, year=esc(year), previous=previous, change=change,
                             value=esc(format_rounded(year_row["value"], unit, lang))))
    meta += [esc(line) for line in notes.extras.get(kpi_id, ())]
    meta += [f'<span class="pm-flag">⚑ {esc(flag)}</span>' for flag in notes.flag_details.get((kpi_id, scope), ())]
    if is_missing(row["value"]):
        reason = esc(notes.too_early.get((kpi_id, scope)) or row_reason(row, lang))
        value = f'<span class="pm-null" title="{reason}">{MISSING}</span>'
        meta.append(reason)
    else:
        value = esc(format_rounded(row["value"], unit, lang))
    meta_html = "".join(f'<p class="pm-tile-meta">{m}</p>' for m in meta)
    return (f'<div class="pm-tile {css}" data-kpi="{esc(kpi_id)}"><p class="pm-tile-label">{esc(row["label"])}</p>'
            f'<p class="pm-tile-value">{value}</p>{meta_html}</div>')


# ---- KPI tables --------------------------------------------------------------------------------------------

def kpi_table(kpis: pd.DataFrame, kpi_ids: Iterable[str], lang: str, *, baseline: str,
              caption: str | None = None, notes: Annotations | None = None) -> str:
    """The KPI table of a section: for a period, each year, the period, target, status, baseline and change;
    for one year, the year, target, status, the year before, the baseline (yearly average for counts and sums)
    and the changes. Values are exact (money to the euro); ``notes`` add "too early" cells, second lines under
    values and flags on targets, explained in the numbered notes under the table."""
    check_lang(lang)
    notes = notes or Annotations()
    periods = list(dict.fromkeys(kpis["period"]))
    pooled = [p for p in periods if "-" in str(p)]
    kpi_ids = [k for k in kpi_ids if k in set(kpis["kpi_id"])]
    if pooled:
        return _period_table(kpis, kpi_ids, lang, periods, pooled[-1], baseline, caption, notes)
    return _year_table(kpis, kpi_ids, lang, periods[-1], baseline, caption, notes)


def _th(label: str, numeric: bool = True) -> str:
    return f'<th class="num">{label}</th>' if numeric else f"<th>{label}</th>"


def _td(content: str, numeric: bool = True, css: str = "", title: str = "") -> str:
    classes = " ".join(c for c in ("num" if numeric else "", css) if c)
    attrs = (f' class="{classes}"' if classes else "") + (f' title="{esc(title)}"' if title else "")
    return f"<td{attrs}>{content}</td>"


def _label_cell(row) -> str:
    return f'<th scope="row">{esc(row["label"])}</th>'


def _cell(row, kpi_id: str, period: str, lang: str, footnotes: Footnotes, notes: Annotations) -> str:
    """A value cell: the value, "too early" with its note, or ``—`` with its reason; then its second line."""
    early = notes.too_early.get((kpi_id, period))
    if early:
        shown = f'<span class="pm-early">{esc(text("too_early", lang))}</span>{footnotes.mark(early)}'
    else:
        shown = value_html(row["value"], row["unit"], lang, row_reason(row, lang), footnotes)
    note = notes.footnotes.get((kpi_id, period))
    if note:
        shown += footnotes.mark(note)
    detail = notes.details.get((kpi_id, period))
    return shown + (f'<span class="pm-detail">{esc(detail)}</span>' if detail else "")


def flag_marks(flags: Sequence[str], footnotes: Footnotes) -> str:
    """⚑ and the footnote numbers of a target's issues (the issues worded under the table)."""
    if not flags:
        return ""
    numbers = ",".join(str(footnotes.number(f)) for f in flags)
    return (f'<span class="pm-flag-mark" title="{esc(" ; ".join(flags))}">⚑<sup class="pm-fn">{numbers}</sup>'
            "</span>")


def _target_cell(row, kpi_id: str, period: str, lang: str, footnotes: Footnotes, notes: Annotations) -> str:
    shown = esc(format_value(row["target"], row["unit"], lang))
    return shown + flag_marks(notes.flags.get((kpi_id, period), ()), footnotes)


def _period_table(kpis, kpi_ids, lang, periods, scope, baseline, caption, notes: Annotations) -> str:
    years = [p for p in periods if "-" not in str(p)]
    rows_by_period = {p: _rows(kpis, p) for p in periods}
    footnotes = Footnotes(lang)
    head = (_th(esc(text("indicator", lang)), False) + "".join(_th(esc(y)) for y in years)
            + _th(f"<strong>{esc(scope)}</strong>") + _th(esc(text("target", lang)))
            + _th(esc(text("status", lang)), False) + _th(esc(baseline))
            + _th(esc(text("change", lang))))
    body = []
    for kpi_id in kpi_ids:
        row = rows_by_period[scope].loc[kpi_id]
        unit = row["unit"]
        cells = [_label_cell(row)]
        for y in years:
            year_row = rows_by_period[y].loc[kpi_id]
            title = ""
            if not is_missing(year_row["target"]):
                title = text("year_target", lang, year=y, target=format_value(year_row["target"], unit, lang))
            cells.append(_td(_cell(year_row, kpi_id, y, lang, footnotes, notes), title=title))
        cells.append(_td(f"<strong>{_cell(row, kpi_id, scope, lang, footnotes, notes)}</strong>"))
        cells.append(_td(_target_cell(row, kpi_id, scope, lang, footnotes, notes)))
        cells.append(_td(status_badge(_status(row, kpi_id, scope, notes), lang)
                         if not is_missing(row["target"]) else "", False))
        cells.append(_td(_baseline_html(row, lang)))
        cells.append(_td(MISSING if _early(notes, kpi_id, scope) else
                         change_html(row["value"], row["baseline"], unit, row["direction"], lang)))
        body.append(f"<tr>{''.join(cells)}</tr>")
    return _table(head, body, caption, footnotes, "pm-kpi-table pm-kpi-period")


def _year_table(kpis, kpi_ids, lang, year, baseline, caption, notes: Annotations) -> str:
    rows = _rows(kpis, year)
    previous = str(int(year) - 1)
    footnotes = Footnotes(lang)
    head = (_th(esc(text("indicator", lang)), False) + _th(f"<strong>{esc(year)}</strong>")
            + _th(esc(text("target", lang))) + _th(esc(text("status", lang)), False) + _th(esc(previous))
            + _th(esc(text("vs", lang, reference=previous))) + _th(esc(text("baseline_avg", lang, baseline=baseline)))
            + _th(esc(text("vs", lang, reference=baseline))))
    body = []
    for kpi_id in kpi_ids:
        row = rows.loc[kpi_id]
        unit, direction = row["unit"], row["direction"]
        cells = [
            _label_cell(row),
            _td(f"<strong>{_cell(row, kpi_id, year, lang, footnotes, notes)}</strong>"),
            _td(_target_cell(row, kpi_id, year, lang, footnotes, notes)),
            _td(status_badge(_status(row, kpi_id, year, notes), lang) if not is_missing(row["target"]) else "",
                False),
            _td(_previous_cell(row, kpi_id, previous, lang, footnotes, notes)),
            _td(MISSING if _early(notes, kpi_id, year, previous) else
                change_html(row["value"], row["previous"], unit, direction, lang)),
            _td(_baseline_html(row, lang)),
            _td(MISSING if _early(notes, kpi_id, year) else  # a value not judged is not compared either
                change_html(row["value"], row["baseline"], unit, direction, lang)),
        ]
        body.append(f"<tr>{''.join(cells)}</tr>")
    return _table(head, body, caption, footnotes, "pm-kpi-table pm-kpi-year")


def _early(notes: Annotations, kpi_id: str, *periods: str) -> bool:
    return any((kpi_id, p) in notes.too_early for p in periods)


def _previous_cell(row, kpi_id: str, previous: str, lang: str, footnotes: Footnotes, notes: Annotations) -> str:
    early = notes.too_early.get((kpi_id, previous))
    if early:
        return f'<span class="pm-early">{esc(text("too_early", lang))}</span>{footnotes.mark(early)}'
    return esc(format_value(row["previous"], row["unit"], lang))


def _baseline_html(row, lang: str) -> str:
    if is_missing(row["baseline"]):
        return f'<span class="pm-null" title="{esc(text("no_baseline_value", lang))}">{MISSING}</span>'
    return esc(format_value(row["baseline"], row["unit"], lang))


def _table(head: str, body: list[str], caption: str | None, notes: Footnotes | None, css: str) -> str:
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    table = (f'<table class="pm-table {css}">{cap}<thead><tr>{head}</tr></thead>'
             f"<tbody>{''.join(body)}</tbody></table>")
    return f'<div class="pm-table-wrap">{table}{notes.html() if notes else ""}</div>'


def review_table(rows: Sequence[tuple[str, Sequence[tuple[str, str]]]], lang: str) -> str:
    """The targets' review: one row per indicator, ``(label, [(period, issue in words), ...])``."""
    head = _th(esc(text("indicator", lang)), False) + _th(esc(text("review_issue", lang)), False)
    body = []
    for label, issues in rows:
        items = "".join(f'<li><span class="pm-review-period">{esc(period)}</span> {esc(issue)}</li>'
                        for period, issue in issues)
        body.append(f'<tr><th scope="row">{esc(label)}</th>{_td(f"<ul>{items}</ul>", False)}</tr>')
    return _table(head, body, None, None, "pm-review")


def kpi_definitions(kpi_ids: Iterable[str], lang: str) -> str:
    """The definitions of ``kpi_ids``, printed under the table that shows them (jargon explained where it
    appears)."""
    items = []
    for kpi_id in kpi_ids:
        kpi = get_kpi(kpi_id)
        items.append(f"<dt>{esc(kpi.label(lang))}</dt><dd>{esc(kpi.definition(lang))}</dd>")
    if not items:
        return ""
    return (f'<dl class="pm-kpi-definitions" aria-label="{esc(text("definitions", lang))}">'
            f'{"".join(items)}</dl>')


# ---- start-ups ---------------------------------------------------------------------------------------------

def startups_table(startups: pd.DataFrame, rounds: pd.DataFrame | None, lang: str, *, end, caption: str,
                   institution_names: dict[str, str] | None = None) -> str:
    """The start-ups of ``startups`` (name, creation date, institution, i-Lab, status, employees) and the funds
    each raised up to ``end``; names and institutions are data and are escaped."""
    check_lang(lang)
    end = pd.Timestamp(end)
    raised = {}
    if rounds is not None and not rounds.empty:
        upto = rounds[rounds["round_date"] <= end]
        raised = upto.groupby("startup_id")["amount_eur"].sum().to_dict()
    names = institution_names or {}
    head = (_th(esc(text("startup_name", lang)), False) + _th(esc(text("creation_date", lang)), False)
            + _th(esc(text("institution", lang)), False) + _th(esc(text("ilab", lang)), False)
            + _th(esc(text("startup_status", lang)), False) + _th(esc(text("employees", lang)))
            + _th(esc(text("funds_raised_to", lang, year=end.year))))
    body = []
    for _, s in startups.sort_values(["creation_date", "name"]).iterrows():
        institution = s["lead_institution"]
        inst_title = names.get(str(institution), "") if not is_missing(institution) else ""
        ilab = s["ilab_laureate"]
        ilab_text = MISSING if is_missing(ilab) else text("yes" if bool(ilab) else "no", lang)
        employees = s["employees"]
        funds = raised.get(s["startup_id"])
        body.append("<tr>" + "".join([
            f'<th scope="row">{esc(s["name"])}</th>',
            _td(esc(format_date(s["creation_date"], lang)), False),
            _td(esc(code_label("institution", institution, lang)), False, css="pm-wrap", title=inst_title),
            _td(esc(ilab_text), False),
            _td(esc(code_label("startup_status", s["status"], lang)), False),
            _td(MISSING if is_missing(employees) else esc(format_value(int(employees), "count", lang))),
            _td(_funds(funds, rounds is not None, lang)),
        ]) + "</tr>")
    return _table(head, body, caption, None, "pm-startups")


def _funds(amount, known: bool, lang: str) -> str:
    """Funds raised: ``—`` when the rounds table is absent, 0 when it is present and holds no round."""
    if not known:
        return MISSING
    return esc(format_value(0.0 if amount is None else amount, "eur", lang))


# ---- appendix ----------------------------------------------------------------------------------------------

def definitions(catalogue: pd.DataFrame, lang: str) -> str:
    """One table per area: each KPI's label, id, unit, direction and definition (``catalogue_frame(lang)``)."""
    check_lang(lang)
    parts = []
    for area, labels in areas().items():
        rows = catalogue[catalogue["area"] == area]
        if rows.empty:
            continue
        head = (_th(esc(text("indicator", lang)), False) + _th(esc(text("unit", lang)), False)
                + _th(esc(text("direction", lang)), False) + _th(esc(text("definition", lang)), False))
        body = [
            "<tr>" + "".join([
                f'<th scope="row">{esc(r["label"])}<br><code class="pm-kpi-id">{esc(r["kpi_id"])}</code></th>',
                _td(esc(r["unit_label"]), False),
                _td(esc(r["direction_label"]), False),
                _td(esc(r["definition"]), False),
            ]) + "</tr>"
            for _, r in rows.iterrows()
        ]
        parts.append(_table(head, body, labels[lang], None, "pm-definitions"))
    return "".join(parts)
