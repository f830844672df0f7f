"""A folder's data dictionary: a database's extracts code their fields ("cd_etab": ETB013), and a workbook shipped
beside them lists each field's codes, one row per field and code; the coded columns are read as the labels, and the
dictionary's sheets (code lists, column descriptions) are no tables."""

from __future__ import annotations

from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.data_dictionaries import dictionary_sheet, field_key
from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.reading import RawSheet
from partnership_metrics.ingest.vocabulary import load_vocabulary

WORDS = load_vocabulary(None).words

CODES = [["Dictionnaire des données — extractions"], [],
         ["champ", "code", "libellé", "commentaire"],
         ["cd_etab", "E13", "Aix-Marseille Université", None],
         [None, "E06", "Université Côte d'Azur", "écrit une fois au-dessus de ses codes"],
         ["cd_etab", "E99", "Autre établissement (hors liste)", None],
         ["cd_statut (start-ups)", "A", "En activité", None],
         ["cd_statut (start-ups)", "L", "Liquidée", None],
         ["cd_statut (UE)", "OK", "Retenu / financé", None],
         ["cd_statut (UE)", "KO", "Non retenu", None],
         ["cd_statut (UE)", "RT", "Retiré avant évaluation", None],
         ["statut_inscription", "Présent (distanciel)", "a assisté en ligne", "compte comme présent"],
         ["statut_inscription", "Inscrit", "inscrit, non venu", None]]
COLUMNS = [["fichier", "colonne", "description"],
           ["ext_projets.csv", "id_projet", "identifiant du projet"],
           ["ext_projets.csv", "dt_detection", "date de détection"],
           ["ext_projets.csv", "cd_etab", "établissement porteur"]]


def test_a_dictionary_sheet_gives_each_field_its_list():
    lists = dictionary_sheet(RawSheet("dico.xlsx", "Codes", CODES), WORDS)
    by_field = {(c.code_header, tuple(sorted(c.labels))) for c in lists}
    assert by_field == {("cd etab", ("e06", "e13", "e99")), ("cd statut", ("a", "l")),
                        ("cd statut", ("ko", "ok", "rt"))}  # one field name, two lists: told apart by their codes
    # codes that are words ("Présent (distanciel)") are no list: such a column is read as it is written
    assert all(c.title != "statut_inscription" for c in lists)


def test_column_descriptions_are_a_dictionary_with_nothing_to_read():
    assert dictionary_sheet(RawSheet("dico.xlsx", "Colonnes", COLUMNS), WORDS) == []
    data = [["Projet", "Champ thématique", "Montant"], ["P1", "Immunologie", 100], ["P2", "Imagerie", 200]]
    assert dictionary_sheet(RawSheet("suivi.xlsx", "2021", data), WORDS) is None  # a table, no dictionary


def test_field_key_leaves_out_what_the_field_applies_to():
    assert field_key("cd_statut (UE)") == field_key("CD_STATUT") == "cd statut"


def test_a_folder_of_extracts_reads_its_codes_with_the_dictionary(tmp_path: Path):
    raw = tmp_path / "raw"
    write_workbook(raw / "dictionnaire.xlsx", {"Codes": CODES, "Colonnes": COLUMNS})
    raw.joinpath("ext_projets.csv").write_text(
        "id_projet;lb_titre;cd_etab;cd_canal;cd_appui;dt_detection\n"
        "VAL-01;Anticorps;E13;joint;both;2021-03-01\n"
        "VAL-02;Sonde;E06;joint;both;2021-04-01\n"
        "VAL-03;Logiciel;E99;joint;both;2021-05-01\n"
        "VAL-04;Vaccin;E42;joint;both;2021-06-01\n"
        "VAL-05;Peptide;E13;joint;both;2021-07-01\n", encoding="utf-8")
    raw.joinpath("ext_ue.csv").write_text(
        "id_proposition;cd_programme;dt_depot;cd_role;cd_statut\n"
        "UE-1;erc;2021-03-01;coordinator;OK\nUE-2;erc;2021-04-01;partner;KO\nUE-3;erc;2022-01-10;partner;RT\n",
        encoding="utf-8")
    result = ingest(raw)
    projects = result.tables["projects"].set_index("project_id")
    assert projects["lead_institution"].astype(str).to_dict() == {"VAL-01": "AMU", "VAL-02": "UCA", "VAL-03": "OTHER",
                                                                 "VAL-05": "AMU"}
    assert [(p.key, p.column) for p in result.problems] == [("VAL-04", "lead_institution")]  # a code not listed
    proposals = result.tables["eu_proposals"].set_index("proposal_id")
    assert proposals["status"].astype(str).to_dict() == {"UE-1": "funded", "UE-2": "not_funded", "UE-3": "withdrawn"}
    notes = {s.sheet: (s.table, s.note) for s in result.sheets if s.file == "dictionnaire.xlsx"}
    assert {sheet: table for sheet, (table, _) in notes.items()} == {"Codes": None, "Colonnes": None}
    assert all("data dictionary" in note for _, note in notes.values())


