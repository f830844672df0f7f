"""Logs of notes about records kept elsewhere, records of several tables in one list: an auditor's issues log
("# | Raised | Tab | Ref. | Issue | Owner | Status"), interview notes ("Workbook tab | Record ref. | Field | Value
recorded | Comment"). A column headed as the tab or table each note is about (``note_table_header_words``) names
tables (``table_names``: "Events", "Start-ups", "EU proposals") beside a column of references.

Such a log is no table of its own. Where it gives a field and its value ("Attendees | 43"), each is a fact that
completes the record it names: the facts of each table are read as a list completing that table's rows
(:mod:`.complements`), the field read as the table's column it names, and every sheet of that table leaves those
columns to it (a required cell left empty there waits for the fact; still empty after, the row is quarantined).
The notes giving no value, or about no record, are listed as such."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from ..schemas import TABLES
from ..textnorm import fold
from .keyvalue import key_value_kind_results
from .normalising import Context, Dropped, SheetResult, normalise_sheet
from .reading import RawSheet, is_blank
from .recognition import HEADER_SCAN_ROWS, Recogniser
from .unread_sheets import unused_sheet
from .vocabulary import Words

MIN_NOTES = 2  # rows naming a table that make a log of notes
NAMED_SHARE = 0.8  # of the table column's filled cells that must name a table
NOT_DATA = "holds no known table: a log of notes about records of several tables kept elsewhere"


@dataclass(frozen=True)
class RecordNotes:
    header_index: int
    tables: dict[int, str]  # row index -> the table its note is about
    reference: int  # the column of the records' references
    field: int | None = None  # the field a note gives a value of ("Attendees"), with ``value``
    value: int | None = None


def table_named(text, words: Words) -> str | None:
    """The table a tab's or table's name written in a log names ("Start-ups", "EU proposals"), or None."""
    return _names(words).get(fold(str(text))) if not is_blank(text) else None


@cache
def _names(words: Words) -> dict[str, str]:
    return {fold(name): table for table, names in words.table_names.items() for name in names}


def find_record_notes(sheet: RawSheet, words: Words) -> RecordNotes | None:
    """The sheet's log of notes about records of several tables, or None (see the module's docstring)."""
    if sheet.kind != "worksheet" or not sheet.rows or len(sheet.rows) > 2000:
        return None
    for index, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        said = {j: fold(c) for j, c in enumerate(row) if isinstance(c, str) and c.strip()}
        for j, text in said.items():
            if text not in words.note_table_header_words:
                continue
            below = {i: r[j] for i, r in enumerate(sheet.rows[index + 1:], start=index + 1)
                     if j < len(r) and not is_blank(r[j])}
            tables = {i: t for i, cell in below.items() if (t := table_named(cell, words))}
            if len(tables) < MIN_NOTES or len(tables) < NAMED_SHARE * len(below) or len(set(tables.values())) < 2:
                continue
            reference = next((k for k, t in said.items() if k != j and set(t.split()) & words.note_reference_words),
                             None)
            if reference is None:
                continue
            field = next((k for k, t in said.items() if set(t.split()) & words.attribute_header_words), None)
            value = next((k for k, t in said.items() if k not in (j, reference, field)
                          and set(t.split()) & words.value_header_words), None)
            return RecordNotes(index, tables, reference, *((field, value) if None not in (field, value) else ()))
    return None


def noted_columns(sheets: list[RawSheet], recogniser: Recogniser, words: Words) -> dict[str, frozenset[str]]:
    """Table -> the required columns the facts of the logs of notes among ``sheets`` give: what every sheet of that
    table leaves to them (a row lacking one is quarantined only if no fact gives it)."""
    out: dict[str, set[str]] = {}
    for sheet in sheets:
        if (notes := find_record_notes(sheet, words)) is None:
            continue
        for table, fields in _facts(sheet, notes)[0].items():
            columns = _taken(sheet, table, list(fields), recogniser).values()
            out.setdefault(table, set()).update(c for c in columns if TABLES[table].column(c).required)
    return {table: frozenset(columns) for table, columns in out.items() if columns}


def _taken(sheet: RawSheet, table: str, fields: list[str], recogniser: Recogniser) -> dict[str, str]:
    """Field -> the column of ``table`` it names ("Attendees": attendees), for the fields some column takes."""
    header = [TABLES[table].key[0], *fields]
    rec = recogniser.recognise_at(RawSheet(sheet.file, sheet.sheet, [header, [None] * len(header)]), 0, table,
                                  known=True)
    key = TABLES[table].key
    return {} if rec is None else {m.header: m.column for m in rec.columns if m.column not in key}


def _facts(sheet: RawSheet, notes: RecordNotes) -> tuple[dict[str, dict[str, dict[str, tuple[int, object]]]],
                                                          list[tuple[int, str]]]:
    """(table -> field -> reference -> (row, value), the rows giving no fact with why)."""
    facts: dict[str, dict[str, dict[str, tuple[int, object]]]] = {}
    idle = []
    cell = lambda row, j: row[j] if j is not None and j < len(row) else None  # noqa: E731
    for i, row in enumerate(sheet.rows[notes.header_index + 1:], start=notes.header_index + 1):
        if all(is_blank(c) for c in row):
            continue
        ref, field, value = cell(row, notes.reference), cell(row, notes.field), cell(row, notes.value)
        if i not in notes.tables or is_blank(ref):
            idle.append((i, "a note about no record (no table or no reference)"))
        elif notes.field is None or is_blank(field) or is_blank(value):
            idle.append((i, "a note that gives no value"))
        else:
            fields = facts.setdefault(notes.tables[i], {})
            fields.setdefault(" ".join(str(field).split()), {})[" ".join(str(ref).split())] = (i, value)
    return facts, idle


def record_notes_results(sheet: RawSheet, notes: RecordNotes, recogniser: Recogniser, ctx: Context) -> list[SheetResult]:
    """The results of a log of notes: no data, or one list of facts per table completing its rows."""
    facts, idle = _facts(sheet, notes)
    results = []
    for table, fields in facts.items():
        taken = _taken(sheet, table, list(fields), recogniser)
        idle += [(i, f"a note about a field no column of {table} takes ({field!r})")
                 for field, values in fields.items() if field not in taken for i, _ in values.values()]
        fields = {field: values for field, values in fields.items() if field in taken}
        if not fields:
            continue
        refs = list(dict.fromkeys(ref for values in fields.values() for ref in values))
        rows = [[TABLES[table].key[0], *fields]] + [[ref, *(fields[f].get(ref, (0, None))[1] for f in fields)]
                                                     for ref in refs]
        firsts = [min(fields[f][ref][0] for f in fields if ref in fields[f]) for ref in refs]
        part = replace(sheet, rows=rows, sheet=f"{sheet.sheet} [{table}]" if sheet.sheet else f"[{table}]",
                       first_row=0, merged_ranges=[])
        rec = recogniser.recognise_at(part, 0, table, known=True)
        if rec is None:  # (the fields were taken alone: not expected)
            idle += [(i, f"a note about {table} not read") for values in fields.values() for i, _ in values.values()]
            continue
        result = normalise_sheet(part, rec, ctx, origins=[(sheet.first_row + i, None) for i in firsts], complement=True)
        result.header_row = sheet.first_row + notes.header_index
        result.note = f"facts completing {table} rows read elsewhere, from a log of notes: {', '.join(fields)}"
        other = {sheet.first_row + i for values in fields.values() for i, _ in values.values()} - {
            sheet.first_row + i for i in firsts}
        result.dropped += [Dropped(sheet.file, sheet.sheet, n, "a note read with its record's other notes")
                           for n in sorted(other)]
        result.rows_read += len(other)
        results.append(result)
    if not results:
        return [unused_sheet(sheet, NOT_DATA, f"{NOT_DATA}: rows not used")]
    results[0].dropped += [Dropped(sheet.file, sheet.sheet, sheet.first_row + i, why) for i, why in idle]
    results[0].rows_read += len(idle)
    return results


def log_results(sheet: RawSheet, recogniser: Recogniser, ctx: Context) -> list[SheetResult] | None:
    """The results of a sheet that is a log about several tables' records: notes about records kept elsewhere, or
    a log of attributes of several kinds of things (:func:`.keyvalue.key_value_kind_results`); None otherwise."""
    if (notes := find_record_notes(sheet, ctx.words)) is not None:
        return record_notes_results(sheet, notes, recogniser, ctx)
    return key_value_kind_results(sheet, recogniser, ctx)
