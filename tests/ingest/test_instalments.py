"""Funding kept as a ledger of payments (instalments.py), its amounts in debit and credit columns
(ledger_amounts.py): each commitment is one funding line, its payments added up."""

from __future__ import annotations

from pathlib import Path

from partnership_metrics.ingest.ingestion import ingest

PAYMENTS = """N° engagement;Date décision;Projet;Financeur;Dispositif;N° pièce;Échéance;Montant réglé (€)
ENG21-001;15/03/2021;VAL-01;Inserm Transfert;Maturation;P-0001;30/04/2021;30000
ENG21-001;15/03/2021;VAL-01;Inserm Transfert;Maturation;P-0007;30/09/2021;20000
ENG21-001;15/03/2021;VAL-01;Inserm Transfert;Maturation;P-0007;30/09/2021;20000
ENG21-002;02/06/2021;VAL-02;Inserm Transfert;Preuve de concept;P-0003;30/06/2021;15000
ENG22-003;10/01/2022;VAL-03;Inserm Transfert;Maturation;P-0011;31/01/2022;40000
ENG22-003;10/01/2022;VAL-03;Inserm Transfert;Maturation;P-0012;30/06/2022;40000
"""

DEBIT_CREDIT = """N° engagement;Date décision;Projet;Financeur;Dispositif;N° pièce;Libellé écriture;Débit;Crédit
ENG21-001;15/03/2021;VAL-01;Inserm Transfert;Maturation;P-0001;1er versement;50 000,00;
ENG21-001;15/03/2021;VAL-01;Inserm Transfert;Maturation;AV-0002;Avoir sur trop-versé;;5 000,00
ENG21-002;02/06/2021;VAL-02;Inserm Transfert;Preuve de concept;P-0003;Versement unique;15 000,00;
ENG22-003;10/01/2022;VAL-03;Inserm Transfert;Maturation;P-0011;1er versement;40 000,00;
ENG22-003;10/01/2022;VAL-03;Inserm Transfert;Maturation;P-0012;Solde;40 000,00;
"""


def _funding(tmp_path: Path, text: str):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "Grand livre engagements.csv").write_text(text, encoding="utf-8")
    result = ingest(raw)
    df = result.tables["funding"]
    return result, dict(zip(df["funding_id"], df["amount_eur"], strict=True))


def test_a_commitments_payments_add_up_a_payment_exported_twice_once(tmp_path):
    result, got = _funding(tmp_path, PAYMENTS)
    assert got == {"ENG21-001": 50000.0, "ENG21-002": 15000.0, "ENG22-003": 80000.0}
    assert not [p for p in result.problems if p.table == "funding"]
    [sheet] = result.sheets
    assert sheet.counts()["rows_read"] == 6  # every line accounted for: one kept per commitment


def test_debit_and_credit_columns_give_signed_amounts_a_credit_note_lowers_its_commitment(tmp_path):
    _, got = _funding(tmp_path, DEBIT_CREDIT)
    assert got == {"ENG21-001": 45000.0, "ENG21-002": 15000.0, "ENG22-003": 80000.0}


def test_lines_of_one_number_that_disagree_are_not_added_up(tmp_path):
    disagreeing = PAYMENTS.replace("ENG22-003;10/01/2022;VAL-03;Inserm Transfert;Maturation;P-0012",
                                   "ENG22-003;10/01/2022;VAL-04;Inserm Transfert;Maturation;P-0012")
    result, got = _funding(tmp_path, disagreeing)
    assert got["ENG21-001"] == 50000.0 and "ENG22-003" not in got  # a conflict, both copies quarantined
    assert sorted(p.row for p in result.problems if p.table == "funding" and "ENG22-003" in str(p.key)) == [6, 7]


def test_without_a_payment_column_two_amounts_under_one_number_stay_a_conflict(tmp_path):
    lines = [";".join(line.split(";")[:5] + line.split(";")[7:]) for line in PAYMENTS.splitlines()]
    result, got = _funding(tmp_path, "\n".join(lines).replace("Montant réglé", "Montant") + "\n")
    assert got == {"ENG21-002": 15000.0, "ENG22-003": 40000.0}  # ENG22-003's two lines now read the same
    assert len([p for p in result.problems if p.table == "funding"]) == 3  # ENG21-001: two amounts, nothing adds
