"""The partner contribution and value-for-money section: what each partner, and the two together, brought in the
period (projects sourced and supported, money committed, events, EU support, the outcomes of the projects they
support), the cost per outcome and the leverage — with the caveat that neither measures additionality.

The numbers come from :func:`partnership_metrics.kpis.portfolio.partner_contributions`; joint actions are counted
once, as joint, never in a partner's column.
"""

from __future__ import annotations

from ..kpis.formatting import MISSING, format_value
from ..kpis.periods import parse_period
from ..kpis.portfolio import partner_contributions
from ..values import is_missing
from . import memo, review_charts
from .i18n import code_label
from .review_common import definitions, note, rt, simple_table
from .sections import chart, esc, paragraph

MEASURES = (  # (column, unit), in the table's order
    ("projects_sourced", "count"), ("projects_supported", "count"), ("committed_eur", "eur"),
    ("events_organised", "count"), ("attendees", "count"), ("eu_supported", "count"), ("eu_funded", "count"),
    ("eu_granted_eur", "eur"), ("licences", "count"), ("startups", "count"), ("outcomes", "count"),
    ("cost_per_outcome_eur", "eur"), ("external_eur", "eur"), ("leverage", "ratio"),
)
DEFINED = ("projects_sourced", "projects_supported", "committed_eur", "outcomes", "cost_per_outcome_eur", "leverage")


def contribution_parts(tables: dict, *, scope: str, baseline: str, lang: str, partnership) -> list[str]:
    """The HTML parts of the section (after its heading)."""
    years = range(parse_period(scope)[0], parse_period(scope)[1] + 1)
    base_years = range(parse_period(baseline)[0], parse_period(baseline)[1] + 1)
    funders = {p.code: p.funder for p in partnership.partners}
    parts = [paragraph(rt("intro_contributions", lang, period=scope), "pm-lead")]
    if not any(tables.get(t) is not None for t in ("projects", "funding", "events", "eu_proposals")):
        return parts + [note(rt("no_contribution_table", lang))]
    period, base = memo.shared(tables, "partner_contributions", (tuple(years), tuple(base_years), funders),
                               lambda: (partner_contributions(tables, years, funders),
                                        partner_contributions(tables, base_years, funders)))
    parts.append(chart(review_charts.contributions_chart(period, lang, partnership)))
    parts.append(contributions_table(period, base, lang, scope=scope, baseline=baseline, partnership=partnership))
    parts.append(paragraph(rt("additionality_caveat", lang), "pm-caveat"))
    parts.append(definitions([(rt(f"measure_{m}", lang), rt(f"def_{m}", lang)) for m in DEFINED], lang))
    return parts


def contributions_table(period, base, lang: str, *, scope: str, baseline: str, partnership) -> str:
    """One row per measure, one column per partner and joint: the period's value, the baseline's under it."""
    who = list(period["partner"])
    head = [(rt("col_measure", lang, period=scope), False)]
    head += [(code_label("organiser", w, lang, partnership), True) for w in who]
    p, b = period.set_index("partner"), base.set_index("partner")
    rows = []
    for column, unit in MEASURES:
        if column not in p.columns:
            continue
        cells = [esc(rt(f"measure_{column}", lang))]
        for w in who:
            cells.append(_cell(p.loc[w, column], b.loc[w, column] if column in b.columns else None, unit, lang,
                               baseline))
        rows.append(cells)
    return simple_table(head, rows, "pm-contributions", caption=rt("table_contributions", lang, period=scope))


def _cell(value, before, unit: str, lang: str, baseline: str) -> str:
    shown = MISSING if is_missing(value) else format_value(value, unit, lang)
    if is_missing(before):
        return esc(shown)
    reference = rt("in_baseline", lang, baseline=baseline, value=format_value(before, unit, lang))
    return f'{esc(shown)}<span class="pm-detail">{esc(reference)}</span>'
