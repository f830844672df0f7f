"""The whole job, stage after stage: raw spreadsheets -> ingest -> KPIs (and what changed since the previous ingest:
``changes.md``, ``changes.csv``) -> reports (``demo`` and ``annual``).

The defaults (period, year, languages) are those of the partnership of the ingested tables (the copy ``ingest``
saves beside them, else the packaged one).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from .. import paths
from ..errors import EXIT_PARTIAL
from ..reporting.command import plan_jobs, print_files, render
from ..reporting.runner import FORMATS, report_folder
from ..ui_strings import ui_strings


def run_demo(*, out_dir: Path | None, console: Console, out: Console) -> int:
    """The ``demo`` command: bundled sample -> ingest -> KPIs -> every report (in the partnership's languages; HTML,
    PDF)."""
    from ..resources import sample_dir
    from ..storage import raw_dir_of, read_manifest

    sample = sample_dir()  # the checkout's data/raw/sample/, or the copy inside an installed package
    out_dir = Path(out_dir) if out_dir else paths.REPORTS_DIR / "demo"
    processed = paths.PROCESSED_DIR
    existing = read_manifest(processed)
    recorded = raw_dir_of(existing) if existing else None
    if existing and (recorded is None or recorded.resolve() != sample.resolve()):
        # never overwrite tables ingested from the partners' real files; beside the reports, not inside their folder
        # (it is replaced at each run)
        processed = out_dir.parent / f"{out_dir.name}_processed"
        console.print(f"data/processed holds tables from {escape(str(existing.get('raw_dir')))}: "
                      f"the demo uses {escape(str(processed))} instead.")
    return run_pipeline(sample, processed, out_dir, year=None, console=console, out=out)


def run_annual(raw: Path, processed: Path, *, out_dir: Path | None, year: int | None, console: Console,
               out: Console) -> int:
    """The ``annual`` command: the partners' raw files -> ingest -> KPIs -> the annual review of ``year`` (default:
    the last year of the partnership's period) and the three-year report, in the partnership's languages, HTML and
    PDF (default folder: ``reports/<date>_annual_<year>/``)."""
    started = dt.datetime.now()
    return run_pipeline(Path(raw), Path(processed), Path(out_dir) if out_dir else None, year=year, console=console,
                        out=out, started=started)


def run_pipeline(raw: Path, processed: Path, out_dir: Path | None, *, year: int | None, console: Console,
                 out: Console, started: dt.datetime | None = None) -> int:
    """raw -> ingest -> KPI workbook -> three-year report and annual review (in the partnership's languages; HTML,
    PDF) in ``out_dir`` (None: ``reports/<started>_annual_<year>/``)."""
    from ..ingest.command import run_ingest
    from ..partnership import partnership_of_tables

    started = started or dt.datetime.now()

    shown = raw.relative_to(paths.PROJECT_ROOT) if raw.is_relative_to(paths.PROJECT_ROOT) else raw
    console.rule(f"1/3 Ingest {escape(str(shown))}")
    code = run_ingest(raw, processed, strict=False, force=False, mapping=None, console=console, out=out)
    if code not in (0, EXIT_PARTIAL):
        return code  # a partial ingest goes on: the reports say which KPIs are incomplete, the exit status too
    partnership = partnership_of_tables(processed)
    year = year or partnership.last_year
    out_dir = (out_dir or paths.REPORTS_DIR / f"{started:%Y-%m-%d_%H%M%S}_annual_{year}").absolute()
    langs = partnership.languages
    plan = dict(baseline=None, langs=langs, partnership=partnership)
    jobs = plan_jobs(processed, kind="three-year", period=None, year=None, **plan)
    jobs += plan_jobs(processed, kind="annual", period=None, year=year, **plan)
    with report_folder(out_dir, processed, raw) as work:  # written aside, moved in place at the end
        console.rule("2/3 KPIs")
        _demo_kpis(processed, work, out, partnership, shown_dir=out_dir)
        write_changes(processed, work, year=year, partnership=partnership, out=out, shown_dir=out_dir)
        names = [ui_strings().code_label("language", lang, "en") or lang for lang in langs]  # the CLI speaks English
        console.rule(f"3/3 Reports: three-year and annual, {' and '.join(names)}, HTML and PDF")
        manifest = render(processed, jobs, work, FORMATS, console, {"kind": "all", "langs": list(langs)},
                          partnership)
    print_files(manifest, out_dir, console)
    if code == EXIT_PARTIAL:
        console.print("[yellow]The ingest was partial (see above): the reports' data-quality section names the KPIs "
                      "it leaves incomplete.[/]")
    return code


def write_changes(processed: Path, out_dir: Path, *, year: int, partnership, out: Console,
                  shown_dir: Path | None = None) -> Path | None:
    """Write ``changes.md`` and ``changes.csv`` (what changed since the previous distinct ingest kept beside
    ``processed``, in the partnership's first language) into ``out_dir``; the Markdown file, or None when no
    earlier run is kept."""
    from .comparison import changes_since_previous

    changes = changes_since_previous(Path(processed).resolve(), year=year, lang=partnership.default_language)
    if changes is None:
        out.print("No earlier ingest kept to compare with: no changes.md this time.")
        return None
    markdown, _ = changes.write(out_dir)
    flips = changes.status_changes()
    named = ", ".join(f"{k.kpi_id} {k.period} ({k.old_status} -> {k.new_status})"
                      for k in flips.head(5).itertuples(index=False))
    more = f" and {len(flips) - 5} more" if len(flips) > 5 else ""
    shown = (shown_dir or out_dir) / markdown.name
    out.print(f"What changed since the previous ingest ({changes.old.id}): {escape(str(shown))} and changes.csv"
              + (f"; statuses changed: {escape(named)}{more}" if named else "; no status changed"))
    return markdown


def _demo_kpis(processed: Path, out_dir: Path, out: Console, partnership, shown_dir: Path | None = None) -> None:
    from .. import kpi_table, load
    from ..kpis.commentary import workbook_comments
    from ..kpis.workbook import write_workbook

    period, lang = partnership.period, partnership.default_language
    tables = load(processed)
    kpis = kpi_table(tables, period=period, lang=lang, partnership=partnership)
    whole = kpis[kpis["period"] == period]
    counts = whole["status"].value_counts().to_dict()
    out.print(f"{len(whole)} KPIs for {period}: "
              + ", ".join(f"{counts.get(s, 0)} {s}" for s in ("met", "close", "missed", "no_target")))
    out_dir.mkdir(parents=True, exist_ok=True)
    write_workbook(kpis, out_dir / f"kpis_{period}.xlsx", lang, comments=workbook_comments(tables, lang, kpis))
    out.print(f"KPI workbook: {escape(str((shown_dir or out_dir) / f'kpis_{period}.xlsx'))}")
