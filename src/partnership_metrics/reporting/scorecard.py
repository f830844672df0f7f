"""The exceptions-first scorecard: every targeted KPI of a report's scope as a share of its target, grouped by the
partnership's aims (``vocab/aims.yaml``), missed first, then close, then met; beside each miss the partners' comment
or what the data says, and a flag on a target that cannot mean anything (see :mod:`.targets_review`).

:func:`scorecard_rows` builds the rows (a pure function of the KPI table, the reviews and the explanations);
:func:`scorecard_html` lays them out; :func:`status_badge` is the one status mark of the reports: a colour reserved
for status, a symbol and a word, so that colour is never the only cue.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

import pandas as pd
from babel.numbers import format_percent

from ..kpis.catalogue import catalogue, get_kpi, status_labels
from ..kpis.formatting import LOCALES, format_value
from ..resources import packaged_yaml
from ..values import is_missing
from .i18n import code_label, text
from .targets_review import UNREACHABLE, TargetIssue

REVIEW = "review"  # a target that cannot be reached: not scored
STATUS_ORDER = ("missed", "close", REVIEW, "unknown", "met")  # exceptions first
BAR_MAX = 1.5  # the bar of a KPI at 150 % of its target or more is full
PERCENT = {"fr": "#,##0\u00a0%", "en": "#,##0%"}  # share of the target: whole per cents


@dataclass(frozen=True)
class Aim:
    id: str
    label: dict  # lang -> text
    kpis: tuple[str, ...]
    areas: tuple[str, ...] = ()  # the catalogue areas it takes whole (a user's own KPI joins its area's aim)


@cache
def aims() -> tuple[Aim, ...]:
    """The partnership's aims and their KPIs, in report order (``vocab/aims.yaml``; each KPI in exactly one)."""
    data = packaged_yaml("aims.yaml")["aims"]
    found, seen = [], {}
    moved = {k for a in data for k in a.get("kpis") or ()}
    for entry in data:
        kpis = [k.id for k in catalogue() if k.area in (entry.get("areas") or ()) and k.id not in moved]
        kpis += list(entry.get("kpis") or ())
        for kpi_id in kpis:
            if kpi_id in seen:
                raise ValueError(f"aims.yaml: {kpi_id} is in the aims {seen[kpi_id]} and {entry['id']}")
            seen[kpi_id] = entry["id"]
        found.append(Aim(entry["id"], dict(entry["label"]), tuple(kpis), tuple(entry.get("areas") or ())))
    missing = [k.id for k in catalogue() if k.id not in seen]
    if missing:
        raise ValueError(f"aims.yaml: no aim for {', '.join(missing)}")
    return tuple(found)


def aim_of(kpi_id: str) -> Aim:
    """The aim ``kpi_id`` serves (a user's own KPI: the aim of its area, else the last aim)."""
    for aim in aims():
        if kpi_id in aim.kpis:
            return aim
    area = get_kpi(kpi_id).area
    return next((aim for aim in aims() if area in aim.areas), aims()[-1])


def attainment(value, target, direction: str) -> float | None:
    """How far a value goes toward its target: ``value / target`` (higher is better) or ``target / value`` (lower
    is better, so that 1 is met and less is worse either way); None when it cannot be said."""
    if is_missing(value) or is_missing(target):
        return None
    if direction == "up":
        return None if target == 0 else value / target
    if value == 0:
        return BAR_MAX if target >= 0 else None
    return target / value if target > 0 else None


@dataclass(frozen=True)
class ScoreRow:
    """One targeted KPI of the scorecard."""

    kpi_id: str
    aim: str
    label: str
    status: str  # met, close, missed, review (target not scored), unknown (no value)
    value: float | None
    target: float
    unit: str
    attainment: float | None
    issues: tuple[TargetIssue, ...] = ()
    explanation: str = ""  # the partners' comment or the drivers found in the data
    commented: bool = False  # the explanation is the partners' own
    extra: dict = field(default_factory=dict)
    direction: str = "up"  # "down": lower is better


def scored_status(row, issues: Sequence[TargetIssue]) -> str:
    """The status a report shows: ``review`` for an unreachable target, ``unknown`` for a target without value,
    else the KPI table's."""
    if any(i.code == UNREACHABLE for i in issues):
        return REVIEW
    status = row["status"]
    return "unknown" if is_missing(status) or status not in ("met", "close", "missed") else status


