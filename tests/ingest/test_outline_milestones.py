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
