"""A kit's code lists: codes picked from drop-down lists are read as the labels of the workbook's lists sheet, when
the column's header names the list and its cells are the list's codes; the lists sheet is no table."""

from __future__ import annotations

from pathlib import Path

import pytest
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.code_lists import CODE_LISTS, with_code_lists
from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.reading import RawSheet
from partnership_metrics.ingest.vocabulary import load_vocabulary

WORDS = load_vocabulary(None).words

INSTRUCTIONS = ("KIT — une ligne par projet.\nLes colonnes (code) se remplissent avec la liste déroulante : "
                "correspondances dans l'onglet Listes.")
PROJECTS = [[INSTRUCTIONS], [],
            ["Réf. projet", "Intitulé", "Établissement porteur (code)", "Type de technologie (code)",
             "Accompagnement (code)", "Date de détection", "Nb réunions", "Canal de détection"],
            ["P-00", "Exemple : anticorps anti-XXX", 1, 1, "C", "01/01/2021", 0, "Appel à projets CanceroPôle"],
            ["P-01", "Anticorps anti-X", 3.0, 1.0, "CT", "15/03/2021", 2, "Appel à projets CanceroPôle"],
            ["P-02", "Test compagnon Y", "01", 2.0, "C", "02/05/2021", 1, "Détection Inserm Transfert"],
            ["P-03", "Aiguille de biopsie", 2.0, 3.0, "t", "10/06/2021", 3, "Détection Inserm Transfert"]]
# Side by side, each list under its title, with a blank column between them
LISTS = [["Nomenclatures du kit — version 2"], [],
         ["ÉTABLISSEMENTS", None, None, "TYPE DE TECHNOLOGIE", None, None, "ACCOMPAGNEMENT"],
         ["Code", "Libellé", None, "Code", "Libellé", None, "Code", "Libellé"],
         [1, "Aix-Marseille Université", None, 1, "Thérapeutique", None, "C", "CanceroPôle seul"],
         [2, "Université Côte d'Azur", None, 2, "Diagnostic", None, "T", "Inserm Transfert seul"],
         [3, "Assistance Publique - Hôpitaux de Marseille", None, 3, "Dispositif médical", None, "CT",
          "Accompagnement conjoint CanceroPôle + Inserm Transfert"]]


def _sheets(*pairs) -> list[RawSheet]:
    return [RawSheet("kit.xlsx", name, rows) for name, rows in pairs]


def test_codes_are_read_as_the_labels_of_the_list_their_header_names():
    data, lists = with_code_lists(_sheets(("Projets", PROJECTS), ("Listes", LISTS)), WORDS)
    rows = data.rows[4:]
    assert [r[2] for r in rows] == ["Assistance Publique - Hôpitaux de Marseille", "Aix-Marseille Université",
                                    "Université Côte d'Azur"]  # "01" and 3.0 are codes as 1 and 3 are
    assert [r[3] for r in rows] == ["Thérapeutique", "Diagnostic", "Dispositif médical"]
    assert [r[4] for r in rows] == ["Accompagnement conjoint CanceroPôle + Inserm Transfert", "CanceroPôle seul",
                                    "Inserm Transfert seul"]  # letters in any case
    assert [r[6] for r in rows] == [2, 1, 3]  # "Nb réunions" names no list: its numbers stay numbers
    assert data.rows[:3] == PROJECTS[:3]  # the instructions mention the lists sheet: they are no header
    assert lists.kind == CODE_LISTS


def test_abbreviated_headers_stacked_lists_and_a_list_with_more_columns():
    data = [["Réf.", "Etab. porteur", "Techno", "Suivi"], ["P-1", 2, "TH", 1], ["P-2", 1, "DM", 2]]
    lists = [["ETABLISSEMENTS"], ["Code", "Libellé"], [1, "AMU"], [2, "CHU de Nice"], [],
             ["TECHNOLOGIES"], ["Code", "Domaine", "Libellé"], ["TH", "Santé", "Thérapeutique"],
             ["DM", "Santé", "Dispositif médical"]]
    out, book = with_code_lists(_sheets(("Saisie", data), ("Listes", lists)), WORDS)
    assert [r[1:3] for r in out.rows[1:]] == [["CHU de Nice", "Thérapeutique"], ["AMU", "Dispositif médical"]]
    assert [r[3] for r in out.rows[1:]] == [1, 2]  # no list is named "Suivi": left as written
    assert book.kind == CODE_LISTS


