"""A column holding two values per cell, one per line, under a header naming both: a yearly report's table pasted
from a word processor ("Montants (demandé / obtenu)" over "Demandé : 2 785 000 €⏎Obtenu : —", "Statut (date de
résultat)" over "Non retenu⏎(19/09/2021)", "Programme / appel" over "Mission Cancer⏎HORIZON-MISS-2021-CANCER-02-01",
"DI / Dépôt prioritaire" over "DI : 31/07/23⏎Dépôt : oct.-23"). The column is read as two columns, each named by
its part of the header, so that recognition sees both.

Only when the header says two things (a second line in brackets, after "+" or parted by "/" — "Établissement⏎/
unité" too —, or one line parted by " / "; not a name wrapped on two lines) and most of the column's filled cells
hold two lines or one line labelled with a part's name; never for a person's column (a name and an e-mail on two
lines are one person: see normalising.py). A cell of one line is the value of the part its label names; under a value
and one added in brackets ("Intitulé du projet⏎(acronyme)"), the value unless the line is in brackets itself; else
the part whose values look like it (by their digits: a unit's number, a service's name; or, when both parts hold
digits alike, by its length). Merged ranges right of a split column move with it (an institution merged down over
its projects still spans them)."""

from __future__ import annotations

import re
from dataclasses import replace

from ..textnorm import fold
from .reading import RawSheet, is_blank

SCAN_ROWS = 12  # rows where a header is looked for (a pasted table's header is near its top)
MIN_SHARE = 0.5  # of a column's filled cells that must hold two lines
DISTINCT_DIGITS = 0.5  # difference in the parts' shares of lines with digits that tells them apart by digits
_BRACKETED = re.compile(r"^\((.*)\)$", re.DOTALL)
_DIGIT = re.compile(r"\d")
_WRITTEN_DATE = re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{1,2}/(?:19|20)\d{2}\b")  # a record's "déposé 01/03/2018"
_WORD_FIRST = re.compile(r"[^\w]*[^\W\d_]")  # a header starts with a word, a value with its number ("≈ 90")
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
            shapes = {j: (*_shapes(below, j), _added(row[j])) for j in splits}
            return replace(sheet, rows=[*sheet.rows[:index], _split_row(row, splits),
                                        *(_split_row(r, splits, shapes) for r in below)],
                           merged_ranges=_shifted(sheet.merged_ranges, splits))
    return sheet


def _shifted(ranges: list[tuple[int, int, int, int]], splits) -> list[tuple[int, int, int, int]]:
    """The merged ranges (1-based row, column, last row, last column) moved right by the columns split before them,
    so that an institution merged down over its projects still spans them."""
    def moved(column: int) -> int:
        return column + sum(1 for j in splits if j < column - 1)
    return [(r1, moved(c1), r2, moved(c2) + (c2 - 1 in splits)) for r1, c1, r2, c2 in ranges or ()]


def _lines(cell) -> list[str]:
    """A cell's values: its lines, or the two sides of one line of numbers written "1 500 / 1 350" (not a label
    in two languages: "Cible / Target")."""
    lines = [line.strip() for line in cell.split("\n") if line.strip()] if isinstance(cell, str) else []
    if len(lines) == 1 and lines[0].count(" / ") == 1 and _DIGIT.search(lines[0]):
        lines = [part.strip() for part in lines[0].split(" / ")]
    return lines


