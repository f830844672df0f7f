"""A field written once above a table ("Référence projet : VO18-06" in a funder's annex) gives its column to every
row below; a field the table already has, or one written ambiguously, gives nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

LINES = [["Financeur", "Nature de l'aide", "Référence de la décision", "Date de la décision", "Montant (€)"],
         ["Cancéropôle PACA", "Preuve de concept", "CPP-21-04", dt.date(2021, 3, 9), 45000],
         ["Région Sud", "Subvention", "R-2021-118", dt.date(2021, 7, 2), 150000]]


def _annex(reference_label: str, reference: str, more: list | None = None) -> list:
    return [["ANNEXE FINANCIÈRE"], [], ["N° de dossier :", None, "R-2021-118"],
            [reference_label, None, reference], ["Intitulé de l'opération :", None, "Sonde TEP pour le gliome"],
            *(more or []), [], ["PLAN DE FINANCEMENT"], *LINES]


def test_the_project_written_above_a_funders_annex_is_each_lines(tmp_path: Path):
    write_workbook(tmp_path / "raw" / "annexes.xlsx", {"Dossier R-2021-118": _annex("Référence projet :", "VP-2104")})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"]
    assert list(funding["project_id"]) == ["VP-2104", "VP-2104"]
    assert list(funding["funding_id"]) == ["CPP-21-04", "R-2021-118"]  # the file number is not the lines' id


def test_two_labels_naming_the_same_column_give_nothing(tmp_path: Path):
    annex = _annex("Référence projet (CPP) :", "VP-2104", more=[["Référence projet (IT) :", None, "IT-0077"]])
    write_workbook(tmp_path / "raw" / "annexes.xlsx", {"Dossier": annex})
    result = ingest(tmp_path / "raw")
    assert result.tables["funding"]["project_id"].isna().all()
