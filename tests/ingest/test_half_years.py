"""Targets planned per half-year: a year's count is its halves' sum, a rate written once over both halves is the
year's; a section of rates under its caption goes on the grid (half_years.py, targets.py)."""

from __future__ import annotations

from types import SimpleNamespace

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.half_years import half_of, merged_halves, quarter_of, with_both_halves
from partnership_metrics.ingest.ingestion import ingest

GRID = [["Plan d'objectifs 2021-2023 par semestre — les cibles annuelles = S1 + S2"], [],
        ["Axe", "Indicateur", "Unité", "Réf. 2018-2020", "S1 2021", "S2 2021", "S1 2022", "S2 2022",
         "Total convention 2021-2023"],
        ["1. Indicateurs cumulatifs (cibles semestrielles)"],
        ["Valorisation", "Projets détectés", "nb", "7 / an", 5, 6, 6, 6, 36],
        [None, "Financement de maturation", "k€", "420", 250, 250, 300, 300, 1800],
        [None, None, None, None, None, None, None, None, None],
        ["2. Taux et ratios (cible annuelle — cellule fusionnée sur les deux semestres)"],
        ["Europe", "Taux de succès européen", "%", "18 %", "25 %", None, "30 %", None, "25 %"],
        ["Financements", "Effet de levier (externes / partenaires)", "ratio", "x 1,2", "x 1,5", None, "x 2", None,
         "x 2"]]


def test_half_year_targets_make_their_years(tmp_path):
    write_workbook(tmp_path / "raw" / "Objectifs.xlsx", {"Objectifs": GRID})
    result = ingest(tmp_path / "raw")
    targets = {(r.kpi_id, r.period): r.target for r in result.tables["kpi_targets"].itertuples()}
    assert targets[("val_projects_detected", "2021")] == 11 and targets[("val_projects_detected", "2022")] == 12
    assert targets[("val_projects_detected", "2021-2023")] == 36
    assert targets[("val_maturation_eur", "2022")] == 600_000
    assert targets[("eu_success_rate", "2021")] == 0.25 and targets[("eu_success_rate", "2022")] == 0.30
    assert targets[("fun_leverage_ratio", "2022")] == 2 and targets[("fun_leverage_ratio", "2021-2023")] == 2
    assert not result.problems


def test_which_headers_name_a_half_or_a_quarter():
    assert half_of("s1 2021".split()) == (["2021"], 1) and half_of("h2 2022".split()) == (["2022"], 2)
    assert half_of("2e semestre 2023".split()) == (["2023"], 2)
    assert half_of("objectif 2021".split()) is None and half_of("s1 s2 2021".split()) is None
    assert quarter_of("q4 2022 ytd".split(), frozenset({"ytd"})) == (["2022"], True)
    assert quarter_of("t2 2021".split(), frozenset({"ytd"})) == (["2021"], False)


def test_two_different_rates_for_the_halves_of_a_year_give_no_years_target():
    problems = []
    merged = merged_halves([("2021~h1", "20 %", 0.2, True), ("2021~h2", "30 %", 0.3, True)], "share",
                           lambda *args: problems.append(args))
    assert merged == [] and "two half-year targets of a rate" in problems[0][2]
    assert merged_halves([("2021~h1", 5, 5.0, False), ("2021~h2", 6, 6.0, False)], "count", None) == [
        ("2021", 6, 11.0, False)]


def test_a_half_year_column_needs_its_other_half_in_the_same_row():
    """A milestone dated "H1 2021" in an outline's cell is no grid of targets: a half alone is no column of one."""
    alone = [SimpleNamespace(period="2021~h1")]
    pair = [SimpleNamespace(period="2021~h1"), SimpleNamespace(period="2021~h2"), SimpleNamespace(period="2021-2023")]
    assert with_both_halves(alone) == [] and with_both_halves(pair) == pair
