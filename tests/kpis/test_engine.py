"""The KPI table: rows, columns, baseline, previous year, targets, status, reasons and the partnership's defaults."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import partnership_metrics as pm
from partnership_metrics.errors import PartnershipMetricsError
from partnership_metrics.kpis import (
    COLUMNS,
    KpiError,
    PeriodError,
    catalogue,
    kpi_table,
    parse_period,
    read_targets,
    status_of,
)


def row(table, kpi_id, period):
    selected = table[(table["kpi_id"] == kpi_id) & (table["period"] == period)]
    assert len(selected) == 1
    return selected.iloc[0]


def test_columns_and_rows_in_catalogue_order(tables):
    table = pm.kpi_table(tables, period="2021-2023")
    assert list(table.columns) == list(COLUMNS)
    ids = [k.id for k in catalogue()]
    assert len(table) == len(ids) * 4
    assert list(table["kpi_id"]) == [i for i in ids for _ in range(4)]
    assert list(table["period"][:4]) == ["2021", "2022", "2023", "2021-2023"]
    assert table["value"].dtype == "float64" and table["target"].dtype == "float64"


def test_single_year_period_gives_one_row_per_kpi(tables):
    table = kpi_table(tables, period="2023")
    assert len(table) == len(catalogue()) and set(table["period"]) == {"2023"}
    assert kpi_table(tables, year=2023).equals(table)


def test_values_labels_and_reason(tables):
    table = kpi_table(tables, lang="fr")
    r = row(table, "eu_success_rate", "2021-2023")
    assert (r["value"], r["unit"], r["area"], r["direction"]) == (0.4, "share", "eu", "up")
    assert r["label"] == "Taux de succès européen"
    assert pd.isna(r["reason"]) and pd.isna(r["reason_code"]) and pd.isna(r["reason_params"])
    r = row(table, "eu_success_rate", "2023")
    assert math.isnan(r["value"]) and r["reason"] == "aucune proposition européenne avec un résultat déposée en 2023"
    assert (r["reason_code"], r["reason_params"]) == ("no_decided_proposal", '{"years": "2023"}')
    english = row(kpi_table(tables, lang="en"), "eu_success_rate", "2023")
    assert english["label"] == "EU success rate"
    assert english["reason"] == "no EU proposal with a result submitted in 2023"
    assert english["reason_code"] == "no_decided_proposal"


def test_defaults_come_from_the_partnership(tables):
    from dataclasses import replace

    from partnership_metrics.partnership import default_partnership

    packaged = default_partnership()
    table = kpi_table(tables)
    assert list(dict.fromkeys(table["period"])) == ["2021", "2022", "2023", "2021-2023"]
    assert row(table, "val_projects_detected", "2021")["label"] == "Projets détectés"  # the first language: fr
    english_first = replace(packaged, languages=("en", "fr"), period="2022-2023", baseline="2019")
    table = kpi_table(tables, partnership=english_first)
    assert list(dict.fromkeys(table["period"])) == ["2022", "2023", "2022-2023"]
    assert row(table, "val_projects_detected", "2022")["label"] == "Projects detected"
    # its baseline, 2019, not the three years before 2022: one project detected (P8), not five
    assert row(table, "val_projects_detected", "2022-2023")["baseline"] == 1
    assert row(kpi_table(tables, period="2022-2023"), "val_projects_detected", "2022-2023")["baseline"] == 5


def test_baseline_pooled_for_period_rows_and_yearly_average_for_additive_year_rows(tables):
    table = kpi_table(tables)  # baseline 2018-2020: P8 (2019) and P7 (2020) detected
    assert row(table, "val_projects_detected", "2021-2023")["baseline"] == 2
    assert row(table, "val_projects_detected", "2022")["baseline"] == pytest.approx(2 / 3)
    # non-additive: the pooled baseline on every row. Conversion at the baseline's end (2020-12-31):
    # P8 converted, P7 (maturation 2021-04-01) not yet -> 1/2
    for period in ("2021", "2021-2023"):
        assert row(table, "val_maturation_conversion", period)["baseline"] == 0.5
    r = row(table, "val_projects_detected", "2021-2023")
    assert (r["change_vs_baseline"], r["pct_vs_baseline"]) == (4, 2.0)  # 6 - 2, (6 - 2) / 2
    r = row(table, "val_projects_detected", "2021")
    assert r["change_vs_baseline"] == pytest.approx(3 - 2 / 3)
    assert r["pct_vs_baseline"] == pytest.approx((3 - 2 / 3) / (2 / 3))


def test_pct_vs_baseline_is_null_when_the_baseline_is_zero(tables):
    r = row(kpi_table(tables), "val_licences", "2021-2023")  # no licence in 2018-2020
    assert r["baseline"] == 0 and r["change_vs_baseline"] == 3 and math.isnan(r["pct_vs_baseline"])


def test_explicit_baseline(tables):
    table = kpi_table(tables, period="2022-2023", baseline="2021")
    assert row(table, "val_projects_detected", "2022-2023")["baseline"] == 3
    assert row(table, "val_projects_detected", "2023")["baseline"] == 3  # one baseline year: average = value
    # conversion of the 2021 projects measured at the baseline's end (2021-12-31): only P1 (2021-12-01) -> 1/3
    assert row(table, "val_maturation_conversion", "2023")["baseline"] == pytest.approx(1 / 3)


def test_previous_year(tables):
    table = kpi_table(tables)
    # 2021's previous year lies before the period: 2020 has P7 detected
    assert row(table, "val_projects_detected", "2021")["previous"] == 1
    assert row(table, "val_projects_detected", "2022")["previous"] == 3
    assert row(table, "val_projects_detected", "2022")["change_vs_previous"] == -1
    assert math.isnan(row(table, "val_projects_detected", "2021-2023")["previous"])
    # conversion of the 2020 projects measured at the report period's end (2023-12-31): P7 converted -> 1
    assert row(table, "val_maturation_conversion", "2021")["previous"] == 1.0
    # previous of a null value
    r = row(table, "trn_satisfaction", "2023")
    assert r["previous"] == pytest.approx(12.5 / 3) and math.isnan(r["change_vs_previous"])


def test_targets_and_status(tables):
    table = kpi_table(tables)
    cases = {
        ("val_projects_detected", "2021-2023"): (6.0, "met"),  # 6 >= 6
        ("val_projects_detected", "2022"): (2.5, "missed"),  # 2 < 0.9 * 2.5
        ("trn_attendees", "2022"): (105.0, "close"),  # 100 >= 94.5
        ("val_licences", "2023"): (2.0, "met"),
        ("fun_coordination_gaps", "2021-2023"): (2.0, "missed"),  # down: 3 > 1.1 * 2
        ("fun_coordination_gaps", "2022"): (1.0, "met"),  # down: 1 <= 1
        ("fun_funding_concentration_hhi", "2021"): (0.52, "close"),  # down: 27/49 = 0.551 <= 0.572
        ("fun_cost_per_outcome_eur", "2021-2023"): (150_000.0, "met"),  # "2021–2023" (en dash) in the table
        ("eu_success_rate", "2021-2023"): (0.5, "missed"),  # 0.4 < 0.45
    }
    for (kpi_id, period), (target, status) in cases.items():
        r = row(table, kpi_id, period)
        assert (r["target"], r["status"]) == (target, status), (kpi_id, period)
    r = row(table, "trn_satisfaction", "2023")  # a target but no value: status null, the reason explains
    assert r["target"] == 4.0 and pd.isna(r["status"]) and r["reason"]
    r = row(table, "trn_satisfaction", "2022")
    assert math.isnan(r["target"]) and r["status"] == "no_target"
    assert set(table["status"].dropna()) <= {"met", "close", "missed", "no_target"}


@pytest.mark.parametrize(
    ("value", "target", "direction", "expected"),
    [
        (10, 10, "up", "met"), (12, 10, "up", "met"), (9, 10, "up", "close"), (8.99, 10, "up", "missed"),
        (10, 10, "down", "met"), (8, 10, "down", "met"), (11, 10, "down", "close"), (11.01, 10, "down", "missed"),
        (0.45, 0.5, "up", "close"), (0.3, 0.1 + 0.2, "up", "met"),
        (5, None, "up", "no_target"), (None, None, "down", "no_target"), (None, 10, "up", None),
        (float("nan"), 10, "down", None), (5, float("nan"), "up", "no_target"),
    ],
)
def test_status_of(value, target, direction, expected):
    assert status_of(value, target, direction) == expected


def test_missing_targets_table_means_no_target(tables):
    del tables["kpi_targets"]
    assert set(kpi_table(tables)["status"].dropna()) == {"no_target"}
    assert read_targets(tables) == {}


def test_bad_target_period_is_a_clear_error(tables):
    tables["kpi_targets"] = pd.DataFrame({"kpi_id": ["trn_events"], "period": ["S1 2022"], "target": [3.0]})
    with pytest.raises(PeriodError, match="kpi_targets: invalid period 'S1 2022'"):
        kpi_table(tables)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2021", (2021, 2021)), ("2021-2023", (2021, 2023)), ("2021–2023", (2021, 2023)), (" 2021 - 2023 ", (2021, 2023)),
     (2022, (2022, 2022))],
)
def test_parse_period(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["", "21-23", "2023-2021", "2021/2023", "2021-2023-2025", "last year"])
def test_parse_period_rejects(text):
    with pytest.raises(ValueError, match="invalid period"):
        parse_period(text)


def test_errors_are_project_errors(tables):
    with pytest.raises(PartnershipMetricsError):
        kpi_table(tables, period="2023-2021")
    with pytest.raises(KpiError, match="unknown language 'de'"):
        kpi_table(tables, lang="de")


def test_missing_table_rows_are_null_with_reason(tables):
    del tables["events"]
    table = kpi_table(tables)
    events = table[table["kpi_id"] == "trn_events"]
    assert events["value"].isna().all() and events["baseline"].isna().all()
    assert set(events["reason"]) == {"la table events est absente"}
    assert set(events["reason_code"]) == {"table_missing"} and set(events["reason_params"]) == {'{"table": "events"}'}


def test_an_amount_too_large_to_add_up_gives_a_null_value_with_its_reason_and_no_warning(tables):
    import warnings

    huge = dict(tables)
    funding = huge["funding"].copy()
    funding.loc[funding["funding_id"].isin(["F1", "F14"]), "amount_eur"] = 1e308  # two 2021 maturation lines
    huge["funding"] = funding
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's overflow warnings would fail here
        table = kpi_table(huge, period="2021", lang="en")
    r = row(table, "val_maturation_eur", "2021")
    assert math.isnan(r["value"]) and r["reason_code"] == "value_not_finite"
    assert "too large to add up" in r["reason"]


@pytest.mark.parametrize("value, unit, expected", [
    (float("inf"), "eur", "∞"), (float("-inf"), "share", "-∞"), (float("nan"), "eur", "—")])
def test_an_infinite_value_is_written_not_a_crash(value, unit, expected):
    from partnership_metrics.kpis.formatting import format_change, format_money_short, format_value

    assert format_value(value, unit, "en") == expected
    assert format_money_short(value, "fr") == expected
    assert format_change(value, unit, "en") == (expected if expected != "∞" else "+∞")