def _shapes(rows: list[list], index: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """How often each of the two lines of the column's cells holds a digit ("Service de dermatologie" over "C3M -
    U1065": never, always), and how many words it has on average: a cell of one line goes to the part it looks
    like."""
    pairs = [lines for r in rows if index < len(r) and len(lines := _lines(r[index])) == 2]
    if not pairs:
        return (0.0, 0.0), (0.0, 0.0)
    digits = tuple(sum(bool(_DIGIT.search(p[k])) for p in pairs) / len(pairs) for k in (0, 1))
    words = tuple(sum(len(p[k].split()) for p in pairs) / len(pairs) for k in (0, 1))
    return digits, words


def _header_like(row: list) -> bool:
    """A row that may be a header: two texts or more, nothing but text, no e-mail, no date or number."""
    cells = [c for c in row if not is_blank(c)]
    return len(cells) >= 2 and all(isinstance(c, str) and "@" not in c and not _WRITTEN_DATE.search(c) for c in cells)


def _header_parts(text: str) -> tuple[str, str] | None:
    """The two columns a header names: "Montants (demandé / obtenu)" -> ("Montants demandé", "Montants obtenu"),
    "Statut (date de résultat)" -> ("Statut", "date de résultat"), "Programme / appel" -> ("Programme", "appel")."""
    lines = [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    if len(lines) == 2:
        base, second = lines[0], lines[1].lstrip("+ ").strip()
        if second.startswith("/") and (rest := second.lstrip("/ ").strip()) and "/" not in rest:
            return base, rest  # "Établissement⏎/ unité": the parting "/" wrapped to the second line
        if not (_BRACKETED.match(second) or "/" in second or lines[1].startswith("+")):
            return None  # "Date de⏎détection", "Intitulé du⏎projet": one name wrapped, not two
        inner = m[1].strip() if (m := _BRACKETED.match(second)) else second
        halves = [p.strip() for p in inner.split("/")]
        if len(halves) == 2 and all(halves):
            return f"{base} {halves[0]}", f"{base} {halves[1]}"
        return (base, inner) if inner and "/" not in inner else None
    if len(lines) == 1 and lines[0].count(" / ") == 1 and "(" not in lines[0]:
        first, second = (p.strip() for p in lines[0].split(" / "))  # "450 k€ / an" is a value, not two headers
        return (first, second) if _WORD_FIRST.match(first) and _WORD_FIRST.match(second) else None
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


def _split_row(row: list, splits: dict[int, tuple[str, str]], shapes: dict | None = None) -> list:
    """The header (no ``shapes``) or a data row with each split column made two."""
    out: list = []
    for j, cell in enumerate(row):
        if j not in splits:
            out.append(cell)
        elif shapes is None:
            out.extend(splits[j])
        else:
            out.extend(_values(cell, splits[j], shapes[j]))
    return out


def _values(cell, parts: tuple[str, str], shapes) -> tuple:
    """A cell's two values: its two lines, brackets and labels left out ("(19/09/2021)", "Obtenu : —"); a cell of
    one line is the value of the part it looks like (the first of a value and one added in brackets; else by its
    digits, or its length), the other part empty."""
    lines = [_unlabelled(_BRACKETED.sub(r"\1", line).strip()) for line in _lines(cell)]
    if len(lines) == 2:
        return tuple(lines)
    if len(lines) != 1:
        return cell, None
    if (k := _part_of(_lines(cell)[0], parts)) is not None:  # "DI : 31/07/23": the value of the part it names
        return (lines[0], None) if k == 0 else (None, lines[0])
    (digits, words, added), line = shapes, lines[0]
    if added:  # "Intitulé⏎(acronyme)": a line alone is the title, unless in brackets itself ("(19/09/2021)")
        second = bool(_BRACKETED.match(_lines(cell)[0]))
    elif abs(digits[0] - digits[1]) >= DISTINCT_DIGITS:
        has = 1.0 if _DIGIT.search(line) else 0.0
        second = abs(digits[1] - has) < abs(digits[0] - has)
    else:
        count = len(line.split())
        second = abs(words[1] - count) < abs(words[0] - count)
    return (None, cell) if second else (cell, None)


def _added(header: str) -> bool:
    """Whether a header names a value and, in brackets on its second line, one added to it ("Intitulé du projet⏎
    (acronyme)", "Statut⏎(date de résultat)"; not two halves: "Montants⏎(demandé / obtenu)")."""
    lines = [line.strip() for line in header.split("\n") if line.strip()]
    return len(lines) == 2 and bool(m := _BRACKETED.match(lines[1])) and "/" not in m[1]


def _unlabelled(text: str) -> str:
    """"Demandé : 2 785 000 €" -> "2 785 000 €"."""
    m = _LABELLED.match(text)
    return m[2].strip() if m else text
