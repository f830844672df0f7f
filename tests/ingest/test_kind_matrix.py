"""A child table kept as a matrix of its kinds (kind_matrix.py): a review's start-ups × kinds of round, each cell the
round's amount and date."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

STARTUPS = [["Nom", "SIREN", "Date de création", "Statut"],
            ["TheraNice", "552 100 554", dt.date(2018, 3, 1), "Active"],
            ["Lumineo Dx", "732 829 320", dt.date(2020, 6, 12), "Active"],
            ["Azurgen", "443 061 841", dt.date(2021, 9, 20), "Active"]]
ROUNDS = [["Levées de fonds et financements obtenus par les start-up (montant + date de closing)"],
          ["Lecture : « 1,2 M€ (06/2022) » = 1,2 M€ clos en juin 2022."], [],
          ["Start-up", "Pre-seed / amorçage", "Seed", "Série A", "Subventions (i-Lab, BPI…)", "Total levé", "Notes"],
          ["TheraNice", None, None, "5,41 M€ – 05/2019", "220 k€ (04/02/2019)", "5,63 M€", None],
          ["Lumineo Dx", None, None, "3,45 M€ (12/04/2022)", None, "3,45 M€", "cap table à jour"],
          ["Azurgen", "470 k€ – 11/2023", None, None, "385 k€", "855 k€", None],
          [], ["Sans levée à ce jour : Calmetix Bio, Radiolys"]]


def test_each_filled_cell_is_a_round_of_its_columns_kind(tmp_path):
    write_workbook(tmp_path / "raw" / "startups.xlsx", {"Start-up": STARTUPS, "Levées de fonds": ROUNDS})
    result = ingest(tmp_path / "raw")
    rounds = result.tables["startup_rounds"]
    got = {(s, str(d)[:10], str(t), a, str(p)) for s, d, t, a, p in zip(
        rounds["startup_id"], rounds["round_date"], rounds["round_type"], rounds["amount_eur"],
        rounds["round_date_precision"], strict=True)}
    assert got == {("TheraNice", "2019-05-01", "series_a", 5_410_000, "month"),
                   ("TheraNice", "2019-02-04", "grant", 220_000, "day"),
                   ("Lumineo Dx", "2022-04-12", "series_a", 3_450_000, "day"),
                   ("Azurgen", "2023-11-01", "pre_seed", 470_000, "month")}
    assert [(p.key, p.column) for p in result.problems] == [("Azurgen /  / grant", "round_date")]  # "385 k€"
    [sheet] = [s for s in result.sheets if s.sheet == "Levées de fonds"]
    counts = sheet.counts()
    assert counts["rows_read"] == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]
