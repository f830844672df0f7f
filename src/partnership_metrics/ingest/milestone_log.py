"""A table kept as a log of milestones — one row per project and milestone ("Projet | Jalon | Date réelle"), the
project's attributes repeated on each of its rows, or only its id — turned into one row per project with a date
column per milestone, then read like any other table.

The milestone is the column whose values name at least two of the table's date columns, read as headers would be
("Déclaration d'invention" names ``disclosure_date``); the date is the column of dates beside it, a planned one left
out when another is there ("Date prévue | Date réelle"). A milestone with no date (planned only) sets nothing. The
columns whose value changes from one milestone of a project to the next (the milestone's label, status, comment) are
not the project's and are left out. A milestone written twice with two dates is given both, so that its cell is
reported as unreadable instead of one being chosen. A log that holds the ids and dates only completes the rows of
the same ids read from another sheet (:mod:`.complements`).

A log writes most of its projects on several rows: a sheet with one row per project is a register (its stage in a
column), never a log. Its columns are told from its first :data:`SAMPLE` rows, so that trying every candidate header
of a large sheet stays cheap; all its rows are then read.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..errors import ParseError
from ..schemas import TABLES
from .normalising import Context, Dropped, SheetResult, normalise_sheet
from .reading import RawSheet, is_blank
from .recognition import HEADER_SCAN_ROWS, ColumnMatch, Recogniser, Recognition
from .report import LOW_CONFIDENCE
from .unread_sheets import unused_sheet

MIN_MILESTONES = 2  # distinct date columns a milestone column must name
MAX_MILESTONE_LABELS = 40  # a column with more distinct values is no list of milestones
MIN_ROWS = 4
DATE_SHARE = 0.6  # of a date column's filled cells that must read as dates
SAMPLE = 500  # data rows the columns are told from (a header tried on every row of a large sheet stays cheap)
REPEATED_SHARE = 0.5  # of the rows that must belong to a project written on several rows (a register has one each)


@dataclass
class MilestoneLog:
    table: str
    header_index: int
    pivoted: RawSheet  # a header, then one row per project
    origins: list[tuple[int, str | None]]  # raw row number of each project's first row
    dropped: list[Dropped]  # the projects' other rows, blank rows, rows of no project
    rec: Recognition
    milestones: dict[str, str]  # label as written -> date column
    left_out: list[str]  # headers of the columns that change from one milestone to the next
    complement: bool  # only ids and dates: completes the rows read elsewhere


def _date_tables() -> tuple[str, ...]:
    return tuple(t for t, s in TABLES.items() if s.source == "raw" and sum(c.kind == "date" for c in s.raw_columns) >= 3)


def find_milestone_log(sheet: RawSheet, rec: Recognition | None, recogniser: Recogniser,
                       ctx: Context) -> MilestoneLog | None:
    """The sheet as one row per project when it is a log of milestones, or a list of a few projects' updates
    (:func:`_updates_at`); None otherwise."""
    if len(sheet.rows) < 2:
        return None
    known = rec is not None and rec.table in _date_tables()  # else a near miss of another table says nothing of where
    tables = (rec.table,) if known else _date_tables()
    indexes = [rec.header_index] if known else range(min(HEADER_SCAN_ROWS, len(sheet.rows) - 1))
    for index in indexes:
        row = sheet.rows[index]
        if sum(isinstance(c, str) and not is_blank(c) for c in row) < 3:
            continue
        for table in tables:
            found = _log_at(sheet, index, table, rec, recogniser, ctx) or _updates_at(sheet, index, table, recogniser,
                                                                                     ctx)
            if found is not None:
                return found
    return None


def _updates_at(sheet: RawSheet, index: int, table: str, recogniser: Recogniser, ctx: Context) -> MilestoneLog | None:
    """A monthly report's list of updates: "Réf. projet | Jalon | Date [| Commentaire]", one line per milestone a
    project already reported passed this month — a header naming the table's id, a column of milestones, one of
    their dates, and nothing else but remarks and reminders of the project's name ("Projet (rappel)"). It holds
    only ids and dates, so it completes the rows of the same ids read elsewhere, however few its lines (one per
    project is no register here: it has nothing else)."""
    header = list(sheet.rows[index])
    cells = [(j, text) for j, text in enumerate(header) if isinstance(text, str) and text.strip()]
    keys = [j for j, text in cells if _names_key(table, text, recogniser)]
    data = _sample(sheet.rows, index + 1)
    if len(keys) != 1 or not data:
        return None
    width = max(len(header), *(len(r) for r in data))
    header += [None] * (width - len(header))
    labels = {j: {_text(r[j]) for r in data if j < len(r) and isinstance(r[j], str) and not is_blank(r[j])}
              for j, _ in cells if j != keys[0]}
    named = {j: named_dates(table, found, recogniser) for j, found in labels.items() if found}
    milestone = next((j for j, found in named.items() if found and len(found) >= 0.5 * len(labels[j])), None)
    if milestone is None:
        return None
    date_index = _date_column(header, data, milestone, recogniser, ctx, sheet.month_first)
    rest = [text for j, text in cells if j not in (keys[0], milestone, date_index)]
    if date_index is None or any(not set(recogniser.words_of(text)) & recogniser.comment_words
                                 and not _reminds(table, text, recogniser) for text in rest):
        return None
    every = _all_labels_named(table, sheet.rows[index + 1:], milestone, recogniser)
    if not every:
        return None
    found = _pivot(sheet, index, table, header, (keys[0], milestone, date_index), every, recogniser, updates=True)
    return found if found is not None and found.complement else None


def _text(cell) -> str:
    return " ".join(str(cell).split()) if not is_blank(cell) else ""


def _milestone_column(table: str, data: list[list], width: int, recogniser: Recogniser) -> tuple[int, dict] | None:
    """(index, label -> date column) of the column naming the table's dates best; None when none names two."""
    best = None
    for j in range(width):
        labels = {_text(r[j]) for r in data if j < len(r) and isinstance(r[j], str) and not is_blank(r[j])}
        if not 2 <= len(labels) <= MAX_MILESTONE_LABELS or len(labels) >= len(data):
            continue
        named = named_dates(table, labels, recogniser)
        share = len(named) / len(labels)
        if len(set(named.values())) >= MIN_MILESTONES and share >= 0.5 and (best is None or share > best[0]):
            best = (share, j, named)
    return (best[1], best[2]) if best else None


