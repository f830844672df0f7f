"""Several targets tables in one sheet, among prose, titles and banners: the minutes of a steering committee, a
director's memo pasted from Word, a version with one table per period under a banner ("CALENDAR YEAR 2022").

The layout and how it is read:

- Split. The sheet is cut at each row that heads a targets table: a column naming the indicators (its header says
  so: "Indicateur", "KPI") and either value columns (a period header, "2022", "Objectif 2021-2023", or a header that
  says target, "Target", "Objectif retenu par le COPIL": a grid) or a period column ("Période", "Year") and a target
  column (a long table, one row per indicator and period). A header may be written on two rows ("2022" merged over
  "Part CPP | Part IT | Objectif commun"). Each table runs to the row before the next one's title rows; its title
  rows are the text rows just above its header (a banner "CALENDAR YEAR 2021 — annual targets", "Tableau 2 –
  Objectifs sur la durée de la convention (2021-2023)").
- Columns. A column is a target when its header says target or is a period; a period written in the banner (one
  year, or two: a span) applies to a target column whose header names none ("Target" under "CALENDAR YEAR 2022").
  Never targets: actual values ("Réalisé au 30/11/2021", "Actual"), forecasts ("Projection fin 2023", "Forecast"),
  baselines, one partner's share ("Part CPP", partner names from partnership.yaml). When several columns are targets
  for the same period, the one with an adopted word wins ("Objectif retenu", "Revised target", "Agreed") over the
  superseded or proposed ones ("Objectif initial", "Proposition du bureau"); a column saying target wins over a
  plain one; a tie reads none of them (a wrong target is worse than a missing one). Words: ``vocab/targets.yaml``.
- A table of actual values against targets inside such a sheet ("Objectif 2021 (rappel annexe 1) | Réalisé au
  30/11/2021", as minutes record a provisional result) gives its target column: the minutes write the target the
  committee worked with, and a target written again identically elsewhere is merged as a duplicate. A whole sheet
  that is only such a dashboard is not read by this module (it is a summary: see ``targets.DASHBOARD``).
- Rows. A grid table is read by :class:`~.targets.TargetGrid` (units, "n.d.", notes and section rows dropped with
  their reason, names matched with KPIs, unmatched names quarantined with their closest KPIs); a long table the same
  way, row by row, the period read from its cell ("exercice 2022", "fin de convention (cumul 2021-2023)", "sur la
  durée de la convention"). Each target keeps its spreadsheet row and the header of its value's column. Every other
  row of the sheet (prose, titles, headers, blank) is dropped with its reason.

Used only for small sheets (under :data:`MAX_CELLS` cells) with at least two such header rows, and only when the
sheet's reading as one table (or none) gave fewer targets that no other contradicts (:func:`with_target_blocks`):
a sheet read well before is read as before. A table where nothing tells which of two target columns of a period is
the target ("Objectif 2022 | Cible 2022") gives none: its rows are dropped with that reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..errors import ParseError
from ..textnorm import fold
from .normalising import Dropped, SheetResult, _is_blank
from .recognition import ColumnMatch, Recognition, header_cells
from .target_names import Unit
from .target_notes import heading_or_note
from .target_periods import PeriodColumn
from .targets import EACH_YEAR, TargetGrid, _is_header_row

MAX_CELLS = 5_000  # a sheet of minutes or a memo is small; a larger sheet is not split
MIN_HEADERS = 2  # a sheet is split only when at least two rows head a targets table
TITLE_ROWS = 3  # at most this many text rows above a header are its title
_BRACKETS = re.compile(r"\(([^()]*)\)")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
ROW_PERIOD = "each row's"  # the period of a long table's target column: written on each row
NOT_TABLE = "note row (text outside the targets tables)"
BASELINE_ROW = "a row of reference values (a baseline, not targets)"


@dataclass
class _Value:
    """A column of a table that may hold targets."""

    index: int
    header: str
    period: str | None  # None: the row's (long table) or the banner's
    rank: int  # 3 adopted, 2 says target, 1 plain period, 0 superseded or proposed
    says: bool  # the header says target or adopted


@dataclass
class _Table:
    """One targets table of the sheet: rows ``start`` (its header) to ``end`` (excluded), as indexes of the sheet."""

    start: int
    depth: int  # header rows (1, or 2 when the header is written on two rows)
    header: list  # the header's texts, one per column (two rows joined)
    names: list[int]
    unit: int | None
    period_column: int | None  # a long table's
    values: list[_Value]
    titles: list[int] = field(default_factory=list)
    end: int = 0
    chosen: dict[int, str] = field(default_factory=dict)  # column -> period (ROW_PERIOD in a long table)
    left_out: list[str] = field(default_factory=list)
    kpis: dict[int, tuple] = field(default_factory=dict)  # periods in rows: column -> (KPI id, unit of its header)


class _LongGrid(TargetGrid):
    """A long table read as a grid of one column whose period is each row's."""

    period_column: int = -1

    def _row(self, row, header_texts, problem, section=None):
        raw = row[self.period_column] if self.period_column < len(row) else None
        value_index = next(iter(self.periods))
        if not _is_blank(raw):
            period = self.reader_period(raw)
            if period is None:
                value = row[value_index] if value_index < len(row) else None
                if not self.reader.parsers.is_missing(value):
                    problem("period", raw, f"{str(raw).strip()!r} is not a year or a period")
                    return None, []
            else:
                self.periods = {value_index: period}
        return super()._row(row, header_texts, problem, section)

    def reader_period(self, raw) -> str | None:
        return _cell_period(self.reader, raw)


