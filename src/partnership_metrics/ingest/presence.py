"""Who of an attendance list actually attended: registration and meeting tools list everyone registered or
connected, with a presence column ("Attended" Yes/No, "Contrôlé" Oui/Non, "Présent"/"Absent", a "Statut" of such
values only) or a role column ("Rôle": Organisateur / Présentateur / Participant). Registered no-shows, organisers,
hosts and speakers are not attendance: their rows are dropped with a reason (listed in dropped.csv), never counted.

A column counts only when its header holds a presence (or role) word and every value it holds is a known presence
value (or role): "Date de contrôle" beside "Contrôlé", or a free-text "Rôle dans l'équipe", decide nothing. The
words are reviewed lists of ``vocab/words.yaml`` (``presence_header_words``, ``present_values``,
``absent_values``, ``role_header_words``, ``not_attendee_roles``, ``attendee_roles``). A ticketing tool's status column
("Attendee Status": "Checked In", "Attending", "Not Attending") counts when some of its values say checked in
(``checked_in_values``): the others registered and did not come.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..privacy import EMAIL
from ..textnorm import fold
from .reading import RawSheet
from .recognition import Recognition
from .vocabulary import Words

TABLES_OF_ATTENDEES = frozenset({"event_attendance"})  # tables whose rows are people who came
NOTE_LINES = 5  # lines at the bottom of a sheet where a legend may be
KNOWN_MARKS_SHARE = 0.9  # of a presence column's filled cells that must be presence marks
_INCLUSIVE = re.compile(r"\s*\((?:e|es|s|ne)\)|[·.](?:e|es)\b", re.IGNORECASE)  # "excusé(e)", "présent·e"
_DIGITS = re.compile(r"[\d_#]+")
# "P = présent · R = arrivé en retard (présent)": a short mark, "=", its meaning up to the next separator or mark
_LEGEND_ENTRY = re.compile(r"(?:^|[\s·;,|:])([^\s=·;,|:]{1,3})\s*=\s*([^=·;,|]+?)"
                           r"(?=\s*(?:[·;,|]|$|\s[^\s=·;,|:]{1,3}\s*=))")
_NOTE = re.compile(r"\s*\([^)]*\)")  # "signé (arrivée 10h15)": a note beside the mark


def presence_mark(value, words: Words) -> bool | None:
    """True when a presence cell says the person came ("oui", "P", "x", "✓"), False when it says not ("non",
    "abs.", "excusé(e)"), None for anything else (an empty cell too)."""
    if value is None or not str(value).strip():
        return None
    if isinstance(value, str) and value.strip() in words.tick_marks:
        return True
    folded = fold(_INCLUSIVE.sub("", str(value)))
    if folded in words.present_values:
        return True
    return False if folded in words.absent_values else None


def legend_marks(rows: list[list], words: Words) -> dict[str, bool]:
    """The presence marks a legend above a sheet's header explains ("Légende : P = présent · R = arrivé en retard
    (présent) · A = absent · E = excusé"), folded mark -> came; a meaning naming both or neither is left out."""
    marks: dict[str, bool] = {}
    for row in rows:
        for cell in row:
            if not isinstance(cell, str) or cell.count("=") < 2:
                continue
            for mark, meaning in _LEGEND_ENTRY.findall(cell):
                whole = presence_mark(meaning, words)  # "non venu", "excusé(e)"
                said = set(fold(meaning).replace("(", " ").replace(")", " ").split())
                came, absent = bool(said & words.present_values), bool(said & words.absent_values)
                if (whole is not None or came != absent) and fold(mark):  # "»" of "« exc. » = excusé": no mark
                    marks[fold(mark)] = whole if whole is not None else came
    return marks


