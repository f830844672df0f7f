"""A tiny hand-built partnership (2019-2023) in the in-memory conventions of ``partnership_metrics.load()``.

Every expected KPI value is worked out by hand in ``test_formulas.py`` from the rows below; change a row here
and the arithmetic there must change too.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from partnership_metrics.schemas import TABLES
from partnership_metrics.tables import arrow_table, to_frame

NA = None


def typed(table: str, rows: list[tuple]) -> pd.DataFrame:
    """A DataFrame of ``table`` with every schema column, typed as ``load()`` returns it (the package's own
    conversion: the same Arrow schema as the Parquet files)."""
    columns = TABLES[table].columns
    records = []
    for row in rows:
        record = {}
        for i, column in enumerate(columns):
            value = row[i] if i < len(row) else None
            if column.kind == "date" and isinstance(value, str):
                value = dt.date.fromisoformat(value)
            record[column.name] = value
        records.append(record)
    return to_frame(table, arrow_table(table, records))


def handmade_tables() -> dict[str, pd.DataFrame]:
    """The fixture partnership (see the module docstring)."""
    projects = typed("projects", [
        # id, title, acronym, lead, unit, tech, sourcing, supported_by, detection, disclosure, priority,
        # maturation_start, licence, abandon, pi
        ("P1", "t1", NA, "AMU", "U1068", "therapeutic", "joint", "both",
         "2021-02-01", "2021-06-01", "2022-01-15", "2021-12-01", "2023-05-01", NA, "pi1"),
        ("P2", "t2", NA, "UCA", NA, "diagnostic", "cpp_call", "cpp",
         "2021-03-01", NA, NA, "2022-03-01", NA, NA, NA),
        ("P3", "t3", NA, "OTHER", NA, "other", "it_detection", "it",
         "2021-05-01", NA, NA, NA, NA, "2022-01-01", NA),
        ("P4", "t4", NA, "IPC", NA, "medical_device", "joint", "it",
         "2022-01-10", "2022-04-01", "2022-09-01", "2023-01-10", "2023-11-01", NA, NA),
        ("P5", "t5", NA, "AMU", NA, "digital_health", "cpp_call", "both",
         "2022-06-01", NA, NA, "2022-07-01", NA, NA, NA),
        ("P6", "t6", NA, "APHM", NA, "research_tool", "it_detection", "cpp",
         "2023-02-01", "2023-03-01", NA, "2024-02-01", NA, NA, NA),
        ("P7", "t7", NA, "CAL", NA, "therapeutic", "joint", "it",
         "2020-04-01", "2020-05-01", NA, "2021-04-01", "2022-02-01", NA, NA),
        ("P8", "t8", NA, "OTHER", NA, "therapeutic", "cpp_call", "cpp",
         "2019-01-01", NA, NA, "2020-01-01", NA, NA, NA),
    ])
    funding = typed("funding", [
        # id, project, funder, instrument, amount, decision
        ("F1", "P1", "canceropole_paca", "maturation", 100_000.0, "2021-03-01"),
        ("F2", "P1", "inserm_transfert", "proof_of_concept", 150_000.0, "2021-10-01"),
        ("F3", "P1", "region_sud", "grant", 200_000.0, "2022-01-15"),
        ("F4", "P2", "canceropole_paca", "emergence", 50_000.0, "2021-06-01"),
        ("F5", "P2", "inserm_transfert", "maturation", 80_000.0, "2023-02-01"),
        ("F6", "P4", "inserm_transfert", "maturation", 300_000.0, "2022-03-01"),
        ("F7", "P4", "canceropole_paca", "grant", 40_000.0, "2022-11-01"),
        ("F8", "P4", "bpifrance", "loan", 400_000.0, "2023-04-01"),
        ("F9", NA, "canceropole_paca", "other", 25_000.0, "2022-05-01"),
        ("F10", "P5", "anr", "grant", 120_000.0, "2022-02-01"),
        ("F11", "P8", "inserm_transfert", "maturation", 60_000.0, "2020-02-01"),
        ("F12", "P8", "eu", "grant", 90_000.0, "2021-05-01"),
        ("F13", "PX", "inserm_transfert", "maturation", 70_000.0, "2023-07-01"),
        ("F14", "P7", "canceropole_paca", "maturation", 30_000.0, "2021-02-01"),
        ("F15", "P7", "inserm_transfert", "emergence", 20_000.0, "2021-08-01"),
        ("F16", "P4", "canceropole_paca", "grant", 10_000.0, "2023-03-01"),
        ("F17", "P4", "inserm_transfert", "proof_of_concept", 15_000.0, "2023-05-01"),
    ])
    startups = typed("startups", [
        # id, name, siren, creation, project, lead, status, ilab, employees
        ("S1", "Alpha", NA, "2022-05-01", "P1", "AMU", "active", True, 5),
        ("S2", "Beta", NA, "2023-03-01", "P4", "IPC", "active", False, 2),
        ("S3", "Gamma", NA, "2021-09-01", NA, NA, "closed", NA, NA),
        ("S4", "Delta", NA, "2020-06-01", "P8", "OTHER", "acquired", False, 12),
    ])
    startup_rounds = typed("startup_rounds", [
        ("S1", "2022-10-01", 500_000.0, "seed"),
        ("S1", "2023-06-01", 2_000_000.0, "series_a"),
        ("S3", "2022-02-01", 300_000.0, "pre_seed"),
        ("S2", "2023-09-01", 1_000_000.0, "seed"),
        ("S4", "2021-01-15", 200_000.0, "grant"),
    ])
    events = typed("events", [
        # id, date, title, type, organiser, site, attendees, satisfaction
        ("E1", "2021-03-10", "e1", "training", "cpp", "marseille", 20, 4.0),
        ("E2", "2021-06-15", "e2", "workshop", "joint", "nice", 30, NA),
        ("E3", "2022-02-01", "e3", "webinar", "it", "online", 50, 3.0),
        ("E4", "2022-09-20", "e4", "pitch", "joint", "marseille", 10, 5.0),
        ("E5", "2022-11-05", "e5", "conference", "cpp", "nice", 40, 4.5),
        ("E6", "2023-04-01", "e6", "awareness", "joint", "online", 25, NA),
        ("E7", "2020-10-01", "e7", "training", "it", "marseille", 15, 3.5),
    ])
    event_attendance = typed("event_attendance", [
        ("E1", "a1", "AMU", "U1068"),
        ("E1", "a2", "AMU", "U1068"),
        ("E1", "a3", "UCA", "U1104"),
        ("E2", "a4", "AMU", ""),
        ("E2", "a5", NA, NA),
        ("E2", "a1", "AMU", "U1068"),
        ("E3", "a6", "CNRS", "UMR7258"),
        ("E4", "a7", "UCA", "U1104"),
        ("E6", "a8", "IPC", "U1065"),
        ("E7", "a9", "AMU", "U1068"),
        ("E99", "a10", "AMU", "U999"),
    ])
    eu_proposals = typed("eu_proposals", [
        # id, acronym, programme, call, submission, role, institution, supported_by, requested, status,
        # granted, result_date
        ("EU1", NA, "horizon_health", NA, "2021-02-01", "coordinator", "AMU", "both", 900_000.0, "funded",
         500_000.0, "2021-09-01"),
        ("EU2", NA, "erc", NA, "2021-04-01", "partner", "CNRS", "it", NA, "not_funded", NA, NA),
        ("EU3", NA, "msca", NA, "2021-09-01", "partner", "UCA", "cpp", NA, "withdrawn", NA, NA),
        ("EU4", NA, "cancer_mission", NA, "2022-01-15", "coordinator", "IPC", "both", NA, "pending", NA, NA),
        ("EU5", NA, "cancer_mission", NA, "2022-03-01", "partner", "AMU", "it", NA, "funded", 250_000.0, NA),
        ("EU6", NA, "eic", NA, "2022-05-01", "partner", "UCA", "cpp", NA, "not_funded", NA, NA),
        ("EU7", NA, "horizon_health", NA, "2022-10-01", "coordinator", "AMU", "both", NA, "not_funded", NA, NA),
        ("EU8", NA, "erc", NA, "2023-03-01", "partner", "CAL", "it", NA, "pending", NA, NA),
        ("EU9", NA, "eu4health", NA, "2023-06-01", "coordinator", "APHM", "cpp", NA, "withdrawn", NA, NA),
        ("EU10", NA, "erc", NA, "2020-03-01", "partner", "AMU", "it", NA, "funded", 100_000.0, NA),
    ])
    kpi_targets = typed("kpi_targets", [
        ("val_projects_detected", "2021-2023", 6.0),
        ("val_projects_detected", "2022", 2.5),
        ("trn_attendees", "2022", 105.0),
        ("val_licences", "2023", 2.0),
        ("fun_coordination_gaps", "2021-2023", 2.0),
        ("fun_coordination_gaps", "2022", 1.0),
        ("fun_funding_concentration_hhi", "2021", 0.52),
        ("fun_cost_per_outcome_eur", "2021–2023", 150_000.0),
        ("trn_satisfaction", "2023", 4.0),
        ("eu_success_rate", "2021-2023", 0.5),
    ])
    return {
        "projects": projects, "funding": funding, "startups": startups, "startup_rounds": startup_rounds,
        "events": events, "event_attendance": event_attendance, "eu_proposals": eu_proposals,
        "kpi_targets": kpi_targets,
    }


@pytest.fixture
def tables() -> dict[str, pd.DataFrame]:
    return handmade_tables()
