"""An event's attendees counted in two columns: those present on site and those connected remotely ("Présents sur
place | Connectés à distance", "Check-in Count | Webinar Attendees"), as hybrid events are registered. The attendees
are the sum of the two; a row with neither is still missing its count (quarantined as before).

:func:`with_split_attendees` gives the sheet one more column holding the sum, read in place of the two. A column
counts as the remote half only when its header holds a word of ``remote_attendance_words`` (``vocab/words.yaml``) and
its header is not already read as another column of the table, with a word of ``attended_count_words`` and most of its
cells whole counts ("Lien Zoom", "Distance (km)" are not).
"""

from __future__ import annotations

from dataclasses import replace

from ..errors import ParseError
from ..textnorm import tokens
from .reading import RawSheet, is_blank
from .recognition import ColumnMatch, Recognition

COLUMN = "attendees"  # events.attendees
MIN_COUNT_SHARE = 0.8  # of the remote column's filled cells that are whole counts


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
    counted = ctx.words.attended_count_words
    if set(tokens(on_site.header)) & words:  # "Webinar Attendees" read: its partner says who came on site
        came = ctx.words.presence_header_words | counted
        others = [j for j, said in unread if said & came and not said & words]
    else:  # "Connectés à distance": remote, and counting people ("Lien Zoom", "Distance (km)" do not)
        others = [j for j, said in unread if said & words and said & counted]
    others = [j for j in others if _counts(sheet, rec.header_index, j, ctx.parsers)]
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


def _counts(sheet: RawSheet, header_index: int, j: int, parsers) -> bool:
    """Whether most of column ``j``'s filled cells below the header are whole counts."""
    cells = [r[j] for r in sheet.rows[header_index + 1:] if j < len(r) and not is_blank(r[j])
             and not parsers.is_missing(r[j])]
    return bool(cells) and sum(_count(c, parsers) is not None for c in cells) >= MIN_COUNT_SHARE * len(cells)


def _count(raw, parsers) -> int | None:
    try:
        return parsers.parse_int(raw)
    except ParseError:
        return None


def _sum(on_site, remote, parsers):
    """The sum of the two counts; the on-site cell as written when it cannot be read (the quarantine names it), the
    on-site count alone when the remote cell cannot be read."""
    if is_blank(remote) or parsers.is_missing(remote) or (extra := _count(remote, parsers)) is None:
        return on_site
    if is_blank(on_site) or parsers.is_missing(on_site):
        return extra
    base = _count(on_site, parsers)
    return on_site if base is None else base + extra


def completed_by_registrations(sheet: RawSheet, rec: Recognition, ctx) -> tuple[RawSheet, Recognition, str] | None:
    """(sheet, recognition, note) when a list of events lacks only its attendees and one column counts the
    registrations ("Registered", "Inscrits": a tool's export that counts no one who came): read as the attendees,
    said in the note; None otherwise (a sheet that counts those who came is read from that count, see above)."""
    if rec.table != "events" or rec.missing_required != [COLUMN] or rec.header_index >= len(sheet.rows):
        return None
    registered = [(j, str(cell).strip()) for j, cell in enumerate(sheet.rows[rec.header_index])
                  if j not in rec.mapped_indexes and isinstance(cell, str)
                  and set(tokens(cell)) & ctx.words.registered_count_words]
    registered = [(j, text) for j, text in registered if _counts(sheet, rec.header_index, j, ctx.parsers)]
    if len(registered) != 1:
        return None
    j, text = registered[0]
    read = replace(rec, columns=[*rec.columns, ColumnMatch(j, text, COLUMN)], missing_required=[],
                   unknown=[u for u in rec.unknown if u != text])
    return sheet, read, f"'{text}' counts registrations, the only count of the sheet: read as the attendees"
