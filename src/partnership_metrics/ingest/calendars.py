"""Events kept as a calendar: one row per day ("Date | Jour | Matin | Après-midi | Lieu"), each event written in a
half-day's cell with its reference in brackets ("Atelier PI (EV-2021-04)"; a day-long event in both cells). Each
reference is one event: its date the row's, its title the cell's text before the brackets. What a calendar does not
say (type, organiser, attendance) is left to a sheet of the same references that completes it ("Réf. événement |
Type | Organisé par | Nb de participants", :mod:`.complement_sheets`); a row nothing completes is quarantined with
why. Banner rows ("Année 2019") and blank rows are dropped; every row is accounted for."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalising import Context, Dropped, SheetResult, normalise_long
from .reading import RawSheet, is_blank
from .recognised import ColumnMatch, Recognition
from .recognition import HEADER_SCAN_ROWS

MIN_EVENTS = 3  # cells naming an event by its reference that make a calendar
MIN_DATES = 0.6  # of the rows with an event whose date column reads as a date
SAMPLE = 200  # rows below a header a calendar is told from (a long list is not read row by row to find none)
_REFERENCE = re.compile(r"^(?P<title>.*\S)\s*\((?P<ref>[A-Za-z][\w./-]*\d[\w./-]*)\)\s*$", re.DOTALL)
COLUMNS = ("event_id", "event_date", "title")
LEFT = frozenset({"event_type", "organiser", "attendees"})  # required, said by a sheet that completes the calendar


@dataclass(frozen=True)
class Calendar:
    header_index: int
    date: int  # the column of the days
    events: list[int]  # the columns of events ("Matin", "Après-midi")


def _events_in(row: list, columns: list[int]) -> list[tuple[str, str]]:
    """(reference, title) of each event a row's cells name, once each (a day-long event is in two cells)."""
    found: dict[str, str] = {}
    for j in columns:
        cell = row[j] if j < len(row) else None
        if isinstance(cell, str) and (m := _REFERENCE.match(cell.strip())):
            found.setdefault(m["ref"], " ".join(m["title"].split()))
    return list(found.items())


def find_calendar(sheet: RawSheet, ctx: Context) -> Calendar | None:
    """The sheet's calendar (header row, day column, event columns), or None."""
    for index, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        headers = [j for j, c in enumerate(row) if isinstance(c, str) and c.strip()]
        if len(headers) < 2:
            continue
        below = sheet.rows[index + 1:index + 1 + SAMPLE]
        named = {j: sum(1 for r in below if j < len(r) and isinstance(r[j], str) and _REFERENCE.match(r[j].strip()))
                 for j in headers}
        events = [j for j, n in named.items() if n]
        if sum(named.values()) < MIN_EVENTS:
            continue
        dated = [r for r in below if _events_in(r, events)]
        for j in headers:
            if j not in events and sum(ctx.parsers.is_date(r[j]) for r in dated if j < len(r)) >= MIN_DATES * len(
                    dated):
                return Calendar(index, j, events)
        return None
    return None


def no_event(sheet: RawSheet, number: int, row: list) -> Dropped:
    """A calendar's row that holds no event, dropped with why: a blank, a banner, a note or a total."""
    why = "blank row" if all(is_blank(c) for c in row) else "no event in the calendar's row (a banner, a note, a total)"
    return Dropped(sheet.file, sheet.sheet, number, why)


def normalise_calendar(sheet: RawSheet, calendar: Calendar, ctx: Context) -> SheetResult:
    """One event per reference the calendar's cells name, every row of the sheet accounted for."""
    long_rows: list[list] = [[f"[{c}]" for c in COLUMNS]]
    origins, dropped = [], []
    first = sheet.first_row + calendar.header_index + 1
    header = sheet.rows[calendar.header_index]
    for offset, row in enumerate(sheet.rows[calendar.header_index + 1:]):
        number = first + offset
        found = _events_in(row, calendar.events)
        if not found:
            dropped.append(no_event(sheet, number, row))
            continue
        day = row[calendar.date] if calendar.date < len(row) else None
        for reference, title in found:
            long_rows.append([reference, day, title])
            origins.append((number, str(header[calendar.events[0]])))
    rec = Recognition("events", 0, [ColumnMatch(i, f"[{c}]", c) for i, c in enumerate(COLUMNS)], [], pending=LEFT)
    result = normalise_long(sheet, calendar.header_index, long_rows, origins, dropped, rec, ctx)
    result.note = ("calendar: one event per reference in brackets in a day's cells; its type, organiser and "
                   "attendance from the sheet of the same references that completes it")
    return result
