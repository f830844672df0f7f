"""The KPI catalogue and the engine that computes it per year, per period and against targets.

>>> from partnership_metrics.kpis import compute, kpi_table
>>> table = kpi_table(tables, period="2021-2023", lang="fr")           # doctest: +SKIP
>>> compute("eu_success_rate", tables, [2021, 2022, 2023])             # doctest: +SKIP
Result(value=0.4, reason=None)
>>> compute("eu_success_rate", tables, 2030)                           # doctest: +SKIP
Result(value=None, reason=Reason(code='no_decided_proposal', params={'years': '2030'}))
"""

from __future__ import annotations

from ._base import Reason, Result, Tables
from .catalogue import Kpi, areas, catalogue, catalogue_frame, compute, get_kpi, status_labels, unit_labels
from .engine import COLUMNS, kpi_table, read_targets, status_of
from .periods import KpiError, PeriodError, default_baseline, parse_period, period_label

__all__ = [
    "COLUMNS", "Kpi", "KpiError", "PeriodError", "Reason", "Result", "Tables", "areas", "catalogue",
    "catalogue_frame", "compute", "default_baseline", "get_kpi", "kpi_table", "parse_period", "period_label",
    "read_targets", "status_labels", "status_of", "unit_labels",
]
