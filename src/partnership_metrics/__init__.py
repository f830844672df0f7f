"""partnership_metrics: partner spreadsheets -> tidy tables -> KPIs -> reports.

Analysts start with::

    import partnership_metrics as pm
    tables = pm.load()                      # data/processed/*.parquet as DataFrames
    kpis = pm.kpi_table(tables, period="2021-2023")
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "load", "kpi_table"]


def load(processed_dir=None):
    """Return the tidy tables of ``processed_dir`` (default ``data/processed/``) as a dict of DataFrames."""
    from .storage import load_tables

    return load_tables(processed_dir)


def kpi_table(tables, period="2021-2023", baseline=None, lang="en", *, year=None):
    """Return the KPI table (one row per KPI and period) for ``period`` or ``year``.

    Columns: ``kpi_id, period, value, unit, target, status, baseline, reason`` then labels and changes;
    see :mod:`partnership_metrics.kpis.engine`.
    """
    from .kpis.engine import kpi_table as _kpi_table

    return _kpi_table(tables, period=period, baseline=baseline, lang=lang, year=year)
