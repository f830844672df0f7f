"""The ``partnership-metrics`` command line.

Each command is a thin wrapper: it parses options, then calls the module that does the work. Heavy libraries
(pandas, pyarrow, papermill) are imported inside the commands so that ``--help`` and an unchanged re-run of
``ingest`` stay fast.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from inspect import cleandoc
from pathlib import Path
from typing import Annotated

import typer

from . import __version__, paths
from .display import SafeConsole, shown, visible_controls
from .errors import EXIT_FAILED, EXIT_USAGE, FatalInputError, PartnershipMetricsError

app = typer.Typer(
    name="partnership-metrics",
    help="Partner spreadsheets -> validated tidy tables -> KPIs -> reports, for the partnership described in "
         "partnership.yaml.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
# Every line the commands print goes through a SafeConsole: control characters in a file name or a cell are shown,
# never obeyed; values are put in markup with display.shown().
console = SafeConsole(stderr=True, highlight=False, soft_wrap=True)
out = SafeConsole(highlight=False, soft_wrap=True)

_state = {"debug": False}


def _version(value: bool):
    if value:
        print(f"partnership-metrics {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show Python tracebacks on errors.")] = False,
    version: Annotated[
        bool | None, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = None,
):
    _state["debug"] = debug


RawOpt = Annotated[Path, typer.Option("--raw", help="Folder of raw spreadsheets (read-only).", show_default="data/raw")]
OutOpt = Annotated[Path, typer.Option("--out", help="Folder for the tidy tables (Parquet) and the ingestion report.",
                                      show_default="data/processed")]
ProcessedOpt = Annotated[Path, typer.Option("--processed", help="Folder of tidy tables written by `ingest`.",
                                            show_default="data/processed")]
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="Partnership file (default: the partnership.yaml that `ingest` saved "
                                                  "beside the tables, else the packaged one).")
]


@app.command()
def ingest(
    raw: RawOpt = paths.RAW_DIR,
    out_dir: OutOpt = paths.PROCESSED_DIR,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when any row is quarantined.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even when no raw file changed.")] = False,
    mapping: Annotated[
        Path | None, typer.Option("--mapping", help="Mapping file for odd sheets (default: mapping.yaml in --raw).")
    ] = None,
    reference: Annotated[
        Path | None, typer.Option("--reference", help="Folder of reviewed files: institution_aliases.csv, "
                                     "value_synonyms.yaml, header_synonyms.yaml, kpi_synonyms.yaml, partnership.yaml "
                                     "(default: the reference/ folder beside --raw, e.g. data/reference for "
                                     "data/raw).")
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="The partnership file (default: partnership.yaml in the "
                                     "reference folder, else the packaged one); copied beside the tables.")
    ] = None,
    max_file_mb: Annotated[
        int, typer.Option("--max-file-mb", min=1, help="Refuse raw files larger than this (MB).")
    ] = 200,
    max_text_mb: Annotated[
        int, typer.Option("--max-text-mb", min=1, help="Refuse workbooks whose cells would hold more text than this "
                                                       "once shared or repeated texts are copied (MB).")
    ] = 256,
    max_total_mb: Annotated[
        int, typer.Option("--max-total-mb", min=1, help="Refuse a raw folder whose files together are larger than "
                                                        "this (MB); a run needs about 20 times its raw size in memory.")
    ] = 500,
    max_cells: Annotated[
        int, typer.Option("--max-cells", min=1, help="Refuse a sheet of more cells than this (rows x columns).")
    ] = 30_000_000,
    max_columns: Annotated[
        int, typer.Option("--max-columns", min=1, help="Refuse a sheet wider than this many columns.")
    ] = 16_384,
    without: Annotated[
        list[str] | None, typer.Option("--without", metavar="TABLE", help="A data table the partnership keeps none of (e.g. "
                                          "startups): finding no sheet of it is then no partial run. Repeatable.")
    ] = None,
):
    """Raw spreadsheets -> validated tidy tables, ingestion report and quarantine.

    Exit 0 when done (quarantined rows are warnings), 3 when some sheets could not be read or a data table was found
    in no sheet (the other tables are written), 1 with --strict and any problem, 2 on a fatal problem (one line).
    The limits are checked before the memory is committed (docs/security.md).
    """
    from .ingest.command import run_ingest
    from .ingest.reading import ReadLimits
    from .schemas import DATA_TABLES

    if unknown := sorted(set(without or ()) - set(DATA_TABLES)):
        raise typer.BadParameter(f"{', '.join(unknown)}: not a data table (one of {', '.join(DATA_TABLES)})",
                                 param_hint="--without")

    mb = 1024 * 1024
    limits = ReadLimits(max_file_bytes=max_file_mb * mb, max_total_bytes=max_total_mb * mb,
                        max_text_bytes=max_text_mb * mb, max_cells=max_cells, max_columns=max_columns)
    code = run_ingest(raw, out_dir, strict=strict, force=force, mapping=mapping, console=console, out=out,
                      reference=reference, config=config, limits=limits, without=frozenset(without or ()))
    raise typer.Exit(code)


@app.command()
def kpis(
    processed: ProcessedOpt = paths.PROCESSED_DIR,
    period: Annotated[str | None, typer.Option(
        "--period", help="Period, as FIRST-LAST years (default: the partnership's period).")] = None,
    year: Annotated[int | None, typer.Option("--year", help="One year instead of a period.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, json, csv or xlsx.")] = "table",
    baseline: Annotated[str | None, typer.Option(
        "--baseline", help="Baseline period (default: the partnership's baseline for its period, else the three "
                           "years before).")] = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", help="Language of labels and number formats, fr or en (default: the partnership's first).")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file (required for xlsx).")
    ] = None,
    config: ConfigOpt = None,
):
    """KPI values per year and for the period, against targets and the baseline."""
    from .kpis.command import run_kpis

    raise typer.Exit(
        run_kpis(processed, period=period, year=year, fmt=fmt, baseline=baseline, lang=lang, output=output,
                 config=config, console=console, out=out)
    )


@app.command()
def explain(
    kpi_id: Annotated[str, typer.Argument(help="KPI id, e.g. syn_co_funded_projects (`partnership-metrics kpis "
                                               "--format csv` lists them).")],
    processed: ProcessedOpt = paths.PROCESSED_DIR,
    period: Annotated[str | None, typer.Option(
        "--period", help="Period, as FIRST-LAST years (default: the partnership's period).")] = None,
    year: Annotated[int | None, typer.Option("--year", help="One year instead of a period.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or xlsx.")] = "table",
    partner: Annotated[str | None, typer.Option(
        "--partner", help="Only the rows of one partner's portfolio (its code, or joint).")] = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", help="Language of the label and numbers, fr or en (default: the partnership's first).")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file (required for xlsx).")
    ] = None,
    config: ConfigOpt = None,
):
    """The rows behind a KPI value: every row counted (numerator and denominator rows of a share or a ratio, flagged)
    with its raw file, sheet and row."""
    from .kpis.explain_command import run_explain

    raise typer.Exit(
        run_explain(processed, kpi_id, period=period, year=year, fmt=fmt, lang=lang, partner=partner, output=output,
                    config=config, console=console, out=out)
    )


@app.command()
def changes(
    processed: ProcessedOpt = paths.PROCESSED_DIR,
    since: Annotated[str | None, typer.Option(
        "--since", help="The run to compare with: its id (or the start of it), or a date such as 2024-03-01 "
                        "(default: the previous tables that were different). --list shows the runs kept.")] = None,
    year: Annotated[int | None, typer.Option(
        "--year", help="The year under review: the KPI values of earlier years that moved are restated figures "
                       "(default: the last year of the partnership's period).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="markdown or csv.")] = "markdown",
    lang: Annotated[str | None, typer.Option(
        "--lang", help="Language, fr or en (default: the partnership's first).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
    list_runs: Annotated[bool, typer.Option("--list", help="List the runs kept, and stop.")] = False,
):
    """What changed since the previous ingest: raw files, rows (by key, old -> new values, people pseudonymised) and
    KPI values and statuses, for every year (past years that moved are flagged as restated)."""
    from .pipeline.comparison import run_changes

    raise typer.Exit(
        run_changes(processed, since=since, year=year, lang=lang, fmt=fmt, output=output, list_runs=list_runs,
                    console=console, out=out)
    )


@app.command()
def report(
    processed: ProcessedOpt = paths.PROCESSED_DIR,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Output folder (default: reports/<run>/).")
    ] = None,
    kind: Annotated[str, typer.Option("--kind", help="three-year, annual, or all (both in one run).")] = "three-year",
    period: Annotated[str | None, typer.Option(
        "--period", help="Period of the three-year report (default: the partnership's period).")] = None,
    year: Annotated[int | None, typer.Option(
        "--year", help="Year of the annual review (default: the last year of the partnership's period).")] = None,
    baseline: Annotated[str | None, typer.Option(
        "--baseline", help="Baseline period (default: the partnership's baseline).")] = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", help="Languages, comma-separated, e.g. fr,en (default: the partnership's languages).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="Formats, comma-separated: html,pdf.")] = "html,pdf",
    config: ConfigOpt = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Render again even when the reports in --out were made from the same inputs.")] = False,
):
    """Render reports (HTML and PDF, in the partnership's languages) from the tidy tables."""
    from .reporting.command import run_report

    raise typer.Exit(
        run_report(processed, out_dir=out_dir, kind=kind, period=period, year=year, baseline=baseline,
                   lang=lang, fmt=fmt, console=console, config=config, force=force)
    )


@app.command()
def demo(
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Output folder (default: reports/demo/).")
    ] = None,
):
    """The whole job on the bundled sample data: ingest -> KPIs -> all reports (HTML and PDF, in the partnership's
    languages)."""
    from .pipeline import run_demo

    raise typer.Exit(run_demo(out_dir=out_dir, console=console, out=out))


