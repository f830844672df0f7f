"""A recognised sheet -> typed records, quarantined rows and dropped rows (every row ends somewhere).

Blank, total, repeated-header and note rows are dropped with their reason; every other row is parsed, column by
column (each distinct cell of a column once). A row with any value that cannot be read, or without a required
value, goes to the quarantine (one entry per problem, names and e-mails already pseudonymised); the others become
records, held column by column in a :class:`~.blocks.Block`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import compress, zip_longest
from typing import TYPE_CHECKING

from ..errors import ParseError
from ..privacy import EMAIL, looks_personal
from ..schemas import TABLES
from ..textnorm import fold, tokens
from .amendments import with_amendments
from .blocks import ABSENT, Block
from .charge_signs import charges_unsigned
from .checkbox_codes import checkbox_codes, owner_partner
from .code_lists import UnlistedCode
from .codebook import CodeBook
from .cofunder_lines import cofunder_line_ids
from .column_choices import label_items
from .complements import asked_columns
from .continuations import childless_rows, continuation_rows, not_granted_rows, rows_below_total, unwon_deals
from .header_rows import group_rows_again
from .institution_columns import labelled_institution
from .institutions import InstitutionResolver
from .kpi_name_column import with_named_kpis
from .marked_lines import marked_lines
from .merged_cells import fill_merged_down, merged_copies
from .name_keys import without_system_ids
from .nested import nested_list_rows
from .parallel_lines import parallel_lines
from .parsers import ValueParsers, parse_text
from .partnership_scope import outside_partnership
from .people_lines import first_of_people
from .presence import not_attending
from .pseudonymise import Pseudonymiser
from .reading import RawSheet
from .reading import is_blank as _is_blank
from .recognition import ColumnMatch, Recognition
from .replaced_targets import replaced_rows
from .report_groups import group_values_carried_down, groups_carried_down, outline_rows, parent_keys_carried_down
from .row_screen import screen_rows
from .run_together import with_run_together_dates
from .status_rows import (
    cancelled_rows,
    not_counted_rows,
    not_target_rows,
    superseded_snapshots,
    unawarded_requests,
    unselected_applications,
)
from .target_basis import with_basis
from .target_columns import with_one_target
from .target_rows import names_carried_down, units_applied
from .vocabulary import Words
from .wrapped_cells import page_headers, with_wrapped_texts

if TYPE_CHECKING:
    from .target_names import KpiNames

MIN_DATE, MAX_DATE = dt.date(1950, 1, 1), dt.date(2100, 12, 31)


@dataclass
class Record:
    """One record given on its own (a targets grid gives them so); ingestion holds them in a :class:`Block`."""

    table: str
    values: dict
    file: str
    sheet: str | None
    row: int
    status: str = "accepted"  # accepted, quarantined (conflicting duplicate), dropped (exact duplicate)


@dataclass
class Problem:
    """One quarantine entry: where, which column, which value, why (values that may be personal are pseudonymised)."""

    file: str
    sheet: str | None
    row: int
    table: str
    column: str
    value: str
    reason: str
    key: str = ""  # the row's key as read (e.g. its project_id), to find it again


@dataclass
class Dropped:
    file: str
    sheet: str | None
    row: int  # 0 when the entry stands for a whole sheet
    reason: str
    rows: int = 1  # how many raw rows this entry stands for


@dataclass
class Skipped:
    """A sheet that looks like a table but could not be read: what it resembles, what it lacks, what to add."""

    table: str
    header_row: int
    missing: list[str]  # required columns without a header
    closest: dict[str, list[tuple[str, float]]]  # missing column -> (header of the sheet, similarity) best first
    suggestion: str  # a draft mapping-file entry that reads the sheet (YAML)
    reason: str = ""

    def problem(self) -> str:
        return self.reason or (f"looks like the {self.table!r} table (header row {self.header_row}) but lacks the "
                               f"required column(s) {', '.join(self.missing)}")


@dataclass
class SheetResult:
    file: str
    sheet: str | None
    table: str | None
    rows_read: int
    header_row: int | None = None
    hidden: bool = False
    records: list[Record] = field(default_factory=list)  # a targets grid's (ingestion turns them into a block)
    block: Block | None = None  # the records, column by column
    quarantined_rows: set[int] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)  # the quarantine of rows
    cell_problems: list[Problem] = field(default_factory=list)  # optional cells emptied, their rows accepted
    dropped: list[Dropped] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # header -> column
    units: dict[str, float] = field(default_factory=dict)  # header -> multiplier
    unknown_columns: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # a grid's columns of baselines or actuals: read as not targets
    note: str = ""
    confidence: float | None = None  # of the recognition (0-1), for a sheet read as a table
    suggestion: str = ""  # a draft mapping rule for a sheet not read, read with low confidence or read wide
    skipped: Skipped | None = None  # the sheet could not be read (its rows are in the dropped list)
    summary: bool = False  # a summary sheet (pivot table, formulas over other cells): listed, never read as data
    reading_notes: list[str] = field(default_factory=list)  # how the file was read (encoding, date order...)
    guessed: dict[str, tuple[str, float]] = field(default_factory=dict)  # required column -> (header, similarity)
    fallback: SheetResult | None = None  # a sheet read as a complement, as reported if its ids are read nowhere else
    breakdown: tuple[tuple[str, frozenset[str]], ...] = ()  # a skipped sheet's (table, ids) repeated line after line
    head: RawSheet | None = None  # an unrecognised sheet's first rows: it may hold a table found nowhere (missing_tables)
    laureates: frozenset[str] = frozenset()  # a list of a contest's laureates: its companies (laureate_lists.py)
    _counts: dict | None = field(default=None, repr=False)

    def counts(self) -> dict[str, int]:
        """Rows, not records: a row of wide targets gives several records. A row with a quarantined record is
        quarantined; else with an accepted one, accepted; else (merged duplicates only) dropped.

        Worked out once, on first use: call it only when the records' statuses are final (after duplicates)."""
        if self._counts is None:
            self._counts = self._count()
        return self._counts

    def _count(self) -> dict[str, int]:
        if self.block is not None:
            accepted, quarantined, dropped = self.block.counts(self.quarantined_rows)
        else:
            accepted, quarantined, dropped = Block.from_records(self.table, self.file, self.sheet,
                                                                self.records).counts()
        return {"rows_read": self.rows_read, "rows_accepted": accepted,
                "rows_quarantined": len(self.quarantined_rows) + quarantined,
                "rows_dropped": sum(d.rows for d in self.dropped) + dropped}


