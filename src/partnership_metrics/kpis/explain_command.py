"""``partnership-metrics explain``: the rows behind a KPI value, as a terminal table, CSV or an Excel workbook."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..exports import neutralise_frame
from .catalogue import check_lang
from .command import _atomic_write, _emit, _load
from .explain import explain
from .formatting import format_value
from .periods import KpiError, parse_period

FORMATS = ("table", "csv", "xlsx")
MAX_TERMINAL_ROWS = 200  # more rows: the first ones, and a line saying how to get them all


def run_explain(processed, kpi_id: str, *, period=None, year=None, fmt="table", lang=None, partner=None,
                output=None, config: Path | None = None, console: Console | None = None,
                out: Console | None = None) -> int:
    """Print or write the rows behind ``kpi_id`` over ``period`` or ``year``; the exit code (0)."""
    from ..ingest.staleness import warn_if_stale
    from ..partnership import partnership_of_tables
    from .catalogue import get_kpi

    console = console or Console(stderr=True, highlight=False)
    out = out or Console(highlight=False, soft_wrap=True)
    fmt = (fmt or "table").lower()
    if fmt not in FORMATS:
        raise KpiError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if period is not None and year is not None:
        raise KpiError("give either --period or --year, not both")
    if fmt == "xlsx" and output is None:
        raise KpiError("--format xlsx writes a workbook: add --output FILE.xlsx")
    try:
        get_kpi(kpi_id)
    except KeyError as exc:
        raise KpiError(f"{exc.args[0]}: `partnership-metrics kpis` lists the KPIs") from None
    partnership = partnership_of_tables(Path(processed), config)
    lang = check_lang(lang or partnership.default_language)
    period = str(year) if year is not None else (period or partnership.period)
    parse_period(period)
    tables = _load(Path(processed))
    warn_if_stale(Path(processed), console)
    rows = explain(kpi_id, tables, period, partnership=partnership, partner=partner, lang=lang)
    if fmt == "csv":
        _emit(csv_text(rows), output, out, encoding="utf-8-sig")
    elif fmt == "xlsx":
        _atomic_write(Path(output), lambda tmp: write_xlsx(rows, tmp))
    else:
        _print(rows, lang, output, out)
    if output is not None:
        console.print(f"{len(rows)} rows written to {output}")
    return 0


def summary(rows: pd.DataFrame, lang: str) -> str:
    """One line: ``Projets cofinancés, 2022: 4 — 8 rows (distinct group of the numerator rows)``."""
    a = rows.attrs
    value = format_value(a["value"], a["unit"], lang)
    line = f"{a['label']} ({a['kpi_id']}), {a['period']}: {value}"
    if a["value"] is None:
        return f"{line} — {a['reason']}"
    how = {"sum": "sum of the amounts of the rows counted", "ratio": "numerator rows / denominator rows",
           "median": "median of the amounts", "mean": "mean of the amounts",
           "distinct": "distinct groups of the rows counted", "hhi": "sum of the squared shares of the groups"}
    line += f" — {len(rows)} rows ({how[a['method']]})"
    if a["method"] == "ratio":
        line += (f": {format_value(a['numerator'], 'count', lang)} / "
                 f"{format_value(a['denominator'], 'count', lang)}")
    return line


def _source(row) -> str:
    where = str(row.source_file) if isinstance(row.source_file, str) else "?"
    if isinstance(row.source_sheet, str) and row.source_sheet:
        where += f" [{row.source_sheet}]"
    if not pd.isna(row.source_row):
        where += f" row {int(row.source_row)}"
    if isinstance(row.source_column, str) and row.source_column:
        where += f", column {row.source_column!r}"
    if isinstance(row.duplicate_sources, str) and row.duplicate_sources:
        where += f" (also {row.duplicate_sources})"
    return where


def render(rows: pd.DataFrame, lang: str, limit: int | None = MAX_TERMINAL_ROWS) -> Table:
    """A Rich table of the rows: table (when several), key, role (``counted``; ``numerator``, ``denominator`` or
    ``both`` for a ratio), date, amount or group, and the source."""
    method = rows.attrs.get("method")
    grid = Table(title=escape(summary(rows, lang)), title_justify="left", box=box.SIMPLE_HEAD, show_edge=False)
    several = rows["table"].nunique() > 1
    for name in ("table", "key", "role", "date") if several else ("key", "role", "date"):
        grid.add_column(name, no_wrap=True)
    shown_amount = method in ("sum", "ratio", "median", "mean", "hhi") and not (rows["amount"] == 1).all()
    if shown_amount:
        grid.add_column("amount", justify="right", no_wrap=True)
    if method in ("distinct", "hhi"):
        grid.add_column("group", overflow="fold")
    grid.add_column(escape("source: file [sheet] row"), overflow="fold", min_width=30, ratio=1)
    unit = rows.attrs.get("unit") if rows.attrs.get("unit") in ("eur", "days", "score") else "count"
    for row in rows.head(limit).itertuples(index=False) if limit else rows.itertuples(index=False):
        role = "both" if row.numerator and row.denominator else (
            "denominator" if row.denominator else ("numerator" if method == "ratio" else "counted"))
        cells = [row.table] if several else []
        cells += [escape(str(row.key)), role, "" if pd.isna(row.date) else f"{row.date:%Y-%m-%d}"]
        if shown_amount:
            cells.append(format_value(row.amount, unit, lang))
        if method in ("distinct", "hhi"):
            cells.append(escape(str(row.group)))
        cells.append(escape(_source(row)))
        grid.add_row(*cells)
    return grid


def _print(rows: pd.DataFrame, lang: str, output, out: Console) -> None:
    target, buffer = out, None
    if output is not None:
        buffer = io.StringIO()
        target = Console(file=buffer, width=200, color_system=None, highlight=False)
    limit = None if output is not None else MAX_TERMINAL_ROWS
    target.print(render(rows, lang, limit))
    if limit and len(rows) > limit:
        target.print(f"[dim]… {len(rows) - limit} more rows: use --format csv or --format xlsx --output FILE[/]")
    if buffer is not None:
        _emit(buffer.getvalue(), output, out)


def csv_text(rows: pd.DataFrame) -> str:
    """The rows as CSV (text cells neutralised against formula injection)."""
    buffer = io.StringIO()
    neutralise_frame(_plain(rows)).to_csv(buffer, index=False, lineterminator="\n", date_format="%Y-%m-%d")
    return buffer.getvalue()


def write_xlsx(rows: pd.DataFrame, path: Path) -> None:
    """The rows as a workbook: one sheet of rows, one sheet with the value and how the rows give it."""
    names = ["kpi_id", "label", "period", "value", "unit", "method", "numerator", "denominator", "reason"]
    about = pd.DataFrame({"": [*names, "rows"], " ": [*(rows.attrs.get(n) for n in names), len(rows)]})
    with pd.ExcelWriter(path, engine="xlsxwriter") as writer:
        neutralise_frame(_plain(rows)).to_excel(writer, sheet_name="rows", index=False)
        neutralise_frame(about).to_excel(writer, sheet_name="value", index=False)


def _plain(rows: pd.DataFrame) -> pd.DataFrame:
    plain = rows.copy()
    plain.attrs = {}
    return plain
