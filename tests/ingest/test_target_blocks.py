"""Several targets tables in one sheet (ingest/target_blocks.py): minutes, a memo, one table per period."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.reading import RawSheet
from partnership_metrics.ingest.recognition import Recogniser
from partnership_metrics.ingest.target_blocks import MAX_CELLS, find_target_blocks

YEARS = ("2021", "2022", "2023")


_workbook = write_workbook


def _read(raw: Path) -> tuple[dict[tuple[str, str], tuple], object]:
    """(kpi_id, period) -> (target, source_row, source_column), and the run's result."""
    result = ingest(raw)
    df = result.tables["kpi_targets"]
    return {(r.kpi_id, r.period): (r.target, r.source_row, r.source_column) for r in df.itertuples()}, result


def _sheet_of(result, sheet: str):
    return next(s for s in result.sheets if s.sheet == sheet)


def test_one_table_per_period_under_banners(tmp_path):
    """English, a banner per period: "Target" under "YEAR 2022" is the 2022 target; the baseline is left out, an
    indicator that names no KPI is quarantined with its closest KPIs, every row is accounted for."""
    header = ["Area", "Indicator", "Unit", "Baseline (2018-2020)", "Target", "Comment"]
    rows = [["Partnership agreement 2021-2023 — key targets (English version)"], [],
            ["YEAR 2022 — annual targets"], header,
            ["Transfer", "New projects detected", "number", "9", "12", None],
            ["Transfer", "Maturation funding committed", "EUR", "€350k", "€450k", None],
            ["Communication", "Visits to the web page", "visits", "n/a", "5,000", "not an agreement KPI"],
            [],
            ["YEAR 2023 — annual targets"], header,
            ["Transfer", "New projects detected", "number", "9", "13", None],
            [],
            ["WHOLE AGREEMENT PERIOD — 1 January 2021 to 31 December 2023"], header,
            ["Transfer", "New projects detected", "number", "27", "36", "sum of the years"],
            ["EU", "EU proposal success rate", "%", "18%", "25%", None],
            [],
            ["Note: amounts in euros."]]
    _workbook(tmp_path / "raw" / "targets_en.xlsx", {"Targets": rows})
    got, result = _read(tmp_path / "raw")
    assert got == {("val_projects_detected", "2022"): (12, 5, "Target"),
                   ("val_maturation_eur", "2022"): (450_000, 6, "Target"),
                   ("val_projects_detected", "2023"): (13, 11, "Target"),
                   ("val_projects_detected", "2021-2023"): (36, 15, "Target"),
                   ("eu_success_rate", "2021-2023"): (0.25, 16, "Target")}
    assert [(p.row, p.column) for p in result.problems] == [(7, "kpi_id")]
    assert "closest" in result.problems[0].reason
    sheet = _sheet_of(result, "Targets")
    counts = sheet.counts()
    assert counts["rows_read"] == len(rows) == counts["rows_accepted"] + counts["rows_quarantined"] + counts[
        "rows_dropped"]
    reasons = {d.row: d.reason for d in sheet.dropped}
    assert reasons[3] == reasons[9] == "title row of a targets table"
    assert reasons[4] == "header row of a targets table" and reasons[8] == "blank row"


def test_minutes_with_a_provisional_result_and_a_revision_table(tmp_path):
    """French minutes: prose, a table of actuals against targets (its target column is read, the actuals are not)
    and a long revision table whose adopted column wins over the initial and proposed ones; periods in words."""
    rows = [["COMITÉ DE PILOTAGE – relevé de décisions"], ["Date :", "12 juin 2022"], [],
            ["1. Bilan à mi-année"],
            ["Indicateur", "Réalisé au 30/06/2022", "Objectif 2022 (rappel de l'annexe)", "Commentaire"],
            ["Projets détectés", "5", "12", "en ligne"],
            ["Licences signées", "1", "3", None],
            [],
            ["Le comité prend acte de ce bilan."],
            [],
            ["2. Révision des objectifs"],
            ["Indicateur", "Année", "Objectif initial", "Proposition du bureau", "Objectif révisé", "Observations"],
            ["Start-up créées", "exercice 2023", "2", "3", "3", None],
            ["Montant engagé en maturation", "sur la durée de la convention", "1,35 M€", "1,5 M€", "1,4 M€", None],
            ["Délai médian détection → maturation", "fin de convention (cumul 2021-2023)", "≤ 365 jours",
             "≤ 300 jours", "≤ 320 jours", "compromis"],
            ["Réunions du bureau", "exercice 2023", "6", "10", "10", None],
            [],
            ["Prochaine réunion : décembre 2022."]]
    _workbook(tmp_path / "raw" / "CR COPIL.xlsx", {"Compte rendu": rows})
    got, result = _read(tmp_path / "raw")
    assert got == {("val_projects_detected", "2022"): (12, 6, "Objectif 2022 (rappel de l'annexe)"),
                   ("val_licences", "2022"): (3, 7, "Objectif 2022 (rappel de l'annexe)"),
                   ("val_startups_created", "2023"): (3, 13, "Objectif révisé"),
                   ("val_maturation_eur", "2021-2023"): (1_400_000, 14, "Objectif révisé"),
                   ("val_median_days_to_maturation", "2021-2023"): (320, 15, "Objectif révisé")}
    assert [p.row for p in result.problems] == [16]  # "Réunions du bureau" names no KPI
    note = _sheet_of(result, "Compte rendu").note
    assert "'Objectif initial'" in note and "'Proposition du bureau'" not in got