@dataclass
class Context:
    """What normalising needs besides the sheet, made once per run: institution aliases, code labels, KPI ids, the
    value parsers, the pseudonymiser and the word lists of the run's vocabulary."""

    institutions: InstitutionResolver
    codebook: CodeBook
    kpi_ids: dict[tuple[str, ...], str]  # folded id or label -> kpi id
    parsers: ValueParsers
    pseudonymiser: Pseudonymiser
    words: Words
    kpi_names: KpiNames | None = None  # indicator names as people write them -> KPI ids (targets.py)
    partner_funders: tuple[str, ...] = ()  # the partners' funder codes (a partner numbers its own lines)
    noted: dict[str, frozenset[str]] = field(default_factory=dict)  # required columns a log of notes gives


def person_part(header: str, words: Words) -> str:
    """Which part of a person a header holds: ``email``, ``first`` (name) or ``name``."""
    found = set(tokens(header))
    if found & words.email_header_words or "mail" in fold(header):
        return "email"
    if found & words.first_name_header_words:
        return "first"
    return "name"


_PENDING_CHECKED = frozenset({"id", "text", "code", "institution", "research_unit", "siren"})


class _Parsers:
    """The parser of each kind of column (the caller memoises: spreadsheets repeat dates, labels, amounts)."""

    def __init__(self, table: str, ctx: Context, month_first: bool = False):
        self.table = table
        self.ctx = ctx
        self.values = ctx.parsers
        self.month_first = month_first

    def parse(self, column, match: ColumnMatch, raw):
        """The typed value of ``raw`` for ``column``; raises ParseError."""
        return self._parse(column, match, raw)

    def _parse(self, column, match: ColumnMatch, raw):
        if type(raw) is UnlistedCode:  # a kit's code its list does not hold (code_lists.py)
            raise ParseError(raw.reason)
        kind = column.kind
        if kind in _PENDING_CHECKED and not (kind == "code" and self.ctx.codebook.find(self.table, column.name,
                                                                                       str(raw)) is not None):
            self.values.check_not_pending(raw, phrases=kind != "text")
        parse = getattr(self, f"_{kind}", None)
        if parse is None:
            raise AssertionError(f"no parser for kind {kind}")
        return parse(column, match, raw)

    def _money(self, column, match, raw):
        return self.values.parse_money(raw, match.multiplier or 1.0, self.month_first)

    def _date(self, column, match, raw):
        value, precision = self.values.parse_date_precise(raw, self.month_first)
        if value is not None and not (MIN_DATE <= value <= MAX_DATE):
            raise ParseError(f"{value.isoformat()} is not a plausible date")
        return value, precision

    def _id(self, column, match, raw):
        return self._private(column, self.values.parse_id(raw))

    def _written(self, raw):
        return None if self.values.is_missing(raw) else parse_text(raw)  # "-", "NC": nothing written

    def _text(self, column, match, raw):
        return self._private(column, self._written(raw))

    def _code(self, column, match, raw):
        text = self._written(raw)
        if match.labels and text is not None and self.ctx.codebook.names_none(self.table, column.name, text):
            return None  # a board's card without a label of this column: nothing said, nothing unreadable
        return self.ctx.codebook.lookup(self.table, column.name, text)

    def _institution(self, column, match, raw):
        text = self._written(raw)
        if match.labels:
            text = labelled_institution(self.ctx.institutions, text)
        return self.ctx.institutions.resolve(text)

    def _int(self, column, match, raw):
        return self.values.parse_int(raw)

    def _float(self, column, match, raw):
        if self.table == "kpi_targets" and self.ctx.kpi_names is not None:  # "250k€ max": the bound is the target
            raw = self.ctx.kpi_names.units.without_bound(raw)
        if column.maximum is None:
            return self.values.parse_number(raw)
        score = self.values.parse_score(raw)  # a score: "4,2", "8/10", or a number on the header's scale
        rescaled = isinstance(raw, str) and "/" in raw
        return score * match.multiplier if score is not None and match.multiplier and not rescaled else score

    def _bool(self, column, match, raw):
        if match.label_words:  # a board's labels: the card has the label saying yes, or not
            return any(match.label_words <= words for words in label_items(raw))
        return self.values.parse_bool(raw)

    def _siren(self, column, match, raw):
        return self.values.parse_siren(raw)

    def _research_unit(self, column, match, raw):
        return self._private(column, self.values.parse_research_unit(raw))

    def _period(self, column, match, raw):
        return self.values.parse_period_or_deadline(raw)

    def _kpi_id(self, column, match, raw):
        if self.values.is_missing(raw):
            return None
        found = self.ctx.kpi_ids.get(tokens(str(raw)))
        if found:
            return found
        if self.ctx.kpi_names is None:
            raise ParseError(f"unknown KPI id {str(raw)!r}")
        named = self.ctx.kpi_names.match_written(" ".join(str(raw).split()))  # "EU bids submitted"
        if named.kpi_id is None:
            raise ParseError(named.reason)
        return named.kpi_id

    def _private(self, column, text):
        """Free text (a title, an id, a unit): the e-mails and names typed in it pseudonymised, and counted."""
        return self.ctx.pseudonymiser.mask(text, f"{self.table}.{column.name}")


