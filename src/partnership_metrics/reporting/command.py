"""``partnership-metrics report``: plan the report notebooks of a partnership, run and render them."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from .. import paths
from ..display import shown
from ..errors import UsageError
from ..partnership import Partnership, default_partnership
from .runner import FORMATS, KINDS, Job, early_kernel, report_folder, run_jobs, write_manifest


def _split(value: str, allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
    items = tuple(dict.fromkeys(v.strip().lower() for v in value.split(",") if v.strip()))
    unknown = [v for v in items if v not in allowed]
    if unknown or not items:
        raise UsageError(f"--{what}: {', '.join(unknown) or 'nothing given'}; use {','.join(allowed)}")
    return items


def _period(text: str, option: str) -> tuple[int, int]:
    from ..kpis.periods import PeriodError, parse_period

    try:
        return parse_period(text)
    except PeriodError as exc:
        raise UsageError(f"{option}: {exc}") from None


def _baseline(text: str, first: int, option: str) -> None:
    """A baseline must come before the period it is compared with."""
    base_first, base_last = _period(text, "--baseline")
    if base_last >= first:
        raise UsageError(f"--baseline {text}: a baseline is the period before, so it must end before {first}, "
                         f"the first year of {option}")


def plan_jobs(processed: Path, *, kind: str, period: str | None, year: int | None, baseline: str | None,
              langs: tuple[str, ...], partnership: Partnership | None = None,
              config: Path | None = None) -> list[Job]:
    """The notebooks to run for one kind of report, one per language, with typed and checked parameters.

    ``partnership`` (default: the packaged one) gives the default period, year and baseline; ``config``, the file
    it was read from when given with ``--config``, is passed to the notebooks (``partnership_file``; empty: the
    copy saved beside the tables, else the packaged one).
    """
    from ..kpis.periods import default_baseline
    from .report import annual_baseline

    if kind not in KINDS:
        raise UsageError(f"--kind {kind!r}: use {' or '.join(KINDS)}")
    partnership = partnership or default_partnership()
    common = {"processed_dir": str(Path(processed).resolve()),
              "partnership_file": str(Path(config).resolve()) if config else ""}
    if kind == "three-year":
        if year is not None:
            raise UsageError("--year goes with --kind annual; the three-year report takes --period")
        first, last = _period(period or partnership.period, "--period")
        label = f"{first}-{last}"
        base = baseline or default_baseline(first, last, partnership)
        _baseline(base, first, "--period")
        return [Job(kind, lang, {**common, "period": label, "baseline": base, "lang": lang},
                    f"three-year_{label}_{lang}") for lang in langs]
    if period is not None:
        raise UsageError("--period goes with --kind three-year; the annual review takes --year")
    if year is None:
        year = partnership.last_year
    base = baseline or annual_baseline(int(year), partnership)
    if baseline is not None:  # the default baseline of a year in the period is the partnership's, before it
        _baseline(base, int(year), "--year")
    else:
        _period(base, "--baseline")
    return [Job("annual", lang, {**common, "year": int(year), "baseline": base, "lang": lang},
                f"annual_{year}_{lang}") for lang in langs]


def title_of(job: Job, partnership: Partnership | None = None) -> tuple[str, str]:
    """The cover's title and subtitle of a job's report."""
    from .i18n import report_title

    return report_title(job.kind, job.lang, period=job.parameters.get("period"), year=job.parameters.get("year"),
                        partnership=partnership)


def _progress(console: Console) -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                    TimeElapsedColumn(), console=console, transient=False)


def render(processed: Path, jobs: list[Job], out_dir: Path, formats: tuple[str, ...], console: Console,
           options: dict, partnership: Partnership | None = None, fingerprint: dict | None = None,
           kernel=None) -> dict:
    """Run the jobs into ``out_dir`` with progress (covers naming the partners of ``partnership``, default: the
    packaged one); returns the run manifest (holding ``fingerprint``, see :mod:`.reuse`, when given). ``kernel``: one
    started beforehand (see :func:`.runner.early_kernel`)."""
    from ..ingest.staleness import warn_if_stale
    from ..storage import read_manifest

    if read_manifest(processed) is None:
        raise UsageError(f"{processed}: no processed tables here; run 'partnership-metrics ingest' first "
                         "(or give the folder with --processed)")
    warn_if_stale(processed, console)
    formats = tuple(f for f in FORMATS if f in formats)
    if "pdf" in formats:
        from .browser import INSTALL_HINT, BrowserNotFoundError, find_chromium

        try:
            missing = None if find_chromium() else INSTALL_HINT
        except BrowserNotFoundError as exc:
            missing = str(exc)
        if missing:
            console.print(f"[yellow]warning:[/] {shown(missing)}; writing the HTML only.")
            formats = tuple(f for f in formats if f != "pdf") or ("html",)
    started = time.perf_counter()
    steps = len(jobs) * (1 + len(formats))
    with _progress(console) as bar:
        task = bar.add_task("Reports", total=steps)

        def progress(message: str, n: int, total: int) -> None:
            bar.update(task, advance=1, description=shown(message))

        outcomes = run_jobs(jobs, out_dir, formats=formats, title_of=lambda job: title_of(job, partnership),
                            progress=progress, partnership=partnership, kernel=kernel)
        bar.update(task, description="Reports done")
    return write_manifest(out_dir, outcomes, processed_dir=processed,
                          options={**options, "formats": list(formats)}, seconds=time.perf_counter() - started,
                          fingerprint=fingerprint)


def _run_dir(kind: str, jobs: list[Job]) -> Path:
    label = jobs[0].parameters.get("period") or jobs[0].parameters.get("year")
    stamp = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
    return paths.REPORTS_DIR / f"{stamp}_{kind}_{label}"


def run_report(processed: Path, *, out_dir: Path | None, kind: str, period: str | None, year: int | None,
               baseline: str | None, lang: str | None, fmt: str, console: Console,
               config: Path | None = None, force: bool = False) -> int:
    """The ``report`` command; returns the exit code. The partnership is ``config`` if given, else the copy saved
    beside the tables, else the packaged one; ``lang`` (comma-separated) defaults to its languages.

    With an explicit ``out_dir`` whose reports were made from the same inputs (see :mod:`.reuse`) and are intact,
    they are reused at once, unless ``force``."""
    from .reuse import fingerprint, notebooks_of, reusable

    formats = _split(fmt, FORMATS, "format")
    kinds = tuple(KINDS) if kind == "all" else _split(kind, tuple(KINDS), "kind")
    formats = tuple(f for f in FORMATS if f in formats)
    request = {"kinds": list(kinds), "period": period, "year": year, "baseline": baseline, "lang": lang}
    prints = None
    # the default folder is new at each run: nothing to reuse; a missing input is reported by the run below
    if out_dir is not None and Path(processed).is_dir() and (config is None or Path(config).is_file()):
        try:
            prints = fingerprint(Path(processed), request, formats=formats, notebooks=notebooks_of(kinds),
                                 config=config)
        except OSError:  # a file that cannot be read: the run says which
            prints = None
        if prints and not force and (manifest := reusable(Path(out_dir), prints, formats)) is not None:
            from ..storage import tidy_reused

            tidy_reused(Path(out_dir).absolute())
            _print_reused(manifest, Path(out_dir).absolute(), Path(processed), console)
            return 0
    with early_kernel(_kernel_imports(kinds)) as kernel:  # it starts and imports while the run is planned
        return _plan_and_render(processed, out_dir=out_dir, kinds=kinds, period=period, year=year, baseline=baseline,
                                lang=lang, formats=formats, console=console, config=config, prints=prints,
                                kernel=kernel)


def _kernel_imports(kinds: tuple[str, ...]) -> tuple[str, ...]:
    """What the report notebooks of ``kinds`` import (the three-year report's cohorts fit their curves with
    lifelines)."""
    return ("partnership_metrics.reporting.report", *(("lifelines",) if "three-year" in kinds else ()))


def _plan_and_render(processed: Path, *, out_dir: Path | None, kinds: tuple[str, ...], period: str | None,
                     year: int | None, baseline: str | None, lang: str | None, formats: tuple[str, ...],
                     console: Console, config: Path | None, prints: dict | None, kernel) -> int:
    from ..partnership import partnership_of_tables

    kind = "all" if len(kinds) > 1 else kinds[0]
    partnership = partnership_of_tables(Path(processed), config)
    langs = _split(lang or ",".join(partnership.languages), partnership.languages, "lang")
    plan = dict(langs=langs, partnership=partnership, config=config)
    if len(kinds) > 1:  # both reports in one run: the period goes to the three-year report, the year to the annual
        if baseline is not None:
            raise UsageError("--baseline needs one --kind (the two reports have different default baselines)")
        jobs = plan_jobs(processed, kind="three-year", period=period, year=None, baseline=None, **plan)
        jobs += plan_jobs(processed, kind="annual", period=None, year=year, baseline=None, **plan)
        kind = "all"
    else:
        jobs = plan_jobs(processed, kind=kinds[0], period=period, year=year, baseline=baseline, **plan)
    check_jobs_have_data(Path(processed), jobs)
    out_dir = (Path(out_dir) if out_dir else _run_dir(kind, jobs)).absolute()
    with report_folder(out_dir, Path(processed), _raw_dir(Path(processed))) as work:
        manifest = render(Path(processed), jobs, work, formats, console,
                          {"kind": kind, "langs": list(langs)}, partnership, fingerprint=prints, kernel=kernel)
    print_files(manifest, out_dir, console)
    return 0


def _print_reused(manifest: dict, out_dir: Path, processed: Path, console: Console) -> None:
    """One line saying the reports were reused (and how to render them again), then their files."""
    from ..ingest.staleness import warn_if_stale

    warn_if_stale(processed, console)
    console.print(f"Reports in {shown(out_dir)} reused: tables, parameters, notebooks and package unchanged since "
                  f"{shown(str(manifest.get('created', '?')))} (use --force to re-render):")
    _print_list(manifest, console)


def _raw_dir(processed: Path) -> Path | None:
    """The raw folder the tables were ingested from (a report never writes there)."""
    from ..storage import raw_dir_of, read_manifest

    manifest = read_manifest(processed)
    return raw_dir_of(manifest) if manifest else None


def check_jobs_have_data(processed: Path, jobs: list[Job]) -> None:
    """A :class:`UsageError` (exit 2) when the tables hold no date in a report's period or year: a report of
    zeros would read as a real result."""
    from ..kpis.command import check_has_data
    from ..kpis.periods import parse_period
    from ..storage import load_tables, read_manifest

    if read_manifest(processed) is None:
        return  # render() says so
    try:
        tables = load_tables(processed)
    except Exception:  # a damaged table: the notebook that reads it names it, with its cell
        return
    for when in dict.fromkeys(str(j.parameters.get("period") or j.parameters.get("year")) for j in jobs):
        check_has_data(tables, *parse_period(when))


def print_files(manifest: dict, out_dir: Path, console: Console) -> None:
    console.print(f"Reports written to {shown(out_dir)} in {manifest['seconds']:.1f} s:")
    _print_list(manifest, console)


def _print_list(manifest: dict, console: Console) -> None:
    for report in manifest["reports"]:
        files = ", ".join(v for k, v in report["files"].items() if k != "ipynb")
        console.print(f"  {shown(files)}")
        for warning in report.get("warnings", []):
            console.print(f"  [yellow]warning:[/] {shown(warning)}")
