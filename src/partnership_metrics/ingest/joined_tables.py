"""A table kept in two parts stacked on one sheet, joined by their reference: the submissions ("A. Dépôts" — "Réf. |
Acronyme | Programme | Date de dépôt | …") above their results ("B. Résultats (même Réf. que le tableau A)" — "Réf. |
Résultat | Date du résultat | Montant obtenu"), in another order. Neither part has every required column; together
they do. Each row of the upper part takes the columns of the lower part's row of the same reference, and the lower
part's rows are listed as read into them.

Joined only when it is sure: the lower header repeats the upper one's reference header word for word, each reference
of the lower part is written once and is one of the upper part's, and the two parts together give every required
column. Otherwise the sheet is read as before (the upper part skipped with what it lacks)."""

from __future__ import annotations

from dataclasses import replace

from ..schemas import TABLES
from .codebooks import code_text
from .reading import RawSheet, is_blank
from .recognition import Recogniser, Recognition
from .stacked import after_sparse_rows


def _text(cell) -> str:
    return " ".join(str(cell).split()).casefold() if isinstance(cell, str) else ""


def joined_below(sheet: RawSheet, rec: Recognition, recogniser: Recogniser) -> tuple[RawSheet, RawSheet] | None:
    """(the upper part with the lower part's columns joined to its rows, the lower part) of ``sheet``, or None (see
    the module's docstring). ``rec``: the upper part's recognition, lacking required columns."""
    table = TABLES[rec.table]
    if not rec.missing_required or rec.grid is not None or len(table.key) != 1:
        return None
    rows = sheet.rows
    id_index = next((m.index for m in rec.columns if m.column == table.key[0]), None)
    if id_index is None:
        return None
    id_header = _text(rows[rec.header_index][id_index])
    for start in after_sparse_rows(rows, rec.header_index + 2):
        header = rows[start]
        at = next((j for j, cell in enumerate(header) if id_header and _text(cell) == id_header), None)
        below = recogniser.recognise_at(sheet, start, rec.table, known=True) if at is not None else None
        if below is None:
            continue
        given = {m.column for m in rec.columns}
        extra = [m for m in below.columns if m.column not in given]
        if not set(rec.missing_required) <= {m.column for m in extra}:
            continue
        joined = _joined(rows[: start], rec, id_index, rows[start + 1 :], at, extra, header)
        if joined is None:
            return None
        lower = replace(sheet, rows=rows[start:], first_row=sheet.first_row + start)
        return replace(sheet, rows=joined), lower
    return None


def _joined(upper: list[list], rec: Recognition, id_index: int, lower: list[list], at: int, extra: list,
            header: list) -> list[list] | None:
    """The upper rows with the lower rows' ``extra`` columns appended to the row of the same reference; None when a
    reference of the lower part is written twice or is none of the upper part's."""
    by_id: dict[str, list] = {}
    for row in lower:
        if at >= len(row) or is_blank(row[at]):
            continue
        key = code_text(row[at])
        if key in by_id:
            return None
        by_id[key] = row
    ids = {code_text(r[id_index]) for r in upper[rec.header_index + 1 :] if id_index < len(r) and not is_blank(r[id_index])}
    if not by_id or not set(by_id) <= ids:
        return None
    width = max(len(r) for r in upper)
    out = [list(r) + [None] * (width - len(r)) for r in upper]
    out[rec.header_index] += [header[m.index] for m in extra]
    for row in out[rec.header_index + 1 :]:
        match = by_id.get(code_text(row[id_index])) if not is_blank(row[id_index]) else None
        row += [match[m.index] if match is not None and m.index < len(match) else None for m in extra]
    return out
