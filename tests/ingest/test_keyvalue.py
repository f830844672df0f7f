"""A log of attributes ("Event ref | Attribute | Value") is read as one row per thing, every raw row accounted for."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

LOG = """Journal des événements
Réf;Attribut;Valeur
EV-1;Titre;Atelier brevets
EV-1;Date;12/03/2021
EV-1;Type;Atelier
EV-1;Organisateur;CPP
EV-1;Participants;23

EV-2;Titre;Webinaire Europe
EV-2;Date;5 mai 2021
EV-2;Type;Webinaire
EV-2;Organisateur;Inserm Transfert
EV-2;Participants;une quarantaine
"""


def test_a_log_of_attributes_is_one_row_per_thing(tmp_path):
    (tmp_path / "journal.csv").write_text(LOG, encoding="utf-8")
    result = ingest(tmp_path)
    events = result.tables["events"]
    assert list(events["event_id"]) == ["EV-1"]  # EV-2's participant count cannot be read: quarantined
    assert events.loc[0, "attendees"] == 23 and str(events.loc[0, "event_date"].date()) == "2021-03-12"
    assert events.loc[0, "source_row"] == 3  # where the thing starts
    assert [p.key for p in result.problems] == ["EV-2"]
    sheet = result.sheets[0]
    counts = sheet.counts()
    assert counts["rows_read"] == 11 == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]
    assert any("read with row 3" in d.reason for d in sheet.dropped)


def test_a_log_of_attributes_beside_its_own_modification_date(tmp_path):
    """The log's own column ("Date de modification") is not an attribute: the three others are read."""
    rows = [["Registre des actions (1 ligne = 1 champ)", None, None, None],
            [None, None, None, None],
            ["Identifiant événement", "Attribut", "Valeur", "Date de modification"],
            ["EV19-01", "Date", "08/03/2019", "26/02/2019"],
            ["EV19-01", "Intitulé", "Formation brevets", "26/02/2019"],
            ["EV19-01", "Nombre de participants", 43, "26/02/2019"],
            ["EV19-01", "Type", "Formation", "26/02/2019"],
            ["EV19-01", "Organisateur", "Inserm Transfert", "26/02/2019"],
            ["EV19-02", "Organisateur", "Co-organisation CPP / IT", "14/05/2019"],
            ["EV19-02", "Type", "Webinaire", "14/05/2019"],
            ["EV19-02", "Intitulé", "Créer sa start-up", "14/05/2019"],
            ["EV19-02", "Date", "26/04/2019", "14/05/2019"],
            ["EV19-02", "Nombre de participants", 72, "14/05/2019"]]
    write_workbook(tmp_path / "raw" / "registre.xlsx", {"Attributs": rows})
    events = ingest(tmp_path / "raw").tables["events"].set_index("event_id")
    assert events.loc["EV19-02", "organiser"] == "joint" and events.loc["EV19-02", "attendees"] == 72
    assert str(events.loc["EV19-01", "event_date"].date()) == "2019-03-08"  # not the modification date


def test_a_register_kept_one_row_per_project_and_attribute_its_latest_entry_winning(tmp_path):
    """"Projet | Attribut | Valeur | Date de saisie | Saisi par" under a section row per call: the projects, each
    attribute's latest entry by its date of entry (not by its place), the "Projet" column read as the ids."""
    rows = [["Registre des projets — une ligne par projet et attribut"], [],
            ["Projet", "Attribut", "Valeur", "Date de saisie", "Saisi par"],
            ["——— Appel à projets 2021 ———"]]
    for ref, title, support in (("CPP-AAP2021-01", "Nanoparticules", "CanceroPôle"), ("CPP-AAP2021-02", "Vaccin", "CPP")):
        rows += [[ref, "Intitulé", title, "04/04/2021", "N. Garcia"],
                 [ref, "Établissement porteur", "AP-HM", "04/04/2021", "N. Garcia"],
                 [ref, "Canal", "AAP CanceroPôle", "04/04/2021", "N. Garcia"],
                 [ref, "Date de détection", "avril 2021", "04/04/2021", "N. Garcia"],
                 [ref, "Accompagnement", support, "04/04/2021", "N. Garcia"]]
    rows.insert(4, ["CPP-AAP2021-01", "Accompagnement", "CPP + IT", "12/09/2022", "N. Garcia"])  # a later correction
    write_workbook(tmp_path / "raw" / "registre.xlsx", {"Registre": rows})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert projects["supported_by"].astype(str).to_dict() == {"CPP-AAP2021-01": "both", "CPP-AAP2021-02": "cpp"}
    assert projects.loc["CPP-AAP2021-02", "title"] == "Vaccin" and not result.problems


