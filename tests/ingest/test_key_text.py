"""Columns shown as key and text (SAP BW's "Projet | (its text)"): the text takes the header, the key becomes its
code, so that the id, the title and the institution's name are each read from the right column."""

from __future__ import annotations

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.key_text import key_text_columns

REPORT = """Portefeuille valorisation – situation au 31.12.2022
Projet;;Établissement porteur;;Date de détection;Origine;;Accompagnement;
VP-2101;Biomarqueur urinaire vessie;100115;Aix-Marseille Université;14.03.2021;AAP;Appel à projets;CO;CPP et IT
VP-2102;Vaccin thérapeutique HPV;100388;Université Côte d'Azur;02.06.2021;DET;Détection IT;IT;IT seul
VP-2203;Dispositif de cryoablation;100115;Aix-Marseille Université;19.01.2022;AAP;Appel à projets;CPP;CPP seul
VP-2204;Algorithme de triage;100512;Centre Antoine Lacassagne;07.07.2022;DET;Détection IT;CO;CPP et IT
"""


def test_key_and_text_columns_are_each_read_for_what_they_hold(tmp_path):
    (tmp_path / "portefeuille.csv").write_text(REPORT, encoding="utf-8")
    result = ingest(tmp_path)
    projects = result.tables["projects"].set_index("project_id")
    assert list(projects.index) == ["VP-2101", "VP-2102", "VP-2203", "VP-2204"]
    assert projects.loc["VP-2102", "title"] == "Vaccin thérapeutique HPV"
    assert projects.loc["VP-2204", "lead_institution"] == "CAL"  # from the name, not the partner number
    assert list(projects["supported_by"]) == ["both", "it", "cpp", "both"]
    assert result.sheets[0].columns["Code Projet"] == "project_id"


def test_only_codes_beside_texts_make_a_pair():
    header = ["Projet", None, "Montant", None, "Commentaire", None]
    rows = [["VP-1", "Titre un", 1200, 3, "suivi par la DRV", "ok"],
            ["VP-2", "Titre deux", 800, 4, "à relancer", "ok"],
            ["VP-3", "Titre trois", 450, 1, "clos", "ok"]]
    # numbers beside numbers, and a sentence beside a word, are no key and text
    assert key_text_columns(header, rows) == [1]


EXTRACT = """ENTITE|LIB_ENTITE|NUM_ENGAGEMENT|DATE_ENGAGEMENT|CODE_OPERATION|LIBELLE_OPERATION|NATURE|LIBELLE_NATURE|MONTANT_ENGAGE|NUM_MANDAT
CPP|CANCEROPOLE PACA|E21-004|20210412|VP-2101|BIOMARQUEUR URINAIRE|657402|AIDE A LA MATURATION|45000,00|M21-101
CPP|CANCEROPOLE PACA|E21-004|20210412|VP-2101|BIOMARQUEUR URINAIRE|657402|AIDE A LA MATURATION|45000,00|M21-188
CPP|CANCEROPOLE PACA|E22-011|20220930|VP-2203|CRYOABLATION|657401|AIDE PREUVE DE CONCEPT|30000,00|M22-040
"""


def test_an_accounting_extract_reads_labels_not_account_numbers(tmp_path):
    (tmp_path / "EXTRACT_ENG_2021_2022.csv").write_text(EXTRACT, encoding="latin-1")
    result = ingest(tmp_path)
    funding = result.tables["funding"].set_index("funding_id")
    assert list(funding.index) == ["E21-004", "E22-011"]  # one line per payment of a commitment: the same line
    assert list(funding["instrument"]) == ["maturation", "proof_of_concept"]  # from the label, not the account number
    assert list(funding["funder"]) == ["canceropole_paca"] * 2 and list(funding["project_id"]) == ["VP-2101", "VP-2203"]
    assert str(funding.loc["E22-011", "decision_date"].date()) == "2022-09-30" and funding["amount_eur"].sum() == 75000


SAP_EXTRACT = """Exercice;N° EJ;Type EJ;Désignation type EJ;Date EJ;Élément d'OTP;Désignation élément d'OTP;Fournisseur;Montant engagé
2021;4500021109;ZPOC;Preuve de concept;20.08.2021;ONC21-004;Signature de méthylation – mésothéliome;UNIVERSITE COTE D'AZUR;36.000,00
2022;4500022113;ZMAT;Convention maturation;11.03.2022;ONC21-010;Kit d'éducation thérapeutique;CNRS DR12;100.000,00
"""


def test_a_commitment_is_booked_on_the_code_of_its_projects_wbs_element_not_its_label(tmp_path):
    (tmp_path / "Engagements IT - export SAP.csv").write_text(SAP_EXTRACT, encoding="utf-8")
    funding = ingest(tmp_path).tables["funding"].set_index("funding_id")  # the funder from the file's name
    assert list(funding.index) == ["4500021109", "4500022113"]
    assert list(funding["project_id"]) == ["ONC21-004", "ONC21-010"]  # "Élément d'OTP", not its designation
    assert list(funding["instrument"]) == ["proof_of_concept", "maturation"]
    assert list(funding["amount_eur"]) == [36000.0, 100000.0] and list(funding["funder"]) == ["inserm_transfert"] * 2
