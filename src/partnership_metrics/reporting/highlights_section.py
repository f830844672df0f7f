"""The highlights and success stories section: the largest rounds and grants, acquisitions, i-Lab laureates and
the first licences of the report's years, written as sentences from the data (money rounded, as in prose), with the
partners' own comment on the indicator a story illustrates when they gave one.

The stories come from :func:`partnership_metrics.kpis.highlights.highlights`.
"""

from __future__ import annotations

import pandas as pd

from ..kpis.formatting import format_money_short, format_value
from ..kpis.highlights import KINDS, highlights
from ..values import is_missing
from .i18n import code_label, format_date, lower_first, typeset
from .review_common import group_name, note, review_strings, rt
from .sections import esc, paragraph


def highlight_parts(tables: dict, *, years, scope: str, lang: str, partnership, comments: dict | None = None,
                    cutoff=None, supplied: str = "") -> list[str]:
    """The HTML parts of the section (after its heading). ``comments``: kpi_id -> the partners'
    :class:`~partnership_metrics.kpis.commentary.Comment` on the report's scope; ``supplied``: the note, under the
    highlights, that the partners' words are in their language (when one is quoted)."""
    found = highlights(tables, years, partner_funders=partnership.partner_funders)
    parts = [paragraph(rt("intro_highlights", lang, period=scope), "pm-lead")]
    if found.empty:
        return parts + [note(rt("no_highlight", lang, period=scope))]
    licences = _licences_in(tables, years)
    blocks, quoted = [], False
    for kind in KINDS:
        rows = found[found["kind"] == kind]
        if rows.empty:
            continue
        title = rt(f"highlight_{kind}", lang, period=scope) if kind in ("ilab", "licence") else \
            rt(f"highlight_{kind}", lang)
        if kind == "licence" and licences > len(rows):
            title = rt("highlight_licence_of", lang, period=scope, shown=len(rows), total=licences)
        items = "".join(f"<li>{esc(sentence(row, lang, partnership, cutoff))}</li>" for row in rows.to_dict("records"))
        comment = (comments or {}).get(rows["kpi_id"].iloc[0])
        said = ""
        if comment is not None:
            said = (f'<p class="pm-comment">{esc(rt("partners_say", lang))} '
                    f'{esc(typeset(comment.sentence(lang), lang))}</p>')
        blocks.append(f'<div class="pm-highlight"><p class="pm-highlight-kind">{esc(title)}</p>'
                      f'<ul>{items}</ul>{said}</div>')
        quoted = quoted or bool(said)
    parts.append(f'<div class="pm-highlights">{"".join(blocks)}</div>')
    if quoted and supplied:
        parts.append(supplied)
    parts.append(paragraph(rt("highlights_note", lang), "pm-note"))
    return parts


def _licences_in(tables: dict, years) -> int:
    projects = tables.get("projects")
    if projects is None or "licence_date" not in projects:
        return 0
    return int(pd.to_datetime(projects["licence_date"]).dt.year.isin(list(years)).sum())


def sentence(row: dict, lang: str, partnership, cutoff=None) -> str:
    """One highlight as a reader reads it (plain text; the caller escapes it)."""
    kind = row["kind"]
    subject = row["subject"] if not is_missing(row["subject"]) else None
    date = format_date(row["date"], lang) if not is_missing(row["date"]) else None
    amount = format_money_short(row["amount_eur"], lang) if not is_missing(row["amount_eur"]) else None
    institution = (code_label("institution", row["institution"], lang)
                   if not is_missing(row["institution"]) else None)
    if kind == "round":
        return rt("story_round", lang, name=subject, amount=amount,
                  kind=lower_first(code_label("round_type", row["detail"], lang)), date=date)
    if kind == "eu_grant":
        return rt("story_eu_grant", lang, name=subject or row["subject_id"], amount=amount,
                  programme=group_name("programme", row["detail"], lang, partnership),
                  institution=institution or "—", date=date)
    if kind == "external_funding":
        funder = review_strings().code_label("funder_prose", str(row["detail"]), lang) or rt(
            "from_funder", lang, funder=group_name("funder", row["detail"], lang, partnership))
        if subject is None:
            return rt("story_external_no_project", lang, amount=amount, funder=funder, date=date)
        return rt("story_external", lang, name=subject, amount=amount, funder=funder, date=date)
    if kind == "acquisition":
        when = format_date(cutoff, lang) if cutoff else "—"
        return rt("story_acquisition", lang, name=subject, institution=institution or "—", date=when)
    if kind == "ilab":
        return rt("story_ilab", lang, name=subject, institution=institution or "—", date=date)
    months = format_value(round(row["days"] / (365.25 / 12)), "count", lang) if not is_missing(row["days"]) else "—"
    technology = lower_first(group_name("technology_type", row["detail"], lang, partnership))
    return rt("story_licence", lang, name=subject or row["subject_id"], technology=technology,
              institution=institution or "—", date=date, months=months)
