"""Drill-down: the rows of the tidy tables behind a KPI value, with where each came from in the partners' files.

>>> rows = explain("syn_co_funded_projects", tables, period="2022")        # doctest: +SKIP
>>> rows[["key", "amount", "numerator", "source_file", "source_sheet", "source_row"]]  # doctest: +SKIP

One row per row of a tidy table that the value counts (``numerator``) or divides by (``denominator``; shares and
ratios), in the order of the tables. ``amount`` is what the row brings (1 for a row counted, euros for money,
days, a score); ``group`` is what a distinct count or a concentration index counts (a research unit, a project,
an institution). The value is reproduced from the rows alone by :func:`reproduce`, following ``attrs["method"]``:

- ``sum``: the sum of ``amount`` over the numerator rows (counts and sums);
- ``ratio``: that sum over the sum of ``amount`` over the denominator rows (shares, leverage, cost per outcome);
- ``median``, ``mean``: of ``amount`` over the numerator rows;
- ``distinct``: the number of distinct ``group`` of the numerator rows;
- ``hhi``: the sum of the squared shares of each ``group`` in the total ``amount``.

``attrs`` also holds ``kpi_id``, ``period``, ``value`` (as the KPI table gives it), ``reason`` (why it is null),
``numerator`` and ``denominator`` (the two totals of a ratio, else None), ``unit`` and ``label``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ..schemas import PROVENANCE, TABLES
from ._base import Tables, lookup, members, texts
from .catalogue import check_lang, get_kpi
from .periods import parse_period, period_label
from .valorisation import MATURATION_INSTRUMENTS, mature_years, matured_within_window

COLUMNS = ("kpi_id", "period", "table", "row", "key", "date", "amount", "group", "numerator", "denominator",
           *PROVENANCE)
METHODS = ("sum", "ratio", "median", "mean", "distinct", "hhi")


def _part(t: Tables, table: str, mask, *, numerator=True, denominator=False, amount=1.0, group=None,
          date: str | None = None) -> pd.DataFrame:
    """The rows of ``table`` selected by ``mask`` (a boolean array over the table), with their role and sources."""
    df = t.frame(table)
    mask = np.asarray(mask, dtype=bool)
    positions = np.flatnonzero(mask)

    def cut(values, default):
        if values is None:
            return np.full(len(positions), default, dtype=object)
        values = np.asarray(values)
        return values[mask] if values.shape == mask.shape else np.full(len(positions), values, dtype=object)

    key_columns = [c for c in TABLES[table].key if c in df.columns]
    keys = pd.Series([""] * len(positions), dtype="object")
    for i, column in enumerate(key_columns):
        part = _text(df[column].iloc[positions]).fillna("").reset_index(drop=True)
        keys = part if i == 0 else keys + " | " + part
    frame = pd.DataFrame({
        "table": table,
        "row": positions.astype("int64"),
        "key": keys.to_numpy(dtype=object),
        "date": df[date].iloc[positions].to_numpy() if date else pd.NaT,
        "amount": np.nan_to_num(np.asarray(cut(amount, 1.0), dtype="float64")),
        "group": cut(group, None),
        "numerator": np.asarray(cut(numerator, True), dtype=bool),
        "denominator": np.asarray(cut(denominator, False), dtype=bool),
    })
    for column in PROVENANCE:
        frame[column] = df[column].iloc[positions].to_numpy() if column in df.columns else None
    return frame


def _text(series: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.dt.strftime("%Y-%m-%d").astype("object").where(series.notna(), None)
    return texts(series)


# ---- one explainer per formula: (t, years, period_end) -> (method, [parts]) --------------------------------------

def _dated(table: str, column: str) -> Callable:
    def explain(t, years, end):
        return "sum", [_part(t, table, t.in_years(table, column, years), date=column)]
    return explain


def _maturation_eur(t, years, end):
    lines = t.in_years("funding", "decision_date", years) & t.isin("funding", "instrument", MATURATION_INSTRUMENTS)
    return "sum", [_part(t, "funding", lines, amount=t.numbers("funding", "amount_eur"), date="decision_date")]


def _startup_funds(t, years, end):
    rounds = t.in_years("startup_rounds", "round_date", years)
    return "sum", [_part(t, "startup_rounds", rounds, amount=t.numbers("startup_rounds", "amount_eur"),
                         date="round_date")]


def _median_days(t, years, end):
    detection, start = t.dates("projects", "detection_date"), t.dates("projects", "maturation_start_date")
    days = (start - detection) / np.timedelta64(1, "D")
    precise = t.to_the_day("projects", "detection_date") & t.to_the_day("projects", "maturation_start_date")
    known = ~np.isnat(start - detection) & precise
    rows = t.in_years("projects", "maturation_start_date", years) & known
    return "median", [_part(t, "projects", rows, amount=np.where(known, days, np.nan), date="maturation_start_date")]


def _conversion(t, years, end):
    detected = t.in_years("projects", "detection_date", years)
    converted = detected & (t.dates("projects", "maturation_start_date") <= end.to_datetime64())
    return "ratio", [_part(t, "projects", detected, numerator=converted, denominator=True, date="detection_date")]


def _conversion_24m(t, years, end):
    t.frame("projects", "detection_date", "maturation_start_date")
    old_enough = mature_years(years, end)  # none: "too early", no row
    detected = t.in_years("projects", "detection_date", old_enough) if old_enough else \
        np.zeros(len(t.frame("projects")), dtype=bool)
    return "ratio", [_part(t, "projects", detected, numerator=detected & matured_within_window(t),
                           denominator=True, date="detection_date")]


def _attendees(t, years, end):
    held = t.in_years("events", "event_date", years)
    return "sum", [_part(t, "events", held, amount=t.numbers("events", "attendees"), date="event_date")]


def _units_reached(t, years, end):
    events, attendance = t.frame("events", "event_id", "event_date"), t.frame("event_attendance", "event_id",
                                                                              "research_unit")
    event_years = lookup(attendance["event_id"], events["event_id"], t.years("events", "event_date"), -1)
    units = texts(attendance["research_unit"]).str.strip()
    rows = np.isin(event_years, years) & (units.notna() & (units != "")).to_numpy(dtype=bool)
    return "distinct", [_part(t, "event_attendance", rows, group=units.to_numpy(dtype=object))]


def _satisfaction(t, years, end):
    scores = t.numbers("events", "satisfaction")
    rows = t.in_years("events", "event_date", years) & ~np.isnan(scores)
    return "mean", [_part(t, "events", rows, amount=scores, date="event_date")]


def _eu(t, years, statuses, exclude=False):
    t.frame("eu_proposals", "submission_date", "status")
    chosen = t.isin("eu_proposals", "status", statuses)
    return t.in_years("eu_proposals", "submission_date", years) & (~chosen if exclude else chosen)


def _eu_submitted(t, years, end):
    return "sum", [_part(t, "eu_proposals", _eu(t, years, ("withdrawn",), True), date="submission_date")]


def _eu_funded(t, years, end):
    return "sum", [_part(t, "eu_proposals", _eu(t, years, ("funded",)), date="submission_date")]


def _eu_success(t, years, end):
    decided = _eu(t, years, ("funded", "not_funded"))
    funded = _eu(t, years, ("funded",))
    return "ratio", [_part(t, "eu_proposals", decided, numerator=funded, denominator=True, date="submission_date")]


def _eu_secured(t, years, end):
    t.frame("eu_proposals", "granted_eur")
    return "sum", [_part(t, "eu_proposals", _eu(t, years, ("funded",)), amount=t.numbers("eu_proposals", "granted_eur"),
                         date="submission_date")]


def _eu_coordinator(t, years, end):
    t.frame("eu_proposals", "role")
    submitted = _eu(t, years, ("withdrawn",), True)
    coordinated = submitted & t.isin("eu_proposals", "role", ("coordinator",))
    return "ratio", [_part(t, "eu_proposals", submitted, numerator=coordinated, denominator=True,
                           date="submission_date")]


def _detected_share(column: str, value: str) -> Callable:
    def explain(t, years, end):
        t.frame("projects", "detection_date", column)
        detected = t.in_years("projects", "detection_date", years)
        hits = detected & t.isin("projects", column, (value,))
        return "ratio", [_part(t, "projects", detected, numerator=hits, denominator=True, date="detection_date")]
    return explain


def _partner_line_mask(t) -> np.ndarray:
    f = t.frame("funding", "project_id", "funder", "decision_date")
    return t.isin("funding", "funder", t.partner_funders) & f["project_id"].notna().to_numpy(dtype=bool)


def _co_funded(t, years, end):
    f = t.frame("funding", "project_id", "funder", "decision_date")
    dates = t.dates("funding", "decision_date")
    lines = pd.DataFrame({"project": texts(f["project_id"]), "funder": texts(f["funder"]), "date": dates,
                          "position": np.arange(len(f))})[_partner_line_mask(t) & ~np.isnat(dates)]
    firsts = lines.sort_values(["date", "position"]).groupby(["project", "funder"], sort=False).head(1)
    funders = firsts.groupby("project")["funder"].nunique()
    both = funders[funders == len(set(t.partner_funders))].index
    firsts = firsts[firsts["project"].isin(both)]
    year_of = firsts.groupby("project")["date"].max().astype("datetime64[ms]").dt.year
    counted = year_of[year_of.isin(years)].index
    rows = np.zeros(len(f), dtype=bool)
    rows[firsts.loc[firsts["project"].isin(counted), "position"].to_numpy(dtype=int)] = True
    return "distinct", [_part(t, "funding", rows, group=texts(f["project_id"]).to_numpy(dtype=object),
                              date="decision_date")]


def _joint_events(t, years, end):
    t.frame("events", "event_date", "organiser")
    held = t.in_years("events", "event_date", years)
    joint = held & t.isin("events", "organiser", ("joint",))
    return "ratio", [_part(t, "events", held, numerator=joint, denominator=True, date="event_date")]


def _institutions(t, years, end):
    lead = texts(t.frame("projects", "detection_date", "lead_institution")["lead_institution"])
    rows = t.in_years("projects", "detection_date", years) & (lead.notna() & (lead != "OTHER")).to_numpy(dtype=bool)
    return "distinct", [_part(t, "projects", rows, group=lead.to_numpy(dtype=object), date="detection_date")]


def _partner_money(t, years) -> np.ndarray:
    t.frame("funding", "funder", "decision_date", "amount_eur")
    return t.in_years("funding", "decision_date", years) & t.isin("funding", "funder", t.partner_funders)


def _partnership_eur(t, years, end):
    return "sum", [_part(t, "funding", _partner_money(t, years), amount=t.numbers("funding", "amount_eur"),
                         date="decision_date")]


def _external_parts(t, years, **role) -> list[pd.DataFrame]:
    f = t.frame("funding", "project_id", "funder", "decision_date", "amount_eur")
    s = t.frame("startups", "startup_id", "project_id")
    r = t.frame("startup_rounds", "startup_id", "round_date", "amount_eur")
    partner_projects = f["project_id"][_partner_line_mask(t)]
    lines = (~t.isin("funding", "funder", t.partner_funders) & members(f["project_id"], partner_projects)
             & t.in_years("funding", "decision_date", years))
    founded = s.loc[members(s["project_id"], partner_projects), "startup_id"]
    rounds = members(r["startup_id"], founded) & t.in_years("startup_rounds", "round_date", years)
    return [_part(t, "funding", lines, amount=t.numbers("funding", "amount_eur"), date="decision_date", **role),
            _part(t, "startup_rounds", rounds, amount=t.numbers("startup_rounds", "amount_eur"), date="round_date",
                  **role)]


def _external_eur(t, years, end):
    return "sum", _external_parts(t, years)


def _leverage(t, years, end):
    partner = _part(t, "funding", _partner_money(t, years), amount=t.numbers("funding", "amount_eur"),
                    numerator=False, denominator=True, date="decision_date")
    return "ratio", [*_external_parts(t, years), partner]


def _cost_per_outcome(t, years, end):
    t.frame("projects", "licence_date")
    t.frame("startups", "creation_date")
    return "ratio", [
        _part(t, "funding", _partner_money(t, years), amount=t.numbers("funding", "amount_eur"), date="decision_date"),
        _part(t, "projects", t.in_years("projects", "licence_date", years), numerator=False, denominator=True,
              date="licence_date"),
        _part(t, "startups", t.in_years("startups", "creation_date", years), numerator=False, denominator=True,
              date="creation_date"),
    ]


def _concentration(t, years, end):
    f = t.frame("funding", "project_id", "funder", "decision_date", "amount_eur")
    p = t.frame("projects", "project_id", "lead_institution")
    lead = lookup(f["project_id"], p["project_id"], p["lead_institution"].astype("object").to_numpy(), None)
    known = pd.Series(lead, dtype="object").notna().to_numpy(dtype=bool)
    rows = _partner_money(t, years) & known
    return "hhi", [_part(t, "funding", rows, amount=t.numbers("funding", "amount_eur"), group=lead,
                         date="decision_date")]


def _coordination_gaps(t, years, end):
    f = t.frame("funding", "project_id", "funder", "decision_date")
    p = t.frame("projects", "project_id", "supported_by")
    line_years = t.years("funding", "decision_date")
    project = texts(f["project_id"]).to_numpy(dtype=object)
    lines = pd.DataFrame({"project": project, "year": line_years, "funder": texts(f["funder"])})
    partner = _partner_line_mask(t) & (line_years >= 0)
    funders = lines[partner].groupby(["project", "year"])["funder"].nunique()
    both = funders[funders == len(t.partner_funders)].reset_index()
    support = lookup(both["project"], p["project_id"], p["supported_by"].astype("object").to_numpy(), None)
    gap = pd.Series(support, dtype="object").notna().to_numpy(dtype=bool) & (support != "both")
    pairs = set(zip(both.loc[gap, "project"], both.loc[gap, "year"], strict=False))
    pair = np.array([f"{a} | {b}" for a, b in zip(project, line_years, strict=False)], dtype=object)
    rows = partner & np.isin(line_years, years) & np.array([(a, b) in pairs for a, b in zip(project, line_years, strict=False)],
                                                          dtype=bool)
    return "distinct", [_part(t, "funding", rows, group=pair, date="decision_date")]


EXPLAINERS: dict[str, Callable] = {
    "valorisation.projects_detected": _dated("projects", "detection_date"),
    "valorisation.invention_disclosures": _dated("projects", "disclosure_date"),
    "valorisation.priority_filings": _dated("projects", "priority_filing_date"),
    "valorisation.maturation_projects": _dated("projects", "maturation_start_date"),
    "valorisation.maturation_eur": _maturation_eur,
    "valorisation.licences": _dated("projects", "licence_date"),
    "valorisation.startups_created": _dated("startups", "creation_date"),
    "valorisation.startup_funds_raised_eur": _startup_funds,
    "valorisation.median_days_to_maturation": _median_days,
    "valorisation.maturation_conversion": _conversion,
    "valorisation.maturation_conversion_24m": _conversion_24m,
    "training.events": _dated("events", "event_date"),
    "training.attendees": _attendees,
    "training.units_reached": _units_reached,
    "training.satisfaction": _satisfaction,
    "eu.proposals_submitted": _eu_submitted,
    "eu.proposals_funded": _eu_funded,
    "eu.success_rate": _eu_success,
    "eu.funding_secured_eur": _eu_secured,
    "eu.coordinator_share": _eu_coordinator,
    "synergy.joint_sourcing_share": _detected_share("sourcing_channel", "joint"),
    "synergy.co_supported_share": _detected_share("supported_by", "both"),
    "synergy.co_funded_projects": _co_funded,
    "synergy.joint_event_share": _joint_events,
    "synergy.institutions_engaged": _institutions,
    "funding.partnership_eur": _partnership_eur,
    "funding.external_eur": _external_eur,
    "funding.leverage_ratio": _leverage,
    "funding.cost_per_outcome_eur": _cost_per_outcome,
    "funding.funding_concentration_hhi": _concentration,
    "funding.coordination_gaps": _coordination_gaps,
}


def formula_name(kpi) -> str:
    """``module.function`` of a KPI's formula (``synergy.co_funded_projects``), the key of :data:`EXPLAINERS`."""
    return f"{kpi.formula.__module__.rsplit('.', 1)[-1]}.{kpi.formula.__name__}"


