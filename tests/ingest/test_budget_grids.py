"""Funding kept as a budget grid (funders by project, a banner per year) is read one line per amount, every row
accounted for (budget_grids.py)."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

GRID = [["Tableau budgétaire (montants en k€)"], [],
        ["Financeur – dispositif", "VAL-2021-01", "VAL-2021-02", "VAL-2021-03", "Non affecté (programme)", "Total"],
        ["Exercice 2021"],
        ["Inserm Transfert – Maturation", 120, None, None, None, 120],
        ["CanceroPôle PACA – Émergence", None, 40, 35.5, None, 75.5],
        ["Région Sud – Subvention", None, None, None, 60, 60],
        ["Autres financeurs", 15, None, None, None, 15],
        ["Total exercice 2021", 135, 40, 35.5, 60, 270.5],
        [],
        ["Exercice 2022"],
        ["Inserm Transfert – Preuve de concept", None, 90, None, None, 90],
        ["CanceroPôle PACA – Émergence", None, None, None, None, None]]


def test_one_line_per_amount_with_its_project_funder_and_year(tmp_path):
    write_workbook(tmp_path / "raw" / "budget.xlsx", {"Convention": GRID})
    result = ingest(tmp_path / "raw")
    lines = result.tables["funding"].sort_values(["decision_date", "amount_eur"])
    got = [(p, f, i, a, str(d.date()), pr) for p, f, i, a, d, pr in zip(
        lines["project_id"], lines["funder"], lines["instrument"], lines["amount_eur"], lines["decision_date"],
        lines["decision_date_precision"], strict=True)]
    assert got == [("VAL-2021-01", "other", "other", 15000.0, "2021-01-01", "year"),
                   ("VAL-2021-03", "canceropole_paca", "emergence", 35500.0, "2021-01-01", "year"),
                   ("VAL-2021-02", "canceropole_paca", "emergence", 40000.0, "2021-01-01", "year"),
                   (None, "region_sud", "grant", 60000.0, "2021-01-01", "year"),
                   ("VAL-2021-01", "inserm_transfert", "maturation", 120000.0, "2021-01-01", "year"),
                   ("VAL-2021-02", "inserm_transfert", "proof_of_concept", 90000.0, "2022-01-01", "year")]
    dropped = {d.row: d.reason for d in result.sheets[0].dropped}
    assert sorted(dropped) == [4, 9, 10, 11, 13] and dropped[9] == "total row"  # banners, total, blank, no amount
