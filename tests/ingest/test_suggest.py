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


def test_a_comment_repeated_on_several_lines_is_no_line_s_id(tmp_path):
    """Without a line number, a commitments list's "Commentaire" is not guessed as the id: its words repeat."""
    rows = [["Financements accordés – année 2018"], [],
            ["Projet concerné", "Financeur", "Dispositif", "Mnt accordé (€ HT)", "Date de décision", "Commentaire"],
            ["P17-03", "CanceroPôle", "AAP Émergence", "35 000 €", "15/06/2018", "Comité AAP Émergence"],
            ["P18-01", "CanceroPôle PACA", "AAP Émergence", "50 000 €", "15/06/18", "Comité AAP Émergence"],
            ["P18-02", "CanceroPôle", "Émergence", "30 000,00 €", "15/06/18", "Comité AAP Émergence"],
            ["P16-05", "IT", "Programme de maturation", "210 000,00 €", "27/08/2018", "Comité d'engagement IT"]]
    write_workbook(tmp_path / "raw" / "suivi 2018.xlsx", {"Financements accordés": rows})
    funding = ingest(tmp_path / "raw").tables["funding"]
    assert sorted(funding["project_id"]) == ["P16-05", "P17-03", "P18-01", "P18-02"]
    assert not set(funding["funding_id"]) & {"Comité AAP Émergence", "Comité d'engagement IT"}


def test_a_comment_written_once_is_no_line_s_id(tmp_path):
    """"Commentaire" is spelt close to "Convention" (a line's id): filled once, it is still free text, never the id."""
    rows = [["Financements décidés 2020 - montants en k€"], [],
            ["Réf. proj.", "Financeur", "Instr.", "Montant k€", "Date décision", "Commentaire"],
            ["P18-04", "IT", "Maturation", 190, dt.date(2020, 1, 20), None],
            ["P19-02", "CPP", "Émergence", 28, dt.date(2020, 1, 20), None],
            ["P20-06", "CPP", "Émergence", 37, dt.date(2020, 7, 1), None],
            [None, "CPP", "Autre", 26, dt.date(2020, 2, 1), "prog. formation/sensibilisation"]]
    write_workbook(tmp_path / "raw" / "valo 2020.xlsx", {"Financements": rows})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"]
    assert sorted(funding["amount_eur"]) == [26000, 28000, 37000, 190000]
    assert "prog. formation/sensibilisation" not in set(funding["funding_id"])
