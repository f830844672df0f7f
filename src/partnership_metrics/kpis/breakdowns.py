"""Which rows of each table belong to a group: the breakdowns of the KPIs (``kpi_table(by=...)``) and the partner
view (``kpi_table(partner=...)``).

**Breakdowns.** A KPI broken down by a dimension is the same formula computed on the rows of each group, every table
it reads cut by one rule (the rows of another group are left out of every table at once, so the KPI of a group stays
consistent: a funding line of an AMU project goes with the AMU projects):

- ``lead_institution``: ``projects.lead_institution``; funding lines: their project's; start-ups: their project's,
  else their own ``lead_institution``; rounds: their start-up's; attendance: the attendee's ``institution``;
  EU proposals: ``institution``.
- ``technology_type``: ``projects.technology_type``; funding lines and start-ups: their project's; rounds: their
  start-up's.
- ``programme``: ``eu_proposals.programme``.
- ``funder``: ``funding.funder``.
- ``site``, ``organiser``: ``events.site``, ``events.organiser``; attendance: its event's.
- ``supported_by``: ``projects.supported_by``; funding lines and start-ups: their project's; rounds: their
  start-up's; EU proposals: ``supported_by``.

A KPI reading a table without a rule (events by lead institution...) cannot be broken down by that dimension, and
a few breakdowns that would mean nothing (the institutions engaged per institution, co-funding per funder...) are
refused: the KPI table says so in ``reason`` (:data:`NOT_MEANINGFUL`). A row whose group is missing (no project,
an empty cell) is in the group ``unknown``, so that the groups of a count or a sum add up to the whole. Groups have
no targets.

**Partner view.** ``partner="cpp"`` keeps the partner's portfolio — what it supports, alone or with the other —
and ``partner="joint"`` what the two do together; one rule per table:

=================  ====================================================================================
projects           ``supported_by`` is the partner or ``both`` (joint: ``both``)
funding            lines on those projects, and the partner's own lines tied to no project (joint: none)
startups           founded on those projects
startup_rounds     rounds of those start-ups
events             ``organiser`` is the partner or ``joint`` (joint: ``joint``)
event_attendance   attendance of those events
eu_proposals       ``supported_by`` is the partner or ``both`` (joint: ``both``)
kpi_targets        none: the targets are the partnership's, for the two partners together
=================  ====================================================================================

Every money line of a partner's project is kept, whoever pays it, so that co-funding, leverage and gaps keep their
meaning; ``fun_partnership_eur`` of a partner is the partners' money on its portfolio.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ._base import Tables, lookup, members, texts
from .periods import KpiError

UNKNOWN = "unknown"
JOINT = "joint"
DIMENSIONS = ("lead_institution", "technology_type", "programme", "funder", "site", "organiser", "supported_by")

# dimension -> table -> the ways a row gets its group, first found wins: a column of the table, or
# ("via", column, parent table) for the group of the parent row that the column names.
_VIA_PROJECT = ("via", "project_id", "projects")
_VIA_STARTUP = ("via", "startup_id", "startups")
_VIA_EVENT = ("via", "event_id", "events")
RULES: dict[str, dict[str, tuple]] = {
    "lead_institution": {"projects": ("lead_institution",), "funding": (_VIA_PROJECT,),
                         "startups": (_VIA_PROJECT, "lead_institution"), "startup_rounds": (_VIA_STARTUP,),
                         "event_attendance": ("institution",), "eu_proposals": ("institution",)},
    "technology_type": {"projects": ("technology_type",), "funding": (_VIA_PROJECT,), "startups": (_VIA_PROJECT,),
                        "startup_rounds": (_VIA_STARTUP,)},
    "programme": {"eu_proposals": ("programme",)},
    "funder": {"funding": ("funder",)},
    "site": {"events": ("site",), "event_attendance": (_VIA_EVENT,)},
    "organiser": {"events": ("organiser",), "event_attendance": (_VIA_EVENT,)},
    "supported_by": {"projects": ("supported_by",), "funding": (_VIA_PROJECT,), "startups": (_VIA_PROJECT,),
                     "startup_rounds": (_VIA_STARTUP,), "eu_proposals": ("supported_by",)},
}
_KEYS = {"projects": "project_id", "startups": "startup_id", "events": "event_id"}

# Breakdowns every table allows but that mean nothing: KPI -> dimension -> why (a reason of vocab/ui_status.yaml).
NOT_MEANINGFUL: dict[str, dict[str, str]] = {
    "syn_institutions_engaged": {"lead_institution": "breakdown_counts_the_groups"},
    "fun_funding_concentration_hhi": {"lead_institution": "breakdown_spread_across_the_groups"},
    "syn_co_supported_share": {"supported_by": "breakdown_share_of_the_dimension"},
    "syn_joint_event_share": {"organiser": "breakdown_share_of_the_dimension"},
    "syn_co_funded_projects": {"funder": "breakdown_needs_both_partners"},
    "fun_coordination_gaps": {"funder": "breakdown_needs_both_partners"},
    "fun_leverage_ratio": {"funder": "breakdown_needs_both_partners"},
    "fun_cost_per_outcome_eur": {"funder": "breakdown_needs_both_partners"},
}


def check_dimension(dimension: str) -> str:
    """``dimension`` if it is one of :data:`DIMENSIONS`; a :class:`KpiError` (a ValueError) naming them otherwise."""
    if dimension not in DIMENSIONS:
        raise KpiError(f"unknown dimension {dimension!r}: use one of {', '.join(DIMENSIONS)}")
    return dimension


def why_not(kpi, dimension: str) -> tuple[str, dict[str, str]] | None:
    """Why ``kpi`` cannot be broken down by ``dimension`` (a reason code of ``vocab/ui_status.yaml`` and its
    parameters), or None when it can."""
    rules = RULES[check_dimension(dimension)]
    for table in kpi.tables:
        if table not in rules:
            return "breakdown_table_without_dimension", {"table": table}
    code = NOT_MEANINGFUL.get(kpi.id, {}).get(dimension)
    return (code, {}) if code else None


def breakable(kpi, dimension: str) -> bool:
    """Whether ``kpi`` can be broken down by ``dimension``."""
    return why_not(kpi, dimension) is None


def groups_of(t: Tables, dimension: str, table: str) -> np.ndarray:
    """The group of each row of ``table`` by ``dimension`` (text; :data:`UNKNOWN` when missing), or None when the
    table has no rule for the dimension or is absent."""
    rules = RULES[check_dimension(dimension)].get(table)
    df = t.get(table)
    if rules is None or df is None:
        return None

    def build():
        found = np.full(len(df), None, dtype=object)
        for rule in rules:
            if isinstance(rule, tuple):
                _, column, parent = rule
                parents = groups_of(t, dimension, parent)
                if parents is None or column not in df.columns:
                    continue
                parent_df = t.get(parent)
                known = np.where(parents == UNKNOWN, None, parents)
                values = lookup(df[column], parent_df[_KEYS[parent]], known, None)
            else:
                if rule not in df.columns:
                    continue
                values = texts(df[rule]).to_numpy(dtype=object)
            empty = pd.isna(pd.Series(found, dtype=object)).to_numpy(dtype=bool)
            found = np.where(empty, values, found)
        return np.where(pd.isna(pd.Series(found, dtype=object)).to_numpy(dtype=bool), UNKNOWN, found).astype(object)

    return t.cached(("groups", dimension, table), build)


def group_values(t: Tables, dimension: str, tables=None) -> list[str]:
    """The groups of ``dimension`` found in ``tables`` (default: every table with a rule), most rows first,
    :data:`UNKNOWN` last."""
    counts: dict[str, int] = {}
    for table in tables or RULES[check_dimension(dimension)]:
        groups = groups_of(t, dimension, table)
        if groups is None:
            continue
        for value, n in zip(*np.unique(groups.astype(str), return_counts=True), strict=False):
            counts[value] = counts.get(value, 0) + int(n)
    return sorted(counts, key=lambda g: (g == UNKNOWN, -counts[g], g))


def _keep(df: pd.DataFrame, mask) -> pd.DataFrame:
    kept = df[np.asarray(mask, dtype=bool)]
    kept.attrs = dict(df.attrs)
    return kept


def group_tables(t: Tables, dimension: str, group: str) -> Tables:
    """The tables of one group of ``dimension``: rows of the tables with a rule cut to the group, the others whole,
    no targets."""
    def build():
        cut = {}
        for name in _names(t):
            if name == "kpi_targets":
                continue
            groups = groups_of(t, dimension, name)
            cut[name] = t.get(name) if groups is None else _keep(t.get(name), groups == group)
        return _with_not_read(Tables(cut, t.partnership), t)

    return t.cached(("group_tables", dimension, group), build)


def _names(t: Tables) -> list[str]:
    return [name for name in t._tables if t.get(name) is not None]


def _with_not_read(new: Tables, old: Tables) -> Tables:
    new.not_read = dict(old.not_read)
    new.custom_kpis_file = old.custom_kpis_file
    return new


def partner_codes(partnership) -> tuple[str, ...]:
    """The values ``partner=`` accepts: the partners' codes and ``joint``."""
    return (*(p.code for p in partnership.partners), JOINT)


