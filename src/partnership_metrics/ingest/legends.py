"""A legend written beside a table, in its header row: "Légende – colonne Statut" heading the codes, their meanings
in the next column ("F | financé (GA signée)", "NF | non financé / rejeté"); or on a line above the header,
"Légende statut : Fin. = financé / Non fin. = non financé". The column whose values are those codes reads them as
their meanings, when the meanings name the column's codes (a colleague's tracker of EU proposals, its status cells
coloured and coded)."""

from __future__ import annotations

import re
from dataclasses import replace

from ..schemas import TABLES
from .codebooks import CODED_SHARE, MAX_CODE, code_text
from .reading import RawSheet, is_blank
from .recognition import ColumnMatch, Recogniser, Recognition, header_cells

MIN_CODES = 2


def with_legend(sheet: RawSheet, rec: Recognition, recogniser: Recogniser, legend_words: frozenset[str],
                codebook) -> RawSheet | None:
    """``sheet`` with the codes of each column a legend beside it explains written as their meanings; None when it
    has no such legend. A legend whose codes two columns hold explains the one its header names ("Légende – colonne
    Statut"), else neither (it is not guessed)."""
    if rec.header_index >= len(sheet.rows):
        return None
    data = sheet.rows[rec.header_index + 1:]
    mapped = rec.mapped_indexes
    coded = [m for m in rec.columns if TABLES[rec.table].column(m.column).kind == "code"]
    readings: dict[int, dict[str, str]] = {}  # column index -> code -> what the column reads for it
    explained: list[str] = []
    legends = [(set(recogniser.words_of(text)), _legend(data, j)) for j, text in header_cells(sheet.rows[rec.header_index])
               if j not in mapped and set(recogniser.words_of(text)) & legend_words]
    legends += [(set(recogniser.words_of(named)), legend) for row in sheet.rows[: rec.header_index]
                for cell in row if isinstance(cell, str) and (found := line_legend(cell, legend_words, recogniser))
                for named, legend in [found]]
    for words, legend in legends:
        if len(legend) < MIN_CODES:
            continue
        fits = [(m, read) for m in coded if m.index not in readings
                and (read := _reading(data, m, legend, rec.table, codebook)) is not None]
        named = [(m, read) for m, read in fits if set(recogniser.words_of(m.header)) & words]
        if len(fits) == 1 or len(named) == 1:
            m, read = (named if len(named) == 1 else fits)[0]
            readings[m.index] = read
            explained.append(m.header)
    if not readings:
        return None
    note = f"the codes of {', '.join(repr(h) for h in explained)} read with the table's legend"
    return replace(sheet, rows=[*sheet.rows[: rec.header_index + 1], *(_decoded(r, readings) for r in data)],
                   notes=[*sheet.notes, note])


def _reading(data: list[list], match: ColumnMatch, legend: dict[str, str], table: str, codebook) -> dict[str, str] | None:
    """Code -> what the column reads for it, when the column's filled cells are (mostly) the legend's codes and each
    code's meaning names one of the column's codes; else None."""
    values = [code_text(r[match.index]) for r in data if match.index < len(r) and not is_blank(r[match.index])]
    coded = [v for v in values if v in legend]
    if not values or len(coded) < CODED_SHARE * len(values):
        return None
    read = {code: _readable(legend[code], table, match.column, codebook) for code in set(coded)}
    return read if all(read.values()) else None


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
        code = code_text(row[j]) if j < len(row) else ""
        meaning = code_text(row[j + 1]) if j + 1 < len(row) else ""
        if not code or not meaning or len(code) > MAX_CODE:
            break
        legend[code] = meaning
    return legend


def _decoded(row: list, readings: dict[int, dict[str, str]]) -> list:
    """``row`` with each coded cell a legend explains written as its meaning."""
    row = list(row)
    for index, read in readings.items():
        if index < len(row) and (code := code_text(row[index])) in read:
            row[index] = read[code]
    return row


_PAIR = re.compile(r"^\s*(?P<code>[^=]+?)\s*=\s*(?P<meaning>.+?)\s*$")


def line_legend(text: str, legend_words: frozenset[str], recogniser: Recogniser) -> tuple[str, dict[str, str]] | None:
    """What a legend written on one line names (the words before its colon, "statut") and its code -> meaning
    ("Légende statut : Fin. = financé / Non fin. = non financé / Ret. = retiré"); None for another text."""
    head, colon, body = text.partition(":")
    if not colon or not set(recogniser.words_of(head)) & legend_words:
        return None
    legend: dict[str, str] = {}
    for item in re.split(r"\s[/;|]\s|;", body):
        pair = _PAIR.match(item)
        if pair is None or len(code := code_text(pair["code"])) > MAX_CODE:
            return None
        legend[code] = code_text(pair["meaning"])
    return (head, legend) if len(legend) >= MIN_CODES else None