def _quoting(why: str, raw, shown: str) -> str:
    """``why`` quoting its cell as the quarantine's value column shows it: a value masked there ("sophie martin", a
    name alone in its cell) is masked in the reason too, where it is no longer alone ("'sophie martin' is not a
    date"). Parsers quote at most 57 characters of a long value, then "..."."""
    text = "" if raw is None else str(raw)
    if not shown or shown == text:
        return why
    for quoted in (text, text[:57] + "..."):
        if quoted in why:
            return why.replace(quoted, shown)
    return why


def _display(raw, pseudonymiser: Pseudonymiser) -> str:
    if raw is None:
        return ""
    if isinstance(raw, dt.datetime):
        return raw.isoformat(sep=" ")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return pseudonymiser.mask(str(raw))  # e-mails and names never repeated in the quarantine


def columns_by_header(matches) -> dict[str, str]:
    """Header -> the column read from it; a header read as two columns ("Call": the call and its programme) is
    listed once per column, the second as "Call (programme)"; one column under one header twice (a person's name
    and e-mail under a merged "Porteur") once."""
    out: dict[str, str] = {}
    for m in matches:
        if out.get(m.header, m.column) != m.column:
            out[f"{m.header} ({m.column})"] = m.column
        else:
            out[m.header] = m.column
    return out


