"""A count written as a group of columns ("Participants" over "Chercheurs | Cliniciens | … | Total"): the table's
column is the group's total, or the sum of its parts (group_totals.py). Fixtures written here, in several variants."""

from __future__ import annotations

import datetime as dt

import pytest
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["Réf.", "Date", "Intitulé", "Type d'action", "Organisé par", "Lieu"]


def _events(tmp_path, group: str, parts: list[str], rows: list[list], merged: bool = True, after=("Note (/5)",)):
    first = [*HEADER, group, *[None] * (len(parts) - 1), *after]
    second = [None] * len(HEADER) + parts
    sheet = [["Programme d'animation 2021-2023"], [], first, second, *rows]
    last = "ABCDEFGHIJKLMNOP"[len(HEADER) + len(parts) - 1]
    write_workbook(tmp_path / "raw" / "animations.xlsx", {"Actions": sheet},
                   {"Actions": [f"G3:{last}3"]} if merged else None)
    result = ingest(tmp_path / "raw")
    df = result.tables["events"]
    return result, dict(zip(df["event_id"], df["attendees"], strict=True))


def _row(ref, day, *counts, note=4.2):
    return [ref, day, f"Atelier {ref}", "Atelier", "CPP", "Marseille", *counts, note]


@pytest.mark.parametrize("merged", [True, False])
def test_the_total_under_a_group_is_the_attendees(tmp_path, merged):
    parts = ["Chercheurs", "Cliniciens", "Doctorants", "Total"]
    rows = [_row("AN-21-01", dt.date(2021, 3, 4), 10, 5, 3, 18),
            _row("AN-21-02", dt.date(2021, 5, 6), None, None, None, 47),  # before the breakdown: a typed total
            _row("AN-21-03", dt.date(2021, 9, 9), 4, 2, 1, None)]  # a total left empty: the breakdown's sum
    result, got = _events(tmp_path, "Participants présents", parts, rows, merged)
    assert got == {"AN-21-01": 18, "AN-21-02": 47, "AN-21-03": 7}
    assert not result.problems
    sheet = next(s for s in result.sheets if s.table == "events")
    assert sheet.header_row == 4  # the sub-headers' row is the header, no data row


def test_a_group_without_a_total_is_summed(tmp_path):
    parts = ["On site", "Remote (Zoom)", "Industry guests"]
    rows = [_row("EV-22-01", dt.date(2022, 3, 4), 12, 30, 2), _row("EV-22-02", dt.date(2022, 4, 5), 20, None, None)]
    result, got = _events(tmp_path, "Attendees", parts, rows)
    assert got == {"EV-22-01": 44, "EV-22-02": 20}
    assert not result.problems


def test_an_unreadable_part_keeps_the_row_quarantined_as_before(tmp_path):
    parts = ["Chercheurs", "Cliniciens", "Total"]
    rows = [_row("AN-23-01", dt.date(2023, 3, 4), 10, 5, 15), _row("AN-23-02", dt.date(2023, 5, 6), "?", 3, None)]
    result, got = _events(tmp_path, "Participants", parts, rows)
    assert got == {"AN-23-01": 15}
    assert [(p.key, p.column) for p in result.problems] == [("AN-23-02", "attendees")]


def test_a_header_with_a_data_row_below_is_no_group(tmp_path):
    sheet = [["Réf.", "Date", "Intitulé", "Type d'action", "Organisé par", "Lieu", "Participants", "Note"],
             ["AN-21-01", dt.date(2021, 3, 4), "Atelier", "Atelier", "CPP", "Marseille", 18, 4.0],
             ["AN-21-02", dt.date(2021, 5, 6), "Atelier 2", "Atelier", "CPP", "Nice", 25, None]]
    write_workbook(tmp_path / "raw" / "animations.xlsx", {"Actions": sheet})
    df = ingest(tmp_path / "raw").tables["events"]
    assert dict(zip(df["event_id"], df["attendees"], strict=True)) == {"AN-21-01": 18, "AN-21-02": 25}


def test_a_data_row_typed_as_text_is_no_row_of_sub_headers(tmp_path):
    """An .ods or a converted table types every cell as text: "Effectif (ETP)" over a start-up's "23" beside its
    SIREN "442 792 677" is no group of columns."""
    rows = [["Société", "N° SIREN", "Date", "Projet d'origine", "Établissement", "Statut", "Effectif", "Dirigeant(e)"],
            [None, None, "d'immatriculation", "(réf.)", "d'origine", None, "(ETP)", None],
            ["Genomtis", "442 792 677", "23/09/2018", "CPP-2018-06", "IPC", "Active", "23", "Antoine Tardieu"],
            ["Nanologic", "765 608 641", "12/05/2023", "ITD-2022-013", "AP-HM", "Active", "11", "Chloé Estève"]]
    write_workbook(tmp_path / "raw" / "startups.xlsx", {"Start-up": rows})
    result = ingest(tmp_path / "raw")
    startups = result.tables["startups"].set_index("startup_id")
    assert startups["employees"].to_dict() == {"Genomtis": 23, "Nanologic": 11}
    assert startups["project_id"].to_dict() == {"Genomtis": "CPP-2018-06", "Nanologic": "ITD-2022-013"}
    assert not result.problems
