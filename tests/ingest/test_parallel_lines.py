"""Several records on one row, one per line of its cells (parallel_lines.py)."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.parallel_lines import UNPAIRED

HEADER = ["Réf. fin.", "Réf. projet", "Financeur", "Dispositif", "Montant", "Date de décision"]


def test_a_row_of_cells_stacked_line_by_line_is_one_record_per_line(tmp_path):
    """"FIN-01⏎FIN-02" with "CPP⏎IT" and "30 k€⏎230 k€" beside it: two funding lines; a cell of one line ("P-1")
    says it of both; a row whose lines do not pair up is read as one record (its cells unreadable), never paired."""
    rows = [HEADER, ["FIN-01\nFIN-02", "P-1", "CPP\nIT", "Emergence\nMaturation", "30 k€\n230 k€", "02/03/2022\n07/08/2022"],
            ["FIN-03", "P-2", "IT", "Maturation", "160 k€", "05/2022"],
            ["FIN-04\nFIN-05", "P-3", "IT\nCPP", "Maturation\nPoC", "250 k€\n50 k€", "13/05/2023"],
            ["FIN-06\nFIN-07", "P-4", "IT\nCPP\nRégion", "Maturation", "100 k€", "01/06/2023"]]
    write_workbook(tmp_path / "raw" / "financements.xlsx", {"Lignes": rows})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"]
    assert sorted(zip(funding["funding_id"], funding["project_id"], funding["funder"].astype(str),
                      funding["amount_eur"], funding["decision_date"].dt.strftime("%Y-%m-%d"), strict=True)) == [
        ("FIN-01", "P-1", "canceropole_paca", 30_000.0, "2022-03-02"),
        ("FIN-02", "P-1", "inserm_transfert", 230_000.0, "2022-08-07"),
        ("FIN-03", "P-2", "inserm_transfert", 160_000.0, "2022-05-01"),
        ("FIN-04", "P-3", "inserm_transfert", 250_000.0, "2023-05-13"),
        ("FIN-05", "P-3", "canceropole_paca", 50_000.0, "2023-05-13")]
    assert [(p.row, p.column, p.reason) for p in result.problems] == [(5, "funding_id", UNPAIRED)]  # three funders
    [sheet] = result.sheets
    counts = sheet.counts()
    assert counts["rows_read"] == 4 == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]
