"""Run report notebooks with papermill and render them: executed notebook -> HTML -> PDF, with a manifest.

Notebooks run in real ``python3`` kernels, one kernel per CPU but one at the same time (papermill in threads: the
kernels are separate processes), each kernel running its share of the notebooks one after the other (started and
imported once, reset between two notebooks, sharing what does not depend on the language: :func:`kernel_groups`,
:mod:`.memo`); each executed notebook serves both the HTML and the PDF, written as soon as it is executed; one
headless Chromium prints every PDF, each as soon as its page has loaded. Parameters are
validated against the notebook's ``parameters`` cell before anything runs: an unknown or ill-typed parameter is an
error, not a warning. The kernels start in the project root; this process never changes its own working directory
(threads share it).

A run writes into a fresh temporary folder beside its output folder and moves it in place at the end
(:func:`report_folder`): a run that fails or is killed never mixes its files with a previous run's.
"""

from __future__ import annotations

import ast
import contextlib
import datetime as dt
import json
import os
import platform
import queue
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .. import __version__, paths
from ..errors import FatalInputError, ReportError
from ..resources import notebook
from .memo import ENV as ENV_SHARE

KINDS = {"three-year": "three_year_report.ipynb", "annual": "annual_review.ipynb"}
FORMATS = ("html", "pdf")
KERNEL = "python3"
CELL_TIMEOUT = 600
MAX_KERNELS = 4  # kernels at the same time (one per CPU but one: see kernel_groups)


@dataclass(frozen=True)
class Job:
    """One report to produce: a notebook, its parameters, the files to write."""

    kind: str
    lang: str
    parameters: dict
    stem: str  # file name without extension, e.g. "three-year_2021-2023_fr"

    @property
    def notebook(self) -> Path:
        """The working folder's ``notebooks/<kind's notebook>`` if there, else the packaged one."""
        return notebook(KINDS[self.kind])


@dataclass
class Outcome:
    job: Job
    files: dict[str, str] = field(default_factory=dict)  # format -> file name
    seconds: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)  # what the browser noticed (console errors, overflow...)
    footer: str = ""  # the PDF pages' footer: title, data cut-off, "fictional data" (see .facts.cover_texts)


def _skip_iri_grammar() -> None:
    """jsonschema (under nbformat and papermill) builds an IRI grammar at import time when the optional
    ``rfc3987-syntax`` is installed: a full second of the report run, for a check nbformat's schema never
    uses. Mark it absent in this process before those imports (jsonschema then skips the "iri" format)."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


def notebook_parameters(notebook: Path) -> dict[str, dict]:
    """The parameters declared in the notebook's ``parameters`` cell (name -> papermill's description)."""
    _skip_iri_grammar()
    import papermill

    return papermill.inspect_notebook(str(notebook))


def _expected_type(spec: dict):
    """The type a parameter must have: its annotation, else the type of its default value (``2023`` -> int)."""
    named = {"str": str, "int": int, "float": (int, float), "bool": bool}.get(spec.get("inferred_type_name", ""))
    if named:
        return named
    try:
        default = ast.literal_eval(spec.get("default", "None"))
    except (ValueError, SyntaxError):
        return object
    if default is None:
        return object
    return (int, float) if isinstance(default, float) else type(default)


def validate_parameters(notebook: Path, parameters: dict) -> None:
    """Raise ReportError for a parameter the notebook does not declare, or of another type than its default."""
    declared = notebook_parameters(notebook)
    if not declared:
        raise ReportError(f"{notebook.name}: no cell tagged 'parameters'")
    for name, value in parameters.items():
        if name not in declared:
            raise ReportError(f"{notebook.name}: unknown parameter {name!r} (declared: {', '.join(declared)})")
        expected = _expected_type(declared[name])
        wrong_bool = isinstance(value, bool) and expected is not bool
        if wrong_bool or not isinstance(value, expected):
            shown = getattr(expected, "__name__", "a number")
            raise ReportError(f"{notebook.name}: parameter {name!r} must be {shown}, not {type(value).__name__} "
                              f"({value!r})")


# Run silently in a kernel between two notebooks: the figure ids start again at 1 (the same HTML as in a new
# kernel), then the namespace, the history and the prompt numbers are emptied; imported modules stay. What is left
# then (the modules, what .memo shares) lives as long as the kernel: the garbage collector stops scanning it (a
# full collection of the imported libraries takes a tenth of a second, and the reset runs one).
_RESET_KERNEL = """import sys
_html = sys.modules.get("partnership_metrics.reporting.html")
if _html is not None:
    _html.reset_figure_ids()
