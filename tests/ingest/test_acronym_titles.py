"""A title written after its row's acronym is cut to the title; one that only begins with the same letters is kept
(acronym_titles.py)."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


def test_the_acronym_before_a_title_is_left_out(tmp_path):
    header = ["Project ID", "Project name", "Acronym", "Institution", "Source", "Supported by", "Detection date"]
    rows = [header, ["P-1", "HEPASENS - Peptide blocking PD-L1", "HEPASENS", "AMU", "CPP call", "CPP",
                     dt.date(2021, 1, 4)],
            ["P-2", "MULTIPLEX immunofluorescence software", "MULTIPLEX", "AMU", "CPP call", "CPP", dt.date(2021, 2, 4)],
            ["P-3", "ONCO: Liquid biopsy", "ONCO", "UCA", "CPP call", "CPP", dt.date(2021, 3, 4)]]
    write_workbook(tmp_path / "raw" / "crm.xlsx", {"Deals": rows})
    titles = dict(zip(*ingest(tmp_path / "raw").tables["projects"][["project_id", "title"]].T.values, strict=True))
    assert titles == {"P-1": "Peptide blocking PD-L1", "P-2": "MULTIPLEX immunofluorescence software",
                      "P-3": "Liquid biopsy"}


def _projects(tmp_path, titles: list[str]):
    header = ["Project ID", "Project name", "Institution", "Source", "Supported by", "Detection date"]
    rows = [header, *([f"P-{i}", title, "AMU", "CPP call", "CPP", dt.date(2021, 1, 4 + i)]
                      for i, title in enumerate(titles))]
    write_workbook(tmp_path / "raw" / "crm.xlsx", {"Deals": rows})
    projects = ingest(tmp_path / "raw").tables["projects"]
    return {p: (t, None if a is None or a != a else a) for p, t, a in zip(
        projects["project_id"], projects["title"], projects["acronym"], strict=True)}


def test_an_acronym_in_brackets_after_most_titles_is_the_acronym(tmp_path):
    """"Imaging probe for CLDN18 (HTMAL)" with no acronym column: the bracket is the acronym, the rest the title; a
    title without one, or whose bracket is no acronym ("(phase II)"), is kept whole."""
    got = _projects(tmp_path, ["Imaging probe for CLDN18 in ovarian cancer (HTMAL)", "AI-based triage for AML (EZGPHJ)",
                               "mRNA vaccine against HER3 neoantigens", "CAR-NK cells (B7-H3 positive) (OHD-2)",
                               "Peptide vaccine (phase II)"])
    assert got == {"P-0": ("Imaging probe for CLDN18 in ovarian cancer", "HTMAL"),
                   "P-1": ("AI-based triage for AML", "EZGPHJ"),
                   "P-2": ("mRNA vaccine against HER3 neoantigens", None),
                   "P-3": ("CAR-NK cells (B7-H3 positive)", "OHD-2"),
                   "P-4": ("Peptide vaccine (phase II)", None)}


def test_a_bracket_after_few_titles_stays_in_the_title(tmp_path):
    """Guard: one title of four ending with a bracketed capital word ("(AML)") says nothing of acronyms."""
    got = _projects(tmp_path, ["Imaging probe for leukaemia (AML)", "AI-based histology triage",
                               "mRNA vaccine against HER3 neoantigens", "Organoid platform for mesothelioma"])
    assert got["P-0"] == ("Imaging probe for leukaemia (AML)", None)