def _date_column(header: list, data: list[list], skip: int, recogniser: Recogniser, ctx: Context,
                 month_first: bool) -> int | None:
    """The column of the milestones' dates: headed by a date word, filled with dates; of several, the one that says
    it is what happened, else the only one that does not say it is planned."""
    words = ctx.words
    found = []
    for j, cell in enumerate(header):
        header_words = set(recogniser.words_of(_text(cell))) if j != skip and isinstance(cell, str) else set()
        if not header_words & recogniser.date_words or header_words & recogniser.record_date_words:
            continue
        if holds_dates(data, j, ctx, month_first):
            found.append((j, header_words))
    actual = [j for j, w in found if w & words.actual_date_words]
    unplanned = [j for j, w in found if not w & words.planned_date_words]
    if len(actual) == 1:
        return actual[0]
    return unplanned[0] if len(unplanned) == 1 else None


def holds_dates(data: list[list], j: int, ctx: Context, month_first: bool) -> bool:
    """Whether column ``j`` of ``data`` is filled with dates (:data:`DATE_SHARE` of its filled cells at least)."""
    filled = [r[j] for r in data if j < len(r) and not is_blank(r[j])]
    read = 0
    for value in filled:
        try:
            read += ctx.parsers.parse_date_precise(value, month_first)[0] is not None
        except ParseError:
            pass
    return bool(filled) and read >= DATE_SHARE * len(filled)


def _key_column(table: str, data: list[list], width: int, rec: Recognition | None, milestone: int,
                taken: set[int]) -> int | None:
    """The column of the project's id: the one recognition gave, else the leftmost column of codes that repeat
    (not the milestone's own code, "J10" beside "Détection du projet"; a total row may break the run)."""
    key = TABLES[table].key[0]
    if rec is not None and rec.table == table:
        for m in rec.columns:
            if m.column == key and m.index not in taken:
                return m.index
    labels = [_text(r[milestone]) if milestone < len(r) else "" for r in data]
    for j in range(width):
        if j in taken:
            continue
        values = [_text(r[j]) if j < len(r) else "" for r in data]
        filled = [v for v in values if v]
        codes = [v for v in filled if " " not in v and any(ch.isdigit() for ch in v) and any(ch.isalpha() for ch in v)]
        if len(codes) < 0.9 * len(values) or len(set(codes)) == len(codes):
            continue
        if len(set(zip(values, labels, strict=True))) == len(set(values)):
            continue  # one label per code: the milestone's code, not the project's
        return j
    return None


