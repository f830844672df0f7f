"""The records of one sheet held column by column: what normalising produces and the later steps work on.

A :class:`Block` keeps one list per column (``columns[name][i]`` is record ``i``'s value), the spreadsheet row of
each record and, once duplicates and parents are resolved, each record's status. No record exists as a Python
object on the hot path: the few steps that look at single records (linking a row to its parent, comparing
duplicates) ask for them one at a time (:meth:`Block.values`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import compress


class _Absent:
    """A value a record does not have at all (not None): the precision of a date that could not be read."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "ABSENT"

    def __reduce__(self) -> str:  # unpickled (from a worker process) as the one ABSENT
        return "ABSENT"


ABSENT = _Absent()


@dataclass
class Block:
    """The records of one sheet (or of one table of a sheet), column by column."""

    table: str
    file: str  # as read (e-mails in it not pseudonymised: the provenance columns hold the shown names)
    sheet: str | None
    rows: list[int]  # the spreadsheet row of each record (repeated when a wide row gives several records)
    columns: dict[str, list]  # column -> one value per record; ABSENT where a record lacks the column
    absent: set[str] = field(default_factory=set)  # the columns that may hold ABSENT
    status: list[str] | None = None  # accepted, quarantined, dropped (None: all accepted)
    reasons: dict[int, str] = field(default_factory=dict)  # record -> why it was merged or quarantined
    complement: bool = False  # the records complete those of the same ids read elsewhere (see complements.py)
    pending: frozenset[str] = frozenset()  # required columns left to a complement (see current_stage.py)
    tentative: bool = False  # a complement kept only if most of its ids are read elsewhere (complement_sheets.py)
    rejected: bool = False  # a tentative complement whose ids are not read elsewhere: the sheet is skipped
    authority: int = 1  # of a targets sheet: an amendment outranks the annex, a dashboard both (target_authority.py)
    quotes: bool = False  # the sheet restates another table of its layout: an e-mail quoting an earlier one's
    unread: frozenset[str] = frozenset()  # the columns no header of the sheet gave (empty in every record)

    def __len__(self) -> int:
        return len(self.rows)

    @classmethod
    def from_records(cls, table: str, file: str, sheet: str | None, records) -> Block:
        """A block of records given one by one (a targets grid), each a :class:`~.normalising.Record`."""
        names: dict[str, None] = {}
        for r in records:
            names.update(dict.fromkeys(r.values))
        columns = {name: [r.values.get(name, ABSENT) for r in records] for name in names}
        status = [r.status for r in records]
        return cls(table, file, sheet, [r.row for r in records], columns, absent=set(names),
                   status=None if all(s == "accepted" for s in status) else status)

    def statuses(self) -> list[str]:
        return self.status if self.status is not None else ["accepted"] * len(self.rows)

    def set_status(self, i: int, status: str) -> None:
        if self.status is None:
            self.status = ["accepted"] * len(self.rows)
        self.status[i] = status

    def accepted(self) -> list[int] | None:
        """The records still accepted, or None when all are."""
        if self.status is None:
            return None
        return [i for i, s in enumerate(self.status) if s == "accepted"]

    def column(self, name: str, only: list[int] | None = None) -> list:
        """The values of ``name`` (None where absent), of the records ``only`` (default: all)."""
        values = self.columns.get(name)
        if values is None:
            return [None] * (len(self.rows) if only is None else len(only))
        if only is not None:
            values = [values[i] for i in only] if len(only) != len(values) else values
        if name in self.absent:
            values = [None if v is ABSENT else v for v in values]
        return values

    def accepted_column(self, name: str) -> list:
        """The values of ``name`` over the accepted records (None where absent)."""
        if self.status is None:
            return self.column(name)
        mask = [s == "accepted" for s in self.status]
        values = self.columns.get(name)
        if values is None:
            return [None] * sum(mask)
        values = list(compress(values, mask))
        return [None if v is ABSENT else v for v in values] if name in self.absent else values

    def value(self, i: int, name: str):
        """Record ``i``'s value of ``name`` (None when absent), as ``record.values.get(name)`` would give it."""
        values = self.columns.get(name)
        if values is None:
            return None
        v = values[i]
        return None if v is ABSENT else v

    def values(self, i: int) -> dict:
        """Record ``i`` as a dict (the columns it has)."""
        return {name: col[i] for name, col in self.columns.items() if col[i] is not ABSENT}

    def counts(self, quarantined_rows: set[int] | frozenset[int] = frozenset()) -> tuple[int, int, int]:
        """Rows (not records: a wide row gives several) accepted, quarantined and dropped. A row with a quarantined
        record is quarantined; else with an accepted one, accepted; else (merged duplicates only) dropped.
        ``quarantined_rows``: rows already counted as quarantined (a wide row with one amount unreadable)."""
        status = self.status if self.status is not None else ["accepted"] * len(self.rows)
        overlap = bool(quarantined_rows) and not quarantined_rows.isdisjoint(self.rows)
        if self.status is None and not overlap:
            return len(set(self.rows)), 0, 0
        if len(set(self.rows)) == len(self.rows) and not overlap:
            return status.count("accepted"), status.count("quarantined"), status.count("dropped")
        by_row: dict[int, set[str]] = {}
        for row, s in zip(self.rows, status, strict=False):
            if row not in quarantined_rows:
                by_row.setdefault(row, set()).add(s)
        accepted = sum(1 for s in by_row.values() if "quarantined" not in s and "accepted" in s)
        quarantined = sum(1 for s in by_row.values() if "quarantined" in s)
        dropped = sum(1 for s in by_row.values() if s == {"dropped"})
        return accepted, quarantined, dropped
