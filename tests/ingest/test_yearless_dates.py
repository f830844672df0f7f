"""Dates written without their year in a sheet whose file name gives one ("Bilan annuel 2019.xlsx": "le 8 janvier")
take that year; remarks and sheets whose names give no single year are left as they are (yearless_dates.py)."""

from __future__ import annotations

import pytest
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["Réf.", "Date de l'action", "Intitulé", "Type", "Organisateur", "Participants"]


def _events(*dates):
    return [HEADER, *[[f"EV19-0{i}", d, f"Action {i}", "Formation", "CPP", 20] for i, d in enumerate(dates, 1)]]


def test_a_date_without_its_year_takes_the_files(tmp_path):
    write_workbook(tmp_path / "raw" / "Bilan annuel 2019.xlsx",
                   {"Manifestations": _events("le 8 janvier", "4 mars", "jeu. 27 juin", "08/10", "voir CR du 12/03")})
    result = ingest(tmp_path / "raw")
    events = result.tables["events"].set_index("event_id")
    assert [str(d.date()) for d in events["event_date"]] == ["2019-01-08", "2019-03-04", "2019-06-27", "2019-10-08"]
    assert [p.key for p in result.problems] == ["EV19-05"]  # a remark is no date, whatever year the file gives


@pytest.mark.parametrize("name", ["Bilan annuel.xlsx", "Bilan 2019-2020.xlsx"])
def test_names_that_give_no_single_year_give_none(tmp_path, name):
    write_workbook(tmp_path / "raw" / name, {"Manifestations": _events("le 8 janvier", "4 mars", "8 avril")})
    result = ingest(tmp_path / "raw")
    assert len(result.tables["events"]) == 0 and len(result.problems) == 3


def test_a_headers_copy_is_no_date_without_its_year(tmp_path):
    """"Début" over "maturation", the header repeated under a file named for 2023: the copy's "Début" is no
    "début 2023", and the copy is dropped as the header's."""
    header = [["Réf.", "Intitulé", "Établissement", "Origine", "Accompagnement", "Détection", "Début"],
              [None, None, "porteur", None, None, None, "maturation"]]
    rows = [*header, ["P-01", "Projet 1", "AMU", "AAP CPP", "CPP", "12/03/2022", "mars"], *header,
            ["P-02", "Projet 2", "UCA", "AAP CPP", "IT", "15/06/2022", None]]
    write_workbook(tmp_path / "raw" / "Rapport 2023.xlsx", {"Projets": rows})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert str(projects.loc["P-01", "maturation_start_date"].date()) == "2023-03-01"  # a month takes the year
    assert list(projects.index) == ["P-01", "P-02"] and not result.problems
    assert [d.reason for d in result.dropped if d.row in (4, 5)] == ["repeated header row"] * 2
