"""A ledger writes each correction or amendment of a commitment as a line naming the commitment it changes: the
commitment is one funding line, its amount the sum of its own and theirs."""

from __future__ import annotations

from partnership_metrics.ingest.ingestion import ingest

LEDGER = """Extraction des engagements juridiques;;;;;;;
N° pièce;Type de pièce;EJ d'origine;Date d'engagement;Code projet;Source de financement;Dispositif;Montant HT
EJ-1;Engagement initial;;19/11/2021;P-1;Inserm Transfert;Maturation;205 000,00 €
EJ-2;Engagement initial;;15/04/2022;P-2;Inserm Transfert;Maturation;845 000,00 €
RG-1;Correction;EJ-2;05/06/2022;P-2;Inserm Transfert;Maturation;-760 500,00 €
EJ-3;Engagement initial;;22/06/2022;P-3;Inserm Transfert;Preuve de concept;129 000,00 €
EJ-3/AV1;Avenant;EJ-3;11/08/2022;P-3;Inserm Transfert;Preuve de concept;55 500,00 €
EJ-4;Engagement initial;;01/09/2022;P-4;Inserm Transfert;Maturation;30 000,00 €
RG-2;Correction;EJ-4;03/10/2022;P-4;Inserm Transfert;Maturation;-30 000,00 €
"""


def test_corrections_and_amendments_are_added_to_the_commitment_they_name(tmp_path):
    (tmp_path / "EXTRACT_EJ.csv").write_text(LEDGER, encoding="utf-8")
    result = ingest(tmp_path)
    funding = result.tables["funding"]
    got = sorted(zip(funding["funding_id"], funding["amount_eur"], funding["decision_date"].astype(str), strict=True))
    assert got == [("EJ-1", 205000.0, "2021-11-19"), ("EJ-2", 84500.0, "2022-04-15"),
                   ("EJ-3", 184500.0, "2022-06-22")]  # EJ-4 cancelled by its correction
    assert not result.problems
    [sheet] = result.sheets
    reasons = {d.row: d.reason for d in sheet.dropped}
    assert reasons[5].startswith("correction or amendment of EJ-2 (row 4)")
    assert reasons[7].startswith("correction or amendment of EJ-3 (row 6)")
    assert reasons[8].startswith("cancelled: the lines amending it (rows 9)")
    counts = sheet.counts()
    assert counts["rows_read"] == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]


def test_a_column_naming_no_line_of_the_sheet_amends_nothing(tmp_path):
    ledger = LEDGER.replace(";EJ-2;", ";EJ-99;").replace(";EJ-3;", ";EJ-98;").replace(";EJ-4;", ";EJ-97;")
    (tmp_path / "EXTRACT_EJ.csv").write_text(ledger, encoding="utf-8")
    result = ingest(tmp_path)
    assert sorted(result.tables["funding"]["funding_id"]) == ["EJ-1", "EJ-2", "EJ-3", "EJ-3/AV1", "EJ-4"]
    assert sorted(p.key for p in result.problems if "below the minimum" in p.reason) == ["RG-1", "RG-2"]


def test_amounts_written_without_a_unit_are_added_too(tmp_path):
    """An accounting export writes its amounts as bare numbers ("-760500,00") under a header without a unit: the
    corrections are added all the same (this once stopped the whole run)."""
    ledger = LEDGER.replace(" €", "").replace(" 000,00", "000,00").replace(" 500,00", "500,00")
    (tmp_path / "EXTRACT_EJ.csv").write_text(ledger, encoding="utf-8")
    funding = ingest(tmp_path).tables["funding"]
    assert sorted(zip(funding["funding_id"], funding["amount_eur"], strict=True)) == [
        ("EJ-1", 205000.0), ("EJ-2", 84500.0), ("EJ-3", 184500.0)]


GENERAL_LEDGER = """Grand livre analytique - Programme partenariat;;;;;;;;
Extraction du 08/01/2024;;;;;;;;
;;;;;;;;
Journal;Libellé journal;Date comptable;Axe analytique 1 (Projet);N° engagement;Tiers;Ligne budgétaire;Libellé;Montant
EN;Engagements;24/04/2018;VAL-2018-001;ENG18-00001;GIP CANCEROPOLE PACA;PREUVE DE CONCEPT;Engagement PoC;112200,00
EN;Engagements;14/05/2018;VAL-2018-001;ENG18-00003;INSERM TRANSFERT SA;MATURATION;Engagement maturation;138000,00
BQ1;Banque - décaissements;22/07/2018;VAL-2018-001;ENG18-00003;INSERM TRANSFERT SA;MATURATION;Versement tranche 1;-69000,00
ECO;Corrections d'engagements;08/09/2018;VAL-2018-001;ENG18-00001;GIP CANCEROPOLE PACA;PREUVE DE CONCEPT;Révision;-23200,00
EN;Engagements;12/05/2019;VAL-2019-002;ENG19-00007;GIP CANCEROPOLE PACA;EMERGENCE;Engagement émergence;40000,00
ECO;Corrections d'engagements;02/06/2019;VAL-2019-002;ENG19-00007;GIP CANCEROPOLE PACA;EMERGENCE;Annulation;-40000,00
"""


