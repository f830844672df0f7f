"""Start-up rounds kept one line per investor's ticket ("Start-up | Round | Closing date | Investor | Lead investor |
Ticket (€)"): the lines of one round (same start-up, date and kind) add up to the round.

A sheet is such a ledger when an investor column (a header with a word of ``investor_header_words``,
``vocab/words.yaml``) stands beside the amount and some round has several lines. Each line of a round is given the
round's amount: the lines then read as one round written several times, kept once (the others are listed as exact
duplicates); a ticket typed twice (the same investors and amount) counts once. A round with a ticket that cannot be read
has no known amount: each of its lines is given that ticket's text, and the round is quarantined. Lines that list
several investors each ("Kurma Partners, Jeito") are rounds with their investors, not tickets. An amount whose
header says it is the round's ("Montant du tour", "Amount raised": ``round_amount_header_words``) is the round's on
each of its investors' lines: nothing is added up.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import ParseError
from ..textnorm import tokens
from .reading import RawSheet, is_blank
from .recognition import Recognition

KEY = ("startup_id", "round_date", "round_type")
_LIST = re.compile(r"[,;/+&\n]")


def with_tickets(sheet: RawSheet, rec: Recognition, ctx) -> tuple[RawSheet, str] | None:
    """``sheet`` with each round's tickets summed on each of its lines, and a note; None when it is no ledger of
    tickets."""
    if rec.table != "startup_rounds" or rec.grid is not None:
        return None
    columns = {m.column: m for m in rec.columns}
    amount = columns.get("amount_eur")
    if amount is None or "startup_id" not in columns or "round_date" not in columns:
        return None
    if set(tokens(str(amount.header))) & ctx.words.round_amount_header_words:
        return None  # "Montant du tour" on each investor's line: the round's amount, repeated
    header = sheet.rows[rec.header_index]
    investors = [j for j, c in enumerate(header) if j not in rec.mapped_indexes and isinstance(c, str)
                 and set(tokens(c)) & ctx.words.investor_header_words]
    if not investors:
        return None
    keys = [columns[c].index for c in KEY if c in columns]
    first = rec.header_index + 1
    cell = lambda row, j: row[j] if j < len(row) else None  # noqa: E731
    rounds: dict[tuple, list[int]] = {}
    for i, row in enumerate(sheet.rows[first:], start=first):
        if not is_blank(cell(row, amount.index)) and not is_blank(cell(row, keys[0])):
            rounds.setdefault(tuple(" ".join(str(cell(row, j)).split()) for j in keys), []).append(i)
    several = [i for lines in rounds.values() if len(lines) > 1 for i in lines]
    if sum(_lists_several(cell(sheet.rows[i], j)) for i in several for j in investors[:1]) * 2 > len(several):
        return None  # "Kurma Partners,Jeito,Truffle Capital": each line a round with its investors, not a ticket
    rows, summed = None, 0
    for lines in rounds.values():
        if len(lines) < 2:
            continue
        seen = {}  # a ticket typed twice (same investors, same amount) is one ticket, as an exact duplicate is one row
        for i in lines:
            seen.setdefault(tuple(" ".join(str(cell(sheet.rows[i], j)).split()) for j in (*investors, amount.index)), i)
        rows = rows or [list(r) for r in sheet.rows]
        try:
            total = sum(ctx.parsers.parse_money(sheet.rows[i][amount.index], amount.multiplier or 1.0)
                        for i in seen.values())
            written = f"{total:.2f} €".replace(".", ",")  # in euros, said so: the header's unit does not apply again
        except (ParseError, TypeError):  # the round's amount is not known: every line says why (quarantined)
            written = next(c for i in seen.values() if _unreadable(c := sheet.rows[i][amount.index], amount, ctx))
        for i in lines:
            rows[i][amount.index] = written
        summed += 1
    if not summed:
        return None
    note = f"one line per investor's ticket: the tickets of each round are added up ({summed} rounds of several tickets)"
    return replace(sheet, rows=rows), note


def _lists_several(cell) -> bool:
    """Whether an investor cell lists several investors ("Bpifrance, Kurma Partners")."""
    return isinstance(cell, str) and len([p for p in _LIST.split(cell) if p.strip()]) > 1


def _unreadable(cell, amount, ctx) -> bool:
    """The ticket's amount cannot be read, or says it is not known ("undisclosed")."""
    try:
        return ctx.parsers.parse_money(cell, amount.multiplier or 1.0) is None
    except (ParseError, TypeError):
        return True