get_ipython().reset(new_session=True)
__import__("gc").freeze()
"""


class _Kernel:
    """One ``python3`` kernel that runs report notebooks one after the other, so that the second and later pay
    neither the kernel's start nor the imports; each notebook finds it as a new kernel would be (namespace,
    prompt numbers and figure ids afresh). Started by the first notebook, in the project root; the client that
    connected to it then serves the later notebooks too (a new client waits at least 0.2 s before it is ready)."""

    def __init__(self):
        self.km = None
        self.kc = None  # the kernel client, connected by the first notebook
        self.used = False
        # everything done with the kernel is done in this thread (its clients belong to the thread's event loop)
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kernel")

    def start(self, modules: tuple[str, ...] = ()) -> None:
        """Start the kernel, as the first notebook would, and ask it to import ``modules`` (in the kernel's thread:
        see :func:`early_kernel`; it returns once the kernel answers, the imports queued before the first notebook,
        which finds the kernel reset). A kernel that fails to start is closed: the first notebook starts another, and
        says what fails; an import that fails is the first notebook's to report."""
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        async def start():
            self.km = AsyncKernelManager(kernel_name=KERNEL)
            await self.km.start_kernel(extra_arguments=[*_KERNEL_ARGUMENTS, f"--HistoryManager.hist_file={_HISTORY}"],
                                       cwd=str(paths.PROJECT_ROOT), env=_kernel_environment(), stderr=_KERNEL_STDERR)
            self.kc = self.km.client()
            self.kc.start_channels()
            await self.kc.wait_for_ready(timeout=60)
            self.kc.allow_stdin = False
            if modules:  # not waited for (its answer is skipped by the next request's)
                self.kc.execute(f"[__import__('importlib').import_module(name) for name in {tuple(modules)!r}]",
                                silent=True, store_history=False, allow_stdin=False, stop_on_error=False)

        try:
            run_sync(start)()
        except Exception:
            self.close()
            return
        self.used = True

    def execute(self, nb):
        """Execute ``nb`` (papermill's engine, its cell markers and metadata) and return it."""
        from jupyter_client.manager import AsyncKernelManager
        from papermill.clientwrap import PapermillNotebookClient
        from papermill.engines import NotebookExecutionManager
        from papermill.log import logger

        if self.km is None:
            self.km, self.kc, self.used = AsyncKernelManager(kernel_name=KERNEL), None, False
        elif self.used:
            self._reset()
        self.used = True
        nb_man = NotebookExecutionManager(nb, output_path=None, progress_bar=False, log_output=False)
        nb_man.notebook_start()
        client = None
        try:
            # The kernel starts in the project root, so that the package it imports resolves the same project root
            # (installed from a wheel, that root comes from the working directory: see paths.py).
            client = PapermillNotebookClient(
                nb_man, km=self.km, kernel_name=KERNEL, timeout=CELL_TIMEOUT, startup_timeout=60, log=logger,
                log_output=False, stdout_file=None, stderr_file=None,
                resources={"metadata": {"path": str(paths.PROJECT_ROOT)}},
                extra_arguments=list(_KERNEL_ARGUMENTS), ipython_hist_file=_HISTORY,
            )
            client.kc = self.kc  # None for the first notebook: nbclient starts the kernel and connects to it
            client.execute(env=_kernel_environment(), stderr=_KERNEL_STDERR)
        finally:
            if client is not None and client.kc is not None:
                self.kc = client.kc  # kept for the next notebook; stopped by close() (after a failure too)
            nb_man.cleanup_pbar()
            nb_man.notebook_complete()
        return nb_man.nb

    def _reset(self) -> None:
        from jupyter_core.utils import run_sync

        if self.kc is None:
            raise RuntimeError("the kernel has no client to reset it")

        async def reset():
            return await self.kc.execute_interactive(_RESET_KERNEL, silent=True, store_history=False,
                                                     allow_stdin=False, timeout=60, output_hook=lambda msg: None)

        reply = run_sync(reset)()
        if reply["content"].get("status") != "ok":
            raise RuntimeError(f"the kernel could not be reset between two notebooks: {reply['content']}")

    def close(self, *, now: bool = False) -> None:
        """End the kernel (after a failure too: the next notebook starts a new one); ``now``: at once, without
        waiting for what it is doing."""
        from jupyter_core.utils import run_sync

        km, self.km = self.km, None
        kc, self.kc = self.kc, None
        if kc is not None:
            with contextlib.suppress(Exception):
                kc.stop_channels()
        if km is not None and km.has_kernel:
            with contextlib.suppress(Exception):
                run_sync(km.shutdown_kernel)(now=now)


