"""A database exported with each link to another record written after its name ("ONCOSCAN
(https://www.notion.so/ONCOSCAN-3f2a…)", as Notion writes a relation): the record is its name, the address is where it
lives. A cell made of such links alone, one or several separated by commas, is read as the names, separated by
semicolons when several ("ONCOSCAN; VAXARN"); any other cell is read as written."""

from __future__ import annotations

import re
from dataclasses import replace

from .reading import RawSheet, any_text_holds

_LINK = re.compile(r"\s*([^()]*?)\s*\((?:https?://|www\.)[^()\s]*\)\s*(?:,|$)")


def with_linked_names(sheet: RawSheet) -> RawSheet:
    """``sheet`` with each cell of links read as the names it links (see the module's docstring), or ``sheet``."""
    if not any_text_holds(sheet.rows, "(http"):  # (one search of the sheet's texts joined)
        return sheet
    return replace(sheet, rows=[[_names(c) if isinstance(c, str) and "(http" in c else c for c in row]
                                for row in sheet.rows])


def _names(cell: str) -> str:
    names, end = [], 0
    for match in _LINK.finditer(cell):
        if match.start() != end or not match.group(1):
            return cell  # text between links, or a link with no name: a sentence, read as written
        names.append(match.group(1))
        end = match.end()
    return "; ".join(names) if names and end == len(cell) else cell
