"""A workbook kept one sheet per funder (per year, per site): each sheet the same table under nearly the same header.
A sheet naming too few of the table's columns to be recognised alone ("Projet | Type d'aide | Date de décision |
Montant (k€)": the funder only in the sheet's name, the lines unnumbered) is read as the table its sibling sheets
are, from the row that repeats most of their headers; what it lacks is then looked for as for any sheet (the funder
in its name, ids made from where the lines are), and it is skipped with the usual report if not found.

A register that lacks only dates a log of milestones of the same workbook gives ("Registre projets" keeping the
static fields, "Journal" one row per milestone) is read with those dates left to the log (:mod:`.complements`): a
row the log gives no such date is quarantined with why."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from ..textnorm import fold
from .header_rows import HEADER_SCAN_ROWS
from .reading import whole_sheet_name
from .recognition import Recognition, header_cells

MIN_SHARED = 3  # headers a sheet must share with a sibling's
SHARED_SHARE = 0.6  # ... and that share of its own headers (not three common words among many)
UNRECOGNISED = "holds no known table"
_BRACKETS = re.compile(r"\([^)]*\)")


def _headers(result) -> frozenset[str]:
    """The headers a sheet read as a table had: those read and those left out (not the columns ingestion made)."""
    texts = [*result.columns, *result.unknown_columns]
    return frozenset(_plain(t) for t in texts if isinstance(t, str) and not t.startswith("["))


def _plain(header: str) -> str:
    """A header without what its brackets say: "AE engagées (k€)" one year is "AE engagées" the next."""
    return fold(_BRACKETS.sub(" ", header))


def sibling_recognition(sheet, siblings: list, recogniser) -> Recognition | None:
    """``sheet`` read as the table of a sibling sheet whose headers its header row mostly repeats, or None."""
    known = [(r.table, _headers(r)) for r in siblings if r.table and r.table != "kpi_targets" and r.columns]
    for index in range(min(len(sheet.rows), HEADER_SCAN_ROWS)):
        texts = {_plain(text) for _, text in header_cells(sheet.rows[index])}
        for table, headers in known:
            shared = texts & headers
            if len(shared) >= MIN_SHARED and len(shared) >= SHARED_SHARE * len(texts):
                if (rec := recogniser.recognise_at(sheet, index, table, known=True)) is not None:
                    return rec
    return None


def left_to_a_log(sheet, result, siblings: list, recogniser) -> Recognition | None:
    """The recognition of a register skipped for lacking only columns a log of milestones among ``siblings`` gives,
    those columns left to the log; None otherwise."""
    tentative = result.block is not None and result.block.tentative and result.fallback is not None
    skipped = result.fallback.skipped if tentative else result.skipped  # read as completing rows read elsewhere
    if skipped is None or not skipped.missing:
        return None
    given = {column for r in siblings if r is not result and r.table == skipped.table and r.block is not None
             and r.block.complement and not r.block.tentative for column in r.columns.values()}
    if not set(skipped.missing) <= given:
        return None
    rec = recogniser.recognise_at(sheet, skipped.header_row - sheet.first_row, skipped.table, known=True)
    if rec is None or set(rec.missing_required) != set(skipped.missing):
        return None
    return replace(rec, missing_required=[], pending=frozenset(skipped.missing))


MIN_FUNDER_TABS = 2  # sibling sheets read as funding with their funder in their name: a workbook of funders' tabs


def _a_funders_tab(sheet, result, siblings: list, recogniser) -> bool:
    """Whether a sheet read as another table is one more tab of a workbook kept one tab per funder ("Bpifrance" beside
    "Région Sud" and "SATT Sud-Est", its "Start-up" column making it look like rounds): its name names a funder."""
    if result.table in (None, "funding", "kpi_targets") or result.header_row is None:
        return False
    tabs = sum(r.table == "funding" and "[funder]" in r.columns for r in siblings)
    name = whole_sheet_name(sheet.sheet) or ""
    return tabs >= MIN_FUNDER_TABS and recogniser.codebook.find("funding", "funder", name) not in (None, "other")


def read_like_siblings(pairs: list[tuple], recogniser, read_as: Callable) -> list:
    """The results of a file's sheets (``pairs``: (sheet, result)), each visible sheet that holds no known table
    read as its siblings' table where :func:`sibling_recognition` finds it, and a register lacking only what a log of
    milestones gives read with it left to the log (``read_as(sheet, recognition)``)."""
    read = [result for _, result in pairs if result.table]
    parts = Counter(id(sheet) for sheet, _ in pairs)  # a sheet of stacked tables gives a result per table
    out = []
    for sheet, result in pairs:
        whole = parts[id(sheet)] == 1 and whole_sheet_name(sheet.sheet) == sheet.sheet and not sheet.hidden
        rec = None
        if read and whole and result.table is None and result.note == UNRECOGNISED:  # not a read-me's part
            rec = sibling_recognition(sheet, read, recogniser)
        elif read and whole and (result.table is None or result.fallback is not None):
            rec = left_to_a_log(sheet, result, read, recogniser)
        elif read and whole and _a_funders_tab(sheet, result, read, recogniser):
            rec = recogniser.recognise_at(sheet, result.header_row - sheet.first_row, "funding", known=True)
        if rec is not None and (again := read_as(sheet, rec)).table:
            result = again
        out.append(result)
    return out
