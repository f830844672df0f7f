"""Rows of a recognised sheet that are no records: a month's name alone over that month's rows is a section title."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


def test_a_months_name_alone_in_the_id_column_is_a_section(tmp_path):
    rows = [["Actions de formation et événements – 2018"],
            ["Code", "Date", "Intitulé", "Format", "Organisé par", "Lieu", "Nb participants"],
            ["AOÛT", None, None, None, None, None, None],
            ["EVT-2018-01", "30/08/2018", "Webinaire maturation", "Webinaire", "CPP & IT", "Visio", 40],
            ["Octobre", None, None, None, None, None, None],
            ["EVT-2018-02", "12 octobre 2018", "Pitch day oncologie", "Session de pitch", "Conjoint", "Nice", 33]]
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"Événements": rows})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["events"]["event_id"]) == ["EVT-2018-01", "EVT-2018-02"] and not result.problems
    assert sum(d.reason == "section row (a group's title)" for d in result.dropped) == 2

