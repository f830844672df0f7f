"""A start-up's capitalisation table, one sheet per company: shareholders in rows, one group of columns per
operation ("Pre-seed", "Seed", "Série A" written over "Actions | Montant investi (€)"), the operation's date on a row
of its own above the header ("Date de réalisation"), and a total row. Each operation whose money column has a total
is a round: its date, its type (the group's title), its amount (the new money: the total of its money column). A
group without a money column (the founders' "Constitution", shares only) raises nothing and gives no round.

The company is named around the table (the sheet's name, a title row: "Réf. portefeuille SU-01"), as for any sheet
of a start-up's rows; the shareholders' rows are listed as read into the rounds.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..schemas import TABLES
from .linking import CONTEXT, context_texts
from .normalising import Context, Dropped, SheetResult, normalise_long
from .reading import RawSheet, is_blank
from .recognition import HEADER_SCAN_ROWS, ColumnMatch, Recogniser, Recognition

TABLE = "startup_rounds"
LABEL_ROWS = 5  # rows above the header where the operations' titles and dates are written


@dataclass(frozen=True)
class CapTable:
    header_index: int
    total_index: int
    rounds: list[tuple[int, str, object]]  # (money column, operation's title, its date)


def _money_columns(row: list, recogniser: Recogniser) -> list[int]:
    return [i for i, c in enumerate(row) if isinstance(c, str) and c.strip()
            and (found := recogniser.cell_candidates(TABLE, c)) and found[0][0] == "amount_eur"]


def _title_over(row: list, index: int) -> tuple[int, str] | None:
    """(its first column, the title) of the group of columns ``index`` belongs to: the nearest text at or left of it
    on ``row`` (a title merged over the group and written in each of its cells: its leftmost cell)."""
    for i in range(min(index, len(row) - 1), -1, -1):
        if isinstance(row[i], str) and row[i].strip():
            while i > 0 and row[i - 1] == row[i]:
                i -= 1
            return i, " ".join(row[i].split())
        if not is_blank(row[i]):
            return None
    return None


def _date_label(row: list, recogniser: Recogniser) -> int | None:
    """The column of the label of a row of dates ("Date de réalisation"), among the first two, else None."""
    return next((i for i, c in enumerate(row[:2]) if isinstance(c, str)
                 and (found := recogniser.cell_candidates(TABLE, c)) and found[0][0] == "round_date"), None)


def find_cap_table(sheet: RawSheet, recogniser: Recogniser, ctx: Context) -> CapTable | None:
    """The rounds of a capitalisation table, or None when the sheet is not one."""
    rows = sheet.rows
    parsers = recogniser.parsers
    for h in range(1, min(len(rows), HEADER_SCAN_ROWS)):
        money = _money_columns(rows[h], recogniser)
        if not money:
            continue
        dates = next((r for r in rows[max(0, h - LABEL_ROWS):h] if _date_label(r, recogniser) is not None), None)
        titles = next((r for r in rows[max(0, h - LABEL_ROWS):h] if any(
            isinstance(c, str) and ctx.codebook.find(TABLE, "round_type", c) not in (None, "other") for c in r)), None)
        total = next((i for i in range(h + 1, len(rows)) if any(
            isinstance(c, str) and ctx.words.is_total_label(c) for c in rows[i][:2])), None)
        if dates is None or titles is None or total is None:
            return None
        label = _date_label(dates, recogniser)
        rounds = []
        for j in money:
            # a group's title stands right of the dates' label ("Date de réalisation | 05/10/2018" under "Pre-seed"):
            # a title over the label's column is the sheet's own ("Budget – subvention"), no operation's
            if (titled := _title_over(titles, j)) is None or titled[0] <= label:
                continue
            # its date is within its own group: a group left undated takes no other's (its round is quarantined)
            day = next((dates[k] for k in range(min(j, len(dates) - 1), titled[0] - 1, -1)
                        if not is_blank(dates[k]) and parsers.parse_date(dates[k]) is not None), None)
            rounds.append((j, titled[1], day))
        return CapTable(h, total, rounds) if any(day is not None for _, _, day in rounds) else None
    return None


def normalise_cap_table(sheet: RawSheet, found: CapTable, ctx: Context) -> SheetResult:
    """One round per operation with new money, every row below the header accounted for."""
    total_row = sheet.rows[found.total_index]
    long_rows: list[list] = [["[startup_id]", "Date", "Montant", "Opération"]]
    origins = []
    number = sheet.first_row + found.total_index
    for j, title, day in found.rounds:
        amount = total_row[j] if j < len(total_row) else None
        if is_blank(amount) and all(is_blank(r[j] if j < len(r) else None)
                                    for r in sheet.rows[found.header_index + 1:found.total_index]):
            continue  # no new money in this operation: no round
        # a total left blank under invested amounts is kept, for the round to be quarantined (its amount missing)
        long_rows.append([sheet.sheet, day, amount, title])
        origins.append((number, title))
    first = sheet.first_row + found.header_index + 1
    dropped = [Dropped(sheet.file, sheet.sheet, first + k, "a shareholder's line, read into the rounds' total"
                       if i != found.total_index else "the total line: each operation's new money is a round")
               for k, i in enumerate(range(found.header_index + 1, len(sheet.rows)))]
    if origins:  # the total line is where the rounds come from
        dropped = [d for d in dropped if d.row != number]
    rec = Recognition(TABLE, 0, [ColumnMatch(0, "[startup_id]", "startup_id"), ColumnMatch(1, "Date", "round_date"),
                                 ColumnMatch(2, "Montant", "amount_eur"), ColumnMatch(3, "Opération", "round_type")],
                      [])
    result = normalise_long(sheet, found.header_index, long_rows, origins, dropped, rec, ctx)
    if result.block is not None:
        texts = context_texts(sheet, found.header_index)
        result.block.columns[CONTEXT] = [texts] * len(result.block)
    result.note = (f"{TABLES[TABLE].name} read from a capitalisation table: "
                   + ", ".join(repr(title) for _, title, _ in found.rounds))
    return result
