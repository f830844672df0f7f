"""A funder cell naming several funders with their shares ("IT 110k€ + CPP 65k€") beside the row's total is one
funding line per funder (funder_shares.py); a committee log's remarks are never taken for the lines' ids."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["IC date", "Project ref.", "Project", "Instrument", "Funder(s)", "Amount (k€)", "Status", "Comments"]


def _log(rows):
    return [["Comités d'investissement (oncologie)", *[None] * 7], [None] * 8, HEADER, *rows]


def test_one_line_per_funder_with_its_share(tmp_path):
    rows = [[dt.date(2021, 6, 8), "MRS-2021-03", "ONRIS", "Maturation", "IT 110k€ + CPP 65k€", 175, "Signée", None],
            [dt.date(2021, 8, 10), "MRS-2020-07", "BTLA", "Maturation", "IT 200k€ + SATT Sud-Est 80k€", 280, "Engagé",
             "Dossier présenté par le porteur"],
            [dt.date(2021, 9, 14), "MRS-2021-04", "RISMU", "PoC", "IT", 40, "Versé", "Jalons : preuve in vivo"],
            # shares that do not add up to the total: read as written (one funder nobody knows, reported)
            [dt.date(2022, 1, 11), "MRS-2021-05", "NEXT", "Maturation", "IT 100k€ + CPP 10k€", 150, "Engagé", None]]
    write_workbook(tmp_path / "raw" / "log.xlsx", {"Log CI": _log(rows)})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"]
    lines = sorted(zip(funding["project_id"], funding["funder"], funding["amount_eur"], strict=True))
    assert lines[:5] == [("MRS-2020-07", "inserm_transfert", 200000), ("MRS-2020-07", "satt_sud_est", 80000),
                         ("MRS-2021-03", "canceropole_paca", 65000), ("MRS-2021-03", "inserm_transfert", 110000),
                         ("MRS-2021-04", "inserm_transfert", 40000)]
    assert ("MRS-2021-05", "other", 150000) in lines  # not split: the shares say 110 k€, the total 150 k€
    assert funding["funding_id"].is_unique and not funding["funding_id"].str.contains("présenté").any()
    assert sorted(funding.loc[funding["project_id"] == "MRS-2021-03", "source_row"]) == [4, 4]
    [sheet] = result.sheets
    counts = sheet.counts()
    assert counts["rows_read"] == 4 == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]