def not_attending(sheet: RawSheet, rec: Recognition, words: Words) -> dict[int, str]:
    """Offsets (0 = the first row below the header) of the rows that are not attendance, with why; empty for
    a table whose rows are not attendees or a sheet without a presence or role column."""
    if rec.table not in TABLES_OF_ATTENDEES or rec.grid is not None:
        return {}
    header = sheet.rows[rec.header_index]
    data = sheet.rows[rec.header_index + 1 :]
    mapped = rec.mapped_indexes
    out: dict[int, str] = {}
    checked_in: list[tuple[int, dict]] = []
    waiting: dict[int, str] = {}  # registrations on a waiting list: no-shows unless a presence column marks them
    came: set[int] = set()
    blanks_absent = _blanks_said_absent(sheet, rec, words)
    for index, cell in enumerate(header):
        if index in mapped or not isinstance(cell, str) or not cell.strip():
            continue
        header_words = set(fold(cell).split())
        rule = _column_rule(header_words, data, index, words)
        if rule == "status":  # a ticketing tool's "Attendee Status", event by event
            _not_checked_in_status(cell, _filled(data, index), words, out, _events_of(rec, data))
            waiting.update(_waiting(cell, _filled(data, index), words))
            continue
        if rule is None:
            continue
        known, excluded, why, signature_only = rule
        values = _filled(data, index)
        folded = {i: "x" if str(v).strip() in words.tick_marks else fold(_NOTE.sub("", _INCLUSIVE.sub("", str(v))))
                  for i, v in values.items()}  # "✓" is a tick, whatever its folding
        folded = {i: v for i, v in folded.items() if v in known or not _is_count(values[i])}  # a poll's "Count": 7
        if excluded is words.absent_values and values and all(map(_is_time, values.values())):
            checked_in.append((index, values))  # "Contrôlé le: 17/01/2021 09:12": the time of the scan
            continue
        # every mark known but a few lines of another kind ("doublon", a section's header repeated in an export)
        if not folded or sum(v in known for v in folded.values()) < KNOWN_MARKS_SHARE * len(folded):
            continue
        name = " ".join(cell.split())
        came.update(i for i, value in folded.items() if value in words.present_values)
        for i, value in folded.items():
            if value in excluded and i not in out:
                out[i] = why.format(name, " ".join(str(values[i]).split()))
        if (blanks_absent or _unmarked_lines_absent(header_words, set(folded.values()), signature_only, words)) and (
                excluded is words.absent_values or signature_only):
            # boxes ticked for those who came ("Présent(e)": x), lines of a sign-in sheet ("Émargement": signé): a
            # box left empty, a line not signed, is a registered no-show
            for i in range(len(data)):
                if i not in values and i not in out and any(c is not None and str(c).strip() for c in data[i]):
                    out[i] = f"registered but did not attend ({name} not ticked)"
    out.update({i: why for i, why in waiting.items() if i not in came and i not in out})
    if len(checked_in) == 1 and not any(why.startswith("registered") for why in out.values()):
        _not_checked_in(header, data, *checked_in[0], out)
    _unidentified(rec, data, words, out)
    _hosts(sheet, rec, data, out)
    return out


def _hosts(sheet: RawSheet, rec: Recognition, data: list[list], out: dict[int, str]) -> None:
    """Rows of the meeting's host: their e-mail is the account the report's header names (a Zoom participants
    export's "User Email" above the list is the host's, who organised the meeting, not an attendee)."""
    hosts = {m.group(0).lower() for text in sheet.context for m in EMAIL.finditer(text)}
    if not hosts:
        return
    for i, row in enumerate(data):  # the e-mail may be in a column the table leaves out ("User Email")
        if i not in out and any(isinstance(c, str) and c.strip().lower() in hosts for c in row):
            out[i] = "not an attendee: the meeting's host (the account the report's header names)"


def _blanks_said_absent(sheet: RawSheet, rec: Recognition, words: Words) -> bool:
    """Whether a note of the sheet (a legend above the header or below the rows) says a box left empty is
    an absence ("Présent(e) : x / oui / 1 = a signé ; vide, non, abs., excusé(e) = absent")."""
    for row in (*sheet.rows[: rec.header_index], *sheet.rows[-NOTE_LINES:]):
        first = next((c for c in row if c is not None and c != ""), None)  # a note is written in its line's first cell
        if isinstance(first, str) and ("=" in first or ":" in first):
            said = set(fold(first).replace(",", " ").replace(";", " ").replace("=", " ").split())
            if not said.isdisjoint(words.blank_words) and not said.isdisjoint(words.absent_values - words.false_words):
                return True
    return False


