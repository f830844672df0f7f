"""A date column whose header names another column beside it ("DATE ET LIEU") gives that column the words its cells
write beside the date (dates_with_words.py)."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


def test_the_place_beside_each_events_date(tmp_path):
    rows = [["RÉF.", "INTITULÉ", "TYPE", "ORGA.", "DATE ET LIEU", "NB PART."],
            ["EV-2018-01", "Formation logiciels", "Formation", "CPP", "Marseille, 07/02/2018", 13],
            ["EV-2018-02", "Sensibilisation", "Sensibilisation", "CPP", "Nice (IRCAN), 16/05/2018", 15],
            ["EV-2018-03", "Journée start-up", "Pitch", "IT", "En ligne, 09/07/2018", 21],
            ["EV-2018-04", "Atelier brevets", "Atelier", "IT", "12/10/2018", 9]]
    write_workbook(tmp_path / "raw" / "Evenements.xlsx", {"Événements": rows})
    events = ingest(tmp_path / "raw").tables["events"]
    assert [str(d.date()) for d in events["event_date"]] == ["2018-02-07", "2018-05-16", "2018-07-09", "2018-10-12"]
    assert [s if isinstance(s, str) else None for s in events["site"]] == ["marseille", "nice", "online", None]
    assert list(events["organiser"]) == ["cpp", "cpp", "it", "it"]