def normalise_long(sheet: RawSheet, header_index: int, long_rows: list[list], origins: list[tuple[int, str | None]],
                   dropped: list[Dropped], rec: Recognition, ctx: Context) -> SheetResult:
    """The records of a sheet turned long (a wide sheet, a presence grid, repeated groups of columns): ``long_rows``
    (a header, then one row per value) read under ``rec``, each with the spreadsheet row and header it comes from
    (``origins``), the rows of ``sheet`` below ``header_index`` accounted for with the ``dropped`` ones."""
    first = sheet.first_row + header_index + 1
    long_sheet = replace(sheet, rows=long_rows, first_row=first - 1, merged_ranges=[])
    result = normalise_sheet(long_sheet, rec, ctx, origins=origins)
    result.header_row = sheet.first_row + header_index
    result.rows_read = len(sheet.rows) - header_index - 1
    result.dropped[:0] = dropped
    return result


def normalise_sheet(sheet: RawSheet, rec: Recognition, ctx: Context,
                    origins: list[tuple[int, str | None]] | None = None, complement: bool = False) -> SheetResult:
    """Typed records (:attr:`SheetResult.block`), quarantine entries and dropped rows of one recognised sheet.

    A value that cannot be read in a required column quarantines its row; in an optional column, the cell is
    emptied and listed (:attr:`SheetResult.cell_problems`) and the row kept. ``origins``: for a sheet made from a
    wide one (:mod:`.unpivot`), the spreadsheet row and header each data row comes from. ``complement``: the sheet
    completes rows read elsewhere (:mod:`.complements`): only its id is required of it.

    Column by column: the rows that are data are told apart first (:func:`_screen`), then each column's distinct
    cells are parsed once and mapped back; only the rows with a problem are looked at one by one."""
    if rec.grid is not None:  # targets kept as a grid: read by targets.py
        return rec.grid.normalise(sheet, rec, ctx)
    sheet, rec = with_named_kpis(sheet, rec, ctx)  # targets: "Code indicateur: IR-01" beside the indicator's name
    if origins is None and (lines := parallel_lines(sheet, rec)) is not None:  # "FIN-01⏎FIN-02" in one row
        return normalise_long(sheet, rec.header_index, [sheet.rows[rec.header_index], *lines[0]], lines[1], [],
                              replace(rec, header_index=0), ctx)
    table = TABLES[rec.table]
    data_rows = sheet.rows[rec.header_index + 1 :]
    result = SheetResult(
        sheet.file, sheet.sheet, rec.table, rows_read=len(data_rows), columns=columns_by_header(rec.columns),
        header_row=sheet.first_row + rec.header_index, hidden=sheet.hidden,
        units={m.header: m.multiplier for m in rec.columns if m.multiplier and m.multiplier != 1.0},
        unknown_columns=list(rec.unknown), confidence=rec.confidence)
    noted = frozenset() if complement else ctx.noted.get(rec.table, frozenset())  # given by a log of notes
    parsers = _Parsers(rec.table, ctx, sheet.month_first)
    by_column, words, pseudonymiser = rec.by_column(), ctx.words, ctx.pseudonymiser
    header_texts = tuple(" ".join(str(c).split()) for c in sheet.rows[rec.header_index] if not _is_blank(c))
    id_indexes = {m.index for m in rec.columns if table.column(m.column).kind == "id"}
    person_parts = {m.index: person_part(m.header, words) for m in rec.columns
                    if table.column(m.column).kind == "person"}
    first = sheet.first_row + rec.header_index + 1

    data_rows = groups_carried_down(fill_merged_down(sheet, rec.header_index, data_rows), rec)
    data_rows, group_heads = group_values_carried_down(data_rows, rec, words)  # "ANR" once over its lines
    pages = page_headers(data_rows, sheet.rows[:rec.header_index])  # a converted report's title atop each page
    # a company once over its rounds (a page break ends no group)
    data_rows, parents_carried = parent_keys_carried_down(data_rows, rec, ctx.words, frozenset(pages))
    data_rows, marked = marked_lines(data_rows, rec, words)  # "   ↳ levée": a round under its company's line
    data_rows, checkboxes = checkbox_codes(data_rows, rec, ctx, owner_partner(sheet, rec, ctx))  # "Coordination"
    data_rows, amending = with_amendments(data_rows, rec, ctx, first)  # "EJ d'origine": a correction's commitment
    data_rows, unsigned = charges_unsigned(data_rows, rec, words, set(amending))  # "Journal: ENG" at "-77 500,00"
    partner = (lambda text: ctx.codebook.find("funding", "funder", text) in ctx.partner_funders  # noqa: E731
               ) if ctx.partner_funders else None
    data_rows, cofunders = cofunder_line_ids(sheet, rec, data_rows, first, partner=partner)  # "Région Sud" unnumbered
    data_rows, wrapped = with_wrapped_texts(data_rows, rec, sheet.rows[:rec.header_index],  # a PDF's wrapped title
                                            words.total_row_labels, pages)
    data_rows, parted = with_run_together_dates(data_rows, rec)  # "03/04/2021 Avignon Université"
    result.note = "; ".join([*checkboxes, *([cofunders] if cofunders else []), *([unsigned] if unsigned else []),
                             *([parents_carried] if parents_carried else []), *([parted] if parted else [])])
    if rec.table == "kpi_targets":  # a planning tab names the indicator on its first row of years only
        data_rows = with_one_target(names_carried_down(data_rows, rec), sheet.rows[rec.header_index], rec, ctx)
        # the units on the target read (an OKR's "Target" beside "Unit", its "Objective" a goal's name)
        data_rows = with_basis(units_applied(data_rows, sheet.rows[rec.header_index], rec, ctx), rec, ctx)
    data_rows = without_system_ids(sheet.rows[rec.header_index], data_rows, rec.mapped_indexes,
                                   words.record_id_headers)  # Smartsheet's "Row ID", on its section rows too
    grid = list(zip_longest(*data_rows)) if data_rows else []  # grid[j][offset]: column j of the data rows
    # Columns made by ingestion (an event id from the file name, "[event_id]") are at the end: they do not make a
    # total or a note row a data row.
    made = min((m.index for m in rec.columns if m.header.startswith("[")), default=None)
    cut = None if made is None or origins else made
    dropped, distinct = screen_rows(data_rows if cut is None else [row[:cut] for row in data_rows], grid[:cut], rec,
                                header_texts, id_indexes, words)
    dropped = [(i, wrapped.get(i, why)) for i, why in dropped]  # a wrapped title's end, whatever else it looks like
    dropped = group_rows_again(dropped, sheet.rows[rec.header_index + 1:],  # as written, not as carried down
                               sheet.rows[max(0, rec.header_index - 2):rec.header_index])
    for more in (group_heads, marked, amending, wrapped,
                 cancelled_rows(sheet, rec, data_rows, words),  # "Status: annulé": an event that did not happen
                 outside_partnership(sheet, rec, data_rows, ctx),  # "Programme: IDEX JEDI" beside "CPP-IT Onco"
                 superseded_snapshots(sheet, rec, data_rows, words),  # "Année: 2021" under its 2022 line
                 unselected_applications(sheet, rec, data_rows, ctx),  # "Non retenu" beside "Lauréat"
                 unawarded_requests(sheet, rec, data_rows, ctx),  # a grants system's "Declined", 0 awarded
                 not_target_rows(sheet, rec, data_rows, ctx),  # "Measure: Actual" in a long targets table
                 not_counted_rows(grid, distinct, words),  # "TEST borne – ne pas tenir compte"
                 replaced_rows(sheet, rec, data_rows, ctx),  # "Statut: Remplacée (avenant n°1)"
                 not_attending(sheet, rec, words),  # registered no-shows, organisers and speakers
                 continuation_rows(sheet, rec, data_rows),  # a portal's record pasted over two lines
                 rows_below_total(rec, data_rows, dropped),  # "Taux d'intervention : 76 %" below the total
                 childless_rows(rec, data_rows),  # a start-up tracker's line for a company with no round yet
                 not_granted_rows(sheet, rec, data_rows, words),  # "Avis du comité: Défavorable"
                 unwon_deals(sheet, rec, data_rows, words)):  # a fundraising deal "Closed lost"
        if more:
            seen = {i for i, _ in dropped}
            dropped = sorted(dropped + [(i, why) for i, why in more.items() if i not in seen])
    result.dropped = [Dropped(sheet.file, sheet.sheet, origins[i][0] if origins else first + i, reason)
                      for i, reason in dropped]
    n = len(data_rows)
    out = {i for i, _ in dropped}  # rows dropped: their cells are read as empty (parsing nothing), then left out

    def cells(index: int) -> tuple[list, dict | None]:
        """Column ``index`` of the data rows (empty in the rows dropped), and its distinct cells if known."""
        if index >= len(grid):
            return [None] * n, None
        if not out:
            return grid[index], distinct[index] if index < len(distinct) else None
        column = list(grid[index])
        for i in out:
            column[i] = None
        return column, None

    read = _Columns(n, out, cells)
    for order, column in enumerate(asked_columns(table, complement, rec.pending)):
        matches = by_column.get(column.name)
        if matches is None:
            read.missing(order, column)
        elif column.kind == "person":
            read.people(order, column, matches, person_parts, ctx)
        else:
            read.parsed(order, column, matches[0], parsers, pseudonymiser)
    read.issues = [x for x in read.issues if x[3] not in noted or x[5] != "required value missing"]  # left to it
    columns = read.columns
    numbers = [origin[0] for origin in origins] if origins else list(range(first, first + n))
    quarantined = _sort_problems(read, table, numbers, sheet, rec.table, pseudonymiser, result,
                                 merged_copies(sheet, rec))
    if quarantined and not origins and (nested := {**outline_rows(data_rows, rec), **nested_list_rows(
            data_rows, quarantined, sheet.rows[rec.header_index], words)}):
        nested = {i: why for i, why in nested.items() if i in quarantined}
        _drop_instead(result, nested, numbers, sheet)  # subitems under an item, an outline's heads: no rows
        quarantined -= set(nested)
        out |= set(nested)
    source_column = [origin[1] for origin in origins] if origins else None
    if out or quarantined:
        keep = [i not in out and i not in quarantined for i in range(n)]
        columns = {k: list(compress(v, keep)) for k, v in columns.items()}
        numbers = list(compress(numbers, keep))
        source_column = list(compress(source_column, keep)) if origins else None
    m = len(numbers)
    source_file = pseudonymiser.scrub_emails(sheet.file) if "@" in sheet.file else sheet.file
    source_sheet = pseudonymiser.scrub_emails(sheet.sheet) if sheet.sheet and "@" in sheet.sheet else sheet.sheet
    columns.update(source_file=[source_file] * m, source_sheet=[source_sheet] * m, source_row=numbers,
                   source_column=source_column or [None] * m, duplicate_sources=[None] * m)
    result.block = Block(rec.table, sheet.file, sheet.sheet, numbers, columns, absent=read.absent,
                         complement=complement, quotes=bool(rec.repeated_headers), pending=rec.pending | noted,
                         unread=frozenset(read.unread))
    return result


