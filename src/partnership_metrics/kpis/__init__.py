"""The KPI catalogue of SPEC §6 and the engine that computes it per year, per period and against targets.

>>> from partnership_metrics.kpis import compute, kpi_table
>>> table = kpi_table(tables, period="2021-2023", lang="fr")           # doctest: +SKIP
>>> compute("eu_success_rate", tables, [2021, 2022, 2023])             # doctest: +SKIP
Result(value=0.4, reason=None)
"""

from __future__ import annotations

from ._base import Result, Tables
from .catalogue import Kpi, areas, catalogue, catalogue_frame, compute, get_kpi, status_labels, unit_labels
from .engine import COLUMNS, kpi_table, read_targets, status_of
from .periods import DEFAULT_PERIOD, KpiError, PeriodError, parse_period, period_label

__all__ = [
    "COLUMNS", "DEFAULT_PERIOD", "Kpi", "KpiError", "PeriodError", "Result", "Tables", "areas", "catalogue",
    "catalogue_frame", "compute", "get_kpi", "kpi_table", "parse_period", "period_label", "read_targets",
    "status_labels", "status_of", "unit_labels",
]
