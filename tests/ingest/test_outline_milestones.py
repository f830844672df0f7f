"""A register kept as an outline: each project's row, then its milestones' indented rows (outline_milestones.py)."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["Project / Milestone", "Project ID", "Lead Institution", "Sourcing", "Supported By", "Date", "Done"]


def test_milestone_rows_under_a_project_give_its_dates(tmp_path):
    rows = [["Oncology portfolio (Smartsheet export) · all dates are MM/DD/YYYY"], HEADER,
            ["2018 intake (baseline)"],
            ["    Spatial transcriptomics toolkit", "IT-2018-001", "AMU", "Joint (CPP + IT)", "Both", "Q3 2018"],
            ["        Invention disclosure", None, None, None, None, "11/14/2018", True],
            ["        Priority filing (FR/EP)", None, None, None, None, "04/27/2019", True],
            ["    Epigenetic editor", "IT-2018-003", "UniCA", "IT scouting", "Both", "11/03/2018"],
            ["        Maturation start", None, None, None, None, "11/12/2019", True],
            ["        Licence signed (target)", None, None, None, None, "04/30/2024", False]]
    write_workbook(tmp_path / "raw" / "portfolio.xlsx", {"Portfolio": rows})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert str(projects.loc["IT-2018-001", "detection_date"].date()) == "2018-07-01"  # "Date" on a project's row
    assert str(projects.loc["IT-2018-001", "disclosure_date"].date()) == "2018-11-14"
    assert str(projects.loc["IT-2018-001", "priority_filing_date"].date()) == "2019-04-27"
    assert str(projects.loc["IT-2018-003", "maturation_start_date"].date()) == "2019-11-12"
    assert projects["licence_date"].isna().all()  # planned: "(target)", not done
    assert list(projects.index) == ["IT-2018-001", "IT-2018-003"] and not result.problems


def test_milestones_dated_in_a_column_of_their_own_or_under_a_header_the_projects_leave_empty(tmp_path):
    """Smartsheet exports with a "Row ID": the projects' detection date in its own column and the milestones' dates
    in "Date jalon"; or every date a milestone's, "Detection" among them, under "Milestone date"."""
    cpp = [["Row ID", "Projet / Jalon", "Code projet", "Établissement porteur", "Canal de sourcing", "Accompagnement",
            "Date de détection", "Date jalon"],
           ["8955156826878882", "Vaccin ARN", "CPP-18-01", "CNRS", "AAP CanceroPôle", "CPP", "12/03/2018", None],
           ["5460242444033429", "Démarrage maturation", None, None, None, None, None, "24/11/2018"],
           ["1302788089692429", "Algorithme d'IA", "CPP-18-02", "CHU de Nice", "AAP CanceroPôle", "CPP", "17/09/2018",
            None],
           ["8179775732209450", "Déclaration d'invention (DI)", None, None, None, None, None, "24/10/2018"],
           ["6560523987223456", "Dépôt de brevet prioritaire", None, None, None, None, None, "15/08/2019"]]
    it = [["Row ID", "Task Name", "Project Ref", "Lead institution", "Sourcing", "Support", "Milestone date"],
          ["2606971792324169", "Radiomic signature", "ITS-18-01", "IPC", "IT detection", "IT only", None],
          ["1506125457664911", "Detection", None, None, None, None, "10/21/2018"],
          ["3424674909256399", "Maturation start", None, None, None, None, "05/04/2019"],
          ["5131024580692716", "Fluorescence probe", "ITS-18-02", "APHM", "IT detection", "IT + CPP", None],
          ["3334486735184093", "Detection", None, None, None, None, "11/03/2018"],
          ["3064381522641865", "Licence signed", None, None, None, None, "02/02/2022"]]
    write_workbook(tmp_path / "cpp.xlsx", {"Projets": cpp})
    write_workbook(tmp_path / "it.xlsx", {"IT pipeline": it})
    projects = ingest(tmp_path).tables["projects"].set_index("project_id")
    day = lambda v: None if v is None or v != v else str(v.date())  # noqa: E731
    assert sorted(projects.index) == ["CPP-18-01", "CPP-18-02", "ITS-18-01", "ITS-18-02"]
    assert [day(projects.loc[p, "detection_date"]) for p in sorted(projects.index)] == [
        "2018-03-12", "2018-09-17", "2018-10-21", "2018-11-03"]
    assert day(projects.loc["CPP-18-01", "maturation_start_date"]) == "2018-11-24"
    assert day(projects.loc["CPP-18-02", "priority_filing_date"]) == "2019-08-15"
    assert day(projects.loc["ITS-18-02", "licence_date"]) == "2022-02-02"