class _PeriodRows(TargetGrid):
    """A table with the periods in rows and one column per indicator ("Période | Participants (nb) | Actions
    co-organisées (%)", then "2021 | 250 | 40 %"): each row gives each column's target for its period."""

    period_column: int = -1
    kpis: dict[int, tuple] = {}

    def _row(self, row, header_texts, problem, section=None):
        filled = [c for c in row if not _is_blank(c)]
        if not filled:
            return "blank row", []
        raw = row[self.period_column] if self.period_column < len(row) else None
        period = None if _is_blank(raw) else _cell_period(self.reader, raw)
        if period is None:
            return heading_or_note(filled, self.reader.row_words), []  # a slide's footer, a note
        said = set(fold(str(raw)).split())
        if said & self.reader.words.baseline_words and not said & self.reader.words.target_words:
            return BASELINE_ROW, []  # "Référence 2018-2020 (constaté)": the values the targets are compared with
        out = []
        for index, (kpi_id, unit) in self.kpis.items():
            self.periods = {index: period}
            out += self._targets(row, kpi_id, unit, problem)
        self.periods = {}
        return None, out


def _cell_period(grids, raw) -> str | None:
    """The period a long table's cell writes: "2022", "exercice 2022", "fin de convention (cumul 2021-2023)",
    "sur la durée de la convention" (the partnership's period), "chaque année" (each year)."""
    found = grids._period(raw)
    if found is not None:
        return found[0]
    words = set(fold(str(raw)).split())
    if not words or any(w.isdigit() for w in words):
        return None
    if words <= grids.words.whole_period_header_words:
        return grids.partnership.period
    if words <= grids.words.annual_words:
        return EACH_YEAR
    return None


