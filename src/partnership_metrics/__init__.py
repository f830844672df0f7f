"""partnership_metrics: partner spreadsheets -> tidy tables -> KPIs -> reports.

Analysts start with::

    import partnership_metrics as pm
    tables = pm.load()                      # data/processed/*.parquet as DataFrames
    kpis = pm.kpi_table(tables)             # the partnership's period, baseline and first language
    kpis = pm.kpi_table("data/processed", period="2022", lang="en")   # a folder: its own partnership
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "load", "kpi_table"]


def load(processed_dir=None):
    """Return the tidy tables of ``processed_dir`` (default ``data/processed/``) as a dict of DataFrames."""
    from .storage import load_tables

    return load_tables(processed_dir)


def kpi_table(tables, period=None, baseline=None, lang=None, *, year=None, partnership=None):
    """Return the KPI table (one row per KPI and period) for ``period`` or ``year``.

    ``tables``: the dict of DataFrames of :func:`load`, or a folder of tidy tables (loaded here; a relative folder
    is read from the project root). ``partnership``
    (a :class:`~partnership_metrics.partnership.Partnership`) gives the defaults: its period, its baseline, its
    first language; by default the one saved beside the tables of a folder, else the packaged one.

    Columns: ``kpi_id, period, value, unit, target, status, baseline, reason, reason_code, reason_params`` then
    labels and changes; see :func:`partnership_metrics.kpis.engine.kpi_table`.
    """
    from pathlib import Path

    from .kpis.engine import kpi_table as _kpi_table

    if isinstance(tables, (str, Path)):
        from . import paths
        from .partnership import partnership_of_tables

        folder = Path(tables).expanduser()
        folder = folder if folder.is_absolute() else paths.PROJECT_ROOT / folder  # never the working directory
        partnership = partnership or partnership_of_tables(folder)
        tables = load(folder)
    return _kpi_table(tables, period=period, baseline=baseline, lang=lang, year=year, partnership=partnership)
