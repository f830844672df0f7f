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


def test_a_place_on_its_own_line_below_the_date_keeps_its_dash(tmp_path):
    """"01/07/2020 ⏎ Marseille – Luminy": the second line is the place, whole (a campus after its city)."""
    rows = [["Réf.", "Date\n& lieu", "Intitulé", "Format", "Organisé\npar", "Nb de\nparticipants"],
            ["EVT-1", "01/07/2020\nMarseille – Luminy", "Colloque", "Conférence", "Inserm Transfert", 15],
            ["EVT-2", "10/08/2021\nNice (CAL)", "Pitch", "Pitch", "CanceroPôle", 13],
            ["EVT-3", "25/01/2018\nVisio Teams", "Webinaire", "Webinaire", "CanceroPôle", 24],
            ["EVT-4", "12/12/2018", "Formation", "Formation", "CanceroPôle", 30]]
    write_workbook(tmp_path / "raw" / "Evenements.xlsx", {"Evenements": rows})
    events = ingest(tmp_path / "raw").tables["events"]
    assert [str(d.date()) for d in events["event_date"]] == ["2020-07-01", "2021-08-10", "2018-01-25", "2018-12-12"]
    assert [s if isinstance(s, str) else None for s in events["site"]] == ["marseille", "nice", "online", None]
