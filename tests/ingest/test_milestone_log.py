"""Projects kept as a log of milestones (one row per project and milestone) are read as one row per project, with a
date column per milestone; a log of ids and dates only completes the register read from another file."""

from __future__ import annotations

import datetime as dt

from partnership_metrics.ingest.ingestion import ingest

LOG = """Suivi des jalons – portefeuille valorisation
Réf. projet;Intitulé;Établissement;Origine;Accompagnement;Jalon;Date prévue;Date réelle;Statut
VAL-01;Anticorps anti-CD47;AMU;Appel à projets;CPP et IT;Détection du projet;;14/02/2021;Fait
VAL-01;Anticorps anti-CD47;AMU;Appel à projets;CPP et IT;Déclaration d'invention;01/05/2021;20/06/2021;Fait
VAL-01;Anticorps anti-CD47;AMU;Appel à projets;CPP et IT;Dépôt de brevet prioritaire;01/01/2022;;Planifié
VAL-02;Sonde d'imagerie TEP;UCA;Détection IT;IT;Détection du projet;;03/09/2021;Fait
VAL-02;Sonde d'imagerie TEP;UCA;Détection IT;IT;Début de maturation;;15/01/2022;Fait
VAL-02;Sonde d'imagerie TEP;UCA;Détection IT;IT;Signature licence;;30/11/2022;Fait
VAL-03;Application de suivi;AP-HM;Appel à projets;CPP;Détection du projet;;10/10/2022;Fait
Résultat global;;;;;;;;
"""

REGISTER = """Ref,Title,Lead institution,Sourcing,Supported by,Detection date
P-101,Liquid biopsy panel,Institut Paoli-Calmettes,CPP call,CPP,2021-03-02
P-102,Radiotracer for glioma,Aix-Marseille Université,IT detection,Inserm Transfert,2021-06-11
P-102,Radiotracer for glioma,Aix-Marseille Université,IT detection,Inserm Transfert,2021-06-11
P-103,Digital follow-up app,CHU de Nice,CPP call,Both,2022-01-20
"""

MILESTONES = """ID,Project,Milestone,Date,Comment
1,P-101,Invention disclosure,2021-09-14,
2,P-101,Priority filing,2022-02-01,EP filing
3,P-102,Invention disclosure,2021-10-05,
4,P-102,Licence signed,2023-04-18,exclusive
5,P-103,Project stopped,2023-01-09,no funding
6,P-104,Invention disclosure,2023-05-05,
"""


def _dates(projects, project_id: str) -> dict[str, dt.date | None]:
    row = projects[projects["project_id"] == project_id].iloc[0]
    names = ("detection_date", "disclosure_date", "priority_filing_date", "maturation_start_date", "licence_date",
             "abandon_date")
    return {n: (None if row[n] is None or row[n] != row[n] else row[n].date()) for n in names}


def test_a_log_of_milestones_is_one_row_per_project(tmp_path):
    (tmp_path / "jalons.csv").write_text(LOG, encoding="utf-8")
    result = ingest(tmp_path)
    projects = result.tables["projects"]
    assert list(projects["project_id"]) == ["VAL-01", "VAL-02", "VAL-03"]
    assert _dates(projects, "VAL-01") == {"detection_date": dt.date(2021, 2, 14), "disclosure_date": dt.date(2021, 6, 20),
                                          "priority_filing_date": None,  # planned only: not a fact
                                          "maturation_start_date": None, "licence_date": None, "abandon_date": None}
    assert _dates(projects, "VAL-02")["licence_date"] == dt.date(2022, 11, 30)
    assert projects.set_index("project_id").loc["VAL-02", "lead_institution"] == "UCA"
    assert list(projects["source_row"]) == [3, 6, 9]  # each project's first row
    sheet = result.sheets[0]
    counts = sheet.counts()
    assert counts["rows_read"] == 8 == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]
    assert "log of milestones" in sheet.note and "Date prévue" in sheet.note  # the planned dates left out, said so
    assert any(d.reason.startswith("milestone 'Signature licence' of VAL-02, read with row 6") for d in sheet.dropped)


def test_a_log_of_ids_and_dates_completes_the_register(tmp_path):
    (tmp_path / "register.csv").write_text(REGISTER, encoding="utf-8")
    (tmp_path / "milestones.csv").write_text(MILESTONES, encoding="utf-8")
    result = ingest(tmp_path)
    projects = result.tables["projects"]
    assert sorted(projects["project_id"]) == ["P-101", "P-102", "P-103"]  # P-102 read twice, identical: once
    assert _dates(projects, "P-101")["priority_filing_date"] == dt.date(2022, 2, 1)
    assert _dates(projects, "P-102")["licence_date"] == dt.date(2023, 4, 18)
    assert _dates(projects, "P-103")["abandon_date"] == dt.date(2023, 1, 9)
    assert projects.set_index("project_id").loc["P-101", "title"] == "Liquid biopsy panel"  # the register's
    # P-104 is in no register: its dates cannot stand alone, and say why
    assert [(p.key, "no row of projects" in p.reason) for p in result.problems] == [("P-104", True)]
    log = next(s for s in result.sheets if s.file == "milestones.csv")
    counts = log.counts()
    assert counts == {**counts, "rows_read": 6, "rows_quarantined": 1}
    assert counts["rows_accepted"] + counts["rows_dropped"] == 5
    assert any("read into register.csv row 2" in d.reason for d in result.dropped)


