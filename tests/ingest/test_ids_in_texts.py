"""A ledger names each commitment's project only inside its wording: the reference of the one shape most cells
hold is the row's project."""

from __future__ import annotations

from partnership_metrics.ingest.ingestion import ingest

LEDGER = """N° engagement;Date;Intitulé compte;Libellé;Origine des fonds;Montant HT
EN-2021-0101;04/01/2021;Prestations de maturation;Prestation de maturation ONC-2019-07 BIONK – contrat de service;Fonds propres IT;90000
EN-2021-0108;02/03/2021;Autres subventions et soutiens;Soutien au programme de formation 2021;Fonds propres IT;24000
EN-2021-0111;24/05/2021;Subventions maturation;Maturation BIOX (ONC-2020-09) – conv. CNRS;Fonds propres IT;80000
EN-2021-0115;02/06/2021;Subventions preuve de concept;POC ONC-2021-04 (PANCNK), suite de EN-2021-0101;Fonds propres IT;50000
"""


def test_the_project_named_inside_a_ledgers_wording_is_the_lines_project(tmp_path):
    (tmp_path / "engagements.csv").write_text(LEDGER, encoding="utf-8")
    funding = ingest(tmp_path).tables["funding"]
    got = dict(zip(funding["funding_id"], funding["project_id"], strict=True))
    assert got == {"EN-2021-0101": "ONC-2019-07", "EN-2021-0108": None, "EN-2021-0111": "ONC-2020-09",
                   "EN-2021-0115": "ONC-2021-04"}  # another line's number in the wording is no project
    assert dict(zip(funding["funding_id"], funding["instrument"].astype(str), strict=True))["EN-2021-0115"] == (
        "proof_of_concept")


def test_a_column_of_bare_references_left_unread_names_no_project(tmp_path):
    (tmp_path / "aides.csv").write_text(
        "Réf.;Financeur;Dispositif;Montant;Date de décision;Réf. financeur\n"
        "F-1;ANR;ANR PRC;100000;15/03/2021;ANR-19-CE14-0014\n"
        "F-2;INCa;PRT-K;200000;16/04/2021;INCA-2021-030\n"
        "F-3;INCa;PLBIO;300000;17/05/2021;INCA-2021-031\n", encoding="utf-8")
    funding = ingest(tmp_path).tables["funding"]
    assert funding["project_id"].isna().all()
    assert set(funding["instrument"].astype(str)) == {"grant"}  # the funders' programmes are grants
