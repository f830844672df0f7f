"""Commitments amended in the ledger that records them: an accounting export writes each correction or amendment of a
commitment as a line of its own that names the commitment it changes in a column of references ("RG-2019-0004 |
Correction | EJ d'origine: EJ-2019-0023 | -760 500,00 €", "EJ-2021-0042/AV1 | Avenant | EJ-2021-0042 | 55 500,00 €"),
or a credit note of a negative amount whose remark names it ("AV-2020-01 | Avoir | -1 500 | Avoir sur engagement
ENG-2020-0030").
The commitment stays one funding line, dated as committed, whose amount is its own plus those of the lines naming
it; each such line is dropped with the reason, naming the line it was added to. A commitment its corrections bring
to zero was cancelled: it is dropped too, with the reason.

The column of references is found by its values, not its header: sparse (at most half the lines), each of its
cells the number of another line of the sheet.

A general ledger writes every line of a commitment with the commitment's number, and says each line's kind in its
journal ("Engagements", "Corrections d'engagements", "Banque - décaissements"): a correction is added to the
commitment's line of the same number, a payment is no funding line (dropped with why). The journal is found by its
values: a column of a few labels, one of commitments and one of corrections or payments (``vocab/words.yaml``).
"""

from __future__ import annotations

import re
from itertools import zip_longest
from typing import TYPE_CHECKING

from ..errors import ParseError
from ..textnorm import fold
from .reading import is_blank
from .recognition import Recognition

if TYPE_CHECKING:
    from .normalising import Context

MAX_AMENDING_SHARE = 0.5  # of a ledger's lines that may amend another: more, and the column is something else
MAX_JOURNALS = 8  # labels of a ledger's column of journals


def with_amendments(data_rows: list[list], rec: Recognition, ctx: Context, first: int
                    ) -> tuple[list[list], dict[int, str]]:
    """(``data_rows`` with each amended commitment's amount made the sum of its lines, offset -> why of each line
    added to another or cancelled); the rows unchanged and nothing dropped when the sheet amends nothing.
    ``first``: the spreadsheet row of the first data row."""
    if rec.table != "funding":
        return data_rows, {}
    ids = next((m.index for m in rec.columns if m.column == "funding_id"), None)
    money = next((m for m in rec.columns if m.column == "amount_eur"), None)
    if ids is None or money is None:
        return data_rows, {}
    journal = journal_lines(data_rows, ids, rec.mapped_indexes, ctx.words)
    sparse = [] if journal else _sparse_columns(data_rows, ids, rec.mapped_indexes)
    if not sparse and not journal:
        return data_rows, {}  # no column of references: the usual case, the lines are not looked at one by one
    line_of = {_text(row[ids]): i for i, row in enumerate(data_rows) if ids < len(row) and _text(row[ids])}
    references, paid = journal or (_references(data_rows, sparse, line_of)
                                   or _credit_notes(data_rows, sparse, line_of, money, ctx), {})
    if not references and not paid:
        return data_rows, {}
    amounts: dict[int, float] = {}
    added: dict[int, list[int]] = {}
    for i, origin in references.items():
        try:
            own, more = (_amount(data_rows[k], money.index, money.multiplier, ctx) for k in (origin, i))
        except ParseError:
            continue  # an amount that cannot be read: the line is read (and quarantined) on its own
        if own is None or more is None:
            continue
        amounts[origin] = amounts.get(origin, own) + more
        added.setdefault(origin, []).append(i)
    rows = list(data_rows)
    why: dict[int, str] = dict(paid)
    for origin, lines in added.items():
        name = _text(rows[origin][ids])
        for i in lines:
            why[i] = (f"correction or amendment of {name} (row {first + origin}): its amount is counted in that "
                      "line's")
        if abs(amounts[origin]) < 0.005:
            why[origin] = f"cancelled: the lines amending it (rows {', '.join(str(first + i) for i in lines)}) " \
                          "bring its amount to 0"
            continue
        row = list(rows[origin])
        row[money.index] = amounts[origin] / (money.multiplier or 1.0)
        rows[origin] = row
    return rows, why


