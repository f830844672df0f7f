"""One company listed on two sheets, known on both by its SIREN: an incubator's portfolio ("Startup | SIREN | Project
ref | Status | CEO", no creation date) beside a company-registry extract ("DENOMINATION | SIREN | Date
d'immatriculation", names in capitals). Read apart, each company would be two start-ups; the registry's line is read
into the portfolio's (its empty cells filled, its creation date first of all) and dropped with why.

A start-up sheet that lacks only its creation dates, beside a SIREN column, is read with those dates left to such
a list (tentatively: when no other sheet gives the same SIRENs, it is skipped as it would have been, with the same
message). Which list keeps the records: the one whose ids are its own (other lists name them), else the one whose
names are written as people write them (not all in capitals), else the longer one, else the first read. A line
that gives another value than the record it joins is quarantined with why (nothing is chosen); a name is the same
written in capitals or with its legal form ("ONCOLIX SAS" is Oncolix).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..schemas import PROVENANCE, TABLES
from .blocks import Block
from .complement_sheets import read_tentatively
from .linking import label_forms
from .normalising import Context, SheetResult
from .reading import RawSheet, is_blank
from .recognised import Recognition

TABLE = "startups"
JOIN = "siren"
MIN_SIREN_SHARE = 0.5  # of a list's rows that must write a SIREN for it to be joined by them
_SIREN = re.compile(r"\d{3}\s?\d{3}\s?\d{3}")
NOT_COMPARED = frozenset({"startup_id", "name"})  # ids differ between lists; names are compared by their forms


def with_dates_left_to_another_list(sheet: RawSheet, rec: Recognition | None) -> Recognition | None:
    """``rec`` (a start-up sheet) with its missing creation dates left to another list of the same companies, its
    name read as its id when it has none; None when it lacks anything else, or writes no SIREN on most rows to be
    joined by (a news feed of rounds and status changes, a SIREN now and then, is no list of companies)."""
    siren = None if rec is None else next((m.index for m in rec.columns if m.column == JOIN), None)
    if rec is None or rec.table != TABLE or not rec.missing_required or siren is None:
        return None
    rows = [r for r in sheet.rows[rec.header_index + 1:] if any(not is_blank(c) for c in r)]
    if sum(1 for r in rows if siren < len(r) and _SIREN.search(str(r[siren]))) < MIN_SIREN_SHARE * len(rows):
        return None
    table = TABLES[TABLE]
    key = table.key[0]
    missing = set(rec.missing_required) - {key}
    if not missing or any(table.column(c).kind != "date" for c in missing):
        return None
    columns = list(rec.columns)
    if key in rec.missing_required:
        name = next((m for m in rec.columns if m.column == "name"), None)
        if name is None:
            return None
        columns.append(replace(name, column=key))
    return replace(rec, columns=columns, missing_required=[], pending=frozenset(missing))


def fold_same_companies(blocks: list[Block], legal_forms: frozenset[str]) -> None:
    """Read each start-up line that another sheet's list gives by the same SIREN, under another id, into that
    list's record (changed in place; the same id on two sheets is a duplicate, told apart later); a tentative list
    joined to none is rejected (its sheet skipped)."""
    lists = [b for b in blocks if b.table == TABLE and not b.complement and not b.rejected]
    joined: set[int] = set()
    for n, a in enumerate(lists):
        for b in lists[n + 1:]:
            kept, folded = sorted((a, b), key=_precedence, reverse=True)  # stable: the first read first
            if _fold(folded, kept, legal_forms):
                joined.update((id(a), id(b)))
    for block in lists:
        if block.tentative and block.pending and id(block) not in joined:
            block.rejected = True


def _sirens(block: Block) -> dict[str, int]:
    """SIREN -> record, over the accepted records (a SIREN written on two records is no join key: left out)."""
    seen: dict[str, list[int]] = {}
    for i in range(len(block)) if block.accepted() is None else block.accepted():
        if (siren := block.value(i, JOIN)) is not None:
            seen.setdefault(str(siren), []).append(i)
    return {s: found[0] for s, found in seen.items() if len(found) == 1}


def _precedence(block: Block) -> tuple[bool, int, int]:
    """What makes a list the one that keeps the records: ids of its own, names as people write them, length."""
    records = range(len(block)) if block.accepted() is None else block.accepted()
    names = [str(block.value(i, "name") or "") for i in records]
    own_ids = any(block.value(i, "startup_id") != block.value(i, "name") for i in records)
    return own_ids, sum(1 for n in names if n != n.upper()), len(names)


def _where(block: Block, i: int) -> str:
    sheet = f" [{block.sheet}]" if block.sheet else ""
    return f"{block.file}{sheet} row {block.rows[i]}"


def _fold(folded: Block, kept: Block, legal_forms: frozenset[str]) -> bool:
    """Whether a line of ``folded`` was joined to a record of ``kept`` (read into it, or quarantined)."""
    into, joined = _sirens(kept), False
    for siren, i in _sirens(folded).items():
        j = into.get(siren)
        if j is None or folded.value(i, "startup_id") == kept.value(j, "startup_id"):
            continue
        joined = True
        values = {name: value for name, value in folded.values(i).items() if value is not None
                  and name not in PROVENANCE and name not in NOT_COMPARED and not name.startswith("__")}
        conflicts = [name for name, value in values.items()
                     if not name.endswith("_precision") and kept.value(j, name) not in (None, value)]
        if not _same_name(folded.value(i, "name"), kept.value(j, "name"), legal_forms):
            conflicts.insert(0, "name")
        if conflicts:
            shown = ", ".join(f"{n} {folded.value(i, n)} (there {kept.value(j, n)})" for n in conflicts)
            folded.set_status(i, "quarantined")
            folded.reasons[i] = f"the same SIREN {siren} as {_where(kept, j)}, but another value: {shown}"
            continue
        for name, value in values.items():
            if name.endswith("_precision") or kept.value(j, name) is not None:
                continue
            kept.columns.setdefault(name, [None] * len(kept))[j] = value
            if f"{name}_precision" in folded.columns:
                kept.columns.setdefault(f"{name}_precision", [None] * len(kept))[j] = folded.value(
                    i, f"{name}_precision")
        folded.set_status(i, "dropped")
        folded.reasons[i] = f"the same company (SIREN {siren}) as {_where(kept, j)}: read into it"
    return joined


def _same_name(a, b, legal_forms: frozenset[str]) -> bool:
    if a is None or b is None:
        return True
    return bool(label_forms(str(a), legal_forms) & label_forms(str(b), legal_forms))


def normalise_left_to_another_list(sheet: RawSheet, rec: Recognition, ctx: Context, skipped: SheetResult
                                   ) -> SheetResult:
    """The sheet read with its creation dates left to another list of the same companies, ``skipped`` kept as what
    it is if no list gives them."""
    return read_tentatively(sheet, rec, ctx, skipped, f"its {', '.join(sorted(rec.pending))} left to another list "
                            "of the same companies (joined by SIREN)")