def _column_rule(header_words: set[str], data: list[list], index: int, words: Words):
    """How a column left out of the table says who is no attendee: (the values it may hold, those that exclude a
    row, why, whether it is only a signature column), "status" for a ticketing tool's status, or None."""
    # "Signature": its "absent" lines did not come; "Signed: FALSE" may be a line left unsigned by someone there
    signature_only = header_words.isdisjoint(words.presence_header_words) and not header_words.isdisjoint(
        words.signature_header_words)
    if not header_words.isdisjoint(words.presence_header_words) or signature_only or _presence_status(
            header_words, data, index, words):
        excluded = words.absent_values - words.false_words if signature_only else words.absent_values
        return words.present_values | words.absent_values, excluded, "registered but did not attend ({} = {})", \
            signature_only
    if not header_words.isdisjoint(words.role_header_words):
        return (words.attendee_roles | words.not_attendee_roles, words.not_attendee_roles,
                "not an attendee: organiser, host or speaker ({} = {})", False)
    return "status" if not header_words.isdisjoint(words.status_header_words) else None


def _unmarked_lines_absent(header_words: set[str], marks: set[str], signature_only: bool, words: Words) -> bool:
    """Whether the lines a presence column leaves empty are registered no-shows: every mark a presence (boxes
    ticked for those who came), or a sign-in column where lines say signed — and, for a column headed only
    "Signature", others say "absent" or "excusé" (a list whose blank lines may be people who came and did not sign:
    "Signed: TRUE / FALSE", or "signé" and blanks). A column where no line says signed tells nothing of them."""
    signed = not header_words.isdisjoint(words.signature_header_words) and not words.present_values.isdisjoint(marks)
    if signature_only:
        return signed and not marks.isdisjoint(words.absent_values - words.false_words)
    return signed or marks <= words.present_values


def _unidentified(rec: Recognition, data: list[list], words: Words, out: dict[int, str]) -> None:
    """Rows whose attendee is a connection nobody is named for ("Call-in User_1", "Guest 3"), each with why: every
    cell of the attendee's columns empty or such a name (a form's "anonymous" beside a typed name is someone)."""
    columns = [m.index for m in rec.columns if m.column == "attendee"]
    unnamed = {v for j in columns for v in {row[j] for row in data if j < len(row)}  # distinct cells, looked at once
               if isinstance(v, str) and " ".join(_DIGITS.sub(" ", fold(v)).split()) in words.unidentified_attendees}
    if not unnamed:
        return
    for i, row in enumerate(data):
        if i in out:
            continue
        cells = [row[j] for j in columns if j < len(row) and isinstance(row[j], str) and row[j].strip()]
        if cells and all(c in unnamed for c in cells):
            out[i] = f"not a person: a connection nobody is named for ({' '.join(cells[0].split())})"


def _presence_status(header_words: set[str], data: list[list], index: int, words: Words) -> bool:
    """A sign-in tool's "Statut" column every value of which is a presence ("Présent", "Absent", "Excusé",
    "Retard"): a presence column."""
    if header_words.isdisjoint(words.status_header_words):
        return False
    values = _filled(data, index)
    return bool(values) and all(presence_mark(v, words) is not None for v in values.values())


