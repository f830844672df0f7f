"""Targets kept as a grid: one row per indicator, one column per year or period, as partnership annexes write them.

``Indicateur | Unité | Référence 2018-2020 | 2021 | 2022 | 2023 | Objectif cumulé 2021-2023 | Commentaire``:

- Recognition (:meth:`TargetGrids.recognise`): a header row with year or period columns, a column naming the
  indicators (its header says so, else the leftmost column of text before the years) and optionally a units column.
  Columns of past values are left out: a baseline word ("Référence", "Baseline", "Réalisé"), or no target word and
  the partnership's baseline period, or a year or a span of years that ends before the partnership's period (from the run's
  :class:`~partnership_metrics.partnership.Partnership`). The grid is targets only if the sheet says so: a target
  word ("objectif", "cible", "target"...) in a period header, a title row above the header or the indicator column's
  header; a grid of actual values ("Synthèse", "Tableau de bord") gives no recognition. Words: ``vocab/targets.yaml``.
- Names: each indicator name is matched with a KPI by :class:`~.target_names.KpiNames` (``target_names.py``).
- Values (:meth:`TargetGrid.normalise`): the unit of the name ("(k€)", "(%)", "en jours") or of the units column
  applies (k€ x 1000, M€ x 1e6); shares become fractions (see :func:`.target_cells.as_fractions`); "n.d.", "—", "n/a" and
  empty cells are no target; heading and note rows are dropped with their reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import ParseError
from ..textnorm import STOPWORDS, fold, tokens
from .half_years import merged_halves, with_both_halves
from .header_rows import data_cell, group_at, two_row_header
from .header_values import holds_an_address, is_field_row
from .lone_texts import PAGE_FOOTER, is_page_footer
from .normalising import Dropped, Problem, Record, SheetResult, _display, _is_blank
from .reading import RawSheet
from .recognition import HEADER_SCAN_ROWS, ColumnMatch, Recognition, header_cells
from .sentences import with_prose_above, with_prose_below
from .target_basis import basis_kinds
from .target_cells import EACH_YEAR, as_fractions, cell_periods, no_target_yet, range_bound
from .target_names import OUT_OF_FIVE, KpiNames, NameMatch, Unit, Units, value_kind
from .target_notes import heading_or_note, marked, noted_units
from .target_periods import ARROWS, TOTAL_WORDS, TRAJECTORY, PeriodColumn, PeriodHeaders
from .target_references import referred
from .target_rows import rows_named_first
from .vocabulary import KPI_SYNONYMS

if TYPE_CHECKING:
    from ..partnership import Partnership
    from .normalising import Context
    from .recognition import Recogniser
    from .vocabulary import Vocabulary

NO_TARGET = "no target given (empty, n.d., —)"  # an indicator's row without any target: dropped, not a problem
SENTENCE_WORDS = 4  # words of a sentence, not a value ("Pour Inserm Transfert, le Président")


# --- recognition ------------------------------------------------------------------------------------------------

_COUNTED = re.compile(r"^\s*(?P<number>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)\s+[^\W\d]+(?:\s+[^\W\d]+)?\s*$")
# A value, then a remark: in brackets, after a spaced dash, or words after a percentage ("35 % des projets").
_REMARK = re.compile(r"^(?P<value>.*?\d.*?)\s*(?:\([^()]*\)|\s[–—-]\s.*|(?<=%)\s+[^\W\d].*)\s*$")
_CLAUSES = re.compile(r"[.;,()]")  # a title's sentences and clauses
_AMOUNT = re.compile(r"-?\d[\d \u00a0\u202f]*(?:[.,]\d+)?(\s?[kKmM]?€)?")  # 830000.0, "50 000 €": a value, no header
_LETTERS = re.compile(r"[^\W\d_]")
MIN_LETTERS = 3  # a cell naming something, not a value typed as text ("25 %", "x 2")
DASHBOARD = "dashboard"  # what :meth:`TargetGrids.find` says of a grid of actual values shown against targets
BASIS_SHARE = 0.6  # of a column's written cells that say how a row's values add up
KIND_SCAN_ROWS = 60  # the rows below a header looked at for a column saying which rows are targets




class TargetGrids(PeriodHeaders):
    """Recognition and reading of targets grids with one vocabulary and one partnership (made once per run)."""

    def __init__(self, vocabulary: Vocabulary, partnership: Partnership | None, recogniser: Recogniser):
        from ..partnership import default_partnership

        self.partnership = partnership if partnership is not None else default_partnership()
        self.recogniser = recogniser
        self.parsers = recogniser.parsers
        self.words = vocabulary.target_words
        self.row_words = vocabulary.words
        self.units = Units(self.words)
        self.kpi_synonyms_file = vocabulary.user_file(KPI_SYNONYMS)
        self.period_words = (self.words.target_words | self.words.baseline_words | self.words.period_words
                             | vocabulary.words.target_header_words | STOPWORDS)
        partner_words = set()
        for p in self.partnership.partners:
            partner_words.update(fold(p.abbreviation).split())
            for text in (*p.short.values(), *p.name.values()):
                partner_words.update(tokens(text))
        self.names = KpiNames(self.words, self.units, vocabulary.kpi_synonyms, frozenset(partner_words))
        self.basis_kind = basis_kinds(self.words, self.parsers.whole_period_words)
        # "Cible 2023 initiale | révisée COPIL 12/2022": which version of a period's target a column holds
        self.revision_words = self.words.adopted_words | self.words.superseded_words | self.words.decision_body_words
        self._periods: dict = {}

    def target_value(self, raw, kpi_unit: str, unit: Unit) -> tuple[float | None, bool]:
        """(the target a cell writes for a KPI in ``kpi_unit``, whether it was written with ``%``); raises
        ParseError. A remark after the value is left out ("0,7 M€ – à confirmer", "35 % des projets détectés",
        "45 projets (cumul 3 ans)"): a free-text target column writes the value first."""
        try:
            return self._target_value(raw, kpi_unit, unit)
        except ParseError:
            bare = _without_remark(raw)
            if bare is None:
                raise
            return self._target_value(bare, kpi_unit, unit)

    def _target_value(self, raw, kpi_unit: str, unit: Unit) -> tuple[float | None, bool]:
        parsers = self.parsers
        raw = self.units.without_bound(raw)
        if kpi_unit == "count" and isinstance(raw, str) and (counted := _COUNTED.match(raw)):
            raw = counted["number"]  # "1 000 participants", "12 projets": the number of the things counted
        percent = isinstance(raw, str) and raw.strip().endswith("%")
        if percent and kpi_unit not in ("share", "index"):
            raise ParseError(f"{raw.strip()!r} is a percentage, not a value in {kpi_unit}")
        if kpi_unit == "eur":
            return parsers.parse_money(raw, unit.multiplier or 1.0), False
        if kpi_unit == "score":
            return parsers.parse_score(OUT_OF_FIVE.sub("", raw) if isinstance(raw, str) else raw), False  # "4 sur 5"
        return parsers.parse_number(raw), percent

    def value_kind(self, cell) -> str | None:
        """See :func:`~.target_names.value_kind`."""
        return value_kind(cell, self.words)

    def _kind_column(self, sheet: RawSheet, index: int, taken: set[int]) -> int | None:
        """The column below header row ``index`` whose cells say which rows are targets: kinds of value only
        (a fifth of other cells at most), repeated, a target kind and another among them; else None."""
        rows = sheet.rows[index + 1 : index + 1 + KIND_SCAN_ROWS]
        for i in range(max((len(r) for r in rows), default=0)):
            if i in taken:
                continue
            cells = [" ".join(fold(c).split()) if isinstance(c, str) else c
                     for r in rows if i < len(r) and not _is_blank(c := r[i])]
            kinds = [self.value_kind(c) for c in cells]
            if (len(cells) >= 3 and kinds.count(None) * 5 <= len(cells) and "target" in kinds and "other" in kinds
                    and len(set(cells)) < len(cells)):
                return i
        return None

    def _not_of_baseline(self, folded: str) -> str:
        """A title without its clauses about the baseline: "Baseline = 2018-2020 actuals, for information only"
        explains the baseline column; it does not make the grid a summary of actual values."""
        return " ".join(c for c in _CLAUSES.split(folded) if not set(c.split()) & self.words.baseline_text_words)

    def _says_target(self, text: str) -> bool:
        return bool(set(fold(text).split()) & self.words.target_words)

    def is_name_header(self, text: str) -> bool:
        if set(tokens(text)) & self.words.name_header_words:
            return True
        found = self.recogniser.cell_candidates("kpi_targets", text)
        return bool(found) and found[0][0] == "kpi_id"

    def _is_unit_header(self, text: str) -> bool:
        return bool(set(tokens(text)) & self.words.unit_header_words)

    def recognise(self, sheet: RawSheet) -> Recognition | None:
        """The targets grid of ``sheet``, or None (no grid of indicators by year, or a grid of actual values)."""
        return self.find(sheet)[0]

    def find(self, sheet: RawSheet) -> tuple[Recognition | None, bool | str]:
        """(the targets grid of ``sheet`` or None, whether ``sheet`` holds a grid of indicators by year at all:
        when it does but nothing says these are targets, it is a summary of actual values, not a table;
        :data:`DASHBOARD` when it shows actual values against targets)."""
        from .target_cards import find_cards  # a card module reads its cards with this module's grids

        cards = find_cards(sheet, self)  # "FICHE INDICATEUR N° 1.1", "Intitulé | …": cards
        grid, found = self._find_grid(sheet)
        if cards is not None and (grid is None or cards.grid.before < grid.header_index):
            return cards, True  # a grid below the first card is one of its rows ("Valeurs cibles | 2021 | 2022")
        return grid, found  # tables pasted from slides: a grid first, what looks like cards below is its blocks

    def _find_grid(self, sheet: RawSheet) -> tuple[Recognition | None, bool | str]:
        """:meth:`find` for a grid of indicators by year (no cards)."""
        for index, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
            layouts = [(header, found) for header in (row, self._two_rows(sheet, index))  # a memo's field ("Re: | …")
                       if header is not None and not is_field_row(header)  # above its table is no header
                       and not holds_an_address(header)  # a project's row, its PI's address and "2020" among them
                       and (found := self._layout(sheet, index, header)) is not None]
            if any(found is DASHBOARD for _, found in layouts):
                return None, DASHBOARD  # actual values against targets: a summary, the targets are elsewhere
            if layouts:  # the header read on two rows when it says more ("Indicateur | Unité" merged down)
                if (grouped := self._grouped_layout(sheet, index)) is not None:
                    return self._grid(sheet, index + 1, *grouped), True
                header, found = max(layouts, key=lambda hf: (hf[1][-1], len(hf[1][0])))  # then more periods
                return self._grid(sheet, index, header, *found[:-1]), True
        return None, False

    def grid_at(self, sheet: RawSheet, index: int) -> Recognition | None:
        """The targets grid whose header is row ``index`` of ``sheet``, on that row alone; else None."""
        found = self._layout(sheet, index, sheet.rows[index])
        return None if found is None or found is DASHBOARD else self._grid(sheet, index, sheet.rows[index], *found[:-1])

    def _grouped_layout(self, sheet: RawSheet, index: int):
        """(header, layout) when each year of row ``index`` is merged over sub-columns named on the row below
        ("2021" over "Seuil d'alerte | Cible"): only the sub-columns that say target are targets; else None."""
        if index + 1 >= len(sheet.rows) or not _is_header_row(below := sheet.rows[index + 1]):
            return None
        width = max(len(sheet.rows[index]), len(below))
        upper = list(sheet.rows[index]) + [None] * (width - len(sheet.rows[index]))
        below = list(below) + [None] * (width - len(below))
        spread = None
        for i, cell in enumerate(upper):  # a merged cell reads as empty after its first column
            if not _is_blank(cell):
                spread = cell
            elif spread is not None and not _is_blank(below[i]):
                upper[i] = spread
            else:
                spread = None
        header = [" ".join(_label(c) for c in (up, lo) if not _is_blank(c)) or None  # a year cell: 2022.0
                  for up, lo in zip(upper, below, strict=True)]
        found = self._layout(sheet, index + 1, header)
        if found is None or found is DASHBOARD or not any(c.kind == "target" for c in found[0]):
            return None
        return header, *found[:-1]

    @staticmethod
    def _two_rows(sheet: RawSheet, index: int) -> list | None:
        return two_row_header(sheet.rows[index - 1], sheet.rows[index]) if index > 0 else None

    def _layout(self, sheet: RawSheet, index: int, row: list):
        """(period columns, name columns, units column, other headers, how many of the name and units columns
        their headers name) when ``row`` heads a grid of indicators by year; else None."""
        columns = with_both_halves([c for i, cell in enumerate(row) if (c := self.period_column(i, cell)) is not None])
        if not columns:
            return None  # (what follows would find no target column either)
        total = any(fold(c.header).split()[0] in TOTAL_WORDS for c in columns)
        if any((m := _AMOUNT.fullmatch(str(cell).strip())) and (total or m[1])
               for i, cell in enumerate(row) if all(c.index != i for c in columns)):
            return None  # "Total exercice 2018 | … | 830 000,00": a subtotal; "EXT-23-03 | 50 000 € | 2023": a record
        below = sheet.rows[index + 1] if index + 1 < len(sheet.rows) else []
        if any(not re.search(r"\d{4}", c.header) for c in columns) and (
                (years := [c for c in below if not _is_blank(c)]) and all(self._period(c) for c in years)):
            return None  # "Objectifs de la convention" over a row of years: the header is the two rows
        if any(not re.search(r"\d{4}", c.header) and c.index < len(below) and not _is_blank(below[c.index])
               and self._period(below[c.index]) for c in columns):
            return None  # "Cibles annuelles" merged over "2021 | 2022 | 2023" beside "Indicateur": the same
        summed = [c for c in columns if fold(c.header).split()[0] in TOTAL_WORDS and not re.search(r"\d", c.header)]
        for c in summed:  # "2021-2023 | Total": the period's column says its target, a dashboard's total sums the row
            if any(c.period == other.period for other in columns if other not in summed):
                c.kind = "baseline"
        explicit = {c.period for c in columns if c.kind == "target"}
        twinned = any(c.kind == "period" and c.period in explicit for c in columns)
        for c in columns:  # "2022 | Objectif 2022": the column that does not say target holds actual values
            if c.kind == "period" and c.period in explicit:
                c.kind = "baseline"
            elif c.kind == "forecast":  # "2023 Target | 2023 Forecast": not a target; "Prévisions 2023" alone is
                c.kind = "baseline" if c.period in explicit else "target"
        if self._dashboard(columns, twinned):
            return DASHBOARD
        targets = [c for c in columns if c.kind != "baseline"]
        if not targets:
            return None
        taken = {c.index for c in columns}
        headers = [(i, text) for i, text in header_cells(row) if i not in taken]
        kind = self._kind_column(sheet, index, taken)  # "Nature de la valeur": "Valeur cible" / "Valeur réalisée"
        units = [i for i, text in headers if i != kind and self._is_unit_header(text)]
        unit_column = units[0] if units else None
        names = [i for i, text in headers if i not in (unit_column, kind) and self.is_name_header(text)]
        said = bool(names) + (unit_column is not None)  # how much the headers say
        if not names:
            names = self._text_column(sheet, index, min(c.index for c in targets), taken | set(units) | {kind})
        return (columns, names, unit_column, headers, kind, said) if names else None

    def _dashboard(self, columns: list[PeriodColumn], twinned: bool = False) -> bool:
        """Whether a grid's year columns are actual values shown against targets: a column of actual values for
        the partnership's years ("Réalisé 2021-2023", or a bare "2021-2023" beside "Cible 2021-2023": ``twinned``)
        beside year columns that say nothing ("2022")."""
        if twinned and any(c.kind == "period" for c in columns):
            return True
        first, last = self.partnership.years
        actual = any(c.kind == "baseline" and set(fold(c.header).split()) & self.words.actual_words
                     and c.period != EACH_YEAR and int(c.period[-4:]) >= first and int(c.period[:4]) <= last
                     for c in columns)
        return actual and any(c.kind == "period" for c in columns)

    def _text_column(self, sheet: RawSheet, header_index: int, before: int, taken: set[int]) -> list[int]:
        """The column before ``before`` whose cells below the header hold the most names (text with words, not
        "1.2" numbering), provided they are at least half of its cells; the leftmost of equals."""
        rows = sheet.rows[header_index + 1 : header_index + 1 + HEADER_SCAN_ROWS]
        best, most = [], 0
        for i in range(before):
            if i in taken:
                continue
            cells = [r[i] for r in rows if i < len(r) and not _is_blank(r[i])]
            names = sum(1 for c in cells if isinstance(c, str) and len(re.findall(r"[^\W\d_]", c)) >= 3)
            if names > most and names * 2 >= len(cells):
                best, most = [i], names
        return best

    def _grid(self, sheet, index, row, columns, names, unit_column, headers, kind=None) -> Recognition | None:
        targets = [c for c in columns if c.kind != "baseline"]
        titles = " ".join(str(c) for r in sheet.rows[:index] for c in r if isinstance(c, str))
        by_index = dict(headers)
        above = sheet.rows[index - 1] if index > 0 else []  # "Cibles" merged over "2021 | 2022 | 2023 | Cumul"
        in_headers = kind is not None or any(c.kind == "target" for c in targets) or any(
            self._says_target(by_index[i]) for i in names if i in by_index) or any(
            self._says_target(group) for c in targets if (group := group_at(above, c.index)))
        in_titles = self._says_target(titles)
        folded = f" {self._not_of_baseline(fold(titles))} "
        summary = any(f" {phrase} " in folded for phrase in self.words.summary_phrases)
        if not in_headers and (not in_titles or summary):
            return None  # indicators by year, but nothing says these are targets: a summary of actual values
        text_of = {i: " ".join(str(row[i]).split()) if i < len(row) and row[i] is not None else f"column {i + 1}"
                   for i in names}
        matches = ([ColumnMatch(i, text_of[i], "kpi_id") for i in names]
                   + [ColumnMatch(c.index, c.header, "target") for c in targets])
        matches.sort(key=lambda m: m.index)
        used = set(names) | {c.index for c in columns} | {unit_column, kind} - {None}
        basis = self._basis_column(sheet, index, [i for i, _ in headers if i not in used])  # "Counting: Cumulative"
        unknown = [text for i, text in headers if i not in used | {basis}]
        grid = TargetGrid(self, names, unit_column, {c.index: c.period for c in targets},
                          [c for c in columns if c.kind == "baseline"], kind,
                          {c.index: c.header for c in targets} if kind is not None else {}, basis,
                          self._adopted(targets))
        return Recognition("kpi_targets", index, matches, unknown, [], 1.0, grid=grid)


    def _adopted(self, targets: list) -> frozenset[int]:
        """The target columns whose header says revised or adopted ("Cible 2023 révisée COPIL 12/2022") beside
        another column of the same period ("Cible 2023 initiale"): where such a column is written, it is the
        period's target; where it is empty, the other column's value stands."""
        by_period: dict[str, list] = {}
        for c in targets:
            by_period.setdefault(c.period, []).append(c)
        return frozenset(c.index for same in by_period.values() if len(same) > 1 for c in same
                         if set(fold(c.header).split()) & self.words.adopted_words)

    def _basis_column(self, sheet: RawSheet, index: int, free: list[int]) -> int | None:
        """The column below header row ``index`` that says how each row's values add up ("Counting: Cumulative /
        Per year / Whole period"), with a running total or a whole period's value among them; else None."""
        rows = sheet.rows[index + 1 : index + 1 + KIND_SCAN_ROWS]
        for i in free:
            cells = [r[i] for r in rows if i < len(r) and not _is_blank(r[i])]
            kinds = [k for c in cells if (k := self.basis_kind(c)) is not None]
            if len(kinds) >= 2 and len(kinds) >= BASIS_SHARE * len(cells) and {"cumulative", "whole"} & set(kinds):
                return i
        return None


