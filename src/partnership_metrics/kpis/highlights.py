"""Highlights of a set of years, found in the tidy tables: the stories a board retells.

One row per highlight, in this order of kinds (:data:`KINDS`):

- ``round``: the largest funds raised by the partnership's start-ups (``startup_rounds``, by ``round_date``);
- ``eu_grant``: the largest EU grants (proposals submitted in the years and funded, as the EU KPIs count them);
- ``external_funding``: the largest decisions of funders other than the partners and the EU (``funding``, by
  ``decision_date``; the EU's grants are the proposals above);
- ``acquisition``: start-ups whose status is ``acquired`` (the tables date the status only by the data cut-off);
- ``ilab``: start-ups created in the years that are i-Lab laureates (as the partners record it);
- ``licence``: licences signed in the years (each project's licence: its first), earliest first.

Each row links to the KPI it illustrates (``kpi_id``), so that a report can show the partners' commentary beside it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

KINDS = ("round", "eu_grant", "external_funding", "acquisition", "ilab", "licence")
KPI_OF = {"round": "val_startup_funds_raised_eur", "eu_grant": "eu_funding_secured_eur",
          "external_funding": "fun_external_eur", "acquisition": "val_startups_created",
          "ilab": "val_startups_created", "licence": "val_licences"}
COLUMNS = ["kind", "rank", "date", "subject_id", "subject", "amount_eur", "detail", "institution", "days",
           "kpi_id"]


def _in_years(dates: pd.Series, years) -> pd.Series:
    return pd.to_datetime(dates).dt.year.isin([int(y) for y in years])


def _text(value):
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _names(projects: pd.DataFrame) -> pd.Series:
    """A project's name: its acronym, else its title, else its id."""
    name = projects["project_id"].astype("object")
    for column in ("title", "acronym"):
        if column in projects:
            name = projects[column].astype("object").where(projects[column].notna(), name)
    return name


def _rows(kind: str, frame: pd.DataFrame, *, date, subject_id, subject, amount=None, detail=None,
          institution=None, days=None) -> list[dict]:
    out = []
    for rank, (_, r) in enumerate(frame.iterrows(), start=1):
        out.append({
            "kind": kind, "rank": rank, "date": r[date] if date else pd.NaT,
            "subject_id": _text(r[subject_id]), "subject": _text(r[subject]) if subject else None,
            "amount_eur": float(r[amount]) if amount and not pd.isna(r[amount]) else np.nan,
            "detail": _text(r[detail]) if detail else None,
            "institution": _text(r[institution]) if institution and institution in r.index else None,
            "days": float(r[days]) if days and not pd.isna(r[days]) else np.nan,
            "kpi_id": KPI_OF[kind],
        })
    return out


def highlights(tables: dict, years, *, partner_funders: tuple[str, ...] = (), top: int = 3,
               licences: int = 5) -> pd.DataFrame:
    """The highlights of ``years`` in ``tables`` (as :func:`partnership_metrics.load` returns them): columns
    ``kind, rank, date, subject_id, subject, amount_eur, detail, institution, days, kpi_id``.

    ``top`` rounds, EU grants and external funding decisions (largest first; ties by date); every acquisition and laureate;
    the first ``licences`` licences. ``partner_funders``: the partners' funder codes (not external). ``detail`` is a
    code (round type, EU programme, funder, technology type); ``days``: detection to licence."""
    years = tuple(int(y) for y in years)
    rows: list[dict] = []
    startups = tables.get("startups")
    names = {} if startups is None else dict(zip(startups["startup_id"].astype(str), startups["name"], strict=False))
    rounds = tables.get("startup_rounds")
    if rounds is not None and not rounds.empty:
        r = rounds[_in_years(rounds["round_date"], years) & rounds["amount_eur"].notna()]
        r = r.assign(name=r["startup_id"].astype(str).map(names).fillna(r["startup_id"].astype(str)))
        r = r.sort_values(["amount_eur", "round_date"], ascending=[False, True]).head(top)
        rows += _rows("round", r, date="round_date", subject_id="startup_id", subject="name", amount="amount_eur",
                      detail="round_type")
    proposals = tables.get("eu_proposals")
    if proposals is not None and not proposals.empty:
        status = proposals["status"].astype("object")
        p = proposals[_in_years(proposals["submission_date"], years) & (status == "funded")]
        p = p.assign(when=p["result_date"].fillna(p["submission_date"]) if "result_date" in p else p["submission_date"],
                     granted=p["granted_eur"].fillna(0.0))
        p = p.sort_values(["granted", "when"], ascending=[False, True]).head(top)
        rows += _rows("eu_grant", p, date="when", subject_id="proposal_id", subject="acronym", amount="granted_eur",
                      detail="programme", institution="institution")
    funding = tables.get("funding")
    if funding is not None and not funding.empty:
        funder = funding["funder"].astype("object")
        f = funding[_in_years(funding["decision_date"], years) & funding["amount_eur"].notna()
                    & ~funder.isin([*partner_funders, "eu"]) & funder.notna()]
        projects = tables.get("projects")
        titles = {} if projects is None else dict(zip(projects["project_id"].astype(str), _names(projects), strict=False))
        f = f.assign(project=f["project_id"].astype("object").map(lambda p: titles.get(str(p)) or _text(p)))
        f = f.sort_values(["amount_eur", "decision_date"], ascending=[False, True]).head(top)
        rows += _rows("external_funding", f, date="decision_date", subject_id="funding_id", subject="project",
                      amount="amount_eur", detail="funder")
    if startups is not None and not startups.empty:
        acquired = startups[startups["status"].astype("object") == "acquired"].sort_values("creation_date")
        rows += _rows("acquisition", acquired, date=None, subject_id="startup_id", subject="name",
                      institution="lead_institution")
        if "ilab_laureate" in startups:
            laureate = startups["ilab_laureate"].astype("boolean").fillna(False).astype(bool)
            ilab = startups[laureate & _in_years(startups["creation_date"], years)].sort_values("creation_date")
            rows += _rows("ilab", ilab, date="creation_date", subject_id="startup_id", subject="name",
                          institution="lead_institution")
    projects = tables.get("projects")
    if projects is not None and not projects.empty and "licence_date" in projects:
        lic = projects[_in_years(projects["licence_date"], years)]
        lic = lic.assign(days=(pd.to_datetime(lic["licence_date"]) - pd.to_datetime(lic["detection_date"])).dt.days)
        lic = lic.sort_values(["licence_date", "project_id"]).head(licences)
        lic = lic.assign(name=_names(lic))
        rows += _rows("licence", lic, date="licence_date", subject_id="project_id", subject="name",
                      detail="technology_type", institution="lead_institution", days="days")
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["date"] = pd.to_datetime(out["date"])
    return out
