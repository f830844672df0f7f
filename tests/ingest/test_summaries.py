"""Summary sheets are never read as data (summaries.py)."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

PROPOSALS = [["Réf.", "Acronyme", "Programme", "Appel", "Date de dépôt", "Rôle", "Statut", "Budget demandé (k€)"],
             ["EU-21-01", "ONCOMAP", "ERC", "ERC-2021-STG", "03/03/2021", "Coordinateur", "Financé", 1500],
             ["EU-22-01", "IMMUNET", "MSCA", "HORIZON-MSCA-2022-DN-01", "05/05/2022", "Partenaire", "Non financé", 250]]


def test_a_grid_whose_title_says_it_is_computed_from_another_sheet_is_a_summary(tmp_path):
    """Counts by programme and year, typed as values under a title naming the sheet they are computed from."""
    synthese = [["Tableau 4.0 – Synthèse des projets européens par programme (calculée à partir de l'onglet T4.1)"],
                [], ["Programme", 2021, 2022, 2023, "Total"],
                ["ERC", 1, 0, 1, None], ["MSCA", 0, 1, 2, None], ["EIC", 2, 1, 0, None], ["Total", None, None, None]]
    write_workbook(tmp_path / "INCa.xlsx", {"Synthèse": synthese, "T4.1 Projets européens": PROPOSALS})
    result = ingest(tmp_path)
    assert "funding" not in result.tables or result.tables["funding"].empty
    assert len(result.tables["eu_proposals"]) == 2
    [sheet] = [s for s in result.sheets if s.sheet == "Synthèse"]
    assert "computed from another sheet" in (sheet.note or "")
