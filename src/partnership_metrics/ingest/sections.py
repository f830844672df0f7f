"""Delimited files made of several sections, each a title line and then its own header and rows: a Zoom webinar
report ("Host Details", "Panelist Details", "Attendee Details" under a report header), a Teams attendance report
("1. Résumé", "2. Participants", "3. Activités de la réunion"). Read as one table, the first header would be taken
for all and the other sections' titles and headers for rows; read section by section, each is recognised (or
reported) on its own.

A line is a section title when it holds one text cell in the first column and the line below it is the header of
a table the recognition knows (or, for a section that is not data, any header); a file is split only when it has two
sections or more, one of them at least a known table. The lines above the
first section are the report's header (not a table). A section whose title holds one of the reviewed
``not_data_section_words`` of ``vocab/words.yaml`` (hosts, panelists, organisers, an activity log) is not read:
its rows are listed as dropped with the reason.

A meeting tool's participants export has no section titles: the meeting's details (a header over one line: "Meeting
ID | Topic | … | User Email") above a blank line, then the participants' own header and rows. The details are the
report's header: their texts may name the event, and the account they name (the host's) is no attendee.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..textnorm import fold
from .reading import RawSheet
from .recognition import SAMPLE_ROWS, Recogniser
from .vocabulary import Words

MAX_TITLE_CHARS = 80  # a section title is short: a longer single cell is a note
MAX_DETAIL_ROWS = 3  # lines of values under a report's details header (one meeting, or its occurrences)
MAX_CANDIDATES = 50  # single-cell lines tried as section titles in one file (sections are few)


@dataclass(frozen=True)
class Section:
    """Rows ``start`` to ``end`` (offsets in the sheet, end excluded) of a sectioned file; ``title`` its title line
    (None for a report header without one); ``not_data``: why its rows are not read, or None."""

    title: str | None
    start: int
    end: int
    not_data: str | None = None

    def sheet(self, whole: RawSheet, context: tuple[str, ...] = ()) -> RawSheet:
        """The section as a sheet of its own, named after its title and rows (``Attendee Details (rows 11-52)``);
        ``context``: the report's summary texts (its topic), which may name what the section's rows belong to."""
        span = f"rows {whole.first_row + self.start}-{whole.first_row + self.end - 1}"
        name = f"{self.title} ({span})" if self.title else f"({span})"
        return replace(whole, rows=whole.rows[self.start : self.end], first_row=whole.first_row + self.start,
                       sheet=name, context=context)

    def texts(self, whole: RawSheet) -> tuple[str, ...]:
        """The text cells of the section's lines below its title (a summary's topic, its meeting id...; its lines
        may be a header and values, or labels and values: "Titre de la réunion | ANIM-22-07 Webinaire …")."""
        rows = whole.rows[self.start : self.end][1 if self.title else 0:]
        return tuple(" ".join(c.split()) for row in rows for c in row if isinstance(c, str) and c.strip())


def find_sections(sheet: RawSheet, recogniser: Recogniser, words: Words) -> list[Section] | None:
    """The sections of a delimited file (its sheet has no name) made of two sections or more, or of a meeting's
    details above its participants (:func:`_details_above`), else None."""
    if sheet.sheet is not None or len(sheet.rows) < 4:
        return None
    rows = sheet.rows
    candidates: list[tuple[int, str]] = []
    singles = [i for i, row in enumerate(rows[:-1]) if len(row) - row.count(None) == 1]  # one pass, no Python step
    for i in singles:
        row, below = rows[i], rows[i + 1]
        if not isinstance(row[0], str) or len(below) - below.count(None) < 2:
            continue
        title = " ".join(row[0].split())
        if title and len(title) <= MAX_TITLE_CHARS:
            candidates.append((i, title))
            if len(candidates) > MAX_CANDIDATES:
                return None
    starts: list[tuple[int, str]] = []
    read = 0  # sections whose header is a known table's
    for k, (i, title) in enumerate(candidates):  # the header is recognised on its section's rows only
        end = min(candidates[k + 1][0] if k + 1 < len(candidates) else len(rows), i + 2 + SAMPLE_ROWS)
        part = replace(sheet, rows=rows[i + 1 : end], first_row=sheet.first_row + i + 1)
        found = recogniser.recognise(part)
        if found is not None and found.header_index == 0 and found.grid is None and found.score > 0:
            starts.append((i, title))
            read += not _not_data(title, words)
        elif _not_data(title, words) and _header_like(rows[i + 1]):  # "Host Details": hosts' e-mails only
            starts.append((i, title))
    if len(starts) < 2 or not read:
        return _details_above(sheet, recogniser)
    sections = []
    if starts[0][0] > 0:  # the report's header, named after its title line if it has one ("1. Résumé")
        first = rows[0]
        head = " ".join(first[0].split()) if (len(first) - first.count(None) == 1 and isinstance(first[0], str)
                                              and len(first[0]) <= MAX_TITLE_CHARS) else None
        sections.append(Section(head or None, 0, starts[0][0], "report header above the sections, not a table"))
    ends = [i for i, _ in starts[1:]] + [len(rows)]
    for (start, title), end in zip(starts, ends, strict=True):
        sections.append(Section(title, start, end, _not_data(title, words)))
    return sections


def _details_above(sheet: RawSheet, recogniser: Recogniser) -> list[Section] | None:
    """A meeting's details (a header and a line or two of values) above a blank line and a known table: a Zoom
    participants export ("Meeting ID | Topic | Start Time" over one line, then "Name (Original Name) | User Email")."""
    rows = sheet.rows
    blank = next((i for i, row in enumerate(rows[:MAX_DETAIL_ROWS + 2]) if len(row) == row.count(None)), None)
    if blank is None or not 2 <= blank <= MAX_DETAIL_ROWS + 1 or not _header_like(rows[0]):
        return None
    start = next((i for i in range(blank, len(rows)) if len(rows[i]) != rows[i].count(None)), None)
    if start is None or not _header_like(rows[start]):
        return None
    part = replace(sheet, rows=rows[start : start + 1 + SAMPLE_ROWS], first_row=sheet.first_row + start)
    found = recogniser.recognise(part)
    if found is None or found.header_index != 0 or found.grid is not None or not found.score:
        return None
    if recogniser.recognise(replace(sheet, rows=rows[:blank])) is not None:
        return None  # a small table of its own above another: not a report's details
    return [Section(None, 0, blank, "report header above the sections, not a table"), Section(None, start, len(rows))]


def _header_like(row: list) -> bool:
    """Whether a line reads as a header: two texts or more, none with a digit or an e-mail."""
    cells = [c for c in row if c is not None]
    return len(cells) >= 2 and all(isinstance(c, str) and not any(ch.isdigit() or ch == "@" for ch in c)
                                   for c in cells)


def _not_data(title: str, words: Words) -> str | None:
    named = set(fold(title).split()) & words.not_data_section_words
    if not named:
        return None
    return (f"section '{title}' is not data ({', '.join(sorted(named))}: staff, speakers or a log of connections, "
            "not attendees)")