def _log_at(sheet: RawSheet, index: int, table: str, rec: Recognition | None, recogniser: Recogniser,
            ctx: Context) -> MilestoneLog | None:
    header = list(sheet.rows[index])
    data = _sample(sheet.rows, index + 1)
    if len(data) < MIN_ROWS:
        return None
    width = max(len(header), *(len(r) for r in data))
    header += [None] * (width - len(header))
    milestone = _milestone_column(table, data, width, recogniser)
    if milestone is None:
        return None
    milestone_index = milestone[0]
    date_index = _date_column(header, data, milestone_index, recogniser, ctx, sheet.month_first)
    if date_index is None:
        return None
    key_index = _key_column(table, data, width, rec, milestone_index, {milestone_index, date_index})
    if key_index is None:
        return None
    named = _all_labels_named(table, sheet.rows[index + 1:], milestone_index, recogniser)  # beyond the sample too
    if named is None:
        return None
    return _pivot(sheet, index, table, header, (key_index, milestone_index, date_index), named, recogniser)


def _sample(rows: list[list], start: int) -> list[list]:
    """The first :data:`SAMPLE` rows from ``start`` that are not blank."""
    found = []
    for row in rows[start:]:
        if not all(is_blank(c) for c in row):
            found.append(row)
            if len(found) == SAMPLE:
                break
    return found


def _all_labels_named(table: str, rows: list[list], j: int, recogniser: Recogniser) -> dict[str, str] | None:
    """Label -> date column of every milestone of column ``j`` (None when it has too many labels for a list of
    milestones)."""
    labels = set()
    for r in rows:
        if j < len(r) and isinstance(r[j], str) and not is_blank(r[j]):
            labels.add(_text(r[j]))
            if len(labels) > MAX_MILESTONE_LABELS:
                return None
    return named_dates(table, labels, recogniser)


def named_dates(table: str, labels: set[str], recogniser: Recogniser, dates: set[str] | None = None) -> dict[str, str]:
    """Label -> the date column (of ``dates``, default: all the table's) it names best, read as a header would be;
    the labels that name none left out."""
    dates = dates if dates is not None else {c.name for c in TABLES[table].raw_columns if c.kind == "date"}
    named = {}
    for label in labels:
        candidates = recogniser.cell_candidates(table, label)
        top = max((score for _, score in candidates), default=0)
        found = [column for column, score in candidates if column in dates and score == top]
        if found:
            named[label] = found[0]
    return named


def _pivot(sheet: RawSheet, index: int, table: str, header: list, where: tuple[int, int, int], named: dict,
           recogniser: Recogniser, updates: bool = False) -> MilestoneLog | None:
    key_index, milestone_index, date_index = where
    first = sheet.first_row + index + 1
    groups: dict[str, list[tuple[int, list]]] = {}
    dropped: list[Dropped] = []
    for offset, row in enumerate(sheet.rows[index + 1:]):
        number = first + offset
        row = list(row) + [None] * (len(header) - len(row))
        if all(is_blank(c) for c in row):
            dropped.append(Dropped(sheet.file, sheet.sheet, number, "blank row"))
            continue
        key = _text(row[key_index])
        if not key:
            dropped.append(Dropped(sheet.file, sheet.sheet, number, "a row of the log of milestones with no project"))
            continue
        groups.setdefault(key, []).append((number, row))
    repeated = sum(len(rows) for rows in groups.values() if len(rows) > 1)
    if not updates and repeated < REPEATED_SHARE * sum(len(rows) for rows in groups.values()):
        return None  # one row per project: a register (its stage in a column), not a log of its milestones
    skip = {key_index, milestone_index, date_index}
    varying = {j for j in range(len(header)) if j not in skip and any(
        len({_text(r[j]) for _, r in rows if not is_blank(r[j])}) > 1 for rows in groups.values())}
    kept = [j for j in range(len(header)) if j not in skip and j not in varying]
    dates = list(dict.fromkeys(named.values()))
    key_header = header[key_index] if _names_key(table, header[key_index], recogniser) else TABLES[table].key[0]
    rows = [[key_header, *(header[j] for j in kept), *dates]]
    origins = []
    for key, members in groups.items():
        found: dict[str, list] = {}
        for number, row in members:
            column = named.get(_text(row[milestone_index]))
            if column is not None and not is_blank(row[date_index]) and row[date_index] not in found.get(column, []):
                found.setdefault(column, []).append(row[date_index])
            if number != members[0][0]:
                label = _text(row[milestone_index]) or "(none)"
                why = "" if column else ", which is none of the table's dates"
                dropped.append(Dropped(sheet.file, sheet.sheet, number,
                                       f"milestone {label!r} of {key}{why}, read with row {members[0][0]}"))
        values = [next((r[j] for _, r in members if not is_blank(r[j])), None) for j in kept]
        cells = [_one(found.get(column, [])) for column in dates]
        rows.append([key, *values, *cells])
        origins.append((members[0][0], None))
    pivoted = replace(sheet, rows=rows, first_row=1, merged_ranges=[])
    if updates:  # ids and dates only, as few as a month has: read as such, no recognition to ask
        pivoted = replace(pivoted, rows=[[r[0], *r[len(kept) + 1:]] for r in rows])
        key = TABLES[table].key[0]
        columns = [ColumnMatch(0, key, key), *(ColumnMatch(1 + i, c, c) for i, c in enumerate(dates))]
        missing = [c for c in TABLES[table].required if c not in (key, *dates)]
        rec = Recognition(table, 0, columns, [], missing_required=missing)
        return MilestoneLog(table, index, pivoted, origins, dropped, rec, named,
                            [_text(header[j]) for j in sorted(varying | set(kept)) if _text(header[j])], True)
    rec = recogniser.recognise(pivoted, (table,))
    if rec is None or rec.header_index != 0 or any(
            not any(m.column == c and m.index == len(kept) + 1 + i for m in rec.columns) for i, c in enumerate(dates)):
        return None
    key = TABLES[table].key[0]
    complement = bool(rec.missing_required) and key not in rec.missing_required
    if rec.missing_required and not complement:
        return None
    if complement and kept:  # only the ids and dates complete the register: its other columns are the register's
        pivoted = replace(pivoted, rows=[[r[0], *r[len(kept) + 1:]] for r in rows])
        rec, kept = recogniser.recognise(pivoted, (table,)), []
        if rec is None or rec.header_index != 0:
            return None
    return MilestoneLog(table, index, pivoted, origins, dropped, rec, named,
                        [_text(header[j]) for j in sorted(varying) if _text(header[j])], complement)


