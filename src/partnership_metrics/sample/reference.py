"""The reference truth of a sample: the KPIs computed on the model rows (independently of the kpis stage), the
targets set around them, the clean tables a correct ingestion produces, and per file and sheet the rows a correct
ingestion accepts, quarantines and drops."""

from __future__ import annotations

import datetime as dt
import random
import statistics
from collections import Counter

from ..partnership import Partnership, default_partnership
from ..schemas import TABLES
from .layout import pi_cells, planted_people
from .model import Model, build_model
from .writers import File

# ------------------------------------------------------------------------------------------------- the KPI targets

# (id, unit, direction, French label) of the KPIs that get targets: 28 of the 30 of the catalogue (no target is set
# for the funding concentration index nor the maturation conversion, as in real agreements).
TARGET_KPIS = (
    ("val_projects_detected", "count", "up", "Projets détectés"),
    ("val_invention_disclosures", "count", "up", "Déclarations d'invention"),
    ("val_priority_filings", "count", "up", "Dépôts de brevet prioritaires"),
    ("val_maturation_projects", "count", "up", "Projets entrés en maturation"),
    ("val_maturation_eur", "eur", "up", "Financement de maturation (€)"),
    ("val_licences", "count", "up", "Licences signées"),
    ("val_startups_created", "count", "up", "Start-up créées"),
    ("val_startup_funds_raised_eur", "eur", "up", "Fonds levés par les start-up (€)"),
    ("val_median_days_to_maturation", "days", "down", "Délai médian détection → maturation (jours)"),
    ("trn_events", "count", "up", "Événements et formations"),
    ("trn_attendees", "count", "up", "Participants"),
    ("trn_units_reached", "count", "up", "Unités de recherche touchées"),
    ("trn_satisfaction", "score", "up", "Satisfaction moyenne (/5)"),
    ("eu_proposals_submitted", "count", "up", "Projets européens déposés"),
    ("eu_proposals_funded", "count", "up", "Projets européens financés"),
    ("eu_success_rate", "share", "up", "Taux de succès européen"),
    ("eu_funding_secured_eur", "eur", "up", "Financements européens obtenus (€)"),
    ("eu_coordinator_share", "share", "up", "Part des dépôts en coordination"),
    ("syn_joint_sourcing_share", "share", "up", "Part des projets détectés conjointement"),
    ("syn_co_supported_share", "share", "up", "Part des projets co-accompagnés"),
    ("syn_co_funded_projects", "count", "up", "Projets cofinancés par les deux partenaires"),
    ("syn_joint_event_share", "share", "up", "Part des événements co-organisés"),
    ("syn_institutions_engaged", "count", "up", "Établissements impliqués"),
    ("fun_partnership_eur", "eur", "up", "Financement des partenaires (€)"),
    ("fun_external_eur", "eur", "up", "Financements externes mobilisés (€)"),
    ("fun_leverage_ratio", "ratio", "up", "Effet de levier"),
    ("fun_cost_per_outcome_eur", "eur", "down", "Coût par résultat (licence ou start-up, €)"),
    ("fun_coordination_gaps", "count", "down", "Défauts de coordination"),
)

# ------------------------------------------------------------------------------ reference KPI values and targets


def kpi_values(model: Model, years: set[int]) -> dict[str, float | None]:
    """The generator's own computation of the catalogue's KPIs over ``years``, on the model rows.

    Sets plausible targets and goes into the truth as a cross-check. Over a period, counts and sums add up; shares,
    medians and distinct counts are recomputed on the pooled rows.
    """
    partners = model.partnership.partner_funders
    v = _kpis_pooled(model.tables, years, partners)
    if len(years) > 1:
        for kpi in ("syn_co_funded_projects", "fun_coordination_gaps"):
            v[kpi] = sum(_kpis_pooled(model.tables, {y}, partners)[kpi] for y in years)
    return v


