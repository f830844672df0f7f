"""Summary sheets are never read as data (summaries.py)."""

from __future__ import annotations

import datetime as dt

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


def test_a_table_whose_title_names_the_sheet_it_is_computed_from_is_a_summary(tmp_path):
    """A database's "Synthese" tab, one row per company with its count and total of rounds, under a title naming
    the table they are computed from: not start-ups' rounds."""
    rounds = [["ID_Levee", "ID_Societe", "Date closing", "Montant", "Type de levée"],
              [203, "S3", "17/06/2019", "90 000 €", "Subvention"], [207, "S3", "03/07/2019", "2,3 M€", "Amorçage"],
              [208, "S7", "27/11/2019", "300 000 €", "Amorçage"]]
    synthese = [["Synthèse des levées par société (calculée à partir de T_Levees)"], [],
                ["Société", "Nb de levées", "Total levé (€)", "Dernière levée"],
                ["OncoVista", 2, 2390000, "03/07/2019"], ["LumenDx", 1, 300000, "27/11/2019"], ["TOTAL", 3, 2690000]]
    write_workbook(tmp_path / "Societes_Levees.xlsx", {"T_Levees": rounds, "Synthese": synthese})
    result = ingest(tmp_path)
    assert len(result.tables["startup_rounds"]) == 3
    [sheet] = [s for s in result.sheets if s.sheet == "Synthese"]
    assert sheet.table is None and "computed from the sheet 'T_Levees'" in (sheet.note or "")


def test_a_sheet_named_as_a_pivot_table_is_a_summary_even_pasted_as_values(tmp_path):
    """"TCD levées" (a tableau croisé dynamique) beside the rounds it sums: its years and totals are no rounds."""
    write_workbook(tmp_path / "levees.xlsx", {
        "Levées": [["Start-up", "Date", "Tour", "Montant (€)"], ["Oncovista", "02/01/2019", "Pre-seed", 200000],
                   ["Oncovista", "02/05/2019", "Seed", 1100000], ["Theralys Bio", "16/03/2020", "Pre-seed", 400000]],
        "TCD levées": [["Montants levés par année (€), recalculé à la main"], [], ["Année", "Somme des levées (€)"],
                       [2019, 1300000], [2020, 400000], ["Total général", None]]})
    result = ingest(tmp_path)
    assert len(result.tables["startup_rounds"]) == 3
    pivot = next(s for s in result.sheets if s.sheet == "TCD levées")
    assert pivot.table is None and "pivot table" in pivot.note


def test_a_sheet_whose_title_says_it_holds_no_data_is_not_read(tmp_path):
    """Power Query's "Query settings (documentation of the steps - not data)": its lines look like a list of people
    and events, never read."""
    rows = [["Query settings (documentation of the Power Query steps - not data)"], [],
            ["Query", "Applied steps", "Notes"],
            ["Attendance", 'Source = Excel.CurrentWorkbook(){[Name="Emargements"]}', "sign-in matrix, one column per event"],
            [None, "Unpivoted Other Columns", "Attributes = event code, Value = 1 when present"],
            [None, "Changed Type", "refreshed by the data team"]]
    write_workbook(tmp_path / "raw" / "PQ_output.xlsx", {"Query settings": rows})
    result = ingest(tmp_path / "raw")
    [sheet] = result.sheets
    assert sheet.table is None and "holds no data" in sheet.note and not result.tables.get("event_attendance")


def test_a_sheet_named_as_a_pivot_that_lists_records_is_data(tmp_path):
    """"Export TCD": a grants office's pivot laid out as a list and pasted as values, one proposal per row (each
    reference written once, its dates beside): data, where a pivot of sums named so is a summary."""
    proposals = [["Réf.", "Programme", "Date de dépôt", "Rôle", "Statut"]] + [
        [f"BE-2021-{n:02d}", "ERC", dt.date(2021, n, 3), "Coordinateur", "Non retenu"] for n in range(1, 7)]
    write_workbook(tmp_path / "raw" / "bureau_europe.xlsx", {"Export TCD": proposals,
                                                              "TCD montants": [["Programme", "Somme"], ["ERC", 6]]})
    result = ingest(tmp_path / "raw")
    assert len(result.tables["eu_proposals"]) == 6
    assert [s.sheet for s in result.sheets if s.summary] == ["TCD montants"]
