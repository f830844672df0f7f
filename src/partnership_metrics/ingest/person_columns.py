"""An attendance list whose attendee has an e-mail column but no name that a header names: a SharePoint list keeps
the person's name in its default "Titre" (Title) column. The one free column whose sampled values are people's names
(two to four words, a known first name among them, no digit, no "@") is read as the attendee's name when the rows'
e-mail addresses agree with its names (a column of titles naming people, "Chaire Marie Curie", is not); none when
two columns could be (a "Créé par" of people beside it decides nothing: which one is the attendee is not guessed)."""

from __future__ import annotations

from dataclasses import replace

from ..privacy import is_first_name
from ..schemas import TABLES
from ..textnorm import fold
from .normalising import person_part
from .reading import RawSheet
from .recognition import ColumnMatch, Recognition, header_cells

SAMPLE = 200  # data rows looked at
MIN_VALUES = 5
MIN_SHARE = 0.8  # of a column's sampled values that must name a person


def with_name_by_values(sheet: RawSheet, rec: Recognition, words) -> Recognition | None:
    """``rec`` with the column of the attendees' names found by its values; None when it needs none or none is
    found (or two could be)."""
    persons = [m for m in rec.columns if TABLES[rec.table].column(m.column).kind == "person"]
    if rec.table != "event_attendance" or not persons or rec.header_index >= len(sheet.rows):
        return None
    if any(person_part(m.header, words) != "email" for m in persons):
        return None  # a name column is read already
    below = sheet.rows[rec.header_index + 1 : rec.header_index + 1 + SAMPLE]
    found = []
    for index, text in header_cells(sheet.rows[rec.header_index]):
        if index in rec.mapped_indexes:
            continue
        values = [r[index] for r in below if index < len(r) and isinstance(r[index], str) and r[index].strip()]
        if len(values) >= MIN_VALUES and sum(map(names_a_person, values)) >= MIN_SHARE * len(values):
            found.append(ColumnMatch(index, text, persons[0].column))
    if len(found) != 1 or not _agrees_with_emails(below, found[0].index, [m.index for m in persons]):
        return None  # two columns of names; or titles naming people ("Chaire Marie Curie"), no row's e-mail's
    return replace(rec, columns=sorted([*rec.columns, *found], key=lambda m: m.index),
                   unknown=[u for u in rec.unknown if u != found[0].header])


def _agrees_with_emails(rows: list[list], index: int, emails: list[int]) -> bool:
    """Whether the names of column ``index`` are those of the e-mail addresses of their rows (``emails``' columns):
    on half of the rows with both at least, a word of the name (three letters or more) is in the address before its
    "@" ("MOREAU Lucie": "lucie.moreau@", "lmoreau@")."""
    pairs = [(r[index], address) for r in rows if index < len(r) and isinstance(r[index], str)
             and (address := next((r[j] for j in emails if j < len(r) and isinstance(r[j], str) and "@" in r[j]),
                                  None))]
    agreeing = sum(any(len(w) >= 3 and w in fold(address.split("@")[0]).replace(" ", "") for w in fold(name).split())
                   for name, address in pairs)
    return bool(pairs) and agreeing * 2 >= len(pairs)


def names_a_person(value: str) -> bool:
    words = value.replace(",", " ").split()
    return (2 <= len(words) <= 4 and not any(c.isdigit() or c == "@" for c in value)
            and any(is_first_name(w) for w in words))
