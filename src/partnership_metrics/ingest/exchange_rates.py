"""Amounts in each row's own currency beside the rate that converts them to euros: a database's export of rounds
("amount | currency_iso4217 | fx_rate_to_eur": 2 500 000 USD at 0.9241). Each amount of a money column whose header
names no unit is multiplied by its row's rate (rounded to the cent); a row without a rate keeps its amount (in euros
already); an amount that is no number beside a rate is unreadable, never read as euros. The words that make a header an exchange rate are ``exchange_rate_words`` and ``rate_words`` of
``vocab/words.yaml``.

A board's export may state its rates once, in a note above the table ("1 CHF = 1.05 EUR and 1 USD = 0.92 EUR"),
beside a currency column: each amount of a row in a stated currency is converted at its rate; an amount in a currency
whose rate is not stated is unreadable, never read as euros."""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import ParseError
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


_STATED = re.compile(r"\b1\s*(?P<currency>[A-Z]{3})\s*=\s*(?P<rate>\d+(?:[.,]\d+)?)\s*(?:EUR\b|€)")
_EURO = frozenset({"", "EUR", "€", "EURO", "EUROS"})


def stated_rates(rows: list[list]) -> dict[str, float]:
    """Currency -> rate to euros, as lines above a table state them ("1 CHF = 1.05 EUR and 1 USD = 0.92 EUR")."""
    return {found["currency"]: float(found["rate"].replace(",", ".")) for row in rows for cell in row
            if isinstance(cell, str) for found in _STATED.finditer(cell)}


def with_exchange_rates(sheet: RawSheet, rec: Recognition, words, parsers) -> tuple[RawSheet, str]:
    """(``sheet`` with the amounts of its money columns converted to euros at each row's rate, a note saying so)
    (see the module's docstring); ``(sheet, "")`` when it has no rate column and states no rates."""
    money = [m for m in rec.columns if TABLES[rec.table].column(m.column).kind == "money"
             and header_unit(m.header)[1] is None]
    if not money:
        return sheet, ""
    amounts = [m.index for m in money if m.multiplier is None]
    if (rate := rate_column(sheet, rec, words)) is None:  # the note's "… EUR" may have made them euros: not so
        stated = [m.index for m in money if m.multiplier in (None, 1.0)]
        return _at_stated_rates(sheet, rec, words, parsers, stated) if stated else (sheet, "")
    if not amounts:
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


def _at_stated_rates(sheet: RawSheet, rec: Recognition, words, parsers, amounts: list[int]) -> tuple[RawSheet, str]:
    """``sheet`` with the amounts of each row in a currency the lines above the table state a rate for converted
    (``(sheet, "")`` when they state none or no column names the currency)."""
    rates = stated_rates(sheet.rows[: rec.header_index])
    header = sheet.rows[rec.header_index]
    currencies = [j for j, cell in enumerate(header) if j not in rec.mapped_indexes and isinstance(cell, str)
                  and set(tokens(cell)) & words.currency_header_words]
    if not rates or len(currencies) != 1:
        return sheet, ""
    rows = list(sheet.rows[: rec.header_index + 1])
    for row in sheet.rows[rec.header_index + 1 :]:
        code = str(row[currencies[0]]).strip().upper() if currencies[0] < len(row) else ""
        if code not in _EURO:
            row = list(row)
            for j in amounts:
                if j < len(row) and not is_blank(row[j]):
                    row[j] = _converted(row[j], code, rates, parsers)
        rows.append(row)
    return replace(sheet, rows=rows), f"amounts in {', '.join(sorted(rates))} converted to euros at the rates " \
                                      "stated above the table"


def _converted(cell, code: str, rates: dict[str, float], parsers):
    if code not in rates:
        return UnlistedCode(str(cell), f"an amount in {code}, whose rate to euros the sheet does not state")
    try:
        amount = parsers.parse_money(cell)
    except ParseError:
        amount = None
    if amount is None:
        return UnlistedCode(str(cell), f"an amount in {code} that is not a number")
    return round(amount * rates[code], 2)
