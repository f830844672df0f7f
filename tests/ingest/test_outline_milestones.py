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