def test_a_header_cutting_a_fields_name_short_reads_its_codes(tmp_path: Path):
    """An Access export's older table heads its institution "Etab" where the code table's domain is
    "Etablissement"; "Type" could be either of two domains and is left as written."""
    codes = [["Domaine", "Code", "Libellé", "Actif"],
             *[["Etablissement", i, name, "Vrai"] for i, name in enumerate(
                 ["Inserm", "CNRS", "Aix-Marseille Université", "Université Côte d'Azur"], start=1)],
             *[["TypeTechno", i, name, "Vrai"] for i, name in enumerate(
                 ["Thérapeutique", "Diagnostic", "Dispositif médical"], start=1)],
             *[["TypeLevee", i, name, "Vrai"] for i, name in enumerate(
                 ["Pré-amorçage", "Amorçage", "Série A"], start=1)],
             *[["Canal", i, name, "Vrai"] for i, name in enumerate(
                 ["Appel à projets CPP", "Détection Inserm Transfert", "Sourcing conjoint CPP / IT"], start=1)],
             *[["Soutien", i, name, "Vrai"] for i, name in enumerate(
                 ["CPP seul", "Inserm Transfert seul", "CPP + Inserm Transfert"], start=1)]]
    raw = tmp_path / "raw"
    write_workbook(raw / "TR_Codes.xlsx", {"TR_Codes": codes})
    write_workbook(raw / "T_Projets.xlsx", {"T_Projets": [
        ["Ref", "Intitule", "Etab", "Unite", "TypeTechno", "Canal", "Soutien", "Date_detect"],
        ["ONCO-2018-01", "Test compagnon CD73", 4, "U1065", 2, 2, 2, "23/05/2018"],
        ["ONCO-2018-03", "Vaccin ARN", 2, "UMR7258", 1, 1, 3, "14/08/2018"],
        ["ONCO-2018-05", "Lignée rapporteur", 3, "UMR7288", 2, 3, 1, "30/10/2018"]]})
    projects = ingest(raw).tables["projects"].set_index("project_id")
    assert projects["lead_institution"].astype(str).to_dict() == {
        "ONCO-2018-01": "UCA", "ONCO-2018-03": "CNRS", "ONCO-2018-05": "AMU"}
    assert projects["technology_type"].astype(str).to_dict() == {
        "ONCO-2018-01": "diagnostic", "ONCO-2018-03": "therapeutic", "ONCO-2018-05": "diagnostic"}


DESCRIBED = [["Dictionnaire des données des extractions"], [],
             ["Extraction", "Code colonne", "Libellé", "Type", "Format / remarques"],
             ["EXTR_PROJETS", "CD_PROJ", "Identifiant du projet", "VARCHAR(9)", None],
             ["EXTR_PROJETS", "DT_DETEC", "Date de détection du projet", "NUMBER(8)", "AAAAMMJJ"],
             ["EXTR_PROJETS", "DT_ABAND", "Date d'abandon du projet", "NUMBER(8)", None],
             ["EXTR_ENGAGEMENTS", "MT_ENG", "Montant engagé", "NUMBER(9,1)", "en milliers d'euros (k€)"]]


def test_column_descriptions_give_each_field_its_words_and_the_unit_a_remark_says():
    from partnership_metrics.ingest.data_dictionaries import column_descriptions

    said = column_descriptions(RawSheet("dico.xlsx", "Dictionnaire", DESCRIBED), WORDS)
    assert said["dt aband"] == "Date d'abandon du projet"
    assert said["mt eng"] == "Montant engagé (k€)"  # the remark's unit, written where a header reads it
    assert column_descriptions(RawSheet("suivi.xlsx", "2021", [["Projet", "Montant"], ["P1", 100]]), WORDS) == {}


