"""Sheets whose rows are not read: not data (a note, a summary, a dashboard of actual values), or a table that
lacks required columns, skipped and reported with what to add. Every row is accounted for as dropped."""

from __future__ import annotations

from pathlib import PurePosixPath

from ..schemas import TABLES
from ..textnorm import fold
from .code_lists import CODE_LISTS, DATA_DICTIONARY, LOOKUP_TABLE, is_code_header, is_label_header
from .codebooks import CODEBOOK
from .column_choices import is_year
from .kind_legends import REGISTER_LEGEND
from .normalising import Dropped, SheetResult, Skipped
from .reading import RawSheet, is_blank, whole_sheet_name
from .recognised import Recognition
from .recognition import Recogniser, header_cells
from .sibling_sheets import UNRECOGNISED
from .suggest import guess_columns, mapping_entry
from .targets import DASHBOARD

README = "holds no known table: a read-me (its small tables document the other sheets)"
LISTS = "holds no known table: the lists of values a workbook's drop-downs offer"
EMPTY_LIST = "an empty list: its header over no record"
BY_YEAR = "summary sheet, not data: one row per year (figures of each year, not records)"
MIN_LISTS = 2  # lists of codes and labels side by side on a sheet named as lists: its drop-downs' lists
MIN_YEARS = 3  # rows of years that make a sheet a summary by year
MAX_NOTE_ROWS = 2  # lines under an empty list's header ("— aucun événement —", "Néant ce mois-ci")
ACTUALS_ONLY = ("holds no known table: indicators without any target or objective column (a dashboard of actual "
                "values, not the targets)")

READ_WITH_OTHERS = {  # sheets that hold no table, only what other sheets' codes mean: (note, reason)
    CODEBOOK: ("the codebook of a survey's coded answers (read with them)", "codebook of coded answers"),
    CODE_LISTS: ("the workbook's code lists (its codes read with them)", "code lists of the workbook"),
    LOOKUP_TABLE: ("a lookup table of the folder (its keys read as their names where other files give them)",
                   "lookup table of the folder"),
    REGISTER_LEGEND: ("the legend of a register's columns for each kind of its records (read with it)",
                      "legend of a register's columns"),
    DATA_DICTIONARY: ("a data dictionary of the folder (its codes read as their labels where other files give them)",
                      "data dictionary of the folder"),
}


def non_empty_rows(sheet: RawSheet) -> int:
    return sum(1 for row in sheet.rows if any(c is not None and str(c).strip() for c in row))


def unused_sheet(sheet: RawSheet, note: str, reason: str, always: bool = False, summary: bool = False) -> SheetResult:
    """A sheet whose rows are not read (listed as dropped, with ``reason``; an empty one too when ``always``);
    ``summary``: it summarises data read elsewhere."""
    non_empty = non_empty_rows(sheet)
    result = SheetResult(sheet.file, sheet.sheet, None, non_empty, hidden=sheet.hidden, note=note, summary=summary)
    if non_empty or always:
        result.dropped.append(Dropped(sheet.file, sheet.sheet, 0, reason, rows=non_empty))
    return result


def _actual_values_only(sheet: RawSheet, rec: Recognition, recogniser: Recogniser) -> bool:
    """Whether a sheet that looks like targets lacks them because none of its headers speaks of a target ("Indicator
    | This period | Portfolio to date": a quarter's key metrics), or because its one target column holds no number
    beside a column of actual values ("Objectif (n.a.)" all "—" beside "Réalisé sur la période": a dashboard of the
    years before any target)."""
    if rec.table != "kpi_targets":
        return False
    headers = header_cells(sheet.rows[rec.header_index])
    if "target" in rec.missing_required:
        return not any(set(recogniser.words_of(text)) & recogniser.target_words for _, text in headers)
    target = next((m.index for m in rec.columns if m.column == "target"), None)
    below = sheet.rows[rec.header_index + 1:]
    return (target is not None and "period" in rec.missing_required
            and any(recogniser.actuals(text) for _, text in headers)
            and not any(target < len(r) and _has_digit(r[target]) for r in below))


def _has_digit(cell) -> bool:
    return (isinstance(cell, (int, float)) and not isinstance(cell, bool)) or (
        isinstance(cell, str) and any(ch.isdigit() for ch in cell))


def unrecognised_note(sheet: RawSheet, recogniser: Recogniser, guessing: bool) -> str:
    """What a sheet in which no table was recognised is: a dashboard of actual values, a grid of indicators by
    year, a workbook's drop-down lists, or nothing known."""
    if sheet.hidden:
        return f"{UNRECOGNISED} (hidden sheet, e.g. dropdown lists)"
    if not guessing:
        return UNRECOGNISED
    if grid := recogniser.target_grids.find(sheet)[1]:
        return ("holds no known table: a dashboard of actual values against targets (the targets are read from the "
                "annex that sets them)" if grid == DASHBOARD else
                "holds no known table: a grid of indicators by year that says nothing of targets, taken for actual "
                "values (if they are targets, write 'Objectif' or 'Cible' in its title row or headers)")
    header = next((i for i, row in enumerate(sheet.rows) if not all(is_blank(c) for c in row)), None)
    return LISTS if header is not None and _lists_of_values(sheet, None, recogniser, header) else UNRECOGNISED


