"""An event's attendees counted in two columns: those present on site and those connected remotely ("Présents sur
place | Connectés à distance", "Check-in Count | Webinar Attendees"), as hybrid events are registered. The attendees
are the sum of the two; a row with neither is still missing its count (quarantined as before).

:func:`with_split_attendees` gives the sheet one more column holding the sum, read in place of the two. A column
counts as the remote half only when its header holds a word of ``remote_attendance_words`` (``vocab/words.yaml``) and
its header is not already read as another column of the table.
"""

from __future__ import annotations

from dataclasses import replace

from ..errors import ParseError
from ..textnorm import tokens
from .reading import RawSheet, is_blank
from .recognition import ColumnMatch, Recognition

COLUMN = "attendees"  # events.attendees


def with_split_attendees(sheet: RawSheet, rec: Recognition, ctx) -> tuple[RawSheet, Recognition, str] | None:
    """``sheet`` and ``rec`` with the attendees read as the sum of the on-site and the remote columns, and a note;
    None when the sheet has no such pair."""
    if rec.table != "events" or rec.header_index >= len(sheet.rows):
        return None
    on_site = next((m for m in rec.columns if m.column == COLUMN), None)
    if on_site is None:
        return None
    header = sheet.rows[rec.header_index]
    words = ctx.words.remote_attendance_words
    unread = [(j, set(tokens(cell))) for j, cell in enumerate(header)
              if j not in rec.mapped_indexes and isinstance(cell, str)]
    if set(tokens(on_site.header)) & words:  # "Webinar Attendees" read: its partner says who came on site
        came = ctx.words.presence_header_words | ctx.words.attended_count_words
        others = [j for j, said in unread if said & came and not said & words]
    else:
        others = [j for j, said in unread if said & words]
    if len(others) != 1:
        return None
    j = others[0]
    width = max(len(r) for r in sheet.rows)
    rows = []
    for i, row in enumerate(sheet.rows):
        cells = list(row) + [None] * (width - len(row))
        if i == rec.header_index:
            cells.append(f"[{COLUMN}]")
        elif i > rec.header_index:
            cells.append(_sum(cells[on_site.index], cells[j], ctx.parsers))
        else:
            cells.append(None)
        rows.append(cells)
    columns = [m for m in rec.columns if m.column != COLUMN] + [ColumnMatch(width, f"[{COLUMN}]", COLUMN)]
    texts = [str(h).strip() for h in (on_site.header, header[j])]
    unknown = [u for u in rec.unknown if u != header[j]]
    return (replace(sheet, rows=rows), replace(rec, columns=columns, unknown=unknown),
            f"events.attendees read as the sum of '{texts[0]}' and '{texts[1]}'")


def _sum(on_site, remote, parsers):
    """The sum of two counts as written; a cell that cannot be read is kept for the quarantine to name it."""
    values = []
    for raw in (on_site, remote):
        if is_blank(raw) or parsers.is_missing(raw):
            continue
        try:
            value = parsers.parse_int(raw)
        except ParseError:
            return raw
        if value is not None:
            values.append(value)
    return sum(values) if values else None
