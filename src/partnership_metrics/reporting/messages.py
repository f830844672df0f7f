"""Key messages written from the numbers of a KPI table, in the report's language — never written by hand.

:func:`key_messages` reads the rows of one scope (the pooled period of a three-year report, or the year of an
annual review) and says, in order: how many targets are met; which KPIs moved most against the baseline (up and
down, in the KPI's direction); whether the synergy shares rose; how the EU success rate compares with the
partnership's benchmark for it (naming its year and source); what changed most since the year before (annual
review); which targets are furthest away. A KPI whose value is null is never the subject of a message.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from ..kpis.catalogue import check_lang, get_kpi
from ..kpis.formatting import format_relative, format_value
from .i18n import code_label, text

if TYPE_CHECKING:
    from ..partnership import Benchmark, Partnership

SYNERGY_SHARES = ("syn_joint_sourcing_share", "syn_co_supported_share", "syn_joint_event_share")
# Units whose relative change reads well; shares are compared in points (the synergy message), indices not at all.
RELATIVE_UNITS = ("count", "eur", "days", "score", "ratio")
MIN_RELATIVE_CHANGE = 0.10  # below 10 % a change is not a headline
MIN_COUNT_REFERENCE = 3  # a count going from 1 to 3 is +200 %, and no news: small counts must move by 3
MAX_ITEMS = 2  # KPIs named per message

# Lower is more important: when there are more candidates than ``limit``, the least important go first.
_PRIORITY = {"targets": 0, "rises": 1, "synergy": 2, "eu": 3, "falls": 4, "previous": 5, "missed": 6}
_ORDER = ("targets", "rises", "falls", "synergy", "eu", "previous", "missed")


@dataclass(frozen=True)
class _Scope:
    rows: pd.DataFrame  # one row per KPI, indexed by kpi_id
    label: str  # "2021-2023" or "2023"
    single_year: bool


def key_messages(
    kpis: pd.DataFrame,
    lang: str,
    *,
    baseline: str | None = None,
    scope: str | None = None,
    partnership: Partnership | None = None,
    limit: int = 6,
) -> list[str]:
    """At most ``limit`` sentences summarising ``kpis`` (a :func:`partnership_metrics.kpi_table` result); none
    when every value is null.

    ``scope`` is the ``period`` whose rows are summarised (default: the pooled period when there is one, else the
    only year); ``baseline`` names the baseline period in the sentences (``2018-2020``). The EU success rate is
    compared with the benchmark of ``partnership`` (default: the packaged one) for ``eu_success_rate``, if any.
    """
    check_lang(lang)
    if partnership is None:
        from ..partnership import default_partnership

        partnership = default_partnership()
    benchmark = partnership.benchmark("eu_success_rate")
    current = _scope(kpis, scope)
    reference = baseline or text("the_baseline", lang)
    found = {
        "targets": _targets(current, lang),
        "rises": _changes(current, lang, reference, better=True),
        "falls": _changes(current, lang, reference, better=False),
        "synergy": _synergy(current, lang, reference),
        "eu": _eu(current, lang, benchmark),
        "previous": _previous(current, lang),
        "missed": _missed(current, lang),
    }
    chosen = sorted((k for k, v in found.items() if v), key=_PRIORITY.get)[:limit]
    return [found[k] for k in _ORDER if k in chosen]


def _scope(kpis: pd.DataFrame, scope: str | None) -> _Scope:
    periods = list(dict.fromkeys(kpis["period"]))
    if scope is None:
        pooled = [p for p in periods if "-" in str(p)]
        scope = pooled[-1] if pooled else periods[-1]
    rows = kpis[kpis["period"] == scope]
    if rows.empty:
        raise ValueError(f"the KPI table has no row for the period {scope!r}")
    return _Scope(rows.set_index("kpi_id"), str(scope), "-" not in str(scope))


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return text("msg_sep", lang).join(items[:-1]) + text("msg_and", lang) + items[-1]


def _targets(s: _Scope, lang: str) -> str | None:
    targeted = s.rows[~s.rows["target"].isna()]
    if targeted.empty:
        return None
    status = targeted["status"].fillna("unknown")
    counts = status.value_counts()
    met, close, missed = (int(counts.get(k, 0)) for k in ("met", "close", "missed"))
    unknown = int(counts.get("unknown", 0))
    assessed = met + close + missed
    if assessed == 0:
        return None
    if met == assessed:
        message = text("msg_targets_all_met", lang, total=assessed, scope=s.label)
    else:
        message = text("msg_targets", lang, scope=s.label, met=met, total=assessed, close=close, missed=missed)
    if unknown:
        message += text("msg_targets_unknown", lang, unknown=unknown)
    return message


def _missed(s: _Scope, lang: str) -> str | None:
    rows = s.rows[(s.rows["status"] == "missed") & ~s.rows["value"].isna() & ~s.rows["target"].isna()]
    if rows.empty:
        return None
    gaps = []
    for kpi_id, row in rows.iterrows():
        target = float(row["target"])
        if target == 0:
            continue
        gap = (target - row["value"]) / abs(target) * (1 if row["direction"] == "up" else -1)
        gaps.append((gap, kpi_id, row))
    gaps.sort(key=lambda g: (-g[0], g[1]))
    items = [
        text("msg_missed_item", lang, label=row["label"], value=format_value(row["value"], row["unit"], lang),
             target=format_value(row["target"], row["unit"], lang))
        for _, _, row in gaps[:MAX_ITEMS]
    ]
    return text("msg_missed", lang, items=_join(items, lang)) if items else None


def _movers(s: _Scope, reference: str, relative: str, better: bool) -> list[tuple[float, str, pd.Series]]:
    """KPIs whose value moved by at least 10 % against ``reference``, best (or worst) first."""
    movers = []
    for kpi_id, row in s.rows.iterrows():
        if kpi_id in SYNERGY_SHARES or row["unit"] not in RELATIVE_UNITS:
            continue
        change, ref = row[relative], row[reference]
        if _missing(row["value"]) or _missing(change) or _missing(ref):
            continue
        small = abs(ref) < MIN_COUNT_REFERENCE and abs(row["value"] - ref) < MIN_COUNT_REFERENCE
        if row["unit"] == "count" and small:
            continue
        signed = change if row["direction"] == "up" else -change
        if abs(change) < MIN_RELATIVE_CHANGE or (signed > 0) != better:
            continue
        movers.append((abs(change), kpi_id, row))
    movers.sort(key=lambda m: (-m[0], m[1]))
    return movers[:MAX_ITEMS]


def _relative_to(row, column: str):
    value, ref = row["value"], row[column]
    if _missing(value) or _missing(ref) or ref == 0:
        return None
    return (value - ref) / abs(ref)


def _changes(s: _Scope, lang: str, baseline: str, *, better: bool) -> str | None:
    rows = s.rows.assign(relative=s.rows["pct_vs_baseline"])
    items = []
    for _, kpi_id, row in _movers(_Scope(rows, s.label, s.single_year), "baseline", "relative", better):
        key = "msg_change_item_avg" if s.single_year and get_kpi(kpi_id).additive else "msg_change_item"
        items.append(text(key, lang, label=row["label"], change=format_relative(row["relative"], lang),
                          value=format_value(row["value"], row["unit"], lang),
                          reference=format_value(row["baseline"], row["unit"], lang)))
    if not items:
        return None
    return text("msg_rises" if better else "msg_falls", lang, baseline=baseline, items=_join(items, lang))


def _previous(s: _Scope, lang: str) -> str | None:
    """The largest moves since the year before (annual review: year rows carry ``previous``)."""
    if not s.single_year or s.rows["previous"].isna().all():
        return None
    rows = s.rows.assign(relative=[_relative_to(r, "previous") for _, r in s.rows.iterrows()])
    previous = str(int(s.label) - 1)
    for better, key in ((True, "msg_previous_rises"), (False, "msg_previous_falls")):
        movers = _movers(_Scope(rows, s.label, True), "previous", "relative", better)
        if movers:
            items = [text("msg_change_item", lang, label=row["label"], change=format_relative(row["relative"], lang),
                          value=format_value(row["value"], row["unit"], lang),
                          reference=format_value(row["previous"], row["unit"], lang))
                     for _, _, row in movers]
            return text(key, lang, previous=previous, items=_join(items, lang))
    return None


def _synergy(s: _Scope, lang: str, baseline: str) -> str | None:
    items, ups, downs = [], 0, 0
    for kpi_id in SYNERGY_SHARES:
        if kpi_id not in s.rows.index or _missing(s.rows.loc[kpi_id, "value"]):
            continue
        row = s.rows.loc[kpi_id]
        label = code_label("synergy", kpi_id, lang)
        value = format_value(row["value"], "share", lang)
        if _missing(row["baseline"]):
            items.append(text("msg_synergy_item_plain", lang, label=label, value=value))
            continue
        items.append(text("msg_synergy_item", lang, label=label, value=value,
                          reference=format_value(row["baseline"], "share", lang)))
        diff = row["value"] - row["baseline"]
        ups += diff > 1e-9
        downs += diff < -1e-9
    if not items:
        return None
    if ups and not downs:
        key = "msg_synergy_up"
    elif downs and not ups:
        key = "msg_synergy_down"
    elif ups and downs:
        key = "msg_synergy_mixed"
    else:
        return text("msg_synergy_level", lang, scope=s.label, items=_join(items, lang))
    return text(key, lang, baseline=baseline, items=_join(items, lang))


def _eu(s: _Scope, lang: str, benchmark: Benchmark | None) -> str | None:
    if benchmark is None:
        return None
    if "eu_success_rate" not in s.rows.index or _missing(s.rows.loc["eu_success_rate", "value"]):
        return None
    rate = float(s.rows.loc["eu_success_rate", "value"])
    funded = s.rows.loc["eu_proposals_funded", "value"] if "eu_proposals_funded" in s.rows.index else None
    if _missing(funded):
        funded_text = ""
    else:
        key = "msg_eu_funded_one" if funded == 1 else "msg_eu_funded_many"
        funded_text = " (" + text(key, lang, n=format_value(funded, "count", lang)) + ")"
    values = dict(rate=format_value(rate, "share", lang), benchmark=format_value(benchmark.value, "share", lang),
                  funded=funded_text, year=benchmark.year, scope=benchmark.scope[lang], source=benchmark.source_title)
    # compare as shown: 15.94 % and 15.9 % read the same
    if round(rate, 3) == round(benchmark.value, 3):
        return text("msg_eu_equal", lang, **values)
    return text("msg_eu_above" if rate > benchmark.value else "msg_eu_below", lang, **values)
