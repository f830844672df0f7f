"""A real headless Chromium, driven over the DevTools protocol, to check report pages and print them to PDF.

One :class:`Browser` starts one Chromium for many pages (``--remote-debugging-pipe``: commands are written to
the child's fd 3 and answers read from its fd 4, as NUL-terminated JSON), so no websocket library is needed.
Pages are opened from ``file://`` URLs; any other request than ``file:``, ``data:`` or ``blob:`` is blocked and
recorded, so a report that would need the network is caught.

    with Browser() as browser:
        check = browser.inspect("reports/run/report_fr.html")      # console errors, requests, charts drawn
        browser.print_pdf("reports/run/report_fr.html", "reports/run/report_fr.pdf", footer_text="...")
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import html
import json
import os
import shutil
import tempfile
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReportError
from .devtools import BrowserError, Connection, Subreaper, terminate

CHROMIUM_ENV = "PARTNERSHIP_METRICS_CHROMIUM"
INSTALL_HINT = (
    "no Chromium or Chrome found for the PDF: install it (Debian/Ubuntu: apt-get install chromium) "
    f"or set {CHROMIUM_ENV} to its path"
)
EXECUTABLE_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge")
USUAL_PATHS = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/snap/bin/chromium",
    "/usr/bin/google-chrome",
    "/opt/google/chrome/chrome",
    "/opt/microsoft/msedge/msedge",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
)
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",  # runs as root in containers and CI
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--mute-audio",
    "--hide-scrollbars",
    # Second lock behind the request blocking: no host name resolves, whatever slips past interception.
    "--host-resolver-rules=MAP * ~NOTFOUND",
)

# A4 portrait, 15 mm margins (the same numbers as @page in report_templates/partnership/static/report.css).
MM_PER_INCH = 25.4
CSS_PX_PER_INCH = 96
A4_MM = (210.0, 297.0)
MARGIN_MM = 15.0
PRINT_WIDTH_PX = round((A4_MM[0] - 2 * MARGIN_MM) / MM_PER_INCH * CSS_PX_PER_INCH)
PRINT_HEIGHT_PX = round((A4_MM[1] - 2 * MARGIN_MM) / MM_PER_INCH * CSS_PX_PER_INCH)
LOCAL_SCHEMES = ("file:", "data:", "blob:")


class BrowserNotFoundError(ReportError):
    """No Chromium or Chrome on this machine (the message says how to install one)."""


def find_chromium() -> str | None:
    """Path of a Chromium/Chrome: ``$PARTNERSHIP_METRICS_CHROMIUM``, then the PATH, then usual install paths.

    Raises :class:`BrowserNotFoundError` when the variable is set to a file that does not exist.
    """
    configured = os.environ.get(CHROMIUM_ENV, "").strip()
    if configured:
        if not (os.path.isfile(configured) and os.access(configured, os.X_OK)):
            raise BrowserNotFoundError(
                f"{CHROMIUM_ENV}={configured} is not an executable file: fix the path or unset it"
            )
        return configured
    for name in EXECUTABLE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((path for path in USUAL_PATHS if os.path.isfile(path) and os.access(path, os.X_OK)), None)


@dataclass
class PageCheck:
    """What a page did once loaded: errors, network attempts, dialogs, charts, title and visible text."""

    url: str
    title: str = ""
    text: str = ""
    console_errors: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    charts: int = 0
    charts_drawn: int = 0
    charts_clipped: int = 0
    overflow_px: int = 0
    pdf_pages: int | None = None
    toc_pages: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """No error, no network request, no dialog, every chart drawn, nothing wider than the page."""
        return not self.problems()

    def problems(self) -> list[str]:
        """One line per problem found (empty when :attr:`ok`)."""
        lines = [f"console error: {error}" for error in self.console_errors]
        lines += [f"network request blocked: {url}" for url in self.blocked_requests]
        lines += [f"dialog opened: {message}" for message in self.dialogs]
        if self.charts_drawn != self.charts:
            lines.append(f"{self.charts - self.charts_drawn} of {self.charts} charts not drawn")
        if self.charts_clipped:
            lines.append(f"{self.charts_clipped} of {self.charts} charts wider than the page")
        if self.overflow_px:
            lines.append(f"content {self.overflow_px} px wider than the page (a wide table or chart?)")
        return lines


# Counts plotly charts (the divs of fig.to_html and plotly's own class), those with a visible SVG, and those
# whose SVG sticks out of the viewport; measures how much the page is wider than the viewport (when printing,
# Chromium then shrinks every page to fit: tiny text).
_CHARTS_JS = """(() => {
  const charts = new Set(document.querySelectorAll('.js-plotly-plot, .plotly-graph-div'));
  const right = document.documentElement.clientWidth + 1;
  let drawn = 0, clipped = 0;
  for (const chart of charts) {
    const svg = chart.querySelector('.main-svg');
    const box = svg && svg.getBoundingClientRect();
    if (box && box.width > 0 && box.height > 0) {
      drawn += 1;
      if (box.left < -1 || box.right > right) clipped += 1;
    }
  }
  const overflow = Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth);
  return {charts: charts.size, drawn: drawn, clipped: clipped, overflow: overflow,
          plotly: typeof window.Plotly !== 'undefined', ready: document.readyState === 'complete'};
})()"""

# A printed chart is drawn static (plotly's staticPlot: no hover, drag or mode-bar layers, which paper cannot use):
# the same picture for about a tenth less of the printing's work. Set as plotly.js defines ``window.Plotly``, before
# the page's charts are drawn.
_STATIC_CHARTS_JS = """(() => {
  let plotly;
  Object.defineProperty(window, 'Plotly', {configurable: true, enumerable: true, get: () => plotly, set: (value) => {
    plotly = value;
    if (value && typeof value.setPlotConfig === 'function') value.setPlotConfig({staticPlot: true});
  }});
})()"""

# Fits every chart to its box at the printable width: responsive charts are resized (unless drawn at their box's
# size already: a redraw for nothing), fixed-width charts wider than the column are relaid out to the column width
# (else they would be cut at the page edge).
_FIT_CHARTS_JS = """(async () => {
  if (typeof window.Plotly === 'undefined') return 0;
  const charts = Array.from(document.querySelectorAll('.js-plotly-plot'));
  await Promise.all(charts.map((chart) => {
    const room = Math.floor(chart.parentElement.getBoundingClientRect().width);
    const fixed = chart.layout && chart.layout.width;
    if (fixed && fixed > room) return Plotly.relayout(chart, {width: room});
    const drawn = chart._fullLayout, box = chart.getBoundingClientRect();
    if (!fixed && drawn && drawn.width === Math.round(box.width) && drawn.height === Math.round(box.height)) {
      return null;
    }
    return Plotly.Plots.resize(chart);
  }));
  await document.fonts.ready;
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  return charts.length;
})()"""

# The page each heading of the table of contents will fall on, found before printing: the body is laid out in columns
# of the printable page's size, page breaks made column breaks, so that Chromium's own fragmentation (breaks avoided
# inside tables and charts, orphans, widows, repeated table headers) cuts the columns as printing cuts the pages;
# the column a heading falls in is its page. Everything is put back before printing. The print then tells whether
# the guess was right (see _print_pages).
_TOC_GUESS_JS = """(() => {
  const slots = Array.from(document.querySelectorAll('[data-toc-target]'));
  const targets = slots.map((slot) => slot.dataset.tocTarget);
  if (!targets.length) return {targets: targets, pages: []};
  const width = document.documentElement.clientWidth, height = window.innerHeight;
  const changed = [];
  const style = document.createElement('style');
  try {
    for (const element of document.body.querySelectorAll('*')) {
      const computed = getComputedStyle(element);
      for (const side of ['breakBefore', 'breakAfter']) {
        if (computed[side] === 'page') {
          changed.push([element, side, element.style[side]]);
          element.style[side] = 'column';
        }
      }
    }
    style.textContent = `body { column-width: ${width}px; column-gap: 0; column-fill: auto; height: ${height}px; }`;
    document.head.appendChild(style);
    const left = document.body.getBoundingClientRect().left;
    const pages = targets.map((target) => {
      const heading = document.getElementById(target);
      return heading ? Math.floor((heading.getBoundingClientRect().left - left + 1) / width) + 1 : null;
    });
    return {targets: targets, pages: pages};
  } catch (error) {
    return {targets: targets, pages: targets.map(() => null)};
  } finally {
    style.remove();
    for (const [element, side, value] of changed) element.style[side] = value;
  }
})()"""

_TOC_FILL_JS = """((pages) => {
  document.querySelectorAll('[data-toc-target]').forEach((slot, index) => {
    slot.textContent = pages[index] ? String(pages[index]) : '';
  });
  return true;
})"""


class Browser:
    """One headless Chromium for many pages; use as a context manager (the process is always ended).

    ``timeout`` (seconds) bounds every wait: start-up, each DevTools answer, page load and chart drawing.
    Not thread-safe: one Browser per thread.
    """

    def __init__(self, executable: str | None = None, *, timeout: float = 60.0):
        self.executable = executable or find_chromium()
        if not self.executable:
            raise BrowserNotFoundError(INSTALL_HINT)
        self.timeout = timeout
        self.pid: int | None = None
        self.workdir: Path | None = None  # the temporary profile and log, removed on close
        self._connection: Connection | None = None
        self._finalizer = None

    # ---- life cycle ----
    def __enter__(self) -> Browser:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def start(self) -> None:
        """Start Chromium (done by ``with``); raises :class:`BrowserError` if it does not answer."""
        if self._connection is not None:
            return
        workdir = Path(tempfile.mkdtemp(prefix="pm-chromium-"))
        self.workdir = workdir
        Subreaper.acquire()
        command_read, command_write = os.pipe()
        answer_read, answer_write = os.pipe()
        # Move the child's ends above fd 10 first so that the dup2 onto 3 and 4 cannot overwrite one another.
        child_in = fcntl.fcntl(command_read, fcntl.F_DUPFD_CLOEXEC, 10)
        child_out = fcntl.fcntl(answer_write, fcntl.F_DUPFD_CLOEXEC, 10)
        log_fd = os.open(workdir / "chromium.log", os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o600)
        for fd in (command_read, answer_write):
            os.close(fd)
        argv = [
            self.executable,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={workdir / 'profile'}",
            "--remote-debugging-pipe",
            "about:blank",
        ]
        try:
            self.pid = os.posix_spawn(
                self.executable,
                argv,
                # Crash reports go under XDG_CONFIG_HOME: keep them in the temporary folder, not the user's home.
                {**os.environ, "XDG_CONFIG_HOME": str(workdir / "config")},
                file_actions=[
                    (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                    (os.POSIX_SPAWN_DUP2, log_fd, 1),
                    (os.POSIX_SPAWN_DUP2, log_fd, 2),
                    (os.POSIX_SPAWN_DUP2, child_in, 3),
                    (os.POSIX_SPAWN_DUP2, child_out, 4),
                ],
                setsid=True,  # its own process group: renderers and zygote are ended with it
            )
        except OSError as error:
            for fd in (command_write, answer_read):
                os.close(fd)
            shutil.rmtree(workdir, ignore_errors=True)
            Subreaper.release()
            raise BrowserError(f"cannot start {self.executable}: {error}") from error
        finally:
            for fd in (child_in, child_out, log_fd):
                os.close(fd)
        os.set_blocking(command_write, False)  # writes wait in select(), with a timeout
        self._connection = Connection(command_write, answer_read, self.pid, workdir / "chromium.log")
        self._finalizer = weakref.finalize(self, terminate, self._connection, self.pid, workdir)
        try:
            self._connection.call("Browser.getVersion", timeout=min(self.timeout, 30.0))
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """End Chromium (politely, then by force), reap it, and remove its temporary profile."""
        if self._finalizer is not None:
            self._finalizer()
        self._connection = None
        self._finalizer = None

    @property
    def running(self) -> bool:
        """Whether the Chromium process is alive."""
        return self._connection is not None and self._connection.alive()

    # ---- pages ----
    def inspect(self, html_path: str | os.PathLike, *, width: int = 1280, height: int = 900) -> PageCheck:
        """Load a page like a reader's screen would and report what it did (see :class:`PageCheck`)."""
        with self._page(html_path, width=width, height=height, media="screen") as page:
            page.wait_for_charts(require_all=False)
            self._connection.idle(0.1)  # late errors (failed requests, timers) of a page that just loaded
            return page.check()

    def print_pdf(
        self,
        html_path: str | os.PathLike,
        pdf_path: str | os.PathLike,
        *,
        footer_text: str = "",
        toc_page_numbers: bool = True,
    ) -> PageCheck:
        """Print a page to an A4 PDF once it is loaded and every chart drawn at the printable width.

        The footer shows ``footer_text`` and "page N / M"; the header is empty (no URL, path or date).
        With ``toc_page_numbers``, the table of contents shows the page of every heading it lists (guessed from
        the layout, checked in the PDF; printed a second time only when the guess was wrong).
        Returns the page's :class:`PageCheck`, with ``pdf_pages``. Raises :class:`BrowserError` when a chart is
        not drawn within the timeout.
        """
        job = PrintJob(html_path, pdf_path, footer_text)
        return self.print_pdfs([job], toc_page_numbers=toc_page_numbers)[0]

    def print_pdfs(self, jobs, *, toc_page_numbers: bool = True, parallel: int = 4) -> list[PageCheck]:
        """Print several pages (:class:`PrintJob` or ``(html_path, pdf_path[, footer_text])`` tuples).

        Up to ``parallel`` pages load at the same time (loading, mostly plotly.js, is the slow part and uses
        other cores); they are then printed one by one as in :meth:`print_pdf`. Returns one check per job.
        """
        jobs = [job if isinstance(job, PrintJob) else PrintJob(*job) for job in jobs]
        checks = []
        for start in range(0, len(jobs), max(parallel, 1)):
            batch = jobs[start : start + max(parallel, 1)]
            with contextlib.ExitStack() as stack:
                pages = [self.load_for_print(stack, job) for job in batch]
                checks.extend(self.print_loaded(pages, batch, toc_page_numbers=toc_page_numbers))
        return checks

    def load_for_print(self, stack: contextlib.ExitStack, job: PrintJob) -> _Page:
        """Start loading ``job``'s page for printing and return at once (the page closes with ``stack``), so
        that pages load while the caller does other work; print them with :meth:`print_loaded`."""
        return stack.enter_context(
            self._page(job.html_path, width=PRINT_WIDTH_PX, height=PRINT_HEIGHT_PX, media="print", wait=False)
        )

    def handle_events(self, seconds: float) -> None:
        """Answer the pages' requests and record what they do for ``seconds`` (pages started by
        :meth:`load_for_print` load only while the connection is served: here, or in any other call)."""
        if self._connection is None:
            raise BrowserError("the browser is not started: use `with Browser() as browser:`")
        self._connection.idle(seconds)

    def print_loaded(self, pages: list, jobs: list[PrintJob], *, toc_page_numbers: bool = True) -> list[PageCheck]:
        """Print pages started by :meth:`load_for_print`, all at once; one check per page."""
        return _print_pages(pages, jobs, toc_page_numbers)

    def screenshot(
        self,
        html_path: str | os.PathLike,
        png_path: str | os.PathLike,
        *,
        width: int = 1280,
        height: int = 900,
        full_page: bool = False,
    ) -> PageCheck:
        """Save a PNG of the page as seen on a ``width`` x ``height`` screen (the whole page if ``full_page``)."""
        with self._page(html_path, width=width, height=height, media="screen") as page:
            page.wait_for_charts(require_all=False)
            # A still picture has no use for the charts' toolbars.
            page.evaluate(
                "document.head.insertAdjacentHTML('beforeend',"
                " '<style>.modebar-container{display:none!important}</style>')"
            )
            params = {"format": "png", "captureBeyondViewport": full_page}
            if full_page:
                root = "document.documentElement"
                size = page.evaluate(f"[{root}.scrollWidth, {root}.scrollHeight]")
                params["clip"] = {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1}
            data = page.call("Page.captureScreenshot", params)["data"]
            check = page.check()
        _write_atomically(Path(png_path), base64.b64decode(data))
        return check

    @contextlib.contextmanager
    def _page(self, html_path, *, width: int, height: int, media: str, wait: bool = True):
        if self._connection is None:
            raise BrowserError("the browser is not started: use `with Browser() as browser:`")
        path = Path(html_path).resolve()
        if not path.is_file():
            raise ReportError(f"{html_path}: no such HTML file to open in the browser")
        page = _Page(self._connection, self.timeout)
        try:
            page.open(path.as_uri(), width=width, height=height, media=media)
            if wait:
                page.wait_loaded()
            yield page
        finally:
            page.close()


