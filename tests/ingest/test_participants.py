"""A proposal kept one row per participant of its consortium is the partnership's participant's row
(participants.py); one institution of the region written twice stays a conflict."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["Proposal ID", "Acronym", "Programme", "Submission date", "Participant organisation", "Role",
          "Requested EU contribution (€)", "Status", "Granted EU contribution (€)", "Accompagnement CPP / IT"]


def _proposal(pid, acronym, rows):
    return [[pid, acronym, "MSCA", "04/07/2019", org, role, asked, "Funded", granted, support]
            for org, role, asked, granted, support in rows]


def test_the_partnerships_participant_is_the_proposal(tmp_path):
    rows = [HEADER,
            *_proposal("857262", "PEPCOL", [("Gustave Roussy", "Coordinator", 500000, 500000, None),
                                            ("KU Leuven", "Partner", 152000, 152000, None),
                                            ("Inserm", "Partner", 304000, 288800, "CPP")]),
            *_proposal("857393", "LEUPERF", [("Université Côte d'Azur", "Coordinator", 2000000, None, None)])]
    write_workbook(tmp_path / "raw" / "tracker.xlsx", {"Tracker": rows})
    result = ingest(tmp_path / "raw")
    eu = result.tables["eu_proposals"].set_index("proposal_id")
    assert sorted(eu.index) == ["857262", "857393"]
    assert (eu.loc["857262", "institution"], eu.loc["857262", "role"]) == ("INSERM", "partner")
    assert (eu.loc["857262", "requested_eur"], eu.loc["857262", "granted_eur"]) == (304000, 288800)
    dropped = [d.reason for d in result.dropped if d.row in (2, 3)]
    assert len(dropped) == 2 and all("another participant of the proposal" in r for r in dropped)
    assert not result.problems


def test_one_regional_institution_written_twice_is_still_a_conflict(tmp_path):
    rows = [HEADER, *_proposal("857262", "PEPCOL", [("Inserm", "Coordinator", 500000, 500000, "CPP"),
                                                    ("Inserm", "Partner", 304000, 288800, "IT")])]
    write_workbook(tmp_path / "raw" / "tracker.xlsx", {"Tracker": rows})
    result = ingest(tmp_path / "raw")
    assert len(result.tables["eu_proposals"]) == 0
    assert len(result.problems) == 2
