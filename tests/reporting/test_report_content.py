"""End to end: the report notebooks executed by papermill (real kernel) on tables ingested from the sample.

The sample spreadsheets are generated in a temporary folder, one start-up is renamed to a hostile string and
given an unknown hostile institution, then ``partnership_metrics.ingest`` makes the processed folder. Each
report notebook runs once per language (4 runs) and the explore notebook once; every check reads those runs.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import nbformat
import pytest

from partnership_metrics import paths
from partnership_metrics.reporting.html import notebook_to_html
from partnership_metrics.reporting.i18n import format_date, report_title, text

pytestmark = pytest.mark.slow

HOSTILE = "<script>alert(1)</script>"
HOSTILE_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
HOSTILE_INSTITUTION = "Labo <b>Inconnu</b> & Cie"
REPORTS = {"three-year": "three_year_report", "annual": "annual_review"}
SECTION_IDS = {  # each report's sections in order; the end-of-partnership review sections in the three-year report
    "three_year_report": ("summary", "scorecard", "highlights", "valorisation", "cohorts", "startups", "training",
                          "eu", "synergies", "portfolio", "contributions", "benchmarks", "recommendations",
                          "appendix"),
    "annual_review": ("summary", "scorecard", "highlights", "valorisation", "startups", "training", "eu",
                      "synergies", "recommendations", "appendix"),
}
_PARTNERSHIP_FILE = 'partnership_file = ""  # "": the partnership.yaml saved beside the tables, else the packaged one\n'
_DEFAULTS = ('baseline = ""  # "": the partnership\'s baseline\n'
             'lang = ""  # "": the partnership\'s first language\n'
             'cutoff = ""  # "": the latest date in the data; else the date the data stop at (YYYY-MM-DD)')
PARAMETERS = {  # every default is the partnership's
    "three_year_report": 'processed_dir = "data/processed"\n' + _PARTNERSHIP_FILE
                         + 'period = ""  # "": the partnership\'s period\n' + _DEFAULTS,
    "annual_review": 'processed_dir = "data/processed"\n' + _PARTNERSHIP_FILE
                     + 'year = 0  # 0: the last year of the partnership\'s period\n' + _DEFAULTS,
}


def _plant_hostile_startup(raw: Path) -> None:
    """Rename a start-up created in 2023 and give it an institution nobody knows (both are data)."""
    import openpyxl

    for candidate in sorted(raw.glob("*.xlsx")):
        wb = openpyxl.load_workbook(candidate)
        for ws in wb.worksheets:
            rows = list(ws.iter_rows())
            header = next((i for i, r in enumerate(rows) if any(c.value == "Company name" for c in r)), None)
            if header is None:
                continue
            names = {c.value: c.column - 1 for c in rows[header] if c.value}
            for row in rows[header + 1:]:
                if str(row[names["Startup ID"]].value or "").startswith("SU-2023"):
                    row[names["Company name"]].value = HOSTILE
                    row[names["Institution"]].value = HOSTILE_INSTITUTION
                    wb.save(candidate)
                    return
    raise AssertionError(f"no start-up of 2023 in the sample workbooks of {raw}")


@pytest.fixture(scope="module")
def processed(tmp_path_factory) -> Path:
    from partnership_metrics.ingest.ingestion import ingest, input_fingerprint
    from partnership_metrics.ingest.report import build_report
    from partnership_metrics.sample import write_sample
    from partnership_metrics.storage import build_manifest, write_processed

    root = tmp_path_factory.mktemp("report_content")
    raw, out = root / "raw", root / "processed"
    write_sample(raw, seed=2020, scale=1)
    _plant_hostile_startup(raw)
    result = ingest(raw)
    write_processed(result, out, manifest=build_manifest(result, raw, input_fingerprint(raw, None)),
                    report=build_report(result))
    return out


@pytest.fixture(scope="module")
def runs(processed, tmp_path_factory) -> dict:
    """``(kind, lang) -> (executed notebook, HTML report)`` for both reports in both languages."""
    import papermill

    work = tmp_path_factory.mktemp("executed")
    out = {}
    for kind, name in REPORTS.items():
        for lang in ("fr", "en"):
            parameters = {"processed_dir": str(processed), "lang": lang}
            if kind == "annual":
                parameters["year"] = 2023
            target = work / f"{name}_{lang}.ipynb"
            papermill.execute_notebook(str(paths.NOTEBOOKS_DIR / f"{name}.ipynb"), str(target),
                                       parameters=parameters, kernel_name="python3", cwd=str(work),
                                       progress_bar=False)
            nb = nbformat.read(target, as_version=4)
            title, subtitle = report_title(kind, lang, period="2021-2023", year=2023)
            date = format_date(dt.date(2024, 1, 31), lang)  # the cover date, written as the reader writes it
            out[(kind, lang)] = nb, notebook_to_html(nb, lang=lang, title=title, subtitle=subtitle, date=date)
    return out


def test_committed_notebooks_are_thin_and_without_outputs():
    for name in (*REPORTS.values(), "explore"):
        nb = nbformat.read(paths.NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4)
        nbformat.validate(nb)
        assert nb.metadata.kernelspec.name == "python3"
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), name
        tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, name
        if name in PARAMETERS:
            assert code[0] is tagged[0] and code[0].source == PARAMETERS[name]
            calls = [c.source for c in code[2:]]
            changes = ("from partnership_metrics.pipeline.comparison import changes_since_previous\n\n"
                       "report.what_changed(changes_since_previous(processed_dir, year=report.last))")
            assert calls == ["report.summary()", changes, *(f"report.{s}()" for s in SECTION_IDS[name][1:])]
            assert all(c.cell_type == "code" for c in nb.cells)


def test_every_section_heading_is_present_in_both_languages(runs):
    for (kind, lang), (_, page) in runs.items():
        sections = SECTION_IDS[REPORTS[kind]]
        for section_id in sections:
            title = text(section_id, lang).replace("'", "&#x27;")
            assert f'<h2 id="{section_id}">{title}</h2>' in page, (kind, lang, section_id)
        toc = page[page.index('class="pm-toc"'):page.index("<main")]
        for section_id in sections:
            assert f'href="#{section_id}"' in toc, (kind, lang, section_id)
        assert toc.count('<li class="pm-toc-l2">') == len(sections)


def test_no_error_and_no_code_in_the_reports(runs):
    for (kind, lang), (nb, page) in runs.items():
        outputs = [o for c in nb.cells for o in c.get("outputs", [])]
        assert not [o for o in outputs if o.output_type == "error"], (kind, lang)
        assert not [o for o in outputs if o.get("name") == "stderr"], (kind, lang)
        for code in ("Traceback", "ThreeYearReport(", "AnnualReview(", "report.summary", "processed_dir",
                     "import partnership_metrics", str(paths.PROJECT_ROOT)):
            assert code not in page, (kind, lang, code)


def test_data_strings_are_escaped_in_the_reports(runs):
    for (kind, lang), (_, page) in runs.items():
        assert HOSTILE not in page and "<b>Inconnu</b>" not in page, (kind, lang)
        main = page[page.index("<main"):]
        assert HOSTILE_ESCAPED in main, (kind, lang)  # in the table of the start-ups created
        assert "Labo &lt;b&gt;Inconnu&lt;/b&gt; &amp; Cie" in main, (kind, lang)  # data-quality appendix


def test_reports_speak_the_readers_language(runs):
    fr = runs[("three-year", "fr")][1]
    en = runs[("three-year", "en")][1]
    assert "Bilan du partenariat 2021-2023" in fr and "31 janvier 2024" in fr
    assert "Partnership review 2021-2023" in en and "31 January 2024" in en
    assert re.search(r"\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
                     r"décembre) 202[123]", fr)
    assert re.search(r"\d\u202f\d{3}\u00a0€", fr) and re.search(r"€\d{1,3},\d{3}", en)
    assert "Horizon Europe" in fr and "15,9\u00a0%" in fr and "15.9%" in en
    # the benchmark names its year and its source (a link), beside the chart and in the key message
    assert "Source du repère\u00a0: <a href=" in fr and "2023 benchmark" in en
    assert 'Benchmark source: <a href="https://research-and-innovation.ec.europa.eu/' in en
    assert "source\u00a0: European Commission, Horizon Europe dashboard" in fr
    # the rate's vertical bars are said under the chart (years decided on few proposals)
    assert "Vertical bars: the year&#x27;s 95% confidence interval (Wilson)" in en
    assert "Barres verticales\u00a0: intervalle de confiance à 95\u00a0%" in fr
    annual_fr = runs[("annual", "fr")][1]
    assert "Revue annuelle 2023" in annual_fr and "vs 2022" in annual_fr and "Moy. 2018-2020" in annual_fr


def _visible_text(page: str) -> str:
    """The text a reader sees: no scripts, styles or tags, entities read."""
    import html

    main = page[page.index("<main"):]
    main = re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", main))


def test_an_immature_cohort_reads_too_early_never_zero(runs):
    for lang, early in (("fr", "trop tôt"), ("en", "too early")):
        page = runs[("annual", lang)][1]
        for kpi in ("Taux de passage en maturation", "Passage en maturation sous 24 mois") if lang == "fr" else (
                "Conversion to maturation", "Conversion to maturation within 24 months"):
            row = re.search(rf"<tr><th scope=\"row\">{re.escape(kpi)}</th>.*?</tr>", page).group(0)
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
            assert early in cells[0], (lang, kpi, cells[0])  # 2023: projects detected in 2023 cannot have matured
            assert not re.search(r">0([,.]0)?\s?%", cells[0]), (lang, kpi)


def test_success_rates_say_how_many_were_decided_and_how_many_are_pending(runs):
    fr = _visible_text(runs[("annual", "fr")][1])
    assert "1\u00a0financée sur 5\u00a0décidées, 5\u00a0en attente" in fr  # 2023: 20 % is 1 of 5, 5 pending
    assert "1/5 (+5\u00a0en attente)" in fr  # under the rate, in the table and under the chart's year
    en = _visible_text(runs[("three-year", "en")][1])
    assert "5 funded out of 26 decided, 5 pending" in en and "95% CI" in en


def test_no_per_cent_change_on_a_base_below_ten(runs):
    for kind in ("three-year", "annual"):
        page = runs[(kind, "fr")][1]
        tile = re.search(r'<div class="pm-tile [^"]*" data-kpi="val_startups_created">.*?</div>', page).group(0)
        changes = re.findall(r'<span class="pm-(?:better|worse)">([^<]*)</span>', tile)
        assert changes and not [c for c in changes if "%" in c], (kind, changes)  # 6 start-ups, 1 -> 2: no %


def test_money_is_rounded_in_tiles_and_prose_exact_in_tables(runs):
    page = runs[("three-year", "fr")][1]
    tiles = page[page.index('class="pm-tiles"'):]
    tiles = tiles[:tiles.index("</div></div></div>")] if "</div></div></div>" in tiles else tiles
    assert "6,61\u00a0M€" in page  # EU funding secured, in its tile
    messages = page[page.index('class="pm-messages"'):page.index("</ul>", page.index('class="pm-messages"'))]
    assert not re.search(r"\d\u202f\d{3}\u202f\d{3}\u00a0€", messages)  # no euro to the unit in prose
    assert "6\u202f610\u202f000\u00a0€" in page  # exact in the EU table


def test_the_french_report_is_set_in_french_typography(runs):
    for kind in ("three-year", "annual"):
        text = _visible_text(runs[(kind, "fr")][1])
        text = re.sub(r"\b[a-z_]+_[a-z_0-9]+\b", " ", text)  # KPI ids in the appendix are code
        assert "'" not in text, re.findall(r".{20}'.{20}", text)[:3]
        assert not re.search(r"\w [:;?!](\s|$)", text), re.findall(r".{15}\w [:;?!].{5}", text)[:3]
        assert not re.search(r"\w[;?!](\s|$)", text), re.findall(r".{15}\w[;?!].{5}", text)[:3]
        assert '"' not in text


def test_a_report_on_the_sample_says_its_data_are_fictional(runs):
    for (kind, lang), (_, page) in runs.items():
        assert "pm-fictional-note" in page, (kind, lang)
        word = "Données fictives" if lang == "fr" else "Fictional data"
        assert word in _visible_text(page), (kind, lang)


def test_the_sample_quality_summary_names_every_source_file(runs, processed):
    manifest = json.loads((processed / "manifest.json").read_text(encoding="utf-8"))
    page = runs[("three-year", "en")][1]
    for source in manifest["files"]:
        assert source["path"] in page
        assert source["sha256"] in page  # the whole sha256: a file can be checked against it


def test_the_french_report_renders_in_a_real_browser(runs, tmp_path):
    from partnership_metrics.reporting.browser import Browser  # no Chromium: Browser() fails saying how to install it

    page = tmp_path / "three_year_fr.html"
    page.write_text(runs[("three-year", "fr")][1], encoding="utf-8")
    with Browser() as browser:
        check = browser.inspect(page)
    assert check.charts >= 10 and check.charts_drawn == check.charts
    assert check.charts_clipped == 0 and check.overflow_px == 0
    assert not check.dialogs and not check.console_errors and not check.blocked_requests
    assert HOSTILE in check.text  # shown as text, in the table and in the chart


def test_explore_notebook_runs_top_to_bottom(processed, tmp_path):
    import papermill

    target = tmp_path / "explore.ipynb"
    papermill.execute_notebook(str(paths.NOTEBOOKS_DIR / "explore.ipynb"), str(target),
                               parameters={"processed_dir": str(processed)}, kernel_name="python3",
                               cwd=str(tmp_path), progress_bar=False)
    nb = nbformat.read(target, as_version=4)
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("application/vnd.plotly.v1+json" in o.get("data", {}) for o in outputs)
    assert any("kpi_id" in o.get("data", {}).get("text/html", "") for o in outputs)
