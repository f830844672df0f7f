"""Blocks of one list stacked down a sheet, each under a line naming the project its lines belong to, in words and a
reference ("Projet IT-ONC-18-002 – ExoCure (AMU)"), then its own copy of the header ("Financeur | Type de
financement | Montant (k€) | Date de décision") and its lines: a financing plan kept project by project. The title's
words before the reference are a header of the project's column ("Projet"): the sheet is read with that column
first, each line holding its block's reference (a block whose title names none, "Hors projet", holds none). The
title lines and the header's copies stay, dropped as the section lines and repeated headers they are, and a total
line ("Total plan de financement") is left without a project, dropped as the total it is.

Read so when two blocks at least name distinct references after the same words, those words name the project's
column of a table exactly, and the header names no project column of its own. Lines under a company's name ("▶
Oncostra") or an event's title are a parent's children (:mod:`.titled_blocks`), and stay so."""

from __future__ import annotations

from dataclasses import replace

from ..schemas import TABLES
from ..textnorm import fold
from .header_rows import HEADER_SCAN_ROWS
from .project_headings import total_line
from .reading import RawSheet, is_blank, row_texts
from .recognition import Recogniser, header_cells
from .titled_blocks import keyed_title, title_line, under_parent_lines

MIN_BLOCKS = 2
# tables whose lines name a project they are not: the project's column is theirs to take
_PROJECT_OF = tuple(t for t, table in TABLES.items() if "project_id" in table.raw_column_names
                    and table.key != ("project_id",))


def with_keyed_blocks(sheet: RawSheet, recogniser: Recogniser, words) -> RawSheet:
    """``sheet`` with a first column holding each line's project as its block's title names it, or as it is."""
    rows = sheet.rows
    index = next((i for i in range(min(len(rows), HEADER_SCAN_ROWS)) if under_parent_lines(rows, i)), None)
    if index is None:
        return sheet
    header = row_texts(rows[index])
    if any(c == "project_id" for t in _PROJECT_OF for _, text in header_cells(rows[index])
           for c, _ in recogniser.cell_candidates(t, text)):
        return sheet  # the lines name their project themselves
    copies = [k for k in range(index, len(rows)) if row_texts(rows[k]) == header]
    titles = {k: title_line(rows[k - 1]) for k in copies}
    keyed = {k: found for k, text in titles.items() if text and (found := keyed_title(text))}
    said = {fold(words_before) for words_before, _ in keyed.values()}
    references = [reference for _, reference in keyed.values()]
    if len(keyed) < MIN_BLOCKS or len(said) != 1 or len(set(references)) != len(references):
        return sheet
    column_header = next(iter(keyed.values()))[0]
    if not any(c == "project_id" and score > 1000 for t in _PROJECT_OF
               for c, score in recogniser.cell_candidates(t, column_header)):
        return sheet
    out, current = [], None
    for k, row in enumerate(rows):
        if k in titles:  # a copy of the header: its block's project from here
            current, first = keyed.get(k, (None, None))[1], column_header
        elif k < index or k + 1 in titles or total_line(row, words) or all(is_blank(c) for c in row):
            first = None  # a title line, a total, a blank line
        else:
            first = current
        out.append([first, *row])
    return replace(sheet, rows=out, notes=[*sheet.notes, f"each line's project named by its block's title "
                                                          f"('{column_header} <reference> …')"])