def _execute(job: Job, executed_path: str, kernel: _Kernel) -> tuple[str | None, float]:
    """Run one notebook with papermill in ``kernel``; the error line, or None, and the seconds taken.

    papermill's ``execute_notebook`` changes the process's working directory (``cwd=``, and around each read and
    write), which threads share: its steps are called here instead, the kernel started in the project root by
    nbclient, the notebook read and written at absolute paths."""
    import nbformat
    from papermill.exceptions import PapermillExecutionError
    from papermill.execute import prepare_notebook_metadata, raise_for_execution_errors, remove_error_markers
    from papermill.iorw import load_notebook_node  # no chdir: papermill only changes directory when given a cwd
    from papermill.parameterize import parameterize_notebook

    started = time.perf_counter()
    source = str(Path(job.notebook).resolve())
    try:
        nb = load_notebook_node(source)
        nb = parameterize_notebook(nb, job.parameters, report_mode=False, kernel_name=KERNEL)
        nb = remove_error_markers(prepare_notebook_metadata(nb, source, executed_path))
        nb = kernel.execute(nb)
        raise_for_execution_errors(nb, executed_path)  # saves the notebook, with its error, before raising
        nbformat.write(nb, executed_path)
    except PapermillExecutionError as exc:
        kernel.close()
        cell = exc.exec_count if exc.exec_count is not None else exc.cell_index
        evalue = exc.evalue.splitlines()[0] if exc.evalue else ""
        return (f"report {job.stem}: cell {cell} failed with {exc.ename}: {evalue}"
                f" — partial notebook saved to {executed_path}"), time.perf_counter() - started
    except Exception as exc:  # kernel not found, timeout, dead kernel...
        kernel.close()
        first = str(exc).splitlines()[0] if str(exc) else ""
        return (f"report {job.stem}: {type(exc).__name__}: {first}"
                f" (kernel {KERNEL!r}, working directory the project root)"), time.perf_counter() - started
    return None, time.perf_counter() - started


_KERNEL_ARGUMENTS = ("--IPKernelApp.log_level=CRITICAL",)  # its chatter (transport warnings...) stays out of sight
# The kernel process's own stderr: a kernel stopped after a failing cell may log its sockets' closing (tornado's
# "ERROR ... Traceback") there; what a notebook prints or raises comes back through the kernel's messages instead.
_KERNEL_STDERR = subprocess.DEVNULL
_HISTORY = ":memory:"  # the kernels' IPython history (nbclient's default): nothing written in the user's home


def _kernel_environment() -> dict[str, str]:
    """The environment of the kernels: this process's, with the notebooks of a kernel sharing what does not depend
    on their language (see .memo)."""
    return {**os.environ, ENV_SHARE: "1"}


@contextlib.contextmanager
def early_kernel(modules: tuple[str, ...] = ()) -> Iterator[_Kernel]:
    """A kernel that starts now and imports ``modules``, while this process plans and checks the reports: given to
    :func:`run_jobs`, it runs the first kernel's notebooks. Ended on exit, at once if the run did not use it (e.g.
    the request was refused)."""
    kernel = _Kernel()
    kernel.thread.submit(kernel.start, tuple(modules))
    try:
        yield kernel
    finally:
        kernel.thread.submit(kernel.close, now=True).result()
        kernel.thread.shutdown()


def _execute_all(jobs: list[Job], out_dir: Path, done: queue.Queue, kernel: _Kernel) -> None:
    """Execute ``jobs`` one after the other in ``kernel`` (in its thread), putting ``(job, (error, seconds))`` on
    ``done`` as each ends."""
    try:
        for job in jobs:
            done.put((job, _execute(job, str(out_dir / f"{job.stem}.ipynb"), kernel)))
    finally:
        kernel.close()


