"""What became of the projects detected each year: milestones reached, outcomes, and time to milestone.

A cohort is the projects detected in one calendar year. A milestone counts when its date is on or before the
``as_of`` date (the end of the report period, or the data cut-off). The outcome of a project is, in this order:
``licence_or_startup`` (a licence signed or a start-up founded on it), ``abandoned``, or ``open``.

Time to a milestone is estimated with Kaplan–Meier (``lifelines``): a project that has not reached the milestone
by ``as_of`` counts as still waiting (censored) at ``as_of`` — or at its abandonment, when it was abandoned — so
young cohorts are not read as failures.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MILESTONES = ("disclosure", "priority_filing", "maturation", "licence", "startup")
OUTCOMES = ("licence_or_startup", "abandoned", "open")
_DATE_OF = {"disclosure": "disclosure_date", "priority_filing": "priority_filing_date",
            "maturation": "maturation_start_date", "licence": "licence_date"}


def project_milestones(projects: pd.DataFrame, startups: pd.DataFrame | None, as_of) -> pd.DataFrame:
    """One row per project with a detection date: ``project_id``, ``cohort`` (detection year), ``detected``
    and the date of each milestone reached by ``as_of`` (NaT otherwise), ``abandoned`` and ``outcome``."""
    as_of = pd.Timestamp(as_of)
    p = projects[projects["detection_date"].notna() & (projects["detection_date"] <= as_of)]
    out = pd.DataFrame({"project_id": p["project_id"].astype("str").to_numpy(),
                        "detected": p["detection_date"].to_numpy(dtype="datetime64[ms]")})
    out["cohort"] = out["detected"].dt.year.astype("int64")
    for milestone, column in _DATE_OF.items():
        dates = pd.to_datetime(p[column]) if column in p else pd.Series(pd.NaT, index=p.index)
        out[milestone] = dates.where(dates <= as_of).to_numpy(dtype="datetime64[ms]")
    out["startup"] = _first_startup(out["project_id"], startups, as_of)
    abandoned = pd.to_datetime(p["abandon_date"]) if "abandon_date" in p else pd.Series(pd.NaT, index=p.index)
    out["abandoned"] = abandoned.where(abandoned <= as_of).to_numpy(dtype="datetime64[ms]")
    success = out["licence"].notna() | out["startup"].notna()
    out["outcome"] = np.where(success, "licence_or_startup", np.where(out["abandoned"].notna(), "abandoned", "open"))
    return out


def _first_startup(project_ids: pd.Series, startups: pd.DataFrame | None, as_of: pd.Timestamp) -> np.ndarray:
    if startups is None or startups.empty or "project_id" not in startups:
        return np.full(len(project_ids), np.datetime64("NaT"), dtype="datetime64[ms]")
    s = startups[startups["project_id"].notna() & startups["creation_date"].notna()
                 & (startups["creation_date"] <= as_of)]
    first = s.groupby(s["project_id"].astype("str"), observed=True)["creation_date"].min()
    return project_ids.map(first).to_numpy(dtype="datetime64[ms]")


def cohort_table(milestones: pd.DataFrame, as_of, *, mature_after_months: int = 24) -> pd.DataFrame:
    """Per detection year: ``projects``, the number reaching each milestone, each outcome, the shares
    (``share_<milestone>``, ``share_<outcome>``) and ``mature`` — whether the whole cohort has had
    ``mature_after_months`` since its year ended (younger cohorts are "too early" to judge)."""
    as_of = pd.Timestamp(as_of)
    rows = []
    for cohort, group in milestones.groupby("cohort"):
        n = len(group)
        row = {"cohort": int(cohort), "projects": n}
        for milestone in MILESTONES:
            row[milestone] = int(group[milestone].notna().sum())
        for outcome in OUTCOMES:
            row[outcome] = int((group["outcome"] == outcome).sum())
        for key in (*MILESTONES, *OUTCOMES):
            row[f"share_{key}"] = row[key] / n
        youngest = pd.Timestamp(year=int(cohort), month=12, day=31)
        row["mature"] = youngest + pd.DateOffset(months=mature_after_months) <= as_of
        rows.append(row)
    return pd.DataFrame(rows)


def time_to(milestones: pd.DataFrame, milestone: str, as_of) -> pd.DataFrame:
    """Durations for a time-to-event estimate: ``project_id``, ``cohort``, ``days`` from detection to the
    milestone (``licence_or_startup``: the first of the two) or to censoring, and ``reached`` (False = censored
    at abandonment or at ``as_of``)."""
    as_of = pd.Timestamp(as_of)
    if milestone == "licence_or_startup":
        event = milestones[["licence", "startup"]].min(axis=1)
    else:
        event = milestones[milestone]
    censor = milestones["abandoned"].fillna(as_of).where(lambda d: d <= as_of, as_of)
    reached = event.notna()
    end = event.where(reached, censor)
    days = (end - milestones["detected"]).dt.days.clip(lower=0).astype("float64")
    return pd.DataFrame({"project_id": milestones["project_id"], "cohort": milestones["cohort"],
                         "days": days.to_numpy(), "reached": reached.to_numpy()})


def kaplan_meier(durations: pd.DataFrame, *, label: str = "") -> pd.DataFrame:
    """The Kaplan–Meier estimate of the share having reached the milestone after ``days``: columns ``days``,
    ``reached`` (1 − survival), ``lower``/``upper`` (95 % interval) and ``at_risk``; one row per distinct time."""
    from lifelines import KaplanMeierFitter

    if durations.empty:
        return pd.DataFrame(columns=["days", "reached", "lower", "upper", "at_risk", "label"])
    fitter = KaplanMeierFitter().fit(durations["days"], event_observed=durations["reached"], label="s")
    survival = fitter.survival_function_["s"]
    interval = fitter.confidence_interval_survival_function_
    table = fitter.event_table
    return pd.DataFrame({
        "days": survival.index.to_numpy(dtype="float64"),
        "reached": 1 - survival.to_numpy(),
        "lower": 1 - interval.iloc[:, 1].to_numpy(),
        "upper": 1 - interval.iloc[:, 0].to_numpy(),
        "at_risk": table["at_risk"].reindex(survival.index).to_numpy(),
        "label": label,
    })


def median_days(durations: pd.DataFrame) -> float | None:
    """The Kaplan–Meier median time to the milestone, None when fewer than half reached it."""
    from lifelines import KaplanMeierFitter

    if durations.empty:
        return None
    median = KaplanMeierFitter().fit(durations["days"], event_observed=durations["reached"]).median_survival_time_
    return None if not np.isfinite(median) else float(median)


def estimate_at(curve: pd.DataFrame, days: float) -> dict:
    """The Kaplan–Meier estimate of ``curve`` (from :func:`kaplan_meier`) at ``days``: ``reached``, ``lower``,
    ``upper`` (the step in force then) and ``at_risk`` (projects still followed at that time); NaN beyond the last
    project followed, where the curve says nothing."""
    empty = {"reached": np.nan, "lower": np.nan, "upper": np.nan, "at_risk": 0}
    if curve.empty or days > float(curve["days"].max()):
        return empty
    step = curve[curve["days"] <= days].iloc[-1]
    later = curve[curve["days"] >= days]
    return {"reached": float(step["reached"]), "lower": float(step["lower"]), "upper": float(step["upper"]),
            "at_risk": int(later["at_risk"].iloc[0]) if not later.empty else 0}


def cohort_groups(cohorts: pd.Series, groups: dict[str, tuple[int, int]]) -> pd.Series:
    """The group of each detection year: the name of the ``groups`` entry (name -> (first, last) year) that holds it,
    None for a year in none of them."""
    def group_of(year):
        return next((name for name, (first, last) in groups.items() if first <= int(year) <= last), None)

    return cohorts.map(group_of).astype("object")


def time_to_by_group(milestones: pd.DataFrame, milestone: str, as_of, groups: dict[str, tuple[int, int]], *,
                     at_days: tuple[int, ...] = (365, 730)) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Time to ``milestone`` for each group of detection years (e.g. the baseline's and the partnership's cohorts).

    Returns ``(curves, summary)``: the Kaplan–Meier curve of each group (:func:`kaplan_meier`, ``label`` = the
    group), and one row per group with ``group, projects, reached, median_days`` (NaN when fewer than half
    reached it) and, for each of ``at_days``, ``reached_<d>d``, ``lower_<d>d``, ``upper_<d>d``, ``at_risk_<d>d``
    (NaN when no project of the group has been followed that long)."""
    durations = time_to(milestones, milestone, as_of)
    durations = durations.assign(group=cohort_groups(durations["cohort"], groups))
    curves, rows = [], []
    for name in groups:
        part = durations[durations["group"] == name]
        curve = kaplan_meier(part, label=name)
        curves.append(curve)
        row = {"group": name, "projects": len(part), "reached": int(part["reached"].sum()),
               "median_days": median_days(part)}
        for d in at_days:
            at = estimate_at(curve, d)
            row.update({f"reached_{d}d": at["reached"], f"lower_{d}d": at["lower"], f"upper_{d}d": at["upper"],
                        f"at_risk_{d}d": at["at_risk"]})
        rows.append(row)
    curves = [c for c in curves if not c.empty]
    return (pd.concat(curves, ignore_index=True) if curves else kaplan_meier(durations.iloc[:0]),
            pd.DataFrame(rows))


def pipeline_cohorts(tables: dict, as_of, *, mature_after_months: int = 24) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The cohorts of the tidy ``tables`` (as :func:`partnership_metrics.load` returns them) at ``as_of``:
    ``(milestones, cohort table)`` (see :func:`project_milestones` and :func:`cohort_table`)."""
    projects = tables.get("projects")
    if projects is None:
        raise KeyError("projects")
    milestones = project_milestones(projects, tables.get("startups"), as_of)
    return milestones, cohort_table(milestones, as_of, mature_after_months=mature_after_months)
