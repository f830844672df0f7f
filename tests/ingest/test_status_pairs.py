"""A proposal's status and its evaluation result in two columns: each row takes the furthest outcome either states
(status_pairs.py)."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["Proposal number", "Programme", "Submission date", "Role", "Proposal status", "Evaluation result"]


def test_the_furthest_outcome_of_the_two_columns(tmp_path):
    day = dt.date(2022, 4, 5)
    rows = [HEADER, ["101", "ERC", day, "Coordinator", "EVALUATED", "REJECTED"],
            ["102", "ERC", day, "Coordinator", "GRANT SIGNED", "RESERVE LIST"],  # called up from the reserve list
            ["103", "MSCA", day, "Partner", "WITHDRAWN", None],
            ["104", "MSCA", day, "Partner", "SUBMITTED", None],
            ["105", "EIC", day, "Partner", "GRANT SIGNED", "MAIN LIST"]]
    write_workbook(tmp_path / "raw" / "portal.xlsx", {"Proposals": rows})
    result = ingest(tmp_path / "raw")
    status = dict(zip(result.tables["eu_proposals"]["proposal_id"], result.tables["eu_proposals"]["status"],
                      strict=True))
    assert status == {"101": "not_funded", "102": "funded", "103": "withdrawn", "104": "pending", "105": "funded"}
    assert not result.problems