# --- reading the rows -------------------------------------------------------------------------------------------

@dataclass
class TargetGrid:
    """Where a recognised grid keeps its names, units and periods, and how its rows are read."""

    reader: TargetGrids
    name_columns: list[int]
    unit_column: int | None
    periods: dict[int, str]  # column index -> period ("2021", "2021-2023")
    baselines: list[PeriodColumn] = field(default_factory=list)  # left out
    kind_column: int | None = None  # "Nature de la valeur": which rows are targets ("Valeur cible"), which are not
    headers: dict[int, str] = field(default_factory=dict)  # period column -> its header (kept as source_column)
    basis_column: int | None = None  # "Counting": running totals, per year, or the whole period's value
    adopted: frozenset[int] = frozenset()  # "Cible 2023 révisée" beside "Cible 2023 initiale": wins where written
    noted: dict[str, Unit] = field(default_factory=dict)  # "(b) Montant en k€" below the grid: the unit of "450 (b)"

    @property
    def indexes(self) -> set[int]:
        """The columns the grid reads or deliberately leaves out."""
        return (set(self.name_columns) | set(self.periods) | {c.index for c in self.baselines}
                | {self.unit_column, self.kind_column} - {None})

    @property
    def note(self) -> str:
        notes = ["targets grid: only the rows whose kind of value says target are targets"
                 ] if self.kind_column is not None else []
        if self.baselines:
            shown = ", ".join(repr(c.header) for c in self.baselines)
            notes.append(f"targets grid: the baseline or actual column(s) {shown} are not targets (left out)")
        return "; ".join(notes)

    def normalise(self, sheet: RawSheet, rec: Recognition, ctx: Context) -> SheetResult:
        """Records (one per indicator and period with a target), quarantined and dropped rows of the grid."""
        data_rows = sheet.rows[rec.header_index + 1 :]
        result = SheetResult(sheet.file, sheet.sheet, rec.table, rows_read=len(data_rows),
                             header_row=sheet.first_row + rec.header_index, hidden=sheet.hidden,
                             columns={m.header: m.column for m in rec.columns}, unknown_columns=list(rec.unknown),
                             left_out=[c.header for c in self.baselines],
                             note=self.note)
        header_texts = tuple(" ".join(str(c).split()) for c in sheet.rows[rec.header_index] if not _is_blank(c))
        first = sheet.first_row + rec.header_index + 1
        self.noted = noted_units(data_rows)
        data_rows = self._spread_merged(sheet, first, data_rows)
        if self.kind_column is not None:
            data_rows = self._carry_down(data_rows)
        data_rows, wrapped = self._wrapped_names(data_rows, first)
        columns = {period: self.headers[i] for i, period in self.periods.items() if i in self.headers}
        section, end = None, self._end_of_grid(data_rows)
        self.name_columns = rows_named_first(self.name_columns, data_rows[:end])
        caption = next((_label(c) for c in data_rows[end] if not _is_blank(c)), "") if end < len(data_rows) else ""
        for offset, row in enumerate(data_rows[end:], start=end):  # below the grid: another table, not targets
            result.dropped.append(Dropped(sheet.file, sheet.sheet, first + offset, "below the targets, another "
                                          f"table ({caption!r}): no targets" if any(not _is_blank(c) for c in row)
                                          else "blank row"))
        for offset, row in enumerate(data_rows[:end]):
            number = first + offset
            problems: list[Problem] = []

            def problem(column: str, raw, why: str, problems=problems, number=number):
                problems.append(Problem(sheet.file, sheet.sheet, number, rec.table, column,
                                        _display(raw, ctx.pseudonymiser), why))

            reason, targets = (wrapped[offset], []) if offset in wrapped else self._row(row, header_texts, problem,
                                                                                        section)
            if reason and reason.startswith("section row"):  # its heading may tell two KPIs a name names apart
                section = " ".join(str(c).strip() for c in row if isinstance(c, str))
            if not reason and not problems and not targets:
                reason = NO_TARGET
            if reason:
                result.dropped.append(Dropped(sheet.file, sheet.sheet, number, reason))
            elif problems:
                name = next((str(row[i]).strip() for i in self.name_columns
                             if i < len(row) and isinstance(row[i], str)), "")
                for p in problems:
                    p.key = _display(name, ctx.pseudonymiser)
                result.quarantined_rows.add(number)
                result.problems.extend(problems)
            else:
                for t in targets:
                    t.update(source_file=sheet.file, source_sheet=sheet.sheet, source_row=number)
                    if columns:
                        t["source_column"] = columns.get(t["period"])
                result.records.extend(Record(rec.table, t, sheet.file, sheet.sheet, number) for t in targets)
        read = len({r.row for r in result.records}) + len(result.quarantined_rows)
        result.confidence = round(len({r.row for r in result.records}) / read, 2) if read else 0.0
        result = with_prose_above(sheet, rec.header_index, result, self.reader, ctx)
        return with_prose_below(sheet, result, self.reader, ctx)

    def _spread_merged(self, sheet: RawSheet, first: int, rows: list[list]) -> list[list]:
        """A target merged across several period columns of one row ("3" over 2021, 2022 and 2023, as a table
        pasted from a document writes it) is the target of each (a title merged across the row is left alone)."""
        ranges = [r for r in sheet.merged_ranges or () if r[0] == r[2] and r[0] >= first and r[3] > r[1]
                  and all(c - 1 in self.periods for c in range(r[1], r[3] + 1))]
        if not ranges:
            return rows
        rows = [list(r) for r in rows]
        for row_number, first_col, _, last_col in ranges:
            row = rows[row_number - first] if row_number - first < len(rows) else None
            if row is None or first_col - 1 >= len(row):
                continue
            row.extend([None] * (last_col - len(row)))
            for col in range(first_col, last_col):  # 0-based indices of the cells after the first
                row[col] = row[first_col - 1]
        return rows

    def _wrapped_names(self, rows: list[list], first: int) -> tuple[list[list], dict[int, str]]:
        """Rows whose indicator name goes on below them, as a table pasted from a PDF wraps it ("Montant engagé … en
        maturation et" over "preuve de concept (€)"): a row holding only a name that starts in lower case, under a
        row with a name and targets, ends that row's name. (The rows, each such row's offset with why it is
        dropped.)"""
        if len(self.name_columns) != 1:
            return rows, {}
        name, out, wrapped = self.name_columns[0], [list(r) for r in rows], {}
        cell = lambda row, i: row[i] if i < len(row) else None  # noqa: E731
        above = None
        for offset, row in enumerate(out):
            text = cell(row, name)
            others = [c for i, c in enumerate(row) if i != name and not _is_blank(c)]
            if (above is not None and isinstance(text, str) and text.strip()[:1].islower() and not others):
                out[above][name] = f"{str(out[above][name]).rstrip()} {text.strip()}"
                wrapped[offset] = f"the end of the indicator name of row {first + above}"
                continue
            named = isinstance(text, str) and text.strip()
            above = offset if named and any(not _is_blank(cell(row, i)) for i in self.periods) else None
        return out, wrapped

    def _carry_down(self, rows: list[list]) -> list[list]:
        """Rows of a form whose name and unit are written on the first row of each indicator's block only (merged
        down over "Valeur cible | Valeur réalisée | Taux de réalisation"): the block's name and unit carried down
        to its other rows of a kind of value."""
        carried = [*self.name_columns, *([self.unit_column] if self.unit_column is not None else [])]
        kind, block, out = self.kind_column, {}, []
        for row in rows:
            if any(i < len(row) and not _is_blank(row[i]) for i in self.name_columns):
                block = {i: row[i] for i in carried if i < len(row)}
            elif block and self.reader.value_kind(row[kind] if kind < len(row) else None):
                row = list(row) + [None] * (max(carried) + 1 - len(row))
                for i, value in block.items():
                    row[i] = value if _is_blank(row[i]) else row[i]
            else:
                block = {}
            out.append(row)
        return out

    def _end_of_grid(self, rows: list[list]) -> int:
        """The index of the caption row of another table below the grid after a blank row ("Listes de choix" over
        "Établissement (saisie) | Code | Jalon": the lists behind drop-downs), else ``len(rows)``."""
        for i in range(1, len(rows) - 1):
            caption = [c for c in rows[i] if not _is_blank(c)]
            if len(caption) == 1 and isinstance(caption[0], str) and all(_is_blank(c) for c in rows[i - 1]) and \
                    _is_header_row(rows[i + 1]):
                texts = [c for c in rows[i + 1] if isinstance(c, str) and len(_LETTERS.findall(c)) >= MIN_LETTERS]
                if sum(bool(self._match(c, Unit()).kpi_id) for c in texts) * 2 < len(texts):  # not indicators' names
                    # (values typed as text, "25 %", "x 1,5", are no names: a section of rates goes on the grid)
                    return i
        return len(rows)

    def _row(self, row: list, header_texts: tuple[str, ...], problem,
             section: str | None = None) -> tuple[str | None, list[dict]]:
        """(why the row is dropped, or None; its targets). Problems go to ``problem``; ``section``: the heading of
        the row's section, if any."""
        reader = self.reader
        cell = lambda i: row[i] if i is not None and i < len(row) else None  # noqa: E731
        filled = [(i, c) for i, c in enumerate(row) if not _is_blank(c)]
        if not filled:
            return "blank row", []
        if self.kind_column is not None and reader.value_kind(cell(self.kind_column)) == "other":
            return f"{' '.join(str(cell(self.kind_column)).split())!r} row: a kind of value that is not a target", []
        names = [str(cell(i)).strip() for i in self.name_columns
                 if isinstance(cell(i), str) and not reader.parsers.is_missing(cell(i))]
        if names and _is_total(names[0], reader.row_words):
            return "total row", []
        if tuple(" ".join(str(c).split()) for _, c in filled) == header_texts:
            return "repeated header row", []
        values = set(self.periods) | {c.index for c in self.baselines} | {self.unit_column}
        if all(isinstance(c, str) for _, c in filled) and not any(i in values for i, _ in filled):
            match = self._match(names[0], Unit()) if names and not self._numbered_section(names[0]) else None
            if match is not None and match.kpi_id:
                return NO_TARGET, []
            return heading_or_note([c for _, c in filled], reader.row_words), []
        signed = any(len(str(cell(i)).split()) >= SENTENCE_WORDS for i in self.periods) and names and not self._match(
            names[0], Unit()).kpi_id  # "Pour le CPP, le Directeur | … | Pour Inserm Transfert, le Président": signatures
        if (not names or names[0].endswith(":") or signed) and all(  # "Paraphes : | CPP | IT": initials, no indicator
                isinstance(c, str) and not any(ch.isdigit() for ch in c) for _, c in filled):
            return heading_or_note([c for _, c in filled], reader.row_words), []
        if not names and len(filled) == 1 and is_page_footer(str(filled[0][1]), reader.row_words):
            return PAGE_FOOTER, []  # "Convention CPP–IT – version signée du 14/12/2020 – Page 7/9" below the grid
        if not names:
            problem("kpi_id", None, "required value missing")
            return None, []
        unit = reader.units.of_text(cell(self.unit_column))
        match = None
        for name in names:
            match = self._match(name, unit)
            if match.kpi_id:
                break
        if match is not None and not match.kpi_id and section:
            match = reader.names.match_in_section(names[0], self._unit(names[0], unit), section)
            name = names[0]
        if (match is None or not match.kpi_id) and self._targets_to_come(row):
            return NO_TARGET, []  # "EU helpdesk satisfaction survey | TBD | TBD | TBD": nothing to read, nothing lost
        if match is None or not match.kpi_id:
            problem("kpi_id", names[0], self._match(names[0], unit).reason + "; if it names one of them, add it "
                    f"to {reader.kpi_synonyms_file} ('kpi_id: [name]')")
            return None, []
        return None, self._targets(row, match.kpi_id, self._unit(name, unit), problem)

    def _targets_to_come(self, row: list) -> bool:
        """Whether a row's period cells say its targets are still to come ("TBD") and write none."""
        parsers, words = self.reader.parsers, self.reader.words
        cells = [c for i in self.periods if not parsers.is_missing(c := row[i] if i < len(row) else None)]
        return bool(cells) and all(no_target_yet(c, parsers, words) for c in cells)

    def _unit(self, name: str, column_unit: Unit) -> Unit:
        """The unit of a row: the name's ("(k€)"), else the units column's, else the one its words imply."""
        units = self.reader.units
        name_unit = units.of_name(name)[1]
        return name_unit if name_unit.kind else column_unit if column_unit.kind else units.implied(name)

    def _match(self, name: str, column_unit: Unit) -> NameMatch:
        return self.reader.names.match(name, self._unit(name, column_unit))

    def _targets(self, row: list, kpi_id: str, unit: Unit, problem) -> list[dict]:
        """The targets of one indicator's row, in the KPI's unit."""
        reader = self.reader
        kpi_unit, up = reader.names.kpi_unit[kpi_id], reader.names.higher_is_better[kpi_id]
        parsed: list[tuple[str, object, float, bool]] = []  # (period, raw, value, written with %)
        first, last = reader.partnership.years
        revised = {p for i, p in self.periods.items() if i in self.adopted
                   and not reader.parsers.is_missing(row[i] if i < len(row) else None)}
        for index, period in self.periods.items():
            raw = referred(row, self.periods, index, reader.words)  # "idem", "cf. 2022": the cell it names
            if reader.parsers.is_missing(raw) or no_target_yet(raw, reader.parsers, reader.words) or (
                    period in revised and index not in self.adopted):
                continue  # none yet ("to be defined"), or the revised target replaces the initial one
            if TRAJECTORY in period:
                parsed.extend(self._trajectory(raw, period.split(TRAJECTORY), kpi_unit, unit, problem))
                continue
            for said, value in cell_periods(raw, period, reader.partnership.period, reader.words):  # "12/year"
                read = self._read(range_bound(value, up), said, kpi_unit, unit, problem, shown=raw)  # "6 à 8"
                if read is not None:  # "Cible annuelle": the same target for each year of the partnership
                    years = [str(y) for y in range(first, last + 1)] if said == EACH_YEAR else [said]
                    parsed.extend((year, raw, *read) for year in years)
        parsed = merged_halves(parsed, kpi_unit, problem)  # "S1 2021 | S2 2021": 2021's
        if kpi_unit == "share" or (kpi_unit == "index" and unit.kind == "percent"):
            parsed = as_fractions(parsed)
        if self.basis_column is not None:
            parsed = self._by_basis(parsed, row, kpi_unit)
        out = []
        for period, raw, value, _ in parsed:
            if kpi_unit in ("share", "index") and not 0 <= value <= 1:
                problem("target", raw, f"{period}: {value:g} is not a share between 0 and 1 (0 % to 100 %)")
                continue
            out.append({"kpi_id": kpi_id, "period": period, "target": value})
        return out

    def _by_basis(self, parsed: list[tuple], row: list, kpi_unit: str) -> list[tuple]:
        """A row's targets as its basis says: running totals become each year's increase and the whole period's
        target (the last total); a whole period's value, written under its last year, is the period's target."""
        kind = self.reader.basis_kind(row[self.basis_column] if self.basis_column < len(row) else None)
        partnership = self.reader.partnership
        yearly = sorted(p for p in parsed if p[0].isdigit())
        if kind not in ("cumulative", "whole") or not yearly:
            return parsed
        whole = [p for p in parsed if p[0] == partnership.period]
        last = (partnership.period, *yearly[-1][1:])
        if kind == "whole" or kpi_unit not in ("count", "eur"):
            return whole or [last]
        first = partnership.years[0]
        if [int(p[0]) for p in yearly] != list(range(first, first + len(yearly))):
            return whole or [last]  # a running total with a year missing: only its end is known
        steps = [(p[0], p[1], p[2] - (yearly[k - 1][2] if k else 0.0), p[3]) for k, p in enumerate(yearly)]
        return steps + (whole or [last])

    def _trajectory(self, raw, years: list[str], kpi_unit: str, unit: Unit, problem) -> list[tuple]:
        """The targets of a trajectory cell ("10 → 12 → 12", "400 k€ → 450 k€ → 500 k€"), one per year."""
        steps = ARROWS.split(str(raw).strip())
        if len(steps) != len(years):
            problem("target", raw, f"{'→'.join(years)}: {len(steps)} values for {len(years)} years")
            return []
        return [(year, step, *read) for year, step in zip(years, steps, strict=True)
                if not self.reader.parsers.is_missing(step)
                and (read := self._read(step, year, kpi_unit, unit, problem, shown=raw)) is not None]

    def _read(self, raw, period: str, kpi_unit: str, unit: Unit, problem, shown=None) -> tuple[float, bool] | None:
        """(value, written with %) of one target cell, or None (empty, or unreadable: told to ``problem``)."""
        if kpi_unit == "eur" and (note := marked(raw)) and note[0] in self.noted:
            raw, unit = note[1], self.noted[note[0]]  # "450 (b)", "(b) Montant en milliers d'euros (k€)"
        try:
            value, percent = self._value(raw, kpi_unit, unit)
        except ParseError as exc:
            problem("target", raw if shown is None else shown, f"{period}: {exc}")
            return None
        return None if value is None else (value, percent)

    def _numbered_section(self, name: str) -> bool:
        """Whether ``name`` opens a numbered section ("AXE 2 — Formation et animation", "Pillar B: Training")."""
        m = _NUMBERED.match(name)
        return m is not None and fold(m.group(1)) in self.reader.words.section_words

    def _value(self, raw, kpi_unit: str, unit: Unit) -> tuple[float | None, bool]:
        return self.reader.target_value(raw, kpi_unit, unit)



