"""One question asked in other words from one year to the next: a registration tool's export keeps one column per
wording ("Établissement" in 2021, "Établissement de rattachement" in 2022, "Organisme" in 2023), each filled on the
rows of its own year only. A column left out of the table whose header names the same table column as one that was
read, and that is never filled on a row where that one is, is read as part of it: each row takes its one filled cell.
A row where two of them are filled keeps the column recognition read (the others are then not merged at all). For a
column of codes, only a code fills it, and only where the column read is empty: "Modalité" beside "Lieu" gives the
site "Distanciel" (online) where "Lieu" says "—", and its "Présentiel" beside "Lieu: Marseille" is no second answer;
PitchBook's "Deal Type: Grant" gives a round's type where its finer "Series" is empty.

Only answers to a question are read so (a text, an institution, a unit, a code): a date or an amount in another
column is another fact ("Montant demandé" beside "Montant accordé", "Date de détection prévue" beside "Date de
détection"), filled where the first is not because it is known before it."""

from __future__ import annotations

from dataclasses import replace

from ..schemas import TABLES
from .column_choices import is_year
from .parsers import ValueParsers
from .reading import RawSheet, is_blank
from .recognition import Recogniser, Recognition, header_cells

REWORDED_KINDS = frozenset({"text", "institution", "research_unit", "code"})  # the kinds of a question's answers


def _empty(cell, parsers: ValueParsers) -> bool:
    return is_blank(cell) or parsers.is_missing(cell)


def _namesakes(sheet: RawSheet, rec: Recognition, recogniser: Recogniser, kinds):
    """(the read column's index, the unread column's index) of each unread header naming first of all a column of
    ``kinds`` that the sheet reads."""
    table = TABLES[rec.table]
    read = {m.column: m.index for m in rec.columns if table.column(m.column).kind in kinds}
    mapped = rec.mapped_indexes
    for index, text in header_cells(sheet.rows[rec.header_index]) if read else ():
        candidates = recogniser.cell_candidates(rec.table, text) if index not in mapped else ()
        if candidates and candidates[0][0] in read:
            yield read[candidates[0][0]], index


def _says(cell, code_of, parsers: ValueParsers) -> bool:
    """Whether a cell answers the question: filled, and a code of the column when it asks for one (``code_of``):
    "Modalité: Présentiel" beside "Lieu: Marseille" names no site, "Distanciel" beside "Lieu: —" does (online)."""
    return not _empty(cell, parsers) and (code_of is None or code_of(str(cell)) is not None)


def _code_of(rec: Recognition, index: int, recogniser: Recogniser):
    """The code finder of the code column read at ``index``, or None for another kind."""
    column = next(m.column for m in rec.columns if m.index == index)
    if TABLES[rec.table].column(column).kind != "code":
        return None
    return lambda text: recogniser.codebook.find(rec.table, column, text)


def alternative_columns(sheet: RawSheet, rec: Recognition, recogniser: Recogniser,
                        parsers: ValueParsers) -> dict[int, list[int]]:
    """Read column index -> the indexes of the other wordings of its question."""
    data = sheet.rows[rec.header_index + 1:]
    found: dict[int, list[int]] = {}
    for target, index in _namesakes(sheet, rec, recogniser, REWORDED_KINDS):
        columns, code_of = [target, *found.get(target, []), index], _code_of(rec, target, recogniser)
        filled = [sum(1 for j in columns if j < len(r) and (not _empty(r[j], parsers) if j == target
                                                            else _says(r[j], code_of, parsers)))
                  for r in data if code_of is None or target >= len(r) or _empty(r[target], parsers)]
        # (a code read where the read column is empty only: PitchBook's "Deal Type: Grant" where its "Series" is)
        if max(filled, default=0) <= 1 and any(index < len(r) and _says(r[index], code_of, parsers) for r in data):
            found.setdefault(target, []).append(index)
    return found