class TargetBlocks:
    """The targets tables of a sheet, found by :func:`find_target_blocks`."""

    def __init__(self, grids, tables: list[_Table]):
        self.grids, self.tables = grids, tables

    def normalise(self, sheet, ctx) -> SheetResult:
        """The records of every table; every other row dropped with its reason."""
        result = SheetResult(sheet.file, sheet.sheet, "kpi_targets", rows_read=len(sheet.rows),
                             header_row=sheet.first_row + self.tables[0].start, hidden=sheet.hidden)
        covered: dict[int, str] = {}
        left_out = []
        for table in self.tables:
            for i in table.titles:
                covered[i] = "title row of a targets table"
            for i in range(table.start, table.start + table.depth):
                covered[i] = "header row of a targets table"
            left_out += table.left_out
            if not table.chosen:  # "Objectif 2022 | Cible 2022": which one is the target, nothing says
                why = f"row of a targets table whose target column is unclear ({', '.join(table.left_out)})"
                covered.update({i: why for i in range(table.start + table.depth, table.end)})
                continue
            part = self._read(sheet, table, ctx)
            covered.update({i: "" for i in range(table.start + table.depth, table.end)})
            result.records.extend(part.records)
            result.problems.extend(part.problems)
            result.quarantined_rows |= part.quarantined_rows
            result.dropped.extend(part.dropped)
            result.columns.update(part.columns)
            result.unknown_columns += [c for c in part.unknown_columns if c not in result.unknown_columns]
        for i, row in enumerate(sheet.rows):
            if covered.get(i) == "":
                continue
            why = "blank row" if all(_is_blank(c) for c in row) else covered.get(i, NOT_TABLE)
            result.dropped.append(Dropped(sheet.file, sheet.sheet, sheet.first_row + i, why))
        result.dropped.sort(key=lambda d: d.row)
        named = len({r.row for r in result.records})
        result.confidence = round(named / (named + len(result.quarantined_rows)), 2) if named else 0.0
        shown = ", ".join(f"rows {sheet.first_row + t.start}-{sheet.first_row + t.end - 1}" for t in self.tables)
        result.note = f"{len(self.tables)} targets tables in one sheet ({shown})" + (
            f"; not targets: {', '.join(repr(h) for h in dict.fromkeys(left_out))}" if left_out else "")
        return result

    def _read(self, sheet, table: _Table, ctx) -> SheetResult:
        """One table read as a sheet of its own (its rows keep their spreadsheet numbers)."""
        grids = self.grids
        start = table.start + table.depth - 1  # the header's last row
        rows = [list(r) for r in sheet.rows[start : table.end]]
        rows[0] = list(table.header)
        part = replace(sheet, rows=rows, first_row=sheet.first_row + start)
        matches = [ColumnMatch(i, table.header[i] or f"column {i + 1}", "kpi_id") for i in table.names]
        matches += [ColumnMatch(i, table.header[i], "target") for i in table.chosen]
        used = set(table.names) | set(table.chosen) | {table.unit, table.period_column}
        unknown = [text for i, text in header_cells(table.header) if i not in used]
        left = [PeriodColumn(v.index, v.header, v.period or "", "baseline") for v in table.values
                if v.index not in table.chosen]
        if table.kpis:
            grid = _PeriodRows(grids, [], None, {}, left)
            grid.period_column, grid.kpis = table.period_column, table.kpis
        elif table.period_column is None:
            grid = TargetGrid(grids, table.names, table.unit, dict(table.chosen), left)
        else:
            (index,) = table.chosen
            grid = _LongGrid(grids, table.names, table.unit, {index: grids.partnership.period}, left)
            grid.period_column = table.period_column
        rec = Recognition("kpi_targets", 0, sorted(matches, key=lambda m: m.index), unknown, [], 1.0, grid=grid)
        found = grid.normalise(part, rec, ctx)
        headers = {period: table.header[i] for i, period in table.chosen.items()}
        first, last = grids.partnership.years
        for period in [p for p in headers if p == EACH_YEAR]:
            headers.update({str(y): headers[period] for y in range(first, last + 1)})
        by_kpi = {kpi_id: table.header[i] for i, (kpi_id, _) in table.kpis.items()}
        for record in found.records:
            header = (by_kpi.get(record.values["kpi_id"]) if table.kpis else headers.get(record.values["period"])
                      if table.period_column is None else table.header[index])
            record.values["source_column"] = " ".join(str(header).split()) if header else None
        return found