def test_a_task_tools_subtasks_name_their_parent_and_a_completed_task_its_sections_stage(tmp_path):
    """An Asana export: sections as rows, the projects' tasks, then their subtasks listed apart, each naming its
    parent task by title ("Parent task") and dated when completed ("Completed At", beside the record's "Created At"
    and a planned "Due Date"); a project completed in the "Abandonnés" section was abandoned then."""
    header = ["Task ID", "Created At", "Completed At", "Last Modified", "Name", "Section/Column", "Due Date",
              "Parent task", "Réf. projet", "Établissement", "Canal", "Accompagnement", "Date détection"]
    rows = [header,
            ["1201400000879588", "2021-01-11", None, "2021-01-11", "1. Détection", "1. Détection"],
            ["1201400000879932", "2021-01-11", None, "2023-12-29", "Sonde peropératoire", "2. DI & brevet", None,
             None, "VAL-19-004", "UniCA", "AAP CanceroPôle", "CPP", "26/03/2019"],
            ["1201400000880316", "2021-01-11", "2020-12-12", "2023-12-29", "Biopsie liquide", "Abandonnés", None,
             None, "VAL-18-001", "IPC", "Détection IT", "IT", "16/02/2018"],
            ["1201400000930136", "2021-01-11", None, "2021-01-11", "Abandonnés", "Abandonnés"],
            ["1201400000940001", "2021-02-01", "2019-11-05", "2023-12-29", "Dépôt brevet prioritaire",
             "2. DI & brevet", None, "Sonde peropératoire"],
            ["1201400000940002", "2021-02-01", None, "2023-12-29", "Signature licence", "2. DI & brevet",
             "2024-06-15", "Sonde peropératoire"],
            ["1201400000940003", "2021-02-01", "2019-01-10", "2023-12-29", "Démarrage maturation", "Abandonnés",
             None, "Biopsie liquide"]]
    write_workbook(tmp_path / "raw" / "asana.xlsx", {"Export": rows})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert sorted(projects.index) == ["VAL-18-001", "VAL-19-004"] and not result.problems  # sections: no rows
    assert str(projects.loc["VAL-19-004", "priority_filing_date"].date()) == "2019-11-05"
    assert projects["licence_date"].isna().all()  # due, not completed: planned
    assert str(projects.loc["VAL-18-001", "maturation_start_date"].date()) == "2019-01-10"
    assert str(projects.loc["VAL-18-001", "abandon_date"].date()) == "2020-12-12"  # completed in "Abandonnés"
    assert projects.loc["VAL-19-004", "abandon_date"] != projects.loc["VAL-19-004", "abandon_date"]  # NaT


def test_an_ms_project_export_numbers_its_tasks_and_starts_each_project_when_it_is_detected(tmp_path):
    """"N° | Réf. | Nom de la tâche | Début | Fin": the task numbers ("1", "1.1", "1.2") are no ids though written
    on every row (the projects' "Réf." is), a project's summary task is named by "Nom de la tâche" and starts
    ("Début") when the project was detected; its milestones' rows give the other dates."""
    header = ["N°", "Réf.", "Nom de la tâche", "Début", "Fin", "% achevé", "Établissement porteur", "Origine (sourcing)",
              "Accompagnement"]
    rows = [["Export MS Project – jalons indentés sous chaque projet"], header,
            [1, "VAL-21-01", "Vaccin peptidique", "04/10/2021", "02/07/2023", 1, "INSERM", "AAP CPP", "CPP + IT"],
            ["1.1", None, "  ↳ Détection / premier contact", "04/10/2021", "04/10/2021", 1],
            ["1.2", None, "  ↳ Déclaration d'invention", "26/12/2021", "26/12/2021", 1],
            ["1.3", None, "  ↳ Début de maturation", "02/07/2023", "02/07/2023", 1],
            [2, "VAL-21-02", "Test compagnon", "17/11/2021", "14/04/2022", 1, "UCA", "AAP CPP", "CPP"],
            ["2.1", None, "  ↳ Détection / premier contact", "17/11/2021", "17/11/2021", 1],
            ["2.2", None, "  ↳ Abandon du projet", "14/04/2022", "14/04/2022", 1]]
    write_workbook(tmp_path / "raw" / "gantt.xlsx", {"Gantt 2021-2023": rows})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert list(projects.index) == ["VAL-21-01", "VAL-21-02"] and not result.problems
    assert [str(d)[:10] for d in projects["detection_date"]] == ["2021-10-04", "2021-11-17"]
    assert str(projects.loc["VAL-21-01", "disclosure_date"])[:10] == "2021-12-26"
    assert str(projects.loc["VAL-21-01", "maturation_start_date"])[:10] == "2023-07-02"
    assert str(projects.loc["VAL-21-02", "abandon_date"])[:10] == "2022-04-14"
