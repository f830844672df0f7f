"""Random partnerships of any size, with the holes of real data, for the performance and reference tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

from partnership_metrics.schemas import (
    FUNDERS,
    INSTITUTION_CODES,
    INSTRUMENTS,
    ORGANISERS,
    PROPOSAL_STATUSES,
    ROLES,
    SOURCING_CHANNELS,
    SUPPORTERS,
)


def _dates(rng, n, first=2018, last=2023, missing=0.0):
    start = np.datetime64(f"{first}-01-01")
    days = (np.datetime64(f"{last}-12-31") - start).astype(int)
    values = start + rng.integers(0, days + 1, n).astype("timedelta64[D]")
    values = values.astype("datetime64[ms]")
    values[rng.random(n) < missing] = np.datetime64("NaT")
    return values


def _codes(rng, codes, n):
    return pd.Categorical(rng.choice(codes, n), categories=list(codes))


def big_tables(scale: int = 100, seed: int = 1) -> dict[str, pd.DataFrame]:
    """About ``scale`` partnerships (2018-2023): 30 projects a year and 1,000 attendance rows each, with the
    holes of real data (funding without a project or on an unknown one, empty research units...)."""
    rng = np.random.default_rng(seed)
    n_projects, n_events, n_att = 6 * 30 * scale, 6 * 5 * scale, 1_000 * scale
    ids = np.array([f"P{i}" for i in range(n_projects)])
    detection = _dates(rng, n_projects)
    projects = pd.DataFrame({
        "project_id": pd.Series(ids, dtype="str"),
        "lead_institution": _codes(rng, INSTITUTION_CODES, n_projects),
        "sourcing_channel": _codes(rng, SOURCING_CHANNELS, n_projects),
        "supported_by": _codes(rng, SUPPORTERS, n_projects),
        "detection_date": detection,
        "disclosure_date": _dates(rng, n_projects, missing=0.5),
        "priority_filing_date": _dates(rng, n_projects, missing=0.7),
        "maturation_start_date": _dates(rng, n_projects, missing=0.6),
        "licence_date": _dates(rng, n_projects, missing=0.9),
    })
    n_funding = 3 * n_projects
    funded = rng.choice(np.append(ids, ["UNKNOWN"]), n_funding).astype(object)
    funded[rng.random(n_funding) < 0.05] = None  # funding not tied to a project
    funding = pd.DataFrame({
        "funding_id": pd.Series([f"F{i}" for i in range(n_funding)], dtype="str"),
        "project_id": pd.Series(funded, dtype="str"),
        "funder": _codes(rng, FUNDERS[:4], n_funding),
        "instrument": _codes(rng, INSTRUMENTS, n_funding),
        "amount_eur": rng.integers(10, 500, n_funding) * 1_000.0,
        "decision_date": _dates(rng, n_funding),
    })
    n_startups = n_projects // 20
    founding = rng.choice(ids, n_startups).astype(object)
    founding[rng.random(n_startups) < 0.2] = None
    startups = pd.DataFrame({
        "startup_id": pd.Series([f"S{i}" for i in range(n_startups)], dtype="str"),
        "creation_date": _dates(rng, n_startups),
        "project_id": pd.Series(founding, dtype="str"),
    })
    startup_rounds = pd.DataFrame({
        "startup_id": pd.Series(rng.choice(startups["startup_id"].to_numpy(), 3 * n_startups), dtype="str"),
        "round_date": _dates(rng, 3 * n_startups),
        "amount_eur": rng.integers(100, 5_000, 3 * n_startups) * 1_000.0,
    })
    event_ids = np.array([f"E{i}" for i in range(n_events)])
    events = pd.DataFrame({
        "event_id": pd.Series(event_ids, dtype="str"),
        "event_date": _dates(rng, n_events),
        "organiser": _codes(rng, ORGANISERS, n_events),
        "attendees": pd.Series(rng.integers(5, 80, n_events), dtype="Int64"),
        "satisfaction": np.where(rng.random(n_events) < 0.3, np.nan, rng.uniform(1, 5, n_events)),
    })
    units = rng.choice([f"U{i}" for i in range(1000, 1400)] + ["", " "], n_att).astype(object)
    units[rng.random(n_att) < 0.05] = None
    event_attendance = pd.DataFrame({
        "event_id": pd.Series(rng.choice(np.append(event_ids, ["E-unknown"]), n_att), dtype="str"),
        "attendee": pd.Series([f"a{i}" for i in range(n_att)], dtype="str"),
        "research_unit": pd.Series(units, dtype="str"),
    })
    n_eu = 6 * 10 * scale
    eu_proposals = pd.DataFrame({
        "proposal_id": pd.Series([f"EU{i}" for i in range(n_eu)], dtype="str"),
        "submission_date": _dates(rng, n_eu),
        "role": _codes(rng, ROLES, n_eu),
        "status": _codes(rng, PROPOSAL_STATUSES, n_eu),
        "granted_eur": rng.integers(100, 3_000, n_eu) * 1_000.0,
    })
    return {"projects": projects, "funding": funding, "startups": startups, "startup_rounds": startup_rounds,
            "events": events, "event_attendance": event_attendance, "eu_proposals": eu_proposals}