def _is_count(value) -> bool:
    """Whether a cell is a whole number (a count of the ticks above it, not a mark of its own)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer() or (
        isinstance(value, str) and value.strip().isdigit())


def _filled(data: list[list], index: int) -> dict[int, object]:
    """Offset -> cell of the filled cells of column ``index``."""
    return {i: row[index] for i, row in enumerate(data)
            if index < len(row) and row[index] is not None and str(row[index]).strip()}


def _events_of(rec: Recognition, data: list[list]) -> dict[int, str]:
    """Offset -> the event of each row that names one (its reference, folded)."""
    column = next((m.index for m in rec.columns if m.column == "event_id"), None)
    return {} if column is None else {i: fold(str(row[column])) for i, row in enumerate(data)
                                      if column < len(row) and row[column] is not None and str(row[column]).strip()}


def _not_checked_in_status(header: str, values: dict, words: Words, out: dict[int, str],
                           events: dict[int, str]) -> None:
    """A status column some of whose values say checked in ("Attendee Status: Checked In"), or say present while
    every other says registered, cancelled or absent ("Statut inscription": Présent, Présent (distanciel), Inscrit,
    Annulé, Absent excusé): the other rows registered and did not come (added to ``out``). At an event none of whose
    tickets was checked in (``events``: each row's; a webinar), a ticket held ("Attending") is a place taken."""
    folded = {i: fold(str(v)) for i, v in values.items()}
    checked = {events.get(i) for i, v in folded.items() if v in words.checked_in_values}
    if not checked and not words.ticket_held_values.isdisjoint(folded.values()):
        came = {i for i, v in folded.items() if v in words.ticket_held_values}
    elif not checked:
        came = {i for i, v in folded.items() if fold(_NOTE.sub("", str(values[i]))) in words.present_values}
        not_came = words.absent_values | words.cancelled_values | words.registration_words
        if not came or any(set(v.split()).isdisjoint(not_came) for i, v in folded.items() if i not in came):
            return
    else:
        came = {i for i, v in folded.items() if v in words.checked_in_values or (
            v in words.ticket_held_values and i in events and events[i] not in checked)}
    name = " ".join(header.split())
    out.update({i: f"registered but not checked in ({name} = {' '.join(str(values[i]).split())})"
                for i in folded if i not in came and i not in out})


def _waiting(header: str, values: dict, words: Words) -> dict[int, str]:
    """Offset -> why of the rows a registration status puts on a waiting list ("Liste d'attente")."""
    name = " ".join(header.split())
    return {i: f"registered on the waiting list, not marked present ({name} = {' '.join(str(v).split())})"
            for i, v in values.items() if fold(str(v)) in words.waiting_list_values}


def _not_checked_in(header: list, data: list[list], index: int, values: dict, out: dict[int, str]) -> None:
    """Only the time each person was checked in says who came: a row without one is a registered no-show."""
    name = " ".join(str(header[index]).split())
    for i, row in enumerate(data):
        if i not in values and i not in out and any(c is not None and str(c).strip() for c in row):
            out[i] = f"registered but did not attend (no {name})"


_TIME = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?:[ T]\d{1,2}[:h]\d{2}(?::\d{2})?)?")


def _is_time(value) -> bool:
    """Whether a cell is a date or a time stamp (a scan's, a check-in's)."""
    return isinstance(value, (dt.date, dt.datetime)) or (isinstance(value, str) and bool(_TIME.fullmatch(value.strip())))


def registration_question(sheet: RawSheet, rec: Recognition, words: Words) -> str | None:
    """The header of an attendance sheet's event column when it asks which events to register for ("À quelle(s)
    action(s) souhaitez-vous vous inscrire ?", a registration form's question) and no column says who came: such a
    sheet lists who signed up, not who came. None otherwise."""
    if rec.table not in TABLES_OF_ATTENDEES or rec.header_index >= len(sheet.rows):
        return None
    header = sheet.rows[rec.header_index]
    if any(isinstance(c, str) and not set(fold(c).split()).isdisjoint(words.presence_header_words) for c in header):
        return None
    return next((" ".join(m.header.split()) for m in rec.columns if m.column == "event_id"
                 and m.header.rstrip().endswith("?") and not set(fold(m.header).split()).isdisjoint(
                     words.registration_words)), None)


def satisfaction_survey(sheet: RawSheet, rec: Recognition, words: Words) -> bool:
    """Whether an attendance sheet is a satisfaction survey's answers, by its file or sheet name ("Questionnaire
    satisfaction animations (réponses).csv"): its respondents are not the list of who came. A form that is both a
    sign-in and a survey ("Émargement et satisfaction") is a list of who came."""
    return rec.table in TABLES_OF_ATTENDEES and named_as_survey(sheet, words)


def named_as_survey(sheet: RawSheet, words: Words) -> bool:
    """Whether the file or sheet name says a satisfaction survey's answers, and not a sign-in."""
    named = set(fold(f"{Path(sheet.file).stem} {sheet.sheet or ''}").replace("_", " ").replace("-", " ").split())
    signs = words.presence_header_words | words.signature_header_words  # "Émargement et satisfaction": a sign-in
    return not named.isdisjoint(words.satisfaction_survey_words) and named.isdisjoint(signs)
