"""The KPI table: every KPI per year of a period and for the pooled period, against targets and a baseline, each
status with its reason; broken down by a dimension (``by=``) or for one partner (``partner=``)."""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..values import is_missing
from . import breakdowns
from ._base import Tables
from .catalogue import check_lang
from .custom import kpis_of
from .periods import PeriodError, default_baseline, parse_period, period_label

if TYPE_CHECKING:
    from ..partnership import Partnership

COLUMNS = (
    "kpi_id", "period", "value", "unit", "target", "status", "baseline", "reason", "reason_code", "reason_params",
    "label", "area", "direction", "previous", "change_vs_previous", "change_vs_baseline", "pct_vs_baseline",
    "caveat", "target_derived", "gap", "gap_pct", "status_reason", "contributors",
)
STATUSES = ("met", "close", "missed", "no_target")
CLOSE_MARGIN = 0.10
_TOLERANCE = 1e-9  # relative: a value equal to its target up to float rounding meets it


def status_of(value, target, direction: str) -> str | None:
    """``met``, ``close`` (within 10 %), ``missed`` or ``no_target``; None when a target exists but no value."""
    if is_missing(target):
        return "no_target"
    if is_missing(value):
        return None
    slack = _TOLERANCE * max(abs(target), 1e-12)
    if direction == "up":
        if value >= target - slack:
            return "met"
        return "close" if value >= (1 - CLOSE_MARGIN) * target - slack else "missed"
    if value <= target + slack:
        return "met"
    return "close" if value <= (1 + CLOSE_MARGIN) * target + slack else "missed"


def read_targets(tables) -> dict[tuple[str, str], float]:
    """Targets of ``kpi_targets`` keyed by ``(kpi_id, canonical period)``, e.g. ``("trn_events", "2022")``."""
    df = Tables.of(tables).get("kpi_targets")
    if df is None or df.empty:
        return {}
    targets = {}
    for kpi_id, period, target in zip(df["kpi_id"], df["period"], df["target"], strict=False):
        if is_missing(target) or pd.isna(kpi_id) or pd.isna(period):
            continue
        if isinstance(period, (float, np.floating)) and float(period).is_integer():
            period = int(period)
        try:
            first, last = parse_period(period)
        except PeriodError as exc:
            raise PeriodError(f"kpi_targets: {exc}") from None
        targets[(str(kpi_id).strip(), period_label(first, last))] = float(target)
    return targets


def target_of(kpi, scope: tuple[int, ...], targets: dict) -> tuple[float | None, bool]:
    """``(target, derived)`` of ``kpi`` over the years ``scope``: the agreed target of that year or period, else,
    for an additive KPI over several years, the sum of the yearly targets when every year has one (derived)."""
    agreed = targets.get((kpi.id, period_label(scope[0], scope[-1])))
    if agreed is not None or len(scope) == 1 or not kpi.additive:
        return agreed, False
    yearly = [targets.get((kpi.id, str(y))) for y in scope]
    if any(t is None for t in yearly):
        return None, False
    return float(sum(yearly)), True


def _year_end(year: int) -> pd.Timestamp:
    return pd.Timestamp(year=year, month=12, day=31)


def _difference(value, reference):
    return None if is_missing(value) or is_missing(reference) else value - reference


def _relative(value, reference):
    if is_missing(value) or is_missing(reference) or reference == 0:
        return None
    return (value - reference) / abs(reference)


