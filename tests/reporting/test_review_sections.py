"""The end-of-partnership review sections (highlights, cohorts, portfolio, contributions, benchmarks,
recommendations) on the sample's tables: both languages, their empty states, each benchmark with its year and
source, the caveat on additionality, honest Kaplan-Meier cells."""

from __future__ import annotations

import re
from html import unescape

import pytest

from partnership_metrics.benchmarks import load_snapshot
from partnership_metrics.reporting import cohorts_section
from partnership_metrics.reporting.report import ThreeYearReport
from partnership_metrics.sample import expected_tables

REVIEW = ("highlights", "cohorts", "portfolio", "contributions", "benchmarks", "recommendations")


def _report(tables, lang):
    return ThreeYearReport.from_tables(tables, period="2021-2023", baseline="2018-2020", lang=lang,
                                       manifest={"version": "0.1.0"}, ingest_report={})


def _text(html: str) -> str:
    """The words a reader sees (scripts of the charts left out)."""
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))  # no-break spaces kept


@pytest.fixture(scope="module")
def sample():
    return expected_tables()


@pytest.fixture(scope="module")
def pages(sample):
    """lang -> section id -> its HTML, on the sample's tables."""
    return {lang: {name: getattr(_report(sample, lang), name)().html for name in REVIEW} for lang in ("fr", "en")}


def test_every_review_section_speaks_both_languages(pages):
    for name in REVIEW:
        fr, en = _text(pages["fr"][name]), _text(pages["en"][name])
        assert fr != en, name
        for text in (fr, en):
            assert not re.search(r"\{[a-z_]+\}", text), (name, "placeholder left")
            assert "nan" not in text.split() and "None" not in text.split(), name
        assert "\u00a0:" in fr, name  # French typography: a no-break space before the colon
        assert "\u00a0:" not in en, name


def test_the_benchmarks_name_their_year_and_source(pages):
    snapshot = load_snapshot()
    for lang, label in (("fr", "Source\u00a0:"), ("en", "Source:")):
        html = pages[lang]["benchmarks"]
        text = _text(html).replace("\u2019", "'")  # French typography curls the apostrophes
        assert text.count(label) >= 2  # i-Lab, then Horizon Europe and eCorda
        for source in snapshot.sources.values():
            assert source["publisher"] in text and source["licence"].split(";")[0] in text, source["title"]
            assert f'href="{source.get("page") or source["url"]}"' in html
        years = {s["latest_year"] for s in snapshot.sources.values() if s.get("latest_year")}
        assert years and all(str(y) in text for y in years)
        # the partnership's own benchmark (partnership.yaml) with its year and source
        assert ("15,9\u00a0%" if lang == "fr" else "15.9%") in text and "Horizon Europe dashboard" in text


def test_the_ilab_table_reads_the_snapshot(pages):
    laureates = load_snapshot().tables["ilab_laureates"]
    text = _text(pages["en"]["benchmarks"])
    for year in (2018, 2021, 2023):
        national = laureates[(laureates["year"] == year) & (laureates["scope"] == "national")]
        count = int(national.loc[national["domain"] == "all", "laureates"].iloc[0])
        assert f" {year} {count} " in text, year
    for period in ("2018-2020", "2021-2023"):
        first, last = map(int, period.split("-"))
        rows = laureates[laureates["year"].between(first, last) & (laureates["scope"] == "national")
                         & (laureates["domain"] == "all")]
        assert f" {period} {int(rows['laureates'].sum())} " in text, period


def test_a_startup_that_is_a_laureate_is_found_by_siren(sample):
    tables = dict(sample)
    startups = tables["startups"].copy()
    startups.loc[startups.index[0], ["name", "siren"]] = ["Tarian Pharma SAS", "890452576"]  # a 2022 laureate
    tables["startups"] = startups
    text = _text(_report(tables, "en").benchmarks().html)
    assert "found in the public list of laureates (by SIREN, else by name): 1 (Tarian Pharma SAS (2022))" in text
    assert "fictional: none can be" not in text


def test_the_contributions_carry_the_additionality_caveat(pages):
    assert "additionality" in _text(pages["en"]["contributions"])
    assert "additionnalité" in _text(pages["fr"]["contributions"])


def test_recommendations_empty_state_says_what_to_supply(sample):
    tables = {k: v for k, v in sample.items() if k != "recommendations"}
    for lang, sheet, required in (("fr", "Recommandations", "Recommandation *"),
                                  ("en", "Recommendations", "Recommendation *")):
        text = _text(_report(tables, lang).recommendations().html)
        assert sheet in text and required in text and "partnership-metrics template" in text


