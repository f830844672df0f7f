"""partnership_metrics: partner spreadsheets -> tidy tables -> KPIs -> reports.

Analysts start with::

    import partnership_metrics as pm
    tables = pm.load()                      # data/processed/*.parquet as DataFrames
    kpis = pm.kpi_table(tables)             # the partnership's period, baseline and first language
    kpis = pm.kpi_table("data/processed", period="2022", lang="en")   # a folder: its own partnership
    rows = pm.explain("syn_co_funded_projects", period="2022", tables=tables)   # the rows behind a value
    pm.kpi_table(tables, by="lead_institution")                       # a breakdown; partner="cpp": one partner
    pm.movers(tables, 2022, 2023)           # the KPIs that moved most from one year to the next
    pm.changes()                            # what changed since the previous ingest
    pm.to_excel(kpis, "kpis.xlsx")          # a workbook for directors
    pm.cohorts(tables)                      # what became of each detection year's projects
    pm.time_to_milestone("maturation", tables)   # Kaplan-Meier: the baseline's cohorts against the period's
    pm.contributions(tables)                # what each partner and the two together brought
    pm.highlights(tables)                   # largest rounds and grants, acquisitions, laureates, first licences
    pm.recommendations(tables)              # the partners' recommendations and their follow-up

The README's "Python API" section documents each call.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "changes", "cohorts", "contributions", "explain", "highlights", "kpi_table", "load", "movers",
           "recommendations", "time_to_milestone", "to_excel"]


def load(processed_dir=None):
    """Return the tidy tables of ``processed_dir`` (default ``data/processed/``) as a dict of DataFrames."""
    from .storage import load_tables

    return load_tables(processed_dir)


def _tables_and_partnership(tables, partnership):
    """A folder (relative: to the project root) becomes its tables and, unless given, its own partnership."""
    from pathlib import Path

    if tables is None or isinstance(tables, (str, Path)):
        from . import paths
        from .partnership import partnership_of_tables

        folder = Path(tables or paths.PROCESSED_DIR).expanduser()
        folder = folder if folder.is_absolute() else paths.PROJECT_ROOT / folder  # never the working directory
        partnership = partnership or partnership_of_tables(folder)
        tables = load(folder)
    return tables, partnership


def kpi_table(tables, period=None, baseline=None, lang=None, *, year=None, partnership=None, by=None, partner=None,
              contributors=True):
    """Return the KPI table (one row per KPI and period) for ``period`` or ``year``.

    ``tables``: the dict of DataFrames of :func:`load`, or a folder of tidy tables (loaded here; a relative folder
    is read from the project root). ``partnership``
    (a :class:`~partnership_metrics.partnership.Partnership`) gives the defaults: its period, its baseline, its
    first language; by default the one saved beside the tables of a folder, else the packaged one.
    ``by`` (``lead_institution``, ``technology_type``, ``programme``, ``funder``, ``site``, ``organiser``,
    ``supported_by``) breaks every KPI down by groups; ``partner`` (a partner's code, or ``joint``) keeps one
    partner's rows (see :mod:`partnership_metrics.kpis.breakdowns` for the rules).

    Columns: ``kpi_id, period, value, unit, target, status, baseline, reason, reason_code, reason_params`` then
    labels, changes and ``status_reason``; see :func:`partnership_metrics.kpis.engine.kpi_table`.
    """
    from .kpis.engine import kpi_table as _kpi_table

    tables, partnership = _tables_and_partnership(tables, partnership)
    return _kpi_table(tables, period=period, baseline=baseline, lang=lang, year=year, partnership=partnership,
                      by=by, partner=partner, contributors=contributors)


def explain(kpi_id, period=None, tables=None, *, year=None, partner=None, partnership=None, period_end=None,
            lang=None):
    """Return the rows behind the value of ``kpi_id`` over ``period`` (or ``year``): one row per row of a tidy table
    counted (``numerator``) or divided by (``denominator``, for shares and ratios), with its key, amount and
    source file, sheet and row; the value and how the rows give it are in ``.attrs``.

    ``tables``: the dict of :func:`load`, or a folder (default ``data/processed``). See
    :func:`partnership_metrics.kpis.explain.explain` for the other arguments.
    """
    from .kpis.explain import explain as _explain

    tables, partnership = _tables_and_partnership(tables, partnership)
    return _explain(kpi_id, tables, period, year=year, partnership=partnership, partner=partner,
                    period_end=period_end, lang=lang)


def movers(tables, before, after, *, lang=None, partnership=None, partner=None):
    """Every KPI from year ``before`` to year ``after``, the largest relative moves first: both values, the change
    (``change``, ``pct_change``), whether it ``improved``, both statuses and the ``status_reason`` of ``after`` (with
    the groups that contributed most). ``tables``: as for :func:`kpi_table`. See
    :func:`partnership_metrics.kpis.engine.movers`."""
    from .kpis.engine import movers as _movers

    tables, partnership = _tables_and_partnership(tables, partnership)
    return _movers(tables, int(before), int(after), lang=lang, partnership=partnership, partner=partner)


def changes(processed_dir=None, *, since=None, year=None, lang=None):
    """What changed in the tables of ``processed_dir`` (default ``data/processed``) since the previous ingest kept
    beside them (or since the run ``since``): a :class:`partnership_metrics.pipeline.comparison.Changes` (``.files``,
    ``.rows``, ``.kpis``, ``.status_changes()``, ``.to_markdown()``), or None when no earlier run is kept."""
    from .pipeline.comparison import changes_since_previous

    return changes_since_previous(processed_dir, since=since, year=year, lang=lang)


def to_excel(frame, path, lang=None):
    """Write ``frame`` to the workbook ``path`` and return the path: a KPI table of :func:`kpi_table` as the
    directors' workbook (one sheet per area, status colours, definitions; a breakdown or a partner view as one
    sheet), the rows of :func:`explain` (rows and value sheets), or the :class:`~partnership_metrics.pipeline.comparison.Changes`
    of :func:`changes` (one sheet). Text that a spreadsheet would run as a formula is neutralised."""
    from pathlib import Path

    import pandas as pd

    from .exports import neutralise_frame

    path = Path(path)
    if hasattr(frame, "to_frame") and hasattr(frame, "kpis"):  # Changes
        frame = frame.to_frame()
    elif isinstance(frame, pd.DataFrame) and {"numerator", "denominator", "source_file"} <= set(frame.columns):
        from .kpis.explain_command import write_xlsx

        write_xlsx(frame, path)
        return path
    if "group" in frame.columns or "partner" in frame.columns or "section" in frame.columns:
        plain = frame.copy()
        plain.attrs = {}
        neutralise_frame(plain).to_excel(path, index=False, engine="xlsxwriter")
        return path
    from .kpis.workbook import write_workbook

    return write_workbook(frame, path, lang)


# ---- the end-of-partnership review (the reports' cohort, contribution, highlight and recommendation sections) ----

def _review_defaults(tables, partnership, period=None, as_of=None):
    """Tables, partnership, the (first, last) years of ``period`` (default: the partnership's) and ``as_of``
    (default: the end of that period)."""
    import pandas as pd

    from .kpis.periods import parse_period

    tables, partnership = _tables_and_partnership(tables, partnership)
    if partnership is None:
        from .partnership import default_partnership

        partnership = default_partnership()
    first, last = parse_period(str(period or partnership.period))
    as_of = pd.Timestamp(as_of) if as_of is not None else pd.Timestamp(last, 12, 31)
    return tables, partnership, (first, last), as_of


def cohorts(tables=None, *, as_of=None, mature_after_months=24, partnership=None):
    """What became of the projects detected each year, as of ``as_of`` (default: the end of the partnership's
    period): one row per detection year with ``projects``, the count and ``share_`` of each milestone (disclosure,
    priority filing, maturation, licence, start-up) and outcome (licence or start-up, abandoned, open), and
    ``mature`` (False: too young to judge). See :func:`partnership_metrics.kpis.cohorts.cohort_table`."""
    from .kpis.cohorts import pipeline_cohorts

    tables, partnership, _, as_of = _review_defaults(tables, partnership, as_of=as_of)
    return pipeline_cohorts(tables, as_of, mature_after_months=mature_after_months)[1]


def time_to_milestone(milestone, tables=None, *, as_of=None, period=None, baseline=None, partnership=None,
                      at_days=(365, 730)):
    """Kaplan-Meier time from detection to ``milestone`` (``maturation``, ``licence``, ``startup`` or
    ``licence_or_startup``...), the baseline's cohorts (``baseline``) against the period's (``period``): returns
    ``(curves, summary)``, see :func:`partnership_metrics.kpis.cohorts.time_to_by_group`."""
    from .kpis.cohorts import pipeline_cohorts, time_to_by_group
    from .kpis.periods import parse_period

    tables, partnership, years, as_of = _review_defaults(tables, partnership, period, as_of)
    groups = {"baseline": parse_period(str(baseline or partnership.baseline)), "period": years}
    milestones, _ = pipeline_cohorts(tables, as_of)
    return time_to_by_group(milestones, milestone, as_of, groups, at_days=tuple(at_days))


def contributions(tables=None, period=None, *, partnership=None):
    """What each partner (``cpp``, ``it``...) and the two together (``joint``) brought over ``period`` (default:
    the partnership's): projects sourced and supported, money committed, events, EU proposals supported, outcomes,
    cost per outcome and leverage (not additionality). See
    :func:`partnership_metrics.kpis.portfolio.partner_contributions`."""
    from .kpis.portfolio import partner_contributions

    tables, partnership, (first, last), _ = _review_defaults(tables, partnership, period)
    return partner_contributions(tables, range(first, last + 1), {p.code: p.funder for p in partnership.partners})


def highlights(tables=None, period=None, *, partnership=None, top=3):
    """The highlights of ``period`` (default: the partnership's): the largest rounds, EU grants and external funding
    decisions, acquisitions, i-Lab laureates and the first licences. See
    :func:`partnership_metrics.kpis.highlights.highlights`."""
    from .kpis.highlights import highlights as _highlights

    tables, partnership, (first, last), _ = _review_defaults(tables, partnership, period)
    return _highlights(tables, range(first, last + 1), partner_funders=partnership.partner_funders, top=top)


def recommendations(tables=None, *, up_to=None, as_of=None):
    """The partners' recommendations made at the reviews up to the year ``up_to`` (all when None), the latest
    first, with their follow-up and whether an open one is ``overdue`` at ``as_of``; None when the optional
    recommendations table was not supplied. See
    :func:`partnership_metrics.kpis.recommendations.recommendations_followup`."""
    from .kpis.recommendations import recommendations_followup

    tables, _ = _tables_and_partnership(tables, None)
    return recommendations_followup(tables, up_to=up_to, as_of=as_of)
