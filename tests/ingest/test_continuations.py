"""A portal's list pasted into a sheet, each record over two lines (the second without its id), and the rows below a
table's total: never records of their own, always listed with why."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["Proposal ID", "Acronym", "Topic", "Role", "Status", "Submitted", "Programme", "Établissement"]


def _card(pid, acronym, role, status, submitted, programme, title):
    return [[pid, acronym, "HORIZON-MISS-2023-CANCER-01", role, status, submitted, programme, "AMU"],
            [None, title, "Understanding cancer", None, None, f"Deadline: {submitted:%d/%m/%Y} 17:00:00 (Brussels time)"]]


def test_a_record_pasted_over_two_lines_is_one_record(tmp_path: Path):
    rows = [["Copie de « My Proposals »"], [], HEADER,
            *_card("101200001", "ONCOSCAN", "COO", "Main list", dt.date(2023, 4, 12), "Mission Cancer", "Scanning"),
            *_card("101200002", "TUMAP", "BEN", "Rejected", dt.date(2023, 5, 3), "MSCA", "Tumour maps"),
            *_card("101200003", "IMMUNEX", "BEN", "Submitted", dt.date(2023, 9, 28), "ERC", "Immune exhaustion"),
            *_card("101200004", "CELLTRAK", "COO", "Grant signed", dt.date(2022, 11, 8), "EIC Pathfinder", "Tracking")]
    write_workbook(tmp_path / "raw" / "portail.xlsx", {"Copie portail": rows})
    result = ingest(tmp_path / "raw")
    eu = result.tables["eu_proposals"]
    assert list(eu["proposal_id"]) == ["101200001", "101200002", "101200003", "101200004"]
    assert list(eu["role"]) == ["coordinator", "partner", "partner", "coordinator"]  # the portal's COO and BEN
    assert not result.problems
    reasons = [d.reason for d in result.dropped]
    assert reasons.count("continues the line of row 4") == 1 and len(
        [r for r in reasons if r.startswith("continues the line of row")]) == 4


def test_one_line_without_its_id_is_quarantined_not_dropped(tmp_path: Path):
    rows = [HEADER,
            ["101200001", "ONCOSCAN", "T", "COO", "Submitted", dt.date(2023, 4, 12), "Mission Cancer", "AMU"],
            [None, "TUMAP", "T", "BEN", "Rejected", dt.date(2023, 5, 3), "MSCA", "AMU"],
            ["101200003", "IMMUNEX", "T", "BEN", "Submitted", dt.date(2023, 9, 28), "ERC", "UCA"]]
    write_workbook(tmp_path / "raw" / "portail.xlsx", {"Candidatures": rows})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["eu_proposals"]["proposal_id"]) == ["101200001", "101200003"]
    assert [(p.row, p.column) for p in result.problems if p.table == "eu_proposals"] == [(3, "proposal_id")]


def test_what_follows_a_total_row_without_an_id_is_no_record(tmp_path: Path):
    rows = [["Plan de financement"],
            ["Financeur", "Nature de l'aide", "Référence de la décision", "Date de la décision", "Montant (€)"],
            ["Région Sud", "Subvention", "R-2021-17", dt.date(2021, 5, 4), 120000],
            ["Fondation ARC", "Subvention", "ARC-21-3", dt.date(2021, 6, 1), 40000],
            ["TOTAL DES RESSOURCES", None, None, None, 160000],
            ["Taux d'intervention régionale :", None, None, None, 0.75]]
    write_workbook(tmp_path / "raw" / "annexe.xlsx", {"Ressources": rows})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["funding"]["funding_id"]) == ["R-2021-17", "ARC-21-3"]
    assert not result.problems
    assert [d.reason for d in result.dropped if d.row == 6] == ["below the total row, without an id"]


def test_a_committees_lines_not_granted_are_no_funding(tmp_path: Path):
    rows = [["Relevé des décisions du comité"],
            ["Date de la séance", "Réf. projet", "Financeur", "Dispositif", "Avis du comité", "Montant (€)",
             "N° d'engagement"],
            [dt.date(2021, 3, 2), "VP-1", "CPP", "Preuve de concept", "Favorable", 40000, "ENG-21-01"],
            [dt.date(2021, 3, 2), "VP-2", "IT", "Maturation", "Défavorable", None, "—"],
            [dt.date(2021, 6, 9), "VP-3", "IT", "Maturation", "Ajourné", None, "—"],
            [dt.date(2021, 6, 9), "VP-4", "CPP", "Preuve de concept", "Favorable sous conditions", 25000, "ENG-21-02"]]
    write_workbook(tmp_path / "raw" / "comite.xlsx", {"Décisions": rows})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["funding"]["funding_id"]) == ["ENG-21-01", "ENG-21-02"]
    assert not result.problems
    assert sorted(d.reason for d in result.dropped if d.row in (4, 5)) == [
        "not granted (Avis du comité: Ajourné)", "not granted (Avis du comité: Défavorable)"]


def test_a_ledgers_payment_lines_under_each_commitment_are_no_funding(tmp_path: Path):
    rows = [["SUIVI BUDGÉTAIRE — RÉGION SUD"], ["Montants en euros"], [],
            ["N° engagement", "Date", "Libellé de l'opération", "Réf. projet", "Nature de l'aide", "Engagé", "Versé"],
            ["2021_0101", dt.date(2021, 3, 4), "Subvention — vote de la commission", "VP-1", "Subvention", 300000, None],
            [None, dt.date(2021, 6, 1), "    Versement avance 50 %", None, None, None, 150000],
            [None, dt.date(2022, 6, 1), "    Versement solde 50 %", None, None, None, 150000],
            ["2022_0207", dt.date(2022, 5, 9), "Subvention — vote de la commission", "VP-2", "Subvention", 120000, None],
            [None, dt.date(2022, 9, 1), "    Versement avance 50 %", None, None, None, 60000]]
    write_workbook(tmp_path / "raw" / "budget.xlsx", {"Région Sud": rows})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"]
    assert list(funding["funding_id"]) == ["2021_0101", "2022_0207"]
    assert list(funding["amount_eur"]) == [300000, 120000]  # what was committed, not paid
    assert set(funding["funder"]) == {"region_sud"}  # its title names it
    assert not result.problems
    assert [d.reason for d in result.dropped if d.row in (6, 7)] == ["continues the line of row 5"] * 2
