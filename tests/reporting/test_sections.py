"""Section HTML: data escaped, null values shown as "—" with their reason, headings with ids, both languages."""

from __future__ import annotations

import re
import string
from html import unescape
from html.parser import HTMLParser

import pandas as pd
import pytest

import partnership_metrics as pm
from partnership_metrics.kpis.catalogue import catalogue, catalogue_frame
from partnership_metrics.partnership import default_partnership
from partnership_metrics.reporting import i18n, quality, sections
from partnership_metrics.reporting.messages import key_messages
from partnership_metrics.reporting.report import SECTION_KPIS, AnnualReview, ThreeYearReport
from partnership_metrics.sample import expected_tables
from partnership_metrics.schemas import TABLES
from partnership_metrics.ui_strings import ui_strings

HOSTILE = "<script>alert(1)</script>"
HOSTILE_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
HOSTILE_INSTITUTION = 'Aix "<img src=x onerror=alert(2)>"'
SECTION_IDS = ["summary", "scorecard", "highlights", "valorisation", "cohorts", "startups", "training", "eu",
               "synergies", "portfolio", "contributions", "benchmarks", "recommendations", "appendix"]
VOID = {"br", "img", "meta", "link", "hr", "input", "col", "wbr", "source"}


class _Balance(HTMLParser):
    """Fails on a closing tag that does not close the last opened element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.h2: list[tuple[str | None, str]] = []
        self._h2_open = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(attributes["id"])
        if tag == "h2":
            self.h2.append((attributes.get("id"), ""))
            self._h2_open = True
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()
        if tag == "h2":
            self._h2_open = False

    def handle_data(self, data):
        if self._h2_open:
            ident, text = self.h2[-1]
            self.h2[-1] = (ident, text + data)


def parse(fragment: str) -> _Balance:
    parser = _Balance()
    parser.feed(fragment)
    parser.close()
    assert parser.stack == [], f"unclosed elements: {parser.stack}"
    return parser


@pytest.fixture(scope="module")
def hostile_tables() -> dict[str, pd.DataFrame]:
    tables = expected_tables()
    startups = tables["startups"].copy()
    in_period = startups.index[startups["creation_date"].dt.year == 2022][0]
    startups.loc[in_period, "name"] = HOSTILE
    startups.loc[in_period, "lead_institution"] = "AMU"
    tables["startups"] = startups
    tables["institutions"] = pd.DataFrame({"code": ["AMU"], "name": [HOSTILE_INSTITUTION], "aliases": ["AMU"]})
    return tables


INGEST_REPORT = {
    "totals": {"rows_read": 1234, "rows_accepted": 1200, "rows_quarantined": 20, "rows_dropped": 14, "files": 2,
               "sheets": 3},
    "files": [
        {"file": "<b>suivi</b>.xlsx", "sha256": "a" * 64, "sheets": [
            {"sheet": "Projets", "table": "projects", "rows_read": 1000, "rows_accepted": 980, "rows_quarantined": 15,
             "rows_dropped": 5},
            {"sheet": "Notes", "table": None, "rows_read": 4, "rows_accepted": 0, "rows_quarantined": 0, "rows_dropped": 4}]},
        {"file": "events.csv", "sha256": "b" * 64, "sheets": [
            {"sheet": None, "table": "events", "rows_read": 230, "rows_accepted": 220, "rows_quarantined": 5, "rows_dropped": 5}]},
    ],
    "tables": {"projects": {"rows": 980, "rows_quarantined": 15, "rows_dropped": 9},
               "events": {"rows": 220, "rows_quarantined": 5, "rows_dropped": 5}},
    "tables_not_found": ["eu_proposals", "startups"],
    "unknown_institutions": [{"name": HOSTILE_INSTITUTION, "rows": 3, "code": "OTHER"}],
}


# ---- i18n --------------------------------------------------------------------------------------------------

def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_ui_string_exists_in_both_languages_with_the_same_placeholders():
    words = ui_strings()
    entries = [*words.strings.items(), *words.reasons.items(),
               *((f"{kind}.{code}", texts) for kind, codes in words.codes.items() for code, texts in codes.items())]
    assert len(entries) > 150
    for key, texts in entries:
        assert set(texts) == {"fr", "en"}, key
        assert texts["fr"].strip() and texts["en"].strip(), key
        assert _placeholders(texts["fr"]) == _placeholders(texts["en"]), key
        assert not set("<>&") & set(texts["fr"] + texts["en"]), key  # HTML fills them with escaped values


@pytest.mark.parametrize("kind, column, table", [
    ("organiser", "organiser", "events"), ("round_type", "round_type", "startup_rounds"),
    ("startup_status", "status", "startups"),
])
def test_every_code_shown_has_a_label(kind, column, table):
    codes = TABLES[table].column(column).codes
    named = set(ui_strings().codes.get(kind, {})) | ({"cpp", "it", "joint"} if kind == "organiser" else set())
    assert set(codes) <= named, kind  # the partners' codes are named by partnership.yaml
    assert i18n.code_label("startup_status", "acquired", "fr") == "rachetée"
    assert i18n.code_label("organiser", "cpp", "fr") == default_partnership().partner("cpp").short["fr"]
    assert i18n.code_label("organiser", "joint", "en") == "Joint"  # partnership.yaml: joint.label


def test_every_funder_is_shown_in_a_labelled_group():
    partnership = default_partnership()
    for code in TABLES["funding"].column("funder").codes:
        group = partnership.funder_group_of(code)
        assert group is not None and group.label["fr"] and group.label["en"], code


def test_text_fills_placeholders_and_names_a_missing_key():
    assert i18n.text("vs", "fr", reference="2022") == "vs 2022"
    with pytest.raises(KeyError, match="no_such_key"):
        i18n.text("no_such_key", "en")
    with pytest.raises(ValueError):
        i18n.text("summary", "de")


def test_report_titles_for_the_runner():
    period = default_partnership().period
    assert i18n.report_title("three-year", "fr", period="2021-2023") == (
        "Bilan du partenariat 2021-2023", "Valorisation, formation, projets européens et synergies")
    assert i18n.report_title("three_year", "en", period="2021–2023")[0] == "Partnership review 2021-2023"
    assert i18n.report_title("three-year", "en")[0] == f"Partnership review {period}"  # the partnership's period
    title, subtitle = i18n.report_title("annual", "fr", year=2023)
    assert title == "Revue annuelle 2023" and "2022" in subtitle
    assert i18n.report_title("annual", "en", year="2022") == (
        "Annual review 2022", "The year's results against 2021, the baseline and the targets")
    with pytest.raises(ValueError, match="year"):
        i18n.report_title("annual", "fr")
    with pytest.raises(ValueError, match="kind"):
        i18n.report_title("monthly", "fr")


def test_dates_are_written_by_babel():
    assert i18n.format_date(pd.Timestamp("2022-03-15"), "fr") == "15 mars 2022"
    assert i18n.format_date("2022-03-15", "en") == "15 March 2022"
    assert i18n.format_date(pd.NaT, "fr") == "—"
    assert i18n.format_date(None, "en") == "—"


def test_the_engines_null_reasons_are_codes_written_in_either_language():
    kpis = pm.kpi_table({}, period="2022", lang="fr")
    nulls = kpis[kpis["value"].isna()]
    assert len(nulls) == len(kpis) and nulls["reason_code"].notna().all(), "a reason for every null value"
    assert set(nulls["reason_code"]) <= set(ui_strings().reasons)
    english = pm.kpi_table({}, period="2022", lang="en")
    for fr, en, code, params in zip(kpis["reason"], english["reason"], kpis["reason_code"], kpis["reason_params"], strict=False):
        assert fr != en and fr == i18n.reason_text(code, params, "fr") and en == i18n.reason_text(code, params, "en")
    assert i18n.reason_text("no_event", {"years": "2021-2023"}, "fr") == "aucun événement en 2021-2023"
    assert i18n.reason_text("column_missing", '{"column": "role", "table": "eu_proposals"}', "fr") == \
        "la colonne role est absente de la table eu_proposals"
    assert i18n.reason_text(None, None, "en") == "not computable"
    assert i18n.reason_text(float("nan"), None, "en", fallback="as written") == "as written"


# ---- building blocks ---------------------------------------------------------------------------------------

def test_esc_and_headings():
    assert sections.esc(HOSTILE) == HOSTILE_ESCAPED
    assert sections.esc('a "b" & c') == "a &quot;b&quot; &amp; c"
    assert sections.esc(None) == sections.esc(float("nan")) == sections.esc(pd.NA) == "—"
    assert sections.heading("eu", "Projets <européens>") == '<h2 id="eu">Projets &lt;européens&gt;</h2>'
    assert sections.heading("", "x", 3) == "<h3>x</h3>"
    assert sections.message_list([HOSTILE]) == f'<ul class="pm-messages"><li>{HOSTILE_ESCAPED}</li></ul>'


def test_periods_are_kept_on_one_line():
    html = sections.paragraph("Comparé à 2018-2020.")
    assert '<span class="pm-nowrap">2018-2020</span>' in html


def test_a_null_kpi_value_shows_a_dash_with_its_reason_never_zero():
    tables = {k: v for k, v in expected_tables().items() if k != "eu_proposals"}
    kpis = pm.kpi_table(tables, period="2021-2023", baseline="2018-2020", lang="fr")
    html = sections.kpi_table(kpis, SECTION_KPIS["eu"], "fr", baseline="2018-2020")
    parse(html)
    rows = re.findall(r"<tr>(.*?)</tr>", html)[1:]
    assert len(rows) == len(SECTION_KPIS["eu"])
    for row in rows:
        cells = re.findall(r'<td class="num"[^>]*>(.*?)</td>', row)
        assert cells[:4] and all("—" in c for c in cells[:4]), row  # 3 years and the period
        assert not any(re.fullmatch(r"0([,.]0+)?(\s|\xa0|%|€)*", c) for c in cells)
    assert 'title="la table eu_proposals est absente"' in html
    assert '<ol class="pm-footnotes"' in html and "<li>la table eu_proposals est absente</li>" in html
    assert html.count("<li>") == 1  # one reason, one footnote


def test_kpi_table_of_a_period_and_of_a_year():
    tables = expected_tables()
    kpis = pm.kpi_table(tables, period="2021-2023", baseline="2018-2020", lang="en")
    html = sections.kpi_table(kpis, SECTION_KPIS["training"], "en", baseline="2018-2020", caption="Training")
    head = re.search(r"<thead>(.*?)</thead>", html).group(1)
    assert [re.sub("<[^>]+>", "", h) for h in re.findall(r"<th[^>]*>(.*?)</th>", head)] == [
        "Indicator", "2021", "2022", "2023", "2021-2023", "Target", "Status", "2018-2020", "Change"]
    assert "<caption>Training</caption>" in html
    period = kpis[(kpis["period"] == "2021-2023") & (kpis["kpi_id"] == "trn_attendees")].iloc[0]
    assert pm.kpis.formatting.format_value(period["value"], "count", "en") in html
    assert f'status-{period["status"]}' in html
    annual = pm.kpi_table(tables, year=2023, baseline="2018-2020", lang="fr")
    html = sections.kpi_table(annual, SECTION_KPIS["training"], "fr", baseline="2018-2020")
    head = re.search(r"<thead>(.*?)</thead>", html).group(1)
    assert [re.sub("<[^>]+>", "", h) for h in re.findall(r"<th[^>]*>(.*?)</th>", head)] == [
        "Indicateur", "2023", "Cible", "Statut", "2022", "vs 2022", "Moy. 2018-2020", "vs 2018-2020"]
    assert "pm-better" in html or "pm-worse" in html


def test_a_value_too_early_to_judge_is_compared_with_nothing():
    """A year marked "too early" shows "—" against the baseline, as against the year before (not a red change)."""
    annual = pm.kpi_table(expected_tables(), year=2023, baseline="2018-2020", lang="en")
    kpi = "val_maturation_conversion"
    row = annual[(annual["period"] == "2023") & (annual["kpi_id"] == kpi)].iloc[0]
    assert not pd.isna(row["value"]) and not pd.isna(row["baseline"]) and row["value"] != row["baseline"]
    notes = sections.Annotations(too_early={(kpi, "2023"): "too early to judge 2023"})
    html = sections.kpi_table(annual, [kpi], "en", baseline="2018-2020", notes=notes)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", re.search(r"<tbody>(.*?)</tbody>", html).group(1))
    assert "too early" in cells[0]
    assert cells[-1] == "—" and cells[-3] == "—", cells  # vs 2018-2020 and vs 2022
    assert "pm-worse" not in html and "pm-better" not in html
    period = pm.kpi_table(expected_tables(), period="2021-2023", baseline="2018-2020", lang="en")
    notes = sections.Annotations(too_early={(kpi, "2021-2023"): "too early to judge"})
    html = sections.kpi_table(period, [kpi], "en", baseline="2018-2020", notes=notes)
    assert re.findall(r"<td[^>]*>(.*?)</td>", html)[-1] == "—"


def test_tiles_show_value_target_status_and_changes():
    kpis = pm.kpi_table(expected_tables(), period="2021-2023", baseline="2018-2020", lang="fr")
    headline = default_partnership().headline_kpis
    html = sections.kpi_tiles(kpis, headline, "fr", scope="2021-2023", baseline="2018-2020")
    parse(html)
    assert html.count('class="pm-tile ') == len(headline)
    row = kpis[(kpis["period"] == "2021-2023") & (kpis["kpi_id"] == "val_projects_detected")].iloc[0]
    tile = re.search(r'<div class="pm-tile [^"]*" data-kpi="val_projects_detected">.*?</div>', html).group(0)
    assert f"status-{row['status']}" in tile
    assert "Cible\u00a0: " in tile and "2018-2020\u00a0: " in tile and "vs 2022" in tile


def test_a_tile_without_value_shows_a_dash_and_why():
    kpis = pm.kpi_table({}, period="2021-2023", lang="en")
    html = sections.kpi_tiles(kpis, ["eu_success_rate"], "en", scope="2021-2023", baseline="2018-2020")
    assert '<p class="pm-tile-value"><span class="pm-null" title="the eu_proposals table is missing">—</span>' in html
    assert "No target" in html


def test_startups_table_escapes_names_and_institutions():
    startups = pd.DataFrame({
        "startup_id": ["S1", "S2"], "name": [HOSTILE, "Beta & <i>Co</i>"],
        "creation_date": pd.to_datetime(["2022-03-15", "2021-01-02"]).astype("datetime64[ms]"),
        "lead_institution": pd.Categorical(["AMU", None], categories=["AMU", "OTHER"]),
        "ilab_laureate": pd.array([True, None], dtype="boolean"),
        "status": pd.Categorical(["active", "closed"], categories=["active", "acquired", "closed"]),
        "employees": pd.array([5, None], dtype="Int64"),
    })
    rounds = pd.DataFrame({"startup_id": ["S1", "S1"], "amount_eur": [500_000.0, 1.0e6],
                           "round_date": pd.to_datetime(["2022-10-01", "2024-01-01"]).astype("datetime64[ms]")})
    html = sections.startups_table(startups, rounds, "fr", end="2023-12-31", caption="Créées",
                                   institution_names={"AMU": HOSTILE_INSTITUTION})
    parse(html)
    assert HOSTILE not in html and "<i>Co" not in html
    assert HOSTILE_ESCAPED in html and "Beta &amp; &lt;i&gt;Co&lt;/i&gt;" in html
    assert 'title="Aix &quot;&lt;img src=x onerror=alert(2)&gt;&quot;"' in html
    assert "15 mars 2022" in html and "2 janvier 2021" in html
    assert "500\u202f000\u00a0€" in html  # the 2024 round is after the end of the period
    assert html.index("Beta") < html.index(HOSTILE_ESCAPED)  # by creation date
    no_rounds = sections.startups_table(startups, None, "en", end="2023-12-31", caption=None)
    assert "€0" not in no_rounds and "Funds raised by end 2023" in no_rounds


def test_technical_annex_lists_sources_tables_and_unknown_institutions_escaped():
    manifest = {"version": "9.9.9"}
    for lang in ("fr", "en"):
        html = quality.technical_annex(manifest, INGEST_REPORT, lang)
        parse(html)
        assert "<b>" not in html and "&lt;b&gt;suivi&lt;/b&gt;.xlsx" in html
        assert "<img" not in html and "&lt;img src=x onerror=alert(2)&gt;" in html
        assert ">" + "a" * 64 + "<" in html  # the whole sha256, not a prefix: a file can be checked against it
        assert ("propositions européennes, start-up" if lang == "fr" else "EU proposals, start-ups") in html
        assert "9.9.9" in html
    fr = quality.technical_annex(manifest, INGEST_REPORT, "fr")
    row = re.search(r"suivi.*?</tr>", fr).group(0)
    assert re.findall(r'<td class="num[^"]*">([^<]*)</td>', row) == ["1\u202f004", "980", "15", "9"]
    assert "absent" in quality.technical_annex(None, None, "fr")
    # the rows of a sheet holding no table have a row of their own: the tables' dropped rows add up to the files'
    notes = re.search(r"Sheets holding no table.*?</tr>", quality.technical_annex(manifest, INGEST_REPORT, "en"))
    assert re.findall(r'<td class="num[^"]*">([^<]*)</td>', notes.group(0)) == ["0", "0", "4"]


def test_data_quality_for_directors_names_the_indicators_affected_and_no_hash():
    tables = expected_tables()
    for lang in ("fr", "en"):
        html = quality.directors_summary(INGEST_REPORT, tables, (2021, 2022, 2023), lang)
        parse(html)
        assert "a" * 12 not in html and "sha" not in html.lower()  # fingerprints are for the technical annex
        assert HOSTILE_INSTITUTION not in html  # no data text unescaped; names stay in the annex
    fr = unescape(quality.directors_summary(INGEST_REPORT, tables, (2021, 2022, 2023), "fr"))
    assert "1\u202f234 lignes lues, 1\u202f200 retenues, 20 mises en quarantaine et 14 écartées" in fr
    rows = dict(re.findall(r'<tr><th scope="row">([^<]*)</th><td>([^<]*)</td>', fr))
    assert rows["Lignes mises de côté\u00a0: projets"] == "15 (pour 980 retenues)"
    assert "Résultats européens en attente" in rows and "Événements sans note de satisfaction" in rows
    assert "Données absentes" in rows and "Établissements non reconnus" in rows
    assert "Taux de succès européen" in fr and "Satisfaction des participants" in fr  # the indicators affected
    assert "indicateurs (valorisation des projets" in fr  # many indicators: counted by aim
    clean = {"totals": {"files": 1, "sheets": 1, "rows_read": 3, "rows_accepted": 3}, "tables": {}}
    no_pending = {k: v for k, v in tables.items() if k not in ("eu_proposals", "events")}
    assert "Aucune réserve" in quality.directors_summary(clean, no_pending, (2021,), "fr")


def test_definitions_cover_the_whole_catalogue():
    for lang in ("fr", "en"):
        frame = catalogue_frame(lang)
        html = sections.definitions(frame, lang)
        parse(html)
        for kpi in catalogue():
            assert sections.esc(kpi.definition(lang)) in html and f">{kpi.id}<" in html


# ---- whole sections ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module", params=["fr", "en"])
def three_year(request, hostile_tables):
    return ThreeYearReport.from_tables(hostile_tables, period="2021-2023", baseline="2018-2020", lang=request.param,
                                       manifest={"version": "0.1.0"}, ingest_report=INGEST_REPORT)


def test_every_section_has_its_heading_and_escapes_data(three_year):
    found = []
    all_ids = []
    for section in three_year.all_sections():
        html = section._repr_html_()
        parsed = parse(html)
        assert parsed.h2[0][0] == section.id and len(parsed.h2) == 1
        assert parsed.h2[0][1] == i18n.text(section.id, three_year.lang)
        assert HOSTILE not in html and "<img" not in html
        found.append(section.id)
        all_ids += parsed.ids
    assert found == SECTION_IDS
    headings = [i for i in all_ids if not i.startswith("pm-fig-")]
    assert len(headings) == len(set(headings)), "duplicated heading ids"
    startups = three_year.startups().html
    assert HOSTILE_ESCAPED in startups
    assert "&lt;img src=x onerror=alert(2)&gt;" in startups  # the institution's full name, in a tooltip


def test_sections_are_in_the_report_language(three_year):
    summary = three_year.summary().html
    if three_year.lang == "fr":
        assert "Indicateurs clés" in summary and "10 décembre 2020" in summary and "Cible\u00a0:" in summary
        assert "Target" not in summary
    else:
        assert "Headline indicators" in summary and "10 December 2020" in summary and "Target:" in summary
        assert "Cible" not in summary
    assert summary.count("<li>") >= 3


def test_the_annual_review_compares_with_the_year_before(hostile_tables):
    review = AnnualReview.from_tables(hostile_tables, year=2022, baseline="2018-2020", lang="en")
    assert set(review.kpis["period"]) == {"2022"}
    summary = review.summary().html
    assert "against 2021" in summary and "2021: " in summary
    valorisation = review.valorisation().html
    assert "vs 2021" in valorisation and "Avg. 2018-2020" in valorisation
    startups = review.startups().html
    assert "Start-ups created in 2022" in startups and HOSTILE_ESCAPED in startups
    with pytest.raises(ValueError, match="one year"):
        AnnualReview.from_tables(hostile_tables, year="2021-2023")


def test_missing_tables_give_a_note_not_a_broken_section():
    tables = {k: v for k, v in expected_tables().items() if k not in ("eu_proposals", "startups", "events")}
    report = ThreeYearReport.from_tables(tables, lang="fr")
    eu = report.eu().html
    assert "la table «\u00a0propositions européennes\u00a0» n’a pas été trouvée" in unescape(eu)
    assert "plotly" not in eu.lower()
    assert "«\u00a0start-up\u00a0»" in report.startups().html
    assert "«\u00a0événements\u00a0»" in report.training().html
    for section in report.all_sections():
        parse(section.html)


def test_a_relative_processed_dir_is_read_from_the_project_root():
    from partnership_metrics import paths
    from partnership_metrics.reporting.report import resolve_dir

    assert resolve_dir("data/processed") == paths.PROJECT_ROOT / "data" / "processed"
    assert resolve_dir(paths.PROJECT_ROOT / "x") == paths.PROJECT_ROOT / "x"


def test_a_report_on_empty_tables_says_why_nothing_is_shown():
    report = ThreeYearReport.from_tables({}, lang="en")
    summary = report.summary().html
    assert key_messages(report.kpis, "en", baseline=report.baseline) == []
    assert "No key message" in summary and '<ul class="pm-messages">' not in summary
    assert summary.count(">—<") == len(report.partnership.headline_kpis)  # every tile value is a dash, none is 0
    for section in report.all_sections():
        parse(section.html)


def test_a_reason_reworded_in_the_vocabulary_rewords_both_languages_reports(tmp_path):
    """Reasons are data: a copy of vocab/ui.yaml where a reviewer reworded one reason changes the footnotes,
    tooltips and tiles of the reports in French and in English, and the KPI table, with no change of code."""
    from partnership_metrics.resources import VOCAB_DIR
    from partnership_metrics.ui_strings import ui_strings_file

    packaged = (VOCAB_DIR / "ui.yaml").read_text(encoding="utf-8")
    old = {"fr": "la table {table} est absente", "en": "the {table} table is missing"}
    new = {"fr": "la table {table} manque à l’appel", "en": "nobody sent the {table} table"}
    draft = packaged
    for lang in ("fr", "en"):
        assert packaged.count(f"{lang}: {old[lang]}\n") == 1
        draft = draft.replace(f"{lang}: {old[lang]}\n", f"{lang}: {new[lang]}\n")
    (tmp_path / "ui.yaml").write_text(draft, encoding="utf-8")

    tables = {k: v for k, v in expected_tables().items() if k != "eu_proposals"}
    for lang in ("fr", "en"):
        report = ThreeYearReport.from_tables(tables, lang=lang)
        shown = {"old": old[lang].format(table="eu_proposals"), "new": new[lang].format(table="eu_proposals")}
        before = unescape(report.summary().html + report.eu().html)
        assert shown["old"] in before and shown["new"] not in before
        with ui_strings_file(tmp_path / "ui.yaml"):
            after = unescape(report.summary().html + report.eu().html)
            table = pm.kpi_table(tables, lang=lang)
        assert shown["new"] in after and shown["old"] not in after, lang
        assert f"<li>{shown['new']}</li>" in after and f'title="{shown["new"]}"' in after  # footnote and tooltip
        assert set(table.loc[table["kpi_id"].str.startswith("eu_"), "reason"]) == {shown["new"]}
    assert pm.kpi_table(tables, lang="en").loc[lambda t: t["kpi_id"] == "eu_success_rate", "reason"].iloc[0] == \
        "the eu_proposals table is missing"  # the packaged wording again after the block


def test_eu_results_of_years_with_pending_proposals_are_marked_provisional():
    """5 of the 2023 proposals await their result: the money secured and the proposals funded say so in their
    table cells (2023 and the period) and their tiles, with the sum requested, as the success rate does."""
    from partnership_metrics.reporting.report import AnnualReview

    tables = expected_tables()
    proposals = tables["eu_proposals"]
    in_2023 = proposals["submission_date"].dt.year == 2023
    waiting = proposals[in_2023 & (proposals["status"] == "pending")]
    submitted = int((in_2023 & (proposals["status"] != "withdrawn")).sum())
    assert len(waiting) and not (proposals[~in_2023]["status"] == "pending").any()
    report = ThreeYearReport.from_tables(tables, period="2021-2023", baseline="2018-2020", lang="en",
                                         manifest={"version": "0.1.0"}, ingest_report={})
    html = report.eu().html
    for kpi in ("EU funding secured", "EU proposals funded"):
        row = re.search(rf"<tr><th scope=\"row\">{kpi}</th>.*?</tr>", html).group(0)
        assert row.count(f"provisional: {len(waiting)} pending") == 2, kpi  # 2023 and 2021-2023, not 2021 or 2022
    requested = pm.kpis.formatting.format_money_short(float(waiting["requested_eur"].sum()), "en")
    line = (f"Provisional: {len(waiting)} of the {submitted} proposals submitted in 2023 still pending "
            f"({requested} requested)")
    annual = AnnualReview.from_tables(tables, year=2023, lang="en", manifest={"version": "0.1.0"}, ingest_report={})
    for summary in (report.summary().html, annual.summary().html):
        tile = re.search(r'data-kpi="eu_funding_secured_eur">.*?</div>', summary).group(0)
        assert line in tile