class _Columns:
    """The typed columns of one sheet as they are read, with the problems found (row, cell only, column order,
    column, value shown, why)."""

    def __init__(self, n: int, out: set[int], cells):
        self.n, self.out, self.cells = n, out, cells
        self.columns: dict[str, list] = {}
        self.unread: set[str] = set()  # the columns no header gave
        self.raws: dict[str, list] = {}  # column -> its raw cells (not for people), for the quarantine
        self.absent: set[str] = set()
        self.issues: list[tuple[int, bool, int, str, str, str]] = []

    def _required_missing(self, order: int, name: str, rows) -> None:
        self.issues.extend((i, False, order, name, "", "required value missing") for i in rows if i not in self.out)

    def missing(self, order: int, column) -> None:
        """A column no header gave."""
        name = column.name
        self.columns[name] = [None] * self.n
        self.unread.add(name)
        if column.kind == "date":
            self.columns[f"{name}_precision"] = [ABSENT] * self.n
            self.absent.add(f"{name}_precision")
        if column.required:
            self._required_missing(order, name, range(self.n))

    def people(self, order: int, column, matches, person_parts, ctx: Context) -> None:
        """A person over one or several columns (name, first name, e-mail), pseudonymised."""
        keys = list(zip(*(self.cells(m.index)[0] for m in matches), strict=True))  # the same people come back
        found = {key: _person(matches, key, person_parts, ctx) for key in dict.fromkeys(keys)}
        self.columns[column.name] = values = list(map(found.__getitem__, keys))
        if column.required and None in found.values():
            self._required_missing(order, column.name, (i for i, v in enumerate(values) if v is None))

    def parsed(self, order: int, column, match: ColumnMatch, parsers: _Parsers, pseudonymiser) -> None:
        """A column of values, each distinct cell parsed once."""
        name = column.name
        raw, known = self.cells(match.index)
        self.raws[name] = raw
        keys, parsed = _parse_column(parsers, column, match, raw, known)
        value_of, problem_of, precision_of = _values(column, parsed)
        self.columns[name] = list(map(value_of.__getitem__, keys))
        if precision_of is not None:
            self.columns[f"{name}_precision"] = list(map(precision_of.__getitem__, keys))
            if ABSENT in precision_of.values():
                self.absent.add(f"{name}_precision")
        if problem_of:
            cell = not column.required
            for i, key in enumerate(keys):
                if key in problem_of and i not in self.out:
                    shown_raw, why = problem_of[key]
                    shown = _display(raw[i], pseudonymiser) if shown_raw else ""
                    self.issues.append((i, cell, order, name, shown, _quoting(why, raw[i], shown)))