def kpi_table(tables, period=None, baseline=None, lang=None, *, year=None,
              partnership: Partnership | None = None, by: str | None = None, partner: str | None = None,
              contributors: bool = True) -> pd.DataFrame:
    """Every KPI of the catalogue for each year of ``period`` and for the pooled period (columns :data:`COLUMNS`).

    ``partnership`` (default: the packaged one) gives the defaults and the partners' funder codes. ``period``
    defaults to the partnership's period; ``year`` (a single year) replaces it. ``baseline`` defaults to the
    partnership's baseline for its period, else to the three years before the period. ``lang`` (default: the
    partnership's first language) is the language of ``label``, ``reason`` and ``status_reason``.

    A period row's baseline is the pooled baseline; a year row's is the baseline's yearly average for additive
    KPIs and the pooled baseline otherwise. ``previous`` is year Y-1 (year rows only, even before the period),
    measured like the year rows at the end of the report period (for ``val_maturation_conversion``).

    A period without an agreed target takes, for an additive KPI, the sum of its yearly targets when every year has
    one (``target_derived`` is True). ``gap`` is ``value - target`` and ``gap_pct`` the gap over the target.

    A null ``value`` comes with its reason: ``reason_code`` (an entry of the ``reasons:`` of ``vocab/ui.yaml``),
    ``reason_params`` (its parameters as a JSON object, e.g. ``{"years": "2021-2023"}``) and ``reason`` (the
    sentence in ``lang``); the same reason explains a null ``status`` (a target but no value). The three are
    missing when the value is not null. Every row has a ``status_reason``: the gap to the target (or why there is
    none), then the change against the year before and against the baseline with, for counts and sums, the groups
    that contributed most (``contributors``: a JSON list of ``{"against", "by", "group", "change"}``; computed only
    with ``contributors=True``).

    ``partner`` (a partner's code, or ``joint``) computes every KPI on the partner's rows only, by the rules of
    :mod:`partnership_metrics.kpis.breakdowns` (no targets: they are the partnership's); a ``partner`` column follows
    ``period``. ``by`` (one of :data:`~partnership_metrics.kpis.breakdowns.DIMENSIONS`) gives one row per KPI, group
    and period, with ``by`` and ``group`` columns after ``period``; a KPI that cannot be broken down by it has one
    row per period with a null value and the reason (``reason_code`` ``no_breakdown``).

    Raises
    ------
    PeriodError
        (a ``ValueError``) for an unreadable period, baseline or ``kpi_targets.period``.
    KpiError
        (a ``ValueError``) for an unknown ``by`` or ``partner``.
    """
    t = Tables.of(tables, partnership)
    partnership = t.partnership
    lang = check_lang(lang or partnership.default_language)
    first, last = parse_period(year if year is not None else (period or partnership.period))
    if baseline is None:
        baseline = default_baseline(first, last, partnership)
    b_first, b_last = parse_period(baseline)
    if by is not None:
        breakdowns.check_dimension(by)
    if partner is not None:
        t = breakdowns.partner_tables(t, partner)
    spec = _Spec(tuple(range(first, last + 1)), tuple(range(b_first, b_last + 1)), lang, partner)
    from .status import Contributions, StatusWriter

    writer = StatusWriter(lang, partnership, spec.baseline_label, partner=partner)
    rows = []
    if by is None:
        found = Contributions(t, spec.period_end) if contributors else None
        targets = read_targets(t)
        for kpi in kpis_of(t):
            rows += _kpi_rows(kpi, t, spec, targets, writer, found)
        return _frame(rows, _columns(partner=partner is not None))
    for kpi in kpis_of(t):
        why = breakdowns.why_not(kpi, by)
        if why is not None:
            rows += _unbreakable_rows(kpi, t, spec, by, why, writer)
            continue
        for group in breakdowns.group_values(t, by, kpi.tables):
            cut = breakdowns.group_tables(t, by, group)
            for row in _kpi_rows(kpi, cut, spec, {}, writer, None, group=(by, group)):
                rows.append({**row, "by": by, "group": group})
    return _frame(rows, _columns(partner=partner is not None, by=True))


MOVER_COLUMNS = ("kpi_id", "label", "unit", "direction", "before", "after", "change", "pct_change", "improved",
                 "status_before", "status_after", "status_reason")


def movers(tables, before: int, after: int, *, lang=None, partnership: Partnership | None = None,
           partner: str | None = None) -> pd.DataFrame:
    """Every KPI from year ``before`` to year ``after``, the largest relative moves first (columns
    :data:`MOVER_COLUMNS`): the two values, ``change`` and ``pct_change`` (over ``before``'s value; NaN from 0),
    ``improved`` (True when the KPI moved its way: up for ``direction`` up), both statuses and the
    ``status_reason`` of ``after`` (its changes and their largest contributors). Both years are measured at the end
    of ``after``, as the year rows of a KPI table of the period ``before-after``. KPIs without a value in one of the
    years come last."""
    if not before < after:
        raise PeriodError(f"movers: the first year ({before}) must come before the second ({after})")
    t = Tables.of(tables, partnership)
    years = kpi_table(t, period=period_label(before, after), lang=lang, partner=partner)
    first, last = years[years["period"] == str(before)], years[years["period"] == str(after)]
    both = last.merge(first[["kpi_id", "value", "status"]], on="kpi_id", suffixes=("", "_before"))
    change = both["value"] - both["value_before"]
    pct = [_relative(a, b) for a, b in zip(both["value"], both["value_before"], strict=False)]
    frame = pd.DataFrame({
        "kpi_id": both["kpi_id"], "label": both["label"], "unit": both["unit"], "direction": both["direction"],
        "before": both["value_before"], "after": both["value"], "change": change,
        "pct_change": pd.Series([np.nan if p is None else p for p in pct], dtype="float64"),
        "improved": (change * np.where(both["direction"] == "up", 1, -1)) > 0,
        "status_before": both["status_before"], "status_after": both["status"], "status_reason": both["status_reason"],
    })
    def weight(pct, change) -> float:  # a move from 0 is the largest; no value in a year comes last
        if not is_missing(pct):
            return abs(pct)
        if is_missing(change):
            return -1.0
        return math.inf if change != 0 else 0.0

    order = [weight(p, c) for p, c in zip(frame["pct_change"], frame["change"], strict=False)]
    frame = frame.assign(_order=order).sort_values("_order", ascending=False, kind="stable")
    return frame.drop(columns="_order").reset_index(drop=True)


