"""A targets table pasted as lines of text: each line of the table is ONE text cell, as a table copied from a PDF or
a plain-text e-mail lands in a spreadsheet ("Projets détectés nb 10 12 12 34").

The sheet is split into the cells it would have had, row for row (same rows, same ``first_row``: every target keeps
the spreadsheet row of its line), and the split sheet is read by the targets grids
(:meth:`~.targets.TargetGrids.find`, then :meth:`~.targets.TargetGrid.normalise`). The rules:

- Only a small sheet whose non-empty rows are nearly all one text cell is tried, and only when a header line is
  found: a line that ends with period columns ("Indicateur Unité 2021 2022 2023 Cumul 2021-2023", "Indicator Unit
  Target 2022 Target 2023"), two of them at least or one after a word naming the indicators or their unit. The words
  before a year belong to its column when they are period words ("Cumul", "Objectif cumulé"); the rest name the
  indicator column, and its unit column from a unit header word on ("Unité", "Unit").
- When the lines hold tabs or runs of two spaces or more, they are split on them (each piece a cell); otherwise on
  single spaces (each piece a token).
- Each line after the header is split from the right: as many values as the header has period columns (numbers as
  written, "0,40", "1 350" with a space between thousands, "25 %"; or "—", "n.d." and the other no-value marks), then
  an optional unit token ("nb", "%", "k€", "M€", "jours", "ratio": a word of ``units`` in ``vocab/targets.yaml``),
  then the name. Values that can be cut in two ways ("10 120 12" in two columns) or that do not fill the columns after
  a unit are not guessed: the line is quarantined with the reason.
- A line without values just before a line with values is the first part of that line's name when the name goes on
  there: the line ends with a word that cannot end a name ("… et en", ``wrapped_name_end_words``) or an open bracket,
  or the next line's name starts in lower case, or has no name at all. A line in capitals ("AXE 1 – EUROPE") is a
  section, never joined. The first part is dropped with the row its name was read with.
- The header repeated at the top of each page and page footers ("… Page 4 sur 5": ``page_words``) are dropped with
  their reason; section and note lines go to the grid as one-cell rows, which drops them with theirs.

Other tables (:func:`split_pasted_cells`): lines whose cells are parted by tabs or runs of spaces are split into
those cells and handed to recognition like any sheet, provided every line of two cells or more has as many as the
header (else a missing cell would shift the values under the wrong headers). A table of other records pasted with
single spaces is not read: its columns cannot be told apart (names, institutions and dates all hold spaces).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..textnorm import fold
from .normalising import Dropped, Problem, SheetResult, _display
from .reading import RawSheet, any_text_holds
from .reading import is_blank as _is_blank
from .recognition import HEADER_SCAN_ROWS

if TYPE_CHECKING:
    from .normalising import Context
    from .recognition import Recognition
    from .targets import TargetGrids

MAX_ROWS = 500  # a pasted targets table is a page or a few: a longer sheet is not tried
MAX_CELLS = 5_000
MIN_TABBED_LINES = 3  # lines pasted with tabs, below or beside typed tables, that make a table (header included)
MIN_TABBED_CELLS = 3
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_CELL_SEPARATOR = re.compile(r" *\t *| {2,}")
_TAB = re.compile(r"\t")
_TOKEN_SEPARATOR = re.compile(r"[ \t\r\n]+")  # not a non-breaking space: "1\u00a0350" is one number
_RANGE_DASHES = frozenset({"-", "–", "—", "à", "a", "to"})
_BOUND = r"(?:[≤≥<>]=?\s?)?"
_NUMBER = re.compile(_BOUND + r"[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)(?:\s?(?:%|[kKmM]?€))?")  # "12", "0,40", "25%"
_THOUSANDS_HEAD = re.compile(_BOUND + r"\d{1,3}")  # "1" of "1 350"
_THOUSANDS_TAIL = re.compile(r"\d{3}(?:[.,]\d+)?(?:\s?(?:%|[kKmM]?€))?")  # "350" of "1 350", "350,5"
_VALUE_UNIT = re.compile(r"%|[kKmM]?€")  # written after each value ("0,40 M€"), not before them
_CELL_VALUE = re.compile(_BOUND + r"[+-]?\d[\d\s\u00a0\u202f.,']*(?:\s?(?:%|[kKmM]?€|[kKmM]?EUR|[kKmM]?eur))?")
_PAGE = r"(?:^|\s)(?:{})\.?\s*\d+"
_PAGE_NUMBER = re.compile(r"[-–—(\s]*\d+(?:\s*/\s*\d+)?[-–—)\s]*")  # "4 / 5", "- 4 -": a page number alone
PASTED_CELLS = "a table pasted as lines of text, one per cell (split on tabs or runs of spaces)"
UNSPLIT = "a line of the pasted table whose values cannot be told apart"


@dataclass
class _Split:
    """One line cut into its cells: ``name`` (may be empty), ``unit`` (or None), ``values`` (one per period column);
    ``problem`` when its values could not be cut."""

    name: str = ""
    unit: str | None = None
    values: list[str] | None = None
    problem: str = ""


@dataclass
class PastedLines:
    """A sheet of pasted lines read as a targets grid: the split sheet, its recognition, and what became of the lines
    the grid does not see (spreadsheet row -> reason)."""

    split: RawSheet
    rec: Recognition
    dropped: dict[int, str] = field(default_factory=dict)
    problems: dict[int, tuple[str, str]] = field(default_factory=dict)  # row -> (line, why)
    cells: bool = False  # split on tabs or runs of spaces, not on single spaces

    def normalise(self, sheet: RawSheet, ctx: Context) -> SheetResult:
        """The targets of the pasted lines, each with the spreadsheet row of its line and the header of its period
        column as provenance; the lines consumed by the split and the lines that could not be cut accounted for."""
        rec = self.rec
        result = rec.grid.normalise(self.split, rec, ctx)
        header = self.split.rows[rec.header_index]
        shown = {period: " ".join(str(header[i]).split()) for i, period in rec.grid.periods.items() if i < len(header)}
        for record in result.records:
            record.values["source_column"] = shown.get(record.values["period"])
        own = set(self.dropped) | set(self.problems)
        result.dropped = [d for d in result.dropped if d.row not in own]
        result.dropped.extend(Dropped(sheet.file, sheet.sheet, row, why) for row, why in self.dropped.items())
        for row, (line, why) in self.problems.items():
            result.problems.append(Problem(sheet.file, sheet.sheet, row, rec.table, "target",
                                           _display(line, ctx.pseudonymiser), f"{UNSPLIT}: {why}"))
            result.quarantined_rows.add(row)
        result.dropped.sort(key=lambda d: d.row)
        how = "tabs or runs of spaces" if self.cells else "spaces, values read from the right"
        result.note = "; ".join(n for n in (f"a table pasted as lines of text, one per cell (split on {how})",
                                            result.note) if n)
        return result


def find_pasted_lines(sheet: RawSheet, grids: TargetGrids) -> PastedLines | None:
    """The targets table of ``sheet`` when it is a table pasted as lines of text (see the module's rules), else
    None. Cheap on other sheets: the size and the one-cell rows are checked before any word."""
    lines = _lines(sheet)
    if lines is None:
        return None
    splitter = _Splitter(grids, _in_cells(lines))
    found = next(((i, h) for i, text in lines.items() if i < HEADER_SCAN_ROWS
                  and (h := splitter.header(text)) is not None), None)
    if found is None:
        return None
    header_index, header = found
    return splitter.split(sheet, lines, header_index, header)


def split_pasted_cells(sheet: RawSheet) -> RawSheet | None:
    """A sheet of lines pasted with tabs or runs of spaces between the cells of any table (a list of projects
    copied from a report), split into those cells for recognition; None unless every line of two cells or more has
    as many cells as the first (the header): a line with fewer would put its values under the wrong headers."""
    lines = _lines(sheet)
    if lines is None or not _in_cells(lines):
        return None
    split = {i: _CELL_SEPARATOR.split(text.strip()) for i, text in lines.items()}
    widths = [len(cells) for cells in split.values() if len(cells) > 1]
    if len(widths) < 2 or widths[0] < 2 or any(w != widths[0] for w in widths):
        return None
    rows = [[c or None for c in split[i]] if i in split else list(row) for i, row in enumerate(sheet.rows)]
    return replace(sheet, rows=rows, merged_ranges=[])


def split_tabbed_runs(sheet: RawSheet) -> RawSheet:
    """``sheet`` with each run of :data:`MIN_TABBED_LINES` lines or more pasted into one cell each with tabs between
    their cells, as many on every line (a table copied from an e-mail below the tables typed in the sheet), split
    into those cells; ``sheet`` itself when it has none, or when the whole sheet is such lines (read as a pasted
    table: :func:`split_pasted_cells`, :func:`find_pasted_lines`)."""
    if not any_text_holds(sheet.rows, "\t"):
        return sheet
    runs, run, width = [], [], 0
    for index, row in enumerate(sheet.rows):
        cells = _tabbed_cells(row)
        if cells is not None and (not run or len(cells[1]) == width):
            run.append((index, *cells))
            width = len(cells[1])
            continue
        runs.append(run)
        run, width = ([(index, *cells)], len(cells[1])) if cells is not None else ([], 0)
    runs = [r for r in (*runs, run) if len(r) >= MIN_TABBED_LINES]
    if not runs or _lines(sheet) is not None:
        return sheet
    rows = [list(row) for row in sheet.rows]
    split = set()
    for index, column, parts in (line for r in runs for line in r):
        rows[index] = [*rows[index][:column], *(p or None for p in parts)]
        split.add(sheet.first_row + index)
    merged = [r for r in sheet.merged_ranges or () if not any(r[0] <= row <= r[2] for row in split)]
    return replace(sheet, rows=rows, merged_ranges=merged)


def _tabbed_cells(row: list) -> tuple[int, list[str]] | None:
    """(column, cells) of a row whose one filled cell is a line of three cells or more parted by tabs, else None."""
    if not any(isinstance(c, str) and "\t" in c for c in row):
        return None
    filled = [(j, c) for j, c in enumerate(row) if not _is_blank(c)]
    if len(filled) != 1:
        return None
    parts = [p.strip() for p in _TAB.split(filled[0][1].strip(" \r\n"))]  # a trailing tab: an empty last cell
    return (filled[0][0], parts) if len(parts) >= MIN_TABBED_CELLS else None


def _lines(sheet: RawSheet) -> dict[int, str] | None:
    """Row index -> text of the rows made of one text cell, when the sheet is small, nearly all such rows and
    writes a year somewhere; else None."""
    rows = sheet.rows
    if not rows or len(rows) > MAX_ROWS or sum(len(r) for r in rows) > MAX_CELLS:
        return None
    lines: dict[int, str] = {}
    others = 0
    for index, row in enumerate(rows):
        filled = [c for c in row if not _is_blank(c)]
        if len(filled) == 1 and isinstance(filled[0], str):
            lines[index] = filled[0]
        elif filled:
            others += 1
    if len(lines) < 3 or others * 10 > len(lines) + others or not any(_YEAR.search(t) for t in lines.values()):
        return None
    return lines


def _in_cells(lines: dict[int, str]) -> bool:
    """Whether most lines part their cells with tabs or runs of spaces (else single spaces part the tokens)."""
    return sum(1 for t in lines.values() if _CELL_SEPARATOR.search(t.strip())) * 2 >= len(lines)


class _Splitter:
    """How the lines of one sheet are cut: into cells (tabs, runs of spaces) or tokens (single spaces)."""

    def __init__(self, grids: TargetGrids, cells: bool):
        self.grids = grids
        self.cells = cells
        words = grids.words
        pages = grids.recogniser.words.page_words
        self.page = re.compile(_PAGE.format("|".join(re.escape(w) for w in sorted(pages))), re.IGNORECASE)
        self.end_words = words.wrapped_name_end_words

    def pieces(self, text: str) -> list[str]:
        if self.cells:  # two tabs in a row: an empty cell between
            return _CELL_SEPARATOR.split(text.strip())
        out: list[str] = []
        for token in _TOKEN_SEPARATOR.split(text.strip()):
            if out and _VALUE_UNIT.fullmatch(token) and _NUMBER.fullmatch(out[-1]) and not out[-1].endswith("%"):
                out[-1] = f"{out[-1]} {token}"  # "0,40 M€", "25 %": a value written with its unit
            elif token:
                out.append(token)
        return out

    # --- the header line ---

    def header(self, text: str) -> list | None:
        """The cells of a header line (name header, unit header or None, period headers), or None."""
        pieces = self.pieces(text)
        columns = self._period_columns(pieces)
        if not columns:
            return None
        head = pieces[: columns[0][0]]
        periods = [" ".join(pieces[a:b]) for a, b in columns]
        grids = self.grids
        unit_at = next((i for i, p in enumerate(head) if i > 0 and grids._is_unit_header(p)), None)
        names, unit = (head, None) if unit_at is None else (head[:unit_at], " ".join(head[unit_at:]))
        name = " ".join(n for n in names if n) or None
        if len(columns) < 2 and not (unit or (name and grids.is_name_header(name))):
            return None  # "Annexe 2 – Objectifs 2021-2023": a title, not a header
        return [name, unit, *periods]

    def _period_columns(self, pieces: list[str]) -> list[tuple[int, int]]:
        """(start, end) of each period column at the end of ``pieces``, left to right; empty when the last piece
        is not one."""
        period_header = self.grids.period_header
        if self.cells:
            start = len(pieces)
            while start > 0 and period_header(pieces[start - 1]) is not None:
                start -= 1
            return [(i, i + 1) for i in range(start, len(pieces))]
        words = self.grids.period_words
        columns: list[tuple[int, int]] = []
        end = len(pieces)
        while end > 0 and _YEAR.search(pieces[end - 1]):
            start = end - 1
            if start >= 2 and pieces[start - 1].lower() in _RANGE_DASHES and _YEAR.fullmatch(pieces[start - 2]):
                start -= 2  # "2021 – 2023": one period
            while start > 0 and not _YEAR.search(pieces[start - 1]) and fold(pieces[start - 1]) in words:
                start -= 1  # "Objectif cumulé 2021-2023"
            if period_header(" ".join(pieces[start:end])) is None:
                break
            columns.insert(0, (start, end))
            end = start
        return columns

    # --- the lines ---

    def split(self, sheet: RawSheet, lines: dict[int, str], header_index: int, header: list) -> PastedLines | None:
        """The sheet split into cells, recognised as a targets grid (or None)."""
        n = len(header) - 2
        header_key = " ".join(fold(lines[header_index]).split())
        first = sheet.first_row
        splits: dict[int, _Split] = {}
        dropped: dict[int, str] = {}
        problems: dict[int, tuple[str, str]] = {}
        texts: dict[int, str] = {}  # lines without values, as they are
        for index in range(header_index + 1, len(sheet.rows)):
            text = lines.get(index)
            if text is None:
                continue
            if " ".join(fold(text).split()) == header_key:
                dropped[first + index] = "the header line repeated (a new page of the pasted table)"
            elif self.page.search(text) or (not self.cells and _PAGE_NUMBER.fullmatch(text.strip())
                                            and not _NUMBER.fullmatch(text.strip())):
                dropped[first + index] = "a page footer or header pasted with the table"
            elif (cut := self._cut(text, n)) is None:
                texts[index] = text
            elif cut.problem:
                problems[first + index] = (text, cut.problem)
            else:
                splits[index] = cut
        for index, cut in splits.items():  # a name wrapped onto two lines: the first part has no values
            before = texts.get(index - 1)
            if before is not None and self._joins(before, cut.name):
                cut.name = f"{before.strip()} {cut.name}".strip()
                del texts[index - 1]
                dropped[first + index - 1] = f"the first line of a name wrapped onto two lines (read with row " \
                                             f"{first + index})"
        with_unit = header[1] is not None or any(c.unit for c in splits.values())
        rows: list[list] = [list(r) for r in sheet.rows[: header_index]]
        unit_header = header[1] or (max(self.grids.words.unit_header_words, key=lambda w: (len(w), w)) if with_unit else None)
        rows.append([header[0], *([unit_header] if with_unit else []), *header[2:]])
        for index in range(header_index + 1, len(sheet.rows)):
            if index in splits:
                cut = splits[index]
                rows.append([cut.name or None, *([cut.unit] if with_unit else []), *cut.values])
            elif index in texts:
                rows.append([texts[index]])
            elif index in lines:
                rows.append([])  # dropped or quarantined here
            else:
                rows.append(list(sheet.rows[index]))
        split = replace(sheet, rows=rows, merged_ranges=[])
        rec, _ = self.grids.find(split)
        if rec is None or rec.grid is None or rec.header_index != header_index:
            return None
        return PastedLines(split, rec, dropped, problems, self.cells)

    def _cut(self, text: str, n: int) -> _Split | None:
        """A line cut into name, unit and ``n`` values; None when it holds no values (a name, a section, a note)."""
        pieces = self.pieces(text)
        if self.cells:
            if len(pieces) < n + 1 and not (len(pieces) == n and all(self._cell_value(p) for p in pieces)):
                return None
            values = pieces[-n:]
            if not all(self._cell_value(v) for v in values):
                return None
            rest = pieces[:-n]
            unit = rest.pop() if rest and self._unit(rest[-1]) else None
            return _Split(" ".join(rest), unit, [v or None for v in values])
        end = len(pieces)
        while end > 0 and self._token_value(pieces[end - 1]):
            end -= 1
        run = pieces[end:]
        if not run:
            return None
        unit_at = end - 1 if end > 0 and self._unit(pieces[end - 1]) else None
        if unit_at is not None and unit_at > 0 and fold(pieces[unit_at - 1]) in ("en", "in"):
            unit_at -= 1  # "en %"
        found = self._partitions(run, n)  # every value-like token at the end is a value: "Top 5" is not guessed
        if len(found) > 1:
            return _Split(problem=f"{' '.join(run)!r} can be cut into {n} values in several ways")
        if found:
            unit = " ".join(pieces[unit_at:end]) if unit_at is not None else None
            return _Split(" ".join(pieces[: end if unit_at is None else unit_at]), unit, found[0])
        numbers = sum(1 for p in run if _NUMBER.fullmatch(p))
        if numbers and (unit_at is not None or len(run) >= 2):  # "Start-up créées 2 5" under four columns
            return _Split(problem=f"{' '.join(run)!r} are not {n} values")
        return None

    def _partitions(self, run: list[str], n: int, limit: int = 2) -> list[list[str]]:
        """The ways (at most ``limit``) of cutting ``run`` into ``n`` values ("1 350" one number, space thousands)."""
        if n == 0:
            return [[]] if not run else []
        if len(run) < n:
            return []
        out: list[list[str]] = []
        first = run[0]
        if _THOUSANDS_TAIL.fullmatch(first) and first[0] == "0" and len(first) > 1:
            return []  # "000": the end of "1 000", never a value of its own
        if not _NUMBER.fullmatch(first) or not _THOUSANDS_HEAD.fullmatch(first):  # a value on its own
            return [[first, *rest] for rest in self._partitions(run[1:], n - 1, limit)][:limit]
        end = 1
        while True:
            for rest in self._partitions(run[end:], n - 1, limit):
                out.append([" ".join(run[:end]), *rest])
                if len(out) >= limit:
                    return out
            if end < len(run) and _THOUSANDS_TAIL.fullmatch(run[end]) and not re.search(r"[.,%€]", run[end - 1]):
                end += 1
            else:
                return out

    def _token_value(self, token: str) -> bool:
        return bool(_NUMBER.fullmatch(token)) or self.grids.parsers.is_missing(token)

    def _cell_value(self, cell: str) -> bool:
        return not cell or bool(_CELL_VALUE.fullmatch(cell.strip())) or self.grids.parsers.is_missing(cell)

    def _unit(self, piece: str) -> bool:
        """Whether ``piece`` is a unit on its own ("nb", "%", "M€", "jours", "(k€)"), not a word of a name."""
        text = piece.strip().strip("()[]")
        return 0 < len(text) <= 12 and len(text.split()) <= 2 and self.grids.units.of_text(text).kind is not None

    def _joins(self, before: str, name: str) -> bool:
        """Whether the line ``before`` (no values) starts the name ``name`` of the next line."""
        letters = [ch for ch in before if ch.isalpha()]
        if not letters or all(ch.isupper() for ch in letters):
            return False  # "AXE 1 – DÉTECTION ET VALORISATION": a section
        stripped = before.strip()
        if stripped.endswith((".", ":")) or ":" in stripped:
            return False  # a note or a caption
        words = fold(stripped).split()
        return (not name or name[:1].islower() or name[:1] in ")]"
                or stripped.count("(") > stripped.count(")") or stripped.endswith(("-", "–", "/", ","))
                or (bool(words) and words[-1] in self.end_words))
