"""Events kept as a calendar of months: one column per month ("Janvier 2021 | Février 2021 | …", or the months alone
under a title or a sheet's name giving the year), each event written in its month's cell on a few lines — its day
and title ("25 - Formation valorisation des données (Nice)"), then its fields parted by middle dots ("EV21-01 ·
formation · IT", "38 participants · satisf. 4/5"); two events in one cell parted by a blank line.

Each event is one row of events: its date the day in the column's month (the month only when the first line writes
no day: "date à confirmer - …"), its title the first line's words, a place in brackets its site when it names one.
Each field is read by what it says: a reference (letters then digits) is the id; a number with words is the column
its words name as a header would ("38 participants", "satisf. 4,4/5": a label, then its value); other words the code
they name (a type, an organiser, a site). Read so when a header row names :data:`MIN_MONTHS` months and
:data:`MIN_EVENTS` cells below it hold an event with a reference; every row of the sheet is accounted for."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..textnorm import YEAR, fold
from .calendars import no_event
from .normalising import Context, SheetResult, normalise_long
from .reading import RawSheet
from .recognised import ColumnMatch, Recognition
from .recognition import HEADER_SCAN_ROWS

MIN_MONTHS = 6  # month headers of a calendar's row
MIN_EVENTS = 3  # cells holding an event with a reference
COLUMNS = ("event_id", "event_date", "title", "event_type", "organiser", "site", "attendees", "satisfaction")
CODED = ("event_type", "organiser", "site")
_EVENTS = re.compile(r"\n\s*\n")  # two events in one cell: a blank line between them
_FIELDS = re.compile(r"\s*[·•|;]\s*")
_DAY_TITLE = re.compile(r"^\s*(?P<day>\d{1,2})(?:er|st|nd|rd|th)?\s*[-–—:.)]\s*(?P<title>\S.*)$", re.S)
_UNDATED_TITLE = re.compile(r"^\s*(?P<said>[^\W\d_][^-–—:]{0,40}?)\s+[-–—:]\s+(?P<title>\S.*)$", re.S)
_PLACE = re.compile(r"\s*\((?P<place>[^()]+)\)\s*$")
_REFERENCE = re.compile(r"^[A-Za-z]{1,8}[-_./ ]?\d[\w./-]*$")
# a field that says what it is: "38 participants" (a number, then its words), "satisf. 4,4/5" (a label, then its
# value), "satisf. : très bons retours" (an unreadable score, emptied and listed)
_LABELLED = (re.compile(r"^(?P<value>\d[\d\s]*?)\s+(?P<label>[^\d\s].*)$", re.S),
             re.compile(r"^(?P<label>[^\d:]*[^\d\s:])\s*:?\s*(?P<value>\d.*)$", re.S),
             re.compile(r"^(?P<label>[^\d:]{2,30}?)\s*:\s*(?P<value>\S.*)$", re.S))


@dataclass(frozen=True)
class MonthCalendar:
    header_index: int
    months: dict[int, tuple[int, int]]  # column -> (year, month)


def find_month_calendar(sheet: RawSheet, ctx: Context, recogniser) -> MonthCalendar | None:
    """The sheet's calendar of months (its header row and the month of each column), or None."""
    year = _sheet_year(sheet)
    for index, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        months = {j: m for j, cell in enumerate(row) if (m := _month(cell, year, ctx.words)) is not None}
        if len(months) < MIN_MONTHS:
            continue
        below = sheet.rows[index + 1:]
        events = sum(1 for r in below for j in months if j < len(r) and _events(r[j], ctx, recogniser))
        return MonthCalendar(index, months) if events >= MIN_EVENTS else None
    return None


