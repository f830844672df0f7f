"""A real headless Chromium (no mocks): offline page checks, blocked requests, A4 PDF printing, process hygiene."""

from __future__ import annotations

import contextlib
import html
import io
import os
import re
import signal
import struct

import nbformat
import plotly.graph_objects as go
import pytest
from pypdf import PdfReader

from partnership_metrics.errors import ReportError
from partnership_metrics.reporting import browser as browser_module
from partnership_metrics.reporting.browser import (
    CHROMIUM_ENV,
    INSTALL_HINT,
    PRINT_WIDTH_PX,
    Browser,
    BrowserError,
    BrowserNotFoundError,
    PrintJob,
    find_chromium,
)
from partnership_metrics.reporting.html import figure_html, notebook_to_html

pytestmark = pytest.mark.slow

HOSTILE = "<script>alert(1)</script>"
SECTIONS = {"synthese": "Synthèse", "valorisation": "Valorisation", "formation": "Formation", "europe": "Europe"}
A4_POINTS = (595.28, 841.89)


@pytest.fixture(scope="module")
def chromium() -> str:
    found = find_chromium()
    if found is None:
        pytest.fail(INSTALL_HINT)  # the CI installs Chromium: a missing browser is a failure, not a skip
    return found


@pytest.fixture(scope="module")
def browser(chromium):
    with Browser(chromium) as running:
        yield running


def _report_notebook() -> nbformat.NotebookNode:
    """Four sections (one per page when printed), three charts, one 900 px wide: fits a screen, not an A4 page."""
    years = ["2021", "2022", "2023"]
    charts = [
        go.Figure(go.Bar(x=years, y=[4, 7, 9], name="Projets")),
        go.Figure(go.Scatter(x=years, y=[120, 95, 160], mode="lines+markers")),
        go.Figure(go.Bar(x=["Horizon", "Mission", "ERC", "MSCA", "EIC"], y=[5, 3, 2, 4, 1]),
                  layout={"width": 900, "height": 400, "title": {"text": "Largeur fixe 900 px"}}),
    ]
    cells = [nbformat.v4.new_code_cell('key = "PARAM-KEY"', metadata={"tags": ["parameters"]})]
    for index, (ident, label) in enumerate(SECTIONS.items()):
        cell = nbformat.v4.new_code_cell(f"section({ident!r})")
        parts = [f'<h2 id="{ident}">{label}</h2><p>Texte de la section {label}.</p>']
        if index < len(charts):
            parts.append(figure_html(charts[index]))
        if ident == "europe":
            parts.append(f"<p>{html.escape(HOSTILE)}</p>")
        cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": "".join(parts)})]
        cells.append(cell)
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    return nb


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "rapport.html"
    path.write_text(notebook_to_html(_report_notebook(), lang="fr", title="Rapport triennal"), encoding="utf-8")
    return path


def _page(tmp_path, body: str, name: str = "page.html"):
    path = tmp_path / name
    page = f"<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>"
    path.write_text(page, encoding="utf-8")
    return path


# ---- finding the browser ----


def test_environment_variable_wins(monkeypatch, chromium):
    monkeypatch.setenv(CHROMIUM_ENV, chromium)
    assert find_chromium() == chromium


def test_environment_variable_to_a_missing_file_is_an_error(monkeypatch, tmp_path):
    monkeypatch.setenv(CHROMIUM_ENV, str(tmp_path / "no-chromium"))
    with pytest.raises(BrowserNotFoundError, match=CHROMIUM_ENV):
        find_chromium()


