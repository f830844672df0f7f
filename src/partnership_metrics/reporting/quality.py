"""The data-quality pages: what a director needs to know (which indicators are affected by rows set aside,
outcomes still pending, missing scores, sheets not read, tables not found), then a technical annex for the analyst
(source files with their fingerprints, rows per table).

Every string from the data (file names, institutions) is escaped; the words are in ``vocab/ui.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from ..display import sheet_label
from ..kpis.catalogue import catalogue, check_lang
from ..kpis.formatting import format_value
from .i18n import lower_first, text
from .sections import _table, _td, _th, esc, paragraph

DATE_KPIS = {"projects.detection_date": ("val_median_days_to_maturation",),
             "projects.maturation_start_date": ("val_median_days_to_maturation",)}  # days need days
EU_OUTCOME_KPIS = ("eu_success_rate", "eu_proposals_funded", "eu_funding_secured_eur")
INSTITUTION_KPIS = ("syn_institutions_engaged", "fun_funding_concentration_hhi")


MAX_NAMED = 4  # beyond, the indicators affected are counted by aim rather than named


def kpis_reading(table_names: Iterable[str], lang: str) -> list[str]:
    """The indicators whose formula reads one of ``table_names``: their labels, or, when there are more than
    :data:`MAX_NAMED`, how many and which aims they serve (``17 indicateurs : valorisation, synergies...``)."""
    from .scorecard import aim_of

    names = set(table_names)
    found = [k for k in catalogue() if names & set(k.tables)]
    if len(found) <= MAX_NAMED:
        return [k.label(lang) for k in found]
    aims = list(dict.fromkeys(aim_of(k.id).label[lang] for k in found))
    return [text("dq_many_kpis", lang, n=len(found), aims=", ".join(lower_first(a) for a in aims))]


def _labels(kpi_ids: Iterable[str], lang: str) -> list[str]:
    by_id = {k.id: k for k in catalogue()}
    return [by_id[k].label(lang) for k in kpi_ids if k in by_id]


def _count(value, lang: str) -> str:
    return format_value(value, "count", lang)


def reservations(report: Mapping | None, tables: Mapping, years: Sequence[int], lang: str) -> list[tuple[str, str,
                                                                                                      list[str]]]:
    """What limits the indicators of ``years``, in a director's words: ``(what, how much, affected KPI labels)``.
    From the ingestion report (rows set aside, cells emptied, sheets not read, tables not found, institutions not
    recognised, dates known to the month) and the tables (EU outcomes pending, events without a score)."""
    check_lang(lang)
    found = []
    report = report or {}
    for name, t in (report.get("tables") or {}).items():
        quarantined = t.get("rows_quarantined", 0)
        if not quarantined or name == "commentary":
            continue
        found.append((text("dq_set_aside", lang, table=_table_word(name, lang)),
                      text("dq_set_aside_amount", lang, rows=_count(quarantined, lang),
                           kept=_count(t.get("rows", 0), lang)),
                      kpis_reading([name], lang)))
    skipped = report.get("skipped_sheets") or []
    if skipped:
        sheets = ", ".join(sheet_label(s.get("file"), s.get("sheet")) for s in skipped)
        found.append((text("dq_not_read", lang), sheets,
                      kpis_reading({s.get("table") for s in skipped if s.get("table")}, lang)))
    missing = report.get("tables_not_found") or []
    missing = [t for t in missing if t != "kpi_targets"]
    if missing:
        found.append((text("dq_missing_tables", lang), ", ".join(_table_word(t, lang) for t in missing),
                      kpis_reading(missing, lang)))
    emptied = report.get("cells_emptied") or {}
    if emptied:
        tables_hit = {key.split(".", 1)[0] for key in emptied}
        found.append((text("dq_cells_emptied", lang), text("dq_cells_amount", lang, cells=_count(
            sum(emptied.values()), lang)), kpis_reading(tables_hit, lang)))
    proposals = tables.get("eu_proposals")
    if proposals is not None and {"submission_date", "status"} <= set(proposals.columns):
        chosen = proposals[pd.to_datetime(proposals["submission_date"]).dt.year.isin(list(years))]
        pending = int((chosen["status"].astype("object") == "pending").sum())
        if pending:
            found.append((text("dq_pending", lang), text("dq_pending_amount", lang, pending=_count(pending, lang),
                                                          submitted=_count(len(chosen), lang)),
                          _labels(EU_OUTCOME_KPIS, lang)))
    events = tables.get("events")
    if events is not None and {"event_date", "satisfaction"} <= set(events.columns):
        held = events[pd.to_datetime(events["event_date"]).dt.year.isin(list(years))]
        unscored = int(held["satisfaction"].isna().sum())
        if unscored:
            found.append((text("dq_unscored", lang), text("dq_unscored_amount", lang, unscored=_count(
                unscored, lang), events=_count(len(held), lang)), _labels(("trn_satisfaction",), lang)))
    unknown = report.get("unknown_institutions") or []
    if unknown:
        found.append((text("dq_unknown_institutions", lang), text("dq_unknown_amount", lang, names=_count(
            len(unknown), lang), rows=_count(sum(u.get("rows", 0) for u in unknown), lang)),
                      _labels(INSTITUTION_KPIS, lang)))
    coarse = {key: sum(v.values()) for key, v in (report.get("dates_not_to_the_day") or {}).items()
              if key in DATE_KPIS}
    if coarse:
        found.append((text("dq_coarse_dates", lang), text("dq_coarse_amount", lang, dates=_count(
            sum(coarse.values()), lang)), _labels(sorted({k for key in coarse for k in DATE_KPIS[key]}), lang)))
    return found


def _table_word(name: str, lang: str) -> str:
    from .i18n import code_label

    return code_label("table", name, lang)


def directors_summary(report: Mapping | None, tables: Mapping, years: Sequence[int], lang: str) -> str:
    """The data-quality page for directors: one line per reservation with the indicators it affects (or a
    sentence saying there is none), then the totals in one sentence."""
    check_lang(lang)
    if not report:
        return paragraph(text("dq_no_report", lang), "pm-note")
    totals = report.get("totals", {})
    parts = [paragraph(text(
        "dq_intro", lang, files=_count(totals.get("files", 0), lang), sheets=_count(totals.get("sheets", 0), lang),
        read=_count(totals.get("rows_read", 0), lang), accepted=_count(totals.get("rows_accepted", 0), lang),
        quarantined=_count(totals.get("rows_quarantined", 0), lang),
        dropped=_count(totals.get("rows_dropped", 0), lang)))]
    found = reservations(report, tables, years, lang)
    if not found:
        parts.append(paragraph(text("dq_no_reservation", lang)))
        return "".join(parts)
    head = (_th(esc(text("dq_what", lang)), False) + _th(esc(text("dq_how_much", lang)), False)
            + _th(esc(text("dq_affected", lang)), False))
    body = [f'<tr><th scope="row">{esc(what)}</th>{_td(esc(amount), False)}'
            f'{_td(esc(", ".join(labels) or text("dq_none_affected", lang)), False)}</tr>'
            for what, amount, labels in found]
    parts.append(_table(head, body, None, None, "pm-reservations"))
    parts.append(paragraph(text("dq_reading", lang), "pm-note"))
    return "".join(parts)


def technical_annex(manifest: dict | None, report: dict | None, lang: str) -> str:
    """The analyst's annex: source files with their sha256 and rows, rows per table, tables not found, institutions
    counted as OTHER (from ``manifest.json`` and ``ingest_report.json``)."""
    check_lang(lang)
    if not report:
        return paragraph(text("dq_no_report", lang), "pm-note")
    n = lambda v: esc(_count(v, lang))  # noqa: E731
    parts = [paragraph(text("dq_annex_intro", lang), "pm-lead")]
    head = (_th(esc(text("dq_file", lang)), False) + _th(esc(text("dq_sha", lang)), False)
            + "".join(_th(esc(text(k, lang))) for k in ("dq_rows_read", "dq_rows_accepted", "dq_rows_quarantined",
                                                          "dq_rows_dropped")))
    body = []
    for f in report.get("files", []):
        sheets = f.get("sheets", [])
        sums = [sum(s.get(k, 0) for s in sheets) for k in ("rows_read", "rows_accepted", "rows_quarantined",
                                                          "rows_dropped")]
        sha = str(f.get("sha256", ""))
        body.append("<tr>" + f'<th scope="row" class="pm-file">{esc(f.get("file"))}</th>'
                    + _td(f'<code class="pm-sha">{esc(sha)}</code>', False)
                    + "".join(_td(n(v), css="pm-zero" if v == 0 else "") for v in sums) + "</tr>")
    parts.append(_table(head, body, text("dq_sources", lang), None, "pm-sources"))

    head = (_th(esc(text("dq_table", lang)), False) + _th(esc(text("dq_rows", lang)))
            + _th(esc(text("dq_rows_quarantined", lang))) + _th(esc(text("dq_rows_dropped", lang))))
    body = [
        f'<tr><th scope="row">{esc(_table_word(name, lang))} <code class="pm-kpi-id">{esc(name)}.parquet</code></th>'
        f'{_td(n(t.get("rows", 0)))}{_td(n(t.get("rows_quarantined", 0)))}{_td(n(t.get("rows_dropped", 0)))}</tr>'
        for name, t in report.get("tables", {}).items()
    ]
    # rows of sheets that hold no table (notes, lists, summaries): counted per file above, so per table too
    outside = sum(s.get("rows_dropped", 0) for f in report.get("files", []) for s in f.get("sheets", [])
                  if not s.get("table"))
    if outside:
        body.append(f'<tr><th scope="row">{esc(text("dq_no_table", lang))}</th>{_td(n(0), css="pm-zero")}'
                    f'{_td(n(0), css="pm-zero")}{_td(n(outside))}</tr>')
    parts.append(_table(head, body, text("dq_tables", lang), None, "pm-tables-summary"))

    missing = report.get("tables_not_found") or []
    if missing:
        parts.append(paragraph(text("dq_not_found", lang, tables=", ".join(_table_word(t, lang) for t in missing))))
    else:
        parts.append(paragraph(text("dq_all_found", lang)))
    unknown = report.get("unknown_institutions") or []
    if unknown:
        head = _th(esc(text("dq_name", lang)), False) + _th(esc(text("dq_rows", lang)))
        body = [f'<tr><th scope="row">{esc(u.get("name"))}</th>{_td(n(u.get("rows", 0)))}</tr>' for u in unknown]
        parts.append(_table(head, body, text("dq_other", lang), None, "pm-unknown-institutions"))
    else:
        parts.append(paragraph(text("dq_other_none", lang)))
    if (report.get("totals") or {}).get("rows_quarantined"):
        parts.append(paragraph(text("dq_quarantine_note", lang), "pm-note"))
    if manifest and manifest.get("version"):
        parts.append(paragraph(text("dq_version", lang, version=manifest["version"]), "pm-note"))
    return "".join(parts)