def test_recommendations_follow_up_in_the_sample(pages):
    text = _text(pages["en"]["recommendations"])
    assert "Recommendations: 7 — done: 1; in progress: 2; dropped: 1; to follow up: 3; overdue: 1." in text
    assert "Review of 2021-2023" in text and "Annual review 2021" in text
    assert text.index("Review of 2021-2023") < text.index("Annual review 2022") < text.index("Annual review 2021")


def test_sections_without_their_tables_say_so(sample):
    tables = {k: v for k, v in sample.items() if k not in ("projects", "funding", "events", "eu_proposals")}
    report = _report(tables, "en")
    assert "the projects table was not found" in _text(report.cohorts().html)
    assert "the projects table was not found" in _text(report.portfolio().html)
    assert "No data" in _text(report.contributions().html)


def test_a_kaplan_meier_zero_claims_no_interval():
    values = {"reached_365d": 0.0, "lower_365d": 0.0, "upper_365d": 0.0, "at_risk_365d": 67}
    cell = cohorts_section._within_cell(values, 365, "en", cohorts_section.Footnotes("en"))
    assert "none has reached it yet" in cell and "CI" not in cell
    values = {"reached_365d": 0.1, "lower_365d": 0.05, "upper_365d": 0.2, "at_risk_365d": 63}
    cell = cohorts_section._within_cell(values, 365, "en", cohorts_section.Footnotes("en"))
    assert "95% CI: 5% to 20%" in cell and "still followed: 63" in cell


def test_a_young_cohort_reads_too_early_in_the_cohort_table(pages):
    html = pages["en"]["cohorts"]
    table = html[html.index("pm-cohorts"):]
    table = table[:table.index("</table>")]
    rows = {_text(r).split()[0]: _text(r) for r in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)}
    assert "too early" in rows["2023"] and "too early" not in rows["2020"]
    assert rows["2016"].split()[1] == "34"  # projects detected in 2016 in the sample


def test_highlights_come_from_the_data(sample):
    rounds = sample["startup_rounds"]
    rounds = rounds[rounds["round_date"].dt.year.between(2021, 2023)]
    largest = rounds.sort_values("amount_eur", ascending=False).iloc[0]
    name = sample["startups"].set_index("startup_id").loc[largest["startup_id"], "name"]
    text = _text(_report(sample, "en").highlights().html)
    heading = "Largest funds raised by the start-ups "
    assert text[text.index(heading) + len(heading):].startswith(f"{name} raised ")
    acquired = sample["startups"].loc[sample["startups"]["status"] == "acquired", "name"]
    assert all(f"{n} (" in text and "has been acquired" in text for n in acquired) and len(acquired)


def test_the_analysts_api_gives_the_sections_figures(sample):
    import partnership_metrics as pm

    cohorts = pm.cohorts(sample).set_index("cohort")
    assert cohorts.loc[2016, "projects"] == 34 and not cohorts.loc[2023, "mature"] and cohorts.loc[2020, "mature"]
    _, summary = pm.time_to_milestone("maturation", sample)
    assert summary.set_index("group")["projects"].to_dict() == {"baseline": 83, "period": 105}
    assert summary.set_index("group")["reached"].to_dict() == {"baseline": 13, "period": 5}
    brought = pm.contributions(sample).set_index("partner")
    assert brought["projects_sourced"].to_dict() == {"cpp": 46, "it": 27, "joint": 32}
    assert brought.loc["joint", "leverage"] == pytest.approx(1.95, abs=0.005)
    assert pm.contributions(sample, "2018-2020").loc[2, "projects_sourced"] == 2
    found = pm.highlights(sample)
    assert {"round", "acquisition", "licence"} <= set(found["kind"])
    followed = pm.recommendations(sample, up_to=2023, as_of="2023-12-31")
    assert len(followed) == 7 and int(followed["overdue"].sum()) == 1
    assert pm.recommendations({k: v for k, v in sample.items() if k != "recommendations"}) is None


