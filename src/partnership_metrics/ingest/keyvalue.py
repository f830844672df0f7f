"""Sheets kept as a log of attributes — "Event ref | Attribute | Value", one row per thing and attribute — turned
into one row per thing, then read like any other table.

A sheet is read this way when nothing else recognised it, or first when a header names an attribute and a value
column ("Projet | Attribut | Valeur | Date de saisie": :func:`says_key_value`), when its header holds three cells
(the thing's id, the attribute, the value, in this order) or these three beside one or two of the log's own (a "Date
de modification", a "Modifié par", whose values are not kept) and when the attributes, taken as headers, make a table
recognition knows with all its required columns (the things read as its ids when only those lack). An attribute
entered twice takes its latest value: by the log's own column of dates when it has one ("Date de saisie": the latest
entry wins, in whatever order the rows were sorted), else the lower row. The first row of each thing is where its
record comes from (``source_row``); its other rows are listed as read with it, so that every raw row is still
accounted for; a section line ("——— Appel à projets 2018 ———") is dropped as such.

A register kept one block per project is such a log too: the project's reference beside its title ("CPP-V18-01 |
Anticorps bispécifiques …", the title merged over the value), then one "Label : | value" line per field, a label
continued on the lines below it ("Jalons : | détection | 09/02/2022", then " | | entrée en maturation | …", a date
column filled on those lines only giving each line's date); milestones so listed are read by
:mod:`.listed_milestones`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from itertools import combinations

from ..errors import ParseError
from ..schemas import TABLES
from ..textnorm import fold
from .listed_milestones import completed_by_listed_milestones
from .normalising import Context, Dropped, SheetResult, normalise_sheet
from .person_columns import names_a_person
from .reading import RawSheet, is_blank
from .recognition import HEADER_SCAN_ROWS, Recogniser, Recognition
from .record_kinds import OTHER_KIND, kind_part
from .unread_sheets import unused_sheet

MIN_ATTRIBUTES = 3  # fewer distinct attributes is a plain three-column table, not a log of attributes
MAX_COLUMNS = 5  # a log of attributes is narrow: wider sheets are not tried (it keeps the check cheap)
THING_HEADER = "Référence"  # how a log's column of things is read when its own header names no id ("Projet")
THING_NAME = "Intitulé"  # how the line naming a card's thing is read ("CPP-V22-01 | Modulateur du …", then its labels)
ENTRY_DATE_SHARE = 0.9  # of a log's own column's filled cells that must be dates for it to date its entries
ENTRY_ROWS_SHARE = 0.5  # of the log's rows its column of entry dates fills (fewer: the dates of a few values)
SHORT_HEADER_WORDS = 3  # a header of a log names its attribute column in a few words ("nom_champ", "Field name")
MAX_KINDS = 8  # kinds of things in one log ("projet", "financement", "startup"): more is a column of values


@dataclass
class KeyValue:
    header_index: int
    pivoted: RawSheet  # a header (the id's, then the attributes in order of appearance), one row per thing
    origins: list[tuple[int, str | None]]  # raw row number of each thing's first row
    dropped: list[Dropped]  # the things' other rows and the blank rows, each with why
    rec: Recognition



def _header_rows(sheet: RawSheet, fewest: int):
    """(index, filled columns) of each of the first rows of a narrow sheet that may head a log: ``fewest`` to five
    texts."""
    if not sheet.rows or max(len(r) for r in sheet.rows) > MAX_COLUMNS + 8:
        return
    for index, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        filled = [i for i, c in enumerate(row) if not is_blank(c)]
        if fewest <= len(filled) <= MAX_COLUMNS and all(isinstance(row[i], str) for i in filled):
            yield index, filled


def find_key_value(sheet: RawSheet, recogniser: Recogniser) -> KeyValue | None:
    """The sheet as one row per thing when it is a log of attributes of a known table; None otherwise."""
    for index, filled in _header_rows(sheet, 3):
        for found in filter(None, (_pivot(sheet, index, *three, *_dates(sheet, index, filled, three, recogniser))
                                   for three in combinations(filled, 3))):
            rec = _thing_as_key(recogniser.recognise(found.pivoted), found, recogniser)
            if rec is not None and rec.missing_required and rec.header_index == 0 and (
                    listed := completed_by_listed_milestones(found.pivoted, rec, recogniser)) is not None:
                found.pivoted, rec = listed[0], listed[1]  # "Jalons :": "Détection T1 2018 ; Maturation 01/10/2018"
            if rec is not None and rec.header_index == 0 and not rec.missing_required and rec.grid is None:
                found.rec = rec
                return found
    return None


def find_key_value_kinds(sheet: RawSheet, recogniser: Recogniser) -> list[tuple[RawSheet, KeyValue | None]] | None:
    """A log of attributes of things of several kinds ("type_entite | id | nom_champ | valeur": projects, funding
    lines and start-ups in one export): one part per kind, named after it, the other kinds' rows marked, each with
    its log when its attributes make a table recognition knows (None otherwise); None when no column of the log
    tells kinds apart (each thing of one kind), or no kind is a known table."""
    for index, filled in _header_rows(sheet, 4):
        row = sheet.rows[index]
        for column in filled:
            if (kinds := _kinds(sheet, index, column)) is None:
                continue
            parts = [kind_part(sheet, index, rows, str(row[column]).strip(), kind) for kind, rows in kinds.items()]
            logs = [(part, find_key_value(part, recogniser)) for part in parts]
            things = [{str(r[0]) for r in log.pivoted.rows[1:]} for _, log in logs if log is not None]
            if things and sum(map(len, things)) == len(set().union(*things)):  # each thing of one kind only
                return logs
    return None


def _kinds(sheet: RawSheet, header_index: int, column: int) -> dict[str, list[int]] | None:
    """The rows of each kind a column of few words gives ({"projet": [rows], …}), each kind written on at least
    :data:`MIN_ATTRIBUTES` rows; None when the column is not such."""
    kinds: dict[str, list[int]] = {}
    for i in range(header_index + 1, len(sheet.rows)):
        cell = sheet.rows[i][column] if column < len(sheet.rows[i]) else None
        if not is_blank(cell):
            if not isinstance(cell, str) or any(c.isdigit() or c == "@" for c in cell) or names_a_person(cell):
                return None  # a kind is a word ("projet"): no date, number or person (a log's "Saisi par")
            kinds.setdefault(" ".join(cell.split()), []).append(i)
            if len(kinds) > MAX_KINDS:
                return None
    if len(kinds) < 2 or any(len(rows) < MIN_ATTRIBUTES for rows in kinds.values()):
        return None
    return kinds


def _thing_as_key(rec: Recognition | None, found: KeyValue, recogniser: Recogniser) -> Recognition | None:
    """``rec`` with the log's things ("Projet": "CPP-AAP2018-01") read as the table's ids when only the ids lack:
    each thing is one record, whatever its header calls it (here its column is read as a reference would be)."""
    if rec is None or len(TABLES[rec.table].key) != 1 or rec.missing_required != [TABLES[rec.table].key[0]]:
        return rec
    header = found.pivoted.rows[0]
    keyed = replace(found.pivoted, rows=[[THING_HEADER, *header[1:]], *found.pivoted.rows[1:]])
    again = recogniser.recognise(keyed)
    if again is None or again.table != rec.table or again.missing_required or again.header_index != 0:
        return rec
    return replace(again, columns=[replace(m, header=str(header[0])) if m.index == 0 else m for m in again.columns])


def _dates(sheet: RawSheet, header_index: int, filled: list[int], three: tuple, recogniser) -> tuple[list | None, int | None]:
    """(the day each row was entered, from the log's own column of dates filled on most rows ("Date de saisie"), or
    None; a column of dates filled on a few rows only, each the date of its row's value ("Jalons : | détection |
    09/02/2022"), or None)."""
    rows = sheet.rows[header_index + 1:]
    written = sum(1 for r in rows if any(not is_blank(c) for c in r))
    beside = None
    for j in (j for j in filled if j not in three):
        cells = [r[j] if j < len(r) else None for r in rows]
        days = [_day(c, recogniser.parsers) for c in cells]
        dated = sum(d is not None for d in days)
        if dated >= ENTRY_DATE_SHARE * sum(not is_blank(c) for c in cells) > 0:
            if dated >= ENTRY_ROWS_SHARE * written:
                return days, None
            beside = j if beside is None else beside
    return None, beside


def _day(cell, parsers):
    try:
        return parsers.parse_date(cell)
    except ParseError:
        return None


def _pivot(sheet: RawSheet, header_index: int, id_col: int, attr_col: int, value_col: int,
           entered: list | None = None, dates: int | None = None) -> KeyValue | None:
    """``entered``: the day each row was entered; an attribute entered twice takes its latest value. ``dates``: a
    column whose date belongs to its row's value ("détection | 09/02/2022"). A row with neither thing nor attribute
    continues the attribute above ("Jalons : | détection | 09/02/2022" then " | | entrée en maturation | …")."""
    cell = lambda row, i: row[i] if i < len(row) else None  # noqa: E731
    things: dict[str, dict] = {}
    when: dict[tuple[str, str], object] = {}
    firsts: dict[str, int] = {}
    attributes: dict[str, None] = {}
    dropped: list[Dropped] = []
    current = last = None
    values: dict = {}
    first = sheet.first_row + header_index + 1
    for offset, row in enumerate(sheet.rows[header_index + 1:]):
        number = first + offset
        if row and row[0] is OTHER_KIND:
            dropped.append(Dropped(sheet.file, sheet.sheet, number, "a row of another kind (read with its kind's rows)"))
            continue
        thing, attribute = cell(row, id_col), cell(row, attr_col)
        if all(is_blank(c) for c in row):
            dropped.append(Dropped(sheet.file, sheet.sheet, number, "blank row"))
            continue
        if sum(not is_blank(c) for c in row) == 1 and is_blank(attribute) and isinstance(thing, str) and " " in thing:
            dropped.append(Dropped(sheet.file, sheet.sheet, number, "section row (a heading without values)"))
            continue  # "——— Appel à projets 2018 ———"
        value = _dated(cell(row, value_col), cell(row, dates) if dates is not None else None)
        if is_blank(thing) and is_blank(attribute) and not is_blank(value) and last is not None:
            values[last] = value if is_blank(values.get(last)) else f"{values[last]} ; {value}"
            dropped.append(Dropped(sheet.file, sheet.sheet, number, f"attribute {last!r} of {current}, continued"))
            continue
        if not is_blank(thing):
            current = " ".join(str(thing).split())
            if (is_blank(value) or value == attribute) and isinstance(attribute, str) and not attribute.rstrip(
                    ).endswith(":"):  # "CPP-V18-01 | Anticorps …" (merged over the value): the thing's name
                value, attribute = attribute, THING_NAME
        if current is None or is_blank(attribute) or not isinstance(attribute, str):
            return None  # not a log of attributes: a row without its thing or its attribute
        attribute = last = " ".join(attribute.split()).rstrip(" :")  # a card's label: "Porteur :"
        attributes.setdefault(attribute, None)
        values = things.setdefault(current, {})
        if current not in firsts:
            firsts[current] = number
        else:
            dropped.append(Dropped(sheet.file, sheet.sheet, number,
                                   f"attribute {attribute!r} of {current}, read with row {firsts[current]}"))
        day = entered[offset] if entered is not None else None
        if day is None or when.get((current, attribute)) is None or day >= when[(current, attribute)]:
            values[attribute] = value  # the latest entry wins; rows in order when undated
            when[(current, attribute)] = day
    if len(attributes) < MIN_ATTRIBUTES or len(things) < 2:
        return None
    header = [sheet.rows[header_index][id_col], *attributes]
    rows = [header] + [[thing] + [values.get(a) for a in attributes] for thing, values in things.items()]
    pivoted = replace(sheet, rows=rows, first_row=1, merged_ranges=[])
    return KeyValue(header_index, pivoted, [(firsts[t], None) for t in things], dropped, None)


def _dated(value, date):
    """A value and the date beside it as one text ("détection 2022-02-09"), as a card lists its milestones."""
    if is_blank(date):
        return value
    day = date.date() if isinstance(date, dt.datetime) else date
    text = day.isoformat() if isinstance(day, dt.date) else str(date).strip()
    return text if is_blank(value) else f"{str(value).strip()} {text}"


def normalise_key_value(sheet: RawSheet, found: KeyValue, ctx: Context) -> SheetResult:
    """Records, quarantine and dropped rows of a log of attributes, every raw row below its header accounted for."""
    result = normalise_sheet(found.pivoted, found.rec, ctx, origins=found.origins)
    result.header_row = sheet.first_row + found.header_index
    result.rows_read = len(sheet.rows) - found.header_index - 1
    result.dropped.extend(found.dropped)
    result.note = (f"log of attributes ({', '.join(map(repr, found.pivoted.rows[0][1:]))}): one {found.rec.table} "
                   "row per thing")
    return result


def key_value_kind_results(sheet: RawSheet, recogniser: Recogniser, ctx: Context) -> list[SheetResult] | None:
    """The results of a log of attributes of several kinds of things, one per kind; a kind whose attributes make no
    known table is listed as such, its rows not read. None when ``sheet`` is no such log."""
    if not says_key_value(sheet, ctx.words) or (logs := find_key_value_kinds(sheet, recogniser)) is None:
        return None
    return [normalise_key_value(part, log, ctx) if log is not None else unused_sheet(
        part, "holds no known table: a log of attributes whose records of this kind make no table read here",
        "records of a kind no table holds") for part, log in logs]


def says_key_value(sheet: RawSheet, words) -> bool:
    """Whether a header of ``sheet``'s first rows names an attribute and a value column ("Attribut | Valeur"): a
    log of attributes, read so before its rows could be taken for a header (a row of dates)."""
    for row in sheet.rows[:HEADER_SCAN_ROWS]:
        said = {fold(part) for c in row if isinstance(c, str) for part in c.split("/")}  # "Intitulé / rubrique"
        said |= {word for text in said if len(text.split()) <= SHORT_HEADER_WORDS for word in text.split()}  # "nom_champ"
        if said & words.attribute_header_words and said & words.value_header_words:
            return True
    return False
