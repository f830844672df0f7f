"""A CRM's exports: a deal is created when the project is first logged (its "Create Date" is the detection date)
and enters each stage on a date of its own; a company's incorporation date sits beside its "Year Founded", and a
company whose date nobody knows yet still has its year."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

DEALS = ["Record ID", "Deal Name", "Project Reference", "Associated Company", "Source", "Supported by",
         "Create Date", 'Date entered "In maturation (Pipeline)"', 'Date entered "Licensed (Pipeline)"',
         'Date entered "Closed lost (Pipeline)"', "Last Modified Date"]


def test_a_deals_create_date_is_its_detection_and_its_stages_their_dates(tmp_path: Path):
    rows = [DEALS,
            [9282196328, "Capteur implantable", "VAL-21-001", "CNRS", "Joint sourcing", "CPP;IT",
             "2021-09-28T10:10:26+02:00", "2022-01-10T08:00:00Z", "2023-02-01T09:30:00Z", None,
             "2023-10-17T09:36:38Z"],
            [4487229334, "Sonde épigénétique", "VAL-22-002", "Aix-Marseille Université", "CPP call", "IT",
             "2022-03-06T17:27:23+01:00", None, None, "2023-05-02T10:00:00Z", "2023-11-26T16:51:11Z"]]
    write_workbook(tmp_path / "raw" / "hubspot-deals.xlsx", {"deals": rows})
    projects = ingest(tmp_path / "raw").tables["projects"].set_index("project_id")
    assert list(projects["detection_date"].astype(str)) == ["2021-09-28", "2022-03-06"]
    assert projects.loc["VAL-21-001", "maturation_start_date"] == pd.Timestamp("2022-01-10")
    assert projects.loc["VAL-21-001", "licence_date"] == pd.Timestamp("2023-02-01")
    assert projects.loc["VAL-22-002", "abandon_date"] == pd.Timestamp("2023-05-02")
    assert pd.isna(projects.loc["VAL-22-002", "licence_date"])


def test_the_incorporation_date_wins_over_the_year_founded_and_the_year_fills_in(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    with (raw / "companies.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([
            ["Record ID", "Company name", "Year Founded", "Incorporation Date", "Parent institution",
             "Portfolio status"],
            ["9124324006", "Azur Biopsy", "2022", "2022-05-13", "CHU de Nice", "Active"],
            ["6611523363", "Calanque Onco", "2018", "2018-10-15", "Institut Paoli-Calmettes", "Active"],
            ["4084866409", "Estérel Bio", "2023", "", "CNRS", "Active"]])
    startups = ingest(raw).tables["startups"].set_index("startup_id")
    assert list(startups["creation_date"].astype(str)) == ["2022-05-13", "2018-10-15", "2023-01-01"]
    assert list(startups["creation_date_precision"]) == ["day", "day", "year"]
