"""The reading aids of the reports, piece by piece: the data cut-off and the fictional-data mark, the scorecard
(aims, exceptions first, a status that is never a colour alone), French typography, the status palette kept for
statuses, money and changes as prose and tiles write them."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pandas as pd
import pytest

import partnership_metrics as pm
from partnership_metrics.kpis.catalogue import catalogue
from partnership_metrics.kpis.formatting import format_change_against, format_money_short
from partnership_metrics.reporting import charts, scorecard
from partnership_metrics.reporting.facts import ReportFacts, cover_texts, data_cutoff, is_sample_data
from partnership_metrics.reporting.html import STATUS_COLOURS
from partnership_metrics.reporting.i18n import french_html, french_typography
from partnership_metrics.reporting.report import ThreeYearReport
from partnership_metrics.reporting.targets_review import UNREACHABLE, TargetIssue
from partnership_metrics.resources import sample_dir
from partnership_metrics.sample import expected_tables

# ---- cut-off and fictional data ----

def test_the_cutoff_is_the_latest_date_of_the_data_unless_given():
    tables = {"projects": pd.DataFrame({"detection_date": pd.to_datetime(["2021-03-01", "2023-11-30"])}),
              "events": pd.DataFrame({"event_date": pd.to_datetime(["2023-12-12", None])}),
              "commentary": pd.DataFrame({"due_date": pd.to_datetime(["2025-06-30"])}),  # ahead: not data
              "kpi_targets": pd.DataFrame({"period": ["2024"]})}
    assert data_cutoff(tables) == dt.date(2023, 12, 12)
    assert data_cutoff(tables, "2023-12-31") == dt.date(2023, 12, 31)
    assert data_cutoff({}) is None


def test_a_report_knows_its_data_are_the_sample_by_its_raw_folder_or_its_files():
    first = sorted(p for p in sample_dir().iterdir() if p.is_file())[0]
    digest = hashlib.sha256(first.read_bytes()).hexdigest()
    assert is_sample_data({"raw_dir": str(sample_dir()), "files": []})
    assert is_sample_data({"raw_dir": "/elsewhere", "files": [{"path": "copy.xlsx", "sha256": digest},
                                                              {"path": "mine.xlsx", "sha256": "0" * 64}]})
    assert not is_sample_data({"raw_dir": "/elsewhere", "files": [{"path": "mine.xlsx", "sha256": "0" * 64}]})
    assert not is_sample_data(None) and not is_sample_data({})


def test_cover_and_footer_words():
    fictional = cover_texts(ReportFacts(dt.date(2023, 12, 31), True), "Bilan du partenariat 2021-2023", "fr")
    assert fictional.cutoff == "Données arrêtées au 31 décembre 2023"
    assert fictional.footer == ("Bilan du partenariat 2021-2023 · données arrêtées au 31 décembre 2023 · "
                                "DONNÉES FICTIVES")
    assert fictional.watermark == "Données fictives"
    real = cover_texts(ReportFacts(dt.date(2023, 12, 31), False), "Partnership review 2021-2023", "en")
    assert real.watermark == "" and real.footer == "Partnership review 2021-2023 · data up to 31 December 2023"


def test_the_html_of_real_data_has_no_watermark_and_the_samples_has_one():
    import nbformat

    from partnership_metrics.reporting.html import notebook_to_html

    nb = nbformat.v4.new_notebook()
    plain = notebook_to_html(nb, lang="fr", title="T", cutoff="Données arrêtées au 31 décembre 2023")
    assert "pm-watermark" not in plain.split("</head>")[1] and "Données arrêtées au 31 décembre 2023" in plain
    marked = notebook_to_html(nb, lang="fr", title="T", watermark="Données fictives")
    assert re.search(r'<div [^>]*class="pm-watermark"[^>]*><span>Données fictives</span>', marked)


# ---- scorecard ----

def test_every_kpi_serves_exactly_one_aim_in_the_reviewed_order():
    aims = scorecard.aims()
    assert [a.id for a in aims] == ["valorisation", "training", "eu", "synergy", "funding"]
    ids = [k for a in aims for k in a.kpis]
    assert sorted(ids) == sorted(k.id for k in catalogue())
    assert scorecard.aim_of("fun_coordination_gaps").id == "synergy"  # moved by aims.yaml
    assert scorecard.aim_of("val_maturation_conversion_24m").id == "valorisation"


def test_attainment_in_the_kpis_direction():
    assert scorecard.attainment(105, 138, "up") == pytest.approx(105 / 138)
    assert scorecard.attainment(720, 880, "down") == pytest.approx(880 / 720)  # faster than the target
    assert scorecard.attainment(None, 10, "up") is None and scorecard.attainment(5, 0, "up") is None


def test_the_scorecard_puts_the_exceptions_first_within_each_aim():
    tables = expected_tables()
    kpis = pm.kpi_table(tables, period="2021-2023", lang="fr")
    issues = [TargetIssue("syn_institutions_engaged", "2021-2023", UNREACHABLE, 10.0, 8.0)]
    rows = scorecard.scorecard_rows(kpis, "2021-2023", issues=issues,
                                    explain={"val_projects_detected": ("Appel reporté", True)})
    targeted = kpis[(kpis["period"] == "2021-2023") & kpis["target"].notna()]
    assert len(rows) == len(targeted)
    aims = [r.aim for r in rows]
    assert aims == sorted(aims, key=[a.id for a in scorecard.aims()].index)  # grouped, in the aims' order
    for aim in set(aims):
        statuses = [scorecard.STATUS_ORDER.index(r.status) for r in rows if r.aim == aim]
        assert statuses == sorted(statuses), aim  # missed, close, to review, then met
    by_id = {r.kpi_id: r for r in rows}
    assert by_id["syn_institutions_engaged"].status == "review"  # an unreachable target is not scored
    assert by_id["val_projects_detected"].explanation == "Appel reporté" and by_id["val_projects_detected"].commented
    html = scorecard.scorecard_html(rows, "fr", issue_note=lambda i: "inatteignable")
    assert html.count('class="pm-sc-aim"') == len(set(aims))
    assert 'title="inatteignable">⚑</span>' in html


@pytest.mark.parametrize("status, symbol, word", [("met", "✓", "atteint"), ("close", "◐", "proche"),
                                                  ("missed", "✕", "non atteint"), ("review", "⚑", "cible à revoir")])
def test_a_status_is_a_colour_a_symbol_and_a_word(status, symbol, word):
    badge = scorecard.status_badge(status, "fr")
    assert f"status-{status}" in badge and f">{symbol}</span>" in badge and badge.endswith(f"{word}</span>")


def test_the_status_palette_is_kept_for_statuses_and_tells_close_from_missed():
    reserved = {c.lower() for c in STATUS_COLOURS.values()}
    tables = expected_tables()
    report = ThreeYearReport.from_tables(tables, lang="en")
    figures = [charts.funding_by_funder(tables["funding"], report.history_years, "en"),
               charts.events_by_organiser(tables["events"], report.history_years, "en"),
               charts.eu_success_rate(report.history, report.history_years, "en"),
               charts.synergy_trend(report.history, report.history_years, "en"),
               charts.leverage(report.history, report.history_years, "en"),
               charts.cofunding(report.history, report.history_years, "en"),
               charts.startup_rounds_by_year(tables["startup_rounds"], report.history_years, "en")]
    used = set()
    for fig in figures:
        for trace in fig.data:
            line = trace.line if "line" in trace else None
            for colour in (getattr(trace.marker, "color", None), getattr(line, "color", None)):
                if isinstance(colour, str):
                    used.add(colour.lower())
        used |= {s.line.color.lower() for s in fig.layout.shapes if s.line.color}
    assert not used & reserved, used & reserved

    def lightness(hex_colour):
        r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    # close and missed differ in lightness, not only in hue: told apart without colour vision, and in grey
    assert abs(lightness(STATUS_COLOURS["close"]) - lightness(STATUS_COLOURS["missed"])) > 0.35


# ---- French typography and honest numbers ----

@pytest.mark.parametrize("raw, typeset", [
    ("Projets dont la date de l'année", "Projets dont la date de l’année"),
    ('Note: voir "Projets"; oui? non!', "Note\u00a0: voir «\u00a0Projets\u00a0»\u00a0; oui\u00a0? non\u00a0!"),
    ("à 10:30, sur http://x.fr", "à 10:30, sur http://x.fr"),
    ("Déjà\u00a0: prêt", "Déjà\u00a0: prêt"),
])
def test_french_typography(raw, typeset):
    assert french_typography(raw) == typeset
    assert french_typography(typeset) == typeset


def test_french_typography_never_touches_markup_or_entities():
    markup = ('<p title="l&#x27;an">l&#x27;année: &lt;script&gt;alert(1)&lt;/script&gt;</p>'
              '<script>var a = "b"; x: 1</script>')
    assert french_html(markup) == ('<p title="l&#x27;an">l’année\u00a0: &lt;script&gt;alert(1)&lt;/script&gt;</p>'
                                   '<script>var a = "b"; x: 1</script>')


@pytest.mark.parametrize("value, fr, en", [
    (18_420_389, "18,4\u00a0M€", "€18.4M"), (4_060_500, "4,06\u00a0M€", "€4.06M"), (318_000, "318\u00a0k€", "€318k"),
    (999_999, "1\u00a0M€", "€1M"), (950, "950\u00a0€", "€950"), (-2_500_000, "-2,5\u00a0M€", "-€2.5M"),
])
def test_money_rounded_for_prose_and_tiles(value, fr, en):
    assert format_money_short(value, "fr") == fr and format_money_short(value, "en") == en


def test_changes_on_a_small_base_are_differences():
    assert format_change_against(2, 1, "count", "fr") == "+1"  # never +100 %
    assert format_change_against(5, 9.5, "count", "en") == "-4.5"
    assert format_change_against(33, 23, "count", "fr") == "+43,5\u00a0%"
    assert format_change_against(0.305, 0.024, "share", "en") == "+28.1 pp"
    assert format_change_against(4_060_500, 3_580_000, "eur", "fr") == "+13,4\u00a0%"


def test_counts_take_the_plural_of_their_language():
    from partnership_metrics.kpis.formatting import plural

    assert [plural(n, "fr") for n in (0, 1, 2)] == ["one", "one", "many"]  # « 0 cible atteinte »
    assert [plural(n, "en") for n in (0, 1, 2)] == ["many", "one", "many"]  # "0 targets"


def test_a_lower_is_better_kpi_at_zero_reads_its_value_and_ceiling_not_a_percentage():
    row = scorecard.ScoreRow("syn_coordination_gaps", "synergy", "Défauts de coordination", "met", 0.0, 2.0,
                             "count", scorecard.attainment(0, 2, "down"), direction="down")
    html = scorecard.scorecard_html([row], "fr", issue_note=str)
    assert "0 (cible ≤\u00a02)" in html and "150" not in re.sub(r"width:[0-9.]+%", "", html)
    assert "0 (target ≤ 2)" in scorecard.scorecard_html([row], "en", issue_note=str)
    up = scorecard.ScoreRow("val_licences", "valorisation", "Licences", "met", 3.0, 2.0, "count",
                            scorecard.attainment(3, 2, "up"))
    assert "150" in scorecard.scorecard_html([up], "en", issue_note=str)  # a percentage where one means something


def test_wording_in_the_readers_language():
    """French writes the first of a month as an ordinal; a label starting with an acronym keeps it inside a
    sentence; the source lines of the public benchmarks carry no words of one language added by us, and no file
    name is shown to directors."""
    from partnership_metrics.benchmarks import load_snapshot
    from partnership_metrics.kpis.commentary import Comment
    from partnership_metrics.reporting.i18n import format_date, lower_first
    from partnership_metrics.reporting.quality import kpis_reading
    from partnership_metrics.reporting.review_common import rt, source_line

    assert format_date(dt.date(2021, 11, 1), "fr") == "1er novembre 2021"
    assert format_date(dt.date(2021, 11, 11), "fr") == "11 novembre 2021"
    assert format_date(dt.date(2021, 11, 1), "en") == "1 November 2021"
    assert Comment("Appel reporté", due_date=dt.date(2024, 3, 1)).sentence("fr").endswith(": 1er mars 2024).")
    assert lower_first("EU support") == "EU support" and lower_first("Série A") == "série A"
    many = kpis_reading(["eu_proposals", "projects", "funding", "events"], "en")[0]
    assert "EU support" in many and "eU" not in many
    snapshot = load_snapshot()
    sources = [s for table in snapshot.tables for s in snapshot.source_of(table)]
    line = source_line(sources, "fr")
    assert "→" not in line and "processing" not in line and "published by" not in line
    for lang in ("fr", "en"):
        assert ".yaml" not in rt("partnership_benchmarks_note", lang)
