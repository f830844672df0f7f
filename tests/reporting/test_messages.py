"""Key messages are written from the numbers: hand-made KPI tables whose messages are known in advance."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import partnership_metrics as pm
from partnership_metrics.kpis import Reason
from partnership_metrics.kpis.catalogue import catalogue
from partnership_metrics.kpis.engine import COLUMNS, status_of
from partnership_metrics.reporting.messages import key_messages
from partnership_metrics.sample import expected_tables

PERIOD, BASELINE = "2021-2023", "2018-2020"


def kpi_frame(values: dict, *, period: str = PERIOD, lang: str = "fr") -> pd.DataFrame:
    """A KPI table of one scope like ``kpi_table`` returns it: ``values[kpi_id] = (value, baseline, target[,
    previous])``; every other KPI of the catalogue is present with a null value and no target."""
    rows = []
    for kpi in catalogue():
        value, baseline, target, *rest = values.get(kpi.id, (None, None, None))
        previous = rest[0] if rest else None
        nan = lambda x: np.nan if x is None else float(x)  # noqa: E731
        status = status_of(value, target, kpi.direction)
        reason = Reason("no_project_detected", {"years": period}) if value is None else None
        pct = None if value is None or baseline in (None, 0) else (value - baseline) / abs(baseline)
        rows.append({
            "kpi_id": kpi.id, "period": period, "value": nan(value), "unit": kpi.unit, "target": nan(target),
            "status": status, "baseline": nan(baseline), "reason": reason and reason.text(lang),
            "reason_code": reason and reason.code, "reason_params": reason and reason.params_json(),
            "label": kpi.label(lang),
            "area": kpi.area, "direction": kpi.direction, "previous": nan(previous),
            "change_vs_previous": nan(None if value is None or previous is None else value - previous),
            "change_vs_baseline": nan(None if value is None or baseline is None else value - baseline),
            "pct_vs_baseline": nan(pct),
        })
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for column in ("status", "reason", "reason_code", "reason_params"):  # text with missing cells, as kpi_table
        # types them (not "None")
        frame[column] = pd.Series(frame[column].tolist(), dtype="str")
    return frame


GOOD_PERIOD = {
    "val_projects_detected": (105, 83, 138),  # missed, +26.5 %
    "val_licences": (16, 14, 15),  # met
    "trn_events": (33, 23, 34),  # close
    "fun_external_eur": (18_000_000, 6_000_000, None),  # +200 %: the largest rise
    "val_startups_created": (3, 6, 4),  # missed, -50 %: the largest fall
    "eu_success_rate": (0.192, 0.176, 0.18),
    "eu_proposals_funded": (5, 6, None),
    "syn_joint_sourcing_share": (0.305, 0.024, None),
    "syn_co_supported_share": (0.457, 0.108, None),
    "syn_joint_event_share": (0.485, 0.087, None),
}


def _all(messages: list[str]) -> str:
    return "\n".join(messages)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_between_three_and_seven_messages(lang):
    messages = key_messages(kpi_frame(GOOD_PERIOD, lang=lang), lang, baseline=BASELINE)
    assert 3 <= len(messages) <= 7
    assert len(set(messages)) == len(messages)
    assert all(m.endswith(".") and m[0].isupper() for m in messages)


def test_targets_are_counted_and_the_missed_ones_come_first_with_why_fr():
    messages = key_messages(kpi_frame(GOOD_PERIOD), "fr", baseline=BASELINE)
    # targets: projects missed, licences met, events close, start-ups missed, EU rate met
    assert messages[0] == ("Cibles 2021-2023\u00a0: 2\u00a0atteintes sur 5, 1\u00a0proche (à moins de 10\u00a0%) et "
                           "2\u00a0non atteintes.")
    # exceptions first: each target missed, furthest first, with why — here no comment was supplied, and it says so
    assert messages[1] == "Start-up créées\u00a0: 3 pour une cible de 4. Aucun commentaire des partenaires."
    assert messages[2] == "Projets détectés\u00a0: 105 pour une cible de 138. Aucun commentaire des partenaires."


def test_targets_are_counted_and_the_missed_ones_come_first_with_why_en():
    messages = key_messages(kpi_frame(GOOD_PERIOD, lang="en"), "en", baseline=BASELINE)
    assert messages[0] == "Targets for 2021-2023: 2 met out of 5, 1 close (within 10%) and 2 missed."
    assert messages[1] == "Start-ups created: 3 against a target of 4. No comment supplied."


def test_a_missed_target_says_why_with_the_partners_comment_or_the_data():
    import datetime as dt

    from partnership_metrics.reporting.commentary import Comment
    from partnership_metrics.reporting.messages import MessageContext

    comment = Comment("Appel 2022 reporté", "Deux appels en 2024", "Cellule valorisation", dt.date(2024, 6, 30))
    context = MessageContext(comments={"val_projects_detected": comment},
                             drivers={"val_startups_created": ["l’écart vient surtout de 2021\u00a0: 0 pour une "
                                                               "cible de 2"]})
    messages = key_messages(kpi_frame(GOOD_PERIOD), "fr", baseline=BASELINE, context=context)
    assert ("Projets détectés\u00a0: 105 pour une cible de 138. Selon les partenaires\u00a0: Appel 2022 reporté\u00a0; "
            "action\u00a0: Deux appels en 2024 (responsable\u00a0: Cellule valorisation\u00a0; échéance\u00a0: "
            "30 juin 2024).") in messages
    assert ("Start-up créées\u00a0: 3 pour une cible de 4. Aucun commentaire des partenaires\u00a0; les données "
            "montrent\u00a0: l’écart vient surtout de 2021\u00a0: 0 pour une cible de 2.") in messages


def test_a_target_to_review_is_not_scored_and_a_weak_target_met_is_named():
    from partnership_metrics.reporting.messages import MessageContext
    from partnership_metrics.reporting.targets_review import BELOW_BASELINE, TargetIssue

    context = MessageContext(statuses={"val_projects_detected": "review"},
                             issues=[TargetIssue("val_licences", PERIOD, BELOW_BASELINE, 15.0, 16.0)])
    text = _all(key_messages(kpi_frame(GOOD_PERIOD), "fr", baseline=BASELINE, context=context))
    assert "Cibles 2021-2023\u00a0: 2\u00a0atteintes sur 4, 1\u00a0proche (à moins de 10\u00a0%) et 1\u00a0non atteinte." in text
    assert "Une cible est à revoir et n’est pas évaluée\u00a0: Projets détectés." in text
    assert "Une cible atteinte demande moins que la référence\u00a0: Licences signées." in text
    assert "Projets détectés\u00a0: 105" not in text  # not scored: no "missed" message


def test_all_targets_met_is_said_plainly():
    values = {"val_licences": (16, 14, 15), "trn_events": (40, 23, 34)}
    assert "Les 2 cibles fixées pour 2021-2023 sont toutes atteintes." in key_messages(kpi_frame(values), "fr")


def test_the_largest_rise_and_fall_against_the_baseline():
    messages = key_messages(kpi_frame(GOOD_PERIOD), "fr", baseline=BASELINE)
    rises = next(m for m in messages if m.startswith("Plus fortes progressions"))
    assert rises.startswith("Plus fortes progressions par rapport à 2018-2020\u00a0: Financements externes "
                            "mobilisés +200,0\u00a0% (18\u00a0M€ contre 6\u00a0M€)")  # money rounded in prose
    assert "Événements organisés +43,5\u00a0% (33 contre 23)" in rises  # the second largest
    falls = next(m for m in messages if m.startswith("Principaux reculs"))
    assert "Start-up créées -3 (3 contre 6)" in falls  # a base below 10: the difference, not -50 %
    assert not re.search(r"[+-]\d+,\d\u00a0% \(\d \b", _all(messages))


def test_a_rise_of_a_lower_is_better_kpi_is_a_decline():
    values = {"val_median_days_to_maturation": (900, 600, None), "val_licences": (30, 10, None),
              "trn_events": (10, 10, 10)}
    messages = key_messages(kpi_frame(values, lang="en"), "en", baseline=BASELINE)
    assert any(m.startswith("Main declines") and "Median days from detection to maturation +50.0%" in m
               for m in messages)
    assert any(m.startswith("Largest improvements") and "Licences signed +200.0%" in m for m in messages)


def test_small_moves_are_not_headlines():
    values = {"val_licences": (15, 14, 10), "trn_events": (3, 1, None), "trn_attendees": (2, 1, None)}
    messages = key_messages(kpi_frame(values), "fr", baseline=BASELINE)
    assert not any("progressions" in m or "reculs" in m for m in messages)  # +7 %, and counts below 3


@pytest.mark.parametrize("shares, expected", [
    ((0.30, 0.02), "Les synergies progressent par rapport à 2018-2020"),
    ((0.02, 0.30), "Les synergies reculent par rapport à 2018-2020"),
])
def test_synergy_trend_up_or_down(shares, expected):
    value, baseline = shares
    values = {k: (value, baseline, None) for k in
              ("syn_joint_sourcing_share", "syn_co_supported_share", "syn_joint_event_share")}
    messages = key_messages(kpi_frame(values), "fr", baseline=BASELINE)
    synergy = next(m for m in messages if m.startswith("Les synergies"))
    assert synergy.startswith(expected)
    assert f"sourcing conjoint {value * 100:.1f}".replace(".", ",") in synergy
    assert "(contre " in synergy


def test_synergy_trend_mixed_in_english():
    values = {"syn_joint_sourcing_share": (0.30, 0.02, None), "syn_co_supported_share": (0.10, 0.40, None)}
    messages = key_messages(kpi_frame(values, lang="en"), "en", baseline=BASELINE)
    assert ("Synergies are mixed against 2018-2020: joint sourcing 30.0% (against 2.0%) and co-support 10.0% "
            "(against 40.0%).") in messages


@pytest.mark.parametrize("rate, fr, en", [
    (0.25, "au-dessus du repère de 15,9\u00a0% en 2023 (Horizon Europe, taux de succès moyen",
     "above the benchmark of 15.9% in 2023 (Horizon Europe, average success rate"),
    (0.10, "en dessous du repère de 15,9\u00a0% en 2023 (Horizon Europe",
     "below the benchmark of 15.9% in 2023 (Horizon Europe"),
])
def test_eu_success_rate_against_the_partnerships_benchmark_with_year_and_source(rate, fr, en):
    values = {"eu_success_rate": (rate, 0.2, None), "eu_proposals_funded": (1, 2, None)}
    french = [m for m in key_messages(kpi_frame(values), "fr") if fr in m]
    assert french and "source\u00a0: European Commission, Horizon Europe dashboard)." in french[0]
    english = key_messages(kpi_frame(values, lang="en"), "en")
    assert any(en in m and "(1 proposal funded)" in m and "source: European Commission" in m for m in english)


def test_no_benchmark_no_message_about_it():
    from dataclasses import replace

    from partnership_metrics.partnership import default_partnership

    values = {**GOOD_PERIOD, "eu_success_rate": (0.25, 0.2, None), "eu_proposals_funded": (1, 2, None)}
    assert any("Le taux de succès européen" in m for m in key_messages(kpi_frame(values), "fr", baseline=BASELINE))
    without = replace(default_partnership(), benchmarks=())
    messages = key_messages(kpi_frame(values), "fr", baseline=BASELINE, partnership=without)
    assert messages and not any("Le taux de succès européen" in m for m in messages)


def test_no_message_about_a_null_value():
    values = dict(GOOD_PERIOD)
    values["eu_success_rate"] = (None, 0.176, 0.18)  # a target, no value
    values["fun_external_eur"] = (None, 6_000_000, None)
    values["syn_joint_event_share"] = (None, 0.087, None)
    messages = key_messages(kpi_frame(values), "fr", baseline=BASELINE)
    text = _all(messages)
    for label in ("Taux de succès", "Horizon Europe", "Financements externes", "événements conjoints"):
        assert label not in text
    assert "Une cible ne peut pas être évaluée faute de données." in text
    assert not re.search(r"\bnan\b|\bNone\b", text, re.I)


def test_annual_review_compares_with_the_previous_year():
    values = {
        "fun_partnership_eur": (1_927_500, 1_341_833, 2_310_000, 1_085_500),
        "val_licences": (5, 4.7, 6, 6),
        "syn_co_funded_projects": (6, 2.3, 9, 4),
    }
    messages = key_messages(kpi_frame(values, period="2023"), "fr", baseline=BASELINE)
    previous = next(m for m in messages if m.startswith("Par rapport à 2022"))
    assert "Financements des partenaires +77,6\u00a0%" in previous
    assert "Projets cofinancés +2 (6 contre 4)" in previous  # 4 -> 6: +2, not +50 %
    rises = next(m for m in messages if m.startswith("Plus fortes progressions"))
    assert "(6 contre 2,3 en moyenne annuelle)" in rises  # a count's baseline is a yearly average
    assert messages[0].startswith("Cibles 2023")
    # a rise that still falls short of its target says so; the falls since the year before have their own message
    assert "Projets cofinancés +2 (6 contre 4), encore sous sa cible de 9" in previous
    falls = next(m for m in messages if m.startswith("Par rapport à 2022, les plus fortes baisses"))
    assert "Licences signées -1 (5 contre 6)" in falls


def test_scope_must_exist():
    with pytest.raises(ValueError, match="2030"):
        key_messages(kpi_frame(GOOD_PERIOD), "fr", scope="2030")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_messages_of_the_real_engine_on_the_sample_partnership(lang):
    tables = expected_tables()
    kpis = pm.kpi_table(tables, period=PERIOD, baseline=BASELINE, lang=lang)
    messages = key_messages(kpis, lang, baseline=BASELINE)
    assert 3 <= len(messages) <= 7
    period = kpis[kpis["period"] == PERIOD].set_index("kpi_id")
    met = int((period["status"] == "met").sum())
    assessed = int(period["status"].isin(["met", "close", "missed"]).sum())
    first = messages[0]
    assert str(met) in first and str(assessed) in first
    assert not any(re.search(r"\bnan\b|\bNone\b", m, re.I) for m in messages)
    annual = pm.kpi_table(tables, year=2023, baseline=BASELINE, lang=lang)
    assert 3 <= len(key_messages(annual, lang, baseline=BASELINE)) <= 7


def test_the_eu_rate_says_how_many_proposals_are_decided_and_pending_and_how_uncertain_it_is():
    from partnership_metrics.kpis.stats import Outcomes
    from partnership_metrics.reporting.messages import MessageContext

    values = {"eu_success_rate": (0.2, 0.176, None), "eu_proposals_funded": (1, 2, None)}
    context = MessageContext(outcomes=Outcomes(funded=1, not_funded=4, pending=5))
    french = next(m for m in key_messages(kpi_frame(values), "fr", context=context) if "taux de succès" in m)
    # 1 out of 5 decided, 5 pending: a reader dividing 1 by 10 is told why not; the interval holds the benchmark
    assert "20,0\u00a0% (1\u00a0financée sur 5\u00a0décidées, 5\u00a0en attente)" in french
    assert "il ne se distingue pas du repère de 15,9\u00a0% en 2023" in french
    assert "intervalle de confiance à 95\u00a0% de 3,6\u00a0% à 62,4\u00a0%" in french
    assert "source\u00a0: European Commission, Horizon Europe dashboard" in french  # the benchmark's year and source
    english = next(m for m in key_messages(kpi_frame(values, lang="en"), "en", context=MessageContext(
        outcomes=Outcomes(funded=40, not_funded=60, pending=0))) if "success rate" in m)
    assert "(40 funded out of 100 decided)" in english and "above the benchmark of 15.9% in 2023" in english
    assert "confidence" not in english  # 100 decisions: no interval needed


def test_a_synergy_rise_does_not_hide_a_yearly_decline():
    values = {"syn_joint_sourcing_share": (0.305, 0.024, None), "syn_co_supported_share": (0.457, 0.108, None)}
    frame = kpi_frame(values)
    years = []
    for year, share in (("2021", 0.364), ("2022", 0.324), ("2023", 0.229)):
        row = frame[frame["kpi_id"] == "syn_joint_sourcing_share"].copy()
        row["period"], row["value"] = year, share
        years.append(row)
    frame = pd.concat(years + [frame], ignore_index=True)
    synergy = next(m for m in key_messages(frame, "fr", baseline=BASELINE) if m.startswith("Les synergies"))
    assert synergy.startswith("Les synergies progressent par rapport à 2018-2020")
    assert synergy.endswith("\u00a0; mais sourcing conjoint en baisse chaque année (36,4\u00a0% → 32,4\u00a0% → "
                            "22,9\u00a0%).")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_per_cent_change_on_a_small_base_and_money_rounded_in_prose(lang):
    values = {"val_startups_created": (8, 3, None, 4), "val_licences": (30, 10, None, 20),
              "fun_external_eur": (18_420_389, 6_308_460, None, 7_186_175)}
    messages = key_messages(kpi_frame(values, period="2023", lang=lang), lang, baseline=BASELINE)
    text = _all(messages)
    assert "+4 (8 " in text  # 4 -> 8 start-ups since the year before: +4, not +100 %
    assert "+100" not in text
    assert ("+200,0\u00a0% (30" if lang == "fr" else "+200.0% (30") in text  # a base of 10 is enough
    assert ("18,4\u00a0M€" if lang == "fr" else "€18.4M") in text and "18\u202f420\u202f389" not in text
    assert "18,420,389" not in text


def test_a_shortfall_attributed_to_a_year_quotes_that_years_comment():
    """No comment on the period, one on 2023, and 2023 is the year furthest short of its target: the explanation
    quotes the 2023 comment instead of "no comment supplied"."""
    import pandas as pd

    from partnership_metrics.reporting.commentary import Comment, gap_year_comment
    from partnership_metrics.reporting.messages import MessageContext, why

    rows = [("2021", 0.50, 0.45), ("2022", 0.48, 0.48), ("2023", 0.429, 0.52), ("2021-2023", 0.457, 0.47)]
    kpis = pd.DataFrame({"kpi_id": "syn_co_supported_share", "period": [p for p, _, _ in rows],
                         "value": [v for _, v, _ in rows], "target": [t for _, _, t in rows], "unit": "share",
                         "direction": "up"})
    comments = {("syn_co_supported_share", "2023"): Comment("Les nouveaux projets sont suivis par un seul partenaire"),
                ("syn_co_supported_share", "2022"): Comment("Autre année")}
    found = gap_year_comment("syn_co_supported_share", kpis, [2021, 2022, 2023], comments, "fr")
    assert found.year == 2023 and found.value == "42,9\u00a0%" and found.target == "52,0\u00a0%"
    said = why("syn_co_supported_share", "fr", MessageContext(year_comments={"syn_co_supported_share": found}))
    assert "Aucun commentaire" not in said
    assert said.startswith("L’écart vient surtout de 2023 (42,9\u00a0% pour une cible de 52,0\u00a0%)")
    assert "selon les partenaires, pour 2023\u00a0: Les nouveaux projets sont suivis par un seul partenaire." in said
    # no comment on the year of the gap: nothing to quote
    assert gap_year_comment("syn_co_supported_share", kpis, [2021, 2022, 2023],
                            {("syn_co_supported_share", "2022"): Comment("Autre année")}, "fr") is None
