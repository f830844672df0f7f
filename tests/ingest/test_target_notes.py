"""Targets marked with a footnote whose text gives their unit ("450 (b)", "(b) Montant en milliers d'euros (k€)")."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.target_notes import marked, noted_units


def test_footnotes_below_a_table_give_the_units_of_their_markers():
    rows = [["(a) Objectif relevé par l'avenant n° 1."], ["(b) Montant en milliers d'euros (k€) : 450 = 450 000 €."],
            [None, "(e) Montant en millions d'euros (M€)"], ["(d) En pourcentage : 30 = 30 %."], ["Projets", 12]]
    units = noted_units(rows)
    assert {k: u.multiplier for k, u in units.items()} == {"b": 1000, "e": 1_000_000}
    assert marked("1 300 (b)") == ("b", "1 300") and marked("12") is None and marked(450) is None


def test_an_annex_with_footnoted_units_and_a_footnoted_period_header(tmp_path):
    rows = [["Annexe 2 – Indicateurs et objectifs"], [],
            ["Indicateur", "Année 2022", "Convention 2021-2023 (g)"],
            ["Projets détectés", "12 (a)", 33],
            ["Montant engagé en maturation / preuve de concept", "450 (b)", "1 300 (b)"],
            ["Financements européens obtenus", "—", "4,5 (e)"], [],
            ["(a) Objectif relevé par l'avenant n° 1."], ["(b) Montant en milliers d'euros (k€)."],
            ["(e) Montant en millions d'euros (M€)."], ["(g) Cumul sur les trois ans de la convention."]]
    write_workbook(tmp_path / "raw" / "annexe.xlsx", {"Annexe 2": rows})
    targets = ingest(tmp_path / "raw").tables["kpi_targets"]
    got = {(k, p): t for k, p, t in zip(targets["kpi_id"], targets["period"], targets["target"], strict=True)}
    assert got == {("val_projects_detected", "2022"): 12, ("val_projects_detected", "2021-2023"): 33,
                   ("val_maturation_eur", "2022"): 450_000, ("val_maturation_eur", "2021-2023"): 1_300_000,
                   ("eu_funding_secured_eur", "2021-2023"): 4_500_000}
