"""A report that shows a group's columns on its first line only (report_groups.py)."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["Projet", "Intitulé projet", "N° engagement", "Financeur", "Nature de l'aide", "Montant engagé (€)",
          "Date du comité"]


def _funding(tmp_path, rows):
    write_workbook(tmp_path / "raw" / "engagements.xlsx", {"Engagements": [HEADER, *rows]})
    result = ingest(tmp_path / "raw")
    df = result.tables["funding"]
    return result, dict(zip(df["funding_id"], df["project_id"].astype(object).where(df["project_id"].notna(), None),
                            strict=True))


def test_each_commitment_belongs_to_the_project_above_it_in_a_grouped_report(tmp_path):
    rows = [["VA-21-01", "Vaccin", "ENG-01", "IT", "Maturation", 100000, dt.date(2021, 3, 1)],
            [None, None, "ENG-02", "IT", "Maturation", 50000, dt.date(2022, 3, 1)],
            ["VA-21-02", "Sonde", "ENG-03", "CPP", "Maturation", 80000, dt.date(2021, 6, 1)],
            ["(non affecté)", "Animation du réseau", "ENG-04", "IT", "Maturation", 11000, dt.date(2021, 1, 29)],
            [None, None, "ENG-05", "IT", "Maturation", 30000, dt.date(2022, 8, 15)],
            ["Total général", None, None, None, None, 271000, None]]
    result, got = _funding(tmp_path, rows)
    assert got == {"ENG-01": "VA-21-01", "ENG-02": "VA-21-01", "ENG-03": "VA-21-02", "ENG-04": None, "ENG-05": None}
    assert not result.problems


def test_a_plain_table_that_repeats_its_projects_keeps_an_empty_project_empty(tmp_path):
    rows = [["VA-21-01", "Vaccin", "ENG-01", "IT", "Maturation", 100000, dt.date(2021, 3, 1)],
            ["VA-21-01", "Vaccin", "ENG-02", "IT", "Maturation", 50000, dt.date(2022, 3, 1)],
            [None, None, "ENG-03", "CPP", "Maturation", 80000, dt.date(2021, 6, 1)],
            ["VA-21-02", "Sonde", "ENG-04", "IT", "Maturation", 11000, dt.date(2021, 1, 29)]]
    _, got = _funding(tmp_path, rows)
    assert got["ENG-03"] is None


def test_an_empty_project_with_its_label_written_is_not_carried(tmp_path):
    rows = [["VA-21-01", "Vaccin", "ENG-01", "IT", "Maturation", 100000, dt.date(2021, 3, 1)],
            [None, "Enveloppe AAP", "ENG-02", "IT", "Maturation", 50000, dt.date(2022, 3, 1)],
            ["VA-21-02", "Sonde", "ENG-03", "CPP", "Maturation", 80000, dt.date(2021, 6, 1)]]
    _, got = _funding(tmp_path, rows)
    assert got["ENG-02"] is None
