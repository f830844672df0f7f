"""Key messages written from the numbers of a KPI table, in the report's language — never written by hand.

:func:`key_messages` reads the rows of one scope (the pooled period of a three-year report, or the year of an
annual review) and says, exceptions first: how many targets are met, close, missed or to be reviewed, and which
verdicts reverse against the yearly targets where a period's target contradicts them (:mod:`.yearly_targets`); each
of the targets missed furthest, with why (the partners' comment with what the data show beside it, else what the
data show, and a visible "no comment supplied"); which KPIs moved most against the baseline, and what drove them;
where the synergies stand, including a yearly decline a pooled value hides; how the EU success rate compares with
the partnership's benchmark — with its counts, the proposals still pending and, on few decisions, its 95 %
interval; the largest rises and falls since the year before (annual review), a rise still short of its target said
so. A KPI whose value is null is never the subject of a message; money is rounded (k€, M€)
and a change on a count below 10 is a difference, not a percentage.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from ..kpis.catalogue import check_lang, get_kpi
from ..kpis.formatting import format_change_against, format_rounded, format_value, plural
from ..values import is_missing
from .i18n import code_label, text
from .scorecard import status_word

if TYPE_CHECKING:
    from ..kpis.stats import Outcomes
    from ..partnership import Benchmark, Partnership
    from .commentary import Comment, YearComment
    from .targets_review import TargetIssue

SYNERGY_SHARES = ("syn_joint_sourcing_share", "syn_co_supported_share", "syn_joint_event_share")
# Units whose relative change reads well; shares are compared in points (the synergy message), indices not at all.
RELATIVE_UNITS = ("count", "eur", "days", "score", "ratio")
MIN_RELATIVE_CHANGE = 0.10  # below 10 % a change is not a headline
MIN_COUNT_REFERENCE = 3  # a count going from 1 to 3 is +200 %, and no news: small counts must move by 3
MAX_ITEMS = 2  # KPIs named per message
MAX_MISSED = 2  # missed targets given a message of their own, with why

# Lower is more important: when there are more candidates than ``limit``, the least important go first.
_PRIORITY = {"targets": 0, "missed": 1, "rises": 2, "synergy": 3, "eu": 4, "falls": 5, "previous": 6}
_ORDER = ("targets", "missed", "rises", "falls", "synergy", "eu", "previous")


@dataclass(frozen=True)
class MessageContext:
    """What the messages say why with: the partners' ``comments`` (kpi_id -> :class:`.commentary.Comment` of the
    scope), the ``drivers`` found in the data (kpi_id -> clauses), the EU ``outcomes`` of the scope (pending,
    interval), the target ``issues`` (:mod:`.targets_review`) and the ``statuses`` shown (kpi_id -> ``review``...).
    ``movers``: the drivers of the KPIs that moved most (without the year a shortfall comes from)."""

    comments: Mapping[str, Comment] = field(default_factory=dict)
    drivers: Mapping[str, Sequence[str]] = field(default_factory=dict)
    movers: Mapping[str, Sequence[str]] = field(default_factory=dict)  # drivers of a move (no shortfall year)
    outcomes: Outcomes | None = None
    issues: Sequence[TargetIssue] = ()
    statuses: Mapping[str, str] = field(default_factory=dict)
    year_comments: Mapping[str, YearComment] = field(default_factory=dict)  # kpi_id -> comment of its gap's year
    # kpi_id -> (met against the yearly targets, what shows it: "33 for 32"), where the period target contradicts
    # them and the yearly targets move the KPI across the line between met and not met
    reversed_by_years: Mapping[str, tuple[bool, str]] = field(default_factory=dict)
    checks: Mapping[str, str] = field(default_factory=dict)  # kpi_id -> what the data say of the partners' comment


@dataclass(frozen=True)
class _Scope:
    rows: pd.DataFrame  # one row per KPI, indexed by kpi_id
    label: str  # "2021-2023" or "2023"
    single_year: bool
    years: pd.DataFrame | None  # the year rows of a period (for trends), else None


def key_messages(
    kpis: pd.DataFrame,
    lang: str,
    *,
    baseline: str | None = None,
    scope: str | None = None,
    partnership: Partnership | None = None,
    limit: int = 7,
    context: MessageContext | None = None,
) -> list[str]:
    """At most ``limit`` sentences summarising ``kpis`` (a :func:`partnership_metrics.kpi_table` result); none
    when every value is null.

    ``scope`` is the ``period`` whose rows are summarised (default: the pooled period when there is one, else the
    only year); ``baseline`` names the baseline period in the sentences (``2018-2020``). The EU success rate is
    compared with the benchmark of ``partnership`` (default: the packaged one) for ``eu_success_rate``, if any.
    ``context`` brings the comments, drivers, EU outcomes and target reviews the messages explain with.
    """
    check_lang(lang)
    if partnership is None:
        from ..partnership import default_partnership

        partnership = default_partnership()
    context = context or MessageContext()
    benchmark = partnership.benchmark("eu_success_rate")
    current = _scope(kpis, scope)
    reference = baseline or text("the_baseline", lang)
    found = {
        "targets": _targets(current, lang, context),
        "missed": _missed(current, lang, context),
        "rises": _changes(current, lang, reference, better=True, context=context),
        "falls": _changes(current, lang, reference, better=False, context=context),
        "synergy": _synergy(current, lang, reference),
        "eu": _eu(current, lang, benchmark, context.outcomes),
        "previous": _previous(current, lang, context),
    }
    priority = dict(_PRIORITY)
    if current.single_year:  # an annual review is read against the year before first
        priority["previous"] = 2.5
    entries = []  # (priority, rank within its kind, position in the report, message)
    for position, key in enumerate(_ORDER):
        value = found[key] or []
        for rank, message in enumerate(value if isinstance(value, list) else [value]):
            entries.append((priority[key], rank, position, message))
    # when there are too many, the least important go first (the exceptions stay)
    kept = sorted(entries, key=lambda e: (e[0], e[1]))[:limit]
    return [e[3] for e in sorted(kept, key=lambda e: (e[2], e[1]))]


def _scope(kpis: pd.DataFrame, scope: str | None) -> _Scope:
    periods = list(dict.fromkeys(kpis["period"]))
    if scope is None:
        pooled = [p for p in periods if "-" in str(p)]
        scope = pooled[-1] if pooled else periods[-1]
    rows = kpis[kpis["period"] == scope]
    if rows.empty:
        raise ValueError(f"the KPI table has no row for the period {scope!r}")
    single = "-" not in str(scope)
    years = None if single else kpis[~kpis["period"].astype("str").str.contains("-")]
    return _Scope(rows.set_index("kpi_id"), str(scope), single, years)


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return text("msg_sep", lang).join(items[:-1]) + text("msg_and", lang) + items[-1]


def _labels(items: list[str], lang: str) -> str:
    """KPI names in a sentence: ``A, B et C``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + text("msg_and", lang) + items[-1]


