"""What a header says of its values besides their name: a money unit ("Montant (k€)": thousands of euros), a score's
scale ("Satisfaction (/10)"), a database's field name in camel case ("DateDebutMaturation")."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..schemas import TABLES
from ..textnorm import fold
from .reading import RawSheet, fills_two, is_blank

_UNIT_MULTIPLIERS = [  # the cents first: "amt_eur_cents" is in cents of a euro, not in euros
    (re.compile(r"(?<![^\W\d_])((?:eur(?:os?)?[\s_]*)?(?:en\s+)?(?:cents?|centimes?)(?:\s+d\W?\s*euros?)?)(?![^\W\d_])",
                re.IGNORECASE), 0.01),  # not "récents": no letter of any alphabet before it
    (re.compile(r"(?<![a-z])((?:en\s+)?k\s*€|€\s*k|k\s*eur(?:os?)?|keur|k\s*euros?|kilo[\s-]*euros?|(?:en\s+)?milliers?\s+d\W?\s*euros?|"
                r"milliers?\s*(?:de\s*)?€|en\s+milliers|\(k\)|eur\s+k)(?![a-z])", re.IGNORECASE), 1e3),
    (re.compile(r"(?<![a-z])((?:en\s+)?m\s*€|€\s*m|m\s*eur(?:os?)?|meur|mio\s*€?|(?:en\s+)?millions?\s+d\W?\s*euros?|millions?\s*(?:de\s*)?€|"
                r"en\s+millions|\(m\)|eur\s+m|eur\s*mn|mn\s*eur|€\s*mn|mn\s*€)(?![a-z])", re.IGNORECASE), 1e6),  # "(EUR mn)": PitchBook
    (re.compile(r"(?<![a-z])(€|eur|euros?|en\s+euros?)(?![a-z])", re.IGNORECASE), 1.0),
]
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def header_unit(text: str) -> tuple[str, float | None]:
    """``"Montant (k€)"`` -> ``("Montant", 1000.0)``; ``None`` when the header names no unit (a field name in camel
    case is looked at word by word too: a CRM's ``"amountCents"`` is in cents)."""
    return _header_unit(text) if isinstance(text, str) else _header_unit.__wrapped__(text)


@lru_cache(maxsize=65536)  # every run asks of its vocabulary's synonyms and of headers that repeat from sheet to sheet
def _header_unit(text: str) -> tuple[str, float | None]:
    for probe in (text, split_camel_case(text)):
        for pattern, factor in _UNIT_MULTIPLIERS:
            if pattern.search(probe):
                return _BRACKETS.sub(" ", pattern.sub(" ", probe)).replace("*", " "), factor
    return _BRACKETS.sub(" ", text).replace("*", " "), None


UNIT_ONLY_SCORE = 20  # a header that is only a money unit ("k€") names the table's one amount column, as a partial match


def unit_only_candidates(table: str, text: str) -> tuple[tuple[str, int, bool], ...]:
    """Recognition's candidates for a header that is only a money unit ("k€", "(M€)"): the table's one amount
    column (a cramped ledger's "N° proj | Fin. | Nature | k€"); none when the table has several or the header
    names no unit."""
    if header_unit(text)[1] is None:
        return ()
    money = [c.name for c in TABLES[table].columns if c.kind == "money"]
    return ((money[0], UNIT_ONLY_SCORE, False),) if len(money) == 1 else ()


def units_named(text: str) -> set[float]:
    """Every money unit a text names ("Amounts in euros (SATT column in k€)": both euros and thousands; "montants en
    k€ (milliers d'euros)": thousands only, the euros of a larger unit's name are that unit's)."""
    found = set()
    for pattern, factor in _UNIT_MULTIPLIERS:
        if pattern.search(text):
            found.add(factor)
            text = pattern.sub(" ", text)
    return found


def first_unit_named(text: str) -> float | None:
    """The money unit ``text`` names first ("Montants en k€ sauf mention (M€)": thousands), or None."""
    found = [(m.start(), factor) for pattern, factor in _UNIT_MULTIPLIERS if (m := pattern.search(text))]
    return min(found)[1] if found else None


def stated_unit(rows: list[list]) -> float | None:
    """The money unit the lines above a header state ("Plan de co-financement (k€)", "2. Engagements financiers
    (montants en k€)"), when they state one only ("Amounts in euros (SATT column in k€)" states none for all)."""
    units = {unit for row in rows for cell in row if isinstance(cell, str) for unit in units_named(cell)}
    return units.pop() if len(units) == 1 else None


_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Ý])")  # a database's field names: "DateDebutMaturation", "NumProjet"


def split_camel_case(text: str) -> str:
    """``"AccompCPP"`` -> ``"Accomp CPP"``: the words of a database's field name."""
    return _CAMEL.sub(" ", text)
_SCALE = re.compile(r"(?:/|\bsur\b|\bout of\b|\bon\b)\s*(\d{1,3})\b|\(\s*(?:0|1)\s*[-–à]\s*(\d{1,3})\s*\)", re.IGNORECASE)


def header_scale(text: str) -> float | None:
    """The scale a header gives its scores: ``"Satisfaction (/10)"``, ``"Note (sur 20)"``, ``"(1-10)"`` -> 10."""
    found = _SCALE.search(text)
    if not found:
        return None
    scale = float(found.group(1) or found.group(2))
    return scale if scale >= 2 else None


