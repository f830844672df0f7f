"""Headers written as a list's internal column names, as SharePoint exports them (escaped_headers.py)."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.escaped_headers import with_unescaped_headers
from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.reading import RawSheet


def test_escapes_of_the_header_rows_are_read_as_their_characters():
    sheet = RawSheet(file="f.xlsx", sheet="owssvr", rows=[["R_x00e9_f_x00e9_rence", "Date_x0020_de_x0020_d_x00e9_cision"],
                                                           ["FIN-1", "2021-03-04"]])
    assert with_unescaped_headers(sheet).rows[0] == ["Référence", "Date de décision"]
    plain = RawSheet(file="f.xlsx", sheet="s", rows=[["Référence"]])
    assert with_unescaped_headers(plain) is plain


def test_a_sharepoint_list_of_funding_decisions(tmp_path):
    rows = [["R_x00e9_f_x00e9_rence", "Projet", "Financeur", "Dispositif", "Montant", "Unit_x00e9_",
             "Date_x0020_de_x0020_d_x00e9_cision", "Item Type", "Created By"],
            ["FIN-18-001", "VAL-2018-001", "CPP", "Émergence", 20, "k€", "2018-04-16", "Item", "Céline Barbier"],
            ["FIN-18-004", "VAL-2018-002", "Inserm Transfert", "Maturation", 90, "k€", "2018-12-05", "Item",
             "Bruno Marty"]]
    write_workbook(tmp_path / "raw" / "owssvr.xlsx", {"owssvr": rows})
    funding = ingest(tmp_path / "raw").tables["funding"].set_index("funding_id")
    assert list(funding.index) == ["FIN-18-001", "FIN-18-004"]  # "R_x00e9_f_x00e9_rence": the line ids
    assert [str(d)[:10] for d in funding["decision_date"]] == ["2018-04-16", "2018-12-05"]
    assert list(funding["funder"].astype(str)) == ["canceropole_paca", "inserm_transfert"]
    assert list(funding["amount_eur"]) == [20_000, 90_000]  # "Unité": k€
