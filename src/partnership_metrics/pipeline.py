"""The whole job, stage after stage: raw spreadsheets -> ingest -> KPIs -> reports (``demo`` and ``annual``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from . import paths
from .kpis.periods import parse_period
from .reporting.command import PARTNERSHIP_PERIOD, plan_jobs, print_files, render
from .reporting.runner import FORMATS, LANGS


def run_demo(*, out_dir: Path | None, console: Console, out: Console) -> int:
    """The ``demo`` command: bundled sample -> ingest -> KPIs -> every report (fr, en; HTML, PDF)."""
    from .resources import sample_dir
    from .storage import raw_dir_of, read_manifest

    sample = sample_dir()  # the checkout's data/raw/sample/, or the copy inside an installed package
    out_dir = Path(out_dir) if out_dir else paths.REPORTS_DIR / "demo"
    processed = paths.PROCESSED_DIR
    existing = read_manifest(processed)
    recorded = raw_dir_of(existing) if existing else None
    if existing and (recorded is None or recorded.resolve() != sample.resolve()):
        processed = out_dir / "processed"  # never overwrite tables ingested from the partners' real files
        console.print(f"data/processed holds tables from {escape(str(existing.get('raw_dir')))}: "
                      f"the demo uses {escape(str(processed))} instead.")
    return run_pipeline(sample, processed, out_dir, year=None, console=console, out=out)


def run_annual(raw: Path, processed: Path, *, out_dir: Path | None, year: int | None, console: Console,
               out: Console) -> int:
    """The ``annual`` command: the partners' raw files -> ingest -> KPIs -> the annual review of ``year`` and
    the three-year report, in French and English, HTML and PDF."""
    year = year or parse_period(PARTNERSHIP_PERIOD)[1]
    out_dir = Path(out_dir) if out_dir else paths.REPORTS_DIR / f"{dt.datetime.now():%Y-%m-%d_%H%M%S}_annual_{year}"
    return run_pipeline(Path(raw), Path(processed), out_dir, year=year, console=console, out=out)


def run_pipeline(raw: Path, processed: Path, out_dir: Path, *, year: int | None, console: Console,
                 out: Console) -> int:
    """raw -> ingest -> KPI workbook -> three-year report and annual review (fr, en; HTML, PDF) in ``out_dir``."""
    from .ingest.command import run_ingest

    shown = raw.relative_to(paths.PROJECT_ROOT) if raw.is_relative_to(paths.PROJECT_ROOT) else raw
    console.rule(f"1/3 Ingest {escape(str(shown))}")
    code = run_ingest(raw, processed, strict=False, force=False, mapping=None, console=console, out=out)
    if code:
        return code
    console.rule("2/3 KPIs")
    _demo_kpis(processed, out_dir, out)
    console.rule("3/3 Reports: three-year and annual, French and English, HTML and PDF")
    jobs = plan_jobs(processed, kind="three-year", period=None, year=None, baseline=None, langs=LANGS)
    jobs += plan_jobs(processed, kind="annual", period=None, year=year, baseline=None, langs=LANGS)
    manifest = render(processed, jobs, out_dir, FORMATS, console, {"kind": "all", "langs": list(LANGS)})
    print_files(manifest, out_dir, console)
    return 0


def _demo_kpis(processed: Path, out_dir: Path, out: Console) -> None:
    from . import kpi_table, load
    from .kpis.workbook import write_workbook

    tables = load(processed)
    kpis = kpi_table(tables, period=PARTNERSHIP_PERIOD, lang="fr")
    whole = kpis[kpis["period"] == PARTNERSHIP_PERIOD]
    counts = whole["status"].value_counts().to_dict()
    out.print(f"{len(whole)} KPIs for {PARTNERSHIP_PERIOD}: "
              + ", ".join(f"{counts.get(s, 0)} {s}" for s in ("met", "close", "missed", "no_target")))
    out_dir.mkdir(parents=True, exist_ok=True)
    write_workbook(kpis, out_dir / f"kpis_{PARTNERSHIP_PERIOD}.xlsx", "fr")
    out.print(f"KPI workbook: {escape(str(out_dir / f'kpis_{PARTNERSHIP_PERIOD}.xlsx'))}")