def normalise_month_calendar(sheet: RawSheet, calendar: MonthCalendar, ctx: Context, recogniser) -> SheetResult:
    """One row of events per event a month's cell holds, every row of the sheet accounted for."""
    long_rows: list[list] = [[f"[{c}]" for c in COLUMNS]]
    origins, dropped = [], []
    first = sheet.first_row + calendar.header_index + 1
    header = sheet.rows[calendar.header_index]
    for offset, row in enumerate(sheet.rows[calendar.header_index + 1:]):
        number = first + offset
        found = [(j, event) for j, month in calendar.months.items() if j < len(row)
                 for event in _events(row[j], ctx, recogniser)]
        if not found:
            dropped.append(no_event(sheet, number, row))
            continue
        for j, event in found:
            year, month = calendar.months[j]
            day = event.pop("day", None)
            event["event_date"] = f"{day:02d}/{month:02d}/{year}" if day else f"{month:02d}/{year}"
            long_rows.append([event.get(c) for c in COLUMNS])
            origins.append((number, " ".join(str(header[j]).split())))
    rec = Recognition("events", 0, [ColumnMatch(i, f"[{c}]", c) for i, c in enumerate(COLUMNS)], [])
    result = normalise_long(sheet, calendar.header_index, long_rows, origins, dropped, rec, ctx)
    result.note = ("calendar of months: one event per entry of a month's cells (its day and title, then its fields "
                   "parted by middle dots)")
    return result


def _sheet_year(sheet: RawSheet) -> int | None:
    """The one year the sheet's name or its first rows' texts name ("2021", "Calendrier … 2021")."""
    texts = [sheet.sheet or "", *(c for r in sheet.rows[:HEADER_SCAN_ROWS] for c in r[:1] if isinstance(c, str))]
    years = {y for t in texts for y in YEAR.findall(t)}
    return int(years.pop()) if len(years) == 1 else None


def _month(cell, year: int | None, words) -> tuple[int, int] | None:
    """(year, month) a header cell names ("Janvier 2021", "févr. 2022", "Mars" under a year), or None."""
    if not isinstance(cell, str):
        return None
    parts = fold(cell).split()
    if not parts or parts[0] not in words.months or len(parts) > 2:
        return None
    if len(parts) == 2:
        return (int(parts[1]), words.months[parts[0]]) if YEAR.fullmatch(parts[1]) else None
    return (year, words.months[parts[0]]) if year is not None else None


def _events(cell, ctx: Context, recogniser) -> list[dict]:
    """The events a month's cell holds, each its day (or none), title and fields; none unless each has a reference."""
    if not isinstance(cell, str) or not cell.strip():
        return []
    events = [_event(text, ctx, recogniser) for text in _EVENTS.split(cell.strip()) if text.strip()]
    return events if events and all(e is not None for e in events) else []


def _event(text: str, ctx: Context, recogniser) -> dict | None:
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        return None
    if dated := _DAY_TITLE.match(lines[0]):
        day, title = int(dated["day"]), dated["title"]
        if not 1 <= day <= 31:
            return None
    elif undated := _UNDATED_TITLE.match(lines[0]):  # "date à confirmer - Rencontre …": known to the month
        day, title = None, undated["title"]
    else:
        return None
    event: dict = {"day": day}
    if (place := _PLACE.search(title)) and ctx.codebook.find("events", "site", place["place"]) is not None:
        event["site"], title = place["place"], title[:place.start()]
    event["title"] = title.strip()
    for part in (p for line in lines[1:] for p in _FIELDS.split(line) if p.strip()):
        column, value = _field(part, ctx, recogniser, set(event))
        if column is not None and column not in event:
            event[column] = value
    return event if event.get("event_id") else None


def _field(part: str, ctx: Context, recogniser, taken: set[str]) -> tuple[str | None, str]:
    """(column, value) a field of an event names: its reference, a number its words label, else the first code
    column not ``taken`` that its words name ("webinaire": the type before the site)."""
    if _REFERENCE.match(part):
        return "event_id", part
    if labelled := next((m for pattern in _LABELLED if (m := pattern.match(part))), None):
        label, value = labelled["label"], labelled["value"]
        named = [c for c, _ in recogniser.cell_candidates("events", label.strip(" :.")) if c in COLUMNS]
        return (named[0], value.strip()) if named else (None, part)
    return next((c for c in CODED if c not in taken and ctx.codebook.find("events", c, part) not in (None, "other")),
                None), part