def _names_key(table: str, cell, recogniser: Recogniser) -> bool:
    """Whether a header names the table's id as its best match ("Réf. projet"), not its title ("Projet")."""
    candidates = recogniser.cell_candidates(table, _text(cell)) if isinstance(cell, str) else ()
    return bool(candidates) and candidates[0][0] == TABLES[table].key[0]


REMINDERS = frozenset({"title", "acronym", "name"})  # columns that name a thing, repeated beside its id as a reminder


def _reminds(table: str, cell, recogniser: Recogniser) -> bool:
    """Whether a header names the table's title, acronym or name as its best match ("Projet (rappel)")."""
    candidates = recogniser.cell_candidates(table, _text(cell)) if isinstance(cell, str) else ()
    return bool(candidates) and candidates[0][0] in REMINDERS


def _one(cells: list):
    """A milestone's date: its one cell; two different dates given for it, both (read as no date, and reported)."""
    if len(cells) <= 1:
        return cells[0] if cells else None
    return " ; ".join(str(c) for c in cells)


def normalise_milestone_log(sheet: RawSheet, found: MilestoneLog, ctx: Context) -> SheetResult:
    """Records, quarantine and dropped rows of a log of milestones, every raw row below its header accounted for."""
    result = normalise_sheet(found.pivoted, found.rec, ctx, origins=found.origins, complement=found.complement)
    result.header_row = sheet.first_row + found.header_index
    result.rows_read = len(sheet.rows) - found.header_index - 1
    result.dropped.extend(found.dropped)
    named = ", ".join(f"{label!r} = {column}" for label, column in found.milestones.items())
    result.note = f"log of milestones ({named}): one {found.table} row per {TABLES[found.table].key[0]}"
    if found.left_out:
        result.note += f"; left out, as they change from one milestone to the next: {', '.join(found.left_out)}"
    if found.complement:
        result.note += ("; it holds only ids and dates: they complete the rows of the same ids read from the "
                        "other sheets")
    return result


def log_read_as_targets(sheet: RawSheet, rec: Recognition, result: SheetResult, recogniser: Recogniser,
                        ctx: Context) -> SheetResult:
    """``result``, or the sheet read as a log of milestones when it was read as targets whose names match no KPI
    ("Réf. projet | Jalon | Date | Année": a project's reference in the indicator's place), or no table at all when
    no name matched and nothing was read (a data pack's provenance tab: "Tab | Source document | … | Scope")."""
    if rec.table != "kpi_targets" or (result.confidence or 0) >= LOW_CONFIDENCE:
        return result
    if milestones := find_milestone_log(sheet, None, recogniser, ctx):
        return normalise_milestone_log(sheet, milestones, ctx)
    if not result.records and (result.block is None or not len(result.block)) and result.problems and all(
            p.column == "kpi_id" for p in result.problems):
        note = "holds no known table: no name of its rows is a KPI's"
        return unused_sheet(sheet, note, f"{note}: rows not used")
    return result