def _plural(key: str, n: int, lang: str, **values) -> str:
    return text(f"{key}_{plural(n, lang)}", lang, n=n, **values)


def _status(s: _Scope, kpi_id: str, context: MessageContext):
    return context.statuses.get(kpi_id, s.rows.loc[kpi_id, "status"])


def _targets(s: _Scope, lang: str, context: MessageContext) -> str | None:
    targeted = s.rows[~s.rows["target"].isna()]
    if targeted.empty:
        return None
    status = pd.Series({k: _status(s, k, context) for k in targeted.index}, dtype="object").fillna("unknown")
    status = status.where(status.isin(["met", "close", "missed", "review"]), "unknown")
    counts = status.value_counts()
    met, close, missed, review, unknown = (int(counts.get(k, 0)) for k in ("met", "close", "missed", "review",
                                                                             "unknown"))
    assessed = met + close + missed
    if assessed == 0:
        return None
    if met == assessed:
        message = text("msg_targets_all_met", lang, total=assessed, scope=s.label)
    else:
        message = text("msg_targets", lang, scope=s.label, met=_plural("count_met", met, lang), total=assessed,
                       close=_plural("count_close", close, lang), missed=_plural("count_missed", missed, lang))
    if review:
        labels = [s.rows.loc[k, "label"] for k in status.index[status == "review"]]
        message += _plural("msg_targets_review", review, lang, labels=_labels(labels, lang))
    weak = [s.rows.loc[i.kpi_id, "label"] for i in context.issues
            if i.code == "below_baseline" and i.period == s.label and i.kpi_id in status.index
            and status[i.kpi_id] == "met"]
    if weak:
        message += _plural("msg_targets_weak", len(weak), lang, labels=_labels(weak[:3], lang))
    if unknown:
        message += _plural("msg_targets_unknown", unknown, lang)
    reversed_ = {k: v for k, v in context.reversed_by_years.items() if k in status.index}
    if reversed_:
        groups = []
        for met in (True, False):
            items = [text("msg_yearly_item", lang, label=s.rows.loc[k, "label"], detail=detail) if detail
                     else s.rows.loc[k, "label"] for k, (is_met, detail) in reversed_.items() if is_met == met]
            if items:
                word = status_word("met", lang) if met else text("not_met", lang)
                groups.append(text("msg_yearly_group", lang, status=word, items=", ".join(items)))
        message += _plural("msg_targets_yearly", len(reversed_), lang, groups=text("msg_sep", lang).join(groups))
    return message