def test_no_browser_found_says_how_to_install_one(monkeypatch, tmp_path):
    monkeypatch.delenv(CHROMIUM_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(browser_module, "USUAL_PATHS", ())
    assert find_chromium() is None
    with pytest.raises(BrowserNotFoundError) as caught:
        Browser()
    message = str(caught.value)
    assert "apt-get install chromium" in message and CHROMIUM_ENV in message and "\n" not in message


# ---- checking pages ----


@pytest.fixture(scope="module")
def inspected(browser, report):
    return browser.inspect(report)


def test_report_loads_offline_without_errors_and_draws_every_chart(inspected):
    assert inspected.console_errors == []
    assert inspected.blocked_requests == []
    assert inspected.dialogs == []
    assert (inspected.charts, inspected.charts_drawn) == (3, 3)
    assert inspected.title == "Rapport triennal"
    assert inspected.ok, inspected.problems()


def test_hostile_string_is_text_and_no_alert_fires(inspected):
    assert HOSTILE in inspected.text
    assert inspected.dialogs == []
    assert "PARAM-KEY" not in inspected.text and "section(" not in inspected.text


def test_an_alert_would_be_caught(browser, tmp_path):
    check = browser.inspect(_page(tmp_path, "<script>alert('bonjour')</script><p>after</p>"))
    assert check.dialogs == ["alert: bonjour"]
    assert "after" in check.text  # the dialog was dismissed, the page went on


def test_network_requests_are_blocked_and_reported(browser, tmp_path):
    page = _page(
        tmp_path,
        '<script src="https://example.org/x.js"></script>'
        "<img src='http://example.net/pixel.png'>"
        "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw='>"
        "<script>fetch('https://example.com/api').catch(() => {});</script><p>still here</p>",
    )
    check = browser.inspect(page)
    assert "https://example.org/x.js" in check.blocked_requests
    assert "http://example.net/pixel.png" in check.blocked_requests
    assert "https://example.com/api" in check.blocked_requests
    assert not any(url.startswith(("data:", "file:")) for url in check.blocked_requests)
    assert "still here" in check.text
    assert not check.ok


def test_console_errors_and_exceptions_are_reported(browser, tmp_path):
    page = _page(tmp_path, "<script>console.error('broken KPI'); null.boom;</script>")
    check = browser.inspect(page)
    assert any("broken KPI" in error for error in check.console_errors)
    assert any(error.startswith("uncaught TypeError") for error in check.console_errors)


def test_a_wide_chart_is_seen_as_clipped_on_a_narrow_screen(browser, report):
    # The detector behind charts_clipped works: at the printable width, without the print fitting, the
    # 900 px chart sticks out; print_pdf must bring that to zero (test below).
    check = browser.inspect(report, width=PRINT_WIDTH_PX)
    assert check.charts_clipped == 1


# ---- printing ----


@pytest.fixture(scope="module")
def printed(browser, report, tmp_path_factory):
    pdf_path = tmp_path_factory.mktemp("pdf") / "rapport.pdf"
    check = browser.print_pdf(report, pdf_path, footer_text="Rapport triennal 2021-2023")
    return check, PdfReader(pdf_path), pdf_path


def test_pdf_is_a4_portrait_with_every_chart_drawn_and_fitted(printed):
    check, reader, _ = printed
    assert check.charts == check.charts_drawn == 3
    assert check.charts_clipped == 0 and check.overflow_px == 0
    assert check.ok, check.problems()
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(A4_POINTS[0], abs=2)
        assert float(page.mediabox.height) == pytest.approx(A4_POINTS[1], abs=2)


def test_printed_charts_are_drawn_static_and_the_screen_keeps_them_interactive(browser, report):
    """Paper cannot hover or drag: the page loaded for print draws its charts without those layers."""
    layers = "[document.querySelectorAll('.main-svg').length, document.querySelectorAll('.nsewdrag').length]"
    with contextlib.ExitStack() as stack:
        page = browser.load_for_print(stack, PrintJob(report, report.with_suffix(".pdf")))
        page.wait_loaded()
        page.wait_for_charts(require_all=True)
        drawn, draggable = page.evaluate(layers)
        assert drawn >= 3 and draggable == 0
        assert page.evaluate("typeof Plotly.relayout") == "function"  # what fitting the charts to the page uses
    with browser._page(report, width=1280, height=900, media="screen") as page:
        page.wait_for_charts(require_all=True)
        drawn, draggable = page.evaluate(layers)
        assert drawn >= 3 and draggable >= 3


def test_content_wider_than_a4_is_reported(browser, tmp_path):
    page = _page(tmp_path, "<table><tr>" + "<td>colonne&nbsp;très&nbsp;large</td>" * 40 + "</tr></table>")
    check = browser.print_pdf(page, tmp_path / "wide.pdf", toc_page_numbers=False)
    assert check.overflow_px > 0
    assert any("wider than the page" in problem for problem in check.problems())


def test_pdf_has_cover_toc_and_one_page_per_section(printed):
    check, reader, _ = printed
    assert len(reader.pages) == check.pdf_pages >= 2 + len(SECTIONS)


def test_pdf_footer_has_page_numbers_and_nothing_of_the_machine(printed):
    _, reader, pdf_path = printed
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"page {number} / {total}" in text
        assert "Rapport triennal 2021-2023" in text
        for leak in ("file://", "/tmp", "http", str(pdf_path.parent), "PMTOC"):
            assert leak not in text


def test_pdf_table_of_contents_shows_the_right_pages(printed):
    check, reader, _ = printed
    assert set(check.toc_pages) == set(SECTIONS)
    toc_text = reader.pages[1].extract_text()
    for ident, label in SECTIONS.items():
        number = check.toc_pages[ident]
        assert re.search(rf"{label}\s*{number}\b", toc_text), (label, number, toc_text)
        assert label in reader.pages[number - 1].extract_text()


def test_a_wrong_guess_of_the_contents_pages_is_corrected_by_a_second_print(browser, report, printed, tmp_path,
                                                                          monkeypatch):
    # The page numbers are guessed from the layout before printing, then read in the PDF: a wrong guess (here
    # every heading on page 1) must not reach the PDF.
    wrong = browser_module._TOC_GUESS_JS.replace(
        "return {targets: targets, pages: pages};", "return {targets: targets, pages: pages.map(() => 1)};")
    assert wrong != browser_module._TOC_GUESS_JS
    monkeypatch.setattr(browser_module, "_TOC_GUESS_JS", wrong)
    check = browser.print_pdf(report, tmp_path / "again.pdf", footer_text="Rapport triennal 2021-2023")
    assert check.toc_pages == printed[0].toc_pages and len(set(check.toc_pages.values())) > 1
    toc_text = PdfReader(tmp_path / "again.pdf").pages[1].extract_text()
    for ident, label in SECTIONS.items():
        assert re.search(rf"{label}\s*{check.toc_pages[ident]}\b", toc_text), (label, toc_text)


def test_one_browser_prints_several_pdfs(browser, report, printed, tmp_path):
    pid = browser.pid  # the one that already printed the `printed` PDF
    jobs = [(report, tmp_path / f"{n}.pdf", f"copie {n}") for n in range(2)]
    checks = browser.print_pdfs(jobs, parallel=2)  # both pages load side by side
    assert browser.pid == pid and browser.running
    for n, check in enumerate(checks):
        assert check.ok, check.problems()
        assert check.toc_pages == printed[0].toc_pages
        reader = PdfReader(tmp_path / f"{n}.pdf")
        assert len(reader.pages) == check.pdf_pages == printed[0].pdf_pages
        assert f"copie {n}" in reader.pages[-1].extract_text()


def test_screenshot_is_a_png_of_the_requested_size(browser, tmp_path):
    png = tmp_path / "shot.png"
    browser.screenshot(_page(tmp_path, "<h1>Rapport</h1>"), png, width=1000, height=700)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1000, 700)