def test_an_extract_s_coded_headers_read_as_the_dictionary_describes_them(tmp_path: Path):
    """"DT_ABAND" names no column by itself; "Date d'abandon du projet", its description, does. "MT_ENG" is in k€
    as the dictionary's remark says; "\\N" is a database's empty value."""
    raw = tmp_path / "raw"
    write_workbook(raw / "dictionnaire.xlsx", {"Dictionnaire": DESCRIBED})
    raw.joinpath("extr_projets.csv").write_text(
        "CD_PROJ;LB_PROJ;ETABLISSEMENT;CANAL;ACCOMPAGNEMENT;DT_DETEC;DT_ABAND\n"
        "PRJ-01;Anticorps;AMU;AAP CPP;CPP;20210301;20230115\nPRJ-02;Sonde;IPC;AAP CPP;CPP;20210401;NULL\n",
        encoding="utf-8")
    raw.joinpath("extr_engagements.csv").write_text(
        "CD_EJ;CD_PROJ;FINANCEUR;DISPOSITIF;MT_ENG;DT_DECISION\n"
        "EJ1;PRJ-01;CANCEROPOLE PACA;MATURATION;72.5;20210601\nEJ2;\\N;REGION SUD;SUBVENTION;10;20210701\n",
        encoding="utf-8")
    result = ingest(raw)
    projects = result.tables["projects"].set_index("project_id")
    assert str(projects.loc["PRJ-01", "abandon_date"])[:10] == "2023-01-15"
    funding = result.tables["funding"].set_index("funding_id")
    assert funding["amount_eur"].to_dict() == {"EJ1": 72500.0, "EJ2": 10000.0}
    assert funding["project_id"].isna().tolist() == [False, True]
    notes = [n for s in result.sheets if s.file == "extr_projets.csv" for n in s.reading_notes]
    assert any("data dictionary describes" in n and "DT_ABAND" in n for n in notes)


def test_only_a_coded_header_is_read_as_the_dictionary_describes_it():
    """A dictionary describing "ID" or "Date" of one extract must not rename every file's "ID" or "Date"."""
    from partnership_metrics.ingest.defined_headers import with_described_headers

    said = {"id": "Identifiant du projet", "date": "Date de détection", "dt aband": "Date d'abandon du projet"}
    sheet = RawSheet("evenements.csv", None, [["ID", "Date", "DT_ABAND"], ["EV-1", "2021-03-01", None]])
    read = with_described_headers(sheet, said, lambda text: len(text))  # any description scores higher here
    assert read.rows[0] == ["ID", "Date", "Date d'abandon du projet (DT_ABAND)"]


def test_a_data_tools_codebook_reads_float_codes_and_fields_in_a_role(tmp_path: Path):
    """An analyst's exports: institutions as codes written as floats ("4.0"), under the codebook's field in a role
    ("etablissement_porteur", "etablissement_code"), "NaN" for none."""
    raw = tmp_path / "raw"
    raw.mkdir()
    raw.joinpath("codebook.csv").write_text(
        ",variable,code,libelle\n0,etablissement,1,Aix-Marseille Université\n1,etablissement,2,Université Côte d'Azur\n"
        "2,type_techno,1,Thérapeutique\n3,type_techno,2,Diagnostic\n", encoding="utf-8")
    raw.joinpath("projets.csv").write_text(
        ",project_id,titre,etablissement_porteur,type_techno,canal_sourcing,suivi,date_detection\n"
        "0,VAL-01,Anticorps,1.0,1.0,aap_cpp,cpp,2021-03-06T00:00:00+01:00\n"
        "1,VAL-02,Sonde,2.0,NaN,aap_cpp,cpp,2020Q3\n"
        "2,VAL-03,Logiciel,2,2.0,aap_cpp,cpp,2019-06\n", encoding="utf-8")
    result = ingest(raw)
    projects = result.tables["projects"].set_index("project_id")
    assert projects["lead_institution"].astype(str).to_dict() == {"VAL-01": "AMU", "VAL-02": "UCA", "VAL-03": "UCA"}
    assert projects["technology_type"].astype(str).to_dict() == {"VAL-01": "therapeutic", "VAL-02": "nan",
                                                                 "VAL-03": "diagnostic"}
    assert not result.cell_problems and not result.problems
    assert next(s.table for s in result.sheets if s.file == "codebook.csv") is None