def _values(column, parsed: dict) -> tuple[dict, dict, dict | None]:
    """(value, (whether to show the cell, problem), precision) of each distinct cell parsed for ``column``."""
    value_of, problem_of = {}, {}
    precision_of = {} if column.kind == "date" else None
    for key, value in parsed.items():
        if type(value) is ParseError:
            value_of[key] = None
            problem_of[key] = (True, str(value))
            if precision_of is not None:
                precision_of[key] = ABSENT
            continue
        if precision_of is not None:
            value, precision_of[key] = value
        value_of[key] = value
        if value is None:
            if column.required:
                problem_of[key] = (False, "required value missing")
        elif outside := _outside(column, value):
            problem_of[key] = (True, outside)
            if not column.required:
                value_of[key] = None
    return value_of, problem_of, precision_of


def _drop_instead(result: SheetResult, rows: dict[int, str], numbers: list[int], sheet: RawSheet) -> None:
    """Rows (offset -> reason) dropped rather than quarantined: their problems are taken back."""
    gone = {numbers[i] for i in rows}
    result.problems = [p for p in result.problems if p.row not in gone]
    result.cell_problems = [p for p in result.cell_problems if p.row not in gone]
    result.quarantined_rows -= gone
    result.dropped = sorted(result.dropped + [Dropped(sheet.file, sheet.sheet, numbers[i], why)
                                              for i, why in rows.items()], key=lambda d: d.row)


