"""A work-management board's export (monday.com): groups as rows of their own, each item's subitems under it with a
header of their own, a timeline for a period (subitems.py, timelines.py)."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

TOP = [["Valorisation CPP x Inserm Transfert"], ["Exported from monday.com on 2024-01-15"], []]
PROJECTS = ["Name", "ID projet", "Établissement", "Sourcing", "Accompagnement", "Date détection",
            "Maturation (timeline)", "Last updated"]
FUNDING = ["Subitems", "Name", "ID financement", "Financeur", "Instrument", "Montant", "Date décision"]


def test_a_projects_board_gives_its_subitems_as_funding_lines_and_its_timeline_as_a_start(tmp_path):
    rows = [["Projets 2021"], PROJECTS,
            ["Biopsie liquide", "VAL-21-01", "AMU", "AAP CPP", "CPP", dt.date(2021, 3, 2), "2021-05-21 - 2022-05-20",
             "R. L., 20/09/2023"],
            FUNDING, [None, "Émergence CPP", "F21-001", "CPP", "Émergence", "80 K€", dt.date(2021, 4, 9)],
            [None, "Subvention Région", "F21-002", "Région Sud", "Subvention", "150 K€", dt.date(2021, 11, 13)],
            ["Vaccin thérapeutique", "VAL-21-02", "UCA", "Détection IT", "IT", dt.date(2021, 6, 1), None,
             "R. L., 20/09/2023"],
            FUNDING, [None, "Maturation IT", "F21-003", "IT", "Maturation", "120 K€", dt.date(2021, 9, 2)],
            [], ["Done"], PROJECTS,
            ["Sonde TEP", "VAL-19-04", "IPC", "Conjoint CPP/IT", "CPP + IT", dt.date(2019, 2, 7), None, None]]
    write_workbook(tmp_path / "raw" / "board.xlsx", {"Valorisation": [*TOP, *rows]})
    result = ingest(tmp_path / "raw")
    assert not result.problems
    projects = result.tables["projects"].set_index("project_id")
    assert sorted(projects.index) == ["VAL-19-04", "VAL-21-01", "VAL-21-02"]
    assert str(projects.loc["VAL-21-01", "maturation_start_date"].date()) == "2021-05-21"
    funding = result.tables["funding"].set_index("funding_id")
    assert dict(funding["project_id"]) == {"F21-001": "VAL-21-01", "F21-002": "VAL-21-01", "F21-003": "VAL-21-02"}
    assert list(funding["amount_eur"]) == [80_000.0, 150_000.0, 120_000.0]
    reasons = {d.row: d.reason for s in result.sheets for d in s.dropped if s.table == "projects"}
    assert reasons[14] == "section row (a group's title)" and reasons[15] == "repeated header row"  # "Done": a group


def test_an_events_board_dates_each_event_by_its_timeline(tmp_path):
    header = ["Name", "ID", "Timeline", "Type", "Organisé par", "Lieu", "Participants"]
    rows = [["Événements 2018-2020"], header,
            ["Formation licences", "EV-18-01", "2018-08-30 - 2018-08-30", "Formation", "CPP & IT", "Nice", 57],
            ["Atelier i-Lab", "EV-18-02", "2018-02-26 - 2018-02-27", "Atelier", "CPP", "Toulon", 38]]
    write_workbook(tmp_path / "raw" / "events.xlsx", {"Événements": [*TOP, *rows]})
    events = ingest(tmp_path / "raw").tables["events"].set_index("event_id")
    assert [str(d.date()) for d in events["event_date"]] == ["2018-08-30", "2018-02-26"]
