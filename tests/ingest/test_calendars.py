"""Events kept as a calendar of days, each event in a half-day's cell with its reference in brackets, completed by
a list of the same references (calendars.py)."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

CALENDAR = [["Calendrier des événements"], [],
            ["Date", "Jour", "Matin", "Après-midi", "Lieu"],
            ["Année 2021"],
            [dt.date(2021, 1, 25), "lundi", "Journée annuelle (EV-2021-01)", "Journée annuelle (EV-2021-01)", "Nice"],
            [dt.date(2021, 2, 25), "jeudi", "Formation PI (EV-2021-02)", "Webinaire : licences (EV-2021-03)",
             "Marseille / Distanciel"],
            [dt.date(2021, 10, 19), "mardi", None, "Atelier maturation (EV-2021-04)", "Marseille"]]
REVIEW = [["Réf. événement", "Type", "Organisé par", "Lieu", "Nb de participants"],
          ["EV-2021-01", "Colloque", "CPP", "Nice", 45], ["EV-2021-02", "Formation", "IT", "Marseille", 22],
          ["EV-2021-03", "Webinaire", "CPP / IT", "Distanciel", 30], ["EV-2021-04", "Atelier", "CPP", "Marseille", 12]]


def test_each_reference_is_one_event_completed_by_the_review(tmp_path):
    write_workbook(tmp_path / "raw" / "calendrier.xlsx", {"Calendrier": CALENDAR, "Bilan": REVIEW})
    result = ingest(tmp_path / "raw")
    events = result.tables["events"].set_index("event_id")
    assert list(events.index) == ["EV-2021-01", "EV-2021-02", "EV-2021-03", "EV-2021-04"]
    assert events.loc["EV-2021-03", "title"] == "Webinaire : licences"
    assert str(events.loc["EV-2021-03", "event_date"].date()) == "2021-02-25"
    assert events.loc["EV-2021-03", "organiser"] == "joint" and events.loc["EV-2021-03", "site"] == "online"
    assert events.loc["EV-2021-01", "attendees"] == 45 and not result.problems


def test_a_calendar_nothing_completes_quarantines_its_events_with_why(tmp_path):
    write_workbook(tmp_path / "raw" / "calendrier.xlsx", {"Calendrier": CALENDAR})
    result = ingest(tmp_path / "raw")
    assert len(result.tables["events"]) == 0
    reasons = {p.key: p.reason for p in result.problems}
    assert set(reasons) == {"EV-2021-01", "EV-2021-02", "EV-2021-03", "EV-2021-04"}
    assert all("event_type" in r and "none gives it" in r for r in reasons.values())
