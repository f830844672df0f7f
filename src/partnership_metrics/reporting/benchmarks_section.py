"""The public benchmarks section: the national i-Lab competition (laureates per year, nationally and in the
partnership's region, and the partnership's start-ups among them), Horizon Europe per programme (projects signed in
Europe, France's EU funding and share) beside the partnership's own EU results, and the benchmarks of the
partnership's file — each with its year and its source.

The figures come from the benchmark snapshot (:func:`partnership_metrics.benchmarks.load_snapshot`: the reference
folder's, else the one shipped with the package), matched with the partnership's tables.
"""

from __future__ import annotations

import pandas as pd

from ..benchmarks import load_snapshot
from ..benchmarks.ilab import match_companies
from ..errors import FatalInputError
from ..kpis.formatting import MISSING, format_value
from ..kpis.periods import parse_period, period_label
from ..kpis.portfolio import eu_by_programme
from . import review_charts
from .review_common import definitions, group_name, note, number, rt, simple_table, source_line
from .sections import Footnotes, chart, esc, heading, paragraph

PROGRAMMES = ("horizon_health", "cancer_mission", "erc", "msca", "eic")  # the partnership's EU programmes in CORDIS
FIRST_ILAB_YEAR_SHOWN = 2016  # the competition's categories changed in 2016: earlier counts are not comparable


def benchmark_parts(tables: dict, *, scope: str, baseline: str, lang: str, partnership, reference_dir=None,
                    fictional: bool = False) -> list[str]:
    """The HTML parts of the section (after its heading)."""
    parts = [paragraph(rt("intro_benchmarks", lang), "pm-lead")]
    try:
        snapshot = load_snapshot(reference_dir)
    except FatalInputError:
        return parts + [note(rt("no_snapshot", lang))]
    parts += _ilab(snapshot, tables, scope=scope, baseline=baseline, lang=lang, fictional=fictional)
    parts += _horizon(snapshot, tables, scope=scope, lang=lang, partnership=partnership)
    parts += _partnership_benchmarks(partnership, lang)
    return parts


# ---- i-Lab -------------------------------------------------------------------------------------------------

def _ilab(snapshot, tables: dict, *, scope: str, baseline: str, lang: str, fictional: bool) -> list[str]:
    parts = [heading("", rt("ilab_title", lang), 3)]
    laureates = snapshot.tables.get("ilab_laureates")
    if laureates is None:
        return parts + [note(rt("no_benchmark_table", lang))]
    region, region_name = snapshot.region.get("id", ""), snapshot.region.get("name", "")
    first, last = parse_period(scope)
    b_first, _ = parse_period(baseline)
    latest = int(laureates["year"].max())
    years = list(range(max(FIRST_ILAB_YEAR_SHOWN, min(b_first, latest)), latest + 1))
    startups = tables.get("startups")
    companies = snapshot.tables.get("ilab_companies")
    matched = match_companies(startups, companies) if companies is not None else pd.DataFrame(
        columns=["startup_id", "name", "year", "region", "matched_by"])
    per_year = matched.groupby("year").size().to_dict() if not matched.empty else {}
    parts.append(chart(review_charts.ilab_laureates(laureates, years, lang, region=region, region_name=region_name,
                                                    highlight=(first, last), partnership_years=per_year)))
    parts.append(_ilab_table(laureates, per_year, region=region, region_name=region_name, scope=scope,
                             baseline=baseline, lang=lang, matched=companies is not None))
    parts.append(paragraph(_laureates_sentence(startups, matched, scope=scope, lang=lang, fictional=fictional)))
    parts.append(source_line(snapshot.source_of("ilab_laureates"), lang))
    parts.append(definitions([(rt("term_ilab", lang), rt("def_ilab", lang)),
                              (rt("term_ilab_health", lang), rt("def_ilab_health", lang))], lang))
    return parts


def _ilab_table(laureates: pd.DataFrame, per_year: dict, *, region: str, region_name: str, scope: str,
                baseline: str, lang: str, matched: bool) -> str:
    table = laureates.set_index(["scope", "domain", "year"])["laureates"]
    columns = (("national", "all"), ("national", "health"), (region, "all"), (region, "health"))
    head = [(rt("col_year", lang), False), (rt("col_ilab_national", lang), True),
            (rt("col_ilab_national_health", lang), True), (rt("col_ilab_region", lang, region=region_name), True),
            (rt("col_ilab_region_health", lang, region=region_name), True)]
    if matched:
        head.append((rt("col_ilab_partnership", lang), True))
    rows = []
    for period in (baseline, scope):
        first, last = parse_period(period)
        span = range(first, last + 1)
        for year in span:
            cells = [esc(year)] + [number(int(table.get((s, d, year), 0)), "count", lang) for s, d in columns]
            if matched:
                cells.append(number(int(per_year.get(year, 0)), "count", lang))
            rows.append(cells)
        total = [f"<strong>{esc(period_label(first, last))}</strong>"]
        total += [f"<strong>{number(sum(int(table.get((s, d, y), 0)) for y in span), 'count', lang)}</strong>"
                  for s, d in columns]
        if matched:
            total.append(f"<strong>{number(sum(int(per_year.get(y, 0)) for y in span), 'count', lang)}</strong>")
        rows.append(total)
    return simple_table(head, rows, "pm-benchmark", caption=rt("table_ilab", lang))


