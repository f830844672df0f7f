"""The KPI catalogue of SPEC §6 and the engine that computes it per year, per period and against targets.

>>> from partnership_metrics.kpis import compute, kpi_table
>>> table = kpi_table(tables, period="2021-2023", lang="fr")           # doctest: +SKIP
>>> compute("eu_success_rate", tables, [2021, 2022, 2023])             # doctest: +SKIP
Result(value=0.4, reason=None)
"""

from __future__ import annotations

from ._base import Result, Tables
from .catalogue import AREAS, STATUS_LABELS, UNIT_LABELS, Kpi, catalogue, catalogue_frame, compute, get_kpi
from .engine import COLUMNS, kpi_table, read_targets, status_of
from .periods import DEFAULT_PERIOD, KpiError, PeriodError, parse_period, period_label

__all__ = [
    "AREAS", "COLUMNS", "DEFAULT_PERIOD", "STATUS_LABELS", "UNIT_LABELS", "Kpi", "KpiError", "PeriodError",
    "Result", "Tables", "catalogue", "catalogue_frame", "compute", "get_kpi", "kpi_table", "parse_period",
    "period_label", "read_targets", "status_of",
]