@dataclass(frozen=True)
class PrintJob:
    """One PDF to print: the HTML page, where the PDF goes, and the footer text."""

    html_path: str | os.PathLike
    pdf_path: str | os.PathLike
    footer_text: str = ""


def _print_page(page: _Page, job: PrintJob, toc_page_numbers: bool) -> PageCheck:
    return _print_pages([page], [job], toc_page_numbers)[0]


def _print_pages(pages: list[_Page], jobs: list[PrintJob], toc_page_numbers: bool) -> list[PageCheck]:
    """Print loaded pages: each is checked and fitted to the page width, then all print at once. With
    ``toc_page_numbers``, the table of contents shows the page of each heading: guessed from the layout before
    printing (:data:`_TOC_GUESS_JS`), read back from the PDF's destinations (Chromium names one after each heading a
    link points to); a page whose guess was wrong is printed again with the numbers read."""
    checks, targets = [], []
    for page in pages:
        page.wait_loaded()
        page.call("Page.bringToFront")  # pages loaded side by side: make sure this one is not throttled
        page.wait_for_charts(require_all=True)
        page.evaluate(_FIT_CHARTS_JS, await_promise=True)
        page.wait_for_charts(require_all=True)
        checks.append(page.check())
        guess = page.evaluate(_TOC_GUESS_JS) if toc_page_numbers else {"targets": [], "pages": []}
        if guess["targets"]:
            page.evaluate(f"({_TOC_FILL_JS})({json.dumps(guess['pages'])})")
        targets.append(guess)
    printed = [page.start_print(job.footer_text) for page, job in zip(pages, jobs, strict=False)]
    printed = [page.finish_print(ident) for page, ident in zip(pages, printed, strict=False)]
    again = []
    for index, (page, pdf, guess, check) in enumerate(zip(pages, printed, targets, checks, strict=False)):
        if not guess["targets"]:
            continue
        found = _destination_pages(pdf)
        # a heading the PDF names no destination after (none seen so far) keeps its guessed page
        numbers = [found.get(target, guessed) for target, guessed in zip(guess["targets"], guess["pages"], strict=True)]
        check.toc_pages = {target: number for target, number in zip(guess["targets"], numbers, strict=True) if number}
        if numbers != guess["pages"]:
            page.evaluate(f"({_TOC_FILL_JS})({json.dumps(numbers)})")
            again.append((index, page.start_print(jobs[index].footer_text)))
    for index, ident in again:
        printed[index] = pages[index].finish_print(ident)
    for pdf, job, check in zip(printed, jobs, checks, strict=False):
        check.pdf_pages = _count_pages(pdf)
        _write_atomically(Path(job.pdf_path), pdf)
    return checks


