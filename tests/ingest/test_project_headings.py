"""A budget grouped by project (project_headings.py): a heading line names the project, its lines follow with labels
of their own, a subtotal closes the group; one column per funder."""

from __future__ import annotations

import datetime as dt

import openpyxl

from partnership_metrics.ingest.ingestion import ingest

FUNDERS = ["N° ligne", "Projet / libellé", "Nature", "Décision", "Inserm Transfert", "CanceroPôle PACA", "Région Sud"]


def _budget(path, with_ids: bool):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Budget du partenariat – montants en euros"])
    sheet.append([])
    header = FUNDERS if with_ids else FUNDERS[1:]
    sheet.append(header)
    lead = (lambda ref: [ref]) if with_ids else (lambda ref: [])
    groups = [("ONC-01", "ONCOVOICE – Anticorps bispécifique", [
                  ("FL-01", "    AAP Emergence", "Emergence", dt.date(2021, 3, 2), None, 50000, None),
                  ("FL-02", "    Maturation cofinancée", "Maturation", dt.date(2021, 9, 6), 110000, None, None)]),
              ("ONC-02", "KINASTOP – Organoïdes", [
                  ("FL-03", "    Preuve de concept", "PoC", dt.date(2022, 1, 17), 35000, None, None)]),
              (None, "Actions hors projet (transverses)", [
                  ("FL-04", "    Programme formation", "Autre", dt.date(2022, 3, 1), None, None, 18000)])]
    for ref, title, lines in groups:
        if with_ids:
            sheet.append([ref or "—", title])
        else:
            sheet.append([f"{ref} – {title}" if ref else title])
        for line_id, label, nature, day, it, cpp, region in lines:
            sheet.append([*lead(line_id), label, nature, day, it, cpp, region])
        total = [sum(line[k] or 0 for line in lines) for k in (4, 5, 6)]
        sheet.append([*lead(None), f"Sous-total {ref or 'hors projet'}", None, None, *total])
        sheet.append([])
    book.save(path)


def _lines(tmp_path, with_ids):
    raw = tmp_path / "raw"
    raw.mkdir()
    _budget(raw / "budget.xlsx", with_ids)
    result = ingest(raw)
    funding = result.tables["funding"].sort_values("amount_eur")
    return result, [(r["funding_id"], r["project_id"], r["funder"], r["amount_eur"])
                    for r in funding.to_dict("records")]


def test_each_line_takes_the_project_its_heading_names(tmp_path):
    result, lines = _lines(tmp_path, with_ids=False)
    assert [(p, f, a) for _, p, f, a in lines] == [
        (None, "region_sud", 18000.0), ("ONC-02", "inserm_transfert", 35000.0),
        ("ONC-01", "canceropole_paca", 50000.0), ("ONC-01", "inserm_transfert", 110000.0)]
    reasons = [d.reason for d in result.dropped]
    assert sum("heading of a group of lines (project ONC-0" in r for r in reasons) == 2
    assert any("tied to no project" in r for r in reasons)
    assert not result.problems


def test_a_line_number_written_once_per_line_is_the_lines_id(tmp_path):
    _, lines = _lines(tmp_path, with_ids=True)
    assert lines == [("FL-04", None, "region_sud", 18000.0), ("FL-03", "ONC-02", "inserm_transfert", 35000.0),
                     ("FL-01", "ONC-01", "canceropole_paca", 50000.0), ("FL-02", "ONC-01", "inserm_transfert", 110000.0)]


def test_a_plain_wide_table_naming_its_project_on_each_line_is_read_as_written(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Projet", "Nature", "Décision", "Inserm Transfert", "CanceroPôle PACA"])
    sheet.append(["ONC-01", "Maturation", dt.date(2021, 3, 2), 100000, None])
    sheet.append(["ONC-02", "Emergence", dt.date(2021, 4, 2), None, 40000])
    sheet.append(["ONC-03", "Emergence", dt.date(2021, 5, 2), None, 30000])
    book.save(raw / "plan.xlsx")
    funding = ingest(raw).tables["funding"]
    assert sorted(funding["project_id"]) == ["ONC-01", "ONC-02", "ONC-03"]
