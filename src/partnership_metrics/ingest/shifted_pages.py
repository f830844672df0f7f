"""A table printed over several pages and converted back to a sheet, one page's columns shifted by the converter: its
copy of the header, and the lines below it, start a column or more to the right (or left) of the others', or an
empty column is slipped in among them ("Unité | | Type de technologie"). Each such page is put back under the columns
of the first copy of the header, up to the next copy: the cells the shift left empty at the row's start (or end), or
in the slipped column, are dropped. A line whose cells there are not empty is left where it is."""

from __future__ import annotations

from dataclasses import replace

from .header_rows import HEADER_SCAN_ROWS
from .reading import RawSheet, is_blank, row_texts

MIN_HEADER_TEXTS = 3  # texts of a header's copy, all in the same order


def with_pages_realigned(sheet: RawSheet) -> RawSheet:
    """``sheet`` with every page whose header's copy is shifted put back under the first copy's columns."""
    copies: dict[tuple[str, ...], list[tuple[int, tuple[int, ...]]]] = {}  # a header's texts -> (row, their columns)
    firsts = set()  # a copy holds its header's first cell as written: the rows without any are not read
    for i, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        if (texts := _header_texts(row)) is not None:
            copies.setdefault(texts, []).append((i, _places(row)))
            firsts.add(row[_first(row)])
    for i, row in enumerate(sheet.rows[HEADER_SCAN_ROWS:], start=HEADER_SCAN_ROWS):
        if not firsts.isdisjoint(row) and (texts := _header_texts(row)) in copies:
            copies[texts].append((i, _places(row)))
    found = next((places for places in copies.values() if len(places) >= 2 and len({c for _, c in places}) > 1), None)
    if found is None:
        return sheet
    home = found[0][1]
    starts = [i for i, _ in found] + [len(sheet.rows)]
    rows = list(sheet.rows)
    for (start, places), end in zip(found, starts[1:], strict=False):
        if places == home:
            continue
        shift = places[0] - home[0]
        evenly = all(p - h == shift for p, h in zip(places, home, strict=True))
        for i in range(start, end):
            rows[i] = _shifted(rows[i], shift) if evenly else _moved(rows[i], places, home)
    return replace(sheet, rows=rows, notes=[*sheet.notes, "a page whose columns the conversion shifted put back "
                                                          "under the header's"])


def _header_texts(row: list) -> tuple[str, ...] | None:
    filled = [c for c in row if not is_blank(c)]
    if len(filled) < MIN_HEADER_TEXTS or not all(isinstance(c, str) for c in filled):
        return None
    return row_texts(row)


def _places(row: list) -> tuple[int, ...]:
    return tuple(j for j, c in enumerate(row) if not is_blank(c))


def _moved(row: list, places: tuple[int, ...], home: tuple[int, ...]) -> list:
    """``row`` with the cell under each column of its page's header copy (``places``) moved under the same column of
    the first copy (``home``), when its other cells are empty."""
    kept = set(places)
    if any(not is_blank(c) for j, c in enumerate(row) if j not in kept and j <= places[-1]):
        return row
    moved = [None] * max(len(row) - places[-1] + home[-1], home[-1] + 1)
    for p, h in zip(places, home, strict=True):
        moved[h] = row[p] if p < len(row) else None
    for j in range(places[-1] + 1, len(row)):  # beyond the header's last column: as far beyond the first copy's
        moved[j - places[-1] + home[-1]] = row[j]
    return moved


def _first(row: list) -> int:
    return next(j for j, c in enumerate(row) if not is_blank(c))


def _shifted(row: list, shift: int) -> list:
    """``row`` moved ``shift`` columns to the left (to the right when negative), when the cells it drops are empty."""
    if shift > 0:
        return list(row[shift:]) if all(is_blank(c) for c in row[:shift]) else row
    tail = row[len(row) + shift:] if len(row) >= -shift else row
    return [None] * -shift + list(row[:len(row) + shift]) if all(is_blank(c) for c in tail) else row