def why(kpi_id: str, lang: str, context: MessageContext) -> str:
    """Why a KPI is where it is, as a sentence: the partners' comment (with what the data show beside it, and a
    year it blames that met its target), else their comment on the year the shortfall comes from, else the data's
    drivers with "no comment supplied" (or that alone)."""
    comment = context.comments.get(kpi_id)
    of_year = context.year_comments.get(kpi_id)
    drivers = [d for d in context.drivers.get(kpi_id, ()) if d]
    if comment is not None or of_year is not None:  # the partners' words, then what the data say beside them
        said = [text("why_comment", lang, comment=comment.sentence(lang)) if comment is not None else
                text("why_comment_year", lang, year=of_year.year, value=of_year.value, target=of_year.target,
                     comment=of_year.comment.sentence(lang))]
        if kpi_id in context.checks:
            said.append(context.checks[kpi_id])
        if comment is not None and drivers:
            said.append(text("why_comment_data", lang, drivers=text("msg_sep", lang).join(drivers)))
        return " ".join(said)
    if drivers:
        return text("why_drivers", lang, drivers=text("msg_sep", lang).join(drivers))
    return text("why_none", lang)


def _missed(s: _Scope, lang: str, context: MessageContext) -> list[str]:
    """One message per target missed furthest (at most :data:`MAX_MISSED`), each with why."""
    gaps = []
    for kpi_id, row in s.rows.iterrows():
        if _status(s, kpi_id, context) != "missed" or is_missing(row["value"]) or is_missing(row["target"]):
            continue
        target = float(row["target"])
        if target == 0:
            continue
        gap = (target - row["value"]) / abs(target) * (1 if row["direction"] == "up" else -1)
        gaps.append((gap, kpi_id, row))
    gaps.sort(key=lambda g: (-g[0], g[1]))
    messages = []
    for _, kpi_id, row in gaps[:MAX_MISSED]:
        said = why(kpi_id, lang, context)
        met, detail = context.reversed_by_years.get(kpi_id, (False, ""))
        if met:  # missed against the period's target only: the yearly targets are met
            key = "msg_missed_yearly_met" if detail else "msg_missed_yearly_all_met"  # a sum, or each year's
            said = text(key, lang, detail=detail) + " " + said
        messages.append(text("msg_missed_kpi", lang, label=row["label"],
                             value=format_rounded(row["value"], row["unit"], lang),
                             target=format_rounded(row["target"], row["unit"], lang), why=said))
    return messages


def _movers(s: _Scope, reference: str, better: bool) -> list[tuple[float, str, pd.Series]]:
    """KPIs whose value moved by at least 10 % against ``reference``, best (or worst) first."""
    movers = []
    for kpi_id, row in s.rows.iterrows():
        if kpi_id in SYNERGY_SHARES or row["unit"] not in RELATIVE_UNITS:
            continue
        value, ref = row["value"], row[reference]
        if is_missing(value) or is_missing(ref) or ref == 0:
            continue
        change = (value - ref) / abs(ref)
        small = abs(ref) < MIN_COUNT_REFERENCE and abs(value - ref) < MIN_COUNT_REFERENCE
        if row["unit"] == "count" and small:
            continue
        signed = change if row["direction"] == "up" else -change
        if abs(change) < MIN_RELATIVE_CHANGE or (signed > 0) != better:
            continue
        movers.append((abs(change), kpi_id, row))
    movers.sort(key=lambda m: (-m[0], m[1]))
    return movers[:MAX_ITEMS]


def _change_item(kpi_id: str, row, reference_column: str, lang: str, *, average: bool = False,
                 drivers: Sequence[str] = ()) -> str:
    unit = row["unit"]
    key = "msg_change_item_avg" if average else "msg_change_item"
    driver = (text("msg_sep", lang) + drivers[0]) if drivers else ""
    return text(key, lang, label=row["label"],
                change=format_change_against(row["value"], row[reference_column], unit, lang, rounded=True),
                value=format_rounded(row["value"], unit, lang),
                reference=format_rounded(row[reference_column], unit, lang), why=driver)