def test_footer_text_is_escaped(browser, tmp_path):
    pdf_path = tmp_path / "footer.pdf"
    browser.print_pdf(_page(tmp_path, "<p>x</p>"), pdf_path, footer_text="<b>bold</b> & co")
    assert "<b>bold</b> & co" in PdfReader(pdf_path).pages[0].extract_text()


def test_missing_html_file_is_a_clear_error(browser, tmp_path):
    with pytest.raises(ReportError, match="no such HTML file"):
        browser.inspect(tmp_path / "absent.html")


# ---- process hygiene ----


def test_close_reaps_chromium_and_removes_its_profile(chromium, tmp_path):
    with Browser(chromium) as own:
        pid, workdir = own.pid, own.workdir
        assert workdir.is_dir()
        own.inspect(_page(tmp_path, "<p>x</p>"))
    assert not workdir.exists()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped: no zombie
    with pytest.raises(ProcessLookupError):
        os.killpg(pid, 0)  # nothing left of its process group (renderers, zygote)


def test_chromium_dying_is_a_clear_error(chromium, tmp_path):
    with Browser(chromium, timeout=20) as own:
        os.kill(own.pid, signal.SIGKILL)
        with pytest.raises(BrowserError, match="Chromium stopped unexpectedly"):
            own.inspect(_page(tmp_path, "<p>x</p>"))
        assert not own.running
    assert not own.workdir.exists()


def test_pdf_bytes_are_written_atomically(browser, tmp_path):
    target = tmp_path / "out" / "r.pdf"
    browser.print_pdf(_page(tmp_path, "<p>x</p>"), target, toc_page_numbers=False)
    assert PdfReader(io.BytesIO(target.read_bytes())).pages
    assert [p.name for p in target.parent.iterdir()] == ["r.pdf"]
