"""An accounting export writes the direction of money as its sign: a journal of commitments (charges) negative, one
of co-funding received positive ("Journal: ENG" lines at "-77 500,00", "COF" at "217 500,00"). The amount of a
funding line is what was committed, whatever the direction: when a column of journals has a journal whose every
line is negative beside one with positive lines, that journal's amounts are read as their absolute value, and the
sheet's note says so.

A negative amount among positive ones of the same journal (a credit note, a cancellation) keeps its sign, and with
it the quarantine or the reading as a cancellation it gets elsewhere. (A journal of credit notes only would be read
as commitments: no export seen keeps one.)
"""

from __future__ import annotations

import re

from ..textnorm import fold
from .reading import is_blank
from .recognised import Recognition

MAX_JOURNALS = 12  # distinct values of a column of journals at most
MIN_LINES = 2  # of each sign
_NEGATIVE = re.compile(r"^\s*[-−–]\s*(?=\d)|(?<=\d)\s*[-−–]\s*$")  # "-12 000,00", Cegid's "12 000,00-"


def charges_unsigned(rows: list[list], rec: Recognition, words, amending: set[int] = frozenset()
                     ) -> tuple[list[list], str | None]:
    """``rows`` (a funding sheet's data rows) with the negative amounts of the journals written negative unsigned,
    and the note that says so; unchanged and None when the signs follow no column of journals. ``amending``: the
    rows that correct or amend another (already added to it), left out; a journal named as such ("Correction",
    "Avoir": ``words.reversal_words``) is never unsigned."""
    amount = next((m.index for m in rec.columns if m.column == "amount_eur"), None) if rec.table == "funding" else None
    if amount is None:
        return rows, None
    signs = {i: s for i, r in enumerate(rows)
             if i not in amending and amount < len(r) and (s := _sign(r[amount])) is not None}
    if sum(1 for s in signs.values() if s < 0) < MIN_LINES or sum(1 for s in signs.values() if s > 0) < MIN_LINES:
        return rows, None
    for j in range(max(len(r) for r in rows)):
        if j == amount:
            continue
        by_journal: dict[str, set[int]] = {}
        for i, s in signs.items():
            if j < len(rows[i]) and not is_blank(rows[i][j]):
                by_journal.setdefault(" ".join(str(rows[i][j]).split()), set()).add(s)
        written = sum(1 for i in signs if j < len(rows[i]) and not is_blank(rows[i][j]))
        if not 2 <= len(by_journal) <= min(MAX_JOURNALS, written / 2) or written < len(signs) - 2:
            continue  # a journal repeats over its lines (an id is none); a total line or two below name no journal
        negative = sorted(k for k, s in by_journal.items() if s == {-1} and not set(fold(k).split()) & words.reversal_words)
        if not negative or len(negative) == len(by_journal):
            continue
        journals = set(negative)
        out = [list(r) for r in rows]
        for i in signs:
            if signs[i] < 0 and j < len(out[i]) and " ".join(str(out[i][j]).split()) in journals:
                out[i][amount] = _unsigned(out[i][amount])
        shown = ", ".join(repr(k) for k in negative)
        return out, f"amounts of the {shown} lines written negative (the export's sign for money paid out): read as " \
                    "their absolute value"
    return rows, None


def _sign(cell) -> int | None:
    if isinstance(cell, bool) or is_blank(cell):
        return None
    if isinstance(cell, (int, float)):
        return -1 if cell < 0 else 1 if cell > 0 else None
    text = str(cell)
    if not any(ch.isdigit() for ch in text):
        return None
    return -1 if _NEGATIVE.search(text) else 1


def _unsigned(cell):
    if isinstance(cell, (int, float)):
        return abs(cell)
    return _NEGATIVE.sub("", str(cell)).strip()