def partner_tables(t: Tables, partner: str) -> Tables:
    """The partner view of ``t``: the rows that are ``partner``'s by the rules of the module docstring
    (``partner``: a partner's code, or ``joint``)."""
    partnership = t.partnership
    if partner not in partner_codes(partnership):
        raise KpiError(f"unknown partner {partner!r}: use one of {', '.join(partner_codes(partnership))}")
    joint = partner == JOINT
    supported = ("both",) if joint else (partner, "both")
    organised = (JOINT,) if joint else (partner, JOINT)
    cut: dict[str, pd.DataFrame] = {}
    for name in _names(t):
        if name != "kpi_targets":
            cut[name] = t.get(name)

    def column_in(name: str, column: str, values) -> None:
        df = cut.get(name)
        if df is not None:
            cut[name] = _keep(df, df[column].isin(values).to_numpy(dtype=bool)) if column in df.columns \
                else df.iloc[0:0]

    def tied_to(name: str, column: str, parent: str, extra=None) -> None:
        df, parents = cut.get(name), cut.get(parent)
        if df is None:
            return
        if parents is None or column not in df.columns:
            cut[name] = df.iloc[0:0]
            return
        mask = members(df[column], parents[_KEYS[parent]])
        cut[name] = _keep(df, mask if extra is None else mask | extra(df))

    column_in("projects", "supported_by", supported)
    own_funder = None if joint else partnership.partner(partner).funder

    def own_lines(df: pd.DataFrame) -> np.ndarray:
        if own_funder is None or "funder" not in df.columns:
            return np.zeros(len(df), dtype=bool)
        return (df["project_id"].isna() & (df["funder"] == own_funder)).to_numpy(dtype=bool)

    tied_to("funding", "project_id", "projects", own_lines)
    tied_to("startups", "project_id", "projects")
    tied_to("startup_rounds", "startup_id", "startups")
    column_in("events", "organiser", organised)
    tied_to("event_attendance", "event_id", "events")
    column_in("eu_proposals", "supported_by", supported)
    return _with_not_read(Tables(cut, partnership), t)


def as_mapping(tables) -> Mapping[str, pd.DataFrame]:
    """The DataFrames of ``tables`` (a dict or a :class:`Tables`) by name."""
    return tables._tables if isinstance(tables, Tables) else tables