@app.command()
def annual(
    raw: RawOpt = paths.RAW_DIR,
    processed: Annotated[Path, typer.Option("--processed", help="Folder for the tidy tables.",
                                            show_default="data/processed")] = paths.PROCESSED_DIR,
    year: Annotated[int | None, typer.Option(
        "--year", help="Year of the annual review (default: the last year of the partnership's period).")] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Output folder (default: reports/<date>_annual_<year>/).")
    ] = None,
):
    """The annual run in one command: raw spreadsheets -> ingest -> KPIs -> annual review and three-year report
    (HTML and PDF, in the partnership's languages)."""
    from .pipeline import run_annual

    raise typer.Exit(run_annual(raw, processed, out_dir=out_dir, year=year, console=console, out=out))


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Folder to lay out: a new one, or an empty one.")],
):
    """Lay out a working folder: data/raw/ (the partners' files, read-only), data/reference/ (reviewed corrections,
    with starter files and a README), notebooks/ (the report notebooks, yours to adapt), reports/, a README and a
    .gitignore. Commands run in that folder, or below it, then read and write there."""
    from .workspace import init_workspace

    init_workspace(folder)
    out.print(f"Working folder laid out in {shown(folder)}: put the partners' files in "
              f"{shown(folder / 'data' / 'raw')}, then run `partnership-metrics annual` there "
              "(its README.md lists the commands).")


