"""Summary sheets are never read as data: pivot tables, sheets computed from other cells, pivot-like grids.

A partner's workbook often carries a "Synthèse" or "Tableau de bord" beside its data: indicator × year grids made
of formulas (SUM, COUNTIF, references to other sheets), pivot tables with their "Grand Total". Read as data they
would double rows or turn actual counts into targets; they are listed instead, with why.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ..schemas import TABLES
from ..textnorm import fold
from .reading import RawSheet
from .vocabulary import Words

MIN_SUMMARISING_SHARE = 0.25  # of a sheet's cells: above this, the sheet is computed from others
MIN_SUMMARISING_SHARE_UNREAD = 0.1  # ... or above this, for a sheet no table can be read from (a dashboard)
MIN_SUMMARISING_UNREAD = 3
MIN_AGGREGATE_HEADERS = 3  # "Count of ..." headers that make a row the head of a matrix of aggregates
_SCAN_ROWS = 12  # pivot-table captions sit in the first rows
MAX_TITLE_WORDS = 15  # of a title line saying the sheet holds no data (a longer note speaks of some rows)
MIN_SHEET_NAME = 3  # letters of a sheet's name looked for in another's title ("T1" is too short to tell)
_MEASURES = ("date", "money", "int", "float")  # the kinds of a table of counts' other columns: years, totals
RECORD_SCAN_ROWS = 200  # rows of a sheet named as a pivot looked at for records it lists
MIN_RECORDS = 5  # references (each written once) and dates that make such a sheet a list of records
UNIQUE_SHARE = 0.9  # of the references written once (a record written twice is a duplicate, not a total)
_REFERENCE = re.compile(r"^(?=\S*[A-Za-z])(?=\S*\d)[A-Za-z0-9]+(?:[-_/.][A-Za-z0-9]+)+$")  # "BE-2019-04"


def summary_reason(sheet: RawSheet, words: Words) -> str | None:
    """Why ``sheet`` is a summary and not data, or None."""
    if sheet.pivot:
        return "a pivot table"
    if sheet.summarising_formulas and sheet.summarising_formulas >= MIN_SUMMARISING_SHARE * (
            _filled(sheet.rows) + sheet.formulas):
        return (f"computed from other cells ({sheet.summarising_formulas} formulas such as SUM, COUNTIF or "
                "references to other sheets)")
    captions = {fold(cell) for row in sheet.rows[:_SCAN_ROWS] for cell in row if isinstance(cell, str)}
    found = sorted(captions & words.pivot_captions)
    if found:
        return f"a pivot-like table ({found[0]!r})"
    if (named := _names_a_pivot(sheet, words.pivot_title_phrases)) and not _lists_records(sheet.rows):
        return f"its name or title says it is a pivot table ({named!r})"
    if sheet.derived_from:
        return f"its title says it is computed from the sheet {sheet.derived_from!r}"
    if said := _said_derived(sheet.rows[:_SCAN_ROWS], words.derived_title_phrases):
        return f"its title says it is computed from another sheet ({said!r})"
    if (said := _said_derived(sheet.rows[:_SCAN_ROWS], words.not_data_title_phrases)) and len(
            said.split()) <= MAX_TITLE_WORDS:
        return f"its title says it holds no data ({said!r})"
    for row in sheet.rows[:_SCAN_ROWS]:
        texts = [c for c in row if isinstance(c, str) and c.strip()]
        aggregates = [c for c in texts if fold(c).startswith(words.aggregate_header_starts)]
        if len(aggregates) >= MIN_AGGREGATE_HEADERS and 2 * len(aggregates) > len(texts):
            return f"a matrix of aggregates ({aggregates[0]!r}, {aggregates[1]!r}, ...)"
    return None


def with_derived_from(sheets: list[RawSheet], words: Words) -> list[RawSheet]:
    """A file's ``sheets``, each whose title line says it is computed from another of them ("Synthèse des levées par
    société (calculée à partir de T_Levees)": a word of computing and the other sheet's name) marked with it."""
    names = {s.sheet: f" {fold(s.sheet)} " for s in sheets if s.sheet and len(fold(s.sheet)) >= MIN_SHEET_NAME}
    if len(names) < 2:
        return sheets
    out = []
    for sheet in sheets:
        source = None
        for line in _title_lines(sheet.rows[:_SCAN_ROWS]) if sheet.kind == "worksheet" else ():
            title = f" {fold(line)} "
            if set(title.split()) & words.computing_words:
                source = next((n for n, f in names.items() if n != sheet.sheet and f in title), None)
            if source:
                break
        out.append(replace(sheet, derived_from=source) if source else sheet)
    return out


