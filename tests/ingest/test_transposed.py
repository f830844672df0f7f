"""Targets kept one row per period, one column per indicator (transposed.py)."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


def test_periods_as_rows_under_several_title_lines_and_above_a_note(tmp_path):
    """Three title and note lines, a blank line, the header, the periods, a blank line and a note: every target read,
    each with the row of its period and the header of its indicator."""
    rows = [["Convention de partenariat CanceroPôle PACA – Inserm Transfert 2021-2023"],
            ["Annexe 2 : objectifs chiffrés (indicateurs en colonnes, périodes en lignes)"],
            ["Ligne 2022 = objectif de l'année ; case vide = pas d'objectif."], [],
            ["Période", "Projets détectés\n(nb)", "Montant engagé maturation + preuve de concept\n(k€)",
             "Taux de succès UE\n(%)"],
            [2022, 10, 600, None], ["2021-2023", 30, 1800, 25], [],
            ["Validé en comité de pilotage du 18/03/2021."]]
    write_workbook(tmp_path / "raw" / "annexe.xlsx", {"Annexe 2": rows})
    result = ingest(tmp_path / "raw")
    targets = result.tables["kpi_targets"]
    got = {(k, p): t for k, p, t in zip(targets["kpi_id"], targets["period"], targets["target"], strict=True)}
    assert got == {("val_projects_detected", "2022"): 10, ("val_projects_detected", "2021-2023"): 30,
                   ("val_maturation_eur", "2022"): 600_000, ("val_maturation_eur", "2021-2023"): 1_800_000,
                   ("eu_success_rate", "2021-2023"): 0.25}
    assert not result.problems
    where = {(k, p): (r, c) for k, p, r, c in zip(targets["kpi_id"], targets["period"], targets["source_row"],
                                                  targets["source_column"], strict=True)}
    assert where[("val_projects_detected", "2021-2023")] == (7, "Projets détectés (nb)")
    assert where[("eu_success_rate", "2021-2023")][0] == 7 and where[("val_maturation_eur", "2022")][0] == 6
