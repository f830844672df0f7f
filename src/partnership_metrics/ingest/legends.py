"""A legend written beside a table, in its header row: "Légende – colonne Statut" heading the codes, their meanings
in the next column ("F | financé (GA signée)", "NF | non financé / rejeté"). The column whose values are those codes
reads them as their meanings, when the meanings name the column's codes (a colleague's tracker of EU proposals, its
status cells coloured and coded)."""

from __future__ import annotations

from dataclasses import replace

from ..schemas import TABLES
from .reading import RawSheet, is_blank
from .recognition import Recogniser, Recognition, header_cells

MIN_CODES = 2
MAX_CODE = 8  # characters of a legend's code
CODED_SHARE = 0.8  # of a column's filled cells that must be codes of the legend


def _text(cell) -> str:
    return " ".join(str(cell).split()) if not is_blank(cell) else ""


def with_legend(sheet: RawSheet, rec: Recognition, recogniser: Recogniser, legend_words: frozenset[str],
                codebook) -> RawSheet | None:
    """``sheet`` with the codes of the column a legend beside it explains written as their meanings; None when it
    has no such legend."""
    if rec.header_index >= len(sheet.rows):
        return None
    data = sheet.rows[rec.header_index + 1:]
    mapped = rec.mapped_indexes
    for j, text in header_cells(sheet.rows[rec.header_index]):
        if j in mapped or not set(recogniser.words_of(text)) & legend_words:
            continue
        legend = _legend(data, j)
        if len(legend) < MIN_CODES:
            continue
        for match in rec.columns:
            if TABLES[rec.table].column(match.column).kind != "code":
                continue
            values = [_text(r[match.index]) for r in data if match.index < len(r) and not is_blank(r[match.index])]
            coded = [v for v in values if v in legend]
            if not values or len(coded) < CODED_SHARE * len(values):
                continue
            read = {code: _readable(legend[code], rec.table, match.column, codebook) for code in set(coded)}
            if all(read.values()):
                return replace(sheet, rows=[*sheet.rows[: rec.header_index + 1],
                                            *(_decoded(r, match.index, read) for r in data)])
    return None


def _readable(meaning: str, table: str, column: str, codebook) -> str | None:
    """The meaning, or its first words, as the column's codes read them ("retiré par le consortium avant évaluation"
    -> "retiré"); None when no start of it names a code."""
    words = meaning.split()
    for end in range(len(words), 0, -1):
        text = " ".join(words[:end])
        if codebook.find(table, column, text) is not None:
            return text
    return None


def _legend(data: list[list], j: int) -> dict[str, str]:
    """Code -> meaning, from the cells below the legend's header (until the first line without both)."""
    legend: dict[str, str] = {}
    for row in data:
        code = _text(row[j]) if j < len(row) else ""
        meaning = _text(row[j + 1]) if j + 1 < len(row) else ""
        if not code or not meaning or len(code) > MAX_CODE:
            break
        legend[code] = meaning
    return legend


def _decoded(row: list, index: int, legend: dict[str, str]) -> list:
    if index >= len(row) or _text(row[index]) not in legend:
        return row
    return [*row[:index], legend[_text(row[index])], *row[index + 1:]]
