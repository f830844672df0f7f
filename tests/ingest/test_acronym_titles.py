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