def test_a_log_date_that_contradicts_the_register_is_quarantined(tmp_path):
    register = REGISTER.replace("CPP call,CPP,2021-03-02", "CPP call,CPP,2021-03-02").replace(
        "Detection date\n", "Detection date,Disclosure date\n").replace("2021-03-02\n", "2021-03-02,2021-09-01\n")
    (tmp_path / "register.csv").write_text(register, encoding="utf-8")
    (tmp_path / "milestones.csv").write_text(MILESTONES, encoding="utf-8")
    result = ingest(tmp_path)
    projects = result.tables["projects"]
    assert _dates(projects, "P-101")["disclosure_date"] == dt.date(2021, 9, 1)  # the register keeps its own
    assert _dates(projects, "P-101")["priority_filing_date"] is None  # nothing of a contradicting row is taken
    conflict = next(p for p in result.problems if p.key == "P-101")
    assert "gives another value than register.csv row 2" in conflict.reason and "2021-09-14" in conflict.reason


def test_a_milestone_given_two_dates_is_reported_not_chosen(tmp_path):
    twice = LOG.replace("VAL-02;Sonde d'imagerie TEP;UCA;Détection IT;IT;Signature licence;;30/11/2022;Fait\n",
                        "VAL-02;Sonde d'imagerie TEP;UCA;Détection IT;IT;Signature licence;;30/11/2022;Fait\n"
                        "VAL-02;Sonde d'imagerie TEP;UCA;Détection IT;IT;Signature licence;;05/12/2022;Corrigé\n")
    (tmp_path / "jalons.csv").write_text(twice, encoding="utf-8")
    result = ingest(tmp_path)
    projects = result.tables["projects"]
    assert _dates(projects, "VAL-02")["licence_date"] is None
    emptied = [p for p in result.cell_problems if p.column == "licence_date"]
    assert len(emptied) == 1 and "30/11/2022" in emptied[0].value and "05/12/2022" in emptied[0].value


def test_a_table_of_statuses_is_no_log_of_milestones(tmp_path):
    (tmp_path / "statuts.csv").write_text(
        "Réf. projet;Statut;Date\nVAL-01;En cours;12/01/2021\nVAL-01;Clos;12/06/2022\nVAL-02;En cours;03/03/2021\n"
        "VAL-02;Suspendu;04/04/2022\nVAL-03;En cours;05/05/2022\n", encoding="utf-8")
    result = ingest(tmp_path)
    assert "projects" not in result.tables or result.tables["projects"].empty
    assert all("log of milestones" not in s.note for s in result.sheets)


def test_monthly_update_lines_complete_the_projects_reported_earlier(tmp_path):
    """A monthly report's "Réf. projet | Jalon | Date | Commentaire", one or two lines, completes the projects of
    those ids read from an earlier report (one line per project is no register here: it has nothing else)."""
    import datetime as dt

    from workbooks import write_workbook  # tests/ingest, beside this file

    from partnership_metrics.ingest.ingestion import ingest

    new = [["Réf. projet", "Titre", "Établissement porteur", "Canal", "Accompagnement", "Date de détection"],
           ["CPP-01", "Un test compagnon", "AMU", "AAP CPP", "CPP", dt.date(2021, 1, 12)],
           ["CPP-02", "Une sonde", "UCA", "AAP CPP", "CPP", dt.date(2021, 2, 3)]]
    write_workbook(tmp_path / "raw" / "rapport_2021-02.xlsx", {"Nouveaux projets": new})
    write_workbook(tmp_path / "raw" / "rapport_2021-05.xlsx", {"Mises à jour projets": [
        ["Jalons franchis ce mois-ci"], ["Réf. projet", "Étape franchie", "Date", "Commentaire"],
        ["CPP-01", "Déclaration d'invention", dt.date(2021, 5, 20), "réunion faite"]]})
    write_workbook(tmp_path / "raw" / "rapport_2021-09.xlsx", {"MAJ projets": [
        ["N° projet", "Jalon", "Date du jalon"], ["CPP-01", "Dépôt prioritaire", "12 septembre 2021"],
        ["CPP-02", "Abandon", "30 septembre 2021"]]})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert str(projects.loc["CPP-01", "disclosure_date"].date()) == "2021-05-20"
    assert str(projects.loc["CPP-01", "priority_filing_date"].date()) == "2021-09-12"
    assert str(projects.loc["CPP-02", "abandon_date"].date()) == "2021-09-30" and not result.problems


