"""Commitments amended in the ledger that records them: an accounting export writes each correction or amendment of a
commitment as a line of its own that names the commitment it changes in a column of references ("RG-2019-0004 |
Correction | EJ d'origine: EJ-2019-0023 | -760 500,00 €", "EJ-2021-0042/AV1 | Avenant | EJ-2021-0042 | 55 500,00 €").
The commitment stays one funding line, dated as committed, whose amount is its own plus those of the lines naming
it; each such line is dropped with the reason, naming the line it was added to. A commitment its corrections bring
to zero was cancelled: it is dropped too, with the reason.

The column of references is found by its values, not its header: sparse (at most half the lines), each of its
cells the number of another line of the sheet.
"""

from __future__ import annotations

from itertools import zip_longest
from typing import TYPE_CHECKING

from ..errors import ParseError
from .reading import is_blank
from .recognition import Recognition

if TYPE_CHECKING:
    from .normalising import Context

MAX_AMENDING_SHARE = 0.5  # of a ledger's lines that may amend another: more, and the column is something else


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
    sparse = _sparse_columns(data_rows, ids, rec.mapped_indexes)
    if not sparse:
        return data_rows, {}  # no column of references: the usual case, the lines are not looked at one by one
    line_of = {_text(row[ids]): i for i, row in enumerate(data_rows) if ids < len(row) and _text(row[ids])}
    references = _references(data_rows, sparse, line_of)
    if not references:
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
    why: dict[int, str] = {}
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


def _amount(row: list, index: int, multiplier: float | None, ctx: Context) -> float | None:
    raw = row[index] if index < len(row) else None
    return None if is_blank(raw) else ctx.parsers.parse_money(raw, multiplier or 1.0)


def _text(value) -> str:
    return " ".join(str(value).split()) if not is_blank(value) else ""