def column_multiplier(column, header: str) -> float | None:
    """What the values under ``header`` are multiplied by: a money unit (``k€``), or a score's scale brought to the
    column's own (a satisfaction "/10" is halved to the 1-5 scale)."""
    if column.kind == "money":
        return header_unit(header)[1]
    if column.kind == "float" and column.maximum is not None and (scale := header_scale(header)):
        return column.maximum / scale
    return None


MAX_GROUP_WORDS = 4  # a group cell over sub-headers is short ("Montants (k€)")


def group_units(sheet, index: int) -> dict[int, float]:
    """Column -> the money unit a group cell of row ``index`` names over it ("Montants (k€)" above "Demandé |
    Obtenu"): the columns the cell is merged over, else those up to the next written cell of the row."""
    row = sheet.rows[index]
    if not fills_two(row):
        return {}  # a title or a note above the header ("Montants tels qu'annoncés (k€ / M€ selon la source)")
    merged = {first_col - 1: last_col for first_row, first_col, last_row, last_col
              in getattr(sheet, "merged_ranges", None) or [] if first_row - sheet.first_row == index}
    out = {}
    for j, cell in enumerate(row):
        if not isinstance(cell, str) or len(cell.split()) > MAX_GROUP_WORDS:
            continue
        rest, unit = header_unit(cell)
        if unit is None or header_unit(rest)[1] is not None:
            continue  # no unit, or two ("k€ / M€")
        end = merged.get(j) or next((k for k in range(j + 1, len(row)) if not is_blank(row[k])), len(row))
        out.update(dict.fromkeys(range(j, end), unit))
    return out


_LEGEND_DEFINITION = re.compile(r"=\s*[^=)\].;]*")


def title_units(sheet, table: str, header_index: int, matches: list, units) -> list:
    """``matches`` with the unit a title row gives ("… en milliers d'euros"; ``units``: phrase -> multiplier) or a
    group over them ("Montants (k€)" merged over "Demandé | Obtenu") on the amount columns whose header says none."""
    money = [m for m in matches if m.multiplier is None and TABLES[table].column(m.column).kind == "money"]
    if not money or header_index == 0:
        return matches
    grouped = group_units(sheet, header_index - 1)
    if any(m.index in grouped for m in money):
        matches = [replace(m, multiplier=grouped[m.index]) if m in money and m.index in grouped else m
                   for m in matches]
        money = [m for m in money if m.index not in grouped]
    if not money or not units:
        return matches
    # a legend's definition ("« K€ » = milliers d'euros") says what a unit means, not that the amounts are in it
    title = " ".join(_LEGEND_DEFINITION.sub(" ", c) for row in sheet.rows[:header_index] for c in row
                     if isinstance(c, str))
    title = f" {fold(title)} "
    found = next((m for phrase, m in units.items() if f" {phrase} " in title), None)
    if found is None and (found := stated_unit(sheet.rows[:header_index])) is None:
        return matches
    return [replace(m, multiplier=found) if m in money else m for m in matches]



MAX_NOTED_HEADER_WORDS = 6  # a header a note gives a unit to is short ("Montant accordé"), not a remark
MAX_NOTE_UNIT_WORDS = 4  # the unit a note states comes first, in a few words: "en k€ (maturation + POC)"
_NOTE_LEAD = re.compile(r"[(\[—–,;:.]|\s-\s")
_UNIT_TEXT = {0.01: "centimes", 1.0: "€", 1e3: "k€", 1e6: "M€"}


def noted_unit(note: str) -> float | None:
    """The money unit a cell's note states before anything else ("k€ — montants arrondis", "en k€ (maturation)",
    "Montants en euros (€ TTC)"); None for a remark ("budget 200 k€ prévu": an amount, not a unit)."""
    lead = _NOTE_LEAD.split(note.strip(), maxsplit=1)[0]
    if not lead.strip() or len(lead.split()) > MAX_NOTE_UNIT_WORDS or any(c.isdigit() for c in lead):
        return None
    return header_unit(lead)[1]


def with_noted_units(sheet: RawSheet) -> RawSheet:
    """``sheet`` with the unit a header's note states written after it ("Montant", noted "en k€": "Montant (k€)"), as
    if the header said so. A header is a short text without digits on a row of texts only; one that names a unit
    already keeps its own."""
    if not sheet.cell_notes:
        return sheet
    rows = None
    for (row, column), note in sheet.cell_notes.items():
        i, j = row - sheet.first_row, column - 1
        cell = sheet.rows[i][j] if 0 <= i < len(sheet.rows) and 0 <= j < len(sheet.rows[i]) else None
        if not isinstance(cell, str) or not 0 < len(cell.split()) <= MAX_NOTED_HEADER_WORDS or any(
                c.isdigit() for c in cell) or header_unit(cell)[1] is not None or (unit := noted_unit(note)) is None:
            continue
        if not all(isinstance(c, str) for c in sheet.rows[i] if not is_blank(c)):
            continue  # a row of values ("P-1", 275): a header's row is all words
        rows = rows or [list(r) for r in sheet.rows]
        rows[i][j] = f"{cell.strip()} ({_UNIT_TEXT[unit]})"
    return sheet if rows is None else replace(sheet, rows=rows)
