"""A reference a sheet writes only inside a text: a ledger names each commitment's project in its wording
("Prestation de maturation ONC-2019-07 BIONK – contrat de service", "POC ONC-2021-09 (PANCNK)"), with no project
column. When one shape of reference ("ONC-9999-99") is written in most cells of one unread text column, each row's
reference of that shape is read as the column the table lacks (a row whose text names none has none).

A calendar's subjects that start with their event's reference in brackets ("[EV18-01] Formation PI"), with no column
of references: the reference is the id, the rest the title (:func:`completed_by_keys_in_titles`)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..schemas import TABLES
from .linking import with_row_columns
from .reading import RawSheet, is_blank
from .recognition import Recognition, header_cells

MIN_SHARE = 0.5  # of a column's filled cells that must hold a reference of the one shape
MIN_CELLS = 3
KEYED_SHARE = 0.9  # of the filled titles that must start with a reference in brackets
_LEADING_KEY = re.compile(r"^\s*[\[(]\s*(?P<key>[A-Za-z][\w./-]*\d[\w./-]*)\s*[\])]\s*[-–—:]?\s*(?P<rest>\S.*)$", re.S)
_REFERENCE = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]*(?:[-_/.][A-Z0-9]+)+(?![\w-])")


def _shape(reference: str) -> str:
    return re.sub(r"\d", "9", reference)


def _references(text: str) -> list[str]:
    """The references written inside a text of words ("POC ONC-2021-09 (PANCNK)"); none in a bare reference (a
    column of references recognition left unread is someone else's: a funder's file number)."""
    found = [r for r in _REFERENCE.findall(text) if any(ch.isdigit() for ch in r)]
    words = [w for w in _REFERENCE.sub(" ", text).split() if sum(ch.isalpha() for ch in w) >= 2]
    return found if len(words) >= 1 and len(" ".join(words)) >= 3 else []


def with_ids_in_texts(sheet: RawSheet, rec: Recognition) -> tuple[RawSheet, Recognition] | None:
    """``(sheet, rec)`` with the reference the table lacks read from the text that names it, or None."""
    table = TABLES[rec.table]
    read = {m.column for m in rec.columns}
    wanted = [c.name for c in table.columns if c.kind == "id" and c.name not in table.key and c.name not in read]
    if len(wanted) != 1:
        return None
    rows = sheet.rows[rec.header_index + 1:]
    keys = [m.index for m in rec.columns if m.column in table.key]
    own = {str(r[i]).strip() for r in rows for i in keys if i < len(r) and not is_blank(r[i])}
    # a column read for a code may be a wording naming the project too ("POC ONC-2021-09": the instrument as well)
    mapped = {m.index for m in rec.columns if table.column(m.column).kind != "code"}
    for index, _ in header_cells(sheet.rows[rec.header_index]):
        if index in mapped:
            continue
        texts = [r[index] for r in rows if index < len(r) and isinstance(r[index], str) and r[index].strip()]
        shapes = Counter(s for t in texts for s in {_shape(r) for r in _references(t) if r not in own})
        if len(texts) < MIN_CELLS or not shapes:
            continue
        shape, count = shapes.most_common(1)[0]
        if count < MIN_SHARE * len(texts):
            continue
        found = [next((x for x in _references(r[index]) if _shape(x) == shape and x not in own), None)
                 if index < len(r) and isinstance(r[index], str) else None for r in rows]
        return with_row_columns(sheet, rec, {wanted[0]: found})
    return None


def completed_by_keys_in_titles(sheet: RawSheet, rec: Recognition) -> tuple[RawSheet, Recognition, str] | None:
    """(sheet, recognition, note) when the table's missing id is written in brackets at the start of each title
    ("[EV18-01] Formation PI"): the id read from it, the title after it; else None."""
    key = TABLES[rec.table].key
    title = next((m for m in rec.columns if m.column in ("title", "name")), None)
    if len(key) != 1 or rec.missing_required != [key[0]] or title is None:
        return None
    rows = sheet.rows[rec.header_index + 1:]
    found = [_LEADING_KEY.match(r[title.index]) if title.index < len(r) and isinstance(r[title.index], str) else None
             for r in rows]
    filled = sum(1 for r in rows if title.index < len(r) and not is_blank(r[title.index]))
    if not filled or sum(map(bool, found)) < KEYED_SHARE * filled:
        return None
    cut = [[*r[:title.index], m["rest"].strip(), *r[title.index + 1:]] if m else r for r, m in zip(rows, found, strict=True)]
    sheet = replace(sheet, rows=[*sheet.rows[:rec.header_index + 1], *cut])
    sheet, rec = with_row_columns(sheet, rec, {key[0]: [m["key"] if m else None for m in found]})
    return sheet, replace(rec, missing_required=[]), (f"{key[0]} written in brackets at the start of each "
                                                      f"'{title.header}'")