def test_a_database_exports_its_lookup_tables_beside_its_data():
    data = [["NumProjet", "Titre", "IdEtab", "DateDetection"], ["18-01", "Peptide", 4, "2018-02-10"],
            ["18-02", "Lignée", 7, "2018-07-21"]]
    etab = [["IdEtab", "LibEtab"], [4, "CHU de Nice"], [7, "Institut Paoli-Calmettes"], [9, "Autre"]]
    out, lookup = with_code_lists(_sheets(("T_Projets", data), ("T_Etablissements", etab)), WORDS)
    assert [r[2] for r in out.rows[1:]] == ["CHU de Nice", "Institut Paoli-Calmettes"]
    assert lookup.kind == CODE_LISTS


def test_a_column_whose_cells_are_not_the_lists_codes_is_left_alone():
    data = [["Réf.", "Établissement"], ["P-1", "AMU"], ["P-2", "CHU de Nice"], ["P-3", 2]]
    lists = [["ÉTABLISSEMENTS"], ["Code", "Libellé"], [1, "Aix-Marseille Université"], [2, "CHU de Nice"]]
    sheets = _sheets(("Projets", data), ("Listes", lists))
    assert with_code_lists(sheets, WORDS) == sheets  # names written in full: the list codes nothing here


def test_a_sheet_that_holds_more_than_lists_is_no_lists_sheet():
    data = [["Réf.", "Établissement (code)"], ["P-1", 1], ["P-2", 2]]
    mixed = [["Code", "Libellé"], [1, "AMU"], [2, "UCA"], [],
             ["Projet", "Montant", "Financeur", "Date", "Commentaire"],
             ["P-1", 100, "Région", "2021", "a"], ["P-2", 200, "ANR", "2022", "b"], ["P-3", 300, "ANR", "2022", "c"]]
    sheets = _sheets(("Projets", data), ("Suivi", mixed))
    assert with_code_lists(sheets, WORDS) == sheets


def test_a_coded_kit_ingests_to_its_labels(tmp_path: Path):
    write_workbook(tmp_path / "raw" / "kit.xlsx", {"Projets": PROJECTS, "Listes": LISTS})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert projects["lead_institution"].astype(str).to_dict() == {"P-01": "APHM", "P-02": "AMU", "P-03": "UCA"}
    assert projects["technology_type"].astype(str).to_dict() == {
        "P-01": "therapeutic", "P-02": "diagnostic", "P-03": "medical_device"}
    assert projects["supported_by"].astype(str).to_dict() == {
        "P-01": "both", "P-02": "cpp", "P-03": "it"}
    assert not result.problems  # the grey example row under the header, said so by its title, is no project
    assert [d.reason for d in result.dropped if d.sheet == "Projets" and d.row == 4] == ["example row of a template"]
    lists = next(s for s in result.sheets if s.sheet == "Listes")
    assert lists.table is None and "code lists" in lists.note


def test_a_code_its_list_does_not_hold_is_unreadable(tmp_path: Path):
    rows = [row[:] for row in PROJECTS] + [[f"P-1{i}", f"Projet {i}", 1, 1, "C", "01/09/2021", 1,
                                              "Détection Inserm Transfert"] for i in range(6)]
    rows[5][2], rows[6][3] = 12, 8  # an institution and a technology the lists do not hold
    write_workbook(tmp_path / "raw" / "kit.xlsx", {"Projets": rows, "Listes": LISTS})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert "P-02" not in projects.index  # a required institution that cannot be read: the row is quarantined
    [problem] = [p for p in result.problems if p.key == "P-02"]
    assert "'12' is not in the list 'ÉTABLISSEMENTS'" in problem.reason
    assert projects["technology_type"].isna()["P-03"]  # an optional cell: emptied, and listed
    [cell] = [c for c in result.cell_problems if c.key == "P-03"]
    assert cell.column == "technology_type" and "'8' is not in the list 'TYPE DE TECHNOLOGIE'" in cell.reason


