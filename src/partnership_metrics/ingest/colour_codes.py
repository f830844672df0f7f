"""A coded column a team writes as a colour: EU proposals whose result is the row's (or the result cell's) fill,
explained by a legend of coloured cells naming the codes ("Financé" on green, "rouge = non retenu" on red), above
the table or on another sheet of the workbook ("Lisez-moi").

A legend is read from the coloured texts above the table's header and on the workbook's other sheets: each names
exactly one code of the column (the text itself, or one of its parts around "=", ":" or a dash: "vert = financé"),
and a colour names one code only. A row's colour is the one legend colour among its cells' fills (the whole row, or
the one cell coloured); a colour is a legend's when every text in it names the same code. The colour gives the code only where the row writes none: a cell that says it wins. A column
no header gives ("Résultat" holds the month of the notification, the colour the outcome) is made from the colours
when they colour most rows. The header's colour is no code, nor is the colour of a line of one cell (a section's
heading). Colours are matched by what the file writes, never guessed from a colour's name; a
legend written in words only ("vert : financé" on no colour) is not read."""

from __future__ import annotations

from dataclasses import replace

from ..schemas import TABLES
from .linking import with_row_columns
from .reading import RawSheet, fills_two, is_blank
from .reading.cell_fills import coloured_texts
from .recognised import Recognition

MIN_LEGEND = 2  # codes a legend names at least
COLOURED_SHARE = 0.5  # of the data rows a colour must fill for a column no header gives to be made of them


def with_colour_codes(sheet: RawSheet, rec: Recognition, codebook) -> tuple[RawSheet, Recognition]:
    """``sheet`` and ``rec`` with the coded column a legend of colours explains read from each row's colour where the
    row writes no value, copied under ``[<column>]`` (a column ingestion made)."""
    if not sheet.fills or rec.grid is not None:
        return sheet, rec
    above = coloured_texts(sheet.rows[:rec.header_index], sheet.first_row, sheet.fills, most=None)
    # the legend above the table, else one on another sheet (whose coloured data rows are no legend of this one's)
    found = _legend(rec.table, above, codebook) or _legend(rec.table, [*above, *sheet.legend_texts], codebook)
    if found is None:
        return sheet, rec
    column, legend = found
    header = sheet.first_row + rec.header_index
    for colour in {sheet.fills.get((header, j + 1)) for j in range(len(sheet.rows[rec.header_index]))}:
        legend.pop(colour, None)  # the header's colour, and its copies' over sections below: no code
    below = sheet.rows[rec.header_index + 1:]
    colours = [_row_colour(sheet, rec.header_index + 1 + i, row, legend) if fills_two(row) else None
               for i, row in enumerate(below)]  # a heading's colour says nothing of a record
    if len(set(legend.values())) < MIN_LEGEND or not any(colours):
        return sheet, rec
    mapped = next((m for m in rec.columns if m.column == column), None)
    if mapped is None:
        data = [i for i, row in enumerate(below) if any(not is_blank(c) for c in row)]
        if sum(colours[i] is not None for i in data) < max(MIN_LEGEND, COLOURED_SHARE * len(data)):
            return sheet, rec
        values = [legend[c] if c is not None else None for c in colours]
        kept = replace(rec, missing_required=[c for c in rec.missing_required if c != column])
        return with_row_columns(sheet, kept, {column: values})
    written = [row[mapped.index] if mapped.index < len(row) else None for row in below]
    if not any(is_blank(v) and c is not None for v, c in zip(written, colours, strict=True)):
        return sheet, rec
    values = [legend[c] if is_blank(v) and c is not None else v for v, c in zip(written, colours, strict=True)]
    kept = replace(rec, columns=[m for m in rec.columns if m.column != column], unknown=[*rec.unknown, mapped.header])
    return with_row_columns(sheet, kept, {column: values})


def _legend(table: str, texts: list[tuple[str, str]], codebook) -> tuple[str, dict[str, str]] | None:
    """(column, colour -> code) of the coded column whose codes the most colours name: a colour names a code when
    every text of that colour names it (a header's colour is no legend's, whatever one of its headers says); None
    when no column has a legend of :data:`MIN_LEGEND` codes, or two have one as long."""
    best: list[tuple[int, str, dict[str, str]]] = []
    for column in (c for c in TABLES[table].columns if c.kind == "code" and c.codes):
        named: dict[str, set[str | None]] = {}
        for text, colour in texts:
            named.setdefault(colour, set()).add(codebook.find_in_parts(table, column.name, text))
        legend = {colour: codes.pop() for colour, codes in named.items() if len(codes) == 1 and None not in codes}
        if len(set(legend.values())) == len(legend) >= MIN_LEGEND:
            best.append((len(legend), column.name, legend))
    best.sort(key=lambda b: -b[0])
    if not best or (len(best) > 1 and best[1][0] == best[0][0]):
        return None
    return best[0][1], best[0][2]


def _row_colour(sheet: RawSheet, index: int, row: list, legend: dict[str, str]) -> str | None:
    """The one legend colour among the fills of a row's cells (``index`` in ``sheet.rows``), else None."""
    number = sheet.first_row + index
    found = {colour for j in range(len(row)) if (colour := sheet.fills.get((number, j + 1))) in legend}
    return found.pop() if len(found) == 1 else None