def test_update_lines_with_a_reminder_of_the_projects_name(tmp_path):
    """"Réf. projet | Projet (rappel) | Étape franchie | Date | Remarque", each project once: the name beside the id is
    a reminder, the lines complete the projects read from an earlier period's file."""
    from workbooks import write_workbook  # tests/ingest, beside this file

    new = [["Réf. projet", "Titre", "Établissement porteur", "Canal", "Accompagnement", "Date de détection"],
           ["VAL-01", "Un test compagnon", "AMU", "AAP CPP", "CPP", dt.date(2021, 1, 12)],
           ["VAL-02", "Une sonde", "UCA", "AAP CPP", "CPP", dt.date(2021, 2, 3)]]
    write_workbook(tmp_path / "raw" / "Suivi T1 2021.xlsx", {"Projets": new})
    write_workbook(tmp_path / "raw" / "Suivi T3 2021.xlsx", {"Jalons": [
        ["Étapes franchies en T3 2021 par des projets déjà suivis"],
        ["Réf. projet", "Projet (rappel)", "Étape franchie", "Date", "Remarque"],
        ["VAL-01", "TESTCOMP", "Déclaration d'invention (DI)", dt.date(2021, 7, 6), None],
        ["VAL-02", "SONDE", "Entrée en maturation", "29.08.2021", "mail du porteur"]]})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert str(projects.loc["VAL-01", "disclosure_date"].date()) == "2021-07-06"
    assert str(projects.loc["VAL-02", "maturation_start_date"].date()) == "2021-08-29"
    assert projects.loc["VAL-01", "title"] == "Un test compagnon" and not result.problems


def test_a_provenance_tab_naming_no_kpi_is_no_table_of_targets(tmp_path):
    from workbooks import write_workbook  # tests/ingest, beside this file

    sources = [["Sources and provenance"], [],
               ["Tab", "Source document", "Analyst / partner", "Extraction date", "Scope"],
               ["Objectives vs achievements", "Convention CPP–IT, annexe 2 « Indicateurs et objectifs »",
                "Meridian Evaluation", "15/01/2024", "2021-2023"],
               ["RAG dashboard", "Evaluator computation", "Meridian Evaluation", "15/01/2024", "—"]]
    write_workbook(tmp_path / "raw" / "objectives.xlsx", {"Sources": sources})
    result = ingest(tmp_path / "raw")
    assert not result.problems and len(result.tables.get("kpi_targets", ())) == 0
    [sheet] = [s for s in result.sheets if s.sheet == "Sources"]
    assert sheet.table is None and "no name of its rows is a KPI's" in sheet.note


def test_a_log_beside_its_register_read_though_a_row_looks_like_another_table(tmp_path):
    """"N° projet | Date | Jalon | Commentaire" with rows of meetings and approximate dates ("2019", "S2 2018": "date
    approximative"), some of which recognition takes for another table's header: still the register's log."""
    import openpyxl

    book = openpyxl.Workbook()
    register = book.active
    register.title = "Projets"
    register.append(["N° projet", "Intitulé du projet", "Établissement porteur", "Origine du projet", "Accompagné par",
                     "Date de détection"])
    register.append(["P18-03", "Inhibiteur de TIGIT", "UCA", "AAP CPP", "CPP", dt.date(2018, 5, 25)])
    register.append(["P18-04", "Sonde peropératoire", "IPC", "Détection IT", "IT", dt.date(2018, 7, 2)])
    log = book.create_sheet("Jalons")
    for row in (["Historique des jalons (une ligne par étape)"], [], ["N° projet", "Date", "Jalon", "Commentaire"],
                ["P18-03", dt.date(2018, 5, 25), "Détection", None],
                ["P18-03", dt.date(2018, 9, 3), "Déclaration d'invention (DI)", None],
                ["P18-03", "2019", "Dépôt de brevet prioritaire", "date approximative"],
                ["P18-03", dt.date(2019, 1, 25), "Comité de suivi", "revue portefeuille"],
                ["P18-04", "S2 2018", "Déclaration d'invention (DI)", "date approximative"],
                ["P18-04", dt.date(2018, 7, 2), "Détection", None],
                ["P18-04", dt.date(2018, 8, 22), "Point avec le porteur", "RDV labo"],
                ["P18-04", dt.date(2019, 3, 29), "Entrée en maturation", None]):
        log.append(row)
    book.save(tmp_path / "registre.xlsx")
    projects = ingest(tmp_path).tables["projects"]
    assert _dates(projects, "P18-03")["disclosure_date"] == dt.date(2018, 9, 3)
    assert _dates(projects, "P18-03")["priority_filing_date"] == dt.date(2019, 1, 1)
    assert _dates(projects, "P18-04")["maturation_start_date"] == dt.date(2019, 3, 29)