def test_marks_on_a_scale_written_from_best_to_worst_are_turned_round():
    events = [["Réf.", "Intitulé", "Satisfaction moyenne (code 1 à 5, cf. Listes)", "Format (code)", "Nb présents"],
              ["AN-1", "Atelier", 1.5, 1, 2], ["AN-2", "Colloque", 2.2, 2, 3], ["AN-3", "Atelier", 1, 1, 5],
              ["AN-4", "Atelier", 5, 1, 6], ["AN-5", "Webinaire", "en cours", 1, 4]]
    lists = [["FORMAT", None, None, "ÉCHELLE DE SATISFACTION (questionnaire à chaud)"],
             ["Code", "Libellé", None, "Code", "Libellé"],
             [1, "Atelier", None, 1, "Très satisfait"], [2, "Colloque", None, 2, "Satisfait"],
             [None, None, None, 3, "Moyennement satisfait"], [None, None, None, 4, "Peu satisfait"],
             [None, None, None, 5, "Pas du tout satisfait"]]
    out, _ = with_code_lists(_sheets(("Animations", events), ("Listes", lists)), WORDS)
    assert [r[2] for r in out.rows[1:]] == [4.5, pytest.approx(3.8), 5, 1, "en cours"]  # 1 is best there, 5 here
    assert [r[4] for r in out.rows[1:]] == [2, 3, 5, 6, 4]  # a count names no list: untouched
    upright = lists[:2] + [
        [1, "Atelier", None, 1, "Pas du tout satisfait"], [2, "Colloque", None, 2, "Peu satisfait"],
        [None, None, None, 3, "Moyennement satisfait"], [None, None, None, 4, "Satisfait"],
        [None, None, None, 5, "Très satisfait"]]
    out, _ = with_code_lists(_sheets(("Animations", events), ("Listes", upright)), WORDS)
    assert [r[2] for r in out.rows[1:]] == [1.5, 2.2, 1, 5, "en cours"]  # from worst to best: read as written


def test_a_header_holding_the_lists_name_reads_it():
    data = [["Réf.", "Cofinanceur (code)"], ["D-1", "F02"], ["D-2", "F01"]]
    lists = [["FINANCEURS"], ["Code", "Libellé"], ["F01", "Inserm Transfert"], ["F02", "Région Sud"]]
    out, _ = with_code_lists(_sheets(("MAT 2021", data), ("Listes", lists)), WORDS)
    assert [r[1] for r in out.rows[1:]] == ["Région Sud", "Inserm Transfert"]


def test_what_a_list_must_not_read():
    """From a review: numbers whose header shares a word with a list, a reference to a small data table, a generic
    word naming two lists, lists stacked with no blank row between them."""
    lists = [["PROFIL DES PARTICIPANTS"], ["Code", "Libellé"], [1, "Clinicien"], [2, "Chercheur"], [3, "Autre"],
             ["TYPE DE FINANCEMENT"], ["Code", "Libellé"], [1, "Maturation"], [2, "Prêt"],  # stacked, no gap
             ["TYPE DE TECHNOLOGIE"], ["Code", "Libellé"], [1, "Thérapeutique"], [2, "Diagnostic"]]
    data = [["Réf.", "Nb participants", "Type de technologie (code)", "Projet"],
            ["E1", 3, 2, "P-01"], ["E2", 1, 1, "P-02"], ["E3", 2, 2, "P-01"]]
    projects = [["Code", "Libellé"], ["P-01", "Anticorps anti-X"], ["P-02", "Test compagnon"]]
    out, _, small = with_code_lists(_sheets(("Événements", data), ("Listes", lists), ("Projets", projects)), WORDS)
    assert [r[1] for r in out.rows[1:]] == [3, 1, 2]  # a count stays a count
    assert [r[2] for r in out.rows[1:]] == ["Diagnostic", "Thérapeutique", "Diagnostic"]  # the list it names best
    assert [r[3] for r in out.rows[1:]] == ["P-01", "P-02", "P-01"]  # "Projet" says no code: a reference
    assert small.kind != CODE_LISTS  # the small table is data


