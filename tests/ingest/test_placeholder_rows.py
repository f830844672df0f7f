"""A monthly report's table holding only "Néant" (nothing to report this month) is no row of data: dropped, never
quarantined (normalising.row_kind)."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


def test_a_row_of_a_placeholder_only_is_dropped(tmp_path):
    header = ["ID", "Date", "Intitulé", "Type", "Organisateur", "Présents"]
    write_workbook(tmp_path / "raw" / "rapport_2021-03.xlsx", {"Évènements": [header, ["Néant"]]})
    write_workbook(tmp_path / "raw" / "rapport_2021-04.xlsx", {"Évènements": [
        header, ["EV-01", "2021-04-12", "Atelier PI", "Atelier", "CPP", 12]]})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["events"]["event_id"]) == ["EV-01"] and not result.problems
    assert any("nothing to report" in d.reason for d in result.dropped)
