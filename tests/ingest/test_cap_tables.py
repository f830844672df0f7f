"""A start-up's capitalisation table: one round per operation with new money, its amount the total of its money
column, its date above the header, the company named around the table (cap_tables.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

STARTUPS = [["Réf.", "Raison sociale", "Date de création"], ["SU-01", "Massalia Oncology", dt.date(2018, 3, 14)],
            ["SU-02", "Lérins Diagnostics", dt.date(2019, 1, 10)]]


def test_each_operation_with_new_money_is_a_round(tmp_path: Path):
    cap = [["Massalia Oncology SAS – Table de capitalisation"], ["Réf. portefeuille SU-01 · situation au 31/12/2023"],
           [],
           [None, None, "Constitution (hors levée)", "Pre-seed", None, "Seed", None],
           [None, "Date de réalisation", dt.date(2018, 3, 14), dt.date(2018, 10, 5), None, dt.date(2019, 11, 22), None],
           [None, "Prix par action (€)", 0.1, 2.0, None, 6.5, None],
           ["Actionnaire", "Catégorie", "Actions", "Actions", "Montant investi (€)", "Actions", "Montant investi (€)"],
           ["Claire Audibert", "Fondateur", 40000, None, None, None, None],
           ["Henri Dalmasso", "Business angel", None, 37500, 75000, 46000, 299000],
           ["Provence Amorçage", "Fonds", None, 37500, 75000, 184000, 1196000],
           ["Total", None, 40000, 75000, 150000, 230000, 1495000]]
    write_workbook(tmp_path / "raw" / "caps.xlsx", {"Start-up": STARTUPS, "Massalia Oncology": cap})
    result = ingest(tmp_path / "raw")
    rounds = result.tables["startup_rounds"]
    assert list(zip(rounds["startup_id"], [str(d)[:10] for d in rounds["round_date"]], rounds["amount_eur"],
                    rounds["round_type"], strict=True)) == [
        ("SU-01", "2018-10-05", 150000.0, "pre_seed"), ("SU-01", "2019-11-22", 1495000.0, "seed")]
    assert "Audibert" not in rounds.to_csv()  # shareholders are read into the totals, never kept
