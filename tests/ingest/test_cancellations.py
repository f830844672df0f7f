"""A ledger cancels a commitment with a later line of the same number and a negative amount: neither is counted."""

from __future__ import annotations

from partnership_metrics.ingest.ingestion import ingest

LEDGER = """N° engagement;Date;Intitulé compte;Origine des fonds;Montant HT;Libellé
EN-1;04/01/2021;Subventions maturation;Fonds propres IT;200000;Maturation P-1
EN-2;08/02/2021;Subventions maturation;Fonds propres IT;90000;Maturation P-2
EN-1;16/07/2021;Subventions maturation;Fonds propres IT;-200000;ANNULATION engagement EN-1 – projet abandonné
"""


def test_a_commitment_cancelled_by_a_negative_line_of_the_same_number_is_quarantined_with_it(tmp_path):
    (tmp_path / "engagements.csv").write_text(LEDGER, encoding="utf-8")
    result = ingest(tmp_path)
    assert list(result.tables["funding"]["funding_id"]) == ["EN-2"]
    reasons = {(p.row, p.reason.split(" (")[0]) for p in result.problems if p.table == "funding"}
    assert reasons == {(4, "below the minimum 0"), (2, "cancelled by engagements.csv row 4")}
    [sheet] = result.sheets
    counts = sheet.counts()
    assert (counts["rows_accepted"], counts["rows_quarantined"]) == (1, 2)
