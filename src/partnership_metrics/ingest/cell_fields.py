"""Fields written inside one cell, as a calendar's export keeps what its events are: a "Description" holding "Event
type: Workshop | Organiser: Inserm Transfert | Ref: EVT-2022-02 | Attendees: 22", or one field per line ("Réf.
EVT-2019-01⏎Participants : 31"). Each label becomes a column of its own (its header the label as first written),
and what is left of the cell (a sentence with no label) stays under the cell's header.

A column is read so when most of its written cells list at least :data:`MIN_FIELDS` labelled parts and some label
comes back on most of them (a template filled in, not free text that happens to hold a colon). The sheet is read
so only when it is then recognised with fewer required columns missing than before (or as many, with more confidence:
a calendar's rows can look like a sign-in list until its descriptions are read).

A column the table left out whose cells each write one field under the same label, the label of a column the sheet
does not read ("Card Description": "Lieu : Nice – Campus Pasteur" on every card of an archived board), is read as
that column (:func:`with_labelled_column`), once the sheet is recognised.

Staff write the same fields in several ways in one column, row by row: "Présents : 25", "21 participants" (a count
before its noun), "Satisfaction 4,4/5" (a label before its number), "organisé par CPP" (who, after a participle),
sentences ("EV-2019-03 – organisé par CPP. Nombre de participants : 10."). Labels the recogniser reads as the same
column of a table, and never written together in one cell, are one column ("Présents", "participants" and "Nombre de
participants" all say the attendance).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..schemas import RAW_TABLES, TABLES
from ..textnorm import fold
from .codes_in_text import with_codes_in_text
from .linking import with_row_columns
from .reading import RawSheet, is_blank
from .recognised import EXACT
from .recognition import Recogniser, Recognition, header_cells

MIN_FIELDS = 2  # labelled parts a cell lists
LISTING_SHARE = 0.6  # of the column's written cells that list fields
LABEL_SHARE = 0.5  # of the listing cells a label comes back on
COLUMN_SHARE = 0.3  # of them (two at least) a label is written on to be a column (a rarer one stays in the text:
# "Sensibilisation organisation : Inserm Transfert." is a sentence that happens to hold a colon)
NAMED_SHARE = 0.2  # the same for a label some table reads as written ("Type"): rows written in three ways each write
# a label on a third of them or fewer
DATES_SHARE = 0.8  # of the listed values that, all dates, make a list of milestones rather than of fields
SAMPLE = 200  # cells looked at per column
FIT = 0.5  # of a label's values that read as the column it is merged into
MAX_HEADER_ROW = 15
ONE_LABEL_SHARE = 0.8  # of a left-out column's written cells whose first field has its one label
# between the fields of a cell; " / " only before a label ("Type: Awareness / Organiser: CPP/IT / Attendees: 34")
_PARTS = re.compile(r"\s*(?:\n|\s\|\s|\s;\s|;\s*\n|\s/\s(?=[^\W\d][^:/\n]{0,40}:))\s*")
# a sentence's end, unless the word before the dot is an abbreviation ("Réf. EV-…", "Nb. de…", "M. Martin")
_SENTENCE_END = re.compile(r"(?<=\S)\.\s+(?=[A-ZÀ-Ý])")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-ZÀ-Ý][a-zà-ÿ]{0,3}|[a-zà-ÿ]{1,3})$")
_LEADING_CODE = re.compile(r"^(?P<code>[^\W\d][\w./-]*\d[\w./-]*)\s+[–—-]\s+(?P<rest>\S.*)$", re.DOTALL)
_CODE = re.compile(r"[^\W\d][\w./-]*\d[\w./-]*")
_WORDS = r"[^\W\d][\w'’-]*(?:\s[^\W\d][\w'’-]*){0,3}"
# "Organiser: Inserm Transfert", "Participants : 31"; "Réf. EVT-2019-01" (an abbreviated label, its dot);
# "21 participants"; "Satisfaction 4,4/5"; "organisé par CPP", "organised by Inserm Transfert"
_FIELD = re.compile(r"^(?P<label>[^\W\d][^:\n]{0,40}?)\s*:\s*(?P<value>\S.*)$|"
                    r"^(?P<short>[^\W\d]{2,5}\.)\s+(?P<code>\S*\d\S*)$|"
                    rf"^(?P<count>\d[\d\s\u202f.,]*?)\s+(?P<noun>{_WORDS})$|"
                    rf"^(?P<named>{_WORDS}?)\s+(?P<number>\d[\d,.]*(?:\s*/\s*\d+)?)$|"
                    r"^(?P<by>[^\W\d][\w'’-]*\s(?:par|by))\s+(?P<who>\S.*)$", re.DOTALL)


def with_cell_fields(sheet: RawSheet, recogniser: Recogniser, rec: Recognition | None
                     ) -> tuple[RawSheet, Recognition] | None:
    """``sheet`` with the fields its cells list as columns of their own and its recognition, when that reads it with
    fewer required columns missing than ``rec`` (or as many, with more confidence); None otherwise."""
    for index in range(min(MAX_HEADER_ROW, len(sheet.rows))):
        columns = [j for j, _ in header_cells(sheet.rows[index])
                   if _lists_fields(sheet.rows, index, j, recogniser.parsers)]
        if not columns:
            continue
        widened = _widened(sheet, index, columns, recogniser)
        found = recogniser.recognise(widened)
        if found is not None:
            widened, found = with_codes_in_text(widened, found, recogniser.codebook, columns, constant=True)
        if found is not None and (rec is None or len(found.missing_required) < len(rec.missing_required) or (
                len(found.missing_required) == len(rec.missing_required) and found.confidence > rec.confidence)):
            return widened, found
    return None


def with_labelled_column(sheet: RawSheet, recogniser: Recogniser, rec: Recognition) -> tuple[RawSheet, Recognition]:
    """``sheet`` and ``rec`` with each left-out column whose written cells open with one field under one label
    (:data:`ONE_LABEL_SHARE` of them) read as the column of the table that label names, when the sheet reads no
    column of it and the values read as it (see the module's docstring); unchanged otherwise."""
    if rec.header_index >= len(sheet.rows):
        return sheet, rec
    mapped, read = rec.mapped_indexes, {m.column for m in rec.columns}
    data = sheet.rows[rec.header_index + 1:]
    added: dict[str, list] = {}
    for j, _ in header_cells(sheet.rows[rec.header_index]):
        if j in mapped:
            continue
        cells = [r[j] for r in data[:SAMPLE] if j < len(r) and not is_blank(r[j])]
        firsts = [fields[0] for c in cells if (fields := _fields(c)[0])]
        labels = Counter(fold(label) for label, _ in firsts)
        if not cells or not labels or (top := labels.most_common(1)[0])[1] < ONE_LABEL_SHARE * len(cells):
            continue
        found = recogniser.cell_candidates(rec.table, top[0])
        column = found[0][0] if found and found[0][1] >= EXACT else None
        values = [value for label, value in firsts if fold(label) == top[0]]
        if column is None or column in read or column in added or _fit(recogniser, rec.table, column, values) < FIT:
            continue
        added[column] = [next((v for label, v in _fields(r[j])[0] if fold(label) == top[0]), None)
                         if j < len(r) else None for r in data]
    return with_row_columns(sheet, rec, added) if added else (sheet, rec)


def _fields(cell, kept: set[str] | None = None) -> tuple[list[tuple[str, str]], list[str]]:
    """(label, value) of each labelled part of a cell (of a label of ``kept`` when given), and its other parts."""
    if not isinstance(cell, str):
        return [], []
    fields, rest = [], []
    for part in _parts(cell):
        found = _FIELD.match(part)
        if found is None:
            rest.append(part)
            continue
        label, value = next((found[a], found[b]) for a, b in _LABEL_VALUE if found[a])
        label = " ".join(label.rstrip(".").split())
        if kept is None or fold(label) in kept:
            fields.append((label, value.strip()))
        else:
            rest.append(part)
    return fields, rest


_LABEL_VALUE = (("label", "value"), ("short", "code"), ("noun", "count"), ("named", "number"), ("by", "who"))


def _parts(cell: str) -> list[str]:
    """The parts of a cell: its lines or "|"-separated fields, each cut into its sentences, a leading code apart."""
    parts = []
    for part in _PARTS.split(cell.strip()):
        start = 0
        for end in _SENTENCE_END.finditer(part):
            if not _ABBREVIATION.search(part, start, end.start()):
                parts.append(part[start:end.start()])
                start = end.end()
        parts.append(part[start:])
    cut = []
    for part in (p.strip().rstrip(".").strip() for p in parts):
        if (lead := _LEADING_CODE.match(part)) is not None:
            cut.extend((lead["code"], lead["rest"]))
        elif part:
            cut.append(part)
    return cut


def _lists_fields(rows: list[list], index: int, column: int, parsers) -> bool:
    """Whether a column's cells list fields: most of them, labels that come back, values that are not all dates
    (milestones listed in a cell, "Détection : 16/04/2018 ⏎ DI : 07/2018", are read by listed_milestones.py)."""
    cells = [r[column] for r in rows[index + 1:index + 1 + SAMPLE] if column < len(r) and not is_blank(r[column])]
    fields = [found for c in cells if len(found := _fields(c)[0]) >= MIN_FIELDS]
    listing = [[fold(label) for label, _ in found] for found in fields]
    if not cells or len(listing) < LISTING_SHARE * len(cells):
        return False
    values = [value for found in fields for _, value in found]
    if sum(parsers.is_date(v) for v in values) >= DATES_SHARE * len(values):
        return False
    counts = Counter(label for labels in listing for label in set(labels))
    return counts.most_common(1)[0][1] >= LABEL_SHARE * len(listing)


def _widened(sheet: RawSheet, index: int, columns: list[int], recogniser: Recogniser) -> RawSheet:
    """The sheet with one column per label of ``columns``' cells after its own, the labelled parts taken out."""
    width = max(len(r) for r in sheet.rows)
    rows = [[*r, *[None] * (width - len(r))] for r in sheet.rows]
    listed = [_fields(row[j])[0] for row in rows[index + 1:] for j in columns]
    cells = [[fold(label) for label, _ in fields] for fields in listed]
    values: dict[str, list[str]] = {}
    for fields in listed:
        for label, value in fields:
            values.setdefault(fold(label), []).append(value)
    column_of, named = _same_columns(cells, values, recogniser)
    counts = Counter(column_of[label] for labels in cells for label in labels)
    listing = sum(1 for labels in cells if len(labels) >= MIN_FIELDS)
    kept = {label for label, key in column_of.items()
            if counts[key] >= max((NAMED_SHARE if key in named else COLUMN_SHARE) * listing, 2)}
    labels: dict[str, str] = {}  # column key -> the label most written
    written = Counter()
    found: list[dict[str, str]] = []
    code_key = _code_column(rows[index + 1:], columns, kept, column_of)
    for row in rows[index + 1:]:
        values = {}
        for j in columns:
            fields, rest = _fields(row[j], kept)
            for label, value in fields:
                written[label] += 1
                values.setdefault(column_of[fold(label)], value)
            if code_key is not None and code_key not in values and (
                    code := next((p for p in rest if _CODE.fullmatch(p)), None)):
                values[code_key] = code  # "EV-2019-03 – organisé par …": the reference other rows label "Réf."
                rest.remove(code)
            if fields:
                row[j] = "\n".join(rest) or None
        found.append(values)
    for label, _ in written.most_common():
        labels.setdefault(column_of[fold(label)], label)
    keys = list(labels)
    for row in rows[:index]:
        row.extend([None] * len(keys))
    rows[index].extend(labels[k] for k in keys)
    for row, values in zip(rows[index + 1:], found, strict=True):
        row.extend(values.get(k) for k in keys)
    return replace(sheet, rows=rows)


def _code_column(rows: list[list], columns: list[int], kept: set[str], column_of: dict[str, str]) -> str | None:
    """The column key whose values are all codes ("Réf. : EV-2019-01"), when some cell has no such label but a code
    alone among its parts."""
    values: dict[str, list[str]] = {}
    lone = False
    for row in rows:
        for j in columns:
            fields, rest = _fields(row[j], kept)
            for label, value in fields:
                values.setdefault(column_of[fold(label)], []).append(value)
            lone = lone or (bool(fields) and any(_CODE.fullmatch(p) for p in rest))
    coded = [key for key, vs in values.items() if len(vs) >= 2 and all(_CODE.fullmatch(v) for v in vs)]
    return coded[0] if lone and len(coded) == 1 else None


def _fit(recogniser: Recogniser, table: str, column: str, values: list[str]) -> float:
    """The share of ``values`` that read as ``table.column`` (a number, for a column of numbers the recogniser does
    not check: a satisfaction score)."""
    if TABLES[table].column(column).kind == "float":
        return sum(any(c.isdigit() for c in v) for v in values) / len(values) if values else 1.0
    return recogniser.fit(table, column, values)


def _same_columns(cells: list[list[str]], values: dict[str, list[str]], recogniser: Recogniser
                  ) -> tuple[dict[str, str], set[str]]:
    """Each folded label's column key: the most written label that some table reads as the same column, whose values
    read as that column's, and that is never written in one cell with it, else its own ("Satisfaction : questionnaire
    non envoyé" is no score); and the keys of which some label is read as written."""
    counts = Counter(label for labels in cells for label in labels)
    together = {(a, b) for labels in cells for a in labels for b in labels if a != b}
    candidates = {label: [(t, found[0]) for t in RAW_TABLES if (found := recogniser.cell_candidates(t, label))]
                  for label in counts}
    reads = {label: {(t, column) for t, (column, _) in found
                     if _fit(recogniser, t, column, values[label]) >= FIT} for label, found in candidates.items()}
    column_of: dict[str, str] = {}
    heads: list[str] = []
    for label, _ in counts.most_common():
        head = next((h for h in heads if reads[label] & reads[h] and not any(
            (label, other) in together for other, key in column_of.items() if key == h)), None)
        if head is None:
            heads.append(label)
        column_of[label] = head or label
    named = {column_of[label] for label, found in candidates.items() if any(score > EXACT for _, (_, score) in found)}
    return column_of, named
