"""A sheet of indicators with no target column is a dashboard of actual values, listed as not data; a targets table
lacking a column it names is skipped with what to add (unread_sheets.py)."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


def test_key_metrics_without_targets_are_no_targets_table(tmp_path):
    rows = [["Key metrics – Q3 2022"], ["Data as at 30/09/2022"], [],
            ["Indicator", "This period", "Portfolio to date", "Comment"],
            ["New projects detected", 1, 42, None], ["Events held", 2, None, None], ["Attendees", 49, None, None]]
    write_workbook(tmp_path / "raw" / "pack.xlsx", {"Key metrics": rows})
    result = ingest(tmp_path / "raw")
    sheet = result.sheets[0]
    assert sheet.table is None and sheet.skipped is None and "without any target" in sheet.note
    assert "kpi_targets" not in result.tables or result.tables["kpi_targets"].empty



def test_a_read_me_lacking_a_tables_columns_is_no_table(tmp_path):
    rows = [["Réf. projet", "Titre du projet", "Établissement porteur", "Canal"],
            ["P-01", "Un test compagnon", "AMU", "AAP CPP"], ["P-02", "Une sonde", "UCA", "Détection IT"]]
    write_workbook(tmp_path / "raw" / "export.xlsx", {"Lisez-moi": rows, "Projets": rows})
    sheets = {s.sheet: s for s in ingest(tmp_path / "raw").sheets}
    assert sheets["Projets"].skipped is not None  # projects lacking their dates: said, with what to add
    assert sheets["Lisez-moi"].skipped is None and "read-me" in sheets["Lisez-moi"].note


def test_a_parameters_sheet_of_drop_down_lists_is_no_table(tmp_path):
    """"Paramètres": one list per column (technologies, channels, support…), no project in it: not data, not skipped;
    a sheet of the same name holding a repeated value is still said to lack what it lacks."""
    lists = [["Paramètres de l'export"], [],
             ["Type de technologie", "Canal de sourcing", "Accompagnement", "Organisateur", "Lieu"],
             ["Thérapeutique", "Appel à projets CPP", "CanceroPôle PACA", "CanceroPôle PACA", "Marseille"],
             ["Diagnostic", "Détection Inserm Transfert", "Inserm Transfert", "Inserm Transfert", "Nice"],
             ["Dispositif médical", "Détection conjointe", "CPP + Inserm Transfert", None, "En ligne"],
             ["Autre"]]
    repeated = [*lists[:4], ["Thérapeutique", "Appel à projets CPP", "CPP", "CPP", "Nice"]]
    write_workbook(tmp_path / "raw" / "export.xlsx", {"Paramètres": lists, "Listes": repeated})
    sheets = {s.sheet: s for s in ingest(tmp_path / "raw").sheets}
    assert sheets["Paramètres"].skipped is None and "drop-downs" in sheets["Paramètres"].note
    assert sheets["Listes"].skipped is not None


def test_a_dashboard_of_the_years_before_any_target_is_no_targets_table(tmp_path):
    """"Objectif (n.a.)" all "—" beside "Réalisé sur la période": actual values of a baseline year, no targets (and
    the actuals' header is no period)."""
    rows = [["TABLEAU DE BORD – 2019"], [], ["Indicateur", "Objectif (n.a.)", "Réalisé sur la période", "Écart"],
            ["Projets détectés", "—", 7, None], ["Événements organisés", "—", 4, None], ["Participants", "—", 122, None]]
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"Tableau de bord": rows})
    result = ingest(tmp_path / "raw")
    sheet = result.sheets[0]
    assert sheet.table is None and sheet.skipped is None and "without any target" in sheet.note
    assert not result.problems


