"""Why a KPI is where it is: the partners' own words (the optional ``commentary`` table), else drivers found in
the data — never nothing.

:func:`read_comments` (from :mod:`partnership_metrics.kpis.commentary`) gives the partners' comments by
``(kpi_id, period)``. :func:`drivers` writes, from the tables
and the KPI table, what explains a value: the year a gap comes from, a yearly trend, one funding round or decision
that makes most of an amount, the proposals still pending, the events that were scored. Both are shown beside the
KPIs that miss or nearly meet their target, in the key messages and in the KPI workbook; where the partners gave no
comment, the reports say so ("no comment supplied").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..kpis.commentary import Comment, read_comments
from ..kpis.formatting import format_money_short, format_value, plural
from ..values import is_missing
from .i18n import code_label, text

__all__ = ["Comment", "YearComment", "as_supplied", "drivers", "gap_year_comment", "eu_counts_text", "read_comments", "trajectory"]

LARGEST_SHARE = 0.30  # one item making at least this share of an amount is named as its driver


def as_supplied(lang: str, partnership, key: str = "comments_as_supplied") -> str | None:
    """The note that the partners' own words (comments, recommendations) are shown in the language they wrote them
    in, the partnership's first language (``(in French, as supplied by the partners)``), for a report in another
    language: once under a table or a block that quotes them; None in their language. ``key``: the UI string."""
    written = partnership.default_language
    if lang == written:
        return None
    return text(key, lang, language=code_label("language", written, lang))


# ---- drivers found in the data ---------------------------------------------------------------------------------

def _rows(kpis: pd.DataFrame, kpi_id: str) -> dict[str, pd.Series]:
    return {str(r["period"]): r for _, r in kpis[kpis["kpi_id"] == kpi_id].iterrows()}


def _years_in(years: Sequence[int], dates: pd.Series) -> pd.Series:
    return pd.to_datetime(dates).dt.year.isin(list(years))


@dataclass(frozen=True)
class YearComment:
    """The partners' comment on the year a period's shortfall comes from (``value`` and ``target``: that year's,
    as shown)."""

    year: int
    value: str
    target: str
    comment: Comment


def gap_year_comment(kpi_id: str, kpis: pd.DataFrame, years: Sequence[int], comments: Mapping, lang: str
                     ) -> YearComment | None:
    """For a period of several years: the partners' comment on the year ``kpi_id``'s shortfall comes from (the
    year furthest short of its own target), when they wrote one for that year (``comments``: ``(kpi_id, period) ->
    Comment``); else None."""
    if len(years) < 2:
        return None
    found = _worst_year(_rows(kpis, kpi_id), years)
    if found is None or (kpi_id, str(found[0])) not in comments:
        return None
    year, row = found
    return YearComment(year, _shown(row["value"], row["unit"], lang), _shown(row["target"], row["unit"], lang),
                       comments[(kpi_id, str(year))])


def _gap_year(rows: dict[str, pd.Series], years: Sequence[int], lang: str) -> str | None:
    """The year whose value falls furthest short of its own target, in words (a period of several years only)."""
    found = _worst_year(rows, years)
    if found is None:
        return None
    year, row = found
    return text("drv_gap_year", lang, year=year, value=_shown(row["value"], row["unit"], lang),
                target=_shown(row["target"], row["unit"], lang))


def _worst_year(rows: dict[str, pd.Series], years: Sequence[int]) -> tuple[int, pd.Series] | None:
    """The year whose value falls furthest short of its own target, with its row; None when none falls short."""
    worst = None
    for year in years:
        row = rows.get(str(year))
        if row is None or is_missing(row["value"]) or is_missing(row["target"]) or row["target"] == 0:
            continue
        gap = (row["target"] - row["value"]) / abs(row["target"])
        gap = gap if row["direction"] == "up" else -gap
        if gap > 0 and (worst is None or gap > worst[0]):
            worst = (gap, year, row)
    return None if worst is None else (worst[1], worst[2])


def _shown(value, unit: str, lang: str) -> str:
    return format_money_short(value, lang) if unit == "eur" else format_value(value, unit, lang)


def trajectory(rows: dict[str, pd.Series], years: Sequence[int], lang: str) -> str | None:
    """A yearly trend that a pooled value hides: ``en baisse chaque année depuis 2021 : 36 % → 32 % → 23 %``
    (three years or more, every year known and moving the same way)."""
    values = [rows.get(str(y)) for y in years]
    if len(values) < 3 or any(r is None or is_missing(r["value"]) for r in values):
        return None
    numbers = [float(r["value"]) for r in values]
    steps = [b - a for a, b in zip(numbers, numbers[1:], strict=False)]
    if all(s < 0 for s in steps):
        key = "drv_trend_down"
    elif all(s > 0 for s in steps):
        key = "drv_trend_up"
    else:
        return None
    unit = values[0]["unit"]
    shown = " → ".join(_shown(v, unit, lang) for v in numbers)
    return text(key, lang, first=years[0], values=shown)


def _largest(amounts: pd.Series, labels: pd.Series, years_of: pd.Series) -> tuple[float, float, str, int] | None:
    """(share of the total, amount, label, year) of the largest item of ``amounts``, if it makes enough of it."""
    amounts = pd.to_numeric(amounts, errors="coerce").fillna(0.0)
    total = float(amounts.sum())
    if total <= 0 or len(amounts) < 2:
        return None
    top = int(np.argmax(amounts.to_numpy()))
    amount = float(amounts.iloc[top])
    if amount / total < LARGEST_SHARE:
        return None
    return amount / total, amount, str(labels.iloc[top]), int(years_of.iloc[top])


def _round_driver(tables: Mapping, years: Sequence[int], lang: str, mask=None) -> str | None:
    rounds = tables.get("startup_rounds")
    if rounds is None or rounds.empty:
        return None
    chosen = _years_in(years, rounds["round_date"])
    if mask is not None:
        chosen &= mask
    picked = rounds[chosen]
    if picked.empty:
        return None
    startups = tables.get("startups")
    names = {} if startups is None else dict(zip(startups["startup_id"].astype("str"), startups["name"], strict=False))
    labels = pd.Series([f"{code_label('round_type', r, lang)} — {names.get(str(s), s)}"
                        for r, s in zip(picked["round_type"], picked["startup_id"], strict=False)], index=picked.index)
    found = _largest(picked["amount_eur"], labels, pd.to_datetime(picked["round_date"]).dt.year)
    if found is None:
        return None
    share, amount, label, year = found
    return text("drv_largest_round", lang, share=format_value(share, "share", lang), amount=format_money_short(
        amount, lang), label=label, year=year)


def _funding_driver(tables: Mapping, years: Sequence[int], lang: str, mask_of, partnership) -> str | None:
    funding = tables.get("funding")
    if funding is None or funding.empty:
        return None
    picked = funding[_years_in(years, funding["decision_date"]) & mask_of(funding)]
    if picked.empty:
        return None
    group = {f: g for g in partnership.funder_groups for f in g.funders}
    labels = pd.Series([_funder_label(f, group, lang) for f in picked["funder"]], index=picked.index)
    found = _largest(picked["amount_eur"], labels, pd.to_datetime(picked["decision_date"]).dt.year)
    if found is None:
        return None
    share, amount, label, year = found
    return text("drv_largest_decision", lang, share=format_value(share, "share", lang),
                amount=format_money_short(amount, lang), label=label, year=year)


def _funder_label(funder, groups, lang: str) -> str:
    group = groups.get(str(funder))
    if group is None:
        return str(funder)
    return code_label("organiser", group.id, lang) if group.id in ("cpp", "it") else group.label[lang]


def _external_driver(tables: Mapping, years: Sequence[int], lang: str, partnership) -> str | None:
    """The largest item of the external funding: a non-partner decision on a partner-funded project, or a round of a
    start-up founded on one."""
    funding, rounds, startups = tables.get("funding"), tables.get("startup_rounds"), tables.get("startups")
    if funding is None or funding.empty:
        return None
    partners = set(partnership.partner_funders)
    funded = set(funding.loc[funding["funder"].isin(partners), "project_id"].dropna().astype("str"))
    lines = funding[~funding["funder"].isin(partners) & funding["project_id"].astype("str").isin(funded)
                    & _years_in(years, funding["decision_date"])]
    amounts = [lines["amount_eur"]]
    group = {f: g for g in partnership.funder_groups for f in g.funders}
    labels = [pd.Series([_funder_label(f, group, lang) for f in lines["funder"]], index=lines.index, dtype="object")]
    dates = [pd.to_datetime(lines["decision_date"]).dt.year]
    if rounds is not None and startups is not None and not rounds.empty:
        founded = set(startups.loc[startups["project_id"].astype("str").isin(funded), "startup_id"].astype("str"))
        picked = rounds[rounds["startup_id"].astype("str").isin(founded) & _years_in(years, rounds["round_date"])]
        names = dict(zip(startups["startup_id"].astype("str"), startups["name"], strict=False))
        amounts.append(picked["amount_eur"])
        labels.append(pd.Series([f"{code_label('round_type', r, lang)} — {names.get(str(s), s)}"
                                 for r, s in zip(picked["round_type"], picked["startup_id"], strict=False)], index=picked.index,
                                dtype="object"))
        dates.append(pd.to_datetime(picked["round_date"]).dt.year)
    found = _largest(pd.concat(amounts, ignore_index=True), pd.concat(labels, ignore_index=True),
                     pd.concat(dates, ignore_index=True))
    if found is None:
        return None
    share, amount, label, year = found
    return text("drv_largest_item", lang, share=format_value(share, "share", lang),
                amount=format_money_short(amount, lang), label=label, year=year)


def _eu_driver(tables: Mapping, years: Sequence[int], lang: str) -> str | None:
    from ..kpis.stats import eu_outcomes

    outcomes = eu_outcomes(tables.get("eu_proposals"), years)
    if outcomes is None or outcomes.decided + outcomes.pending == 0:
        return None
    return eu_counts_text(outcomes, lang)


def eu_counts_text(outcomes, lang: str) -> str:
    """``1 financée sur 5 décidées, 5 en attente`` (``1 funded out of 5 decided, 5 pending``)."""
    key = "eu_counts_pending" if outcomes.pending else "eu_counts"

    def counted(word: str, n: int) -> str:
        return text(f"{word}_{plural(n, lang)}", lang, n=format_value(n, "count", lang))

    return text(key, lang, funded=counted("eu_funded", outcomes.funded),
                decided=counted("eu_decided", outcomes.decided), pending=format_value(outcomes.pending, "count", lang))


def _events_driver(tables: Mapping, years: Sequence[int], lang: str, partnership) -> str | None:
    events = tables.get("events")
    if events is None or events.empty:
        return None
    held = events[_years_in(years, events["event_date"])]
    if held.empty:
        return None
    counts = held["organiser"].astype("object").value_counts()
    items = [f"{code_label('organiser', code, lang, partnership)} {int(counts[code])}"
             for code in partnership.colours() if code in counts.index]
    return text("drv_organisers", lang, items=", ".join(items)) if items else None


def _scored_driver(tables: Mapping, years: Sequence[int], lang: str) -> str | None:
    events = tables.get("events")
    if events is None or events.empty or "satisfaction" not in events:
        return None
    held = events[_years_in(years, events["event_date"])]
    if held.empty:
        return None
    return text("drv_scored", lang, scored=int(held["satisfaction"].notna().sum()), events=len(held))


def _institutions_driver(tables: Mapping, row, lang: str) -> str | None:
    from .targets_review import institution_bound

    bound = institution_bound(tables)
    if bound is None or row is None or is_missing(row["value"]):
        return None
    return text("drv_institutions", lang, value=format_value(row["value"], "count", lang),
                bound=format_value(bound, "count", lang))


def drivers(kpi_id: str, *, tables: Mapping, kpis: pd.DataFrame, scope: str, years: Sequence[int], lang: str,
            partnership, gaps: bool = True) -> list[str]:
    """What the data says about ``kpi_id`` over ``scope`` (its ``years``): at most two short clauses, most telling
    first (empty when nothing stands out). ``gaps``: also the year a shortfall against the yearly targets comes
    from (for a KPI short of its target, not for one that rose)."""
    rows = _rows(kpis, kpi_id)
    found: list[str | None] = []
    if kpi_id in ("val_startup_funds_raised_eur",):
        found.append(_round_driver(tables, years, lang))
    elif kpi_id == "val_maturation_eur":
        found.append(_funding_driver(tables, years, lang, lambda f: f["instrument"].isin(
            ["maturation", "proof_of_concept"]), partnership))
    elif kpi_id == "fun_partnership_eur":
        found.append(_funding_driver(tables, years, lang, lambda f: f["funder"].isin(
            list(partnership.partner_funders)), partnership))
    elif kpi_id in ("fun_external_eur", "fun_leverage_ratio"):
        found.append(_external_driver(tables, years, lang, partnership))
    elif kpi_id in ("eu_success_rate", "eu_proposals_funded"):
        found.append(_eu_driver(tables, years, lang))
    elif kpi_id in ("trn_events", "trn_attendees", "syn_joint_event_share"):
        found.append(_events_driver(tables, years, lang, partnership))
    elif kpi_id == "trn_satisfaction":
        found.append(_scored_driver(tables, years, lang))
    elif kpi_id == "syn_institutions_engaged":
        found.append(_institutions_driver(tables, rows.get(scope), lang))
    if len(years) > 1:
        found.append(trajectory(rows, years, lang))
        if gaps:
            found.append(_gap_year(rows, years, lang))
    elif gaps:  # a year: its change since the year before, and the groups that made it
        found.append(_since_previous(kpi_id, rows.get(scope), years[0], lang, partnership))
    return [f for f in found if f][:2]


def _since_previous(kpi_id: str, row, year: int, lang: str, partnership) -> str | None:
    """``+2 par rapport à 2022, surtout Institut Paoli-Calmettes (+2)`` for a KPI short of its target in a year."""
    import json

    from ..kpis.catalogue import get_kpi
    from ..kpis.status import StatusWriter

    if row is None or is_missing(row["value"]) or is_missing(row["previous"]) or row["value"] == row["previous"]:
        return None
    moved = json.loads(row["contributors"]) if isinstance(row.get("contributors"), str) else []
    return StatusWriter(lang, partnership, "").change_since(get_kpi(kpi_id), row["value"], row["previous"], year - 1,
                                                          moved)
