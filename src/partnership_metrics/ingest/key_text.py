"""Columns shown as key and text, as SAP BW / Analysis for Office reports show a characteristic: the header names the
key column ("Projet": ``ONCO-21-004``), the column right of it has no header and holds the key's text ("Radioligand
ciblant KRAS"). The text column takes the header (the description is what people read: an institution's name rather
than its business-partner number) and the key column becomes "Code <header>", so that each is recognised for what
it holds ("Code Projet" the project's id, "Projet" its title).

Tried only on a sheet that lacks a required column, and kept only when the sheet is then read with fewer missing.

An accounting extract writes the pair as two headed columns instead, "NATURE | LIBELLE_NATURE" (an account number and
its label): the label column takes the header the same way (:func:`with_label_pairs`, tried on every sheet: it
looks at the header, and at the code column's first rows when the header has such a pair).
"""

from __future__ import annotations

from dataclasses import replace

from ..schemas import TABLES
from .reading import RawSheet, is_blank
from .recognition import Recogniser, Recognition, header_cells

SAMPLE = 200  # data rows looked at
MAX_CODE_LENGTH = 15
CODE_SHARE = 0.9  # of a key column's filled cells that must be codes


def _code(value) -> bool:
    text = str(value).strip()
    return 0 < len(text) <= MAX_CODE_LENGTH and " " not in text


def _text(value, key) -> bool:
    """Whether ``value`` reads as the text of ``key``: words, longer than the code ("Thérapeutique" for "THE")."""
    return isinstance(value, str) and len(value.strip()) > len(str(key).strip()) and any(c.islower() for c in value)


def _codes(values: list) -> bool:
    """Whether (nearly) all of ``values`` are codes."""
    return bool(values) and sum(map(_code, values)) >= CODE_SHARE * len(values)


def key_text_columns(header: list, rows: list[list]) -> list[int]:
    """Indexes of the text columns: no header, right of a headed column of codes, holding texts."""
    found = []
    for j in range(1, len(header)):
        if not is_blank(header[j]) or is_blank(header[j - 1]) or not isinstance(header[j - 1], str):
            continue
        pairs = [(r[j - 1], r[j]) for r in rows if j < len(r) and not is_blank(r[j - 1]) and not is_blank(r[j])]
        if len(pairs) < max(2, len(rows) // 2):
            continue
        if (_codes([k for k, _ in pairs]) and sum(_text(t, k) for k, t in pairs) >= 0.8 * len(pairs)
                and len({str(t) for _, t in pairs}) <= len({str(k) for k, _ in pairs})):
            found.append(j)
    return found


def with_key_text_pairs(sheet: RawSheet, rec: Recognition, recogniser: Recogniser) -> tuple[RawSheet, Recognition] | None:
    """The sheet with its key/text pairs named (``(sheet, recognition)``) when that leaves fewer required columns
    missing; None otherwise."""
    header = list(sheet.rows[rec.header_index])
    below = [r for r in sheet.rows[rec.header_index + 1:rec.header_index + 1 + SAMPLE] if not all(map(is_blank, r))]
    texts = key_text_columns(header, below)
    if not texts:
        return None
    for j in texts:
        name = " ".join(header[j - 1].split())
        header[j], header[j - 1] = name, f"Code {name}"
    rows = list(sheet.rows)
    rows[rec.header_index] = header
    named = replace(sheet, rows=rows)
    found = recogniser.recognise(named)
    if found is None or found.header_index != rec.header_index or (
            found.table == rec.table and len(found.missing_required) >= len(rec.missing_required)):
        return None
    return named, found


def label_pairs(header: list, rows: list[list], recogniser: Recogniser,
                label_words: frozenset[str]) -> list[tuple[int, int]]:
    """(code column, label column) pairs of a header: "NATURE" and "LIBELLE_NATURE" ("Lib. entité" and "Entité"),
    the code column holding codes in ``rows`` ("Événement | Description de l'événement" is a title and its text)."""
    words = {i: recogniser.header_tokens(text) for i, text in header_cells(header)}
    bare = {w: i for i, w in words.items() if w}
    pairs = []
    for i, w in words.items():
        if len(w) >= 2 and w[0] in label_words and (code := bare.get(w[1:])) is not None and _codes(
                [r[code] for r in rows if code < len(r) and not is_blank(r[code])]):
            pairs.append((code, i))
    return pairs


def with_label_pairs(sheet: RawSheet, rec: Recognition, recogniser: Recogniser,
                     label_words: frozenset[str]) -> tuple[RawSheet, Recognition] | None:
    """The sheet with each label column under its code column's header (and the code as "Code <header>") when it
    has such pairs and is still read as the same table; None otherwise."""
    header = list(sheet.rows[rec.header_index])
    below = sheet.rows[rec.header_index + 1:rec.header_index + 1 + SAMPLE]
    ids = {m.index for m in rec.columns if TABLES[rec.table].column(m.column).kind == "id"}
    pairs = [(code, label) for code, label in label_pairs(header, below, recogniser, label_words)
             if code not in ids]  # "Élément d'OTP | Désignation élément d'OTP": the project is its code
    if not pairs:
        return None
    for code, label in pairs:
        name = " ".join(str(header[code]).split())
        header[label], header[code] = name, f"Code {name}"
    rows = list(sheet.rows)
    rows[rec.header_index] = header
    named = replace(sheet, rows=rows)
    found = recogniser.recognise(named)
    if found is None or found.table != rec.table or found.header_index != rec.header_index or (
            len(found.missing_required) > len(rec.missing_required)):
        return None
    return named, found