def _sort_problems(read: _Columns, table, numbers: list[int], sheet: RawSheet, table_name: str, pseudonymiser,
                   result: SheetResult, copies: frozenset[tuple[int, str]] = frozenset()) -> set[int]:
    """The problems of ``read`` into the quarantine (rows with a required value unreadable) or the emptied cells,
    each with its row's key; the quarantined rows (offsets). An emptied cell that a merged range repeats below its
    first row (``copies``: row, column) is one cell, listed at its first row only."""
    if not read.issues:
        return set()
    read.issues.sort(key=lambda x: x[:3])
    keyed: dict[int, str] = {}
    quarantined = set()
    for i, cell, *_ in read.issues:
        if i not in keyed:
            keyed[i] = _row_key(table, {k: read.columns[k][i] for k in table.key},
                                {k: read.raws[k][i] for k in table.key if k in read.raws}, pseudonymiser)
        if not cell:
            quarantined.add(i)
    for i, _cell, _, name, shown, why in read.issues:
        problem = Problem(sheet.file, sheet.sheet, numbers[i], table_name, name, shown,
                          pseudonymiser.mask(why), keyed[i])  # a reason may quote the value: masked as well
        if i in quarantined:
            result.problems.append(problem)
        elif (numbers[i], name) not in copies:
            result.cell_problems.append(problem)
    result.quarantined_rows = {numbers[i] for i in quarantined}
    return quarantined


