"""A funding line whose funder cell names several funders with their shares ("IT 110k€ + CPP 65k€"), as a committee's
log writes a co-funded decision on one row beside its total ("Amount (k€)": 175): one funding line per funder, each
with its share. Only when every part of the cell names one funder and one amount and the shares add up to the row's
amount (or the row gives none); any other cell is read as before. Each line keeps the row as its source; a line's id
is the row's, followed by ``-1``, ``-2`` … in the cell's order.

A project's text of other funding ("Région 150 k€ (08/03/2021) + Bpifrance prêt 45 k€ (T4 2022)") is read by
:func:`dated_shares`: each part names its funder, maybe its kind of aid, its amount with its unit and its decision's
date."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..errors import ParseError
from .merged_cells import fill_merged_down
from .normalising import Context, SheetResult, normalise_long
from .reading import RawSheet, is_blank
from .recognition import Recognition

_PARTS = re.compile(r"\s*(?:\+|;|\n)\s*")  # "IT 110k€ + CPP 65k€"; a "/" or "," may be inside a funder's name
_SHARE = re.compile(r"^(?P<name>.*?\D)\s*:?\s*(?P<amount>\d[\d\s.,]*\s*(?:[kKmM]\s*€?|€|[kKmM]EUR|EUR)?)$")
TOLERANCE = 1.0  # euros: the shares written rounded may miss the total by less
# "Bpifrance prêt 100 k€ (07/08/2019)", "ANR 180 000 € – 2021": a unit is required, so "ANR 2021" is no amount
_DATED_SHARE = re.compile(r"^(?P<name>.*?\D)\s*:?\s*(?P<amount>\d[\d\s.,]*\s*(?:[kKmM]\s*€|€|[kKmM]?\s*EUR|[kK]\b))"
                          r"\s*[-–—,]?\s*(?:\((?P<date>[^()]*)\)|(?P<bare>[^()]*))\s*$")


@dataclass(frozen=True)
class DatedShare:
    """One part of a text of co-funding: the funder as written (with its kind of aid), euros, the date as written."""

    name: str
    euros: float
    date: str | None


@dataclass
class FunderShares:
    funder: int  # column indexes
    amount: int
    multiplier: float
    ids: list[int]
    shares: dict[int, list[tuple[str, float]]]  # sheet row index -> (funder as written, euros) of each share


def _shares(cell, total: float | None, ctx: Context) -> list[tuple[str, float]] | None:
    if not isinstance(cell, str):
        return None
    parts = [p for p in _PARTS.split(cell.strip()) if p]
    if len(parts) < 2:
        return None
    shares = []
    for part in parts:
        m = _SHARE.match(part)
        if m is None or ctx.codebook.find("funding", "funder", m["name"].strip(" :-–")) is None:
            return None
        try:
            amount = ctx.parsers.parse_money(m["amount"])
        except ParseError:
            return None
        if amount is None:
            return None
        shares.append((m["name"].strip(" :-–"), amount))
    if total is not None and abs(sum(a for _, a in shares) - total) > TOLERANCE:
        return None
    return shares


def dated_shares(cell, ctx: Context) -> list[DatedShare] | None:
    """The parts of a text of co-funding, each naming a known funder and an amount with its unit, then maybe a date
    ("Région 150 k€ (08/03/2021) + BPI 45 k€ (T4 2022)"); None when a part is not so or its date cannot be read."""
    if not isinstance(cell, str) or not cell.strip():
        return None
    shares = []
    for part in (p for p in _PARTS.split(cell.strip()) if p):
        m = _DATED_SHARE.match(part)
        name = m and m["name"].strip(" :-–—,")
        if not name or ctx.codebook.find("funding", "funder", name) is None:
            return None
        date = (m["date"] if m["date"] is not None else m["bare"] or "").strip() or None
        try:
            euros = ctx.parsers.parse_money(m["amount"])
            if date is not None and ctx.parsers.parse_date(date) is None:
                return None
        except ParseError:
            return None
        if not euros:
            return None
        shares.append(DatedShare(name, euros, date))
    return shares or None


def find_funder_shares(sheet: RawSheet, rec: Recognition, ctx: Context) -> FunderShares | None:
    """The rows of a funding sheet whose funder cell lists several funders with their shares, or None."""
    if rec.table != "funding" or rec.grid is not None:
        return None
    columns = {m.column: m for m in rec.columns}
    if "funder" not in columns or "amount_eur" not in columns:
        return None
    funder, amount = columns["funder"].index, columns["amount_eur"]
    multiplier = amount.multiplier or 1.0
    found = {}
    for i in range(rec.header_index + 1, len(sheet.rows)):
        row = sheet.rows[i]
        cell = row[funder] if funder < len(row) else None
        if not isinstance(cell, str) or not _PARTS.search(cell.strip()):
            continue
        raw = row[amount.index] if amount.index < len(row) else None
        try:
            total = None if is_blank(raw) else ctx.parsers.parse_money(raw, multiplier)
        except ParseError:
            continue
        if (shares := _shares(cell, total, ctx)) is not None:
            found[i] = shares
    if not found:
        return None
    ids = [m.index for m in rec.columns if m.column == "funding_id"]
    return FunderShares(funder, amount.index, multiplier, ids, found)


def normalise_funder_shares(sheet: RawSheet, rec: Recognition, found: FunderShares, ctx: Context) -> SheetResult:
    """One funding line per share of a row that lists several, every other row read as it is."""
    width = max(len(r) for r in sheet.rows)
    long_rows = [list(sheet.rows[rec.header_index]) + [None] * (width - len(sheet.rows[rec.header_index]))]
    origins = []
    first = sheet.first_row
    rows = fill_merged_down(sheet, rec.header_index, sheet.rows[rec.header_index + 1:])  # the lines split lose merges
    for i, row in enumerate(rows, start=rec.header_index + 1):  # every row: blank and total rows as before
        cells = list(row) + [None] * (width - len(row))
        shares = found.shares.get(i)
        if shares is None:
            long_rows.append(cells)
            origins.append((first + i, None))
            continue
        for k, (name, euros) in enumerate(shares, start=1):
            line = list(cells)
            line[found.funder], line[found.amount] = name, euros / found.multiplier
            for j in found.ids:
                line[j] = None if is_blank(line[j]) else f"{line[j]}-{k}"
            long_rows.append(line)
            origins.append((first + i, None))
    result = normalise_long(sheet, rec.header_index, long_rows, origins, [], replace(rec, header_index=0), ctx)
    result.note = "; ".join(n for n in (result.note, f"{len(found.shares)} row(s) naming several funders with their "
                                        "shares: one funding line per funder") if n)
    return result
