"""Sheets that only complete the rows of another: a log of milestones holding a project's id and dates, whose title,
institution and the rest are in the register (:mod:`.milestone_log`). Each of their records fills the empty cells of
the record of the same id read elsewhere, and is then listed as read into it; a record whose id no other sheet has,
or that gives another value than the one already there, is quarantined with why (nothing is chosen)."""

from __future__ import annotations

from dataclasses import replace

from ..schemas import PROVENANCE, TABLES, Column, Table
from .blocks import Block

MIN_MATCHED = 0.5  # of a tentative complement's ids that rows read elsewhere must have (complement_sheets.py)
MIN_COMPARED, MOST_DIFFER = 3, 0.8  # a complement's column differing on this share of its rows names something else
# Values that say the outcome is still to come: a sheet giving the outcome (a later report's "Résultat: retenu")
# completes them instead of conflicting with them.
NOT_YET = {("eu_proposals", "status"): "pending"}


def asked_columns(table: Table, complement: bool, pending: frozenset[str] = frozenset()) -> list[Column]:
    """The columns of ``table`` as a sheet is asked for them: a complement's rows need their id only (the rest is
    in the rows they complete); ``pending`` columns are left to a complement (checked by :func:`fold_complements`)."""
    if not complement and not pending:
        return list(table.raw_columns)
    return [replace(c, required=False) if c.required and c.name not in table.key and (complement or c.name in pending)
            else c for c in table.raw_columns]


def _where(block: Block, i: int) -> str:
    sheet = f" [{block.sheet}]" if block.sheet else ""
    return f"{block.file}{sheet} row {block.rows[i]}"


def fold_complements(blocks: list[Block]) -> list[str]:
    """Fold every complement block's records into the records of the same id of the other blocks of their table
    (changed in place); the complements' records end dropped (folded) or quarantined (with their reasons). A column
    of a complement that gives another value than the rows it completes on nearly every row names something else
    (a licences register's "Deal ref.", read as the project's title): it is left out, and a line says so."""
    lines = []
    for block in blocks:
        if not block.complement:
            continue
        key = TABLES[block.table].key
        index: dict[tuple, list[tuple[Block, int]]] = {}
        for other in blocks:
            if other.table != block.table or other.complement:
                continue
            accepted = other.accepted()
            for i in range(len(other)) if accepted is None else accepted:
                index.setdefault(tuple(str(other.value(i, k)) for k in key), []).append((other, i))
        records = range(len(block)) if block.accepted() is None else block.accepted()
        if block.tentative and sum(tuple(str(block.value(i, k)) for k in key) in index for i in records) < \
                MIN_MATCHED * len(records):
            block.rejected = True  # its ids are not those of the rows read elsewhere: no complement of theirs
            continue
        lines += _left_out_disagreeing(block, index, records)
        for i in records:
            found = index.get(tuple(str(block.value(i, k)) for k in key))
            if found is None:
                block.set_status(i, "quarantined")
                block.reasons[i] = (f"no row of {block.table} with this {'/'.join(key)} in the other sheets (this "
                                    "sheet only completes their rows)")
                continue
            _fold(block, i, found)
    for block in blocks:
        if block.pending:
            _quarantine_unfilled(block)
    return lines


def _left_out_disagreeing(block: Block, index: dict, records) -> list[str]:
    """Leave out, in place, the columns of a complement that disagree with the rows they complete on most rows where
    both give a value; a line for each."""
    key, lines = TABLES[block.table].key, []
    for name in [n for n in block.columns if n not in key and n not in PROVENANCE and not n.startswith("__")
                 and not n.endswith("_precision")]:
        compared = differing = 0
        for i in records:
            value = block.value(i, name)
            found = index.get(tuple(str(block.value(i, k)) for k in key))
            if value is None or not found or (there := found[0][0].value(found[0][1], name)) is None:
                continue
            compared += 1
            differing += there not in (value, _not_yet(found[0][0], name))
        if compared >= MIN_COMPARED and differing >= MOST_DIFFER * compared:
            for gone in (name, f"{name}_precision"):
                if gone in block.columns:
                    block.columns[gone] = [None] * len(block)
            lines.append(f"{block.file}{f' [{block.sheet}]' if block.sheet else ''}: the column read as "
                         f"{block.table}.{name} is left out: it gives another value than the rows it completes on "
                         f"{differing} of {compared} rows (it names something else)")
    return lines


def _quarantine_unfilled(block: Block) -> None:
    """Quarantine the records of ``block`` still lacking a required column it left to a complement."""
    for i in range(len(block)) if block.accepted() is None else block.accepted():
        missing = sorted(c for c in block.pending if block.value(i, c) is None)
        if missing:
            block.set_status(i, "quarantined")
            block.reasons[i] = (f"required value missing: {', '.join(missing)} (this sheet leaves it to another of "
                                "the same ids, a log of milestones, a list completing a calendar or a log of notes, "
                                "and none gives it)")


def _not_yet(block: Block, name: str) -> str | None:
    """The value of column ``name`` of ``block``'s table that says its outcome is still to come, if it has one."""
    return NOT_YET.get((block.table, name))


def _fold(block: Block, i: int, copies: list[tuple[Block, int]]) -> None:
    """Record ``i`` of ``block`` into every record of its id (the copies of a record read twice stay the same)."""
    values = {name: value for name, value in block.values(i).items()
              if value is not None and name not in PROVENANCE and not name.startswith("__")}
    for into, j in copies:
        conflicts = [name for name, value in values.items()
                     if not name.endswith("_precision") and into.value(j, name) not in (None, value, _not_yet(into, name))]
        if conflicts:
            shown = ", ".join(f"{name} {values[name]} (there {into.value(j, name)})" for name in conflicts)
            block.set_status(i, "quarantined")
            block.reasons[i] = f"gives another value than {_where(into, j)}: {shown}"
            return
    for into, j in copies:
        for name in values:
            if name.endswith("_precision") or into.value(j, name) not in (None, _not_yet(into, name)):
                continue
            for filled in (name, f"{name}_precision"):
                if filled in values or filled == name:
                    into.columns.setdefault(filled, [None] * len(into))[j] = values.get(filled)
    block.set_status(i, "dropped")
    block.reasons[i] = f"read into {_where(*copies[0])}"
