"""Targets kept as a tool's export of goals: one row per goal, as Power BI scorecards, OKR tools or Asana goals write
them ("Goal name | Parent goal | Level | Start date | Due date | Current value | Target value | Value format").

Recognition (:func:`find_goal_targets`): a header row, within the first rows, with one target column (its header
says target and nothing else, a remark in brackets aside: "Target value", "Valeur cible", "Cible (texte libre)"), a
start-date and an end-date column ("Start date" / "Due date", "Date de début" / "Échéance"; words of
``vocab/targets.yaml``) or one column of date ranges ("Timeline": "2021-01-01 - 2023-12-31", as monday.com exports
it), and a column of names, the one whose cells name the most KPIs (at least two). Only sheets that nothing else read
are tried, and only small ones.

Rows (:meth:`GoalTargets.normalise`):

- the period of a goal is the year written at the end of its name ("Events delivered – 2021"), else the one its dates
  give: a goal whose dates fall in one calendar year is that year's target, a goal whose dates span the partnership's
  years is the whole period's target; any other span is quarantined (never guessed);
- the unit is the name's ("(k€)"), else the one of a units or format column ("Currency", "Percentage", "Number"),
  else the one its words imply; values are read as the grid reader reads a target cell (shares as fractions);
- columns of actual or current values ("Current value", "Progress") are never targets (they are left out);
- a row without a target value is a heading (a pillar) or a goal without a target, dropped with its reason; rows of
  text below the table ("Applied filters:", "Exported from ...") are notes; the header written again above each group
  of goals is dropped as such; a name that matches no KPI is quarantined with its closest KPIs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..textnorm import fold
from .normalising import Dropped, Problem, Record, SheetResult, _display
from .reading import RawSheet, is_blank
from .recognition import HEADER_SCAN_ROWS, header_cells
from .replaced_targets import replaced_in
from .target_basis import BRACKETED
from .target_names import Unit
from .target_notes import heading_or_note
from .targets import NO_TARGET, TargetGrid

if TYPE_CHECKING:
    from .normalising import Context
    from .targets import TargetGrids

MAX_CELLS = 20_000  # an export of goals is small: a larger sheet is not tried
MIN_NAMED = 2  # cells naming a KPI that make a column the goals' names
_RANGE = re.compile(r"^\s*(?P<start>\S.*?)\s+(?:-|–|—|→|to|au|à)\s+(?P<end>\S.*?)\s*$", re.IGNORECASE)
_NAME_PERIOD = re.compile(r"(?:^|[\s(\[,:;–—-])((?:19|20)\d{2}(?:\s*[-–/]\s*(?:19|20)\d{2})?)\s*[)\]]?\s*$")


@dataclass
class GoalTargets:
    """Where an export of goals keeps its names, target values, dates and units."""

    grids: TargetGrids
    header_index: int
    name: int
    target: int
    start: int
    end: int
    unit: int | None
    headers: dict[int, str]

    def normalise(self, sheet: RawSheet, ctx: Context) -> SheetResult:
        """One record per goal with a target value; headings, goals without a target and notes dropped; a goal whose
        name matches no KPI, or whose period cannot be told, quarantined."""
        header_row = sheet.first_row + self.header_index
        used = {self.name, self.target, self.start, self.end, self.unit}
        result = SheetResult(sheet.file, sheet.sheet, "kpi_targets", rows_read=len(sheet.rows) - self.header_index - 1,
                             header_row=header_row, hidden=sheet.hidden,
                             columns={self.headers[self.name]: "kpi_id", self.headers[self.target]: "target"},
                             unknown_columns=[t for i, t in self.headers.items() if i not in used],
                             note=f"export of goals: {self.headers[self.target]!r} is the target, the period comes "
                                  f"from the goal's name or from {self.headers[self.start]!r} and "
                                  f"{self.headers[self.end]!r}; the other value columns are not targets")
        grid = TargetGrid(self.grids, [self.name], self.unit, {self.target: ""})
        replaced = replaced_in(sheet.rows[self.header_index], sheet.rows[self.header_index + 1:], used,
                               self.grids.words.replaced_status_words,  # "Status: Superseded"
                               self.grids.words.replacing_status_phrases)
        for offset, row in enumerate(sheet.rows[self.header_index + 1:]):
            number = header_row + 1 + offset
            if offset in replaced:
                result.dropped.append(Dropped(sheet.file, sheet.sheet, number, replaced[offset]))
                continue
            problems: list[Problem] = []

            def problem(column: str, raw, why: str, problems=problems, number=number):
                problems.append(Problem(sheet.file, sheet.sheet, number, "kpi_targets", column,
                                        _display(raw, ctx.pseudonymiser), why))

            reason, targets = self._row(row, grid, problem)
            if self._is_header(row):
                reason, targets = "header repeated above a group of goals", []
            if not reason and not problems and not targets:
                reason = NO_TARGET  # a target cell that reads as nothing ("max" alone)
            if reason:
                result.dropped.append(Dropped(sheet.file, sheet.sheet, number, reason))
            elif problems:
                name = self._cell(row, self.name)
                for p in problems:
                    p.key = _display(str(name).strip() if name is not None else "", ctx.pseudonymiser)
                result.quarantined_rows.add(number)
                result.problems.extend(problems)
            else:
                for t in targets:
                    t.update(source_file=sheet.file, source_sheet=sheet.sheet, source_row=number,
                             source_column=self.headers[self.target])
                result.records.extend(Record("kpi_targets", t, sheet.file, sheet.sheet, number) for t in targets)
        read = len({r.row for r in result.records})
        result.confidence = round(read / (read + len(result.quarantined_rows)), 2) if read else 0.0
        return result

    def _is_header(self, row: list) -> bool:
        return dict(header_cells(row)) == self.headers

    @staticmethod
    def _cell(row: list, index: int | None):
        return row[index] if index is not None and index < len(row) else None

    def _row(self, row: list, grid: TargetGrid, problem) -> tuple[str | None, list[dict]]:
        """(why the row is dropped, or None; its targets). Problems go to ``problem``."""
        parsers = self.grids.parsers
        filled = [c for c in row if not is_blank(c)]
        if not filled:
            return "blank row", []
        name, raw = self._cell(row, self.name), self._cell(row, self.target)
        if not isinstance(name, str) or not name.strip():
            return heading_or_note(filled, self.grids.row_words) if all(isinstance(c, str) for c in filled) else (
                "row without a goal name"), []
        name, named_period = _name_period(name)
        unit = self.grids.units.of_text(self._cell(row, self.unit))
        match = grid._match(name, unit)
        if parsers.is_missing(raw):
            return (NO_TARGET if match.kpi_id else "heading (a goal without a target value)"), []
        if not match.kpi_id:
            problem("kpi_id", name, match.reason + "; if it names one of them, add it to "
                    f"{self.grids.kpi_synonyms_file} ('kpi_id: [name]')")
            return None, []
        period = self._period(row, named_period, problem)
        if period is None:
            return None, []
        grid.periods = {self.target: period}
        return None, grid._targets(row, match.kpi_id, grid._unit(name, unit), problem)

    def _period(self, row: list, named: str | None, problem) -> str | None:
        """The period of a goal: the one of its name, else of its dates (one calendar year, or the partnership's
        years); None (told to ``problem``) when neither tells it or they disagree."""
        partnership = self.grids.partnership
        first, last = partnership.years
        if self.start == self.end:  # one column of ranges: "2021-01-01 - 2023-12-31"
            found = _RANGE.match(str(self._cell(row, self.start) or ""))
            start, end = (self.grids.parsers.parse_date(found[g]) for g in ("start", "end")) if found else (None, None)
        else:
            start, end = (self.grids.parsers.parse_date(self._cell(row, i)) for i in (self.start, self.end))
        dated = None
        if start is not None and end is not None:
            if start.year == end.year:
                dated = str(start.year)
            elif (start.year, end.year) == (first, last):
                dated = partnership.period
        if named is not None and dated is not None and named != dated:
            problem("period", f"{named} / {start} – {end}", f"the goal's name says {named}, its dates {dated}")
            return None
        if named is None and dated is None:
            shown = f"{start} – {end}" if start or end else None
            problem("period", shown, "no period: the goal's dates are neither one calendar year nor the partnership's "
                    f"period ({partnership.period}), and its name gives no year")
            return None
        return named or dated


def _name_period(name: str) -> tuple[str, str | None]:
    """(the name without the period it ends with, that period): "Events delivered – 2021" -> ("Events delivered",
    "2021"); "2021-2023" for a span."""
    found = _NAME_PERIOD.search(name)
    if found is None or not found.start(1) or not name[:found.start(1)].strip(" –—-:,([").strip():
        return name.strip(), None
    years = re.findall(r"\d{4}", found.group(1))
    period = years[0] if len(years) == 1 or years[0] == years[-1] else f"{years[0]}-{years[-1]}"
    return name[:found.start()].strip(" –—-:,(["), period


def find_goal_targets(sheet: RawSheet, grids: TargetGrids) -> GoalTargets | None:
    """The export of goals of ``sheet`` (see the module's docstring), or None."""
    if not sheet.rows or sum(len(r) for r in sheet.rows) > MAX_CELLS:
        return None
    words = grids.words
    for index, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        texts = [c for c in row if isinstance(c, str) and len(c) <= 60]
        if len(texts) < 4:
            continue
        low = " ".join(texts).lower()  # the quick test: a target word, then start and end words or a range's
        if not any(w in low for w in words.target_words if len(w) > 3):
            continue
        said = set(fold(low).split())
        if not (said & words.target_words and (said & words.record_start_header_words
                                               and said & words.record_end_header_words
                                               or said & words.record_range_header_words)):
            continue
        headers = dict(header_cells(row))
        folded = {i: frozenset(fold(t).split()) for i, t in headers.items()}
        targets = [i for i, t in headers.items() if (w := frozenset(fold(BRACKETED.sub(" ", t)).split()))
                   & words.target_words and w <= words.target_words | words.value_kind_filler_words
                   and not re.search(r"\d", t)]
        starts = [i for i, w in folded.items() if _says(w, words.record_start_header_words, words)]
        ends = [i for i, w in folded.items() if _says(w, words.record_end_header_words, words)]
        if not starts and not ends:  # "Timeline": one column of "start - end"
            starts = ends = _range_columns(sheet, index, folded, grids)
        if len(targets) != 1 or len(starts) != 1 or len(ends) != 1:
            continue
        units = [i for i, w in folded.items() if w & (words.unit_header_words | words.record_unit_header_words)
                 and w <= words.unit_header_words | words.record_unit_header_words | words.value_kind_filler_words]
        taken = {targets[0], starts[0], ends[0], *units}
        name = _name_column(sheet, index, [i for i in headers if i not in taken], grids)
        if name is not None:
            return GoalTargets(grids, index, name, targets[0], starts[0], ends[0], units[0] if units else None,
                               headers)
    return None


def _range_columns(sheet: RawSheet, index: int, folded: dict[int, frozenset[str]], grids: TargetGrids) -> list[int]:
    """The columns below header row ``index`` whose header names a timeline and whose cells are mostly ranges of two
    dates ("2021-01-01 - 2023-12-31")."""
    words, parse = grids.words, grids.parsers.parse_date
    rows = sheet.rows[index + 1:index + 1 + 4 * HEADER_SCAN_ROWS]
    out = []
    for i, w in folded.items():
        if not _says(w, words.record_range_header_words, words):
            continue
        cells = [r[i] for r in rows if i < len(r) and isinstance(r[i], str) and r[i].strip()]
        ranges = [m for c in cells if (m := _RANGE.match(c)) and parse(m["start"]) and parse(m["end"])]
        if cells and len(ranges) * 2 > len(cells):
            out.append(i)
    return out


def _says(header: frozenset[str], said: frozenset[str], words) -> bool:
    """Whether a header is a start (or end) date's: one of ``said`` and otherwise date words only."""
    return bool(header & said) and header <= said | words.record_date_filler_words


def _name_column(sheet: RawSheet, index: int, candidates: list[int], grids: TargetGrids) -> int | None:
    """The column below header row ``index`` whose text cells name the most KPIs (at least :data:`MIN_NAMED`)."""
    rows = sheet.rows[index + 1:index + 1 + 4 * HEADER_SCAN_ROWS]
    best, most = None, MIN_NAMED - 1
    for i in candidates:
        texts = {_name_period(c)[0] for r in rows if i < len(r) and isinstance(c := r[i], str) and c.strip()}
        named = sum(1 for t in texts if grids.names.match(t, Unit()).kpi_id)
        if named > most:
            best, most = i, named
    return best