# "axe 2 ...", "volet iii ...", "pillar b: ..." (a letter only before punctuation: not "part d'evenements")
_NUMBERED = re.compile(r"\s*(\w+)\s*(?:n°\s*|no\.?\s*)?(?:(?:\d+(?:\.\d+)*|[ivx]+)(?=[\s.:)\-–—]|$)|[a-z](?=\s*[.:)\-–—]))",
                       re.IGNORECASE)


def _label(cell) -> str:
    """A header cell as text: a year typed as a number (2022.0) as written (2022)."""
    return str(int(cell)) if isinstance(cell, float) and cell.is_integer() else str(cell).strip()


def _is_header_row(row: list) -> bool:
    """Whether ``row`` holds only text, in two cells or more, none a value ("≥ 4/5", "26": the first row of a grid
    whose values a converter wrote as text): the lower row of a header, not data."""
    filled = [c for c in row if not _is_blank(c)]
    return len(filled) >= 2 and all(isinstance(c, str) and not data_cell(c) for c in filled)


def _is_total(text: str, words) -> bool:
    return text.lstrip()[:8].lower().startswith(words.total_row_starts) and words.is_total_label(text)


# "douze (12)", "trente pour cent (30 %)", "trois cent soixante-cinq (365) jours": words, then the figures in brackets
_IN_FIGURES = re.compile(r"[^\d()]*[^\W\d][^\d()]*\(([^()]*\d[^()]*)\)\s*([^\W\d]{0,12})\s*")


def _without_remark(raw) -> str | None:
    """``raw`` without the remark after its value ("0,7 M€ – à confirmer en COPIL" -> "0,7 M€"), or the figures of
    a value written in words and in figures ("quatre cent mille euros (400 000 €)" -> "400 000 €", as an agreement
    writes it); None when it has neither."""
    if isinstance(raw, str) and (figures := _IN_FIGURES.fullmatch(raw.strip())):
        return " ".join(part for part in (figures[1].strip(), figures[2]) if part)
    if not isinstance(raw, str) or not (found := _REMARK.match(raw.strip())):
        return None
    value = found["value"].strip()
    return value if value and value != raw.strip() else None