def test_a_normal_scale_ending_with_no_opinion_is_not_turned_round():
    events = [["Réf.", "Satisfaction (cf. Listes)"], ["E1", 3.2], ["E2", 4.1], ["E3", 2.5]]
    lists = [["SATISFACTION"], ["Code", "Libellé"], [1, "Pas satisfait"], [2, "Peu satisfait"], [3, "Satisfait"],
             [4, "Très satisfait"], [5, "Ne se prononce pas"]]
    sheets = _sheets(("Animations", events), ("Listes", lists))
    assert with_code_lists(sheets, WORDS)[0].rows == events


def _csv(path: Path, rows: list[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(",".join(str(c) for c in row) for row in rows) + "\n", encoding="utf-8")


def test_a_database_s_lookup_file_names_the_keys_other_exports_hold(tmp_path: Path):
    """Exports of one database: organisations only as keys ("funder_org_id", "organizer_org_ids", "org_id"), their
    names in a lookup file of their own, which is read as such and never as data."""
    raw = tmp_path / "raw"
    _csv(raw / "organizations.csv", [["org_id", "name", "org_type"], ["ORG-01", "CanceroPôle PACA", "NETWORK"],
                                     ["ORG-02", "Inserm Transfert", "TTO"], ["ORG-03", "Aix-Marseille Université",
                                                                              "UNIVERSITY"]])
    _csv(raw / "commitments.csv", [["commitment_id", "project_ref", "funder_org_id", "instrument", "amount",
                                    "committee_date"],
                                   ["C-1", "P-1", "ORG-01", "MATURATION", "100000", "2021-03-01"],
                                   ["C-2", "P-2", "ORG-02", "PROOF_OF_CONCEPT", "50000", "2022-05-02"]])
    _csv(raw / "events.csv", [["event_ref", "title", "format", "starts_at", "organizer_org_ids", "attendees_count"],
                              ["E-1", "Pitch session", "PITCH", "2021-04-13", "ORG-01;ORG-02", "20"],
                              ["E-2", "IP training", "TRAINING", "2022-06-01", "ORG-02", "12"]])
    _csv(raw / "registrations.csv", [["event_ref", "full_name", "email", "org_id"],
                                     ["E-1", "Lina Martel", "lina.martel@example.org", "ORG-03"],
                                     ["E-1", "Ana Roux", "ana.roux@example.org", "ORG-02"],
                                     ["E-2", "Paul Nadal", "paul.nadal@example.org", "ORG-03"],
                                     ["E-2", "Inès Ferry", "ines.ferry@example.org", "ORG-03"],
                                     ["E-2", "Yves Prat", "yves.prat@example.org", "ORG-09"]])
    result = ingest(raw)
    funding = result.tables["funding"].set_index("funding_id")
    assert funding["funder"].astype(str).to_dict() == {"C-1": "canceropole_paca", "C-2": "inserm_transfert"}
    events = result.tables["events"].set_index("event_id")
    assert events["organiser"].astype(str).to_dict() == {"E-1": "joint", "E-2": "it"}  # both keys: joint
    attendance = result.tables["event_attendance"]
    assert list(attendance["institution"].astype(object).where(attendance["institution"].notna(), None)) == [
        "AMU", "INSERM", "AMU", "AMU", None]
    assert len(attendance) == 5  # a key the lookup lacks empties the optional cell, the row is kept
    [cell] = [c for c in result.cell_problems if c.column == "institution"]
    assert "'ORG-09' is not in the list 'organizations.csv' of the folder" in cell.reason
    lookup = next(s for s in result.sheets if s.file == "organizations.csv")
    assert lookup.table is None and "lookup table" in lookup.note


def test_a_sql_export_in_cents_with_unknown_days_and_a_lookup_of_numbered_institutions(tmp_path: Path):
    """A database's extract: amounts in cents ("amt_eur_cents"), YYYYMMDD dates with 00 for the day or month not
    known, institutions as numbers whose names a lookup file keyed "inst_cd" gives, a start-up's key "su_id"."""
    raw = tmp_path / "raw"
    _csv(raw / "ref_etablissement.csv", [["inst_cd", "inst_sigle", "inst_libelle", "actif"],
                                         [1, "AMU", "Aix-Marseille Université", 1], [2, "UniCA", "Université Côte d'Azur", 1],
                                         [9, "UTLN", "Université de Toulon", 0]])
    _csv(raw / "t_projet.csv", [["proj_ref", "proj_titre", "inst_cd", "canal_cd", "accomp_cd", "dt_detect", "dt_di"],
                                ["PRJ-1", "Sonde", 1, "AAP CPP", "CPP", 20210719, 20210300],
                                ["PRJ-2", "Peptide", 2, "Détection IT", "IT", 20220500, 20230000],
                                ["PRJ-3", "Organoïde", 9, "AAP CPP", "CPP", 20230102, ""]])
    _csv(raw / "t_financement.csv", [["fin_id", "proj_ref", "financeur_lib", "instr_cd", "amt_eur_cents", "dt_decision"],
                                     ["FIN-1", "PRJ-1", "Inserm Transfert", "Maturation", 12500000, 20220423]])
    _csv(raw / "t_levee_fonds.csv", [["su_id", "dt_cloture", "type_levee_cd", "amt_eur_cents"],
                                     ["SU002", 20200700, "Seed", 65000000], ["SU003", 20210823, "Prêt", 30000000]])
    result = ingest(raw)
    projects = result.tables["projects"].set_index("project_id")
    assert projects["lead_institution"].astype(str).to_dict() == {"PRJ-1": "AMU", "PRJ-2": "UCA", "PRJ-3": "OTHER"}
    assert [str(d)[:10] for d in projects["detection_date"]] == ["2021-07-19", "2022-05-01", "2023-01-02"]
    assert list(projects["detection_date_precision"].astype(str)) == ["day", "month", "day"]
    assert list(projects["disclosure_date_precision"].astype(object)[:2]) == ["month", "year"]
    assert list(result.tables["funding"]["amount_eur"]) == [125000.0]
    rounds = result.tables["startup_rounds"]
    assert list(rounds["startup_id"]) == ["SU002", "SU003"] and list(rounds["amount_eur"]) == [650000.0, 300000.0]
    assert next(s for s in result.sheets if s.file == "ref_etablissement.csv").table is None


def test_a_table_with_its_own_id_is_no_lookup_file(tmp_path: Path):
    raw = tmp_path / "raw"
    _csv(raw / "projects.csv", [["project_id", "title", "lead_institution", "detection_date", "sourcing_channel",
                                 "supported_by"], ["P-1", "Anticorps", "AMU", "2021-01-05", "cpp_call", "cpp"],
                                ["P-2", "Sonde", "UCA", "2021-02-05", "it_detection", "it"]])
    _csv(raw / "funding.csv", [["funding_id", "project_id", "funder", "instrument", "amount_eur", "decision_date"],
                               ["F-1", "P-1", "cpp", "maturation", "1000", "2021-06-01"]])
    result = ingest(raw)
    assert list(result.tables["funding"]["project_id"]) == ["P-1"]  # a project's id, not its title
    assert len(result.tables["projects"]) == 2


def test_a_crm_export_lacking_a_column_is_no_lookup_file(tmp_path: Path):
    """A CRM's export of opportunities whose institution column no header names in our words: its rows are projects
    lacking that column (said so), never a list of labels for the other files' keys."""
    raw = tmp_path / "raw"
    _csv(raw / "crm.csv", [["Opportunity ID", "Opportunity name", "Short name", "Partner org", "Tech category",
                            "Lead Source", "Supported by", "Detected on", "IDF date", "Stage"],
                           ["OPP-1", "Anticorps bispécifiques", "BISPE", "CHU NICE", "Therapeutics", "IT detection",
                            "IT", "2018-04-23", "", "Maturation"],
                           ["OPP-2", "Peptides thérapeutiques", "PEPT", "AMU", "Therapeutics", "IT detection",
                            "IT+CPP", "2018-11-27", "2019-01-10", "Maturation"]])
    result = ingest(raw)
    sheet = result.sheets[0]
    assert sheet.table == "projects" or "lacks" in (sheet.note or "")
    assert "lookup" not in (sheet.note or "")


def test_a_survey_s_legend_lists_the_answer_codes_of_each_question(tmp_path):
    """A survey tool's export ("A1", "A8", "-oth-" for each answer) beside a legend kept as one table "Question | Code |
    Libellé de la réponse": each question's codes are its own list (A1 is AMU for the institution, a PhD student for
    "Vous êtes"); the survey's questions and its event picked from a question read as the attendance."""
    answers = [["ID de la réponse", "Pour quel événement vous inscrivez-vous ?", "Votre nom", "Votre prénom",
                "Votre adresse électronique", "Quel est votre établissement de rattachement (employeur principal) ?",
                "Vous êtes :", "Recommanderiez-vous cet événement à un·e collègue ?"],
               [1002, "E2101", "Barbier", "Thomas", "thomas.barbier@example.fr", "A8", "A1", "N"],
               [1003, "E2101", "Giraud", "Isabelle", "isabelle.giraud@example.fr", "A1", "A3", "Y"],
               [1004, "E2102", "Picard", "Sébastien", "sebastien.picard@example.fr", "-oth-", "A2", "Y"]]
    legend = [["Question", "Code", "Libellé de la réponse"],
              ["Établissement de rattachement", "A1", "Aix-Marseille Université (AMU)"],
              ["Établissement de rattachement", "A8", "Inserm"],
              ["Établissement de rattachement", "-oth-", "Autre (préciser dans la colonne [Autre])"],
              ["Vous êtes", "A1", "Doctorant·e"], ["Vous êtes", "A2", "Post-doctorant·e"],
              ["Vous êtes", "A3", "Chercheur·e"]]
    write_workbook(tmp_path / "results-survey586142.xlsx", {"results-survey586142": answers, "Légende codes": legend})
    attendance = ingest(tmp_path).tables["event_attendance"]
    assert sorted(zip(attendance["event_id"], attendance["institution"].astype(str), strict=True)) == [
        ("E2101", "AMU"), ("E2101", "INSERM"), ("E2102", "OTHER")]


def test_an_erps_short_coded_headers_name_their_lists_in_a_long_table_of_codes():
    """A legacy ERP: "CD_FIN" and "CD_INSTR" beside a lists sheet kept one row per code ("TABLE | CODE |
    LIBELLE"): "CD" says the column holds codes, "FIN" begins "FINANCEUR"."""
    data = [["NUM_ENG", "CD_FIN", "CD_INSTR", "MNT_ENG_KEUR"], ["E-1", "ITR", "MAT", 120], ["E-2", "RSUD", "POC", 45]]
    codes = [["TABLE", "CODE", "LIBELLE"], ["FINANCEUR", "ITR", "INSERM TRANSFERT"],
             ["FINANCEUR", "RSUD", "REGION SUD PACA"], ["FINANCEUR", "CPP", "CANCEROPOLE PACA"],
             ["INSTRUMENT", "MAT", "MATURATION"], ["INSTRUMENT", "POC", "PREUVE DE CONCEPT"]]
    out, book = with_code_lists(_sheets(("ENGAGEMENTS", data), ("TAB_CODES", codes)), WORDS)
    assert [r[1:3] for r in out.rows[1:]] == [["INSERM TRANSFERT", "MATURATION"], ["REGION SUD PACA",
                                                                                    "PREUVE DE CONCEPT"]]
    assert book.kind == CODE_LISTS


def test_a_legend_sheet_of_lists_titled_by_the_columns_they_explain(tmp_path: Path):
    """A colleague's EU tracker: "Légende" lists each column's codes under its header alone on a row ("Statut", then
    "ACC | Accepté – financé"), without a "Code | Libellé" header; "Liste de réserve – pas encore de décision" is
    pending."""
    data = [["Suivi des dépôts UE — codes : voir l'onglet Légende"], [],
            ["Réf", "Acronyme", "Prog.", "Dépôt", "Rôle", "Statut"],
            ["UE-01", "TARGIMMU", "MSCA", "23/05/2021", "P", "REJ"],
            ["UE-02", "PEPSEN", "ERC", "03/07/2021", "C", "ACC"],
            ["UE-03", "SENLYM", "MC", "26/07/2022", "P", "LR"]]
    legend = [["Légende des codes"], [], ["Prog."], ["MC", "Horizon Europe – Mission Cancer"],
              ["ERC", "Conseil européen de la recherche"], ["MSCA", "Actions Marie Skłodowska-Curie"], [],
              ["Statut"], ["ACC", "Accepté – financé"], ["REJ", "Rejeté – non financé"],
              ["LR", "Liste de réserve – pas encore de décision"], [], ["Rôle"], ["C", "Coordinateur"],
              ["P", "Partenaire"]]
    write_workbook(tmp_path / "Suivi_depots_europeens.xlsx", {"Dépôts": data, "Légende": legend})
    result = ingest(tmp_path)
    proposals = result.tables["eu_proposals"].set_index("proposal_id")
    assert list(proposals["status"].astype(str)) == ["not_funded", "funded", "pending"]
    assert list(proposals["role"].astype(str)) == ["partner", "coordinator", "partner"]
    assert list(proposals["programme"].astype(str)) == ["msca", "erc", "cancer_mission"]
    assert not result.problems
    assert next(s for s in result.sheets if s.sheet == "Légende").table is None


def test_a_table_stacked_below_another_is_read_with_its_own_header_s_lists():
    """Start-ups, then under a caption their rounds, each table with its own header: the rounds' "Type" (AMO, SUB)
    is read with the list "Type de levée", though the start-ups' header above found other lists first."""
    lists = [["Listes de codes utilisées dans les menus déroulants"],
             ["Statut start-up"], ["Code", "Signification"], ["ACT", "Active"], ["FERM", "Fermée / liquidée"],
             ["Type de levée"], ["Code", "Signification"], ["PRE-AMO", "Pré-amorçage"], ["AMO", "Amorçage (seed)"],
             ["SA", "Série A"], ["SUB", "Subvention"]]
    startups = [["Start-up issues des projets"], ["Nom", "Date de création", "Statut"],
                ["Oncolia", "04/10/2021", "ACT"], ["TumorTwin", "17/11/2023", "FERM"],
                ["Levées de fonds et aides obtenues par les start-up"],
                ["Start-up", "Date de clôture", "Type", "Montant (k€)"],
                ["Oncolia", "07/11/2022", "AMO", 2900], ["TumorTwin", "27/04/2023", "SUB", 350],
                ["Oncolia", "02/01/2023", "SA", 9900]]
    data, _ = with_code_lists(_sheets(("Start-ups", startups), ("Listes", lists)), WORDS)
    assert [r[2] for r in data.rows[2:4]] == ["Active", "Fermée / liquidée"]
    assert [r[2] for r in data.rows[6:]] == ["Amorçage (seed)", "Subvention", "Série A"]
    assert data.rows[5] == startups[5]  # the rounds' header as written


def test_a_blank_row_inside_a_list_of_codes_does_not_end_it():
    """A blank row, then more rows of codes only: the same list goes on (only a header that is no row of its codes
    ends it)."""
    lists = [["Listes"], ["Statut start-up"], ["Code", "Signification"], ["ACT", "Active"],
             ["FERM", "Fermée / liquidée"], ["RACH", "Rachetée"]]
    startups = [["Start-up issues des projets"], ["Nom", "Date de création", "Statut"],
                ["Oncolia", "04/10/2021", "ACT"], [], ["TumorTwin", "17/11/2023", "FERM"],
                ["PhotonDx", "03/05/2021", "RACH"]]
    data, _ = with_code_lists(_sheets(("Start-ups", startups), ("Listes", lists)), WORDS)
    assert [r[2] for r in data.rows[2:] if r] == ["Active", "Fermée / liquidée", "Rachetée"]


def test_establishments_known_by_their_siret_are_named_on_the_workbooks_annex(tmp_path: Path):
    """"SIRET établissement porteur": 14 digits, spaced or not, named on the annex sheet "SIRET | Raison sociale"; a
    register whose records are typed as text under section rows is still read through it."""
    header = ["N° dossier", "Intitulé du projet", "Établissement porteur (SIRET)", "Origine", "Accompagnement",
              "Date détection"]
    projects = [header, ["Projets détectés en 2021 (exercice 2021)"],
                ["VAL-2021-01", "Hydrogel", "351 243 803 00035", "AAP CPP", "CPP", "19/02/2021"],
                ["VAL-2021-02", "Sonde optique", "39903275400083", "Détection IT", "CPP + IT", "12/03/2021"],
                ["Projets détectés en 2022 (exercice 2022)"],
                ["VAL-2022-01", "Photothérapie", "60662389000054", "Sourcing conjoint", "CPP + IT", "01/02/2022"]]
    annex = [["Annexe – correspondance SIRET / établissement"], [], ["SIRET", "Raison sociale", "Sigle usuel"],
             ["39903275400083", "Université Côte d'Azur", "UCA"],
             ["35124380300035", "Centre Hospitalier Universitaire de Nice", "CHU de Nice"],
             ["60662389000054", "Institut Paoli-Calmettes", "IPC"]]
    write_workbook(tmp_path / "raw" / "portefeuille.xlsx", {"Portefeuille": projects, "Annexe SIRET": annex})
    result = ingest(tmp_path / "raw")
    institutions = result.tables["projects"].set_index("project_id")["lead_institution"].astype(str).to_dict()
    assert institutions == {"VAL-2021-01": "CHUNICE", "VAL-2021-02": "UCA", "VAL-2022-01": "IPC"}


def test_a_lists_workbook_kept_apart_explains_the_codes_of_the_folder(tmp_path):
    """An accounting system's fund codes ("CPP1", "IT01") explained in a workbook of their own named as lists
    ("Nomenclature des fonds"): the funders are read through it, and its sheet is no table."""
    write_workbook(tmp_path / "nomenclature_fonds.xlsx", {"Codes": [
        ["Nomenclature des fonds"], [], ["Code fonds", "Libellé du fonds (financeur)"],
        ["IT01", "Inserm Transfert SA - conventions de maturation"], ["CPP1", "Cancéropôle PACA - appels à projets"]]})
    (tmp_path / "engagements.csv").write_text(
        "N° EJ;Projet;Fonds;Programme de financement;Montant;Date pièce\n"
        "51001;P-1;IT01;MATURATION;80000;18/01/2021\n"
        "51002;P-2;CPP1;EMERGENCE;30000;23/02/2021\n", encoding="utf-8")
    result = ingest(tmp_path)
    funding = result.tables["funding"]
    assert dict(zip(funding["funding_id"], funding["funder"].astype(str), strict=True)) == {
        "51001": "inserm_transfert", "51002": "canceropole_paca"}
    assert [s.table for s in result.sheets if s.file == "nomenclature_fonds.xlsx"] == [None]
