"""A column holding two values per cell, one per line, under a header naming both: a yearly report's table pasted
from a word processor ("Montants (demandé / obtenu)" over "Demandé : 2 785 000 €⏎Obtenu : —", "Statut (date de
résultat)" over "Non retenu⏎(19/09/2021)", "Programme / appel" over "Mission Cancer⏎HORIZON-MISS-2021-CANCER-02-01",
"DI / Dépôt prioritaire" over "DI : 31/07/23⏎Dépôt : oct.-23"). The column is read as two columns, each named by
its part of the header, so that recognition sees both.

Only when the header says two things (a second line in brackets, after "+" or parted by "/", or one line parted by
" / "; not a name wrapped on two lines) and most of the column's filled cells hold two lines or one line labelled
with a part's name; never for a person's column (a name and an e-mail on two lines are one person: see
normalising.py). A cell of one line is the value of the part its label names, or else of the part whose values look
like it (by their digits: a unit's number, a service's name)."""

from __future__ import annotations

import re
from dataclasses import replace

from ..textnorm import fold
from .reading import RawSheet, is_blank

SCAN_ROWS = 12  # rows where a header is looked for (a pasted table's header is near its top)
MIN_SHARE = 0.5  # of a column's filled cells that must hold two lines
_BRACKETED = re.compile(r"^\((.*)\)$", re.DOTALL)
_DIGIT = re.compile(r"\d")
_LABELLED = re.compile(r"^\s*([^:\d]{1,30}?)\s*:\s*(.*)$", re.DOTALL)  # "Demandé : 2 785 000 €"


def with_compound_columns(sheet: RawSheet, recogniser) -> RawSheet:
    """``sheet`` with each column of two values per cell read as two columns, or ``sheet`` itself."""
    for index, row in enumerate(sheet.rows[:SCAN_ROWS]):
        if not _header_like(row):
            continue
        splits = {j: parts for j, cell in enumerate(row)
                  if isinstance(cell, str) and ("\n" in cell or " / " in cell)
                  and (parts := _header_parts(cell)) is not None
                  and not set(recogniser.words_of(cell)) & recogniser.person_words
                  and _compound(sheet.rows[index + 1 :], j, parts)}
        if splits:
            below = sheet.rows[index + 1 :]
            digits = {j: _digit_shares(below, j) for j in splits}
            return replace(sheet, rows=[*sheet.rows[:index], _split_row(row, splits),
                                        *(_split_row(r, splits, digits) for r in below)],
                           merged_ranges=[])
    return sheet


def _lines(cell) -> list[str]:
    """A cell's values: its lines, or the two sides of one line of numbers written "1 500 / 1 350" (not a label
    in two languages: "Cible / Target")."""
    lines = [line.strip() for line in cell.split("\n") if line.strip()] if isinstance(cell, str) else []
    if len(lines) == 1 and lines[0].count(" / ") == 1 and _DIGIT.search(lines[0]):
        lines = [part.strip() for part in lines[0].split(" / ")]
    return lines


def _digit_shares(rows: list[list], index: int) -> tuple[float, float]:
    """How often each of the two lines of the column's cells holds a digit ("Service de dermatologie" over "C3M -
    U1065": never, always): a cell of one line goes to the part it looks like."""
    pairs = [lines for r in rows if index < len(r) and len(lines := _lines(r[index])) == 2]
    if not pairs:
        return 0.0, 0.0
    return tuple(sum(bool(_DIGIT.search(p[k])) for p in pairs) / len(pairs) for k in (0, 1))


def _header_like(row: list) -> bool:
    """A row that may be a header: two texts or more, nothing but text, no e-mail, no date or number."""
    cells = [c for c in row if not is_blank(c)]
    return len(cells) >= 2 and all(isinstance(c, str) and "@" not in c for c in cells)


def _header_parts(text: str) -> tuple[str, str] | None:
    """The two columns a header names: "Montants (demandé / obtenu)" -> ("Montants demandé", "Montants obtenu"),
    "Statut (date de résultat)" -> ("Statut", "date de résultat"), "Programme / appel" -> ("Programme", "appel")."""
    lines = [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    if len(lines) == 2:
        base, second = lines[0], lines[1].lstrip("+ ").strip()
        if not (_BRACKETED.match(second) or "/" in second or lines[1].startswith("+")):
            return None  # "Date de⏎détection", "Intitulé du⏎projet": one name wrapped, not two
        inner = m[1].strip() if (m := _BRACKETED.match(second)) else second
        halves = [p.strip() for p in inner.split("/")]
        if len(halves) == 2 and all(halves):
            return f"{base} {halves[0]}", f"{base} {halves[1]}"
        return (base, inner) if inner and "/" not in inner else None
    if len(lines) == 1 and lines[0].count(" / ") == 1 and "(" not in lines[0]:
        first, second = (p.strip() for p in lines[0].split(" / "))
        return (first, second) if first and second else None
    return None


def _compound(rows: list[list], index: int, parts: tuple[str, str]) -> bool:
    """Whether most of the column's filled cells hold two lines, or one line labelled with a part's name ("DI :
    31/07/23" under "DI / Dépôt prioritaire"), two of them at least."""
    cells = [r[index] for r in rows[:SCAN_ROWS * 2] if index < len(r) and not is_blank(r[index])]
    split = sum(1 for c in cells
                if len(lines := _lines(c)) == 2 or len(lines) == 1 and _part_of(lines[0], parts) is not None)
    return bool(cells) and split >= MIN_SHARE * len(cells) and split >= 2


def _part_of(line: str, parts: tuple[str, str]) -> int | None:
    """The part a line's label names ("DI : 31/07/23": the part headed "DI"), or None."""
    if not (m := _LABELLED.match(line)):
        return None
    label = fold(m[1])
    found = [k for k, part in enumerate(parts) if label and fold(part).split()[:len(label.split())] == label.split()]
    return found[0] if len(found) == 1 else None


def _split_row(row: list, splits: dict[int, tuple[str, str]], digits: dict | None = None) -> list:
    """The header (no ``digits``) or a data row with each split column made two."""
    out: list = []
    for j, cell in enumerate(row):
        if j not in splits:
            out.append(cell)
        elif digits is None:
            out.extend(splits[j])
        else:
            out.extend(_values(cell, splits[j], digits[j]))
    return out


def _values(cell, parts: tuple[str, str], digits: tuple[float, float]) -> tuple:
    """A cell's two values: its two lines, brackets and labels left out ("(19/09/2021)", "Obtenu : —"); a cell of
    one line is the value of the part it looks like (by its digits), the other part empty."""
    lines = [_unlabelled(_BRACKETED.sub(r"\1", line).strip()) for line in _lines(cell)]
    if len(lines) == 2:
        return tuple(lines)
    if len(lines) != 1:
        return cell, None
    if (k := _part_of(_lines(cell)[0], parts)) is not None:  # "DI : 31/07/23": the value of the part it names
        return (lines[0], None) if k == 0 else (None, lines[0])
    has = 1.0 if _DIGIT.search(lines[0]) else 0.0
    return (None, cell) if abs(digits[1] - has) < abs(digits[0] - has) else (cell, None)


def _unlabelled(text: str) -> str:
    """"Demandé : 2 785 000 €" -> "2 785 000 €"."""
    m = _LABELLED.match(text)
    return m[2].strip() if m else text