def find_target_blocks(sheet, grids) -> TargetBlocks | None:
    """The targets tables of ``sheet`` when it is small and at least :data:`MIN_HEADERS` rows head one, else None."""
    if (sheet.hidden or not sheet.rows or sheet.kind != "worksheet"
            or sum(len(r) for r in sheet.rows) > MAX_CELLS):
        return None
    reader = _Reader(grids)
    starts = [i for i, row in enumerate(sheet.rows) if reader.might_head(row)]
    if len(starts) < MIN_HEADERS:
        return None
    tables = [t for i in starts if (t := reader.table(sheet, i)) is not None]
    if len(tables) < MIN_HEADERS:
        return None
    for table in tables:
        table.titles = reader.titles(sheet, table.start)
    for table, below in zip(tables, [*tables[1:], None], strict=True):
        table.end = (min([below.start, *below.titles]) if below is not None else len(sheet.rows))
    tables = [t for t in tables if reader.choose(sheet, t) or t.left_out]
    return TargetBlocks(grids, tables) if any(t.chosen for t in tables) else None


class _Reader:
    """What a header row says, with the words of one run."""

    def __init__(self, grids):
        self.grids = grids
        w = grids.words
        self.words = w
        self.plain_target = w.target_words - w.forecast_words
        self.partners = set()
        for p in grids.partnership.partners:
            self.partners.update(fold(p.abbreviation).split())
            self.partners.update(w for text in p.short.values() for w in fold(text).split())
        self.partners -= w.common_words | w.target_words

    def might_head(self, row: list) -> bool:
        """A quick test: two text cells or more, one of them naming the indicators (or, first, the periods of a
        table with one column per indicator)."""
        texts = header_cells(row)
        filled = sum(1 for c in row if not _is_blank(c))
        return (len(texts) >= 2 and len(texts) * 2 >= filled
                and (any(self.grids.is_name_header(text) for _, text in texts) or self._heads_periods(texts)))

    def _heads_periods(self, texts: list[tuple[int, str]]) -> bool:
        """Whether the first of a header's texts heads a column of periods ("Période", "Année")."""
        return not _YEAR.search(texts[0][1]) and any(
            c == "period" and s >= 1000 for c, s in self.grids.recogniser.cell_candidates("kpi_targets", texts[0][1]))

    def _period_rows(self, index: int, header: list, texts: list[tuple[int, str]]) -> _Table | None:
        """The table headed by row ``index`` when its first column holds periods and each other column names an
        indicator (two at least, each a different KPI), else None."""
        if len(texts) < 3 or not self._heads_periods(texts) or any(i < texts[0][0] for i, c in enumerate(header)
                                                                     if not _is_blank(c)):
            return None
        probe = TargetGrid(self.grids, [], None, {})
        kpis = {}
        for i, text in texts[1:]:
            unit = probe._unit(text, Unit())
            match = probe._match(text, Unit())
            if match.kpi_id and match.kpi_id not in {k for k, _ in kpis.values()}:
                kpis[i] = (match.kpi_id, unit)
        if len(kpis) < 2 or len(kpis) * 2 < len(texts) - 1:
            return None
        return _Table(index, 1, header, [], None, texts[0][0], [], kpis=kpis)

    def table(self, sheet, index: int) -> _Table | None:
        """The table headed by row ``index`` (with the row below when the header is written on two rows)."""
        header = [c if isinstance(c, str) else (str(int(c)) if isinstance(c, (int, float)) and not isinstance(
            c, bool) and float(c).is_integer() else None) for c in sheet.rows[index]]
        depth = 1
        if index + 1 < len(sheet.rows) and (two := self._two_rows(header, sheet.rows[index + 1])) is not None:
            header, depth = two, 2
        texts = header_cells(header)
        grids = self.grids
        unit = next((i for i, t in texts if grids._is_unit_header(t)), None)
        names = [i for i, t in texts if i != unit and grids.is_name_header(t)]
        if not names and depth == 1 and not any(_is_number(c) for c in header):
            return self._period_rows(index, header, texts)  # "Période | Participants (nb) | …"
        if not names or any(_is_number(c) for c in header):
            return None  # a row of values whose text says "indicateur" ("Indicateur supprimé") heads nothing
        period_column = next((i for i, t in texts if i not in names and not _YEAR.search(t)
                              and any(c == "period" and s >= 1000
                                      for c, s in grids.recogniser.cell_candidates("kpi_targets", t))), None)
        values = [v for i, t in texts if i not in names and i not in (unit, period_column)
                  and (v := self._value(i, t)) is not None]
        if period_column is not None:
            values = [v for v in values if v.period is None]
        if not values or min(names) > min(v.index for v in values):
            return None  # the names come before the values
        names = [i for i in names if i < min(v.index for v in values)]
        return _Table(index, depth, header, names, unit, period_column, values)

    def _two_rows(self, upper: list, lower: list) -> list | None:
        """The header written on two rows ("2022" merged over "Part CPP | Objectif commun"), else None."""
        if not _is_header_row(lower) or self.might_head(lower):
            return None
        width = max(len(upper), len(lower))
        upper = list(upper) + [None] * (width - len(upper))
        lower = list(lower) + [None] * (width - len(lower))
        spread, joined, grouped = None, [], False
        for up, lo in zip(upper, lower, strict=True):
            if not _is_blank(up):
                spread = up
            elif spread is not None and not _is_blank(lo):
                up, grouped = spread, True
            else:
                spread = None
            joined.append(" ".join(str(c).strip() for c in (up, lo) if not _is_blank(c)) or None)
        return joined if grouped else None

    def _value(self, index: int, text: str) -> _Value | None:
        """The column headed ``text`` when it may hold targets, else None (actual, forecast, baseline, a partner's
        share, or not a value column)."""
        w = self.words
        words = set(fold(text).split())
        says = bool(words & self.plain_target)
        adopted = bool(words & w.adopted_words)
        if (words & w.actual_words or (words & w.forecast_words and not says)
                or (words & self.partners and not words & w.common_words)
                or (words & w.partner_share_words and not words & w.common_words and not says)):
            return None
        superseded = bool(words & (w.superseded_words | w.baseline_words))
        if superseded and not says and not adopted:
            return None  # "Baseline (2018-2020)", "Référence": not a target
        # the period, read without remarks in brackets ("(rappel annexe 1)") and the words of the column's role
        plain = _BRACKETS.sub(lambda m: m.group(0) if _YEAR.search(m.group(1)) else " ", text)
        roles = w.adopted_words | w.superseded_words | w.common_words | w.baseline_words
        core = " ".join(t for t in fold(plain).split() if t not in roles)
        found = self.grids._period(core) if _YEAR.search(core) else None
        if _YEAR.search(core) and found is None:
            return None  # "Commentaire 2022", "Réalisé au 30/11/2021"
        period = found[0] if found else None
        if period is None and not (says or adopted):
            return None
        rank = 3 if adopted else 0 if superseded else 2 if says else 1
        return _Value(index, " ".join(text.split()), period, rank, says or adopted)

    def titles(self, sheet, start: int) -> list[int]:
        """The text rows just above row ``start`` (blank rows between skipped), at most :data:`TITLE_ROWS`."""
        i = start - 1
        while i >= 0 and all(_is_blank(c) for c in sheet.rows[i]):
            i -= 1
        found = []
        while i >= 0 and len(found) < TITLE_ROWS:
            cells = [c for c in sheet.rows[i] if not _is_blank(c)]
            if not cells or len(cells) > 2 or not all(isinstance(c, str) for c in cells) or self.might_head(
                    sheet.rows[i]):
                break
            found.append(i)
            i -= 1
        return sorted(found)

    def choose(self, sheet, table: _Table) -> bool:
        """Pick the target column of each period of ``table`` (see the module's docstring); False when it has none
        or nothing says its values are targets."""
        titles = " ".join(str(c) for i in table.titles for c in sheet.rows[i] if isinstance(c, str))
        # the table's titles, or the sheet's, say targets ("Objectifs de la convention — tableaux des slides")
        top = " ".join(str(c) for r in sheet.rows[:TITLE_ROWS] for c in r if isinstance(c, str))
        said = self.grids._says_target(titles) or self.grids._says_target(top)
        if set(fold(titles).split()) & self.words.actual_words:
            said = False  # "Pour mémoire : réalisé au 31/12/2022": actual values under the years, whatever else it says
        if table.kpis:
            table.chosen = {i: ROW_PERIOD for i in table.kpis} if said else {}
            return bool(table.chosen)
        banner = _banner_period(self.grids, titles)
        rows = sheet.rows[table.start + table.depth : table.end]
        by_period: dict[str | None, list[_Value]] = {}
        for v in table.values:
            if not any(v.index < len(r) and re.search(r"\d", str(r[v.index] or "")) for r in rows):
                continue  # "Décision du COPIL: Adopté": no value written in it
            period = ROW_PERIOD if table.period_column is not None else v.period or banner
            if period is None:
                table.left_out.append(v.header)
                continue
            by_period.setdefault(period, []).append(v)
        said = said or any(v.says for vs in by_period.values() for v in vs)
        if not said:
            return False
        for period, candidates in by_period.items():
            top = max(v.rank for v in candidates)
            best = [v for v in candidates if v.rank == top]
            table.left_out += [v.header for v in candidates if v.rank != top or len(best) > 1]
            if len(best) == 1:
                table.chosen[best[0].index] = period
        table.left_out += [v.header for v in table.values if v.index not in table.chosen
                           and v.header not in table.left_out]
        if table.period_column is not None and len(table.chosen) != 1:
            return False
        return bool(table.chosen)