def _said_derived(rows: list[list], phrases: tuple[str, ...]) -> str | None:
    """The title line (a row of one text) of ``rows`` that says one of ``phrases`` (its sheet is computed from another,
    it holds no data), or None."""
    return next((t for t in _title_lines(rows) if any(f" {p} " in f" {fold(t)} " for p in phrases)), None)


def _names_a_pivot(sheet: RawSheet, phrases: tuple[str, ...]) -> str | None:
    """The sheet's name or title line that names a pivot table ("TCD levées"), or None."""
    texts = [sheet.sheet or "", *_title_lines(sheet.rows[:_SCAN_ROWS])]
    return next((t for t in texts if any(f" {p} " in f" {fold(t)} " for p in phrases)), None)


def _lists_records(rows: list[list]) -> bool:
    """Whether ``rows`` list records, one per row (a pivot table laid out as a list and pasted as values: "Export
    TCD" of proposals): a column of references nearly each written once, beside a column of dates."""
    sample = rows[:RECORD_SCAN_ROWS]
    width = max((len(r) for r in sample), default=0)
    columns = [[r[j] for r in sample if j < len(r) and r[j] is not None and str(r[j]).strip()] for j in range(width)]
    references = any(len(codes := [c for c in column if isinstance(c, str) and _REFERENCE.match(c.strip())])
                     >= MIN_RECORDS and len(set(codes)) >= UNIQUE_SHARE * len(codes) for column in columns)
    return references and any(sum(isinstance(c, dt.date) for c in column) >= MIN_RECORDS for column in columns)


def _title_lines(rows: list[list]):
    """The texts of ``rows`` that are alone on their row: a sheet's title lines."""
    for row in rows:
        texts = [c for c in row if c is not None and str(c).strip()]
        if len(texts) == 1 and isinstance(texts[0], str):
            yield texts[0]


def _filled(rows: list[list]) -> int:
    """How many cells hold something (not None, not "")."""
    return sum(len(row) - row.count(None) - row.count("") for row in rows)


def unread_summary_reason(sheet: RawSheet) -> str | None:
    """Why ``sheet``, which looks like a table but lacks required columns, is a summary rather than a table we
    failed to read: a dashboard beside its data ("Année | Projets détectés | Objectif" filled with COUNTA over the
    yearly sheets, a colour legend below) has fewer formulas than a "Synthèse", but no table to offer."""
    if sheet.summarising_formulas >= MIN_SUMMARISING_UNREAD and sheet.summarising_formulas >= (
            MIN_SUMMARISING_SHARE_UNREAD * (_filled(sheet.rows) + sheet.formulas)):
        return (f"computed from other cells ({sheet.summarising_formulas} formulas such as SUM, COUNTIF or "
                "references to other sheets), and no table can be read from it")
    return None


def counts_reason(rec, recogniser) -> str | None:
    """Why a sheet read as a table whose key no column holds is a summary: beside dates and amounts only, a column
    counts the records the key names ("Année | Nb start-up | Levées cumulées (k€)": start-ups per year, not rounds
    of a start-up named elsewhere). A list of people with a count of their sessions ("Nb actions") is no summary."""
    if rec.context_key is None or any(TABLES[rec.table].column(m.column).kind not in _MEASURES for m in rec.columns):
        return None
    for header in rec.unknown:
        words = recogniser.words_of(header)
        if words[:1] and words[0] in recogniser.count_words and recogniser.names_column(
                rec.table, rec.context_key, " ".join(words[1:])):
            return f"a table of counts ({header!r}) with no {rec.context_key} column"
    return None