def _kpis_pooled(tables: dict[str, list[dict]], years: set[int], partners: tuple[str, ...]) -> dict:
    def in_y(d):
        return d is not None and d.year in years

    P, F, R = tables["projects"], tables["funding"], tables["startup_rounds"]
    S, E, U = tables["startups"], tables["events"], tables["eu_proposals"]
    v: dict[str, float | None] = {}
    for kpi, col in (("val_projects_detected", "detection_date"), ("val_invention_disclosures", "disclosure_date"),
                     ("val_priority_filings", "priority_filing_date"),
                     ("val_maturation_projects", "maturation_start_date"), ("val_licences", "licence_date")):
        v[kpi] = sum(in_y(p[col]) for p in P)
    v["val_maturation_eur"] = sum(f["amount_eur"] for f in F if f["instrument"] in ("maturation", "proof_of_concept")
                                  and in_y(f["decision_date"]))
    v["val_startups_created"] = sum(in_y(s["creation_date"]) for s in S)
    v["val_startup_funds_raised_eur"] = sum(r["amount_eur"] for r in R if in_y(r["round_date"]))
    days = [(p["maturation_start_date"] - p["detection_date"]).days for p in P if in_y(p["maturation_start_date"])]
    v["val_median_days_to_maturation"] = float(statistics.median(days)) if days else None
    ev = [e for e in E if in_y(e["event_date"])]
    ev_ids = {e["event_id"] for e in ev}
    v["trn_events"] = len(ev)
    v["trn_attendees"] = sum(e["attendees"] for e in ev)
    v["trn_units_reached"] = len({a["research_unit"] for a in tables["event_attendance"]
                                  if a["event_id"] in ev_ids and a["research_unit"]})
    sat = [e["satisfaction"] for e in ev if e["satisfaction"] is not None]
    v["trn_satisfaction"] = statistics.mean(sat) if sat else None
    sub = [u for u in U if in_y(u["submission_date"]) and u["status"] != "withdrawn"]
    funded = [u for u in sub if u["status"] == "funded"]
    decided = [u for u in sub if u["status"] in ("funded", "not_funded")]
    v["eu_proposals_submitted"] = len(sub)
    v["eu_proposals_funded"] = len(funded)
    v["eu_success_rate"] = len(funded) / len(decided) if decided else None
    v["eu_funding_secured_eur"] = sum(u["granted_eur"] or 0.0 for u in funded)
    v["eu_coordinator_share"] = sum(u["role"] == "coordinator" for u in sub) / len(sub) if sub else None
    det = [p for p in P if in_y(p["detection_date"])]
    v["syn_joint_sourcing_share"] = sum(p["sourcing_channel"] == "joint" for p in det) / len(det) if det else None
    v["syn_co_supported_share"] = sum(p["supported_by"] == "both" for p in det) / len(det) if det else None
    v["syn_joint_event_share"] = sum(e["organiser"] == "joint" for e in ev) / len(ev) if ev else None
    v["syn_institutions_engaged"] = len({p["lead_institution"] for p in det if p["lead_institution"] != "OTHER"})
    first: dict[int, dict[str, dt.date]] = {}
    for f in F:
        if f["funder"] in partners and f["_project"] is not None:
            seen = first.setdefault(id(f["_project"]), {})
            seen[f["funder"]] = min(seen.get(f["funder"], f["decision_date"]), f["decision_date"])
    v["syn_co_funded_projects"] = sum(len(s) == 2 and max(s.values()).year in years for s in first.values())
    partner_eur = sum(f["amount_eur"] for f in F if f["funder"] in partners and in_y(f["decision_date"]))
    v["fun_partnership_eur"] = partner_eur
    ext = sum(f["amount_eur"] for f in F if f["funder"] not in partners and f["_project"] is not None
              and id(f["_project"]) in first and in_y(f["decision_date"]))
    ext += sum(r["amount_eur"] for r in R if in_y(r["round_date"]) and id(r["_startup"]["_project"]) in first)
    v["fun_external_eur"] = ext
    v["fun_leverage_ratio"] = ext / partner_eur if partner_eur else None
    outcomes = v["val_licences"] + v["val_startups_created"]
    v["fun_cost_per_outcome_eur"] = partner_eur / outcomes if outcomes else None
    decided_in: dict[int, set] = {}
    for f in F:
        if f["funder"] in partners and f["_project"] is not None and in_y(f["decision_date"]):
            decided_in.setdefault(id(f["_project"]), set()).add(f["funder"])
    by_id = {id(p): p for p in P}
    v["fun_coordination_gaps"] = sum(len(s) == 2 and by_id[k]["supported_by"] != "both" for k, s in decided_in.items())
    return v


def period_years(period: str) -> set[int]:
    """``"2021-2023"`` -> {2021, 2022, 2023}; ``"2022"`` -> {2022}."""
    a, _, b = period.partition("-")
    return set(range(int(a), int(b or a) + 1))


def target_status(value: float | None, target: float, direction: str) -> str:
    """A value against its target: ``met``, ``close`` (within 10 % of the target) or ``missed``."""
    if value is None:
        return "missed"
    if (value >= target) if direction == "up" else (value <= target):
        return "met"
    return "close" if abs(value - target) <= 0.1 * abs(target) else "missed"


def _round_target(t: float, unit: str) -> float:
    if unit == "count":
        return float(max(1, round(t)))
    if unit == "eur":
        return float(max(10_000, round(t / 10_000) * 10_000))
    if unit == "share":
        return min(0.95, max(0.01, round(t, 2)))
    if unit == "days":
        return float(max(30, round(t / 10) * 10))
    if unit == "score":
        return min(5.0, round(t, 1))
    return round(t, 1)


