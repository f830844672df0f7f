"""Events kept as a calendar of months, each event on a few lines of its month's cell (month_calendars.py); a cell
writing a record on its lines is never a header (header_values.could_be_a_header)."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

MONTHS = ["Janvier", "Février", "Mars", "Avril", "Mai", "Juin", "Juillet", "Août", "Septembre", "Octobre", "Novembre",
          "Décembre"]


def _events(tmp_path, rows):
    write_workbook(tmp_path / "raw" / "calendrier.xlsx", {"2021": rows})
    result = ingest(tmp_path / "raw")
    events = result.tables["events"].set_index("event_id")
    return result, events


def test_each_entry_of_a_month_s_cell_is_an_event(tmp_path):
    """The day and title on the first line, the place in brackets its site, the fields after it by what they say;
    two events in one cell; an entry without a day known to the month; a score that cannot be read emptied."""
    cells = [None] * 12
    cells[0] = "25 - Formation valorisation des données (Nice)\nEV21-01 · formation · IT\n38 participants · satisf. 4/5"
    cells[2] = ("10 - Colloque Oncologie & Entreprise (Marseille)\nEV21-02 · colloque · co-organisé CPP/IT\n98 "
                "participants\n\n21 - Atelier pitch & levée de fonds (Marseille)\nEV21-03 · atelier · CPP\n"
                "16 participants · satisf. : très bons retours")
    cells[4] = "date à confirmer - Webinaire Mission Cancer (visio)\nEV21-04 · webinaire · CPP+IT\n42 participants"
    rows = [["Calendrier des événements 2021 - CPP & Inserm Transfert"], [], [f"{m} 2021" for m in MONTHS], cells,
            [], ["Nb d'actions 2021 : 4"]]
    result, events = _events(tmp_path, rows)
    got = {e: (str(r.event_date.date()), r.event_date_precision, r.title, r.event_type, r.organiser, r.site,
               r.attendees, None if r.satisfaction != r.satisfaction else r.satisfaction)
           for e, r in events.iterrows()}
    assert got == {
        "EV21-01": ("2021-01-25", "day", "Formation valorisation des données", "training", "it", "nice", 38, 4.0),
        "EV21-02": ("2021-03-10", "day", "Colloque Oncologie & Entreprise", "conference", "joint", "marseille", 98,
                    None),
        "EV21-03": ("2021-03-21", "day", "Atelier pitch & levée de fonds", "workshop", "cpp", "marseille", 16, None),
        "EV21-04": ("2021-05-01", "month", "Webinaire Mission Cancer", "webinar", "joint", "online", 42, None)}
    assert [(c.key, c.column) for c in result.cell_problems] == [("EV21-03", "satisfaction")]


def test_months_alone_under_a_sheet_named_by_its_year(tmp_path):
    """"Janvier | Février | …" under a sheet named "2021": the sheet's year; the row of events is no header though
    its cells are texts."""
    cells = [None] * 12
    cells[1] = "03 - Atelier PI & brevets (Marseille)\nEV21-10 · atelier · CPP\n20 participants"
    cells[5] = "14 - Pitch day (Nice)\nEV21-11 · pitch · IT\n31 participants"
    cells[8] = "09 - Atelier business model (Nice)\nEV21-12 · atelier · CPP+IT\n25 participants · satisf. 4,4/5"
    _, events = _events(tmp_path, [["Calendrier"], MONTHS, cells])
    assert {e: str(r.event_date.date()) for e, r in events.iterrows()} == {
        "EV21-10": "2021-02-03", "EV21-11": "2021-06-14", "EV21-12": "2021-09-09"}