def journal_lines(data_rows: list[list], ids: int, mapped: set[int], words
                   ) -> tuple[dict[int, int], dict[int, str]] | None:
    """(offset of each correction -> that of the commitment of its number, offset of each payment -> why) from the
    column of journal labels, or None when the sheet has none."""
    for j, column in enumerate(zip_longest(*data_rows)):
        if j in mapped or j == ids:
            continue
        labels = {i: _text(v) for i, v in enumerate(column) if not is_blank(v)}
        distinct = set(labels.values())
        if len(labels) < len(data_rows) // 2 or not 2 <= len(distinct) <= MAX_JOURNALS:
            continue
        kinds = {label: _journal_kind(label, words) for label in distinct}
        if "commitment" not in kinds.values() or not {"correction", "payment"} & set(kinds.values()):
            continue
        kind_of = {i: kinds[label] for i, label in labels.items()}
        commitment_of: dict[str, int] = {}
        for i, row in enumerate(data_rows):
            if kind_of.get(i) == "commitment" and ids < len(row) and _text(row[ids]):
                commitment_of.setdefault(_text(row[ids]), i)
        number = {i: _text(row[ids]) if ids < len(row) else "" for i, row in enumerate(data_rows)}
        corrections = {i: commitment_of[number[i]] for i in kind_of if kind_of[i] == "correction"
                       and number[i] in commitment_of}
        paid = {i: f"a payment of {number[i] or 'a commitment'} ({labels[i]}): no funding line" for i in kind_of
                if kind_of[i] == "payment"}
        if corrections or any(number[i] in commitment_of for i in paid):  # lines of one commitment share its number
            return corrections, paid
    return None


def _journal_kind(label: str, words) -> str | None:
    """What a journal's label says its lines are: corrections, payments or commitments."""
    said = set(fold(label).split())
    if said & words.correction_journal_words:
        return "correction"
    if said & words.payment_journal_words:
        return "payment"
    commitments = words.commitment_header_words
    return "commitment" if said & (commitments | {f"{w}s" for w in commitments}) else None


def _sparse_columns(data_rows: list[list], ids: int, mapped: set[int]) -> list[int]:
    """The columns left out of the table filled on some lines but at most half of them (counted column-wise)."""
    columns = list(zip_longest(*data_rows))
    out = []
    for j, column in enumerate(columns):
        if j in mapped or j == ids:
            continue
        filled = len(column) - column.count(None) - column.count("")
        if 0 < filled <= MAX_AMENDING_SHARE * len(column):
            out.append(j)
    return out


def _references(data_rows: list[list], columns: list[int], line_of: dict[str, int]) -> dict[int, int]:
    """offset -> the offset of the line it names, from the one of ``columns`` whose filled cells each name another
    line's number; empty when none does, or two do."""
    found: dict[int, int] = {}
    for j in columns:
        named = {i: _text(row[j]) for i, row in enumerate(data_rows) if j < len(row) and not is_blank(row[j])}
        if not named or len(named) > MAX_AMENDING_SHARE * len(line_of):
            continue
        if all(line_of.get(v, i) != i for i, v in named.items()):
            if found:
                return {}  # two such columns: which one amends is not guessed
            found = {i: line_of[v] for i, v in named.items()}
    return found


_WORD = re.compile(r"[^\s,;:()«»\"']+")


def _credit_notes(data_rows: list[list], columns: list[int], line_of: dict[str, int], money, ctx: Context
                  ) -> dict[int, int]:
    """offset -> the offset of the line it reduces, for each line of a negative amount whose remark names one other
    line and that says it is a credit note ("AV-2020-01 | Avoir | -1 500 | Avoir sur engagement ENG-2020-0030"; the
    words are ``credit_note_words``): a credit note on that commitment. A cancellation that says no more ("annule
    partiellement ITM-2021-01") stays a line of its own (quarantined for its negative amount, as before)."""
    found: dict[int, int] = {}
    for i, row in enumerate(data_rows):
        named = {line_of[w] for j in columns if j < len(row) and isinstance(row[j], str)
                 for w in _WORD.findall(row[j]) if line_of.get(w, i) != i}
        said = f" {fold(' '.join(c for c in row if isinstance(c, str)))} "
        if len(named) != 1 or not any(f" {w} " in said for w in ctx.words.credit_note_words):
            continue
        try:
            amount = _amount(row, money.index, money.multiplier, ctx)
        except ParseError:
            continue
        if amount is not None and amount < 0:
            found[i] = named.pop()
    return found


def _amount(row: list, index: int, multiplier: float | None, ctx: Context) -> float | None:
    raw = row[index] if index < len(row) else None
    return None if is_blank(raw) else ctx.parsers.parse_money(raw, multiplier or 1.0)


def _text(value) -> str:
    return " ".join(str(value).split()) if not is_blank(value) else ""
