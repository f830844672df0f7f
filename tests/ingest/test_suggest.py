"""A required column read from a header only close to its names keeps the unit its header writes."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


def test_a_guessed_amount_in_thousands_is_read_in_euros(tmp_path):
    rows = [["Relevé des décisions – montants en k€"],
            ["Date de la séance", "Réf. projet", "Financeur", "Dispositif", "Demandé (k€)", "Engagement (k€)",
             "N° d'engagement"],
            [dt.date(2022, 2, 3), "VP-1", "CPP", "Preuve de concept", 50, 45, "ENG-22-01"],
            [dt.date(2022, 6, 9), "VP-2", "IT", "Maturation", 200, 180, "ENG-22-02"]]
    write_workbook(tmp_path / "raw" / "comite.xlsx", {"Décisions": rows})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"]
    assert list(funding["amount_eur"]) == [45000, 180000]
    assert result.sheets[0].guessed  # it was a guess, and the report says so