def test_a_general_ledger_s_journals_say_which_lines_are_commitments(tmp_path):
    """Every line carries its commitment's number; the journal says its kind: a correction is added to the
    commitment, a payment is no funding line, a commitment its corrections bring to zero was cancelled. The funder and
    the instrument are read from the columns that name their codes ("Tiers", "Ligne budgétaire")."""
    (tmp_path / "grand_livre.csv").write_text(GENERAL_LEDGER, encoding="utf-8")
    result = ingest(tmp_path)
    funding = result.tables["funding"]
    assert sorted(zip(funding["funding_id"], funding["funder"].astype(str), funding["instrument"].astype(str),
                      funding["amount_eur"], strict=True)) == [
        ("ENG18-00001", "canceropole_paca", "proof_of_concept", 89_000.0),
        ("ENG18-00003", "inserm_transfert", "maturation", 138_000.0)]
    reasons = sorted(d.reason for d in result.dropped if "payment" in d.reason or "correction" in d.reason
                     or "cancelled" in d.reason)
    assert len(reasons) == 4 and reasons[-1].startswith("correction or amendment of ENG19-00007")
    assert any(r.startswith("a payment of ENG18-00003") for r in reasons) and not result.problems


CREDIT_NOTES = """N° engagement;Date décision;Réf. projet;Financeur;Nature;Montant HT (€);Observations
ENG-2020-0030;02/10/2020;P-1;CanceroPôle PACA;Émergence;17 000;voir avoir ci-dessous
AV-2020-01;20/02/2021;P-1;CanceroPôle PACA;Avoir;-1 500;Avoir sur engagement ENG-2020-0030 (réduction du montant décidé)
ENG-2020-0033;07/11/2020;P-2;CanceroPôle PACA;Émergence;21 500;
ENG-2020-0036;12/11/2020;P-3;Inserm Transfert;Maturation;193 000;cf. ENG-2020-0033 pour le même porteur
ENG-2020-0039;14/11/2020;P-4;CanceroPôle PACA;Émergence;16 500;
ENG-2020-0042;07/12/2020;P-5;Inserm Transfert;Émergence;17 000;
ENG-2020-0045;12/12/2020;P-6;Inserm Transfert;Maturation;176 000;
"""


def test_a_credit_note_whose_remark_names_a_commitment_lowers_it(tmp_path):
    """"Avoir sur engagement ENG-2020-0030", -1 500: the commitment's decided amount is 15 500; a remark naming another
    line beside a positive amount ("cf. ENG-2020-0033") is only a remark."""
    (tmp_path / "engagements.csv").write_text(CREDIT_NOTES, encoding="utf-8")
    result = ingest(tmp_path)
    funding = result.tables["funding"]
    assert sorted(zip(funding["funding_id"], funding["amount_eur"], strict=True))[:3] == [
        ("ENG-2020-0030", 15500.0), ("ENG-2020-0033", 21500.0), ("ENG-2020-0036", 193000.0)]
    assert not result.problems
    assert any(d.row == 3 and "correction or amendment of ENG-2020-0030" in d.reason for d in result.dropped)


SIFAC_LEDGER = """Extraction SIFAC - lignes budgétaires par élément d'OTP
Exercice;Date pièce;N° pièce;Type de ligne;N° EJ;Élément d'OTP;Fonds;Programme de financement;Montant
2021;09.03.2021;1800001;Engagement;51077271;P-1;CPP;PREUVE-CONCEPT;52 750,00
2021;03.05.2021;1800002;Liquidation;51077271;P-1;CPP;PREUVE-CONCEPT;21 100,00
2021;19.09.2021;1800008;Engagement;51036288;P-2;Inserm Transfert;MATURATION;348 000,00
2021;09.11.2021;1800009;Liquidation;51036288;P-2;Inserm Transfert;MATURATION;174 000,00
2022;17.02.2022;1800024;Engagement;51070769;P-3;INCa;SUBVENTION;349 250,00
2022;17.02.2022;1800025;Engagement;51070769;P-3;INCa;SUBVENTION;349 250,00
2022;26.02.2022;1800026;Annulation;51070769;P-3;INCa;SUBVENTION;-349 250,00
"""


def test_a_ledger_numbering_its_lines_reads_each_commitment_by_its_own_number(tmp_path):
    """Each line has its own number ("N° pièce") and its commitment's ("N° EJ"), its kind in a column of its own
    (SIFAC's "Engagement", "Liquidation", "Annulation"): the funding line is the commitment, by its number; the
    payments are no funding lines, a commitment keyed twice and cancelled once counts once."""
    (tmp_path / "sifac.csv").write_text(SIFAC_LEDGER, encoding="utf-8")
    result = ingest(tmp_path)
    funding = result.tables["funding"]
    assert sorted(zip(funding["funding_id"], funding["amount_eur"], funding["decision_date"].astype(str),
                      strict=True)) == [("51036288", 348_000.0, "2021-09-19"), ("51070769", 349_250.0, "2022-02-17"),
                                        ("51077271", 52_750.0, "2021-03-09")]
    assert sum("a payment of" in d.reason for d in result.dropped) == 2 and not result.problems
