"""Funding kept as a ledger of payments: one line per instalment of a commitment ("N° engagement | Date décision |
… | N° pièce | Échéance | Montant réglé"), a credit note as a negative line of the same commitment. The funding line
is the commitment: its lines add up to its amount.

A sheet is such a ledger when a header says its lines are payments (a word of ``payment_header_words``,
``vocab/words.yaml``) and a column whose header names the commitment (``commitment_header_words``) holds codes, some
on several lines that agree on every other column read (project, funder, instrument, decision date). That column
becomes the funding line's id (rather than the payment's own number, "N° pièce"), and each line of a commitment is
given the commitment's total: the lines then read as one funding line written several times, kept once (the others
are listed as exact duplicates). A payment exported twice (the same line, cell for cell) counts once. A commitment
with an amount that cannot be read has no known total: each of its lines is given that text, and it is quarantined.
Lines of one number that disagree (another project, another date) are left as they are: a conflict, unless a
column of journals says each line's kind (SIFAC's "Engagement | Liquidation | Annulation"): the commitment's number is
then the id, and amendments.py reads the payments and corrections as such.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import ParseError
from ..textnorm import tokens
from .amendments import journal_lines
from .codebooks import code_text
from .reading import RawSheet, is_blank
from .recognised import ColumnMatch, Recognition
from .recognition import header_cells

_CODE = re.compile(r"[\w./-]*\d[\w./-]*")  # "ENG21-004", "2021-0042": a number, not a wording
MIN_CODES = 0.9  # of the column's written cells


def with_instalments(sheet: RawSheet, rec: Recognition, ctx) -> tuple[RawSheet, Recognition, str] | None:
    """``sheet`` with each commitment's payments summed on each of its lines, the recognition reading the
    commitment's number as the funding line's id, and a note; None when the sheet is no ledger of payments."""
    if rec.table != "funding" or rec.grid is not None:
        return None
    columns = {m.column: m for m in rec.columns}
    amount, current = columns.get("amount_eur"), columns.get("funding_id")
    header = header_cells(sheet.rows[rec.header_index])
    if amount is None or not any(set(tokens(text)) & ctx.words.payment_header_words for _, text in header):
        return None
    first = rec.header_index + 1
    others = [m.index for m in rec.columns if m.column not in ("amount_eur", "funding_id")]
    for index, text in header:
        if (index in rec.mapped_indexes and (current is None or index != current.index)) or not (
                set(tokens(text)) & ctx.words.commitment_header_words):
            continue
        groups = _commitments(sheet.rows, first, index)
        several = [lines for lines in groups.values() if len(lines) > 1]
        agreeing = [lines for lines in several if len({_cells(sheet.rows[i], others) for i in lines}) == 1]
        if agreeing and len(agreeing) * 2 >= len(several):
            break
        if several and journal_lines(sheet.rows[first:], index, set(others), ctx.words):
            agreeing = []  # a journal says each line's kind: its payments and corrections are read as such
            break          # (amendments.py), by the commitment's number
    else:
        return None
    rows = [list(r) for r in sheet.rows]
    for lines in agreeing:
        written = _total(sheet, lines, amount, ctx.parsers)
        for i in lines:
            rows[i][amount.index] = written
    matches = [m for m in rec.columns if m.column != "funding_id"] + [ColumnMatch(index, text, "funding_id")]
    unknown = list(rec.unknown)
    if text in unknown:
        unknown.remove(text)
    unknown += [current.header] if current is not None and current.index != index else []
    note = (f"one line per payment: the lines of each commitment ('{text}') are added up ({len(agreeing)} "
            "commitments of several lines)") if agreeing else (
        f"a ledger of commitments, payments and corrections: each commitment's number ('{text}') is its funding line's id")
    return replace(sheet, rows=rows), replace(rec, columns=matches, unknown=unknown), note


def _commitments(rows: list[list], first: int, index: int) -> dict[str, list[int]]:
    """Commitment number -> its lines (indexes in ``rows``); empty when the column holds no codes."""
    groups: dict[str, list[int]] = {}
    written = 0
    for i in range(first, len(rows)):
        cell = rows[i][index] if index < len(rows[i]) else None
        if is_blank(cell):
            continue
        written += 1
        whole = isinstance(cell, str) or (isinstance(cell, (int, float)) and float(cell).is_integer())
        if whole and _CODE.fullmatch(code := code_text(cell)):  # (a number typed as a number: its digits)
            groups.setdefault(code, []).append(i)
    return groups if written and sum(map(len, groups.values())) >= MIN_CODES * written else {}


def _cells(row: list, indexes: list[int]) -> tuple[str, ...]:
    return tuple(" ".join(str(row[j]).split()) if j < len(row) and not is_blank(row[j]) else "" for j in indexes)


def _total(sheet: RawSheet, lines: list[int], amount: ColumnMatch, parsers) -> str:
    """The commitment's total in euros, said so (the header's unit does not apply again); the unreadable amount's
    text when one line's cannot be read."""
    payments = {tuple(map(str, sheet.rows[i])): sheet.rows[i][amount.index] for i in lines}  # a line exported twice
    try:
        total = sum(parsers.parse_money(cell, amount.multiplier or 1.0) or 0.0 for cell in payments.values())
    except (ParseError, TypeError):
        return next(cell for cell in payments.values() if not parsers.is_money(cell, amount.multiplier or 1.0))
    return f"{total:.2f} €".replace(".", ",")

