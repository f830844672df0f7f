"""``partnership-metrics kpis``: the KPI table as a terminal table, JSON, CSV or an Excel workbook."""

from __future__ import annotations

import io
import json
import math
import os
import tempfile
from pathlib import Path

import pandas as pd
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..display import SafeConsole, shown
from ..errors import UsageError
from ..exports import neutralise_frame
from ..schemas import DATA_TABLES, TABLES
from ..ui_strings import ui_strings
from .catalogue import areas, check_lang, get_kpi, status_labels
from .engine import kpi_table
from .formatting import MISSING, format_change, format_value
from .periods import KpiError, parse_period

FORMATS = ("table", "json", "csv", "xlsx")
# Output suffixes that name a format: an output file's suffix must not contradict --format.
_SUFFIX_FORMATS = {".json": "json", ".csv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xlsx"}
STATUS_STYLES = {"met": "bold green", "close": "yellow", "missed": "bold red", "no_target": "dim"}
WIDE_TERMINAL = 140  # below: the reasons of null values go under the table instead of a column
MEDIUM_TERMINAL = 100  # below: no column of changes against the baseline


def run_kpis(processed, *, period=None, year=None, fmt="table", baseline=None, lang=None, output=None,
             config: Path | None = None, console: Console | None = None, out: Console | None = None) -> int:
    """Compute the KPIs of the tidy tables in ``processed`` and print or write them; returns the exit code.

    The partnership is ``config`` (a partnership file) if given, else the copy saved beside the tables, else the
    packaged one; it gives the default period, baseline and language (its first) and the languages allowed.

    Raises
    ------
    KpiError
        (a :class:`~partnership_metrics.errors.PartnershipMetricsError`) for a bad option or a missing folder.
    """
    from ..partnership import partnership_of_tables

    console = console or SafeConsole(stderr=True, highlight=False)
    out = out or SafeConsole(highlight=False, soft_wrap=True)
    fmt = (fmt or "table").lower()
    if fmt not in FORMATS:
        raise KpiError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    partnership = partnership_of_tables(Path(processed), config)
    lang = lang or partnership.default_language
    if lang not in partnership.languages:
        raise KpiError(f"unknown language {lang!r}: use {' or '.join(partnership.languages)}")
    check_lang(lang)
    if period is not None and year is not None:
        raise KpiError("give either --period or --year, not both")
    period = str(year) if year is not None else (period or partnership.period)
    first, last = parse_period(period)
    if baseline is not None:
        check_baseline(baseline, first, "--year" if year is not None else "--period")
    if fmt == "xlsx" and output is None:
        raise KpiError("--format xlsx writes a workbook: add --output FILE.xlsx")
    check_suffix(output, fmt)

    tables = _load(Path(processed))
    check_has_data(tables, first, last)
    from ..ingest.staleness import warn_if_stale

    warn_if_stale(Path(processed), console)
    table = kpi_table(tables, period=period, baseline=baseline, lang=lang, partnership=partnership)

    if fmt == "xlsx":
        from .commentary import workbook_comments
        from .workbook import write_workbook

        comments = workbook_comments(tables, lang, table)
        _atomic_write(Path(output), lambda tmp: write_workbook(table, tmp, lang, comments))
    elif fmt == "json":
        _emit(json.dumps(json_records(table), ensure_ascii=False, indent=2, allow_nan=False) + "\n", output, out)
    elif fmt == "csv":
        _emit(csv_text(table), output, out, encoding="utf-8-sig")
    else:
        _print_table(table, lang, output, out)
    if output is not None:
        console.print(f"KPIs written to {shown(output)}")
    return 0


def check_baseline(baseline: str, first: int, option: str) -> tuple[int, int]:
    """The baseline's years, which must all come before the period's first year (:class:`UsageError` if not)."""
    base_first, base_last = parse_period(baseline)
    if base_last >= first:
        raise UsageError(f"--baseline {baseline}: a baseline is the period before, so it must end before {first}, "
                         f"the first year of {option}")
    return base_first, base_last


def check_suffix(output, fmt: str) -> None:
    """An output file named ``.csv``, ``.json`` or ``.xlsx`` must be written in that format."""
    if output is None:
        return
    named = _SUFFIX_FORMATS.get(Path(output).suffix.lower())
    if named is not None and named != fmt:
        raise UsageError(f"--output {output} is named like a {named} file but --format is {fmt}: give "
                         f"--format {named}, or an output name ending in the format's suffix")


def years_with_data(tables) -> set[int]:
    """The years of every date in the data tables (projects, events, funding...): where KPIs have something to
    count."""
    years: set[int] = set()
    for name in DATA_TABLES:
        df = tables.get(name) if hasattr(tables, "get") else None
        if df is None or not len(df):
            continue
        for column in TABLES[name].columns:
            if column.kind == "date" and column.name in df.columns:
                dates = pd.to_datetime(df[column.name], errors="coerce").dropna()
                years.update(int(y) for y in dates.dt.year.unique())
    return years


def check_has_data(tables, first: int, last: int) -> None:
    """A :class:`UsageError` when no date of the tables falls in ``first``-``last`` ("no data in 1800"): counts of
    0 would read as a real result."""
    years = years_with_data(tables)
    if years and not any(first <= y <= last for y in years):
        label = str(first) if first == last else f"{first}-{last}"
        raise UsageError(f"no data in {label}: the tables hold dates from {min(years)} to {max(years)}; give a "
                         "period or year within them")