def test_a_memo_with_partner_shares_and_a_forecast(tmp_path):
    """A memo pasted from Word: a header on two rows where each year is merged over the partners' shares and the
    common target (only the common one is the target), then a target beside a forecast ("Prévision fin 2023")."""
    rows = [["NOTE de la direction"], ["Objet : objectifs 2022-2023"], [],
            ["En 2021, 11 projets ont été détectés et 2 start-up créées."], [],
            ["Tableau 1 – Objectifs communs et contributions"],
            ["Indicateur", "2022", None, None, "2023", None, None],
            [None, "Part CPP", "Part IT", "Objectif commun", "Part CPP", "Part IT", "Objectif commun"],
            ["Projets détectés", "6", "6", "12", "6", "7", "13"],
            ["Financements apportés au partenariat (k€)", "350", "450", "800", "—", "—", "—"],
            ["Source : échanges entre les directions."], [],
            ["Tableau 2 – Objectifs sur la durée de la convention (2021-2023)"],
            ["Indicateur", "Prévision fin 2023", "Objectif 2021-2023", "Commentaire"],
            ["Levées de fonds des start-up", "9 M€", "12 M€", None],
            ["Taux de succès aux appels européens (en %)", "22", "25", None],
            [], ["La Directrice"]]
    merged = {"Note": ["B7:D7", "E7:G7", "A7:A8"]}
    _workbook(tmp_path / "raw" / "note.xlsx", {"Note": rows}, merged)
    got, _ = _read(tmp_path / "raw")
    assert got == {("val_projects_detected", "2022"): (12, 9, "2022 Objectif commun"),
                   ("val_projects_detected", "2023"): (13, 9, "2023 Objectif commun"),
                   ("fun_partnership_eur", "2022"): (800_000, 10, "2022 Objectif commun"),
                   ("val_startup_funds_raised_eur", "2021-2023"): (12_000_000, 15, "Objectif 2021-2023"),
                   ("eu_success_rate", "2021-2023"): (0.25, 16, "Objectif 2021-2023")}


def test_two_target_columns_of_one_period_that_nothing_tells_apart_give_none(tmp_path):
    """"Objectif 2022" beside "Cible 2022": neither says adopted, so neither is read (a wrong target is worse than a
    missing one); the other table of the sheet is read."""
    rows = [["Tableau A"], ["Indicateur", "Objectif 2022", "Cible 2022"], ["Projets détectés", "12", "14"], [],
            ["Tableau B"], ["Indicateur", "Objectif 2023"], ["Projets détectés", "13"]]
    _workbook(tmp_path / "raw" / "deux.xlsx", {"Feuil1": rows})
    got, result = _read(tmp_path / "raw")
    assert got == {("val_projects_detected", "2023"): (13, 7, "Objectif 2023")}
    assert "'Objectif 2022'" in _sheet_of(result, "Feuil1").note