_NUMBERS = frozenset({bool, int, float})  # types whose values can be equal across types (1 == 1.0 == True)


def _parse_column(parsers: _Parsers, column, match: ColumnMatch, raw: list,
                  distinct: dict | None = None) -> tuple[list, dict]:
    """(a key per cell, key -> typed value or ParseError): each distinct cell parsed once (spreadsheets repeat
    dates, labels, amounts). Cells equal across types (``1``, ``1.0``, ``True``) are told apart by their type.
    ``distinct``: the distinct cells of ``raw``, when already known."""

    def parse(value):
        try:
            return parsers.parse(column, match, value)
        except ParseError as exc:
            return exc

    if distinct is None:
        try:
            distinct = dict.fromkeys(raw)
        except TypeError:  # an unhashable cell: each cell is parsed
            keys = list(range(len(raw)))
            return keys, {i: parse(value) for i, value in enumerate(raw)}
    # Numbers merge with equal numbers of another type in ``distinct``: look at every cell's type if any is one.
    if not _NUMBERS.isdisjoint(map(type, distinct)) and len(set(map(type, raw)) & _NUMBERS) > 1:
        keys = list(zip(map(type, raw), raw, strict=False))
        return keys, {key: parse(key[1]) for key in dict.fromkeys(keys)}
    return raw, {value: parse(value) for value in distinct}


def _outside(column, value) -> str | None:
    """Why a number is out of its column's range, or None."""
    if not isinstance(value, (int, float)):
        return None
    if column.minimum is not None and value < column.minimum:
        return f"below the minimum {column.minimum:g}"
    if column.maximum is not None and value > column.maximum:
        return f"above the maximum {column.maximum:g}"
    return None


def _row_key(table, values: dict, raws: dict, pseudonymiser: Pseudonymiser) -> str:
    """The row's key as read (``P-003``; ``S1 / 2022-03-01 / seed``), so a quarantined row can be found again."""
    parts = []
    for name in table.key:
        value = values.get(name)
        if value is None:
            value = _display(raws.get(name), pseudonymiser)
        elif isinstance(value, dt.date):
            value = value.isoformat()
        parts.append(str(value))
    return " / ".join(parts)


def _person(matches: list[ColumnMatch], cells: tuple, parts_of: dict[int, str], ctx: Context) -> str | None:
    """The pseudonym of the person written over ``matches`` (name, first name, e-mail columns) in ``cells`` (one
    cell per match). A cell that says it could not be read ("(signature illisible)") names nobody."""
    parts: dict[str, list[str]] = {}
    for m, raw in zip(matches, cells, strict=False):
        if _is_blank(raw) or ctx.parsers.is_missing(raw) or ctx.parsers.is_pending(raw):
            continue
        text, part = parse_text(raw) or str(raw), parts_of[m.index]  # without a Notion page's link
        text = first_of_people(raw, text) if part == "name" and isinstance(raw, str) else text  # "X⏎Y (co-PI)"
        if part == "email" and looks_personal(rest := EMAIL.sub(" ", text).strip(" <>()[],;")):
            parts.setdefault("name", []).append(rest)  # a name beside the e-mail ("Dr J.-L. Carrère / jean-luc…@…")
            text = found.group(0) if (found := EMAIL.search(text)) else ""  # or instead of it (not "anonymous")
        parts.setdefault(part, []).append(text)
    pieces = parts.get("first", []) + parts.get("name", [])
    name = _whole_name(pieces) or " ".join(pieces)
    return ctx.pseudonymiser.person(name, " ".join(parts.get("email", [])))


def _whole_name(pieces: list[str]) -> str | None:
    """The piece of a person's name that holds every other piece's words (a form's "Nom" holding the whole name
    beside "Prénom | Nom de famille", a name written twice), or None; "Thomas" twice may be "Thomas THOMAS"."""
    longest = max(pieces, key=len).casefold() if len(pieces) > 1 else ""
    if not all(p.casefold() in longest for p in pieces):  # most names: "Léa" and "MARTIN", neither in the other
        return None
    words = [Counter(tokens(EMAIL.sub(" ", p))) for p in pieces]  # an address under "Contact" is no name's words
    return next((p for p, w in zip(pieces, words, strict=True)
                 if all(o <= w for o in words) and (w.total() > 1 or any(o < w for o in words))), None)
