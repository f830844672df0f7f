"""Portfolio breakdowns and what each partner brought: DataFrames in, small tables out, for a set of years.

Partner attribution, one documented rule per table: a project is *sourced* by the partner of its
``sourcing_channel`` (``cpp_call`` → cpp, ``it_detection`` → it, ``joint``) and *supported* by its
``supported_by``; money is *committed* by its ``funder``; an event is *organised* by its ``organiser``; an EU
proposal is *supported* by its ``supported_by``; a licence or a start-up is an *outcome* of the partner(s)
supporting its project. ``joint`` rows (``both``/``joint``) belong to the two partners together, never to each.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SOURCING_OF = {"cpp": "cpp_call", "it": "it_detection", "joint": "joint"}
SUPPORT_OF = {"cpp": "cpp", "it": "it", "joint": "both"}
ORGANISER_OF = {"cpp": "cpp", "it": "it", "joint": "joint"}
NO_PROJECT = "no_project"


def _in_years(dates: pd.Series, years) -> pd.Series:
    return pd.to_datetime(dates).dt.year.isin(list(years))


def _text(series: pd.Series) -> pd.Series:
    return series.astype("object").where(series.notna(), None)


def projects_by(projects: pd.DataFrame, funding: pd.DataFrame | None, dimension: str, years,
                partner_funders: tuple[str, ...]) -> pd.DataFrame:
    """Projects detected in ``years`` and partner funding decided in ``years`` per value of ``dimension``
    (``lead_institution`` or ``technology_type``): ``value, projects, partner_funding_eur, share_projects``.
    Funding lines without a project are the value :data:`NO_PROJECT`; a project without a value is ``unknown``."""
    detected = projects[_in_years(projects["detection_date"], years)]
    counts = _text(detected[dimension]).fillna("unknown").value_counts()
    money = pd.Series(dtype="float64")
    if funding is not None and not funding.empty:
        lines = funding[_in_years(funding["decision_date"], years) & funding["funder"].isin(partner_funders)]
        key = projects.drop_duplicates("project_id").set_index(projects["project_id"].astype("str"))[dimension]
        where = lines["project_id"].astype("str").map(_text(key)).fillna("unknown")
        where[lines["project_id"].isna().to_numpy()] = NO_PROJECT  # money for no project, not a project unknown
        money = lines["amount_eur"].groupby(where.to_numpy()).sum()
    values = sorted(set(counts.index) | set(money.index), key=lambda v: (-counts.get(v, 0), str(v)))
    total = max(int(counts.sum()), 1)
    return pd.DataFrame({
        "value": values,
        "projects": [int(counts.get(v, 0)) for v in values],
        "partner_funding_eur": [float(money.get(v, 0.0)) for v in values],
        "share_projects": [counts.get(v, 0) / total for v in values],
    })


def events_by(events: pd.DataFrame, years) -> pd.DataFrame:
    """Events held in ``years`` per ``site`` and ``organiser``: ``site, organiser, events, attendees``."""
    held = events[_in_years(events["event_date"], years)]
    grouped = held.assign(site=_text(held["site"]).fillna("unknown"), organiser=_text(held["organiser"])) \
        .groupby(["site", "organiser"], dropna=False).agg(events=("event_id", "size"), attendees=("attendees", "sum"))
    return grouped.reset_index().astype({"events": "int64", "attendees": "int64"})


def eu_by_programme(proposals: pd.DataFrame, years) -> pd.DataFrame:
    """EU proposals submitted in ``years`` per ``programme``: ``submitted`` (withdrawn excluded), ``funded``,
    ``decided`` (funded + not funded), ``pending``, ``success_rate`` (NaN when none decided), ``granted_eur``."""
    p = proposals[_in_years(proposals["submission_date"], years)]
    p = p.assign(programme=_text(p["programme"]), status=_text(p["status"]))
    rows = []
    for programme, group in p.groupby("programme"):
        funded = int((group["status"] == "funded").sum())
        decided = int(group["status"].isin(["funded", "not_funded"]).sum())
        rows.append({
            "programme": programme,
            "submitted": int((group["status"] != "withdrawn").sum()),
            "funded": funded, "decided": decided, "pending": int((group["status"] == "pending").sum()),
            "success_rate": funded / decided if decided else np.nan,
            "granted_eur": float(group.loc[group["status"] == "funded", "granted_eur"].sum()),
        })
    return pd.DataFrame(rows, columns=["programme", "submitted", "funded", "decided", "pending", "success_rate",
                                       "granted_eur"])


def partner_contributions(tables: dict, years, partners: dict[str, str]) -> pd.DataFrame:
    """What each partner and the two together brought in ``years``: one row per ``cpp``, ``it``, ``joint``.

    ``partners``: partner code -> its funder code. Columns: ``projects_sourced``, ``projects_supported``,
    ``committed_eur`` (joint: projects funded by both, their partner money), ``events_organised``, ``attendees``,
    ``eu_supported``, ``eu_funded``, ``eu_granted_eur``, ``licences``, ``startups``, ``outcomes``,
    ``cost_per_outcome_eur`` (NaN without outcome), ``external_eur`` and ``leverage`` (external money on the
    projects the partner funded / its money; not additionality: that money might have come anyway)."""
    projects, funding = tables.get("projects"), tables.get("funding")
    events, proposals, startups = tables.get("events"), tables.get("eu_proposals"), tables.get("startups")
    rows = []
    for who in ("cpp", "it", "joint"):
        row: dict = {"partner": who}
        if projects is not None:
            detected = projects[_in_years(projects["detection_date"], years)]
            row["projects_sourced"] = int((_text(detected["sourcing_channel"]) == SOURCING_OF[who]).sum())
            row["projects_supported"] = int((_text(detected["supported_by"]) == SUPPORT_OF[who]).sum())
            supported = set(projects.loc[_text(projects["supported_by"]) == SUPPORT_OF[who], "project_id"].astype(str))
            row["licences"] = int((_in_years(projects["licence_date"], years)
                                   & projects["project_id"].astype(str).isin(supported)).sum())
            if startups is not None:
                created = startups[_in_years(startups["creation_date"], years)]
                row["startups"] = int(created["project_id"].astype(str).isin(supported).sum())
        if funding is not None:
            row.update(_money(funding, years, who, partners))
        if events is not None:
            held = events[_in_years(events["event_date"], years) & (_text(events["organiser"]) == ORGANISER_OF[who])]
            row["events_organised"], row["attendees"] = len(held), int(held["attendees"].sum())
        if proposals is not None:
            p = proposals[_in_years(proposals["submission_date"], years)
                          & (_text(proposals["supported_by"]) == SUPPORT_OF[who])]
            row["eu_supported"] = int((_text(p["status"]) != "withdrawn").sum())
            row["eu_funded"] = int((_text(p["status"]) == "funded").sum())
            row["eu_granted_eur"] = float(p.loc[_text(p["status"]) == "funded", "granted_eur"].sum())
        outcomes = row.get("licences", 0) + row.get("startups", 0)
        row["outcomes"] = outcomes
        committed = row.get("committed_eur", np.nan)
        row["cost_per_outcome_eur"] = committed / outcomes if outcomes else np.nan
        rows.append(row)
    return pd.DataFrame(rows)


def _money(funding: pd.DataFrame, years, who: str, partners: dict[str, str]) -> dict:
    """Committed money, and the external money on the same projects (decided in ``years``)."""
    in_years = _in_years(funding["decision_date"], years)
    funder = _text(funding["funder"])
    partner_funders = set(partners.values())
    by_project = funding[funder.isin(partner_funders) & funding["project_id"].notna()]
    funders_of = by_project.groupby(by_project["project_id"].astype(str))["funder"].agg(lambda s: set(map(str, s)))
    if who == "joint":
        projects = {p for p, f in funders_of.items() if partner_funders <= f}
        own = in_years & funder.isin(partner_funders) & funding["project_id"].astype(str).isin(projects)
    else:
        projects = {p for p, f in funders_of.items() if partners[who] in f}
        own = in_years & (funder == partners[who])
    external = in_years & ~funder.isin(partner_funders) & funding["project_id"].astype(str).isin(projects)
    committed = float(funding.loc[own, "amount_eur"].sum())
    outside = float(funding.loc[external, "amount_eur"].sum())
    return {"committed_eur": committed, "external_eur": outside,
            "leverage": outside / committed if committed else np.nan}