def scorecard_rows(kpis: pd.DataFrame, scope: str, *, issues: Sequence[TargetIssue] = (),
                   explain: Mapping[str, tuple[str, bool]] | None = None) -> list[ScoreRow]:
    """The rows of ``scope`` that have a target, by aim (in :func:`aims` order), each aim's exceptions first
    (:data:`STATUS_ORDER`), then furthest from target first. ``explain``: kpi_id -> (text, is the partners' own)."""
    explain = explain or {}
    rows = kpis[(kpis["period"] == scope) & kpis["target"].notna()]
    order = {a.id: i for i, a in enumerate(aims())}
    found = []
    for _, row in rows.iterrows():
        own = tuple(i for i in issues if i.kpi_id == row["kpi_id"] and i.period == scope)
        status = scored_status(row, own)
        text_, commented = explain.get(row["kpi_id"], ("", False))
        found.append(ScoreRow(row["kpi_id"], aim_of(row["kpi_id"]).id, row["label"], status,
                              None if is_missing(row["value"]) else float(row["value"]), float(row["target"]),
                              row["unit"], attainment(row["value"], row["target"], row["direction"]), own, text_,
                              commented, direction=row["direction"]))
    found.sort(key=lambda r: (order[r.aim], STATUS_ORDER.index(r.status),
                              math.inf if r.attainment is None else r.attainment, r.kpi_id))
    return found


def counts(rows: Sequence[ScoreRow]) -> dict[str, int]:
    """How many rows of each status."""
    out = dict.fromkeys(STATUS_ORDER, 0)
    for r in rows:
        out[r.status] += 1
    return out


# ---- HTML ------------------------------------------------------------------------------------------------------

def _esc(value) -> str:
    return html.escape(str(value), quote=True)


def status_word(status, lang: str) -> str:
    """The word of a status in ``lang`` (``atteint``, ``cible à revoir``...)."""
    labels = status_labels()
    if status in labels:
        return labels[status][lang]
    return code_label("status", status if status in (REVIEW, "unknown") else "unknown", lang)


def status_badge(status, lang: str) -> str:
    """The status mark: a pill in the colour reserved for ``status``, with its symbol and its word."""
    if is_missing(status) or status not in (*status_labels(), REVIEW):
        status = "unknown"
    symbol = code_label("status_symbol", status, lang)
    return (f'<span class="pm-badge status-{status}"><span class="pm-status-symbol" aria-hidden="true">'
            f"{_esc(symbol)}</span>{_esc(status_word(status, lang))}</span>")


def _bar(row: ScoreRow, lang: str) -> str:
    if row.attainment is None:
        return '<span class="pm-null">—</span>'
    width = max(0.0, min(row.attainment, BAR_MAX)) / BAR_MAX * 100
    if row.direction == "down" and row.value == 0:  # no "target / value": the target is a ceiling, and 0 is under it
        shown = text("sc_zero_down", lang, value=format_value(0, row.unit, lang),
                     target=format_value(row.target, row.unit, lang))
    else:
        shown = format_percent(row.attainment, PERCENT[lang], locale=LOCALES[lang])
    return (f'<span class="pm-bar status-{row.status}" role="img" aria-label="{_esc(shown)}">'
            f'<span class="pm-bar-fill" style="width:{width:.1f}%"></span>'
            f'<span class="pm-bar-target" style="left:{100 / BAR_MAX:.1f}%"></span></span>'
            f'<span class="pm-bar-value">{_esc(shown)}</span>')


def scorecard_html(rows: Sequence[ScoreRow], lang: str, *, issue_note) -> str:
    """The scorecard table: one group of rows per aim. ``issue_note(issue) -> str`` words a target's issue."""
    aims_by_id = {a.id: a for a in aims()}
    head = "".join(f'<th class="{css}">{_esc(text(key, lang))}</th>' for key, css in (
        ("indicator", "pm-sc-label"), ("value", "num"), ("target", "num"), ("sc_attainment", "pm-sc-bar"),
        ("sc_why", "pm-sc-why")))
    body, current = [], None
    for row in rows:
        if row.aim != current:
            current = row.aim
            body.append(f'<tr class="pm-sc-aim"><th colspan="5" scope="colgroup">'
                        f"{_esc(aims_by_id[row.aim].label[lang])}</th></tr>")
        flags = [issue_note(i) for i in row.issues]  # worded in the appendix's review; here a mark, a tooltip
        marks = (f'<span class="pm-flag-mark" title="{_esc(" ; ".join(flags))}">⚑</span>' if flags else "")
        why = ""
        if row.explanation:
            css = "pm-comment" if row.commented else "pm-driver"
            why = f'<span class="{css}">{_esc(row.explanation)}</span>'
        cells = [
            f'<th scope="row" class="pm-sc-label">{status_badge(row.status, lang)}'
            f'<span class="pm-sc-name">{_esc(row.label)}</span></th>',
            f'<td class="num">{_esc(format_value(row.value, row.unit, lang))}</td>',
            f'<td class="num">{_esc(format_value(row.target, row.unit, lang))}{marks}</td>',
            f'<td class="pm-sc-bar">{_bar(row, lang)}</td>',
            f'<td class="pm-sc-why">{why}</td>',
        ]
        body.append(f'<tr class="pm-sc-row status-row-{row.status}" data-kpi="{_esc(row.kpi_id)}">'
                    f'{"".join(cells)}</tr>')
    return (f'<div class="pm-table-wrap pm-scorecard-wrap"><table class="pm-table pm-scorecard"><thead><tr>{head}'
            f'</tr></thead><tbody>{"".join(body)}</tbody></table></div>')
