"""Amounts whose unit is written in a column of its own, row by row (ingest/unit_columns.py)."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["Réf. ligne", "Projet", "Financeur", "Dispositif", "Montant", "Unité", "Date décision"]


def test_each_amount_is_read_in_its_row_s_unit(tmp_path):
    rows = [HEADER,
            ["F-01", "P-01", "Inserm Transfert", "Maturation", 150, "k€", "12/03/2021"],
            ["F-02", "P-02", "CanceroPôle PACA", "Emergence", "1,2", "M€", "05/06/2022"],
            ["F-03", "P-03", "Région Sud", "Subvention", 45000, "€", "01/02/2023"],
            ["F-04", "P-04", "ANR", "Subvention", "80 k€", "k€", "01/02/2023"],  # the cell's own unit stands
            ["F-05", "P-05", "ANR", "Subvention", 12, None, "01/02/2023"]]  # no unit written: euros
    write_workbook(tmp_path / "raw" / "lignes.xlsx", {"Engagements": rows})
    funding = ingest(tmp_path / "raw").tables["funding"]
    assert dict(zip(funding["funding_id"], funding["amount_eur"], strict=True)) == {
        "F-01": 150_000.0, "F-02": 1_200_000.0, "F-03": 45_000.0, "F-04": 80_000.0, "F-05": 12.0}


def test_a_column_headed_unit_that_holds_no_units_changes_nothing(tmp_path):
    rows = [HEADER, ["F-01", "P-01", "Inserm Transfert", "Maturation", 150, "U1068", "12/03/2021"]]
    write_workbook(tmp_path / "raw" / "lignes.xlsx", {"Engagements": rows})
    funding = ingest(tmp_path / "raw").tables["funding"]
    assert list(funding["amount_eur"]) == [150.0]