def explain(kpi_id: str, tables, period=None, *, year=None, partnership=None, partner: str | None = None,
            period_end=None, lang: str | None = None) -> pd.DataFrame:
    """The rows behind the value of ``kpi_id`` over ``period`` (a year or ``FIRST-LAST``; default: the
    partnership's period) or ``year`` (columns :data:`COLUMNS`, the summary in ``attrs``; see the module docstring).

    ``partner`` restricts the tables to a partner's rows as ``kpi_table(partner=...)`` does. ``period_end`` (default:
    31 December of the period's last year) is the date up to which ``val_maturation_conversion`` counts a start:
    give the end of the report period to explain a year row of a longer KPI table. ``lang`` is the language of
    ``attrs["label"]`` and ``attrs["reason"]``. A null value has no row (and its reason).

    Raises ``KeyError`` for an unknown KPI and ``PeriodError`` (a ``ValueError``) for an unreadable period.
    """
    kpi = get_kpi(kpi_id)
    t = Tables.of(tables, partnership)
    lang = check_lang(lang or t.partnership.default_language)
    if partner is not None:
        from .breakdowns import partner_tables

        t = partner_tables(t, partner)
    first, last = parse_period(year if year is not None else (period or t.partnership.period))
    years = tuple(range(first, last + 1))
    end = pd.Timestamp(year=last, month=12, day=31) if period_end is None else pd.Timestamp(period_end)
    value, reason = kpi.compute(t, years, end)
    label = period_label(first, last)
    if value is None:
        rows, method = _frame([], kpi_id, label), None
    else:
        method, parts = EXPLAINERS[formula_name(kpi)](t, years, end)
        rows = _frame(parts, kpi_id, label)
    rows.attrs.update({
        "kpi_id": kpi_id, "period": label, "value": value, "reason": None if reason is None else reason.text(lang),
        "method": method, "unit": kpi.unit, "label": kpi.label(lang),
        "numerator": _total(rows, "numerator") if method == "ratio" else None,
        "denominator": _total(rows, "denominator") if method == "ratio" else None,
    })
    return rows