def _lists_of_values(sheet: RawSheet, rec: Recognition | None, recogniser: Recogniser, header_index: int = 0) -> bool:
    """Whether a sheet (or a CSV file) named as a kit's lists ("Paramètres", "Listes", "Pipeline - Lookups.csv") is
    its drop-downs' lists: lists of codes and labels side by side (two at least), or one list per column under its
    name, no value twice in a column, and no id of the table its headers look like (none, or only words; no table
    when ``rec`` is None: the header is then ``header_index``)."""
    name = whole_sheet_name(sheet.sheet) or PurePosixPath(sheet.file).stem  # a tab downloaded: "Pipeline - Lookups.csv"
    if not set(fold(name).split()) & recogniser.list_sheet_words:
        return False
    header_index = header_index if rec is None else rec.header_index
    header, words = sheet.rows[header_index], recogniser.words
    pairs = zip(header, header[1:], strict=False)
    if sum(is_code_header(a, words) and is_label_header(b, words) for a, b in pairs) >= MIN_LISTS:
        return True  # "Code | Libellé | | Code techno | Libellé techno": lists side by side, the labels as written
    below = sheet.rows[header_index + 1:]
    if rec is not None and _reads_ids(rec, below):
        return False
    columns = {i for row in below for i, c in enumerate(row) if c is not None and str(c).strip()}
    for i in columns:
        values = [fold(str(r[i])) for r in below if i < len(r) and r[i] is not None and str(r[i]).strip()]
        if len(set(values)) != len(values):
            return False
    return bool(columns)


def _reads_ids(rec: Recognition, below: list[list]) -> bool:
    """Whether the table's id columns read hold ids (a digit in some), not a column of words taken for them
    ("Statut dossier": "Déposé", "Retenu")."""
    key = TABLES[rec.table].key
    if set(key) & set(rec.missing_required):
        return False
    ids = [r[m.index] for m in rec.columns if m.column in key for r in below if m.index < len(r) and not is_blank(r[m.index])]
    return any(any(ch.isdigit() for ch in str(v)) for v in ids)


def skipped_sheet(sheet: RawSheet, rec: Recognition, recogniser: Recogniser) -> SheetResult:
    """A sheet that looks like a table but lacks required columns: not read, reported with what to add (a sheet of
    indicators without targets is no targets table, a read-me's table of keys no data: listed as not data)."""
    if _actual_values_only(sheet, rec, recogniser):
        return unused_sheet(sheet, ACTUALS_ONLY, f"{ACTUALS_ONLY}: rows not used")
    if sheet.sheet and fold(whole_sheet_name(sheet.sheet)) in recogniser.readme_names:
        return unused_sheet(sheet, README, f"{README}: rows not used")
    if _lists_of_values(sheet, rec, recogniser):
        return unused_sheet(sheet, LISTS, f"{LISTS}: rows not used")
    if _by_year(sheet, rec, recogniser.words):  # "Année | Nb événements | Participants": a board's widget
        return unused_sheet(sheet, BY_YEAR, "summary sheet: one row per year", summary=True)
    if (note := _empty_list_note(sheet, rec)) is not None:  # nothing to read: no column is lacking a value
        return unused_sheet(sheet, f"{EMPTY_LIST}{note}", f"{EMPTY_LIST}: no row to read")
    guesses = {g.column: g for g in guess_columns(recogniser, sheet, rec)}
    closest = {c: ([(guesses[c].header, guesses[c].confidence)] if guesses[c].header else []) + guesses[c].alternatives
               for c in rec.missing_required}
    skipped = Skipped(rec.table, sheet.first_row + rec.header_index, list(rec.missing_required), closest,
                      mapping_entry(sheet, rec, list(guesses.values()),
                                    why=f"not read: lacks {', '.join(rec.missing_required)}"))
    non_empty = non_empty_rows(sheet)
    result = SheetResult(sheet.file, sheet.sheet, None, non_empty, hidden=sheet.hidden, skipped=skipped,
                         note=f"not read: {skipped.problem()}", suggestion=skipped.suggestion)
    if non_empty:
        result.dropped.append(Dropped(sheet.file, sheet.sheet, 0, f"sheet not read: {skipped.problem()}",
                                      rows=non_empty))
    return result


def _by_year(sheet: RawSheet, rec: Recognition, words) -> bool:
    """Whether the sheet lacks the table's id and its first column gives a year on each row, each year once (a total
    line aside): figures by year, a summary of records kept elsewhere (a ledger's "Exercice" repeated over its
    lines is a column of records)."""
    table = TABLES[rec.table]
    if not table.key or table.key[0] not in rec.missing_required:
        return False
    first = [r[0] for r in sheet.rows[rec.header_index + 1:] if r and r[0] is not None and str(r[0]).strip()]
    years = [v for v in first if is_year(v)]
    return len(years) >= MIN_YEARS and len({str(v) for v in years}) == len(years) and all(is_year(v) or isinstance(v, str) and words.is_total_label(v)
                                            for v in first)


def _empty_list_note(sheet: RawSheet, rec: Recognition) -> str | None:
    """The text shown after the empty list's note — ": '<its first note>'", or "" under a bare header — when the
    rows under the header hold at most a note or two, one text cell each ("— aucun événement —" in a monthly log);
    None when they hold records."""
    below = [[c for c in row if c is not None and str(c).strip()] for row in sheet.rows[rec.header_index + 1:]]
    filled = [cells for cells in below if cells]
    if len(filled) > MAX_NOTE_ROWS or any(len(cells) > 1 or not isinstance(cells[0], str) for cells in filled):
        return None
    return "".join(f": {' '.join(cells[0].split())!r}" for cells in filled[:1])
