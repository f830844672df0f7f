"""An accounting export's sign says which way money went (charge_signs.py): a journal of commitments written
negative beside one of co-funding written positive is read as amounts committed; a credit note among positive
lines keeps its sign."""

from __future__ import annotations

from partnership_metrics.ingest.ingestion import ingest

HEADER = "Pièce;Date;Journal;Compte analytique;Financeur;Nature;Montant;Devise"
LINES = ["ENG-21-01;04/02/2021;ENG;PRJ-21-01;Inserm Transfert;Maturation;-80 000,00;EUR",
         "ENG-21-02;11/03/2021;ENG;PRJ-21-02;Inserm Transfert;Preuve de concept;-45 500,00;EUR",
         "COF-21-01;02/04/2021;COF;PRJ-21-01;Région Sud;Subvention;120 000,00;EUR",
         "COF-21-02;19/05/2021;COF;PRJ-21-02;INCa;Subvention;60 000,00;EUR"]


def _funding(tmp_path, lines):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "export_engagements.csv").write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return ingest(raw)


def test_a_journal_written_negative_beside_one_written_positive_is_read_unsigned(tmp_path):
    result = _funding(tmp_path, LINES)
    funding = result.tables["funding"].set_index("funding_id")
    assert funding.loc["ENG-21-01", "amount_eur"] == 80_000 and funding.loc["ENG-21-02", "amount_eur"] == 45_500
    assert funding.loc["COF-21-01", "amount_eur"] == 120_000
    assert not result.problems
    assert "'ENG' lines written negative" in result.sheets[0].note


def test_a_negative_line_among_positive_ones_of_its_journal_keeps_its_sign(tmp_path):
    lines = [*LINES, "COF-21-03;30/06/2021;COF;PRJ-21-02;INCa;Subvention;-5 000,00;EUR"]  # a credit note
    result = _funding(tmp_path, lines)
    assert "COF-21-03" not in set(result.tables["funding"]["funding_id"])
    assert [p.key for p in result.problems] == ["COF-21-03"]  # the ENG lines still read unsigned