def kernel_groups(jobs: list[Job], workers: int | None = None) -> list[list[Job]]:
    """The jobs split, in order, into ``workers`` kernels; by default one kernel per CPU but one (at least one, at
    most :data:`MAX_KERNELS`): the CPU left is this process's and Chromium's, which render and print each report
    while the kernels run the next ones. A kernel's second and later notebooks pay neither its start nor the imports,
    and reuse what the first computed that does not depend on the language (:mod:`.memo`): on two CPUs, the four
    reports of ``--kind all`` run in one kernel, in about the time two kernels took to run two each."""
    if workers is None:
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        workers = min(max(cpus - 1, 1), MAX_KERNELS)
    count = max(1, min(workers, len(jobs)))
    size = -(-len(jobs) // count)
    return [jobs[i : i + size] for i in range(0, len(jobs), size)]


def library_versions() -> dict[str, str]:
    """The versions of the package, of Python and of the libraries that execute and render the reports."""
    out = {"partnership-metrics": __version__, "python": platform.python_version()}
    for name in ("pandas", "pyarrow", "papermill", "nbconvert", "nbclient", "ipykernel", "plotly", "babel",
                 "python-calamine"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return out


def run_jobs(jobs: list[Job], out_dir: Path, *, formats: tuple[str, ...], title_of, progress=None,
             workers: int | None = None, partnership=None, kernel: _Kernel | None = None) -> list[Outcome]:
    """Execute every job's notebook, then write its HTML and PDF into ``out_dir`` (the covers name the partners of
    ``partnership``, default: the packaged one).

    A pipeline: the notebooks run in their kernels (:func:`kernel_groups`); as each one finishes, its HTML is
    written and its page starts loading in Chromium (started while the kernels start); a page loaded prints while
    the kernels still work, the last ones at once. ``workers``: the number of kernels (default: see
    :func:`kernel_groups`); ``kernel``: one started beforehand (:func:`early_kernel`), for the first of them.
    """
    out_dir = Path(out_dir).absolute()  # never resolved against a working directory that could change
    out_dir.mkdir(parents=True, exist_ok=True)
    for job in {j.kind: j for j in jobs}.values():
        validate_parameters(job.notebook, job.parameters)
    outcomes = {job.stem: Outcome(job) for job in jobs}
    with contextlib.ExitStack() as stack:
        # The kernels are processes: a thread each here only waits for it, so that the kernels run at once.
        groups = kernel_groups(jobs, workers)
        done: queue.Queue = queue.Queue()
        kernels = [kernel or _Kernel(), *(_Kernel() for _ in groups[1:])]
        for made in kernels[0 if kernel is None else 1 :]:  # the threads made here (early_kernel ends its own)
            stack.callback(made.thread.shutdown)
        futures = [k.thread.submit(_execute_all, group, out_dir, done, k) for group, k in zip(groups, kernels,
                                                                                              strict=True)]
        printer = None
        if "pdf" in formats:
            from .browser import Browser

            printer = stack.enter_context(_Printer(stack.enter_context(Browser()), len(jobs), progress))
        from .html import notebook_to_html  # noqa: F401  (imported while the kernels start: warms nbconvert)

        facts: dict = {}
        for n in range(1, len(jobs) + 1):
            # waiting for a notebook, the pages load (their requests answered) and those loaded print
            job, (error, seconds) = _next_done(done, futures, printer.wait if printer is not None else None)
            outcome = outcomes[job.stem]
            outcome.error = error
            outcome.files["ipynb"] = f"{job.stem}.ipynb"
            outcome.seconds["execute"] = round(seconds, 2)
            if progress:
                progress(f"executed {job.stem}", n, len(jobs))
            if outcome.error or any(o.error for o in outcomes.values()):
                continue
            _render_html(outcome, out_dir, title_of, partnership, facts)
            if progress:
                progress(f"HTML {job.stem}", n, len(jobs))
            if printer is not None:
                from .browser import PrintJob

                printer.load(outcome, PrintJob(out_dir / outcome.files["html"], out_dir / f"{job.stem}.pdf",
                                               outcome.footer or title_of(job)[0]))
        failed = [o for o in outcomes.values() if o.error]
        if failed:
            raise ReportError(failed[0].error + (f" (and {len(failed) - 1} more)" if len(failed) > 1 else ""))
        if printer is not None:
            printer.print_all()
    if "html" not in formats:
        for outcome in outcomes.values():
            (out_dir / outcome.files.pop("html")).unlink()
    return [outcomes[job.stem] for job in jobs]


class _Printer:
    """The PDFs of a run, printed by one Chromium: each page starts loading when its HTML is written (:meth:`load`
    returns at once); :meth:`wait` lets the pages load and prints the oldest once it has loaded, :meth:`print_all`
    prints the others at once. A page is closed once printed; those left are closed with the printer."""

    def __init__(self, browser, total: int, progress=None):
        self.browser, self.total, self.progress = browser, total, progress
        self.waiting: list[tuple[Outcome, object, object, contextlib.ExitStack]] = []
        self.printed = 0

    def __enter__(self) -> _Printer:
        return self

    def __exit__(self, *exc_info) -> None:
        for *_, pages in self.waiting:
            pages.close()
        self.waiting = []

    def load(self, outcome: Outcome, print_job) -> None:
        """Start loading ``print_job``'s page."""
        pages = contextlib.ExitStack()
        page = self.browser.load_for_print(pages, print_job)
        self.waiting.append((outcome, print_job, page, pages))

    def wait(self, seconds: float = 0.05) -> None:
        """Answer the pages' requests for ``seconds`` (a page waits for them to load), then print the oldest page
        waiting if it has loaded."""
        self.browser.handle_events(seconds)
        if self.waiting and self.waiting[0][2].loaded:
            self._print(1)

    def print_all(self) -> None:
        """Print every page waiting, at once."""
        self._print(len(self.waiting))

    def _print(self, count: int) -> None:
        batch, self.waiting = self.waiting[:count], self.waiting[count:]
        if not batch:
            return
        started = time.perf_counter()
        try:
            checks = self.browser.print_loaded([page for _, _, page, _ in batch], [job for _, job, _, _ in batch])
        finally:
            for *_, pages in batch:
                pages.close()
        seconds = round((time.perf_counter() - started) / len(batch), 2)
        for (outcome, *_), check in zip(batch, checks, strict=True):
            outcome.files["pdf"] = f"{outcome.job.stem}.pdf"
            outcome.seconds["pdf"] = seconds
            outcome.warnings.extend(check.problems())
            self.printed += 1
            if self.progress:
                self.progress(f"PDF {outcome.job.stem}", self.printed, self.total)


def _next_done(done: queue.Queue, futures: list, idle=None) -> tuple:
    """The next notebook executed, calling ``idle()`` (which must return within a fraction of a second) while there
    is none; raises what a kernel thread raised outside of a notebook."""
    while True:
        try:
            return done.get(timeout=0.5) if idle is None else done.get_nowait()
        except queue.Empty:
            for future in futures:
                if future.done() and future.exception() is not None:
                    raise future.exception() from None
            if idle is not None:
                idle()


def _render_html(outcome: Outcome, out_dir: Path, title_of, partnership=None, facts: dict | None = None) -> None:
    """Write the job's HTML report from its executed notebook. ``facts`` keeps the facts of the data (their
    cut-off date: the tables are read once) for the other reports of the run."""
    import nbformat

    from .facts import cover_texts, report_facts
    from .html import notebook_to_html
    from .i18n import format_date, text

    started = time.perf_counter()
    job = outcome.job
    nb = nbformat.read(out_dir / outcome.files["ipynb"], as_version=4)
    title, subtitle = title_of(job)
    key = (job.parameters["processed_dir"], job.parameters.get("cutoff"))
    facts = {} if facts is None else facts
    if key not in facts:
        facts[key] = report_facts(*key)
    cover = cover_texts(facts[key], title, job.lang)
    outcome.footer = cover.footer
    page = notebook_to_html(nb, lang=job.lang, title=title, subtitle=subtitle,
                            date=text("cover_rendered", job.lang, date=format_date(dt.date.today(), job.lang)),
                            partnership=partnership,
                            cutoff=cover.cutoff, watermark=cover.watermark)
    (out_dir / f"{job.stem}.html").write_text(page, encoding="utf-8")
    outcome.files["html"] = f"{job.stem}.html"
    outcome.seconds["html"] = round(time.perf_counter() - started, 2)


def write_manifest(out_dir: Path, outcomes: list[Outcome], *, processed_dir: Path, options: dict,
                   seconds: float, fingerprint: dict | None = None) -> dict:
    """``manifest.json`` of a report run: parameters, inputs with sha256, versions, timings, files; with the
    run's ``fingerprint`` (see :mod:`.reuse`) and the sha256 of each file written, so that an unchanged run can
    reuse them."""
    from ..storage import read_manifest
    from .reuse import output_hashes, processed_hashes

    processed_dir = Path(processed_dir)
    inputs = fingerprint["processed"] if fingerprint else processed_hashes(processed_dir)
    ingest_manifest = read_manifest(processed_dir) or {}
    manifest = {
        "package": "partnership-metrics",
        "version": __version__,
        "created": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "options": options,
        "reports": [
            {"kind": o.job.kind, "lang": o.job.lang,
             "parameters": {k: v for k, v in o.job.parameters.items()
                            if k != "processed_dir" and (k != "partnership_file" or v)},
             "files": o.files, "seconds": o.seconds, "warnings": o.warnings}
            for o in outcomes
        ],
        "inputs": {"processed": inputs, "raw": ingest_manifest.get("files", [])},
        "versions": library_versions(),
        "seconds": round(seconds, 2),
    }
    if fingerprint:
        manifest["fingerprint"] = fingerprint
        manifest["outputs"] = output_hashes(out_dir, manifest["reports"])
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                           encoding="utf-8")
    return manifest


@contextlib.contextmanager
def report_folder(out_dir: Path, processed_dir: Path, raw_dir: Path | None = None) -> Iterator[Path]:
    """The folder a report run writes into: a fresh temporary folder beside ``out_dir``, moved in place of
    ``out_dir`` when the run ends well (the previous reports of ``out_dir`` stay whole until then).

    Refused before anything runs (one-line :class:`FatalInputError`): an ``out_dir`` that is, holds or lies inside
    the processed folder or the raw folder, or that holds anything but reports written by this tool; a second run
    on the same folder stops at once (a lock). When a notebook fails (:class:`ReportError`), what was written is
    kept for inspection: in ``out_dir`` if it was new or empty, else beside it in ``<name>.failed/`` (the previous
    reports stay whole); the error names where the partial notebook is.
    """
    from ..storage import (
        REPORTS_KIND,
        check_replaceable,
        new_partial,
        output_kind,
        output_lock,
        recover_interrupted,
        swap_in,
        write_marker,
    )

    out_dir = Path(out_dir).absolute()
    _check_apart(out_dir, Path(processed_dir).absolute(), "the processed folder (--processed)")
    if raw_dir is not None:
        _check_apart(out_dir, Path(raw_dir).absolute(), "the raw folder")
    with output_lock(out_dir):
        recover_interrupted(out_dir)
        check_replaceable(out_dir, REPORTS_KIND)
        work = new_partial(out_dir)
        try:
            yield work
            write_marker(work, REPORTS_KIND)
            swap_in(work, out_dir)
        except ReportError as exc:
            write_marker(work, REPORTS_KIND)
            fresh = not out_dir.exists() or not any(out_dir.iterdir())
            kept = out_dir if fresh else out_dir.parent / f"{out_dir.name}.failed"
            if not fresh and kept.exists():
                if output_kind(kept)[0] != REPORTS_KIND:
                    shutil.rmtree(work, ignore_errors=True)
                    raise
                shutil.rmtree(kept)
            swap_in(work, kept)
            raise ReportError(str(exc).replace(str(work), str(kept))) from None
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise


def _check_apart(out_dir: Path, other: Path, what: str) -> None:
    """``out_dir`` must be neither ``other``, nor inside it, nor around it (replacing it would delete it)."""
    out_real, other_real = out_dir.resolve(), other.resolve()
    if out_real == other_real or out_real.is_relative_to(other_real):
        raise FatalInputError(str(out_dir), f"is {what}" + ("" if out_real == other_real else " or inside it"),
                              "give the reports their own folder with --out, e.g. under reports/")
    if other_real.is_relative_to(out_real):
        raise FatalInputError(str(out_dir), f"holds {what} (the output folder is replaced at each run)",
                              "give the reports their own folder with --out, e.g. under reports/")
