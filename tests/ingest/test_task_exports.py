"""Events planned as the tasks of a project tool (Asana: "Task ID | Name | Start Date | Due Date | …"): the task's id
is the event's, its due date the day it is held (headers.yaml)."""

from __future__ import annotations

from partnership_metrics.ingest.ingestion import ingest


def test_an_asana_export_of_events(tmp_path):
    (tmp_path / "Asana_Evenements_export.csv").write_text(
        "Task ID,Created At,Completed At,Name,Section/Column,Assignee,Start Date,Due Date,Tags,Type d'événement,"
        "Organisé par,Lieu,Nb participants\n"
        "1100774631202612,2018-01-15,2018-03-09,Atelier business model,Historique,Yann Tessier,,2018-02-27,,"
        "Atelier,CPP,Nice,16\n"
        "1101015090314921,2017-11-13,2018-03-17,Formation du labo à la start-up,Historique,Agnès Pellegrin,,"
        "2018-03-06,PI,Formation,IT,Marseille,22\n", encoding="utf-8")
    events = ingest(tmp_path).tables["events"].sort_values("event_id")
    assert list(events["event_id"]) == ["1100774631202612", "1101015090314921"]
    assert [str(d)[:10] for d in events["event_date"]] == ["2018-02-27", "2018-03-06"]