def _changes(s: _Scope, lang: str, baseline: str, *, better: bool, context: MessageContext) -> str | None:
    items = []
    for _, kpi_id, row in _movers(s, "baseline", better):
        average = s.single_year and get_kpi(kpi_id).additive
        items.append(_change_item(kpi_id, row, "baseline", lang, average=average,
                                  drivers=context.movers.get(kpi_id, ())[:1]))
    if not items:
        return None
    return text("msg_rises" if better else "msg_falls", lang, baseline=baseline, items=_join(items, lang))


def _previous(s: _Scope, lang: str, context: MessageContext) -> list[str]:
    """The largest rises, then the largest falls, since the year before (annual review: year rows carry
    ``previous``); a rise that still falls short of its target says so."""
    if not s.single_year or s.rows["previous"].isna().all():
        return []
    previous = str(int(s.label) - 1)
    found = []
    for better, key in ((True, "msg_previous_rises"), (False, "msg_previous_falls")):
        items = []
        for _, kpi_id, row in _movers(s, "previous", better):
            item = _change_item(kpi_id, row, "previous", lang)
            if better and _status(s, kpi_id, context) in ("missed", "close"):
                item += text("msg_still_short", lang, target=format_rounded(row["target"], row["unit"], lang))
            items.append(item)
        if items:
            found.append(text(key, lang, previous=previous, items=_join(items, lang)))
    return found


def _trend(s: _Scope, kpi_id: str, lang: str) -> tuple[str, float] | None:
    """A share's yearly values within the period when they fell every year (``36,4 % → 32,4 % → 22,9 %``)."""
    if s.years is None:
        return None
    rows = s.years[s.years["kpi_id"] == kpi_id]
    values = [float(v) for v in rows["value"]]
    if len(values) < 2 or any(math.isnan(v) for v in values):
        return None
    if all(b < a for a, b in zip(values, values[1:], strict=False)):
        return " → ".join(format_value(v, "share", lang) for v in values), values[-1] - values[0]
    return None


def _synergy(s: _Scope, lang: str, baseline: str) -> str | None:
    items, ups, downs, falling = [], 0, 0, []
    for kpi_id in SYNERGY_SHARES:
        if kpi_id not in s.rows.index or is_missing(s.rows.loc[kpi_id, "value"]):
            continue
        row = s.rows.loc[kpi_id]
        label = code_label("synergy", kpi_id, lang)
        value = format_value(row["value"], "share", lang)
        trend = _trend(s, kpi_id, lang)
        if trend is not None:
            falling.append(text("msg_synergy_falling_item", lang, label=label, values=trend[0]))
        elif s.single_year and not is_missing(row["previous"]) and row["value"] < row["previous"] - 1e-9:
            falling.append(text("msg_synergy_fell_item", lang, label=label, value=value,
                                previous=format_value(row["previous"], "share", lang),
                                year=int(s.label) - 1))
        if is_missing(row["baseline"]):
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
        key = "msg_synergy_level"
    message = text(key, lang, baseline=baseline, scope=s.label, items=_join(items, lang))
    if falling:  # a rise against the baseline may hide a decline since: say it
        message = message[:-1] + text("msg_synergy_but", lang, items=_join(falling, lang))
    return message


def _eu(s: _Scope, lang: str, benchmark: Benchmark | None, outcomes: Outcomes | None) -> str | None:
    if benchmark is None:
        return None
    if "eu_success_rate" not in s.rows.index or is_missing(s.rows.loc["eu_success_rate", "value"]):
        return None
    rate = float(s.rows.loc["eu_success_rate", "value"])
    interval = outcomes.interval if outcomes is not None and outcomes.rate is not None else None
    if outcomes is not None and outcomes.decided:
        from .commentary import eu_counts_text

        counts = " (" + eu_counts_text(outcomes, lang) + ")"
    else:
        funded = s.rows.loc["eu_proposals_funded", "value"] if "eu_proposals_funded" in s.rows.index else None
        counts = "" if is_missing(funded) else " (" + _plural("msg_eu_funded", int(funded), lang) + ")"
    values = dict(rate=format_value(rate, "share", lang), benchmark=format_value(benchmark.value, "share", lang),
                  funded=counts, year=benchmark.year, scope=benchmark.scope[lang], source=benchmark.source_title)
    if interval is not None and interval[0] <= benchmark.value <= interval[1]:
        low, high = (format_value(v, "share", lang) for v in interval)
        return text("msg_eu_within", lang, low=low, high=high, **values)
    # compare as shown: 15.94 % and 15.9 % read the same
    if round(rate, 3) == round(benchmark.value, 3):
        return text("msg_eu_equal", lang, **values)
    return text("msg_eu_above" if rate > benchmark.value else "msg_eu_below", lang, **values)
