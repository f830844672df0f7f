"""An executed report notebook opened in a real JupyterLab (started headless on localhost) in the project's headless
Chromium: every chart is drawn by JupyterLab's plotly extension, and named by its line of text when the extension is
not there; the exported HTML is unchanged."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import papermill
import pytest

from partnership_metrics import paths
from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.report import build_report
from partnership_metrics.reporting import browser as browser_module
from partnership_metrics.reporting.html import notebook_to_html
from partnership_metrics.storage import build_manifest, write_processed

pytestmark = pytest.mark.slow

PLOTLY = "application/vnd.plotly.v1+json"
COUNT_JS = """(() => {
  const plots = Array.from(document.querySelectorAll('.jp-RenderedPlotly'));
  const loaded = img => img && img.complete && img.naturalWidth > 200 && img.style.display !== 'none';
  const images = Array.from(document.querySelectorAll('.jp-RenderedImage img'));
  return {plotly: plots.length,
          still: plots.filter(p => loaded(p.querySelector('img.plot-img'))).length,
          drawn: plots.filter(p => p.querySelector('.plot-container svg.main-svg')).length,
          images: images.length,
          texts: Array.from(document.querySelectorAll('.jp-RenderedText'))
                      .filter(t => t.textContent.trim().startsWith('Chart')).length,
          html: document.querySelectorAll('.jp-RenderedHTMLCommon h2').length};
})()"""


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> Path:
    """The annual review of the bundled sample, executed by papermill as the report command does."""
    root = tmp_path_factory.mktemp("jupyterlab")
    processed = root / "processed"
    result = ingest(paths.SAMPLE_RAW_DIR)
    write_processed(result, processed, manifest=build_manifest(result, paths.SAMPLE_RAW_DIR, {}),
                    report=build_report(result))
    target = root / "lab" / "annual_review_en.ipynb"
    target.parent.mkdir()
    papermill.execute_notebook(str(paths.NOTEBOOKS_DIR / "annual_review.ipynb"), str(target),
                               parameters={"processed_dir": str(processed), "lang": "en", "year": 2023},
                               kernel_name="python3", cwd=str(root), progress_bar=False)
    return target


def _charts(nb) -> list[dict]:
    return [o["data"] for c in nb.cells for o in c.get("outputs", []) if PLOTLY in o.get("data", {})]


def test_each_chart_is_a_plotly_bundle_with_a_line_of_text_and_the_export_is_one_html_per_section(executed):
    nb = nbformat.read(executed, as_version=4)
    charts = _charts(nb)
    assert len(charts) >= 8
    for data in charts:
        assert data[PLOTLY]["data"] and set(data) == {PLOTLY, "text/plain"}  # JupyterLab picks plotly, or the text
        assert data["text/plain"].startswith("Chart")
    page = notebook_to_html(nb, lang="en", title="t")
    assert page.count('class="pm-chart"') == len(charts) and page.count("Plotly.newPlot(") == len(charts)
    sections = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("report.")]
    assert page.count("jp-OutputArea-executeResult\" data-mime-type=\"text/html\"") == len(sections)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _jupyterlab(root: Path, home: Path, *, plotly: bool):
    """JupyterLab serving ``root`` on localhost, every Jupyter folder in ``home``, the plotly extension disabled
    unless ``plotly``; yields ``(base url, token)``."""
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
           "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"), "IPYTHONDIR": str(home / "ipython")}
    settings = home / "settings" / "@jupyterlab"
    (settings / "notebook-extension").mkdir(parents=True)
    (settings / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
        json.dumps({"windowingMode": "none"}))  # every cell rendered, not only those on screen
    (settings / "apputils-extension").mkdir()
    (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    if not plotly:
        (home / "config" / "labconfig").mkdir(parents=True)
        (home / "config" / "labconfig" / "page_config.json").write_text(
            json.dumps({"disabledExtensions": {"@jupyterlab/plotly-extension:factory": True}}))  # its renderer
    port, token = _free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={root}"] + (["--allow-root"] if os.geteuid() == 0 else [])
    log = home / "lab.log"
    with open(log, "wb") as sink:
        server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=sink, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("JupyterLab did not start: " + log.read_text()[-2000:])
                time.sleep(0.5)
        yield f"http://127.0.0.1:{port}", token
    finally:
        server.send_signal(signal.SIGTERM)  # the server shuts its kernels down
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@pytest.fixture(scope="module")
def chromium(monkeypatch_module):
    # Localhost only: every other host name still resolves to nothing, as for the reports.
    flags = tuple("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" if f.startswith("--host-resolver")
                  else f for f in browser_module.CHROMIUM_FLAGS)
    monkeypatch_module.setattr(browser_module, "CHROMIUM_FLAGS", flags)
    if browser_module.find_chromium() is None:
        pytest.fail(browser_module.INSTALL_HINT)
    with browser_module.Browser() as running:
        yield running


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def _open(browser, url: str, done) -> dict:
    """Open ``url`` in a new tab and wait until ``done(counts)`` (or 90 s); the last counts."""
    connection = browser._connection
    target = connection.call("Target.createTarget", {"url": "about:blank"}, timeout=60)["targetId"]
    session = connection.call("Target.attachToTarget", {"targetId": target, "flatten": True}, timeout=60)["sessionId"]
    try:
        connection.call("Emulation.setDeviceMetricsOverride",
                        {"width": 1400, "height": 1000, "deviceScaleFactor": 1, "mobile": False}, session, timeout=60)
        connection.call("Page.navigate", {"url": url}, session, timeout=60)
        deadline, counts = time.monotonic() + 90, {}
        while time.monotonic() < deadline:
            result = connection.call("Runtime.evaluate", {"expression": COUNT_JS, "returnByValue": True}, session,
                                     timeout=60)
            counts = result.get("result", {}).get("value") or {}
            if counts and done(counts):
                break
            connection.idle(0.5)
        return counts
    finally:
        connection.call("Target.closeTarget", {"targetId": target}, timeout=60)


@pytest.mark.parametrize("plotly", [True, False], ids=["with the plotly extension", "without it"])
def test_jupyterlab_shows_every_chart(executed, chromium, tmp_path, plotly):
    nb = nbformat.read(executed, as_version=4)
    expected = len(_charts(nb))
    sections = sum(1 for c in nb.cells if c.source.startswith("report."))
    with _jupyterlab(executed.parent, tmp_path, plotly=plotly) as (base, token):
        url = f"{base}/lab/tree/{executed.name}?reset&token={token}"
        if plotly:  # the extension draws each chart, interactive at once
            counts = _open(chromium, url, lambda c: c["drawn"] >= expected and c["html"] >= sections)
            assert counts["plotly"] == counts["drawn"] == expected, counts
            assert counts["still"] == counts["images"] == counts["texts"] == 0, counts
        else:  # JupyterLab shows each chart's line of text ("Chart: <its title>")
            counts = _open(chromium, url, lambda c: c["texts"] >= expected and c["html"] >= sections)
            assert counts["texts"] == expected and counts["plotly"] == counts["images"] == 0, counts
    assert counts["html"] >= sections, counts
