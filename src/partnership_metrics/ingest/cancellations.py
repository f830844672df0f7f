"""Commitments cancelled in the ledger that records them: an accounting export cancels a commitment with a later line
of the same number and a negative amount ("ANNULATION engagement EN-2021-0104 – projet abandonné", -200 000). The
negative line is quarantined as any amount below zero is; the commitment it names is quarantined beside it, saying
which line cancels it, so that no cancelled money is counted."""

from __future__ import annotations

from ..schemas import TABLES
from .blocks import Block
from .normalising import Problem

_NEGATIVE = "below the minimum 0"  # the reason normalising gives an amount below a column's minimum of 0


def quarantine_cancelled(blocks: list[Block], problems: list[Problem]) -> int:
    """Quarantine, in place, each accepted record whose key is that of a line quarantined for a negative amount;
    returns how many."""
    cancelling: dict[tuple[str, str], Problem] = {}
    for p in problems:
        if p.reason == _NEGATIVE and TABLES[p.table].column(p.column).kind == "money" and p.key:
            cancelling.setdefault((p.table, p.key.split(" / ")[0]), p)
    if not cancelling:
        return 0
    count = 0
    for b in blocks:
        key = TABLES[b.table].key
        if len(key) != 1 or not any(table == b.table for table, _ in cancelling):
            continue
        for i, status in enumerate(b.statuses()):
            line = cancelling.get((b.table, str(b.value(i, key[0]))))
            if status == "accepted" and line is not None:
                where = f"{line.file}{f' [{line.sheet}]' if line.sheet else ''} row {line.row}"
                b.set_status(i, "quarantined")
                b.reasons[i] = (f"cancelled by {where} (the same {key[0]} with a negative amount, {line.value}): "
                                "neither is counted; correct the ledger if the cancellation was partial")
                count += 1
    return count
