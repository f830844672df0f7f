"""The KPI table: every KPI per year of a period and for the pooled period, against targets and a baseline."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ._base import Tables
from .catalogue import catalogue, check_lang
from .periods import PeriodError, default_baseline, parse_period, period_label

if TYPE_CHECKING:
    from ..partnership import Partnership

COLUMNS = (
    "kpi_id", "period", "value", "unit", "target", "status", "baseline", "reason", "reason_code", "reason_params",
    "label", "area", "direction", "previous", "change_vs_previous", "change_vs_baseline", "pct_vs_baseline",
    "caveat",
)
STATUSES = ("met", "close", "missed", "no_target")
CLOSE_MARGIN = 0.10
_TOLERANCE = 1e-9  # relative: a value equal to its target up to float rounding meets it


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def status_of(value, target, direction: str) -> str | None:
    """``met``, ``close`` (within 10 %), ``missed`` or ``no_target``; None when a target exists but no value."""
    if _missing(target):
        return "no_target"
    if _missing(value):
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
    for kpi_id, period, target in zip(df["kpi_id"], df["period"], df["target"]):
        if _missing(target) or pd.isna(kpi_id) or pd.isna(period):
            continue
        if isinstance(period, (float, np.floating)) and float(period).is_integer():
            period = int(period)
        try:
            first, last = parse_period(period)
        except PeriodError as exc:
            raise PeriodError(f"kpi_targets: {exc}") from None
        targets[(str(kpi_id).strip(), period_label(first, last))] = float(target)
    return targets


def _year_end(year: int) -> pd.Timestamp:
    return pd.Timestamp(year=year, month=12, day=31)


def _difference(value, reference):
    return None if _missing(value) or _missing(reference) else value - reference


def _relative(value, reference):
    if _missing(value) or _missing(reference) or reference == 0:
        return None
    return (value - reference) / abs(reference)


def kpi_table(tables, period=None, baseline=None, lang=None, *, year=None,
              partnership: Partnership | None = None) -> pd.DataFrame:
    """Every KPI of the catalogue for each year of ``period`` and for the pooled period (columns :data:`COLUMNS`).

    ``partnership`` (default: the packaged one) gives the defaults and the partners' funder codes. ``period``
    defaults to the partnership's period; ``year`` (a single year) replaces it. ``baseline`` defaults to the
    partnership's baseline for its period, else to the three years before the period. ``lang`` (default: the
    partnership's first language) is the language of ``label`` and ``reason``.

    A period row's baseline is the pooled baseline; a year row's is the baseline's yearly average for additive
    KPIs and the pooled baseline otherwise. ``previous`` is year Y-1 (year rows only, even before the period),
    measured like the year rows at the end of the report period (for ``val_maturation_conversion``).

    A null ``value`` comes with its reason: ``reason_code`` (an entry of the ``reasons:`` of ``vocab/ui.yaml``),
    ``reason_params`` (its parameters as a JSON object, e.g. ``{"years": "2021-2023"}``) and ``reason`` (the
    sentence in ``lang``); the same reason explains a null ``status`` (a target but no value). The three are
    missing when the value is not null.

    Raises
    ------
    PeriodError
        (a ``ValueError``) for an unreadable period, baseline or ``kpi_targets.period``.
    """
    t = Tables.of(tables, partnership)
    partnership = t.partnership
    lang = check_lang(lang or partnership.default_language)
    first, last = parse_period(year if year is not None else (period or partnership.period))
    if baseline is None:
        baseline = default_baseline(first, last, partnership)
    b_first, b_last = parse_period(baseline)
    years = tuple(range(first, last + 1))
    baseline_years = tuple(range(b_first, b_last + 1))
    period_end, baseline_end = _year_end(last), _year_end(b_last)
    scopes = [(y,) for y in years] + ([years] if len(years) > 1 else [])
    targets = read_targets(t)

    rows = []
    for kpi in catalogue():
        memo = {}
        caveat = _caveat(kpi, t, lang)

        def result(scope, end, kpi=kpi, memo=memo):
            if (scope, end) not in memo:
                memo[(scope, end)] = kpi.compute(t, scope, end)
            return memo[(scope, end)]

        pooled_baseline = result(baseline_years, baseline_end).value
        for scope in scopes:
            value, reason = result(scope, period_end)
            is_year = len(scope) == 1
            reference = pooled_baseline
            if is_year and kpi.additive and reference is not None:
                reference = reference / len(baseline_years)
            previous = result((scope[0] - 1,), period_end).value if is_year else None
            label = period_label(scope[0], scope[-1])
            target = targets.get((kpi.id, label))
            reasons = (None, None, None) if reason is None else (reason.text(lang), reason.code, reason.params_json())
            rows.append(
                (kpi.id, label, value, kpi.unit, target, status_of(value, target, kpi.direction), reference,
                 *reasons, kpi.label(lang), kpi.area, kpi.direction, previous, _difference(value, previous),
                 _difference(value, reference), _relative(value, reference), caveat)
            )
    return _frame(rows)


def _caveat(kpi, t: Tables, lang: str) -> str | None:
    """"incomplete: Financements.xlsx [2021] was not read" when a sheet of a table the KPI reads was skipped."""
    sheets = [s for table in kpi.tables for s in t.not_read.get(table, [])]
    if not sheets:
        return None
    from ..ui_strings import ui_strings

    return ui_strings().text("caveat_not_read", lang, sheets=", ".join(sheets))


_FLOAT_COLUMNS = {"value", "target", "baseline", "previous", "change_vs_previous", "change_vs_baseline",
                  "pct_vs_baseline"}


def _frame(rows) -> pd.DataFrame:
    data = {}
    for i, name in enumerate(COLUMNS):
        cells = [row[i] for row in rows]
        if name in _FLOAT_COLUMNS:
            data[name] = pd.Series([np.nan if _missing(c) else float(c) for c in cells], dtype="float64")
        else:
            data[name] = pd.Series(cells, dtype="str")
    return pd.DataFrame(data, columns=list(COLUMNS))
