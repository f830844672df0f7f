"""A coded column said by a text of each row (codes_in_text.py): looking whether a column says its codes reads no
value, so the labels the ingestion report counts as 'other' are the rows' own, once each."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


def test_labels_taken_as_other_are_counted_once_per_row_read(tmp_path):
    rows = [["Code", "Date", "Intitulé", "Type", "Organisateur", "Lieu", "Participants"],
            ["EV-01", dt.date(2022, 3, 1), "Journée valorisation", "Colloque", "CPP", "Salle polyvalente", 40],
            ["EV-02", dt.date(2022, 6, 2), "Atelier pitch", "Atelier", "IT", "Marseille", 12],
            ["EV-03", dt.date(2022, 9, 9), "Formation PI", "Formation", "IT", "Marseille", 20]]
    write_workbook(tmp_path / "raw" / "evenements.xlsx", {"Événements": rows})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["events"]["site"].astype(str)) == ["other", "marseille", "marseille"]
    assert result.mapped_to_other == {("events", "site", "Salle polyvalente"): 1}