def set_targets(model: Model, rng: random.Random) -> list[dict]:
    """Targets for each year of the period and the whole period, set around the values so reports mix met, close
    and missed."""
    periods = model.calendar.target_periods
    values = {p: kpi_values(model, period_years(p)) for p in periods}
    rows = []
    for kpi, unit, direction, label in TARGET_KPIS:
        for period in periods:
            value = values[period][kpi]
            if value is None or (value == 0 and direction == "up"):
                continue
            wanted = rng.choices(("met", "close", "missed"), weights=(5, 3, 3))[0]
            up = direction == "up"
            factor = {"met": (0.8, 0.97) if up else (1.05, 1.25), "close": (1.02, 1.08) if up else (0.93, 0.98),
                      "missed": (1.18, 1.45) if up else (0.6, 0.8)}[wanted]
            target = _round_target(value * rng.uniform(*factor), unit) if value else float(rng.choice((1, 2)))
            rows.append({"kpi_id": kpi, "period": period, "target": target, "_unit": unit, "_label": label,
                         "_direction": direction, "_value": value})
    return rows


# --------------------------------------------------------------------------------------------------- the truth


def truth_of(model: Model, files: list[File]) -> dict:
    """What a correct ingestion of ``files`` finds: rows accepted, quarantined and dropped per table and sheet,
    ignored sheets, planted bad rows, the people written, reference KPI values and the targets' statuses."""
    sheets, ignored, planted = [], [], []
    tables = {name: {"accepted": 0, "quarantined": 0, "dropped": 0, "rows_read": 0} for name in TABLES
              if TABLES[name].source == "raw"}
    for f in files:
        for sh in f.sheets:
            if sh.table is None:
                ignored.append({"file": f.path, "sheet": sh.name, "reason": sh.reason})
                continue
            n = Counter(sh.status)
            entry = {"file": f.path, "sheet": sh.name, "table": sh.table, "header_row": sh.header_row,
                     "header": sh.header, "columns": dict(zip(sh.header, sh.columns, strict=False)), "rows_read": len(sh.rows),
                     "accepted": n["accepted"],
                     "quarantined": n["quarantined"], "dropped": n["blank"] + n["total"],
                     "dropped_blank": n["blank"], "dropped_total": n["total"]}
            sheets.append(entry)
            for key in ("accepted", "quarantined", "dropped", "rows_read"):
                tables[sh.table][key] += entry[key]
            for p in sh.planted:
                value = p["value"]
                planted.append({"file": f.path, "sheet": sh.name, "table": sh.table,
                                "row": sh.header_row + 1 + p["index"], "column": p["column"],
                                "value": value if value is None or isinstance(value, (str, int, float)) else str(value),
                                "reason": p["reason"]})
    written = {p["_person"] for p in model.tables["event_attendance"]}
    written |= {p["_pi"] for p in model.tables["projects"]}
    extra = planted_people(files)
    reference = []
    for period in model.calendar.reference_periods:
        values = kpi_values(model, period_years(period))
        for kpi, value in sorted(values.items()):
            reference.append({"kpi_id": kpi, "period": period, "value": value})
    targets = [{"kpi_id": t["kpi_id"], "period": t["period"], "target": t["target"], "value": t["_value"],
                "direction": t["_direction"], "status": target_status(t["_value"], t["target"], t["_direction"])}
               for t in model.tables["kpi_targets"]]
    return {
        "tables": tables,
        "sheets": sheets,
        "ignored_sheets": ignored,
        "planted": planted,
        "persons": {
            "names": sorted({p.name for p in written} | {x["name"] for x in extra}),
            "emails": sorted({p.email for p in written} | {x["email"] for x in extra}),
            "pi_cells": sorted(pi_cells(files)),
        },
        "kpi_reference": reference,
        "targets": targets,
    }


def build(seed: int, scale: int, partnership: Partnership | None = None) -> Model:
    """The model of ``partnership`` (default: the packaged one), ``seed`` and ``scale``, with its targets and the
    partners' commentary on some of them."""
    from .commentary import set_commentary

    check(seed, scale)
    model = build_model(seed, scale, partnership or default_partnership())
    model.tables["kpi_targets"] = set_targets(model, random.Random(f"{seed}:targets"))
    model.tables["commentary"] = set_commentary(model, random.Random(f"{seed}:commentary"))
    return model


def expected_tables(seed: int = 2020, scale: int = 1, *, partnership: Partnership | None = None) -> dict:
    """The clean tables a correct ingestion of ``write_sample(..., seed, scale, partnership=...)`` produces, before
    pseudonymisation.

    Typed as ``partnership_metrics.load()`` returns them; persons (``projects.pi``, ``event_attendance.attendee``)
    are the clear "First Last" names, which ingestion replaces with keyed hashes.
    """
    from ..tables import arrow_table, to_frame

    model = build(seed, scale, partnership)
    frames = {}
    for name, rows in model.tables.items():
        df = to_frame(name, arrow_table(name, rows))  # the package's own typing, as load() returns tables
        frames[name] = df.sort_values(list(TABLES[name].key)).reset_index(drop=True)
    return frames


def check(seed: int, scale: int) -> None:
    """Refuse a seed or scale that is not a whole number (scale at least 1) with a ``ValueError``."""
    if not isinstance(scale, int) or scale < 1:
        raise ValueError(f"scale must be a whole number >= 1, not {scale!r}")
    if not isinstance(seed, int):
        raise ValueError(f"seed must be a whole number, not {seed!r}")