def _card_register(path, header, blocks, merged=()):
    rows = [["Registre des projets (un projet = un bloc de lignes)"], [], header, ["━━ Période 2018-2020 ━━"]]
    for block in blocks:
        rows.extend([*block, []])
    write_workbook(path, {"Registre": rows}, {"Registre": list(merged)})


def test_a_register_kept_one_block_of_labelled_lines_per_project(tmp_path):
    """Each project a block: its reference beside its title (merged over the value cells), then one "Label : | value"
    line per field, its milestones listed in one cell ("Détection T1 2018 ; DI 2e semestre 2019 ; …")."""
    blocks = [[["CPP-V18-01", "Anticorps bispécifiques contre mésothéliome"],
               [None, "Acronyme :", "TARGGLIO"], [None, "Établissement :", "UCA"], [None, "Origine :", "AAP CPP"],
               [None, "Accompagnement :", "CPP"],
               [None, "Jalons :", "Détection T1 2018 ; Maturation 01/10/2018 ; Licence 25/10/2019"]],
              [["CPP-V18-02", "Capteur microfluidique de sarcome"],
               [None, "Établissement :", "Centre A. Lacassagne"], [None, "Origine :", "Détection IT"],
               [None, "Accompagnement :", "CPP + IT"],
               [None, "Jalons :", "Détection 16/03/2018 ; DI 2e semestre 2019 ; Maturation 1 février 2020"]],
              [["CPP-V19-01", "Signature radiomique prédictive"],
               [None, "Acronyme :", "NANOLYM"], [None, "Établissement :", "Aix-Marseille Univ."],
               [None, "Origine :", "Conjoint (AAP + IT)"], [None, "Accompagnement :", "IT"], [None, "Jalons :", "Détection 4 mai 2019 ; Abandon fin 2019"]]]
    _card_register(tmp_path / "registre.xlsx", ["Référence", "Intitulé / rubrique", "Valeur", "Remarques"], blocks,
                   merged=("B5:D5",))
    projects = ingest(tmp_path).tables["projects"].set_index("project_id")
    assert list(projects.index) == ["CPP-V18-01", "CPP-V18-02", "CPP-V19-01"]
    assert projects.loc["CPP-V18-01", "title"] == "Anticorps bispécifiques contre mésothéliome"
    assert projects.loc["CPP-V18-01", "acronym"] == "TARGGLIO" and projects.loc["CPP-V18-02", "lead_institution"] == "CAL"
    assert (str(projects.loc["CPP-V18-01", "detection_date"].date()),
            projects.loc["CPP-V18-01", "detection_date_precision"]) == ("2018-01-01", "quarter")
    assert (str(projects.loc["CPP-V18-02", "disclosure_date"].date()),
            projects.loc["CPP-V18-02", "disclosure_date_precision"]) == ("2019-07-01", "semester")
    assert str(projects.loc["CPP-V18-01", "licence_date"].date()) == "2019-10-25"


def test_a_register_s_milestones_one_line_each_with_their_dates_beside(tmp_path):
    """The same register a year later: "Rubrique | Détail | Date", the milestones under "Jalons :" one per line with
    the date in a column of their own (filled on their lines only: no date of entry of the log)."""
    blocks = [[["CPP-V22-01", "Modulateur du microenvironnement"], [None, "Acronyme :", "SENSPRED"],
               [None, "Etablissement :", "Institut Paoli-Calmettes"], [None, "Canal :", "AAP CPP 2022"],
               [None, "Suivi par :", "CPP"],
               [None, "Jalons :", "détection", dt.date(2022, 2, 9)],
               [None, None, "entrée en maturation", dt.date(2023, 10, 24)]],
              [["CPP-V22-02", "Dispositif de photothérapie"], [None, "Acronyme :", "OMICPEP"],
               [None, "Etablissement :", "UCA"], [None, "Canal :", "Détection IT"],
               [None, "Suivi par :", "Inserm Transfert seul"],
               [None, "Jalons :", "détection", dt.date(2022, 2, 20)],
               [None, None, "déclaration d'invention", dt.date(2022, 7, 21)]],
              [["CPP-V22-03", "Signature radiomique"], [None, "Acronyme :", "RADIOSIG"],
               [None, "Etablissement :", "AP-HM"], [None, "Canal :", "Conjoint"], [None, "Suivi par :", "CPP + IT"],
               [None, "Jalons :", "détection", dt.date(2022, 5, 3)],
               [None, None, "déclaration d'invention", dt.date(2022, 11, 14)]]]
    _card_register(tmp_path / "registre.xlsx", ["Réf.", "Rubrique", "Détail", "Date", "Commentaire"], blocks)
    projects = ingest(tmp_path).tables["projects"].set_index("project_id")
    assert list(projects.index) == ["CPP-V22-01", "CPP-V22-02", "CPP-V22-03"]
    assert str(projects.loc["CPP-V22-01", "maturation_start_date"].date()) == "2023-10-24"
    assert str(projects.loc["CPP-V22-02", "disclosure_date"].date()) == "2022-07-21"
    assert projects.loc["CPP-V22-03", "title"] == "Signature radiomique"