def _frame(parts: list[pd.DataFrame], kpi_id: str, period: str) -> pd.DataFrame:
    parts = [p for p in parts if len(p)]
    if parts:
        frame = pd.concat(parts, ignore_index=True)
    else:
        frame = pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS if c not in ("kpi_id", "period")})
        frame = frame.astype({"row": "int64", "amount": "float64", "numerator": "bool", "denominator": "bool"})
    frame.insert(0, "period", period)
    frame.insert(0, "kpi_id", kpi_id)
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ms]")
    return frame[list(COLUMNS)]


def _total(rows: pd.DataFrame, role: str) -> float:
    return float(rows.loc[rows[role], "amount"].sum()) if len(rows) else 0.0


def reproduce(rows: pd.DataFrame) -> float | None:
    """The KPI value computed from the rows of :func:`explain` alone, by ``rows.attrs["method"]``; None when the
    rows cannot give one (no row, a zero denominator)."""
    method = rows.attrs.get("method")
    numerator = rows[rows["numerator"]]
    if method is None or (method != "ratio" and numerator.empty):
        return None if method is None or method in ("median", "mean", "hhi") else 0.0
    if method == "sum":
        return float(numerator["amount"].sum())
    if method == "ratio":
        denominator = rows.loc[rows["denominator"], "amount"].sum()
        return None if denominator == 0 else float(numerator["amount"].sum() / denominator)
    if method == "median":
        return float(numerator["amount"].median())
    if method == "mean":
        return float(numerator["amount"].mean())
    if method == "distinct":
        return float(numerator["group"].dropna().nunique())
    if method == "hhi":
        per_group = numerator.groupby("group")["amount"].sum()
        total = per_group.sum()
        return None if total <= 0 else float(((per_group / total) ** 2).sum())
    raise ValueError(f"unknown method {method!r}")


__all__ = ["COLUMNS", "EXPLAINERS", "METHODS", "explain", "formula_name", "reproduce"]