def test_a_boards_widget_of_figures_by_year_is_a_summary_not_a_table_lacking_columns(tmp_path):
    widget = [["Dashboard événements (widget chiffres)"], [],
              ["Année", "Nb événements", "Participants", "Satisfaction moy."],
              [2018, 3, 136, 3.9], [2019, 3, 147, 4.03], [2020, 3, 122, 4.03], ["Total", 9, 405, None]]
    write_workbook(tmp_path / "raw" / "evenements.xlsx", {"Dashboard": widget})
    result = ingest(tmp_path / "raw")
    [sheet] = result.sheets
    assert sheet.summary and sheet.skipped is None and "one row per year" in sheet.note


def test_a_parameters_sheet_of_code_and_label_lists_side_by_side_is_no_table(tmp_path):
    """"Paramètres": lists of codes and labels side by side ("Code | Libellé", "Code techno | Libellé techno"),
    whose labels the data sheets write as they are: the drop-downs' lists, not a projects table lacking columns."""
    lists = [["Paramètres – listes de référence"], [],
             ["Établissements", None, None, "Types de technologie", None, None, "Origine du projet"],
             ["Code", "Libellé", None, "Code techno", "Libellé techno", None, "Code origine", "Libellé origine"],
             ["AMU", "Aix-Marseille Université", None, "therapeutic", "Thérapeutique", None, "cpp_call", "AAP CPP"],
             ["UCA", "Université Côte d'Azur", None, "diagnostic", "Diagnostic", None, "it_detection", "Détection IT"],
             ["APHM", "AP-HM", None, "medical_device", "Dispositif médical", None, "joint", "Sourcing conjoint"]]
    projects = [["Code projet", "Titre", "Établissement porteur", "Type de technologie", "Origine", "Accompagnement",
                 "Date de détection"],
                ["VAL-21-001", "Anticorps anti-CD73", "Aix-Marseille Université", "Thérapeutique", "AAP CPP", "CPP",
                 "12/03/2021"]]
    write_workbook(tmp_path / "raw" / "portefeuille.xlsx", {"Projets": projects, "Paramètres": lists})
    result = ingest(tmp_path / "raw")
    assert not any(s.skipped for s in result.sheets)
    assert list(result.tables["projects"]["project_id"]) == ["VAL-21-001"]
    assert any(s.table is None and "drop-downs" in (s.note or "") for s in result.sheets)


def test_a_lookups_tab_downloaded_as_a_csv_is_no_table(tmp_path):
    """Google Sheets downloads each tab as "<spreadsheet> - <tab>.csv": its lists tab is named by the file."""
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "IT Oncology Pipeline - Lookups.csv").write_text(
        "Institutions,Sourcing channel,Supported by,Technology\nAMU,IT detection,IT,Therapeutic\n"
        "UCA,CPP call,CPP,Diagnostic\nAP-HM,Joint (CPP + IT),Both,Medical device\nIPC,,,Other\n", encoding="utf-8")
    result = ingest(tmp_path / "raw")
    assert [(s.skipped, "drop-downs" in (s.note or "")) for s in result.sheets] == [(None, True)]


def test_a_lists_sheet_whose_column_of_words_reads_as_ids_is_no_table(tmp_path):
    """"Listes": "Statut dossier" (Déposé, Retenu…) reads, in part, as a project's number; it holds words, no ids."""
    lists = [["Établissements", "Type de technologie", "Origine", "Accompagnement", "Statut dossier"],
             ["AMU", "Thérapeutique", "AAP CPP", "CPP", "Déposé"], ["UCA", "Diagnostic", "Détection IT", "IT", "Retenu"],
             ["AP-HM", "Dispositif médical", "Conjoint CPP/IT", "CPP + IT", "Non retenu"], ["IPC", None, None, None, "Arrêté"]]
    projects = [["N° dossier", "Intitulé du projet", "Établissement porteur", "Origine", "Accompagnement",
                 "Date de détection"], ["AAP2018-01", "Algorithme", "Inserm", "AAP CPP", "CPP", "17/04/2018"]]
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"AAP 2018": projects, "Listes": lists})
    result = ingest(tmp_path / "raw")
    assert not any(s.skipped for s in result.sheets)
    assert any(s.sheet == "Listes" and "drop-downs" in (s.note or "") for s in result.sheets)
