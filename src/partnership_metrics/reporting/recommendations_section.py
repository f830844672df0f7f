"""The recommendations section: the partners' recommendations made at each review up to the report's, and their
follow-up (status, what was done, whether an open one is overdue) — or, without the optional ``recommendations``
table, what to supply for it to appear.

Statuses are words with a symbol, never the KPI status colours (kept for targets). The rows come from
:func:`partnership_metrics.kpis.recommendations.recommendations_followup`.
"""

from __future__ import annotations

from collections import Counter

from ..kpis.catalogue import get_kpi
from ..kpis.recommendations import recommendations_followup
from ..values import is_missing
from .i18n import format_date, typeset
from .review_common import group_row, note, rcode, rt, simple_table
from .sections import esc, paragraph

STATUS_SYMBOLS = {"done": "✓", "in_progress": "◔", "proposed": "○", "dropped": "✕", None: "·"}


def recommendation_parts(tables: dict, *, last_year: int, lang: str, as_of=None, supplied: str = "") -> list[str]:
    """The HTML parts of the section (after its heading); ``supplied``: the note, under the table, that the
    partners' words are in their language."""
    found = recommendations_followup(tables, up_to=last_year, as_of=as_of)
    if found is None:
        return [paragraph(rt("intro_recommendations", lang), "pm-lead"), _empty_state(lang)]
    parts = [paragraph(rt("intro_recommendations", lang), "pm-lead")]
    if found.empty:
        return parts + [note(rt("no_recommendation", lang, year=last_year))]
    counts = Counter(s if not is_missing(s) else None for s in found["status"])
    summary = rt("recommendations_count", lang, n=len(found), done=counts.get("done", 0),
                 in_progress=counts.get("in_progress", 0), dropped=counts.get("dropped", 0),
                 open=counts.get("proposed", 0) + counts.get(None, 0), overdue=int(found["overdue"].sum()))
    parts.append(paragraph(summary))
    head = [(rt("col_recommendation", lang), False), (rt("col_owner", lang), False), (rt("col_due", lang), False),
            (rt("col_status", lang), False), (rt("col_follow_up", lang), False)]
    rows: list = []
    for review, group in found.groupby("review", sort=False):
        key = "review_period" if "-" in str(review) else "review_year"
        rows.append(group_row(rt(key, lang, review=review), len(head)))
        for r in group.to_dict("records"):
            rows.append(_row(r, lang))
    parts.append(simple_table(head, rows, "pm-recommendations"))
    return parts + [supplied] if supplied else parts


def _row(r: dict, lang: str) -> list[str]:
    text = esc(typeset(str(r["recommendation"]), lang))
    if not is_missing(r["kpi_id"]):
        try:
            label = get_kpi(str(r["kpi_id"])).label(lang)
        except KeyError:
            label = str(r["kpi_id"])
        text += f'<span class="pm-detail">{esc(rt("aimed_at", lang, indicator=label))}</span>'
    due = esc(format_date(r["due_date"], lang)) if not is_missing(r["due_date"]) else "—"
    if r["overdue"]:
        due += f'<span class="pm-flag">⚑ {esc(rt("overdue", lang))}</span>'
    status = None if is_missing(r["status"]) else r["status"]
    word = rcode("recommendation_status", status, lang) if status else rt("no_follow_up", lang)
    shown = f'<span class="pm-rec-status">{STATUS_SYMBOLS.get(status, "·")} {esc(word)}</span>'
    follow = esc(typeset(str(r["follow_up"]), lang)) if not is_missing(r["follow_up"]) else \
        f'<span class="pm-early">{esc(rt("no_follow_up_yet", lang))}</span>'
    owner = esc(typeset(str(r["owner"]), lang)) if not is_missing(r["owner"]) else "—"
    return [text, owner, due, shown, follow]


def _empty_state(lang: str) -> str:
    """What to supply for the section to appear: the sheet and its columns, as the template names them."""
    from ..resources import packaged_yaml
    from ..schemas import TABLES

    vocab = packaged_yaml("columns.yaml").get("recommendations", {})
    sheet = vocab.get("sheet", {}).get(lang, "recommendations")
    names = vocab.get("columns", {})
    columns = ", ".join(names.get(c.name, {}).get(lang, c.name) + (" *" if c.required else "")
                        for c in TABLES["recommendations"].raw_columns)
    statuses = ", ".join(rcode("recommendation_status", s, lang) for s in TABLES["recommendations"].column("status").codes)
    return (f'<div class="pm-empty-state">{paragraph(rt("recommendations_empty", lang, sheet=sheet), "")}'
            f'{paragraph(rt("recommendations_empty_columns", lang, columns=columns, statuses=statuses), "")}'
            f'{paragraph(rt("recommendations_empty_template", lang), "")}</div>')

