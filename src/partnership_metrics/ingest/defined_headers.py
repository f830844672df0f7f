"""Headers a note above the table defines: "NB : la colonne Timeline = période de maturation financée (Start =
démarrage effectif)" over a board's "Timeline - Start | Timeline - End". A header made of defined words is read as
what the note says they mean ("période de maturation financée - démarrage effectif": the maturation's start), the
header as written kept beside it in brackets; the reading notes say so. Only the title lines are read (rows of one
text above the first header-like row), and only definitions written "X = Y" whose meaning is two words or more;
an export's filter ("Filtre : Famille = Licence ; Statut = Signé") defines nothing.

The folder's data dictionary may define them too: an extract's coded header ("DT_ABAND") that its column
descriptions say in words ("Date d'abandon du projet") is read as they say, when they name a table's column better
than the code does (the code kept beside it in brackets)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..schemas import RAW_TABLES
from ..textnorm import fold
from .data_dictionaries import field_key
from .header_rows import HEADER_SCAN_ROWS
from .header_units import header_unit
from .reading import RawSheet, is_blank
from .vocabulary import Words

_DEFINITION = re.compile(r"(?:\b(?:la\s+|the\s+)?(?:colonne|column)\s+)?[«\"“']?\s*(?P<term>[^\W\d_][\w·' -]{0,30}?)"
                         r"\s*[»\"”']?\s*=\s*(?P<meaning>[^=.;()\n]{3,80})", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*[-–:/|]\s*")
_COLUMN_WORDS = re.compile(r"^(?:(?:la|le|les|the)\s+)?(?:colonnes?|columns?)\s+")
MIN_TERM = 3  # letters of a term defined
MAX_TERM_WORDS = 3  # a term defined is a header's word or two ("Timeline", "Tiers"), not a sentence
MIN_MEANING_WORDS = 2  # what it means is said in words ("maturation period"): "Famille = Licence" is a value


def with_defined_headers(sheet: RawSheet, words: Words, known: Callable[[str], bool]) -> RawSheet:
    """``sheet`` with each header cell made of defined terms read as their meanings (see the module's docstring);
    a header ``known`` as it is written ("EU contribution = amount for the regional beneficiary" over "EU
    contribution", "Date du statut = date où cette étape a été atteinte") keeps its own reading."""
    if sheet.kind != "worksheet" or not sheet.rows:
        return sheet
    terms: dict[str, str] = {}
    first = None
    for index, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        cells = [c for c in row if not is_blank(c)]
        if len(cells) > 1:
            first = index
            break
        if cells and isinstance(cells[0], str) and not set(fold(cells[0]).split()) & words.filter_words:
            for found in _DEFINITION.finditer(cells[0]):
                term = _COLUMN_WORDS.sub("", fold(found.group("term"))).strip()  # "la colonne Timeline"
                meaning = " ".join(found.group("meaning").split())
                if len(term) >= MIN_TERM and len(term.split()) <= MAX_TERM_WORDS and len(
                        meaning.split()) >= MIN_MEANING_WORDS:  # (not a legend of marks: "P = présent·e")
                    terms[term] = meaning
    if not terms or first is None:
        return sheet
    meant = {c: m for c in sheet.rows[first]  # the header (its copies further down read the same)
             if isinstance(c, str) and (m := _meaning(c, terms)) != c and not known(c)}
    if not meant:
        return sheet
    changed = list(meant)
    rows = [[meant.get(c, c) if isinstance(c, str) else c for c in row] if any(
        isinstance(c, str) and c in meant for c in row) else row for row in sheet.rows]
    note = (f"headers read as the note above the table defines them: {', '.join(repr(c) for c in changed[:4])}"
            + (f" and {len(changed) - 4} more" if len(changed) > 4 else ""))
    return replace(sheet, rows=rows, notes=[*sheet.notes, note])


def _meaning(cell: str, terms: dict[str, str]) -> str:
    """``cell`` with its words read as defined, when every part of it is a defined term ("Timeline - Start"); else
    ``cell`` as written."""
    parts = [p for p in _SEPARATORS.split(cell.strip()) if p]
    if not parts or not all(fold(p) in terms for p in parts[:1]):
        return cell
    meant = [terms.get(fold(p), p) for p in parts]
    return f"{' - '.join(meant)} ({' '.join(cell.split())})"


def named_as_written(recogniser) -> Callable[[str], bool]:
    """Whether a header names some table column as it is written, however partly ("Date du statut", "Cible 2022"):
    its own reading stands, the note only explains it."""
    return lambda text: any(recogniser.cell_candidates(table, text) for table in RAW_TABLES)


def with_described_headers(sheet: RawSheet, descriptions: dict[str, str], score: Callable[[str], int]) -> RawSheet:
    """``sheet`` with each header cell that the folder's data dictionary describes (``descriptions``: field key ->
    words) read as described, when the words ``score`` higher than the cell as written (see the module's docstring)."""
    if not descriptions or not sheet.rows or sheet.kind != "worksheet":  # (the dictionary's own sheets too)
        return sheet
    meant = {}
    for row in sheet.rows[:HEADER_SCAN_ROWS]:
        for cell in row:
            if _coded(cell) and cell not in meant and (said := descriptions.get(field_key(cell))):
                described = f"{said} ({' '.join(cell.split())})"
                unit = header_unit(cell)[1]  # a unit the code says ("MT_ENGAGE_K€") is not lost
                better = score(described) > score(cell) and unit in (None, header_unit(described)[1])
                meant[cell] = described if better else cell
    meant = {cell: said for cell, said in meant.items() if said != cell}
    if not meant:
        return sheet
    rows = [[meant.get(c, c) if isinstance(c, str) else c for c in row] for row in sheet.rows[:HEADER_SCAN_ROWS]]
    note = (f"headers read as the folder's data dictionary describes them: {', '.join(repr(c) for c in list(meant)[:4])}"
            + (f" and {len(meant) - 4} more" if len(meant) > 4 else ""))
    return replace(sheet, rows=rows + sheet.rows[HEADER_SCAN_ROWS:], notes=[*sheet.notes, note])


def header_score(recogniser) -> Callable[[str], int]:
    """How well a header names some table's column as it is written (0: none)."""
    return lambda text: max((score for table in RAW_TABLES for _, score in recogniser.cell_candidates(table, text)),
                            default=0)


def _coded(cell) -> bool:
    """Whether a header is a system's coded field name ("DT_ABAND", "MTENGAGE", "amountCents"), not words ("Date",
    "ID": a dictionary's description of a short or plain name would be read into every file's header)."""
    if not isinstance(cell, str) or " " in (text := cell.strip()) or len(text) < 4:
        return False
    return "_" in text or text.isupper() or any(a.islower() and b.isupper() for a, b in zip(text, text[1:],
                                                                                        strict=False))