@app.command()
def inspect(
    raw: RawOpt = paths.RAW_DIR,
    mapping: Annotated[
        Path | None, typer.Option("--mapping", help="Mapping file already in use (default: mapping.yaml in --raw).")
    ] = None,
    reference: Annotated[
        Path | None, typer.Option("--reference", help="Reference folder (default: reference/ beside the raw folder).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the draft mapping file here instead of printing it.")
    ] = None,
):
    """Read the raw folder without writing tables, and draft a mapping file for every sheet that could not be read,
    was read with low confidence, or was read as a wide sheet, and for the sheets that might hold a data table no
    sheet was read as. Check the draft, then save it as mapping.yaml."""
    from .ingest.inspect import inspect_folder

    if output is not None and output.exists():
        raise typer.BadParameter(f"{output} already exists (a draft never replaces a file)", param_hint="--output")
    with console.status("Reading raw files..."):
        found = inspect_folder(raw, mapping=mapping, reference=reference)
    console.print(f"{found.read} sheet(s) read as tables; {len(found.not_read)} not read, "
                  f"{len(found.low_confidence)} read with low confidence, {len(found.wide)} read as wide sheets.")
    for label, sheets in (("Not read", found.not_read), ("Low confidence", found.low_confidence),
                          ("Wide", found.wide)):
        for sheet in sheets:
            console.print(f"  {label}: {shown(sheet)}")
    for table, sheets in found.missing.items():
        maybe = f": it may be in {shown(', '.join(sheets))} (drafted below)" if sheets else ""
        console.print(f"  No sheet read as {table}{maybe}")
    if output is None:
        out.file.write(visible_controls(found.draft, keep_layout=True))
    else:
        output.write_text(found.draft, encoding="utf-8")
        console.print(f"Draft mapping file written to {shown(output)}: check it, then save it as "
                      f"{shown(Path(raw) / 'mapping.yaml')}.")