class _Spec:
    """The years of a KPI table: its scopes (each year, then the pooled period) and its baseline."""

    def __init__(self, years: tuple[int, ...], baseline_years: tuple[int, ...], lang: str, partner: str | None):
        self.years, self.baseline_years, self.lang, self.partner = years, baseline_years, lang, partner
        self.period_end, self.baseline_end = _year_end(years[-1]), _year_end(baseline_years[-1])
        self.scopes = [(y,) for y in years] + ([years] if len(years) > 1 else [])
        self.baseline_label = period_label(baseline_years[0], baseline_years[-1])


def _kpi_rows(kpi, t: Tables, spec: _Spec, targets: dict, writer, found, group=None) -> list[dict]:
    """The rows of one KPI: one per scope of ``spec``."""
    memo = {}
    caveat = _caveat(kpi, t, spec.lang)

    def result(scope, end):
        if (scope, end) not in memo:
            memo[(scope, end)] = kpi.compute(t, scope, end)
        return memo[(scope, end)]

    pooled_baseline = result(spec.baseline_years, spec.baseline_end).value
    rows = []
    for scope in spec.scopes:
        value, reason = result(scope, spec.period_end)
        is_year = len(scope) == 1
        reference = pooled_baseline
        if is_year and kpi.additive and reference is not None:
            reference = reference / len(spec.baseline_years)
        previous = result((scope[0] - 1,), spec.period_end).value if is_year else None
        label = period_label(scope[0], scope[-1])
        target, derived = target_of(kpi, scope, targets)
        status = status_of(value, target, kpi.direction)
        gap = _difference(value, target)
        row = {
            "kpi_id": kpi.id, "period": label, "partner": spec.partner, "value": value, "unit": kpi.unit,
            "target": target, "status": status, "baseline": reference,
            "reason": None if reason is None else reason.text(spec.lang),
            "reason_code": None if reason is None else reason.code,
            "reason_params": None if reason is None else reason.params_json(),
            "label": kpi.label(spec.lang), "area": kpi.area, "direction": kpi.direction, "previous": previous,
            "change_vs_previous": _difference(value, previous), "change_vs_baseline": _difference(value, reference),
            "pct_vs_baseline": _relative(value, reference), "caveat": caveat, "target_derived": derived,
            "gap": gap, "gap_pct": _relative(value, target),
        }
        moved = found.changes(kpi, scope, spec.baseline_years) if found is not None and value is not None else []
        row["contributors"] = json.dumps(moved, ensure_ascii=False) if moved else None
        row["status_reason"] = writer.sentence(kpi, row, scope, moved, targets=targets, group=group)
        rows.append(row)
    return rows


def _unbreakable_rows(kpi, t: Tables, spec: _Spec, by: str, why, writer) -> list[dict]:
    code, params = why
    reason_params = json.dumps({"dimension": by, "why": code, **params}, ensure_ascii=False, sort_keys=True)
    text = writer.no_breakdown(by, code, params)
    return [{
        "kpi_id": kpi.id, "period": period_label(scope[0], scope[-1]), "partner": spec.partner, "by": by,
        "group": None, "value": None, "unit": kpi.unit, "target": None, "status": "no_target", "baseline": None,
        "reason": text, "reason_code": "no_breakdown", "reason_params": reason_params, "label": kpi.label(spec.lang),
        "area": kpi.area, "direction": kpi.direction, "caveat": _caveat(kpi, t, spec.lang), "target_derived": False,
        "status_reason": text,
    } for scope in spec.scopes]


def _caveat(kpi, t: Tables, lang: str) -> str | None:
    """"incomplete: Financements.xlsx [2021] was not read" when a sheet of a table the KPI reads was skipped."""
    sheets = [s for table in kpi.tables for s in t.not_read.get(table, [])]
    if not sheets:
        return None
    from ..ui_strings import ui_strings

    return ui_strings().text("caveat_not_read", lang, sheets=", ".join(sheets))


def _columns(*, partner: bool = False, by: bool = False) -> tuple[str, ...]:
    extra = (("partner",) if partner else ()) + (("by", "group") if by else ())
    return COLUMNS[:2] + extra + COLUMNS[2:]


_FLOAT_COLUMNS = {"value", "target", "baseline", "previous", "change_vs_previous", "change_vs_baseline",
                  "pct_vs_baseline", "gap", "gap_pct"}


def _frame(rows: list[dict], columns=COLUMNS) -> pd.DataFrame:
    data = {}
    for name in columns:
        cells = [row.get(name) for row in rows]
        if name in _FLOAT_COLUMNS:
            data[name] = pd.Series([np.nan if is_missing(c) else float(c) for c in cells], dtype="float64")
        elif name == "target_derived":
            data[name] = pd.Series([bool(c) for c in cells], dtype="bool")
        else:
            data[name] = pd.Series(cells, dtype="str")
    return pd.DataFrame(data, columns=list(columns))


__all__ = ["COLUMNS", "MOVER_COLUMNS", "STATUSES", "kpi_table", "movers", "read_targets", "status_of", "target_of"]