def _load(processed: Path) -> dict[str, pd.DataFrame]:
    if not processed.is_dir():
        raise KpiError(f"{processed}: no such folder of tidy tables; run `partnership-metrics ingest` first "
                       "or pass --processed DIR")
    from .. import load

    tables = load(processed)
    if not any(name in tables for name in DATA_TABLES):
        raise KpiError(f"{processed}: the ingestion found no table in the raw files (see its ingest_report.json); "
                       "check the raw folder, or name odd sheets in a mapping file")
    return tables


def _json_number(value, unit: str):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if unit == "count" and float(value).is_integer():
        return int(value)
    return float(value)


def json_records(table: pd.DataFrame) -> list[dict]:
    """The JSON of the KPIs: per row of ``table``, the six keys ``{"kpi_id", "period", "value", "unit", "target",
    "status"}`` (a stable format), then ``caveat``: null, or why the value may be incomplete ("incomplete: … was
    not read"). The reasons of null values are in the CSV and the workbook."""
    return [
        {
            "kpi_id": row.kpi_id,
            "period": row.period,
            "value": _json_number(row.value, row.unit),
            "unit": row.unit,
            "target": _json_number(row.target, row.unit),
            "status": row.status if isinstance(row.status, str) else None,
            "caveat": row.caveat if isinstance(row.caveat, str) else None,
        }
        for row in table.itertuples(index=False)
    ]


def csv_text(table: pd.DataFrame) -> str:
    """The full KPI table as CSV, text cells neutralised against formula injection."""
    buffer = io.StringIO()
    neutralise_frame(table).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def _emit(text: str, output, out: Console, encoding: str = "utf-8") -> None:
    if output is None:
        out.file.write(text)
        out.file.flush()
    else:
        _atomic_write(Path(output), lambda tmp: tmp.write_text(text, encoding=encoding))


def _atomic_write(path: Path, write) -> None:
    """Write through a temporary file in the same folder, then rename: no half-written file on failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes owner-only files; a report is for readers
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def render_table(table: pd.DataFrame, lang: str | None = None, notes: bool = True, changes: bool = True) -> Table:
    """A Rich table of the KPI rows: one section per KPI, status in colour, numbers in ``lang``'s locale.

    ``notes``: a column with the reason of each null value (see :func:`null_notes` for narrow terminals);
    ``changes``: a column with the change against the baseline.
    """
    words, lang = ui_strings(), check_lang(lang)

    def header(key: str) -> str:
        return escape(words.text(key, lang))

    grid = Table(title=header("kpi_table_title"), header_style="bold", box=box.SIMPLE_HEAD, show_edge=False,
                 collapse_padding=True)
    grid.add_column(header("indicator"), min_width=16, max_width=40, overflow="fold")
    grid.add_column(header("period"), no_wrap=True)
    for key in ("value", "target"):
        grid.add_column(header(key), justify="right", no_wrap=True)
    grid.add_column(header("status"), no_wrap=True)
    grid.add_column(header("baseline"), justify="right", no_wrap=True)
    if changes:
        grid.add_column(header("change_vs_baseline_short"), justify="right", no_wrap=True)
    if notes:
        grid.add_column(header("note"), ratio=1, overflow="fold")
    area, area_labels, statuses = None, areas(), status_labels()
    for kpi_id, rows in table.groupby("kpi_id", sort=False):
        kpi = get_kpi(kpi_id)
        if kpi.area != area:
            area = kpi.area
            grid.add_row(f"[bold cyan]{escape(area_labels[area][lang])}[/]")
        for i, row in enumerate(rows.itertuples(index=False)):
            status = row.status if isinstance(row.status, str) else None
            cells = [
                escape(row.label) if i == 0 else "",
                escape(row.period),
                format_value(row.value, row.unit, lang),
                format_value(row.target, row.unit, lang),
                f"[{STATUS_STYLES[status]}]{statuses[status][lang]}[/]" if status else MISSING,
                format_value(row.baseline, row.unit, lang),
            ]
            if changes:
                cells.append(format_change(row.change_vs_baseline, row.unit, lang))
            if notes:
                cells.append(f"[dim]{escape(row.reason)}[/]" if isinstance(row.reason, str) else "")
            grid.add_row(*cells, style="bold" if "-" in row.period else None, end_section=(i == len(rows) - 1))
    return grid


def null_notes(table: pd.DataFrame) -> list[str]:
    """One line per null value: ``label (period): reason``."""
    nulls = table[table["reason"].notna()]
    return [f"{r.label} ({r.period}): {r.reason}" for r in nulls.itertuples(index=False)]


def _print_table(table: pd.DataFrame, lang: str, output, out: Console) -> None:
    target, buffer = out, None
    if output is not None:
        buffer = io.StringIO()
        target = Console(file=buffer, width=160, color_system=None, highlight=False)
    wide = target.width >= WIDE_TERMINAL
    target.print(render_table(table, lang, notes=wide, changes=target.width >= MEDIUM_TERMINAL))
    if not wide:
        for line in null_notes(table):
            target.print(f"[dim]{escape(line)}[/]")
    if buffer is not None:
        _emit(buffer.getvalue(), output, out)