@app.command()
def template(
    path: Annotated[Path, typer.Argument(help="Workbook to write.")] = Path("partnership_input_template.xlsx"),
    lang: Annotated[str | None, typer.Option("--lang", help="fr or en (default: the partnership's first "
                                                                 "language).")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Partnership file (partners' names in the "
                                                                     "drop-down lists).")] = None,
):
    """Write a blank input workbook: one sheet per table with its headers and drop-down lists in the partners'
    language, and a notes sheet."""
    from .ingest.template import write_template
    from .partnership import find_partnership

    partnership = find_partnership(config, paths.REFERENCE_DIR)
    lang = lang or partnership.default_language
    if lang not in ("fr", "en"):
        raise typer.BadParameter(f"{lang!r}: use fr or en", param_hint="--lang")
    written = write_template(path, lang, partnership)
    out.print(f"Template written: {shown(written)}")


@app.command("sample-data")
def sample_data(
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 2020,
    scale: Annotated[int, typer.Option("--scale", min=1, help="Multiply the volumes (for benchmarks).")] = 1,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the spreadsheets to.")] = Path(
        "data/generated"
    ),
    config: Annotated[
        Path | None, typer.Option("--config", help="Partnership file of the sample (default: the packaged one).")
    ] = None,
):
    """Write realistic messy raw spreadsheets for a whole partnership (its baseline and period)."""
    from .partnership import find_partnership
    from .sample import write_sample

    summary = write_sample(out_dir, seed=seed, scale=scale, partnership=find_partnership(config))
    out.print(f"Sample spreadsheets written to {shown(out_dir)} ({len(summary['files'])} files).")


@app.command()
def dictionary(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the Markdown here instead of printing it.")
    ] = None,
    kpis: Annotated[bool, typer.Option("--kpis", help="The KPI catalogue (docs/kpis.md) instead of the tables.")] = False,
):
    """Print the data dictionary of the tidy tables (generated from the schemas), or with --kpis the KPI catalogue
    with every formula (generated from the catalogue and the code)."""
    if kpis:
        from .kpis.docs import catalogue_markdown

        text = catalogue_markdown().rstrip("\n")
    else:
        from .schemas import data_dictionary_markdown

        text = data_dictionary_markdown()
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)


benchmarks_app = typer.Typer(help="External benchmarks from public open data (i-Lab, Horizon Europe).",
                               no_args_is_help=True)
app.add_typer(benchmarks_app, name="benchmarks")


@benchmarks_app.command("update")
def benchmarks_update(
    reference: Annotated[Path, typer.Option("--reference", help="Reference folder that receives the snapshot.",
                                            show_default="data/reference")] = paths.REFERENCE_DIR,
    from_dir: Annotated[Path | None, typer.Option(
        "--from", help="Build from local copies of the public files in this folder instead of downloading.")] = None,
    retrieved: Annotated[str | None, typer.Option(
        "--retrieved", help="Date the local copies were obtained (YYYY-MM-DD; default: their file dates).")] = None,
):
    """Download the public files (i-Lab laureates, CORDIS Horizon Europe projects) where the network allows, or
    take local copies (--from), and rebuild the benchmark snapshot in the reference folder's benchmarks/."""
    import datetime as dt

    from .benchmarks.update import update

    date = None
    if retrieved:
        try:
            date = dt.date.fromisoformat(retrieved)
        except ValueError:
            raise typer.BadParameter(f"{retrieved!r} is not a date such as 2025-03-01",
                                     param_hint="--retrieved") from None
    with console.status("Building the benchmark snapshot...") as status:
        snapshot, folder = update(reference, from_dir=from_dir, retrieved=date,
                                  progress=lambda m: status.update(shown(m)))
    out.print(f"Benchmark snapshot written to {shown(folder)}:")
    for source in snapshot.sources.values():
        latest = f", data up to {source['latest_year']}" if source.get("latest_year") else ""
        out.print(f"  {shown(source['title'])} ({shown(source['licence'])}{latest})")


@benchmarks_app.command("show")
def benchmarks_show(
    reference: Annotated[Path, typer.Option("--reference", help="Reference folder (its snapshot wins).",
                                            show_default="data/reference")] = paths.REFERENCE_DIR,
):
    """List the benchmark tables in use, with their sources and dates."""
    from .benchmarks import load_snapshot

    snapshot = load_snapshot(reference)
    out.print(f"Benchmark snapshot: {shown(snapshot.folder)}")
    for name, df in snapshot.tables.items():
        sources = "; ".join(f"{s['title']} — {s['publisher']}, {s['licence']}, retrieved {s['retrieved']}"
                            for s in snapshot.source_of(name))
        out.print(f"  {shown(name)}: {len(df)} rows. {shown(sources)}")


