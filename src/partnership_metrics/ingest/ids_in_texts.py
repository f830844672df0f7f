"""A reference a sheet writes only inside a text: a ledger names each commitment's project in its wording
("Prestation de maturation ONC-2019-07 BIONK – contrat de service", "POC ONC-2021-09 (PANCNK)"), with no project
column. When one shape of reference ("ONC-9999-99") is written in most cells of one unread text column, each row's
reference of that shape is read as the column the table lacks (a row whose text names none has none)."""

from __future__ import annotations

import re
from collections import Counter

from ..schemas import TABLES
from .linking import with_row_columns
from .reading import RawSheet, is_blank
from .recognition import Recognition, header_cells

MIN_SHARE = 0.5  # of a column's filled cells that must hold a reference of the one shape
MIN_CELLS = 3
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