def test_a_csv_of_two_long_tables_with_the_adopted_column_first(tmp_path):
    """Another order, in a CSV: the adopted column ("Agreed") before the proposed one, periods as years."""
    rows = [["Steering committee minutes"], ["Decisions on targets, as agreed:"],
            ["KPI", "Year", "Agreed target", "Proposed target", "Notes"],
            ["Invention disclosures", "2022", "8", "9", ""],
            ["Invention disclosures", "2023", "9", "10", ""],
            ["", "", "", "", ""],
            ["Targets of the whole agreement"],
            ["KPI", "Period", "Agreed target", "Proposed target", "Notes"],
            ["Start-ups created", "over the whole agreement", "5", "6", ""]]
    raw = tmp_path / "raw"
    raw.mkdir()
    with open(raw / "minutes.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    got, _ = _read(raw)
    assert got == {("val_invention_disclosures", "2022"): (8, 4, "Agreed target"),
                   ("val_invention_disclosures", "2023"): (9, 5, "Agreed target"),
                   ("val_startups_created", "2021-2023"): (5, 9, "Agreed target")}


def test_a_sheet_read_as_one_table_is_left_as_it_was(tmp_path):
    """One targets table (its header once): nothing to split, read as before by the grid reader."""
    rows = [["Annexe 2 – objectifs"], ["Indicateur", "2021", "2022", "2023"], ["Projets détectés", 10, 12, 12]]
    _workbook(tmp_path / "raw" / "annexe.xlsx", {"Annexe": rows})
    got, result = _read(tmp_path / "raw")
    assert {k: v[0] for k, v in got.items()} == {("val_projects_detected", y): t for y, t in zip(YEARS, (10, 12, 12),
                                                                                                  strict=True)}
    assert "targets tables in one sheet" not in _sheet_of(result, "Annexe").note


@pytest.mark.parametrize("rows", [
    [["Indicateur", "Objectif 2022"], ["Projets détectés", "12"]],  # one header only
    [["Indicateur", "Objectif 2022"]] * 2 + [["x"] * 10] * (MAX_CELLS // 10),  # too large to be split
    [["Nom", "Prénom"], ["Indicateur", "Commentaire"], ["Indicateur", "Commentaire"]],  # no value column
])
def test_sheets_that_are_not_split(vocabulary, rows):
    grids = Recogniser(vocabulary).target_grids
    assert find_target_blocks(RawSheet("f.xlsx", "s", rows), grids) is None


def test_slide_tables_pasted_one_under_the_other_are_grids_not_indicator_cards(tmp_path):
    """A COPIL deck's tables pasted on one sheet: each slide's title band, its table, its footer; a note at the end.
    One slide has its periods in rows and one column per indicator, its unit in the header."""
    header = ["Indicateur", "Unité", "2021", "2022", "2023", "Convention 2021-2023"]
    rows = [["Objectifs de la convention — tableaux copiés depuis la présentation du COPIL du 10/12/2020"], [],
            ["Slide 6 — Axe 1 · Valorisation de la recherche"], header,
            ["Projets détectés", "nb", 10, 12, 12, 34], ["Licences et options signées", "nb", 2, 2, 3, 7],
            ["COPIL CPP-IT · 10 décembre 2020 · 6"], [],
            ["Slide 7 — Axe 2 · Formation et animation (objectifs par année)"],
            ["Période", "Actions de formation et d'animation (nb)", "Participants (nb)", "Actions co-organisées (%)"],
            ["2021", 7, 250, 0.4], ["2022", 8, "—", "45 %"], ["Convention 2021-2023", 23, 850, 0.45],
            ["COPIL CPP-IT · 10 décembre 2020 · 7"], [],
            ["Slide 8 — Axe 3 · Europe"], header,
            ["Candidatures européennes déposées", "nb", 5, 6, 6, 17], ["Candidatures financées", "nb", "—", "—", "—", 4],
            ["COPIL CPP-IT · 10 décembre 2020 · 8"], [],
            ["NB : « — » = pas d'objectif fixé pour l'année ; les montants des slides sont en k€ / M€."]]
    write_workbook(tmp_path / "raw" / "copil.xlsx", {"Objectifs (slides)": rows})
    targets = ingest(tmp_path / "raw").tables["kpi_targets"]
    got = {(k, p): t for k, p, t in zip(targets["kpi_id"], targets["period"], targets["target"], strict=True)}
    assert got == {("val_projects_detected", "2021"): 10, ("val_projects_detected", "2022"): 12,
                   ("val_projects_detected", "2023"): 12, ("val_projects_detected", "2021-2023"): 34,
                   ("val_licences", "2021"): 2, ("val_licences", "2022"): 2, ("val_licences", "2023"): 3,
                   ("val_licences", "2021-2023"): 7, ("eu_proposals_submitted", "2021"): 5,
                   ("eu_proposals_submitted", "2022"): 6, ("eu_proposals_submitted", "2023"): 6,
                   ("eu_proposals_submitted", "2021-2023"): 17, ("eu_proposals_funded", "2021-2023"): 4,
                   ("trn_events", "2021"): 7, ("trn_events", "2022"): 8, ("trn_events", "2021-2023"): 23,
                   ("trn_attendees", "2021"): 250, ("trn_attendees", "2021-2023"): 850,
                   ("syn_joint_event_share", "2021"): 0.4, ("syn_joint_event_share", "2022"): 0.45,
                   ("syn_joint_event_share", "2021-2023"): 0.45}


def test_tables_of_actual_values_with_periods_in_rows_are_no_targets(tmp_path):
    """The same layout under titles that say nothing of targets (a review of what was achieved): nothing read."""
    rows = [["Bilan du partenariat — réalisations"], [],
            ["Axe 2 · Formation"], ["Période", "Actions de formation et d'animation (nb)", "Participants (nb)"],
            ["2021", 7, 240], ["2022", 9, 310], [],
            ["Axe 3 · Europe"], ["Année", "Candidatures européennes déposées (nb)", "Candidatures financées (nb)"],
            ["2021", 5, 2], ["2022", 6, 1]]
    write_workbook(tmp_path / "raw" / "bilan.xlsx", {"Bilan": rows})
    assert "kpi_targets" not in ingest(tmp_path / "raw").tables


def test_a_table_of_actual_values_titled_so_gives_no_target(tmp_path):
    """"Pour mémoire : réalisé au 31/12/2022 (… ne pas utiliser comme objectif)" above years: actual values, even
    though its title says "objectif"; the targets tables above it are read."""
    rows = [["Objectifs annuels de la convention (annexe 2)"], ["Indicateur", "2021", "2022", "2023"],
            ["Projets détectés (nb)", 12, 13, 13], ["Licences signées (nb)", 2, 2, 3], [],
            ["Objectifs sur la durée de la convention (2021-2023)"], ["Indicateur", "Cible 2021-2023"],
            ["Projets détectés sur la convention (nb)", 38], [],
            ["Pour mémoire : réalisé au 31/12/2022 (bilan intermédiaire, ne pas utiliser comme objectif)"],
            ["Indicateur", "2021", "2022"], ["Projets détectés (nb)", 11, 12], ["Licences signées (nb)", 3, 1]]
    _workbook(tmp_path / "raw" / "objectifs.xlsx", {"Objectifs": rows})
    got, result = _read(tmp_path / "raw")
    assert {k: v[0] for k, v in got.items()} == {
        ("val_projects_detected", "2021"): 12, ("val_projects_detected", "2022"): 13,
        ("val_projects_detected", "2023"): 13, ("val_licences", "2021"): 2, ("val_licences", "2022"): 2,
        ("val_licences", "2023"): 3, ("val_projects_detected", "2021-2023"): 38}
    assert not result.problems  # no conflict with the actual values: they were never read as targets


def test_a_reference_row_under_periods_in_rows_is_no_target(tmp_path):
    """Indicators in columns, periods in rows, in two tables: the yearly targets, then "Référence 2018-2020
    (constaté)" (the values the targets are compared with) over the objective for the whole period."""
    header = ["Période", "Projets détectés", "Licences signées", "Événements organisés"]
    rows = [["Convention CPP – Inserm Transfert : objectifs chiffrés"], [], ["Objectifs annuels"], header,
            ["2021", 8, 1, 6], ["2022", 9, 2, 7], ["2023", 10, 2, 7], [], [],
            ["Cumul convention et rappel de la référence"], header,
            ["Référence 2018-2020 (constaté)", 21, 0, 11], ["Objectif cumulé 2021-2023", 27, 5, 20], [],
            ["La ligne « Référence » rappelle les valeurs constatées sur 2018-2020 ; ce ne sont pas des objectifs."]]
    _workbook(tmp_path / "raw" / "objectifs.xlsx", {"Objectifs": rows})
    got, result = _read(tmp_path / "raw")
    assert {p for _, p in got} == {"2021", "2022", "2023", "2021-2023"}
    assert got[("val_projects_detected", "2021-2023")][0] == 27 and got[("val_licences", "2022")][0] == 2
    sheet = _sheet_of(result, "Objectifs")
    assert any("baseline" in d.reason for d in sheet.dropped)
