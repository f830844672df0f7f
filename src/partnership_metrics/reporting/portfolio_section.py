"""The portfolio section: projects and the partners' money by lead institution and by technology type, events by
site and organiser, EU proposals and their success by programme — the period beside the baseline, as small
multiples readable on A4 and exact tables.

The numbers come from :mod:`partnership_metrics.kpis.portfolio`.
"""

from __future__ import annotations

from ..kpis.formatting import MISSING, format_value
from ..kpis.periods import parse_period
from ..kpis.portfolio import eu_by_programme, events_by, projects_by
from ..kpis.stats import SMALL_SAMPLE, wilson_interval
from . import memo, review_charts
from .i18n import text
from .review_common import definitions, group_name, groups_in_order, note, number, percent, rt, simple_table
from .sections import chart, esc, heading, paragraph

DIMENSIONS = ("lead_institution", "technology_type")


def portfolio_parts(tables: dict, *, scope: str, baseline: str, lang: str, partnership) -> list[str]:
    """The HTML parts of the section (after its heading)."""
    years = range(parse_period(scope)[0], parse_period(scope)[1] + 1)
    base_years = range(parse_period(baseline)[0], parse_period(baseline)[1] + 1)
    parts = [paragraph(rt("intro_portfolio", lang, period=scope, baseline=baseline), "pm-lead")]
    projects, funding = tables.get("projects"), tables.get("funding")
    if projects is not None:
        funders = partnership.partner_funders
        shared = memo.shared(tables, "projects_by", (tuple(base_years), tuple(years), funders), lambda: {
            d: (projects_by(projects, funding, d, base_years, funders), projects_by(projects, funding, d, years,
                                                                                    funders))
            for d in DIMENSIONS})
        by = {d: (base.copy(), period.copy()) for d, (base, period) in shared.items()}  # the chart sets their attrs
        parts.append(chart(review_charts.portfolio_projects(by, lang, scope=scope, baseline=baseline,
                                                            partnership=partnership)))
        for dimension, (base, period) in by.items():
            parts.append(_projects_table(dimension, base, period, lang, scope=scope, baseline=baseline,
                                         partnership=partnership, funding=funding is not None))
        parts.append(definitions([(rt("term_partner_funding", lang), rt("def_partner_funding", lang)),
                                  (rt("term_share_projects", lang), rt("def_share_projects", lang))], lang))
    else:
        parts.append(note(rt("no_projects_table", lang)))
    events = tables.get("events")
    parts.append(heading("", rt("events_by_site_title", lang, period=scope), 3))
    if events is not None:
        parts.append(chart(review_charts.events_by_site(events_by(events, years), lang, partnership)))
    else:
        parts.append(note(rt("no_events_table", lang)))
    proposals = tables.get("eu_proposals")
    parts.append(heading("", rt("eu_by_programme_title", lang, period=scope), 3))
    if proposals is not None:
        period, base = eu_by_programme(proposals, years), eu_by_programme(proposals, base_years)
        parts.append(chart(review_charts.eu_by_programme_chart(period, lang, partnership)))
        parts.append(_eu_table(period, base, lang, scope=scope, baseline=baseline, partnership=partnership))
        parts.append(definitions([(rt("term_success_rate", lang), rt("def_success_rate", lang))], lang))
    else:
        parts.append(note(rt("no_eu_table", lang)))
    return parts


def _projects_table(dimension: str, base, period, lang: str, *, scope: str, baseline: str, partnership,
                    funding: bool) -> str:
    order = groups_in_order([*period["value"].astype(str), *base["value"].astype(str)])
    b, p = base.set_index(base["value"].astype(str)), period.set_index(period["value"].astype(str))
    head = [(rt(f"col_{dimension}", lang), False), (rt("col_projects_in", lang, period=baseline), True),
            (rt("col_projects_in", lang, period=scope), True), (rt("col_share_in", lang, period=scope), True)]
    if funding:
        head += [(rt("col_partner_funding_in", lang, period=baseline), True),
                 (rt("col_partner_funding_in", lang, period=scope), True)]
    rows = []
    for value in order:
        cells = [esc(group_name(dimension, value, lang, partnership)),
                 number(b["projects"].get(value, 0), "count", lang), number(p["projects"].get(value, 0), "count", lang),
                 number(p["share_projects"].get(value, 0.0), "share", lang)]
        if funding:
            cells += [number(b["partner_funding_eur"].get(value, 0.0), "eur", lang),
                      number(p["partner_funding_eur"].get(value, 0.0), "eur", lang)]
        rows.append(cells)
    total = [f"<strong>{esc(rt('total', lang))}</strong>", number(int(base["projects"].sum()), "count", lang),
             number(int(period["projects"].sum()), "count", lang), number(1.0 if len(period) else 0.0, "share", lang)]
    if funding:
        total += [number(float(base["partner_funding_eur"].sum()), "eur", lang),
                  number(float(period["partner_funding_eur"].sum()), "eur", lang)]
    rows.append(total)
    return simple_table(head, rows, "pm-portfolio", caption=rt(f"table_by_{dimension}", lang))


def _rate_cell(row, lang: str) -> str:
    if not row["decided"]:
        return esc(rt("no_decision", lang))
    rate = esc(format_value(row["success_rate"], "share", lang))
    detail = text("rate_detail", lang, funded=row["funded"], decided=row["decided"])
    if row["pending"]:
        detail = text("rate_detail_pending", lang, funded=row["funded"], decided=row["decided"],
                      pending=row["pending"])
    extra = ""
    if row["decided"] < SMALL_SAMPLE:
        low, high = wilson_interval(int(row["funded"]), int(row["decided"]))
        extra = f'<span class="pm-detail">{esc(rt("interval", lang, low=percent(low, lang), high=percent(high, lang)))}</span>'
    return f'{rate}<span class="pm-detail">{esc(detail)}</span>{extra}'


def _eu_table(period, base, lang: str, *, scope: str, baseline: str, partnership) -> str:
    head = [(rt("col_programme", lang), False), (rt("col_submitted_in", lang, period=baseline), True),
            (rt("col_submitted_in", lang, period=scope), True), (rt("col_success_in", lang, period=scope), True),
            (rt("col_granted_in", lang, period=scope), True)]
    b = base.set_index("programme") if not base.empty else base
    rows = []
    for _, row in period.sort_values(["submitted", "programme"], ascending=[False, True]).iterrows():
        before = int(b.loc[row["programme"], "submitted"]) if not b.empty and row["programme"] in b.index else 0
        rows.append([esc(group_name("programme", row["programme"], lang, partnership)),
                     number(before, "count", lang), number(int(row["submitted"]), "count", lang),
                     _rate_cell(row, lang), number(row["granted_eur"], "eur", lang)])
    shown = set(period["programme"]) if not period.empty else set()
    for programme, row in (b.sort_values("submitted", ascending=False).iterrows() if not b.empty else ()):
        if programme not in shown and row["submitted"]:  # a programme of the baseline only: its column adds up
            rows.append([esc(group_name("programme", programme, lang, partnership)),
                         number(int(row["submitted"]), "count", lang), number(0, "count", lang), MISSING,
                         number(0.0, "eur", lang)])
    return simple_table(head, rows, "pm-portfolio", caption=rt("table_eu_by_programme", lang))
