"""Every KPI of the catalogue on the hand-built fixture of conftest.py, per year and pooled, worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from partnership_metrics.kpis import Reason, catalogue, get_kpi

PERIOD = (2021, 2022, 2023)

# kpi_id -> {2021, 2022, 2023, (2021, 2022, 2023)}: the arithmetic is in the comments (Pn, Fn, En... are rows of
# conftest.py). A period value is recomputed on the pooled rows.
EXPECTED = {
    # detection: P1, P2, P3 in 2021; P4, P5 in 2022; P6 in 2023 (P7 2020, P8 2019 are outside)
    "val_projects_detected": {2021: 3, 2022: 2, 2023: 1, PERIOD: 6},
    # disclosure: P1 2021-06, P4 2022-04, P6 2023-03 (P7 2020)
    "val_invention_disclosures": {2021: 1, 2022: 1, 2023: 1, PERIOD: 3},
    # priority filing: P1 2022-01, P4 2022-09; none in 2021 or 2023 -> 0, not null
    "val_priority_filings": {2021: 0, 2022: 2, 2023: 0, PERIOD: 2},
    # maturation start: P1 2021-12, P7 2021-04 | P2 2022-03, P5 2022-07 | P4 2023-01 (P6 2024, P8 2020 outside)
    "val_maturation_projects": {2021: 2, 2022: 2, 2023: 1, PERIOD: 5},
    # maturation + proof_of_concept lines, any funder: 2021 F1 100k + F2 150k + F14 30k = 280k;
    # 2022 F6 300k; 2023 F5 80k + F13 70k + F17 15k = 165k; period 745k (F11 is 2020)
    "val_maturation_eur": {2021: 280_000, 2022: 300_000, 2023: 165_000, PERIOD: 745_000},
    # licence: P7 2022-02 | P1 2023-05, P4 2023-11
    "val_licences": {2021: 0, 2022: 1, 2023: 2, PERIOD: 3},
    # creation: S3 2021, S1 2022, S2 2023 (S4 2020)
    "val_startups_created": {2021: 1, 2022: 1, 2023: 1, PERIOD: 3},
    # rounds: 2021 R5 200k; 2022 R1 500k + R3 300k = 800k; 2023 R2 2M + R4 1M = 3M; period 4M
    "val_startup_funds_raised_eur": {2021: 200_000, 2022: 800_000, 2023: 3_000_000, PERIOD: 4_000_000},
    # days detection -> maturation: 2021 P1 303 (02-01 -> 12-01), P7 365 -> median 334;
    # 2022 P2 365, P5 30 -> 197.5; 2023 P4 365; pooled [30, 303, 365, 365, 365] -> 365 (mean of medians: 298.8)
    "val_median_days_to_maturation": {2021: 334.0, 2022: 197.5, 2023: 365.0, PERIOD: 365.0},
    # end of period 2023-12-31: 2021 P1, P2 of P1-P3 -> 2/3; 2022 P4, P5 -> 2/2; 2023 P6 starts 2024 -> 0/1;
    # pooled 4/6
    "val_maturation_conversion": {2021: 2 / 3, 2022: 1.0, 2023: 0.0, PERIOD: 4 / 6},
    # events: E1, E2 | E3, E4, E5 | E6
    "trn_events": {2021: 2, 2022: 3, 2023: 1, PERIOD: 6},
    # attendees: 20 + 30 | 50 + 10 + 40 | 25
    "trn_attendees": {2021: 50, 2022: 100, 2023: 25, PERIOD: 175},
    # units: 2021 U1068, U1104 (empty and missing units ignored); 2022 UMR7258, U1104; 2023 U1065;
    # pooled distinct U1068, U1104, UMR7258, U1065 = 4 (not 2 + 2 + 1); E99 is not an event
    "trn_units_reached": {2021: 2, 2022: 2, 2023: 1, PERIOD: 4},
    # satisfaction: 2021 E1 4.0 (E2 empty); 2022 (3 + 5 + 4.5) / 3; 2023 none -> null; pooled (4+3+5+4.5)/4
    "trn_satisfaction": {2021: 4.0, 2022: 12.5 / 3, 2023: None, PERIOD: 16.5 / 4},
    # not withdrawn: EU1, EU2 | EU4, EU5, EU6, EU7 | EU8 (EU3, EU9 withdrawn)
    "eu_proposals_submitted": {2021: 2, 2022: 4, 2023: 1, PERIOD: 7},
    # funded: EU1 | EU5 | none
    "eu_proposals_funded": {2021: 1, 2022: 1, 2023: 0, PERIOD: 2},
    # 2021 1 / (1 + 1); 2022 1 / (1 + 2) (EU4 pending out); 2023 only pending/withdrawn -> null; pooled 2 / 5
    "eu_success_rate": {2021: 0.5, 2022: 1 / 3, 2023: None, PERIOD: 0.4},
    # granted of funded: EU1 500k | EU5 250k | 0
    "eu_funding_secured_eur": {2021: 500_000, 2022: 250_000, 2023: 0, PERIOD: 750_000},
    # coordinator among submitted: 2021 EU1 of 2; 2022 EU4, EU7 of 4; 2023 0 of 1 (EU9 withdrawn); pooled 3 / 7
    "eu_coordinator_share": {2021: 0.5, 2022: 0.5, 2023: 0.0, PERIOD: 3 / 7},
    # joint sourcing: P1 of 3 | P4 of 2 | 0 of 1; pooled 2 / 6 (the mean of yearly shares would be 0.278)
    "syn_joint_sourcing_share": {2021: 1 / 3, 2022: 0.5, 2023: 0.0, PERIOD: 2 / 6},
    # supported by both: P1 of 3 | P5 of 2 | 0 of 1; pooled 2 / 6
    "syn_co_supported_share": {2021: 1 / 3, 2022: 0.5, 2023: 0.0, PERIOD: 2 / 6},
    # later of the partners' first decisions: P1 max(2021-03, 2021-10) and P7 max(2021-02, 2021-08) -> 2021;
    # P4 max(2022-11, 2022-03) -> 2022 (its 2023 lines do not count it again); P2 max(2021-06, 2023-02) -> 2023
    "syn_co_funded_projects": {2021: 2, 2022: 1, 2023: 1, PERIOD: 4},
    # joint events: E2 of 2 | E4 of 3 | E6 of 1; pooled 3 / 6 (mean of yearly shares: 0.611)
    "syn_joint_event_share": {2021: 0.5, 2022: 1 / 3, 2023: 1.0, PERIOD: 0.5},
    # lead institutions without OTHER: AMU, UCA | IPC, AMU | APHM; pooled AMU, UCA, IPC, APHM = 4 (not 5)
    "syn_institutions_engaged": {2021: 2, 2022: 2, 2023: 1, PERIOD: 4},
    # partner lines: 2021 F1 100k + F2 150k + F4 50k + F14 30k + F15 20k = 350k;
    # 2022 F6 300k + F7 40k + F9 25k (no project) = 365k; 2023 F5 80k + F13 70k + F16 10k + F17 15k = 175k
    "fun_partnership_eur": {2021: 350_000, 2022: 365_000, 2023: 175_000, PERIOD: 890_000},
    # partner-funded projects (any date): P1, P2, P4, P7, P8, PX. Non-partner lines on them: F12 (P8) 90k 2021,
    # F3 (P1) 200k 2022, F8 (P4) 400k 2023 (F10 is on P5: no partner line). Rounds of start-ups founded on
    # them: S4 (P8) R5 200k 2021, S1 (P1) R1 500k 2022 + R2 2M 2023, S2 (P4) R4 1M 2023 (S3 has no project).
    # 2021 90k + 200k; 2022 200k + 500k; 2023 400k + 2M + 1M
    "fun_external_eur": {2021: 290_000, 2022: 700_000, 2023: 3_400_000, PERIOD: 4_390_000},
    # external / partnership: 290/350 | 700/365 | 3400/175 | pooled 4390/890
    "fun_leverage_ratio": {2021: 290 / 350, 2022: 700 / 365, 2023: 3400 / 175, PERIOD: 4390 / 890},
    # partnership / (licences + start-ups): 350k / (0+1) | 365k / (1+1) | 175k / (2+1) | 890k / (3+3)
    "fun_cost_per_outcome_eur": {2021: 350_000, 2022: 182_500, 2023: 175_000 / 3, PERIOD: 890_000 / 6},
    # partner money per lead institution of a known project:
    # 2021 AMU 250k (F1, F2), UCA 50k (F4), CAL 50k (F14, F15) -> (25 + 1 + 1) / 49;
    # 2022 IPC 340k (F6, F7; F9 has no project) -> 1; 2023 UCA 80k (F5), IPC 25k (F16, F17), F13 unknown PX
    # -> (80² + 25²) / 105²; pooled AMU 250k, UCA 130k, CAL 50k, IPC 365k -> (250² + 130² + 50² + 365²) / 795²
    "fun_funding_concentration_hhi": {
        2021: 27 / 49, 2022: 1.0, 2023: (80**2 + 25**2) / 105**2,
        PERIOD: (250**2 + 130**2 + 50**2 + 365**2) / 795**2,
    },
    # both partners in the same year, not supported by both: P7 (it) 2021 | P4 (it) 2022 | P4 again 2023;
    # P1 is supported by both, P2's lines are in 2021 and 2023. Period: sum of the years = 3
    "fun_coordination_gaps": {2021: 1, 2022: 1, 2023: 1, PERIOD: 3},
    # added after the catalogue's 30: within 24 months of detection, cohorts that ended 24 months before
    # 2023-12-31 only (2021). 2021: P1 (02-01 -> 12-01) and P2 (03-01 -> 2022-03-01) of P1-P3 -> 2/3;
    # 2022 and 2023 too early (null, never 0); the period pools its mature years only: 2021 -> 2/3
    "val_maturation_conversion_24m": {2021: 2 / 3, 2022: None, 2023: None, PERIOD: 2 / 3},
}


def test_every_kpi_has_a_hand_computed_expectation():
    assert list(EXPECTED) == [k.id for k in catalogue()]


@pytest.mark.parametrize("kpi_id", list(EXPECTED))
@pytest.mark.parametrize("years", [2021, 2022, 2023, PERIOD], ids=["2021", "2022", "2023", "2021-2023"])
def test_kpi_value(tables, kpi_id, years):
    value, reason = get_kpi(kpi_id).compute(tables, years, pd.Timestamp("2023-12-31"))
    expected = EXPECTED[kpi_id][years]
    if expected is None:
        assert value is None
        assert reason
    else:
        assert value == pytest.approx(expected, rel=1e-12), reason
        assert reason is None


def test_counts_are_python_ints(tables):
    for kpi in catalogue():
        if kpi.unit == "count":
            assert isinstance(kpi.compute(tables, PERIOD).value, int), kpi.id


def test_additive_kpis_are_the_sum_of_their_years(tables):
    for kpi in catalogue():
        if kpi.additive:
            yearly = sum(EXPECTED[kpi.id][y] for y in (2021, 2022, 2023))
            assert EXPECTED[kpi.id][PERIOD] == pytest.approx(yearly), kpi.id


def test_pooled_shares_are_not_averages_of_yearly_shares(tables):
    # 2021 1/3, 2022 1/2, 2023 0: the mean is 5/18 = 0.278 but 2 of the 6 projects were sourced jointly
    kpi = get_kpi("syn_joint_sourcing_share")
    yearly = [kpi.compute(tables, y).value for y in (2021, 2022, 2023)]
    pooled = kpi.compute(tables, PERIOD).value
    assert sum(yearly) / 3 == pytest.approx(5 / 18)
    assert pooled == pytest.approx(1 / 3)


def test_null_reasons_name_the_years(tables):
    assert get_kpi("eu_success_rate").compute(tables, 2023) == (None, Reason("no_decided_proposal", {"years": "2023"}))
    reason = get_kpi("trn_satisfaction").compute(tables, 2023).reason
    assert reason == Reason("no_satisfaction_score", {"years": "2023"})
    assert reason.text("en") == "no event with a satisfaction score in 2023"
    assert reason.text("fr") == "aucun événement avec une note de satisfaction en 2023"
    pooled = get_kpi("eu_success_rate").compute(tables, (2023, 2025)).reason
    assert pooled.params == {"years": "2023, 2025"} and pooled.params_json() == '{"years": "2023, 2025"}'
    assert Reason.from_json(pooled.code, pooled.params_json()) == pooled


def test_conversion_uses_the_end_of_the_report_period(tables):
    kpi = get_kpi("val_maturation_conversion")
    # P7 (detected 2020) starts maturation 2021-04-01; P8 (2019) on 2020-01-01.
    assert kpi.compute(tables, (2018, 2019, 2020), "2020-12-31").value == 0.5
    assert kpi.compute(tables, (2018, 2019, 2020), "2023-12-31").value == 1.0
    # P6 (2023) starts 2024-02-01: converted only if the report period ran into 2024
    assert kpi.compute(tables, 2023, "2024-12-31").value == 1.0
    # default end: 31 December of the last year
    assert kpi.compute(tables, 2023).value == 0.0


def test_conversion_within_24_months_judges_old_enough_cohorts_only(tables):
    kpi = get_kpi("val_maturation_conversion_24m")
    too_early = kpi.compute(tables, 2023, "2023-12-31")
    assert too_early.value is None and too_early.reason.code == "cohort_too_recent"
    assert too_early.reason.text("en").startswith("too early")
    assert too_early.reason.text("fr").startswith("trop tôt")
    # P7 (detected 2020-04-01) starts 2021-04-01: within 24 months, judged once 2020 ended 24 months before the end
    assert kpi.compute(tables, 2020, "2022-12-31").value == 1.0
    assert kpi.compute(tables, 2020, "2022-12-30").value is None
    # P8 (2019-01-01 -> 2020-01-01) and P7: the baseline's mature years are 2019 and 2020 at the end of 2022
    assert kpi.compute(tables, (2018, 2019, 2020), "2022-12-31").value == 1.0
    # P6 (2023-02-01) starts 2024-02-01: 12 months, within the window once 2023 is old enough
    assert kpi.compute(tables, 2023, "2025-12-31").value == 1.0
    # P1 (2021-02-01) would count as late had its maturation started after 2023-02-01: 24 months to the day
    late = {**tables, "projects": tables["projects"].assign(
        maturation_start_date=tables["projects"]["maturation_start_date"].where(
            tables["projects"]["project_id"] != "P1", pd.Timestamp("2023-02-02")))}
    assert kpi.compute(late, 2021, "2023-12-31").value == pytest.approx(1 / 3)


def test_missing_table_gives_null_with_reason_for_its_kpis_only(tables):
    del tables["eu_proposals"]
    for kpi in catalogue():
        value, reason = kpi.compute(tables, PERIOD)
        if kpi.area == "eu":
            assert value is None and reason == Reason("table_missing", {"table": "eu_proposals"})
            assert reason.text("en") == "the eu_proposals table is missing"
        else:
            assert value is not None, (kpi.id, reason)


def test_missing_column_gives_null_with_reason(tables):
    tables["events"] = tables["events"].drop(columns="satisfaction")
    reason = get_kpi("trn_satisfaction").compute(tables, 2021).reason
    assert reason == Reason("column_missing", {"table": "events", "column": "satisfaction"})
    assert reason.text("en") == "column satisfaction is missing from the events table"
    assert reason.text("fr") == "la colonne satisfaction est absente de la table events"


def test_external_funding_needs_the_startup_tables(tables):
    del tables["startup_rounds"]
    missing = Reason("table_missing", {"table": "startup_rounds"})
    assert get_kpi("fun_external_eur").compute(tables, 2021) == (None, missing)
    assert get_kpi("fun_leverage_ratio").compute(tables, 2021).reason == missing


def test_units_reached_needs_events_to_date_attendance(tables):
    del tables["events"]
    assert get_kpi("trn_units_reached").compute(tables, 2021) == (None, Reason("table_missing", {"table": "events"}))


def test_empty_tables_give_zero_counts_and_null_shares(tables):
    empty = {name: df.iloc[0:0] for name, df in tables.items()}
    for kpi in catalogue():
        value, reason = kpi.compute(empty, 2022)
        if kpi.unit == "count" or kpi.id.endswith("_eur") and kpi.additive:
            assert value == 0, kpi.id
        else:
            assert value is None and reason, kpi.id


def test_empty_denominators(tables):
    def reason(kpi_id, year):
        value, why = get_kpi(kpi_id).compute(tables, year)
        assert value is None
        return why.code, why.text("en")

    assert reason("fun_cost_per_outcome_eur", 2019) == (
        "no_outcome", "no licence signed and no start-up created in 2019")
    assert reason("fun_leverage_ratio", 2019) == ("no_partner_funding", "no partner funding decided in 2019")
    assert reason("fun_funding_concentration_hhi", 2019) == (
        "no_partner_funding_on_known_project", "no partner funding on a known project decided in 2019")
    assert reason("val_maturation_conversion", 2024) == ("no_project_detected", "no project detected in 2024")
    assert reason("syn_joint_event_share", 2019) == ("no_event", "no event in 2019")
    assert get_kpi("val_median_days_to_maturation").compute(tables, 2019).value is None


def test_hhi_of_a_single_institution_is_one(tables):
    # 2022: all known-project partner money goes to IPC (P4); 2020: F11 on P8 (OTHER counts as one institution)
    hhi = get_kpi("fun_funding_concentration_hhi")
    assert hhi.compute(tables, 2022).value == 1.0
    assert hhi.compute(tables, 2020).value == 1.0


def test_co_funding_is_counted_once_in_the_later_first_decision_year(tables):
    kpi = get_kpi("syn_co_funded_projects")
    # P2: CPP first decided 2021-06-01, IT 2023-02-01 -> 2023 only. Moving its IT line to 2020 moves it to 2021.
    funding = tables["funding"]
    funding.loc[funding["funding_id"] == "F5", "decision_date"] = pd.Timestamp("2020-01-01")
    assert [kpi.compute(tables, y).value for y in (2021, 2022, 2023)] == [3, 1, 0]
    assert kpi.compute(tables, PERIOD).value == 4


def test_coordination_gap_needs_both_partners_in_the_same_year(tables):
    kpi = get_kpi("fun_coordination_gaps")
    # marking P4 as supported by both removes its 2022 and 2023 gaps; P7 (2021) stays
    projects = tables["projects"]
    projects.loc[projects["project_id"] == "P4", "supported_by"] = "both"
    assert [kpi.compute(tables, y).value for y in (2021, 2022, 2023)] == [1, 0, 0]


def test_formulas_accept_plain_object_columns(tables):
    # hand-made frames without categories or datetimes (dates as ISO text) give the same values
    plain = {name: df.astype("object").where(df.notna(), None) for name, df in tables.items()}
    for name in ("projects", "funding", "startups", "startup_rounds", "events", "eu_proposals"):
        for col in plain[name].columns:
            if col.endswith("_date"):
                plain[name][col] = tables[name][col].dt.strftime("%Y-%m-%d").astype("object")
    for kpi in catalogue():
        assert kpi.compute(plain, PERIOD) == pytest.approx(kpi.compute(tables, PERIOD)), kpi.id