def _is_number(cell) -> bool:
    """Whether a header cell is a value (a number that is no year, a dash), not a header."""
    text = str(cell).strip() if cell is not None else ""
    if text in ("—", "–", "-"):
        return True
    try:
        number = float(text.replace(",", ".").replace("\u00a0", "").replace(" ", ""))
    except ValueError:
        return False
    return not (number.is_integer() and 1900 <= number <= 2100)


def _banner_period(grids, titles: str) -> str | None:
    """The period a banner writes: its one year ("CALENDAR YEAR 2022"), or its two as a span ("1 January 2021 to
    31 December 2023"); None when it writes none or more."""
    years = sorted({int(y) for y in _YEAR.findall(titles) if 2000 <= int(y) <= 2100})
    if len(years) == 1:
        return str(years[0])
    if len(years) == 2:
        try:
            return grids.parsers.parse_period(f"{years[0]}-{years[1]}")
        except ParseError:
            return None
    return None


def with_target_blocks(sheet, results: list[SheetResult], ctx, recogniser, mapping_file) -> list[SheetResult]:
    """``results`` (how ingestion read ``sheet``), or the targets tables of ``sheet`` read one by one when they give
    targets for more rows (a sheet read as one table, or not read, that holds several targets tables). Sheets that
    the mapping file names, summaries and sheets read as another table are left as they were read."""
    if (sheet.kind != "worksheet" or any(r.summary or r.table not in (None, "kpi_targets") for r in results)
            or mapping_file.rule_for(sheet.file, sheet.sheet) is not None):
        return results
    blocks = find_target_blocks(sheet, recogniser.target_grids)
    if blocks is None:
        return results
    found = blocks.normalise(sheet, ctx)
    # as many targets that nothing contradicts, read under each table's own header ("Objectif 2023", then
    # "Objectif 2021-2023" further down), rather than all under the first one's
    sure = _sure(found.records)
    return [found] if sure and sure >= sum(_sure(r.records, r.block) for r in results) else results


def _sure(records, block=None) -> int:
    """How many targets a reading gives that no other target of the same KPI and period contradicts (a sheet read
    as one grid reads the second table's values under the first one's periods: they conflict)."""
    if block is not None and block.table == "kpi_targets":
        keys = zip(block.columns["kpi_id"], block.columns["period"], block.columns["target"], strict=True)
    else:
        keys = ((r.values["kpi_id"], r.values["period"], r.values["target"]) for r in records)
    values: dict[tuple, set] = {}
    for kpi_id, period, target in keys:
        values.setdefault((kpi_id, period), set()).add(target)
    return sum(1 for found in values.values() if len(found) == 1)