class _Page:
    """One tab: records what the page does, blocks the network, evaluates scripts, prints."""

    def __init__(self, connection: Connection, timeout: float):
        self.connection = connection
        self.timeout = timeout
        self.url = ""
        self.session_id: str | None = None
        self.target_id: str | None = None
        self.loaded = False
        self.crashed = False
        self.opened_at = 0.0
        self.console_errors: list[str] = []
        self.blocked_requests: list[str] = []
        self.dialogs: list[str] = []
        self.charts = {"charts": 0, "drawn": 0, "clipped": 0, "overflow": 0}

    def call(self, method: str, params: dict | None = None) -> dict:
        return self.connection.call(method, params, self.session_id, timeout=self.timeout, abort=self._check_alive)

    def _check_alive(self) -> None:
        if self.crashed:
            raise BrowserError(f"the page crashed in Chromium: {self.url}")

    def open(self, url: str, *, width: int, height: int, media: str) -> None:
        self.url = url
        target = self.connection.call("Target.createTarget", {"url": "about:blank"}, timeout=self.timeout)
        self.target_id = target["targetId"]
        attached = self.connection.call(
            "Target.attachToTarget", {"targetId": self.target_id, "flatten": True}, timeout=self.timeout
        )
        self.session_id = attached["sessionId"]
        self.connection.listeners[self.session_id] = self._on_event
        for method, params in (
            ("Fetch.enable", {"patterns": [{"urlPattern": "*"}]}),
            ("Network.enable", {}),
            ("Page.enable", {}),
            ("Runtime.enable", {}),
            ("Log.enable", {}),
            ("Inspector.enable", {}),
            ("Emulation.setDeviceMetricsOverride",
             {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}),
            ("Emulation.setEmulatedMedia", {"media": media}),
        ):
            self.call(method, params)
        if media == "print":
            self.call("Page.addScriptToEvaluateOnNewDocument", {"source": _STATIC_CHARTS_JS})
        navigation = self.call("Page.navigate", {"url": url})
        if navigation.get("errorText"):
            raise BrowserError(f"Chromium could not open {url}: {navigation['errorText']}")
        self.opened_at = time.monotonic()

    def wait_loaded(self) -> None:
        """Wait for the load event (the timeout counts from the navigation)."""
        self.connection.pump(
            lambda: self.loaded,
            timeout=self.timeout,
            since=self.opened_at,
            waiting_for=f"loading {self.url}",
            abort=self._check_alive,
        )

    def close(self) -> None:
        if self.session_id:
            self.connection.listeners.pop(self.session_id, None)
        if self.target_id and not self.connection.closed and self.connection.alive():
            with contextlib.suppress(BrowserError):
                self.connection.call("Target.closeTarget", {"targetId": self.target_id}, timeout=self.timeout)

    def evaluate(self, expression: str, *, await_promise: bool = False):
        result = self.call(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": await_promise}
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"script failed in {self.url}: {_exception_text(result['exceptionDetails'])}")
        return result.get("result", {}).get("value")

    def wait_for_charts(self, *, require_all: bool) -> None:
        """Wait until every chart is drawn; raises (if ``require_all``) when some are not within the timeout."""
        start = progress = time.monotonic()
        drawn = -1
        while True:
            state = self.charts = self.evaluate(_CHARTS_JS)
            now = time.monotonic()
            if state["drawn"] != drawn:
                drawn, progress = state["drawn"], now
            settled = state["ready"] and state["drawn"] >= state["charts"]
            # No plotly.js, or a script error and nothing drawn for a second: waiting longer will not help.
            hopeless = state["ready"] and (not state["plotly"] or (self.console_errors and now - progress > 1))
            if settled or (hopeless and state["charts"]) or now - start > self.timeout:
                break
            self.connection.idle(0.05)
        if require_all and state["drawn"] < state["charts"]:
            problems = "; ".join(self.console_errors[:3]) or "no error reported"
            missing = state["charts"] - state["drawn"]
            raise BrowserError(f"{missing} of {state['charts']} charts not drawn in {self.url} ({problems})")

    def check(self) -> PageCheck:
        title, text = self.evaluate("[document.title, document.body ? document.body.innerText : '']")
        return PageCheck(
            url=self.url,
            title=title,
            text=text,
            console_errors=list(self.console_errors),
            blocked_requests=list(dict.fromkeys(self.blocked_requests)),
            dialogs=list(self.dialogs),
            charts=self.charts["charts"],
            charts_drawn=self.charts["drawn"],
            charts_clipped=self.charts.get("clipped", 0),
            overflow_px=self.charts.get("overflow", 0),
        )

    def print(self, footer_text: str) -> bytes:
        return self.finish_print(self.start_print(footer_text))

    def start_print(self, footer_text: str) -> int:
        """Ask for the PDF without waiting (several pages can print at once); returns the command's id."""
        inch = 1 / MM_PER_INCH
        return self.connection.send(
            "Page.printToPDF",
            {
                "paperWidth": A4_MM[0] * inch,
                "paperHeight": A4_MM[1] * inch,
                "marginTop": MARGIN_MM * inch,
                "marginBottom": MARGIN_MM * inch,
                "marginLeft": MARGIN_MM * inch,
                "marginRight": MARGIN_MM * inch,
                "printBackground": True,
                "preferCSSPageSize": False,
                "displayHeaderFooter": True,
                "headerTemplate": "<span></span>",
                "footerTemplate": _footer_template(footer_text),
                "generateDocumentOutline": True,
            },
            self.session_id,
        )

    def finish_print(self, ident: int) -> bytes:
        """The PDF asked for by :meth:`start_print`."""
        answers = self.connection._answers
        self.connection.pump(lambda: ident in answers, timeout=max(self.timeout, 120.0),
                             waiting_for="Page.printToPDF", abort=self._check_alive)
        answer = answers.pop(ident)
        if "error" in answer:
            raise BrowserError(f"Chromium refused Page.printToPDF: {answer['error'].get('message', answer['error'])}")
        return base64.b64decode(answer["result"]["data"])

    def _on_event(self, method: str, params: dict) -> None:
        if method == "Fetch.requestPaused":
            url = params["request"]["url"]
            if url.startswith(LOCAL_SCHEMES):
                self.connection.send("Fetch.continueRequest", {"requestId": params["requestId"]}, self.session_id)
            else:
                self.blocked_requests.append(url)
                self.connection.send(
                    "Fetch.failRequest",
                    {"requestId": params["requestId"], "errorReason": "BlockedByClient"},
                    self.session_id,
                )
        elif method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if not url.startswith(LOCAL_SCHEMES):
                self.blocked_requests.append(url)
        elif method == "Network.webSocketCreated":
            self.blocked_requests.append(params["url"])
        elif method == "Page.loadEventFired":
            self.loaded = True
        elif method == "Inspector.targetCrashed":
            self.crashed = True
        elif method == "Runtime.exceptionThrown":
            self.console_errors.append(f"uncaught {_exception_text(params['exceptionDetails'])}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            parts = [arg.get("value", arg.get("description", "")) for arg in params.get("args", [])]
            self.console_errors.append(" ".join(str(part) for part in parts))
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            entry = params["entry"]
            self.console_errors.append(f"{entry.get('text', '')} {entry.get('url', '')}".strip())
        elif method == "Page.javascriptDialogOpening":
            self.dialogs.append(f"{params.get('type', 'dialog')}: {params.get('message', '')}")
            self.connection.send("Page.handleJavaScriptDialog", {"accept": False}, self.session_id)


def _exception_text(details: dict) -> str:
    exception = details.get("exception") or {}
    return exception.get("description") or details.get("text", "exception")


def _footer_template(footer_text: str) -> str:
    """Chromium's footer: our text on the left, "page N / M" on the right; nothing else (no URL, no date)."""
    return (
        '<div style="width:100%;margin:0 15mm;display:flex;justify-content:space-between;'
        "font-family:'Liberation Sans','DejaVu Sans',Arial,sans-serif;font-size:8pt;color:#5a6272;"
        '-webkit-print-color-adjust:exact">'
        f"<span>{html.escape(footer_text)}</span>"
        '<span>page <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'
    )


def _destination_pages(pdf: bytes) -> dict[str, int]:
    """Page number (1-based) of each named destination of a PDF (Chromium names one after each element id a link of
    the page points to), read with pdfium: fast."""
    import ctypes
    from urllib.parse import unquote

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pages: dict[str, int] = {}
    document = pdfium.PdfDocument(pdf)
    try:
        for number in range(pdfium_c.FPDF_CountNamedDests(document.raw)):
            size = ctypes.c_long(0)
            pdfium_c.FPDF_GetNamedDest(document.raw, number, None, ctypes.byref(size))
            name = ctypes.create_string_buffer(max(size.value, 2))
            destination = pdfium_c.FPDF_GetNamedDest(document.raw, number, name, ctypes.byref(size))
            index = pdfium_c.FPDFDest_GetDestPageIndex(document.raw, destination) if destination else -1
            if index >= 0:
                text = name.raw[: size.value].decode("utf-16-le", errors="replace").rstrip("\0")
                pages.setdefault(unquote(text), index + 1)
    finally:
        document.close()
    return pages


def _count_pages(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)