KINDS = """type_entite,id_enregistrement,nom_champ,valeur
projet,PRJ-001,titre,Anticorps anti-CD73
projet,PRJ-001,etablissement_porteur,Aix-Marseille Univ.
projet,PRJ-001,canal_sourcing,Détection IT
projet,PRJ-001,accompagnement,CPP + IT
projet,PRJ-001,date_detection,01/2018
financement,FIN-0001,projet,PRJ-001
financement,FIN-0001,financeur,CanceroPôle PACA
financement,FIN-0001,dispositif,Émergence
financement,FIN-0001,montant,"49 000,00 €"
financement,FIN-0001,date_decision,20/07/2018
projet,PRJ-002,titre,Signature CD73 prédictive
projet,PRJ-002,etablissement_porteur,Univ Côte d'Azur
projet,PRJ-002,canal_sourcing,Détection conjointe
projet,PRJ-002,accompagnement,CPP
projet,PRJ-002,date_detection,2018-02-27
financement,FIN-0002,projet,PRJ-002
financement,FIN-0002,financeur,Inserm Transfert
financement,FIN-0002,dispositif,Maturation
financement,FIN-0002,montant,"29,5 k€"
financement,FIN-0002,date_decision,T3 2019
contact,C-1,nom,Durand
contact,C-1,fonction,Chargée de valorisation
contact,C-1,telephone,04 91 00 00 00
contact,C-2,nom,Martin
"""


def test_a_log_of_several_kinds_of_things_is_read_one_kind_at_a_time(tmp_path):
    """A database's export of every record, one row per field ("type_entite | id | nom_champ | valeur"): each kind
    its table; a kind no table holds is listed as such, its rows not read; every raw row accounted for in each part."""
    (tmp_path / "export_base.csv").write_text(KINDS, encoding="utf-8")
    result = ingest(tmp_path)
    projects = result.tables["projects"].set_index("project_id")
    assert list(projects.index) == ["PRJ-001", "PRJ-002"]
    assert projects.loc["PRJ-001", "lead_institution"] == "AMU" and projects.loc["PRJ-002", "supported_by"] == "cpp"
    assert projects.loc["PRJ-001", "detection_date_precision"] == "month"
    funding = result.tables["funding"].set_index("funding_id")
    assert funding.loc["FIN-0001", "amount_eur"] == 49_000 and funding.loc["FIN-0002", "amount_eur"] == 29_500
    assert funding.loc["FIN-0002", "funder"] == "inserm_transfert" and funding.loc["FIN-0002", "project_id"] == "PRJ-002"
    parts = {s.sheet: s for s in result.sheets}
    assert set(parts) == {"[type_entite: projet]", "[type_entite: financement]", "[type_entite: contact]"}
    assert parts["[type_entite: contact]"].table is None and "no table" in parts["[type_entite: contact]"].note
    assert not any(s.skipped for s in result.sheets) and not result.problems
    for sheet in result.sheets:
        counts = sheet.counts()
        assert counts["rows_read"] == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]


def test_a_log_s_column_of_who_entered_each_value_is_no_kind_of_thing(tmp_path):
    """"Saisi par": two assistants entered the fields of the same projects; they are no kinds of things (and their
    names never name a part of the sheet)."""
    rows = [["Référence", "Attribut", "Valeur", "Saisi par"]]
    for ref, title, day, who in (("P-01", "Anticorps anti-CD73", "12/03/2021", "Nathalie Garcia"),
                                 ("P-02", "Vaccin néoantigène", "02/06/2021", "Bruno Marty")):
        for attribute, value in (("Intitulé", title), ("Établissement porteur", "AMU"), ("Canal", "Appel à projets CPP"),
                                 ("Accompagnement", "CPP"), ("Date de détection", day)):
            rows.append([ref, attribute, value, who if attribute != "Canal" else "Bruno Marty"])
    write_workbook(tmp_path / "raw" / "registre.xlsx", {"Registre": rows})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["projects"]["project_id"]) == ["P-01", "P-02"]
    assert [s.sheet for s in result.sheets] == ["Registre"]
