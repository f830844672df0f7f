"""Targets kept as records of a form, a tool or a card: a funder's form whose kind-of-value column says which rows
are targets (targets.py), a tool's export of goals (goal_targets.py) and indicator cards (target_cards.py). Each
fixture is written here, in several variants (French and English, other orders, other words, prose around)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

_workbook = write_workbook


def _run(tmp_path: Path, sheets: dict[str, list[list]], merged=None):
    _workbook(tmp_path / "raw" / "targets.xlsx", sheets, merged)
    result = ingest(tmp_path / "raw")
    df = result.tables.get("kpi_targets")
    got = {} if df is None else {(k, p): t for k, p, t in zip(df["kpi_id"], df["period"], df["target"], strict=True)}
    return result, got, df


def _run_raw(raw: Path):
    result = ingest(raw)
    df = result.tables.get("kpi_targets")
    got = {} if df is None else {(k, p): t for k, p, t in zip(df["kpi_id"], df["period"], df["target"], strict=True)}
    return result, got, df


def _approx(got: dict, want: dict) -> None:
    assert set(got) == set(want)
    for key, value in want.items():
        assert got[key] == pytest.approx(value, rel=1e-9), key


# --- a funder's form: a column says which rows are targets --------------------------------------------------------

FORM_FR = [
    ["ANNEXE B – TABLEAU DE SUIVI DES INDICATEURS"],
    [],
    ["Code", "Intitulé de l'indicateur", "Unité", "Valeur de référence (2018-2020)", "Nature de la valeur", "2021",
     "2022", "2023", "Total / valeur sur l'opération 2021-2023"],
    ["R1", "Projets innovants détectés", "Nombre", 9, "Valeur cible", 10, 12, 12, 34],
    [None, None, None, None, "Valeur réalisée", 11, 13, None, 24],
    [None, None, None, None, "Taux de réalisation", 1.1, 1.08, None, 0.7],
    ["R2", "Crédits engagés en maturation", "k€", 310, "Valeur cible", 400, 450, 500, None],
    [None, None, None, None, "Valeur réalisée", 385, 512, None, None],
    [None, None, None, None, "Taux de réalisation", 0.96, 1.14, None, None],
    ["S1", "Emplois créés dans les start-up soutenues", "ETP", 6, "Valeur cible", 4, 5, 6, 15],
    [None, None, None, None, "Valeur réalisée", 5, 3, None, 8],
    [None, None, None, None, "Taux de réalisation", 1.25, 0.6, None, 0.53],
    ["R = indicateurs de résultat ; S = indicateur spécifique."],
]


def test_a_form_reads_only_the_target_rows_and_carries_the_name_down(tmp_path):
    merged = {"Annexe B": ["A4:A6", "B4:B6", "C4:C6", "D4:D6", "A7:A9", "B7:B9", "C7:C9", "D7:D9"]}
    result, got, df = _run(tmp_path, {"Annexe B": FORM_FR}, merged)
    _approx(got, {("val_projects_detected", "2021"): 10, ("val_projects_detected", "2022"): 12,
                  ("val_projects_detected", "2023"): 12, ("val_projects_detected", "2021-2023"): 34,
                  ("val_maturation_eur", "2021"): 400_000, ("val_maturation_eur", "2022"): 450_000,
                  ("val_maturation_eur", "2023"): 500_000})
    row = df[(df["kpi_id"] == "val_projects_detected") & (df["period"] == "2021-2023")].iloc[0]
    assert row["source_row"] == 4 and row["source_column"] == "Total / valeur sur l'opération 2021-2023"
    reasons = {d.row: d.reason for d in result.dropped if d.sheet == "Annexe B"}
    assert "not a target" in reasons[5] and "Valeur réalisée" in reasons[5] and "Taux de réalisation" in reasons[6]
    assert [p.row for p in result.problems if p.table == "kpi_targets"] == [10]  # S1 names no KPI: quarantined
    assert "matches no KPI" in result.problems[0].reason


def test_a_form_in_english_with_the_kind_column_first_and_rows_in_another_order(tmp_path):
    rows = [
        ["Type", "Indicator", "Unit", "Baseline 2018-2020", "2021", "2022", "2023"],
        ["Actual", "Priority patent filings", "Number", 2, 2, 4, None],
        ["Target", None, None, None, 3, 3, 3],
        ["Achievement rate", None, None, None, 0.67, 1.33, None],
        [],
        ["Actual", "EU success rate", "%", None, 0.2, 0.3, None],
        ["Target", None, None, None, 25, 30, 35],
        ["Achievement rate", None, None, None, 0.8, 1.0, None],
    ]
    result, got, _ = _run(tmp_path, {"Report": rows})
    _approx(got, {("val_priority_filings", "2021"): 3, ("val_priority_filings", "2022"): 3,
                  ("val_priority_filings", "2023"): 3, ("eu_success_rate", "2021"): 0.25,
                  ("eu_success_rate", "2022"): 0.30, ("eu_success_rate", "2023"): 0.35})
    assert not [p for p in result.problems if p.table == "kpi_targets"]


def test_objectif_and_realise_rows_without_a_header_for_their_column(tmp_path):
    rows = [["Suivi des indicateurs 2021-2023"],
            ["Indicateur", None, "2021", "2022", "2023"],
            ["Déclarations d'invention", "Objectif", 7, 8, 8],
            [None, "Réalisé", 6, 9, None],
            ["Licences signées", "Objectif", 1, 2, 2],
            [None, "Réalisé", 0, 3, None]]
    _, got, _ = _run(tmp_path, {"Suivi": rows})
    _approx(got, {("val_invention_disclosures", "2021"): 7, ("val_invention_disclosures", "2022"): 8,
                  ("val_invention_disclosures", "2023"): 8, ("val_licences", "2021"): 1,
                  ("val_licences", "2022"): 2, ("val_licences", "2023"): 2})


def test_a_grid_of_actual_values_with_a_type_column_of_one_kind_gives_no_target(tmp_path):
    rows = [["Synthèse"], ["Indicateur", "Type", "2021", "2022"],
            ["Projets détectés", "Réalisé", 11, 13], ["Licences signées", "Réalisé", 1, 3],
            ["Déclarations d'invention", "Réalisé", 6, 9]]
    _, got, _ = _run(tmp_path, {"Synthèse": rows})
    assert got == {}


# --- a tool's export of goals -----------------------------------------------------------------------------------

def _d(y, m, d):
    return dt.datetime(y, m, d)


GOALS = [
    ["Scorecard", "Goal ID", "Goal name", "Parent goal ID", "Level", "Owner", "Start date", "Due date",
     "Current value", "Target value", "Value format", "Status"],
    ["S", "G-1", "Pillar 1 – Technology transfer", None, 0, "A. B.", _d(2021, 1, 1), _d(2023, 12, 31)],
    ["S", "G-2", "Projects entering maturation", "G-1", 1, "A. B.", _d(2021, 1, 1), _d(2023, 12, 31), 12, 14,
     "Number", "Behind"],
    ["S", "G-2.1", "Projects entering maturation – 2021", "G-2", 2, "A. B.", _d(2021, 1, 1), _d(2021, 12, 31), 4,
     4, "Number", "Done"],
    ["S", "G-3", "EU funding secured", "G-1", 1, "A. B.", _d(2021, 1, 1), _d(2023, 12, 31), 2_900_000, 3_500_000,
     "Currency", "Behind"],
    ["S", "G-4", "Events delivered", "G-1", 1, "A. B.", _d(2021, 1, 1), _d(2023, 12, 31), None, None, "Number"],
    ["S", "G-4.1", "Events delivered – 2022", "G-4", 2, "A. B.", _d(2022, 1, 1), _d(2022, 12, 31), 12, 12,
     "Number", "Done"],
    ["S", "G-5", "Joint sourcing share", "G-1", 1, "A. B.", _d(2021, 1, 1), _d(2023, 12, 31), 0.21, 0.25,
     "Percentage", "Behind"],
    ["S", "G-6", "Average newsletter open rate", "G-1", 1, "A. B.", _d(2021, 1, 1), _d(2023, 12, 31), 0.41, 0.35,
     "Percentage", "Done"],
    ["S", "G-7", "Licence and option agreements signed", "G-1", 1, "A. B.", _d(2021, 3, 1), _d(2022, 6, 30), 2, 3,
     "Number", "Behind"],
    [],
    ["Applied filters:"],
    ["Exported from Power BI service on 2024-02-05 10:00"],
]


def test_an_export_of_goals_takes_the_period_from_the_dates_or_the_name(tmp_path):
    result, got, df = _run(tmp_path, {"Goals": GOALS})
    _approx(got, {("val_maturation_projects", "2021-2023"): 14, ("val_maturation_projects", "2021"): 4,
                  ("eu_funding_secured_eur", "2021-2023"): 3_500_000, ("trn_events", "2022"): 12,
                  ("syn_joint_sourcing_share", "2021-2023"): 0.25})
    assert set(df["source_column"]) == {"Target value"}  # never the current value
    assert df[df["period"] == "2021"]["source_row"].tolist() == [4]
    quarantined = {p.row: p.reason for p in result.problems if p.table == "kpi_targets"}
    assert "matches no KPI" in quarantined[9]  # the newsletter open rate
    assert "no period" in quarantined[10]  # March 2021 to June 2022: neither a year nor the partnership's period
    reasons = {d.row: d.reason for d in result.dropped if d.sheet == "Goals"}
    assert reasons[2].startswith("heading") and reasons[6].startswith("no target")


def test_goals_in_french_with_other_columns_and_no_level(tmp_path):
    rows = [["Export des objectifs – outil OKR"], [],
            ["Objectif clé", "Responsable", "Valeur actuelle", "Valeur cible", "Unité", "Date de début", "Échéance"],
            ["Projets détectés", "CPP", 20, 34, "nombre", "01/01/2021", "31/12/2023"],
            ["Montant engagé en maturation (k€)", "IT", 900, 1350, None, "01/01/2021", "31/12/2023"],
            ["Taux de succès aux appels européens", "Cellule Europe", 22, 25, "%", "01/01/2022", "31/12/2022"],
            ["Licences signées", "IT", 2, "max", "nombre", "01/01/2021", "31/12/2023"]]  # a bound without its number
    result, got, _ = _run(tmp_path, {"OKR": rows})
    [sheet] = result.sheets
    counts = sheet.counts()
    assert counts["rows_read"] == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]
    _approx(got, {("val_projects_detected", "2021-2023"): 34, ("val_maturation_eur", "2021-2023"): 1_350_000,
                  ("eu_success_rate", "2022"): 0.25})


def test_a_task_list_with_dates_and_no_target_column_is_not_goals(tmp_path):
    rows = [["Task", "Owner", "Start date", "Due date", "Progress"],
            ["Projets détectés", "CPP", _d(2021, 1, 1), _d(2021, 12, 31), 0.5],
            ["Licences signées", "IT", _d(2022, 1, 1), _d(2022, 12, 31), 0.2]]
    _, got, _ = _run(tmp_path, {"Tasks": rows})
    assert got == {}


# --- indicator cards ------------------------------------------------------------------------------------------

def _card_fr(number, name, unit, values, baseline="9 par an"):
    return [[None, f"FICHE INDICATEUR N° {number}"],
            [None, "Intitulé", name],
            [None, "Axe de la convention", "Axe 1 – Valorisation"],
            [None, "Unité de mesure", unit],
            [None, "Sens d'évolution attendu", "à la hausse"],
            [None, "Valeur de référence (moyenne 2018-2020)", baseline],
            [None, "Valeurs cibles", "2021", "2022", "2023", "Sur la durée de la convention (2021-2023)"],
            [None, None, *values],
            [None, "Source des données", "Tableau de suivi"],
            []]


def test_cards_with_a_grid_of_targets_below_their_key(tmp_path):
    rows = [[None, "ANNEXE 2 – FICHES INDICATEURS"], [None, "Une case vide signifie qu'aucune cible n'est fixée."],
            [],
            *_card_fr("1.1", "Nombre de projets détectés", "nombre de projets", [10, 12, 12, 34]),
            *_card_fr("1.2", "Montant engagé en maturation", "k€ (milliers d'euros)", [400, 450, 500, "1\u00a0350"]),
            *_card_fr("1.3", "Part des projets détectés conjointement", "% des projets", ["20 %", "25 %", None, None]),
            *_card_fr("1.4", "Contrats de collaboration avec un industriel", "nombre", [5, 5, 6, 16]),
            *_card_fr("1.5", "Délai médian entre détection et maturation", "jours", [None, None, None, "≤ 365"],
                      baseline="480 jours")]
    result, got, df = _run(tmp_path, {"Fiches": rows})
    _approx(got, {("val_projects_detected", "2021"): 10, ("val_projects_detected", "2022"): 12,
                  ("val_projects_detected", "2023"): 12, ("val_projects_detected", "2021-2023"): 34,
                  ("val_maturation_eur", "2021"): 400_000, ("val_maturation_eur", "2022"): 450_000,
                  ("val_maturation_eur", "2023"): 500_000, ("val_maturation_eur", "2021-2023"): 1_350_000,
                  ("syn_joint_sourcing_share", "2021"): 0.20, ("syn_joint_sourcing_share", "2022"): 0.25,
                  ("val_median_days_to_maturation", "2021-2023"): 365})
    first = df[(df["kpi_id"] == "val_projects_detected") & (df["period"] == "2021-2023")].iloc[0]
    assert first["source_row"] == 11 and first["source_column"] == "Sur la durée de la convention (2021-2023)"
    assert {p.row for p in result.problems if p.table == "kpi_targets"} == {41}  # the research contracts card
    reasons = {d.row: d.reason for d in result.dropped if d.sheet == "Fiches"}
    assert "baseline" in reasons[9] and reasons[10] == "header of the card's targets"
    assert 9 not in {r for r in df["source_row"]}  # the reference is never a target


def test_cards_in_english_with_one_row_per_target_and_no_title_row(tmp_path):
    rows = []
    for name, unit, targets in (("Invention disclosures received", "count", [("Target 2021", 7), ("Target 2022", 8)]),
                                ("EU funding secured", "k€", [("Target 2021-2023", "3 500")]),
                                ("Participant satisfaction", "score out of 5", [("Target 2023", "4,3")])):
        rows += [["Indicator", name], ["Definition", "As reported each year."], ["Unit", unit],
                 ["Baseline (2018-2020)", "n.a."], *[[k, v] for k, v in targets], []]
    _, got, df = _run(tmp_path, {"KPI cards": rows})
    _approx(got, {("val_invention_disclosures", "2021"): 7, ("val_invention_disclosures", "2022"): 8,
                  ("eu_funding_secured_eur", "2021-2023"): 3_500_000, ("trn_satisfaction", "2023"): 4.3})
    assert df[df["period"] == "2022"]["source_column"].tolist() == ["Target 2022"]


def test_cards_with_the_years_below_a_target_key_of_their_own(tmp_path):
    rows = []
    for n, (name, values) in enumerate((("Projets détectés", [10, 12]), ("Licences signées", [1, 2])), start=1):
        rows += [[f"Fiche {n}"], ["Nom de l'indicateur", name], ["Objectifs"], ["2021", values[0]],
                 ["2022", values[1]], ["Commentaire", "Cible validée en COPIL."], []]
    _, got, _ = _run(tmp_path, {"Fiches": rows})
    _approx(got, {("val_projects_detected", "2021"): 10, ("val_projects_detected", "2022"): 12,
                  ("val_licences", "2021"): 1, ("val_licences", "2022"): 2})


def test_a_table_of_contents_of_cards_is_not_cards(tmp_path):
    rows = [["Fiche", "Intitulé", "Axe"], ["1.1", "Nombre de projets détectés", "Axe 1"],
            ["1.2", "Déclarations d'invention", "Axe 1"]]
    _, got, _ = _run(tmp_path, {"Sommaire": rows})
    assert got == {}


def test_cards_named_by_their_title_with_counted_values(tmp_path):
    rows = []
    for title, unit, targets in [("Fiche 2.1 – Animations organisées", "nombre", [6, 7, "—", "20"]),
                                 ("Fiche 2.2 – Participants aux animations", "personnes",
                                  ["—", "—", "—", "1 000 participants"]),
                                 ("Fiche 4.1 – Part des projets détectés en commun", "%", ["25 %", "30 %", None, None])]:
        rows += [[title], ["Définition", "…"], ["Unité", unit], ["Valeur de référence (moyenne 2018-2020)", 5],
                 *[[f"Cible {p}", t] for p, t in zip(["2021", "2022", "2023", "sur la durée de la convention"],
                                                       targets, strict=True)],
                 ["Pilote", "CPP"], []]
    _, got, _ = _run(tmp_path, {"Fiches": rows})
    _approx(got, {("trn_events", "2021"): 6, ("trn_events", "2022"): 7, ("trn_events", "2021-2023"): 20,
                  ("trn_attendees", "2021-2023"): 1000, ("syn_joint_sourcing_share", "2021"): 0.25,
                  ("syn_joint_sourcing_share", "2022"): 0.3})


# --- a tool's long export: a column says which rows are targets, a units column -------------------------------------

def test_a_long_export_keeps_only_its_target_rows_with_the_unit_of_each_row(tmp_path):
    rows = [["Indicator", "Workstream", "Measure", "Period", "Value (target or actual)", "Unit", "Owner"],
            ["EU proposals submitted", "Europe", "Target", 2021, 8, "count", "IT"],
            ["EU proposals submitted", "Europe", "Actual", 2021, 5, "count", "IT"],
            ["EU proposals submitted", "Europe", "Baseline", "2018-2020", 14, "count", "IT"],
            ["EU funding secured", "Europe", "Target", "2021-2023", 2500, "EUR k", "IT"],
            ["Funds raised by start-ups", "Valorisation", "Target", "2021-2023", 10, "EUR m", "IT"],
            ["Funds raised by start-ups", "Valorisation", "Forecast", "2021-2023", 7.5, "EUR m", "IT"]]
    result, got, _ = _run(tmp_path, {"export": rows})
    _approx(got, {("eu_proposals_submitted", "2021"): 8, ("eu_funding_secured_eur", "2021-2023"): 2_500_000,
                  ("val_startup_funds_raised_eur", "2021-2023"): 10_000_000})
    reasons = sorted(d.reason for d in result.dropped if d.row)
    assert reasons == ["not a target (Measure = Actual)", "not a target (Measure = Baseline)",
                       "not a target (Measure = Forecast)"]


def test_a_column_of_the_period_s_objectives_whose_cells_name_their_own_periods(tmp_path):
    """A table pasted from the agreement: "Indicator | Objective 2021-2023", its cells "12/year" (each year's),
    "2021: 4 / 2022: 5 / 2023: 6" (one per year), "€1.5M over the period" (the period's), "to be defined" (none),
    "25 % chaque année et sur la période" (each year's and the period's)."""
    rows = [["Annexe 2 — Indicateurs et objectifs"], [],
            ["Indicator", "Objective 2021-2023"],
            ["Projects detected", "12/year"],
            ["Projects entering maturation", "2021: 4 / 2022: 5 / 2023: 6"],
            ["Maturation funding", "€1.5M over the period"],
            ["Licences signed", "6 over the period (baseline 2018-2020: 3)"],
            ["Events held", "8 par an"],
            ["Taux de succès aux appels européens", "25 % chaque année et sur la période"],  # both
            ["Research units reached", "to be defined (baseline 2018-2020: 11)"]]
    result, got, _ = _run(tmp_path, {"Objectifs": rows})
    _approx(got, {**{("val_projects_detected", y): 12 for y in ("2021", "2022", "2023")},
                  ("val_maturation_projects", "2021"): 4, ("val_maturation_projects", "2022"): 5,
                  ("val_maturation_projects", "2023"): 6, ("val_maturation_eur", "2021-2023"): 1_500_000,
                  ("val_licences", "2021-2023"): 6, **{("trn_events", y): 8 for y in ("2021", "2022", "2023")},
                  **{("eu_success_rate", p): 0.25 for p in ("2021", "2022", "2023", "2021-2023")}})
    assert not result.problems


def test_a_long_annex_says_which_rows_are_the_agreement_s_objectives(tmp_path):
    """"nature": "objectif convention" beside "référence (situation 2018-2020)": the years in a kind's words do not
    hide what it says."""
    rows = [["indicateur", "annee_ou_periode", "valeur", "unite", "nature"],
            ["Projets détectés", "2021", 10, "nombre", "objectif convention"],
            ["Projets détectés", "2022", 11, "nombre", "objectif convention"],
            ["Projets détectés", "2018-2020", 21, "nombre", "référence (situation 2018-2020)"],
            ["Licences signées", "2021-2023", 5, "nombre", "objectif convention"]]
    result, got, _ = _run(tmp_path, {"objectifs": rows})
    _approx(got, {("val_projects_detected", "2021"): 10, ("val_projects_detected", "2022"): 11,
                  ("val_licences", "2021-2023"): 5})
    assert [d.reason for d in result.dropped if d.row] == ["not a target (nature = référence (situation 2018-2020))"]


@pytest.mark.parametrize("value, measure, kinds", [
    ("Value", "Measure", ("Target", "Actual", "Baseline")),
    ("Valeur", "Type de valeur", ("Cible", "Réalisé", "Référence")),
    ("Amount", "Kind", ("Goal", "Actual", "Baseline")),
])
def test_a_bare_value_column_holds_the_targets_beside_a_column_of_kinds(tmp_path, value, measure, kinds):
    target, actual, baseline = kinds
    rows = [["Indicator", "Workstream", measure, "Period", value, "Unit", "Owner", "Last updated"],
            ["EU proposals submitted", "Europe", target, "2021", 8, "count", "IT", dt.date(2022, 10, 3)],
            ["EU proposals submitted", "Europe", target, "2022", 9, "count", "IT", dt.date(2022, 10, 3)],
            ["EU proposals submitted", "Europe", actual, "2021", 5, "count", "IT", dt.date(2022, 10, 3)],
            ["EU proposals submitted", "Europe", baseline, "2018-2020", 14, "count", "IT", dt.date(2022, 10, 3)],
            ["EU success rate", "Europe", target, "2021-2023", 25, "%", "IT", dt.date(2022, 10, 3)],
            ["EU funding secured", "Europe", target, "2021-2023", 2500, "EUR k", "IT", dt.date(2022, 10, 3)]]
    result, got, _ = _run(tmp_path, {"export": rows})
    _approx(got, {("eu_proposals_submitted", "2021"): 8, ("eu_proposals_submitted", "2022"): 9,
                  ("eu_success_rate", "2021-2023"): 0.25, ("eu_funding_secured_eur", "2021-2023"): 2_500_000})
    assert sorted(d.reason for d in result.dropped if d.row) == [f"not a target ({measure} = {actual})",
                                                                  f"not a target ({measure} = {baseline})"]


def test_a_bare_value_column_without_a_column_of_kinds_holds_no_targets(tmp_path):
    rows = [["Indicator", "Workstream", "Period", "Value", "Owner"],
            ["EU proposals submitted", "Europe", "2021", 5, "IT"],
            ["EU proposals submitted", "Europe", "2022", 7, "IT"]]
    _, got, _ = _run(tmp_path, {"export": rows})
    assert got == {}


def test_actual_values_in_a_file_named_after_the_objectives_are_not_targets(tmp_path):
    rows = [["Indicateur", "Année", "Valeur"], ["Projets détectés", 2021, 15],
            ["Licences signées", 2021, 1]]
    _workbook(tmp_path / "raw" / "Suivi des objectifs 2021-2023.xlsx", {"Réalisé": rows})
    result = ingest(tmp_path / "raw")
    assert "kpi_targets" not in result.tables or result.tables["kpi_targets"].empty


def test_a_forecast_under_a_year_is_no_target(tmp_path):
    rows = [["Tableau de bord COPIL – objectifs et réalisé"],
            ["Indicator", "Unit", 2022, None, 2023, None, "2021-23 target"],
            [None, None, "Target", "Actual", "Target", "Forecast", None],
            ["Projects detected", "#", 21, 22, 23, 24, 60],
            ["EU proposals funded", "#", None, 1, None, 2, 5]]
    _, got, _ = _run(tmp_path, {"KPI": rows}, merged={"KPI": ["C2:D2", "E2:F2"]})
    _approx(got, {("val_projects_detected", "2022"): 21, ("val_projects_detected", "2023"): 23,
                  ("val_projects_detected", "2021-2023"): 60, ("eu_proposals_funded", "2021-2023"): 5})


def test_a_letter_with_this_years_objectives_then_the_whole_periods(tmp_path):
    rows = [["Objet : objectifs 2023 du partenariat"], ["Les objectifs retenus pour l'année 2023 sont les suivants :"],
            ["Indicateur", "Objectif 2023"], ["Nombre de projets détectés", "22 projets"], ["Licences signées", 3],
            ["Pour rappel, les objectifs cumulés pour toute la durée de la convention restent inchangés :"],
            ["Indicateur", "Objectif 2021-2023"], ["Fonds levés par les start-up", "5 M€"],
            ["Financements européens obtenus", "3 M€"]]
    _, got, _ = _run(tmp_path, {"Courrier": rows})
    _approx(got, {("val_projects_detected", "2023"): 22, ("val_licences", "2023"): 3,
                  ("val_startup_funds_raised_eur", "2021-2023"): 5_000_000,
                  ("eu_funding_secured_eur", "2021-2023"): 3_000_000})


def test_cards_with_their_periods_on_a_row_above_the_target_row(tmp_path):
    rows = []
    for title, targets in [("Fiche 1.1 — Projets détectés", [10, 12, 12, 34]),
                           ("Fiche 1.2 — Déclarations d'invention", [6, 6, 7, None])]:
        rows += [[title], ["Définition", "…"], ["Unité", "nombre"], ["Situation de référence 2018-2020", "8 / an"],
                 [None, "2021", "2022", "2023", "Cumul 2021-2023"], ["Cible", *targets], ["Source", "CPP"], []]
    _, got, _ = _run(tmp_path, {"Fiches": rows})
    _approx(got, {("val_projects_detected", "2021"): 10, ("val_projects_detected", "2022"): 12,
                  ("val_projects_detected", "2023"): 12, ("val_projects_detected", "2021-2023"): 34,
                  ("val_invention_disclosures", "2021"): 6, ("val_invention_disclosures", "2022"): 6,
                  ("val_invention_disclosures", "2023"): 7})


def test_targets_one_row_per_year_beside_the_actuals(tmp_path):
    rows = [["Grille de pilotage annuelle"], ["Lignes « Objectif » : cibles de la convention."], [],
            ["Année", "Nature", "Projets détectés", "Start-up créées", "Levées de fonds des start-up"],
            [None, "unité →", "nombre", "nombre", "k€"],
            ["2020", "Réalisé", 16, 1, 2100], ["2021", "Objectif", 14, 1, 1500], ["2021", "Réalisé", 15, 2, 1750],
            ["2022", "Objectif", 15, 2, 2000], ["2022", "Réalisé", 17, 1, 2400],
            ["2021-2023", "Objectif période", 45, 5, 6000]]
    _, got, _ = _run(tmp_path, {"Grille": rows})
    _approx(got, {("val_projects_detected", "2021"): 14, ("val_projects_detected", "2022"): 15,
                  ("val_projects_detected", "2021-2023"): 45, ("val_startups_created", "2021"): 1,
                  ("val_startups_created", "2022"): 2, ("val_startups_created", "2021-2023"): 5,
                  ("val_startup_funds_raised_eur", "2021"): 1_500_000, ("val_startup_funds_raised_eur", "2022"): 2_000_000,
                  ("val_startup_funds_raised_eur", "2021-2023"): 6_000_000})


def test_an_annex_whose_indicator_names_look_like_another_tables_header(tmp_path):
    rows = [["Annex 2 – Key performance indicators and targets of the partnership (2021-2023)"],
            ["Axis", "Indicator", "Unit", "Baseline 2018-2020", "Annual targets", None, None,
             "Cumulative target 2021-2023"],
            [None, None, None, None, "2021", "2022", "2023", None],
            ["Training & awareness", "Training and awareness events held", "number", 18, "n/a", "n/a", "n/a", 24],
            [None, "Participant satisfaction (c)", "score out of 5", 4.1, 4.2, 4.2, 4.3, "n/a"],
            ["European funding", "EU proposals submitted", "number", 9, 4, 5, 5, 14],
            ["(c) Mean score of post-event questionnaires."]]
    _, got, _ = _run(tmp_path, {"Annex 2": rows}, merged={"Annex 2": ["E2:G2", "A4:A5"]})
    _approx(got, {("trn_events", "2021-2023"): 24, ("trn_satisfaction", "2021"): 4.2,
                  ("trn_satisfaction", "2022"): 4.2, ("trn_satisfaction", "2023"): 4.3,
                  ("eu_proposals_submitted", "2021"): 4, ("eu_proposals_submitted", "2022"): 5,
                  ("eu_proposals_submitted", "2023"): 5, ("eu_proposals_submitted", "2021-2023"): 14})


def test_a_sheet_the_mapping_file_maps_to_targets_is_read_as_it_says(tmp_path):
    raw = tmp_path / "raw"
    _workbook(raw / "suivi.xlsx", {"KPI": [["KPI", "Année", "Montant"], ["Projets détectés", 2022, 12],
                                           ["Licences signées", 2022, 2]]})
    (raw / "mapping.yaml").write_text("sheets:\n  - file: suivi.xlsx\n    table: kpi_targets\n    columns:\n"
                                      "      KPI: kpi_id\n      Année: period\n      Montant: target\n", encoding="utf-8")
    _, got, _ = _run_raw(raw)
    _approx(got, {("val_projects_detected", "2022"): 12, ("val_licences", "2022"): 2})


def test_a_cards_actual_values_above_its_targets_stay_actual(tmp_path):
    rows = []
    for title, actual, targets in [("Fiche 1.1 — Projets détectés", [7, 9], [10, 12, 14]),
                                   ("Fiche 1.2 — Licences signées", [1, 1], [2, 2, 3])]:
        rows += [[title], ["Unité", "nombre"], ["Valeurs réalisées"], [None, "2019", "2020"], [None, *actual],
                 ["Valeurs cibles", "2021", "2022", "2023"], [None, *targets], []]
    _, got, _ = _run(tmp_path, {"Fiches": rows})
    _approx(got, {("val_projects_detected", "2021"): 10, ("val_projects_detected", "2022"): 12,
                  ("val_projects_detected", "2023"): 14, ("val_licences", "2021"): 2, ("val_licences", "2022"): 2,
                  ("val_licences", "2023"): 3})


def _dashboard(cards: list[tuple[str, list[tuple[str, object]]]], per_row: int, gap: int = 1):
    """Cards laid side by side, ``per_row`` to a band of rows: a title over key/value rows; merged titles."""
    width, rows, merged = 2 + gap, [["TABLEAU DE BORD 2022 – objectifs vs réalisé"], []], []
    for band in range(0, len(cards), per_row):
        chunk = cards[band : band + per_row]
        height = 1 + max(len(keys) for _, keys in chunk)
        block = [[None] * (width * per_row) for _ in range(height)]
        for k, (title, keys) in enumerate(chunk):
            block[0][k * width] = title
            col = "ABCDEFGHIJKL"[k * width]
            merged.append(f"{col}{len(rows) + 1}:{'ABCDEFGHIJKL'[k * width + 1]}{len(rows) + 1}")
            for r, (key, value) in enumerate(keys, start=1):
                block[r][k * width], block[r][k * width + 1] = key, value
        rows += block + [[]]
    return rows, merged


@pytest.mark.parametrize("per_row, gap", [(3, 1), (2, 2)])
def test_cards_laid_side_by_side_on_a_dashboard(tmp_path, per_row, gap):
    cards = [("Projets détectés", [("Réalisé 2022", 19), ("Objectif 2022", 24), ("Objectif 2021-2023", 70),
                                   ("▼ -24 % vs 2021", None)]),
             ("Licences / options", [("Réalisé 2022", 2), ("Objectif 2022", 2), ("Objectif 2021-2023", 7)]),
             ("Start-up créées", [("Réalisé 2022", 0), ("Objectif 2022", 2), ("Objectif 2021-2023", "—")]),
             ("Abonnés à la newsletter", [("Réalisé 2022", 812), ("Objectif 2022", 1000)]),
             ("Satisfaction des participants", [("Réalisé 2022", "4,3 / 5"), ("Objectif 2022", "4,2 / 5")])]
    rows, merged = _dashboard(cards, per_row, gap)
    result, got, _ = _run(tmp_path, {"Dashboard 2022": rows}, merged={"Dashboard 2022": merged})
    _approx(got, {("val_projects_detected", "2022"): 24, ("val_projects_detected", "2021-2023"): 70,
                  ("val_licences", "2022"): 2, ("val_licences", "2021-2023"): 7, ("val_startups_created", "2022"): 2,
                  ("trn_satisfaction", "2022"): 4.2})
    assert [p.value for p in result.problems] == ["Abonnés à la newsletter"]  # no KPI: listed, not lost


def test_a_one_column_list_of_titles_and_actual_values_is_no_set_of_cards(tmp_path):
    rows = [["Réalisé 2022"], [], ["Projets détectés"], ["Réalisé 2022", 19], ["Réalisé 2021", 25], [],
            ["Licences / options"], ["Réalisé 2022", 2], ["Réalisé 2021", 1]]
    _, got, _ = _run(tmp_path, {"Bilan": rows})
    assert got == {}


@pytest.mark.parametrize("timeline, target_header", [("Timeline", "Cible (texte libre)"),
                                                      ("Calendrier", "Objectif"),
                                                      ("Timeframe", "Target (free text)")])
def test_a_board_export_gives_each_goal_s_period_by_its_timeline(tmp_path, timeline, target_header):
    header = ["Name", "Subitems", "Person", "Status", "Type", timeline, target_header, "Réalisé (num)", "Item ID"]
    rows = [["Objectifs partenariat CPP-IT"], [], ["Valorisation"], header,
            ["Projets détectés – convention", None, "M. R.", "En cours", "Objectif KPI", "2021-01-01 - 2023-12-31",
             "45 projets (cumul 3 ans)", 32, 4187220011],
            ["Licences signées 2022", None, "M. R.", "Terminé", "Objectif KPI", "2022-01-01 - 2022-12-31",
             "2 licences", 1, 4187220048],
            ["Budget maturation engagé 2023", None, "S. V.", "En cours", "Objectif KPI", "2023-01-01 - 2023-12-31",
             "0,7 M€ – à confirmer en COPIL", 310000, 4187220196],
            ["Mettre à jour le pipeline projets", None, "M. R.", "En cours", "Tâche", "2023-01-01 - 2023-12-31",
             None, None, 4187220233],
            [], ["Europe"], header,
            ["Part des dépôts en coordination 2023", None, "A. K.", "En cours", "Objectif KPI",
             "2023-01-01 - 2023-12-31", "35 % des dépôts en tant que coordinateur", 0.33, 4187220640],
            ["Projets européens lauréats (période)", None, "A. K.", "À risque", "Objectif KPI",
             "2021-01-01 - 2023-12-31", "4 projets financés", 2, 4187220566],
            ["Projets européens lauréats", None, "A. K.", "À risque", "Objectif KPI", "2021-03-01 - 2022-06-30",
             "3", 2, 4187220567]]
    result, got, _ = _run(tmp_path, {"Board": rows})
    _approx(got, {("val_projects_detected", "2021-2023"): 45, ("val_licences", "2022"): 2,
                  ("val_maturation_eur", "2023"): 700_000, ("eu_coordinator_share", "2023"): 0.35,
                  ("eu_proposals_funded", "2021-2023"): 4})
    assert sum(d.reason == "header repeated above a group of goals" for d in result.dropped) == 1
    assert [p.column for p in result.problems] == ["period"]  # a span that is neither a year nor the period


@pytest.mark.parametrize("written, want", [("0,7 M€ – à confirmer", 700_000), ("650 k€ (crédits IT + CPP)", 650_000),
                                           ("1,2 M€ - objectif révisé", 1_200_000)])
def test_a_remark_after_a_target_in_a_grid_is_left_out(tmp_path, written, want):
    rows = [["Indicateur", "Cible 2021", "Cible 2022", "Cible 2023"],
            ["Budget de maturation engagé (€)", 500_000, written, None],
            ["Projets détectés", "12 projets (dont 4 en co-détection)", 14, "16 – à confirmer"],
            ["Licences signées", 2, 2, 3]]
    _, got, _ = _run(tmp_path, {"Cibles": rows})
    _approx(got, {("val_maturation_eur", "2021"): 500_000, ("val_maturation_eur", "2022"): want,
                  ("val_projects_detected", "2021"): 12, ("val_licences", "2021"): 2, ("val_licences", "2022"): 2,
                  ("val_licences", "2023"): 3,
                  ("val_projects_detected", "2022"): 14, ("val_projects_detected", "2023"): 16})


@pytest.mark.parametrize("basis", [("Année civile", "Durée de la convention (3 ans)"),
                                   ("Calendar year", "Whole agreement period")])
def test_milestones_take_their_period_from_their_deadline_and_what_they_are_measured_over(tmp_path, basis):
    year, whole = basis
    rows = [["Annexe 2 : engagements chiffrés et jalons"], [],
            ["N° jalon", "Axe", "Engagement / indicateur", "Valeur cible", "Unité", "Mesurée sur", "Échéance",
             "Statut"],
            ["J0.01", "Gouvernance", "Installation du comité de pilotage", "—", "—", "Ponctuel",
             dt.date(2021, 3, 31), "Réalisé"],
            ["J1.01", "Valorisation", "Licences / options signées", 2, "nombre", year, dt.date(2021, 12, 31),
             "Atteint"],
            ["J1.02", "Valorisation", "Montants engagés en maturation", 400, "k€", year, "fin 2022", "Atteint"],
            ["J1.03", "Valorisation", "Licences / options signées", 3, "nombre", year, dt.date(2023, 12, 31),
             "En cours"],
            ["J1.04", "Valorisation", "Licences / options signées", 7, "nombre", whole, dt.date(2023, 12, 31),
             "En cours"],
            ["J2.01", "Formation", "Actions de formation organisées", 18, "nombre", whole,
             "fin de convention (31/12/2023)", "En cours"]]
    _, got, _ = _run(tmp_path, {"Jalons": rows})
    _approx(got, {("val_licences", "2021"): 2, ("val_maturation_eur", "2022"): 400_000, ("val_licences", "2023"): 3,
                  ("val_licences", "2021-2023"): 7, ("trn_events", "2021-2023"): 18})


def test_one_target_column_per_kind_of_value_and_a_goal_name_under_objectif(tmp_path):
    rows = [["Objectif", "Indicateur", "Période", "Cible – nombre", "Cible – montant (€)", "Cible – %",
             "Cible – note /5", "Réalisé – nombre"],
            ["Budget maturation – 2021", "Budget engagé en maturation / PoC", "2021", None, "€400,000", None, None,
             None],
            ["Déclarations – 2021", "Déclarations d'invention", "2021", 6, None, None, None, 5],
            ["Taux de passage – Convention 2021-2023", "Taux de passage en maturation", "Convention 2021-2023", None,
             None, "30%", None, None],
            ["Part conjointe – 2022", "Part des projets détectés conjointement", "2022", None, None, 25, None, None],
            ["Satisfaction – 2023", "Satisfaction moyenne des participants", "2023", None, None, None, 4.3, None]]
    _, got, _ = _run(tmp_path, {"Objectifs": rows})
    _approx(got, {("val_maturation_eur", "2021"): 400_000, ("val_invention_disclosures", "2021"): 6,
                  ("val_maturation_conversion", "2021-2023"): 0.3, ("syn_joint_sourcing_share", "2022"): 0.25,
                  ("trn_satisfaction", "2023"): 4.3})


@pytest.mark.parametrize("periods, counting", [
    (["M12 · Dec 2021", "M24 · Dec 2022", "M36 · Dec 2023"], ("Cumulative", "Per year", "Whole period")),
    (["Jalon fin déc. 2021", "Jalon fin déc. 2022", "Jalon fin déc. 2023"], ("Cumulé", "Annuel", "Sur la durée de la convention")),
])
def test_milestones_counted_as_running_totals_give_each_years_increase(tmp_path, periods, counting):
    cumulative, per_year, whole = counting
    rows = [["KPI framework (agreed at the steering committee)"],
            ["Milestones count from the start of the partnership period."], [],
            ["Ref", "Indicator", "Unit", "Baseline (2018-2020 avg)", "Counting", *periods, "Reported at M24"],
            ["1.1", "Research projects detected", "#", 8, cumulative, 12, 24, 36, 24],
            ["2.2", "Maturation + proof-of-concept budget committed", "€", 380000, cumulative, 400000, 850000,
             "€1.35M", 2666000],
            ["1.4", "Share of projects sourced jointly", "%", 0.08, per_year, 0.25, 0.3, 0.35, 0.25],
            ["4.3", "EU success rate", "%", 0.2, whole, "—", "—", 0.25, "—"],
            ["2.6", "Start-ups created", "#", 1, cumulative, "—", 3, 5, 4]]
    _, got, _ = _run(tmp_path, {"KPI framework": rows})
    _approx(got, {("val_projects_detected", "2021"): 12, ("val_projects_detected", "2022"): 12,
                  ("val_projects_detected", "2023"): 12, ("val_projects_detected", "2021-2023"): 36,
                  ("val_maturation_eur", "2021"): 400_000, ("val_maturation_eur", "2022"): 450_000,
                  ("val_maturation_eur", "2023"): 500_000, ("val_maturation_eur", "2021-2023"): 1_350_000,
                  ("syn_joint_sourcing_share", "2021"): 0.25, ("syn_joint_sourcing_share", "2022"): 0.3,
                  ("syn_joint_sourcing_share", "2023"): 0.35, ("eu_success_rate", "2021-2023"): 0.25,
                  ("val_startups_created", "2021-2023"): 5})  # a running total with its first year missing


def test_a_target_left_to_a_later_meeting_and_a_line_of_initials_are_no_targets(tmp_path):
    """"à définir au COPIL 2021": the year names the meeting, not a target; "Paraphes : | CPP | IT" under the grid is
    where the partners initial the page. Neither is quarantined."""
    rows = [["Indicateur", "Référence 2018-2020", "Objectif 2021", "Objectif 2022", "Objectif cumulé 2021-2023"],
            ["Projets détectés", 7, 8, 9, 27],
            ["Coût par résultat (licence ou start-up)", "≈ 310 k€", "à définir au COPIL 2021", None, None],
            [], ["Paraphes :", None, "CPP", None, "IT"]]
    result, got, _ = _run(tmp_path, {"Annexe 2": rows})
    _approx(got, {("val_projects_detected", "2021"): 8, ("val_projects_detected", "2022"): 9,
                  ("val_projects_detected", "2021-2023"): 27})
    assert not result.problems
