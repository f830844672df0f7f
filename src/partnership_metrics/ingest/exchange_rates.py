"""Amounts in each row's own currency beside the rate that converts them to euros: a database's export of rounds
("amount | currency_iso4217 | fx_rate_to_eur": 2 500 000 USD at 0.9241). Each amount of a money column whose header
names no unit is multiplied by its row's rate (rounded to the cent); a row without a rate keeps its amount (in euros
already); an amount that is no number beside a rate is unreadable, never read as euros. The words that make a header an exchange rate are ``exchange_rate_words`` and ``rate_words`` of
``vocab/words.yaml``."""

from __future__ import annotations

from dataclasses import replace

from ..schemas import TABLES
from ..textnorm import tokens
from .code_lists import UnlistedCode
from .header_units import header_unit
from .reading import RawSheet, is_blank
from .recognition import Recognition


def _number(cell) -> float | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (int, float)):
        return float(cell)
    if isinstance(cell, str):
        try:  # "2 500 000", "0,9241"
            return float("".join(cell.split()).replace(",", "."))
        except ValueError:
            return None
    return None


def rate_column(sheet: RawSheet, rec: Recognition, words) -> int | None:
    """The column of ``sheet`` (kept out of the table) whose header names a rate to euros, when there is one."""
    header = sheet.rows[rec.header_index]
    found = [j for j, cell in enumerate(header) if j not in rec.mapped_indexes and isinstance(cell, str)
             and set(tokens(cell)) & words.exchange_rate_words and set(tokens(cell)) & words.rate_words]
    return found[0] if len(found) == 1 else None


def with_exchange_rates(sheet: RawSheet, rec: Recognition, words) -> tuple[RawSheet, str]:
    """(``sheet`` with the amounts of its money columns converted to euros at each row's rate, a note saying so)
    (see the module's docstring); ``(sheet, "")`` when it has no rate column."""
    amounts = [m.index for m in rec.columns if TABLES[rec.table].column(m.column).kind == "money"
               and m.multiplier is None and header_unit(m.header)[1] is None]
    if not amounts or (rate := rate_column(sheet, rec, words)) is None:
        return sheet, ""
    rows = list(sheet.rows[: rec.header_index + 1])
    for row in sheet.rows[rec.header_index + 1 :]:
        factor = _number(row[rate]) if rate < len(row) and not is_blank(row[rate]) else None
        if factor is not None and factor > 0:
            row = list(row)
            for j in amounts:
                if j < len(row) and (amount := _number(row[j])) is not None:
                    row[j] = round(amount * factor, 2)
                elif j < len(row) and not is_blank(row[j]) and factor != 1:  # "2,5 M$": unreadable, said so
                    row[j] = UnlistedCode(str(row[j]), f"an amount at the rate {row[rate]} to euros that is not a number")
        rows.append(row)
    header = " ".join(str(sheet.rows[rec.header_index][rate]).split())
    return replace(sheet, rows=rows), f"amounts converted to euros at each row's {header!r}"