def _masked(exc: BaseException) -> str:
    """An error's message with the names and e-mails it repeats masked, a file's name with its extension kept (a
    raw file named after a person: "Suivi [name] [e-mail].xlsx")."""
    from .privacy import mask_path, mask_personal

    if isinstance(exc, FatalInputError):
        return f"{mask_path(exc.file)}: {mask_personal(exc.problem)}. {mask_personal(exc.action)}"
    return mask_personal(str(exc))


def _reflowed_help(typer_app: typer.Typer) -> None:
    """Give every command its docstring with each paragraph on one line: Typer's rich help keeps the line breaks of
    the paragraphs after the first, which cut sentences in the middle of a terminal's line."""
    for command in typer_app.registered_commands:
        if command.help is None and command.callback is not None and command.callback.__doc__:
            paragraphs = cleandoc(command.callback.__doc__).split("\n\n")
            command.help = "\n\n".join(" ".join(paragraph.split("\n")) for paragraph in paragraphs)
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            _reflowed_help(group.typer_instance)


_reflowed_help(app)


def main() -> None:
    """Entry point: turn the project's errors into one clear line and an exit code (see :mod:`.errors`: 0 done, 1 a
    failure asked for or a failed report, 2 a usage or fatal input problem, 3 a partial ingest)."""
    debug = "--debug" in sys.argv
    try:
        code = app(standalone_mode=False)  # returns the code of typer.Exit
    except typer.Exit as exc:  # normal end with a code
        sys.exit(exc.exit_code)
    except PartnershipMetricsError as exc:
        if debug:
            raise
        console.print(f"[bold red]error:[/] {shown(_masked(exc))}", markup=True, highlight=False)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        console.print("interrupted")
        sys.exit(130)
    except OSError as exc:  # a read-only folder, a full disk, a path that is a file: one line, exit 2
        if debug:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        console.print(f"[bold red]error:[/] {shown(where + (exc.strerror or str(exc)))}. Check the path, its "
                      "permissions and the free space, or give another --out.", markup=True)
        sys.exit(EXIT_USAGE)
    except Exception as exc:  # a bug: still one line unless --debug
        kinds = {c.__name__ for c in type(exc).__mro__}  # click's exceptions (typer may ship its own copy of click)
        if "ClickException" in kinds:  # a usage error (exit 2), its values made harmless
            import io

            text = io.StringIO()
            exc.show(file=text)
            sys.stderr.write(visible_controls(text.getvalue(), keep_layout=True))
            sys.exit(exc.exit_code)
        if "Abort" in kinds:
            sys.exit(EXIT_FAILED)
        if debug:
            raise
        console.print(
            f"[bold red]unexpected error:[/] {type(exc).__name__}: {shown(_masked(exc))} "
            "(run again with --debug for the traceback)",
            markup=True,
        )
        sys.exit(EXIT_FAILED)
    sys.exit(code if isinstance(code, int) else 0)


def run() -> None:
    """The program's entry point (``partnership-metrics``, ``python -m partnership_metrics``): :func:`main` in a
    short-lived process. Cyclic garbage is collected less often (a run makes few cycles; collecting them cost ~5 % of
    a small ingest), and the process ends without tearing the interpreter down module by module (~0.08 s, more than a
    tenth of a small ingest): the exit handlers run and the output is flushed first. A thread still running, a
    profiler or a tracer (coverage) get the normal exit. To run the CLI inside another program, call :func:`main`
    (it raises SystemExit)."""
    gc.set_threshold(50_000, 20, 20)
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    run_exit_handlers = getattr(__import__("atexit"), "_run_exitfuncs", None)
    watched = sys.getprofile() is not None or sys.gettrace() is not None  # a profiler or coverage writes at exit
    if watched or threading.active_count() > 1 or run_exit_handlers is None:
        sys.exit(code)
    if code is not None and not isinstance(code, int):  # as the interpreter does with sys.exit("message")
        print(code, file=sys.stderr)
        code = 1
    run_exit_handlers()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed or broken pipe: the interpreter's own exit status for it
        code = 120
    os._exit(code or 0)
