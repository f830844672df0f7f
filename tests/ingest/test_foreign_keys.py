"""A database exported one sheet per table: integer foreign keys are read as the business reference (or the person)
of the row they name, coded columns through the list of codes; a CSV extract's keys name the workbook beside it
(foreign_keys.py)."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

LISTS = [["type", "code", "libelle"], ["instrument", "MAT", "Maturation"], ["instrument", "EMER", "Émergence"],
         ["statut_startup", "ACT", "En activité"], ["statut_proposition", 1, "En attente"],
         ["statut_proposition", 2, "Retenue (financée)"], ["canal_sourcing", 1, "Appel à projets du CanceroPôle"],
         ["suivi", "CPP", "Suivi par le CanceroPôle seul"]]
ETABLISSEMENTS = [["id", "sigle", "libelle"], [1, "AMU", "Aix-Marseille Université"], [2, "UniCA", "Université Côte d'Azur"]]
PARTENAIRES = [["id", "sigle", "libelle"], [1, "CPP", "CanceroPôle PACA"], [2, "IT", "Inserm Transfert"],
               [3, "RSUD", "Région Sud Provence-Alpes-Côte d'Azur"]]
PERSONNES = [["id", "nom", "prenom", "email", "unite", "etablissement_id"],
             [1, "Arnaud", "Julien", "julien.arnaud@univ-amu.example.fr", "U1068", 1],
             [2, "Honnorat", "Olivier", "olivier.honnorat@univ-cotedazur.example.fr", "UMR7370", 2]]
PROJETS = [["id", "reference_projet", "titre", "porteur_id", "etablissement_id", "canal_sourcing_code", "suivi_code",
            "date_detection"],
           [7, "VAL-2021-001", "Un test compagnon", 1, 1, 1, "CPP", "2021-03-15T00:00:00+01:00"],
           [9, "VAL-2021-002", "Une sonde", 2, 2, 1, "CPP", "2021-05-02T00:00:00+02:00"]]
FINANCEMENTS = [["id", "projet_id", "financeur_id", "instrument_code", "montant_eur", "date_decision"],
                [1, 9, 1, "EMER", 40000, "2021-06-01T00:00:00+02:00"],
                [2, 7, 3, "MAT", 120000, "2021-09-01T00:00:00+02:00"]]
EVENEMENTS = [["id", "code_evenement", "date_evenement", "intitule", "type_evenement", "organisateur_id",
               "nb_participants"], [1, "EVT-2021-01", "2021-04-12T00:00:00+02:00", "Atelier PI", "Atelier", 2, 25]]
PARTICIPATIONS = [["id", "evenement_id", "personne_id"], [1, 1, 2], [2, 1, 1]]


def test_keys_are_read_as_what_the_rows_they_name_are_known_by(tmp_path):
    write_workbook(tmp_path / "raw" / "export_base.xlsx", {
        "nomenclatures": LISTS, "etablissements": ETABLISSEMENTS, "partenaires": PARTENAIRES, "personnes": PERSONNES,
        "projets": PROJETS, "financements": FINANCEMENTS, "evenements": EVENEMENTS, "participations": PARTICIPATIONS})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert list(projects["lead_institution"]) == ["AMU", "UCA"] and set(projects["sourcing_channel"]) == {"cpp_call"}
    funding = result.tables["funding"].sort_values("funding_id")
    assert list(funding["project_id"]) == ["VAL-2021-002", "VAL-2021-001"]
    assert list(funding["funder"]) == ["canceropole_paca", "region_sud"]  # "RSUD" read from its name
    assert list(funding["instrument"]) == ["emergence", "maturation"]
    assert result.tables["events"]["organiser"].tolist() == ["it"]
    attendance = result.tables["event_attendance"]
    assert sorted(attendance["research_unit"]) == ["U1068", "UMR7370"] and set(attendance["event_id"]) == {"EVT-2021-01"}
    kinds = {s.sheet: s.note for s in result.sheets if s.table is None}
    assert "lookup table" in kinds["personnes"] and "lookup table" in kinds["nomenclatures"]


def test_a_csv_extract_names_the_workbook_exported_beside_it(tmp_path):
    write_workbook(tmp_path / "raw" / "export_base.xlsx", {
        "nomenclatures": LISTS, "etablissements": ETABLISSEMENTS, "partenaires": PARTENAIRES})
    (tmp_path / "raw" / "propositions.csv").write_text(
        "id,numero_proposition,programme,date_soumission,role,etablissement_id,statut_code\n"
        "1,953436,ERC,2020-06-23T00:00:00+02:00,Coordinateur,2,2\n"
        "2,956297,MSCA,2020-07-01T00:00:00+02:00,Partenaire,1,1\n", encoding="utf-8")
    eu = ingest(tmp_path / "raw").tables["eu_proposals"].set_index("proposal_id")
    assert eu.loc["953436", "status"] == "funded" and eu.loc["956297", "status"] == "pending"
    assert list(eu["institution"]) == ["UCA", "AMU"]


def test_an_access_database_exported_one_csv_per_table(tmp_path):
    """Access: "tblProjets" keyed "IdProjet", lookups known by name ("IdEtab | NomEtab | Ville"), keys named after the
    first letters of their table ("IdEtab"), a join table without a key of its own (its first column a key too), the
    people's institution read through their own key."""
    raw = tmp_path / "raw" / "Export_Access"
    raw.mkdir(parents=True)
    files = {
        "tblEtablissements.csv": "IdEtab;NomEtab;Ville\n1;Aix-Marseille Université;Marseille\n"
                                 "2;Inserm - Délégation régionale PACA et Corse (Marseille);Marseille\n",
        "tblFinanceurs.csv": "IdFinanceur;NomFinanceur;Partenaire\n1;Inserm Transfert;Vrai\n2;Région Sud;Faux\n",
        "tblDispositifs.csv": "IdDispositif;LibelleDispositif\n1;Maturation\n2;Subvention\n",
        "tblProjets.csv": "IdProjet;CodeProjet;Titre;IdEtab;Canal;Accompagnement;DateDetection\n"
                          "4;CPPIT-2019-01;Une sonde;2;AAP CPP;CPP;12/03/2019 00:00:00\n"
                          "9;CPPIT-2020-02;Un anticorps;1;Détection IT;IT;05/02/2020 00:00:00\n",
        "tblFinancements.csv": "IdFinancement;IdProjet;IdFinanceur;IdDispositif;Montant;DateDecision\n"
                               "1;9;1;1;120000,00;01/06/2020 00:00:00\n2;4;2;2;45000,00;15/09/2020 00:00:00\n",
        "tblEvenements.csv": "IdEvenement;Titre;DateEvenement;TypeEvenement;Organisateur;NbParticipants\n"
                             "1;Atelier PI;11/07/2021 00:00:00;Atelier;CPP;2\n",
        "tblParticipants.csv": "IdParticipant;Nom;Prenom;Email;IdEtab;Unite\n"
                               "1;MARTIN;Léa;lea.martin@univ-amu.example.fr;1;U1068\n"
                               "2;DURAND;Paul;paul.durand@inserm.example.fr;2;U1104\n",
        "tblInscriptions.csv": "IdEvenement;IdParticipant;Présent\n1;1;Vrai\n1;2;Vrai\n"}
    for name, text in files.items():
        (raw / name).write_text(text, encoding="cp1252")
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id").sort_index()
    assert list(projects["lead_institution"]) == ["INSERM", "AMU"]
    funding = result.tables["funding"].sort_values("funding_id")
    assert list(zip(funding["project_id"], funding["funder"].astype(str), funding["instrument"].astype(str),
                    strict=True)) == [("CPPIT-2020-02", "inserm_transfert", "maturation"),
                                      ("CPPIT-2019-01", "region_sud", "grant")]
    attendance = result.tables["event_attendance"]
    assert set(attendance["event_id"]) == {"1"}
    assert sorted(zip(attendance["institution"].astype(str), attendance["research_unit"], strict=True)) == [
        ("AMU", "U1068"), ("INSERM", "U1104")]