def _laureates_sentence(startups, matched: pd.DataFrame, *, scope: str, lang: str, fictional: bool) -> str:
    if startups is None:
        return rt("ilab_no_startups_table", lang)
    declared = int(startups["ilab_laureate"].astype("boolean").fillna(False).sum()) if "ilab_laureate" in startups \
        else 0
    if matched.empty:
        sentence = rt("ilab_partnership_none", lang, startups=len(startups), declared=declared)
    else:
        names = ", ".join(f"{name} ({year})" for name, year in zip(matched["name"], matched["year"], strict=False))
        sentence = rt("ilab_partnership", lang, startups=len(startups), declared=declared, found=len(matched),
                      names=names)
    if fictional and matched.empty:
        sentence += " " + rt("ilab_fictional", lang)
    return sentence


# ---- Horizon Europe ----------------------------------------------------------------------------------------

def _horizon(snapshot, tables: dict, *, scope: str, lang: str, partnership) -> list[str]:
    parts = [heading("", rt("horizon_title", lang), 3)]
    projects, france = snapshot.tables.get("horizon_projects"), snapshot.tables.get("horizon_france_funding")
    if projects is None and france is None:
        return parts + [note(rt("no_benchmark_table", lang))]
    first, last = parse_period(scope)
    years = range(first, last + 1)
    proposals = tables.get("eu_proposals")
    ours = eu_by_programme(proposals, years).set_index("programme") if proposals is not None else None
    notes = Footnotes(lang)
    head = [(rt("col_programme", lang), False), (rt("col_he_projects", lang, period=scope), True),
            (rt("col_fr_funding", lang), True), (rt("col_fr_share", lang), True),
            (rt("col_our_funded", lang, period=scope), True), (rt("col_our_granted", lang, period=scope), True)]
    rows = []
    for programme in PROGRAMMES:
        cells = [esc(group_name("programme", programme, lang, partnership))]
        if projects is not None:
            signed = projects[(projects["programme"] == programme) & projects["call_year"].isin(list(years))]
            cells.append(number(int(signed["projects"].sum()), "count", lang) if not signed.empty else MISSING)
        else:
            cells.append(MISSING)
        row = france[france["programme"] == programme] if france is not None else pd.DataFrame()
        if row.empty:
            reason = rt("fr_not_separated", lang)
            cells += [f'{MISSING}{notes.mark(reason)}', f'{MISSING}{notes.mark(reason)}']
        else:
            cells += [number(float(row["eu_funding_signed_eur"].iloc[0]), "eur", lang),
                      esc(format_value(float(row["country_share_pct"].iloc[0]) / 100, "share", lang))]
        if ours is not None and programme in ours.index:
            r = ours.loc[programme]
            cells += [esc(rt("funded_of_submitted", lang, funded=int(r["funded"]), submitted=int(r["submitted"]))),
                      number(float(r["granted_eur"]), "eur", lang)]
        else:
            cells += [number(0, "count", lang) if ours is not None else MISSING,
                      number(0.0, "eur", lang) if ours is not None else MISSING]
        rows.append(cells)
    parts.append(simple_table(head, rows, "pm-benchmark pm-horizon", caption=rt("table_horizon", lang), notes=notes))
    parts.append(paragraph(rt("horizon_region_note", lang), "pm-note"))
    sources = [*snapshot.source_of("horizon_projects"), *snapshot.source_of("horizon_france_funding")]
    parts.append(source_line(sources, lang))
    parts.append(definitions([(rt("term_he_projects", lang), rt("def_he_projects", lang)),
                              (rt("term_fr_share", lang), rt("def_fr_share", lang))], lang))
    return parts


# ---- the partnership's own benchmarks ----------------------------------------------------------------------

def _partnership_benchmarks(partnership, lang: str) -> list[str]:
    if not partnership.benchmarks:
        return []
    from ..kpis.catalogue import get_kpi

    rows = []
    for b in partnership.benchmarks:
        kpi = get_kpi(b.kpi)
        link = f'<a href="{esc(b.source_url)}">{esc(b.source_title)}</a>'
        scope = esc(b.scope.get(lang, ""))
        if b.note and b.note.get(lang):
            scope += f'<span class="pm-detail">{esc(b.note[lang])}</span>'
        rows.append([esc(kpi.label(lang)), esc(format_value(b.value, kpi.unit, lang)), esc(b.year), scope, link])
    head = [(rt("col_indicator", lang), False), (rt("col_value", lang), True), (rt("col_year", lang), True),
            (rt("col_scope", lang), False), (rt("col_source", lang), False)]
    return [heading("", rt("partnership_benchmarks_title", lang), 3),
            simple_table(head, rows, "pm-benchmark pm-own-benchmarks"),
            paragraph(rt("partnership_benchmarks_note", lang), "pm-note")]
