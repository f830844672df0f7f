"""An accounting export's amounts kept in two columns, "Débit | Crédit": a payment on the debit side, a credit note
or a cancellation on the credit side. The sheet gets one more column, "Montant (débit − crédit)", holding each
line's signed amount, which recognition reads as the line's amount (:mod:`.instalments` then adds up the lines of
one commitment). The header words are ``debit_header_words`` and ``credit_header_words`` of ``vocab/words.yaml``.

A line whose debit or credit cannot be read keeps that text in the new column: it is quarantined as any unreadable
amount is, saying why.
"""

from __future__ import annotations

from dataclasses import replace

from ..errors import ParseError
from ..textnorm import tokens
from .reading import RawSheet, is_blank
from .recognition import header_cells

SIGNED_HEADER = "Montant (débit − crédit)"
MAX_HEADER_ROW = 15  # title and extraction lines above an export's header
MAX_HEADER_WORDS = 3  # "Débit", "Montant débit (€)": a short header, not a sentence that mentions a debit


def with_signed_amounts(sheet: RawSheet, words, parsers) -> RawSheet:
    """``sheet`` with a column of signed amounts (débit − crédit) after its last, or ``sheet`` itself when no header
    row has exactly one debit and one credit column."""
    if (found := _header(sheet, words)) is None:
        return sheet
    i, debit, credit = found
    width = max(len(r) for r in sheet.rows)
    rows = [list(r) + [None] * (width - len(r)) for r in sheet.rows]
    rows[i].append(SIGNED_HEADER)
    for row in rows[i + 1:]:
        row.append(_signed(row[debit], row[credit], parsers))
    for row in rows[:i]:
        row.append(None)
    return replace(sheet, rows=rows)


def _header(sheet: RawSheet, words) -> tuple[int, int, int] | None:
    """(header row, debit column, credit column) of the first row with one of each, or None."""
    for i, row in enumerate(sheet.rows[:MAX_HEADER_ROW]):
        debit, credit = (_columns(row, side) for side in (words.debit_header_words, words.credit_header_words))
        if len(debit) == 1 and len(credit) == 1 and debit != credit:
            return i, debit[0], credit[0]
    return None


def _columns(row: list, side: frozenset[str]) -> list[int]:
    return [j for j, text in header_cells(row) if len(words := tokens(text)) <= MAX_HEADER_WORDS and set(words) & side]


def _signed(debit, credit, parsers):
    """débit − crédit in euros; the unreadable side's text when one cannot be read; None when both are empty."""
    if is_blank(debit) and is_blank(credit):
        return None
    try:
        return (parsers.parse_money(debit) or 0.0) - (parsers.parse_money(credit) or 0.0)
    except ParseError:
        return next(c for c in (debit, credit) if not is_blank(c) and not parsers.is_money(c))
