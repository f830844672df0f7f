"""Fields written inside one cell, as a calendar's export keeps what its events are: a "Description" holding "Event
type: Workshop | Organiser: Inserm Transfert | Ref: EVT-2022-02 | Attendees: 22", or one field per line ("Réf.
EVT-2019-01⏎Participants : 31"). Each label becomes a column of its own (its header the label as first written),
and what is left of the cell (a sentence with no label) stays under the cell's header.

A column is read so when most of its written cells list at least :data:`MIN_FIELDS` labelled parts and some label
comes back on most of them (a template filled in, not free text that happens to hold a colon). The sheet is read
so only when it is then recognised with fewer required columns missing than before.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..textnorm import fold
from .codes_in_text import with_codes_in_text
from .reading import RawSheet, is_blank
from .recognition import Recogniser, Recognition, header_cells

MIN_FIELDS = 2  # labelled parts a cell lists
LISTING_SHARE = 0.6  # of the column's written cells that list fields
LABEL_SHARE = 0.5  # of the listing cells a label comes back on
COLUMN_SHARE = 0.3  # of them (two at least) a label is written on to be a column (a rarer one stays in the text:
# "Sensibilisation organisation : Inserm Transfert." is a sentence that happens to hold a colon)
DATES_SHARE = 0.8  # of the listed values that, all dates, make a list of milestones rather than of fields
SAMPLE = 200  # cells looked at per column
MAX_HEADER_ROW = 15
_PARTS = re.compile(r"\s*(?:\n|\s\|\s|\s;\s|;\s*\n)\s*")  # between the fields of a cell
# "Organiser: Inserm Transfert", "Participants : 31"; "Réf. EVT-2019-01" (an abbreviated label, its dot)
_FIELD = re.compile(r"^(?P<label>[^\W\d][^:\n]{0,40}?)\s*:\s*(?P<value>\S.*)$|"
                    r"^(?P<short>[^\W\d]{2,5}\.)\s+(?P<code>\S*\d\S*)$", re.DOTALL)


def with_cell_fields(sheet: RawSheet, recogniser: Recogniser, rec: Recognition | None
                     ) -> tuple[RawSheet, Recognition] | None:
    """``sheet`` with the fields its cells list as columns of their own and its recognition, when that reads it with
    fewer required columns missing than ``rec``; None otherwise."""
    for index in range(min(MAX_HEADER_ROW, len(sheet.rows))):
        columns = [j for j, _ in header_cells(sheet.rows[index])
                   if _lists_fields(sheet.rows, index, j, recogniser.parsers)]
        if not columns:
            continue
        widened = _widened(sheet, index, columns)
        found = recogniser.recognise(widened)
        if found is not None:
            widened, found = with_codes_in_text(widened, found, recogniser.codebook, columns, constant=True)
        if found is not None and (rec is None or len(found.missing_required) < len(rec.missing_required)):
            return widened, found
    return None


def _fields(cell, kept: set[str] | None = None) -> tuple[list[tuple[str, str]], list[str]]:
    """(label, value) of each labelled part of a cell (of a label of ``kept`` when given), and its other parts."""
    if not isinstance(cell, str):
        return [], []
    fields, rest = [], []
    for part in _PARTS.split(cell.strip()):
        if not part:
            continue
        found = _FIELD.match(part)
        label = " ".join((found["label"] or found["short"].rstrip(".")).split()) if found else ""
        if found and (kept is None or fold(label) in kept):
            fields.append((label, (found["value"] or found["code"]).strip()))
        else:
            rest.append(part)
    return fields, rest


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


def _widened(sheet: RawSheet, index: int, columns: list[int]) -> RawSheet:
    """The sheet with one column per label of ``columns``' cells after its own, the labelled parts taken out."""
    width = max(len(r) for r in sheet.rows)
    rows = [[*r, *[None] * (width - len(r))] for r in sheet.rows]
    labels: dict[str, str] = {}  # folded label -> the label as first written
    found: list[dict[str, str]] = []
    counts = Counter(fold(label) for row in rows[index + 1:] for j in columns for label, _ in _fields(row[j])[0])
    listing = sum(1 for row in rows[index + 1:] for j in columns if len(_fields(row[j])[0]) >= MIN_FIELDS)
    kept = {label for label, n in counts.items() if n >= max(COLUMN_SHARE * listing, 2)}
    for row in rows[index + 1:]:
        values = {}
        for j in columns:
            fields, rest = _fields(row[j], kept)
            if fields:
                row[j] = "\n".join(rest) or None
            for label, value in fields:
                labels.setdefault(fold(label), label)
                values.setdefault(fold(label), value)
        found.append(values)
    keys = list(labels)
    for row in rows[:index]:
        row.extend([None] * len(keys))
    rows[index].extend(labels[k] for k in keys)
    for row, values in zip(rows[index + 1:], found, strict=True):
        row.extend(values.get(k) for k in keys)
    return replace(sheet, rows=rows)