def test_institutions_are_named_and_money_for_no_project_is_labelled_as_such():
    """Directors read "CHU de Nice", not the code CHUNICE; partner money decided for no project is not a row of
    projects whose institution is "not given"."""
    import pandas as pd

    from partnership_metrics.partnership import default_partnership
    from partnership_metrics.reporting.i18n import code_label
    from partnership_metrics.reporting.portfolio_section import portfolio_parts

    assert code_label("institution", "CHUNICE", "fr") == "CHU de Nice"
    assert code_label("institution", "CHUNICE", "en") == "Nice University Hospital"
    assert code_label("institution", "APHM", "en") == "AP-HM"
    assert code_label("institution", "OTHER", "fr") == "Autre établissement"
    d = pd.Timestamp
    partnership = default_partnership()
    funder = partnership.partner_funders[0]
    tables = {
        "projects": pd.DataFrame({
            "project_id": ["P1", "P2"], "lead_institution": pd.Categorical(["CHUNICE", "APHM"]),
            "technology_type": pd.Categorical(["therapeutic", "diagnostic"]),
            "detection_date": [d("2021-02-01"), d("2022-05-01")]}),
        "funding": pd.DataFrame({
            "funding_id": ["F1", "F2"], "project_id": ["P1", None], "funder": [funder, funder],
            "amount_eur": [100_000.0, 97_000.0], "decision_date": [d("2021-03-01"), d("2022-06-01")]}),
    }
    for lang, names, no_project in (
            ("fr", ("CHU de Nice", "AP-HM"), "Financements non rattachés à un projet"),
            ("en", ("Nice University Hospital", "AP-HM"), "Funding not tied to a project")):
        html = "".join(portfolio_parts(tables, scope="2021-2023", baseline="2018-2020", lang=lang,
                                       partnership=partnership))
        text = _text(html)
        assert all(name in text for name in names), lang
        assert no_project in text and "CHUNICE" not in html and "APHM" not in text, lang
        assert "Non renseigné" not in text and "Not given" not in text, lang


def test_a_programme_of_the_baseline_only_keeps_its_row_so_the_baseline_column_adds_up():
    """H2020 proposals before 2021, none since: the programme's row stays, its baseline count shown, so that the
    column adds up to the proposals submitted in the baseline."""
    import pandas as pd

    from partnership_metrics.partnership import default_partnership
    from partnership_metrics.reporting.portfolio_section import portfolio_parts

    d = pd.Timestamp
    proposals = pd.DataFrame({
        "proposal_id": ["E1", "E2", "E3", "E4"], "programme": ["h2020", "h2020", "erc", "erc"],
        "submission_date": [d("2019-03-01"), d("2020-04-01"), d("2020-05-01"), d("2022-06-01")],
        "status": ["funded", "not_funded", "not_funded", "funded"], "granted_eur": [5e5, None, None, 1.5e6]})
    html = "".join(portfolio_parts({"eu_proposals": proposals}, scope="2021-2023", baseline="2018-2020", lang="en",
                                   partnership=default_partnership()))
    table = re.search(r"<table[^>]*>(?:(?!</table>).)*ERC(?:(?!</table>).)*</table>", html, re.S).group(0)
    rows = {_text(r.group(1)).strip(): [_text(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r.group(0), re.S)]
            for r in re.finditer(r"<tr><th[^>]*>(.*?)</th>.*?</tr>", table, re.S) if "<td" in r.group(0)}
    assert [cells[:2] for cells in rows.values()] == [["1", "1"], ["2", "0"]], rows  # ERC, then H2020
    assert sum(int(cells[0]) for cells in rows.values()) == 3


def test_partners_words_in_french_are_marked_once_in_the_english_report(sample):
    """The partners write in the partnership's first language: the English report says once under each table or
    block that quotes them that they are in French, as supplied, and never on every cell; the French one says
    nothing."""
    assert not sample["commentary"].empty and not sample["recommendations"].empty
    note = "Partners' comments: in French, as supplied by the partners."
    english, french = _report(sample, "en"), _report(sample, "fr")
    scorecard = _text(english.scorecard().html)
    assert "The partners say:" in scorecard and scorecard.count(note) == 1
    summary = _text(english.summary().html)
    assert summary.count(note) == ("The partners say:" in summary)
    recommendations = _text(english.recommendations().html)
    assert recommendations.count("Recommendations, owners and follow-up: in French, as supplied by the partners.") == 1
    for section in (french.scorecard(), french.summary(), french.recommendations(), french.highlights()):
        assert "pm-as-supplied" not in section.html, section.id


def test_the_scorecard_quotes_the_comment_of_the_year_a_gap_comes_from(sample):
    comments = sample["commentary"]
    assert not ((comments["kpi_id"] == "syn_co_supported_share") & (comments["period"] == "2021-2023")).any()
    html = _report(sample, "fr").scorecard().html
    row = re.search(r'<tr class="pm-sc-row[^"]*" data-kpi="syn_co_supported_share">.*?</tr>', html, re.S).group(0)
    assert "Aucun commentaire" not in row and "selon les partenaires, pour 2023" in row
    assert 'class="pm-comment"' in row
