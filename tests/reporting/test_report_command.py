"""`partnership-metrics report` end to end, as directors get it: real kernels (papermill), real Chromium, real PDFs.

The raw sample is first made hostile: a start-up, an institution and an event carry HTML/JS in their names; the
reports must show them as text and run nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from pypdf import PdfReader

from partnership_metrics import paths
from partnership_metrics.errors import ReportError
from partnership_metrics.reporting.browser import Browser
from partnership_metrics.reporting.runner import validate_parameters

HOSTILE_STARTUP = "<script>alert(1)</script>"
HOSTILE_EVENT = '"><img src=x onerror=alert(2)>'


def cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "partnership_metrics", *map(str, args)], capture_output=True,
                          text=True, timeout=600, env=env)


@pytest.fixture(scope="module")
def processed(tmp_path_factory) -> Path:
    import openpyxl

    raw = tmp_path_factory.mktemp("raw")
    for path in paths.SAMPLE_RAW_DIR.iterdir():
        shutil.copyfile(path, raw / path.name)
    wb = openpyxl.load_workbook(raw / "EU_proposals_and_startups.xlsx")
    sheet = wb["Start-ups"]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if "Company name" in row)
    name_col = rows[header].index("Company name") + 1
    sheet.cell(row=sheet.max_row, column=name_col, value=HOSTILE_STARTUP)  # the last one: created in 2023
    wb.save(raw / "EU_proposals_and_startups.xlsx")
    wb = openpyxl.load_workbook(raw / "Formations_evenements_2018-2023.xlsx")
    events = wb["Événements"]
    events.cell(row=events.max_row, column=3, value=HOSTILE_EVENT)
    wb.save(raw / "Formations_evenements_2018-2023.xlsx")
    out = tmp_path_factory.mktemp("processed") / "processed"
    done = cli("ingest", "--raw", raw, "--out", out)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def three_year(processed, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    done = cli("report", "--processed", processed, "--out", out, "--kind", "three-year", "--period", "2021-2023",
               "--lang", "fr,en", "--format", "html,pdf")
    assert done.returncode == 0, done.stderr
    (out / "cli-output.log").write_text(done.stdout + done.stderr, encoding="utf-8")  # scanned for people too
    return out


def test_no_name_or_email_of_a_person_in_any_output(processed, three_year, tmp_path):
    """No person in any output: every output of an ingest + report run — Parquet, JSON, CSV, notebooks, HTML, PDF text, logs —
    is free of the sample's people (their names and e-mails are in the raw attendance and project sheets)."""
    from partnership_metrics.kpis.command import run_kpis
    from partnership_metrics.sample import write_sample
    from partnership_metrics.textnorm import fold

    people = write_sample(tmp_path / "regenerated", seed=2020, scale=1)["truth"]["persons"]
    needles = {fold(x) for x in people["names"] + people["emails"] + people["pi_cells"] if len(fold(x)) > 4}
    assert len(needles) > 100
    run_kpis(processed, fmt="xlsx", output=tmp_path / "kpis.xlsx")
    texts = {}
    for path in [*processed.iterdir(), *three_year.iterdir(), tmp_path / "kpis.xlsx"]:
        if path.suffix == ".parquet":
            import pandas as pd

            texts[path.name] = pd.read_parquet(path).to_csv()
        elif path.suffix == ".pdf":
            texts[path.name] = "\n".join(p.extract_text() for p in PdfReader(path).pages)
        elif path.suffix == ".xlsx":
            import openpyxl

            wb = openpyxl.load_workbook(path, read_only=True)
            texts[path.name] = "\n".join(str(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row)
        else:
            texts[path.name] = path.read_text(encoding="utf-8-sig", errors="replace")
    assert {"projects.parquet", "quarantine.csv", "ingest_report.json", "three-year_2021-2023_fr.pdf",
            "three-year_2021-2023_fr.html", "three-year_2021-2023_fr.ipynb", "cli-output.log"} <= set(texts)
    for name, text in texts.items():
        folded = fold(text)
        found = [n for n in needles if n in folded]
        assert not found, (name, found[:3])


def test_files_and_manifest(three_year):
    names = sorted(p.name for p in three_year.iterdir())
    for lang in ("fr", "en"):
        for ext in ("html", "pdf", "ipynb"):
            assert f"three-year_2021-2023_{lang}.{ext}" in names
    manifest = json.loads((three_year / "manifest.json").read_text(encoding="utf-8"))
    assert {"reports", "inputs", "versions", "seconds"} <= set(manifest)
    report = manifest["reports"][0]
    assert report["parameters"] == {"period": "2021-2023", "baseline": "2018-2020", "lang": "fr"}
    assert set(report["seconds"]) == {"execute", "html", "pdf"}
    # the browser checked every page before printing it: all charts drawn and inside the page, no error
    assert [r["warnings"] for r in manifest["reports"]] == [[], []]
    assert all(len(sha) == 64 for sha in manifest["inputs"]["processed"].values())
    assert {"papermill", "nbconvert", "plotly"} <= set(manifest["versions"])


def test_html_is_offline_codeless_and_escapes_data(three_year):
    page = (three_year / "three-year_2021-2023_fr.html").read_text(encoding="utf-8")
    assert page.count("* plotly.js") == 1  # the library, once (the basic bundle: bar and scatter charts)
    assert "plotly.js (basic - minified)" in page and len(page) < 2_000_000
    start = page.index("* plotly.js")
    outside = page[: page.rfind("<script", 0, start)] + page[page.index("</script>", start):]
    assert "<script src" not in outside and not re.search(r"""<(link|img|iframe)[^>]+(src|href)=["']?(https?:)?//""",
                                                             outside)
    assert "require.js" not in outside and "MathJax.js" not in outside and "cdn.plot.ly" not in outside
    for code in ("ThreeYearReport(", "report.summary()", "processed_dir", "from partnership_metrics"):
        assert code not in outside, code
    assert HOSTILE_STARTUP not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x onerror" not in page
    assert '<html lang="fr"' in page
    assert '<html lang="en"' in (three_year / "three-year_2021-2023_en.html").read_text(encoding="utf-8")


def test_html_draws_every_chart_offline_in_chromium(three_year):
    with Browser() as browser:
        for lang in ("fr", "en"):
            check = browser.inspect(three_year / f"three-year_2021-2023_{lang}.html")
            assert check.console_errors == [] and check.blocked_requests == [], check.problems()
            assert check.charts > 5 and check.charts_drawn == check.charts
            assert check.dialogs == []  # no alert() ran
            assert HOSTILE_STARTUP in check.text  # shown as text


def test_pdf_pages_numbers_labels_and_charts(three_year):
    labels = {"fr": ["Synthèse", "Valorisation", "Formation", "Projets européens", "Synergies", "Annexe"],
              "en": ["Summary", "Valorisation", "Training", "EU proposals", "Synergies", "Appendix"]}
    for lang, words in labels.items():
        reader = PdfReader(three_year / f"three-year_2021-2023_{lang}.pdf")
        pages = [p.extract_text() for p in reader.pages]
        assert len(pages) >= 6
        width, height = (float(x) for x in reader.pages[0].mediabox[2:])
        assert abs(width - 595) < 3 and abs(height - 842) < 3  # A4 in points
        for n, text in enumerate(pages, start=1):
            assert f"{n} / {len(pages)}" in text, (lang, n)
        everything = "\n".join(pages)
        for word in words:
            assert word.lower() in everything.lower(), (lang, word)
        assert "file://" not in everything and "/tmp" not in everything and "http" not in everything
        assert HOSTILE_STARTUP in everything


def test_annual_review_and_no_browser(processed, tmp_path):
    env = {**__import__("os").environ, "PARTNERSHIP_METRICS_CHROMIUM": str(tmp_path / "no-such-chromium")}
    done = cli("report", "--processed", processed, "--out", tmp_path / "a", "--kind", "annual", "--year", "2023",
               "--lang", "en", "--format", "html,pdf", env=env)
    assert done.returncode == 0, done.stderr
    assert "PARTNERSHIP_METRICS_CHROMIUM" in done.stderr and "HTML only" in done.stderr
    assert (tmp_path / "a" / "annual_2023_en.html").is_file() and not (tmp_path / "a" / "annual_2023_en.pdf").exists()


def test_a_failing_notebook_names_the_report_the_cell_and_the_partial_notebook(processed, tmp_path):
    broken = tmp_path / "processed"
    shutil.copytree(processed, broken)
    (broken / "projects.parquet").write_bytes(b"not parquet")
    done = cli("report", "--processed", broken, "--out", tmp_path / "r", "--kind", "three-year", "--lang", "fr",
               "--format", "html")
    assert done.returncode == 1
    line = [x for x in done.stderr.splitlines() if "error" in x][-1]
    assert "three-year_2021-2023_fr" in line and "cell" in line and "partial notebook saved to" in line
    assert (tmp_path / "r" / "three-year_2021-2023_fr.ipynb").is_file()
    assert "Traceback" not in done.stderr


def _processes_with(marker: str) -> list[int]:
    """The processes whose environment holds ``marker`` (a kernel inherits the command's environment)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if marker.encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_a_refused_request_ends_the_kernel_started_early(processed, tmp_path):
    marker = f"PM_TEST_MARK={uuid.uuid4().hex}"
    env = {**os.environ, marker.split("=")[0]: marker.split("=")[1]}
    done = cli("report", "--processed", processed, "--out", tmp_path / "r", "--kind", "annual", "--year", "1990",
               env=env)
    assert done.returncode == 2 and "no data in 1990" in done.stderr
    assert not (tmp_path / "r").exists()
    assert _processes_with(marker) == []  # the kernel started while the request was checked is gone with it


def test_parameters_are_validated_against_the_parameters_cell():
    notebook = paths.NOTEBOOKS_DIR / "annual_review.ipynb"
    validate_parameters(notebook, {"processed_dir": "x", "year": 2023, "baseline": "2018-2020", "lang": "fr"})
    with pytest.raises(ReportError, match="unknown parameter 'periode'"):
        validate_parameters(notebook, {"periode": "2021-2023"})
    with pytest.raises(ReportError, match="'year' must be int"):
        validate_parameters(notebook, {"year": "2023"})
    done = cli("report", "--kind", "annual", "--period", "2021-2023")
    assert done.returncode == 2 and "--period goes with --kind three-year" in done.stderr


def test_jobs_take_the_partnerships_defaults(tmp_path):
    from dataclasses import replace

    from partnership_metrics.partnership import default_partnership
    from partnership_metrics.reporting.command import plan_jobs

    other = replace(default_partnership(), period="2022-2024", baseline="2019-2021", languages=("en",))
    plan = dict(baseline=None, langs=other.languages, partnership=other)
    jobs = plan_jobs(tmp_path, kind="three-year", period=None, year=None, **plan)
    assert [j.stem for j in jobs] == ["three-year_2022-2024_en"]
    assert jobs[0].parameters == {"processed_dir": str(tmp_path.resolve()), "partnership_file": "",
                                  "period": "2022-2024", "baseline": "2019-2021", "lang": "en"}
    assert plan_jobs(tmp_path, kind="three-year", period="2023-2024", year=None, **plan)[0].parameters[
        "baseline"] == "2020-2022"  # another period: the three years before it
    annual = plan_jobs(tmp_path, kind="annual", period=None, year=None, **plan)[0]
    assert (annual.parameters["year"], annual.parameters["baseline"]) == (2024, "2019-2021")
    assert plan_jobs(tmp_path, kind="annual", period=None, year=2020, **plan)[0].parameters["baseline"] == "2017-2019"
    config = tmp_path / "mine.yaml"
    given = plan_jobs(tmp_path, kind="annual", period=None, year=None, config=config, **plan)[0]
    assert given.parameters["partnership_file"] == str(config.resolve())
    validate_parameters(paths.NOTEBOOKS_DIR / "annual_review.ipynb", given.parameters)


def test_report_of_another_partnership_given_with_config(processed, tmp_path):
    import datetime as dt

    import yaml

    from partnership_metrics.partnership import PACKAGED_FILE

    data = yaml.safe_load(PACKAGED_FILE.read_text(encoding="utf-8"))
    data.update(languages=["en"], period="2022-2023", baseline="2019-2021", signed=dt.date(2021, 6, 1))
    data["partners"][0]["name"] = {"fr": "Pôle Sud", "en": "South Cancer Pole"}
    config = tmp_path / "partnership.yaml"
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    refused = cli("report", "--processed", processed, "--config", config, "--lang", "fr", "--format", "html")
    assert refused.returncode == 2 and "--lang: fr; use en" in refused.stderr
    out = tmp_path / "r"
    done = cli("report", "--processed", processed, "--config", config, "--out", out, "--format", "html")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.glob("*.html")) == ["three-year_2022-2023_en.html"]
    page = (out / "three-year_2022-2023_en.html").read_text(encoding="utf-8")
    assert '<span class="pm-cpp">South Cancer Pole</span>' in page
    assert "Partnership review 2022-2023" in page and "signed on 1 June 2021" in page
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["reports"][0]["parameters"]["partnership_file"] == str(config.resolve())


# Every text box of every chart, as the browser lays the page out (SVG text of plotly: titles, ticks, legends,
# labels, annotations); pairs that overlap by more than a pixel each way.
_OVERLAPS_JS = """(() => {
  const found = [];
  document.querySelectorAll('.js-plotly-plot').forEach((chart, n) => {
    const title = (chart.querySelector('.gtitle') || {}).textContent || ('chart ' + n);
    const boxes = [];
    chart.querySelectorAll('svg text').forEach((t) => {
      const words = (t.textContent || '').trim();
      const style = getComputedStyle(t);
      if (!words || style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') return;
      const r = t.getBoundingClientRect();
      if (r.width > 0.5 && r.height > 0.5) boxes.push([words, r.left, r.top, r.right, r.bottom]);
    });
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      const w = Math.min(a[3], b[3]) - Math.max(a[1], b[1]), h = Math.min(a[4], b[4]) - Math.max(a[2], b[2]);
      if (w > 1 && h > 1) found.push([title, a[0], b[0]]);
    }
  });
  return {charts: document.querySelectorAll('.js-plotly-plot').length,
          texts: document.querySelectorAll('.js-plotly-plot svg text').length, overlaps: found};
})()"""


_BROKEN_NAMES_JS = r"""(() => {
  // the words of the start-ups' names laid out over two lines ("Nano Therape|utics"), but for a word longer than a
  // name's words are (a hostile cell's "<script>…" has to break)
  const broken = [];
  for (const cell of document.querySelectorAll('.pm-startups tbody th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1 && m[0].length <= 20) broken.push(m[0]);
      }
    }
  }
  return {names: document.querySelectorAll('.pm-startups tbody th').length, broken: broken};
})()"""


def test_no_two_text_boxes_of_a_chart_overlap_nor_a_name_break_inside_a_word(processed, three_year, tmp_path):
    from partnership_metrics.reporting.browser import _FIT_CHARTS_JS, PRINT_WIDTH_PX

    annual = tmp_path / "annual"
    done = cli("report", "--processed", processed, "--out", annual, "--kind", "annual", "--year", "2023",
               "--lang", "fr,en", "--format", "html")
    assert done.returncode == 0, done.stderr
    pages = [*three_year.glob("*.html"), *annual.glob("*.html")]
    assert len(pages) == 4
    with Browser() as browser:
        for page_path in pages:
            for width, media in ((PRINT_WIDTH_PX, "print"), (1280, "screen")):  # on paper, and on a wide screen
                with browser._page(page_path, width=width, height=1000, media=media) as page:
                    page.wait_for_charts(require_all=True)
                    page.evaluate(_FIT_CHARTS_JS, await_promise=True)
                    found = page.evaluate(_OVERLAPS_JS)
                    names = page.evaluate(_BROKEN_NAMES_JS)
                assert found["charts"] >= 9 and found["texts"] > 150, (page_path.name, found)
                assert found["overlaps"] == [], (page_path.name, width, found["overlaps"][:5])
                assert names["names"] >= 2 and names["broken"] == [], (page_path.name, width, names)


def test_every_pdf_page_says_when_the_data_stop_and_that_they_are_fictional(three_year):
    expected = {"fr": ("données arrêtées au 31 décembre 2023", "DONNÉES FICTIVES"),
                "en": ("data up to 31 December 2023", "FICTIONAL DATA")}
    for lang, (cutoff, fictional) in expected.items():
        pages = [p.extract_text() for p in PdfReader(three_year / f"three-year_2021-2023_{lang}.pdf").pages]
        for n, text in enumerate(pages, start=1):
            flat = " ".join(text.split())
            assert cutoff in flat, (lang, n)  # the footer of every page
            assert fictional in flat, (lang, n)
        page = (three_year / f"three-year_2021-2023_{lang}.html").read_text(encoding="utf-8")
        cover = page[page.index('<header class="pm-cover">'):page.index("</header>")]
        assert cutoff[0].upper() + cutoff[1:] in cover or cutoff.capitalize() in cover
        assert re.search(r'<div [^>]*class="pm-watermark"', page)  # across the screen and each printed page