def coarser_dates(sheet: RawSheet, rec: Recognition, recogniser: Recogniser,
                  parsers: ValueParsers | None = None) -> dict[int, list[int]]:
    """Read date column index -> the unread columns of bare years naming the same table column, or headed only
    "Année" / "Year" beside the table's one required date ("Année | Date de décision": the year where no day is
    known); and, with ``parsers``, the unread columns naming the same table column whose dates are all coarser than
    a day and filled only where the read column is empty ("Trimestre de détection (reprise historique)": "T2 2019"
    on the records carried over from an older tool, beside "Date de détection" on the others)."""
    data = sheet.rows[rec.header_index + 1:]
    found: dict[int, list[int]] = {}
    namesakes = list(_namesakes(sheet, rec, recogniser, {"date"}))
    for target, index in [*namesakes, *_bare_years(sheet, rec, recogniser)]:
        values = [r[index] for r in data if index < len(r) and not is_blank(r[index])]
        if values and all(is_year(v) for v in values):
            found.setdefault(target, []).append(index)
    for target, index in namesakes if parsers is not None else ():
        if index in found.get(target, ()):
            continue
        rows = [r for r in data if index < len(r) and not _empty(r[index], parsers)]
        if rows and all(_coarse(r[index], parsers) and (target >= len(r) or _empty(r[target], parsers))
                        for r in rows):
            found.setdefault(target, []).append(index)
    return found


def _coarse(cell, parsers: ValueParsers) -> bool:
    """Whether a cell is a date known to its month, quarter, half or year only ("T2 2019", "mars 2020")."""
    try:
        day, precision = parsers.parse_date_precise(cell)
    except ValueError:
        return False
    return day is not None and precision not in (None, "day")


def _bare_years(sheet: RawSheet, rec: Recognition, recogniser: Recogniser):
    """(the required date's index, the unread "Année" column's index), when the sheet reads one required date."""
    table = TABLES[rec.table]
    dates = [m.index for m in rec.columns if m.column in table.required and table.column(m.column).kind == "date"]
    if len(dates) != 1:
        return
    mapped = rec.mapped_indexes
    for index, text in header_cells(sheet.rows[rec.header_index]):
        words = recogniser.words_of(text)
        if index not in mapped and words and recogniser.year_words.issuperset(words):
            yield dates[0], index


def _header(cell) -> str:
    return " ".join(str(cell).split())


def repeated_columns(sheet: RawSheet, rec: Recognition) -> dict[int, list[int]]:
    """Read code column index -> the unread columns under the very same header (a multi-valued field)."""
    table = TABLES[rec.table]
    header = sheet.rows[rec.header_index]
    mapped = rec.mapped_indexes
    found: dict[int, list[int]] = {}
    for m in rec.columns:
        if table.column(m.column).kind != "code" or m.index >= len(header) or is_blank(header[m.index]):
            continue
        same = [i for i, text in header_cells(header) if i not in mapped and _header(text) == _header(header[m.index])]
        if same:
            found[m.index] = same
    return found


def with_alternative_columns(sheet: RawSheet, rec: Recognition, recogniser: Recogniser,
                             parsers: ValueParsers) -> tuple[RawSheet, Recognition, str] | None:
    """(the sheet with each question's wordings in its read column, the recognition without them among the unknown
    headers, a note), or None when the sheet asks no question in several wordings."""
    joined = repeated_columns(sheet, rec)
    found = {t: js for t, js in alternative_columns(sheet, rec, recogniser, parsers).items() if t not in joined}
    for target, others in coarser_dates(sheet, rec, recogniser, parsers).items():
        found.setdefault(target, []).extend(others)
    if not found and not joined:
        return None
    rows = list(sheet.rows)
    code_of = {t: _code_of(rec, t, recogniser) for t in found}
    for offset in range(rec.header_index + 1, len(rows)):
        row = rows[offset]
        for target, others in (found | joined).items():
            cells = [row[j] for j in (target, *others) if j < len(row) and (
                _says(row[j], code_of[target], parsers) if target in found and j != target
                else not _empty(row[j], parsers))]
            if not cells or (target in found and not _empty(row[target] if target < len(row) else None, parsers)):
                continue
            row = list(row) + [None] * (target + 1 - len(row))
            row[target] = ", ".join(str(c) for c in cells) if target in joined else cells[0]
        rows[offset] = row
    header = sheet.rows[rec.header_index]
    merged = {_header(header[j]) for others in (found | joined).values() for j in others}
    note = "; ".join(f"{_header(header[t])} read with {', '.join(_header(header[j]) for j in js)}"
                     for t, js in (found | joined).items())
    return (replace(sheet, rows=rows), replace(rec, unknown=[h for h in rec.unknown if h not in merged]),
            f"one question in several wordings: {note}")
