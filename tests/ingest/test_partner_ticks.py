"""A partner column kept as one tick column per partner, and a code column given by the file's name or title."""

from __future__ import annotations

import openpyxl

from partnership_metrics.ingest.ingestion import ingest


def test_a_databases_yes_no_fields_per_partner(tmp_path):
    (tmp_path / "qryExportProjets.csv").write_text(
        "IdProjet;NumProjet;Intitule;Etablissement;Origine;AccompCPP;AccompIT;DateDetection;NomPorteur\n"
        "1;VA-18-01;Cellules CAR-NK;CAL;AAP Cancéropôle;True;True;2018-01-06;BRUN\n"
        "3;VA-18-02;Virus oncolytique;AMU;AAP Cancéropôle;True;False;2018-03-16;BOYER\n"
        "4;VA-18-03;Sonde TEP;APHM;Détection Inserm Transfert;False;True;2018-04-02;ROUX\n", encoding="utf-8")
    result = ingest(tmp_path)
    projects = result.tables["projects"]
    assert list(projects["project_id"]) == ["VA-18-01", "VA-18-02", "VA-18-03"]  # the code, not the counter
    assert list(projects["supported_by"].astype(str)) == ["both", "cpp", "it"]
    assert not result.problems


def test_boxes_to_tick_under_a_merged_header(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["Réf.", "Date", "Intitulé", "Type d'action", "Organisé par", None, "Lieu", "Participants"],
                [None, None, None, None, "CPP", "IT", None, None],
                ["A21-01", "2021-02-20", "Rencontres Onco-Innovation", "Colloque", "X", "X", "Nice", 18],
                ["A21-02", "2021-04-28", "Soirée pitch onco", "Pitch", "X", None, "Marseille", 20],
                ["A21-03", "2021-06-02", "Atelier PI", "Atelier", None, "X", "Marseille", 12]]:
        sheet.append(row)
    sheet.merge_cells("E1:F1")
    book.save(tmp_path / "registre.xlsx")
    result = ingest(tmp_path)
    events = result.tables["events"]
    assert list(events["organiser"].astype(str)) == ["joint", "cpp", "it"]
    assert not result.problems


def test_the_funder_a_file_of_one_funders_commitments_names(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Mail 18-01-2022"
    for row in [["De : Olivier Pagès <olivier.pages@inserm-transfert.example>"],
                ["Objet : Engagements IT 2021 (projets PACA)"], [], ["Bonjour Sylvie,"], [],
                ["Réf. engagement", "Projet", "Type d'aide", "Montant HT", "Date décision"],
                ["ENG21/001", "VA-20-07", "Maturation", 181000, "2021-01-11"],
                ["ENG21/002", "VA-20-06", "Preuve de concept", 46000, "2021-04-13"],
                [], ["Bien cordialement,"], ["Olivier"]]:
        sheet.append(row)
    book.save(tmp_path / "Engagements IT - tableaux reçus par mail.xlsx")
    result = ingest(tmp_path)
    funding = result.tables["funding"]
    assert list(funding["funder"].astype(str)) == ["inserm_transfert", "inserm_transfert"]
    assert not result.problems
    [read] = result.sheets
    assert "funder 'inserm_transfert' for every row" in read.note
    assert any(d.reason == "note row (a name alone: a signature)" for d in result.dropped)


def test_tick_columns_beside_a_partners_code_column_say_who_supports_not_how_sourced(tmp_path):
    # "Code projet IT" names a partner but holds codes; a column added later is filled on recent rows only
    rows = [["N°", "Intitulé", "Établissement porteur", "Origine du projet", "Suivi CPP", "Suivi IT",
             "Code projet IT (depuis 2022)", "Repéré le", "Porteur"],
            ["OV-18-01", "Virus oncolytique", "AMU", "AAP CPP 2018", "✓", "✓", None, "2018-04-16", "MEUNIER"],
            ["OV-19-02", "Sonde TEP", "CAL", "repérage IT", None, "✓", None, "2019-07-16", "LEGRAND"],
            ["OV-20-03", "Score IA", "IPC", "AAP CPP 2020", "x", None, None, "2020-05-29", "BOYER"],
            ["OV-22-04", "Vaccin ARNm", "UniCA", "détection conjointe CPP/IT", "x", "x", "IT-ONC-4102",
             "2022-03-26", "FRANCOIS"]]
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(tmp_path / "suivi.xlsx")
    projects = ingest(tmp_path).tables["projects"]
    assert list(projects["project_id"]) == ["OV-18-01", "OV-19-02", "OV-20-03", "OV-22-04"]
    assert list(projects["supported_by"].astype(str)) == ["both", "it", "cpp", "both"]
    assert list(projects["sourcing_channel"].astype(str)) == ["cpp_call", "it_detection", "cpp_call", "joint"]


def test_boxes_ticked_under_the_partners_names_give_the_only_missing_required_column(tmp_path):
    # a Google Sheet's checkboxes exported as ☑ / ☐ under headers that are just the partners' names
    rows = [["Réf. projet", "Intitulé", "Établissement", "Origine du projet", "Date de détection", "CPP", "IT", "Porteur"],
            ["GS-21-01", "Anticorps bispécifique", "IPC", "AAP CPP", "12/02/2021", "☑", "☐", "Dr Anne ROUX"],
            ["GS-21-02", "Biopsie liquide", "CHU Nice", "Détection IT", "03/05/2021", "☐", "☑", "Pr Marc PETIT"],
            ["GS-21-03", "Radiomique", "AMU", "Conjointe", "20/09/2021", "☑", "☑", "Dr Léa MARTIN"]]
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(tmp_path / "Suivi projets 2021.xlsx")
    result = ingest(tmp_path)
    projects = result.tables["projects"]
    assert list(projects["project_id"]) == ["GS-21-01", "GS-21-02", "GS-21-03"]
    assert list(projects["supported_by"].astype(str)) == ["cpp", "it", "both"]
    assert "funding" not in result.tables  # ticks under "CPP | IT" are no amounts per funder


def test_an_access_export_s_minus_one_flags_per_partner_are_no_funders_amounts(tmp_path):
    """Access writes a ticked box as -1: "Suivi_CPP | Suivi_IT" over -1 and 0 say who supports each project, they are
    no wide sheet of amounts per funder; a hospital's site ("Hôpital Nord") is its institution's."""
    (tmp_path / "Export_Access_T_Projets.csv").write_text(
        "N_Dossier;Intitule;Site_Porteur;Origine;Suivi_CPP;Suivi_IT;Date_Detection\n"
        "DRCI-2018-002;Imagerie moléculaire;Hôpital Nord;AAP CanceroPôle;-1;0;2018-10-05 00:00:00\n"
        "DRCI-2018-011;Dispositif de radiothérapie;Hôpital de la Timone;Détection Inserm Transfert;-1;-1;"
        "2018-01-26 00:00:00\n"
        "DRCI-2018-013;Cellules CAR-T;Centre Antoine Lacassagne;Détection Inserm Transfert;0;-1;2018-09-25 00:00:00\n",
        encoding="utf-8")
    result = ingest(tmp_path)
    assert "funding" not in result.tables or result.tables["funding"].empty
    projects = result.tables["projects"]
    assert list(projects["project_id"]) == ["DRCI-2018-002", "DRCI-2018-011", "DRCI-2018-013"]
    assert list(projects["supported_by"].astype(str)) == ["cpp", "both", "it"]
    assert list(projects["lead_institution"]) == ["APHM", "APHM", "CAL"]
