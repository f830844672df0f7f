"""Rows of one text cell: a record whose other cells are empty, or a note, a heading, a page footer, a signature, a
count of the lines above. Why such a row is dropped (or None: a record) is told by :func:`lone_text_kind`."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from ..privacy import is_first_name, looks_personal
from ..schemas import TABLES
from ..textnorm import fold

if TYPE_CHECKING:
    from .recognised import Recognition
    from .vocabulary import Words

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_DATED = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")  # a record's timestamp
_PAGE_NUMBER = re.compile(r"([^\W\d_]+)\.?\s*\d+(?:\s*(?:/|[^\W\d_]+)\s*\d+)?")  # "Page 2/5", "p. 3 sur 7"
_PAGE_AT_END = re.compile(r"\s[–—-]\s+([^\W\d_]+)\.?\s*\d+\s*(?:/|[^\W\d_]+)\s*\d+$")  # "… – Page 7/9"


PAGE_FOOTER = "page footer (a page's number)"


def is_page_footer(text: str, words: Words) -> bool:
    """Whether a line is a printed page's footer: its number ("Page 2/5", "p. 3 sur 7"), maybe after the document's
    name ("Convention CPP–IT – version signée du 14/12/2020 – Page 7/9")."""
    caption = text.strip()
    page = _PAGE_NUMBER.fullmatch(caption) or _PAGE_AT_END.search(caption)
    return bool(page) and fold(page[1]) in words.page_words


def lone_text_kind(index: int, text: str, rec: Recognition, id_indexes: set[int], words: Words) -> str | None:
    """Why a row whose only filled cell is ``text`` (in column ``index``) is dropped, or None for a data row."""
    caption = text.strip()
    if words.is_record_count(caption):
        return "total row (a count of the lines above)"  # "27 inscrits" below a list
    if is_page_footer(caption, words):
        return PAGE_FOOTER  # "Page 2/5" of a document made for printing
    if (index not in rec.mapped_indexes or len(caption) >= 40 or fold(caption).startswith(words.note_row_starts)
            or caption[:1] in "*(" or caption.startswith(words.heading_marks) or _symbol(caption[0])
            or caption.endswith(":")
            or len(caption.split()) >= 3):
        return "note row (a single text cell)"  # a section title, a caption, a note: ids have no spaces
    if index in id_indexes and len(caption.split()) >= 2:  # "Année 2018" over that year's rows
        return "section row (a label alone in the id column)"
    if len(caption.split()) <= 2 and (_YEAR.search(caption) or set(fold(caption).split()[:1]) & words.months.keys()):
        return "section row (a group's title)"  # a group of rows titled "2022", "Archives 2018-20", "AOÛT"
    if is_first_name(caption) or (looks_personal(caption) and not _person_of_the_row(index, rec)):
        return "note row (a name alone: a signature)"  # "Olivier" signing an e-mail pasted with its table
    if len(caption.split()) <= 2 and _title_alone(index, rec):
        return "section row (a group's title)"  # a board's group ("Done", "Stuck") in its items' name column
    return None  # "Loïc Castellane" alone in a sign-in list's name column: an attendee whose lab is not written


def section_row_kind(filled: list[tuple[int, object]], id_indexes: set[int]) -> str | None:
    """Why a row holding one text under several headers, beside dates only, is dropped: a board's section row
    ("1. Détection | 1. Détection" under "Name | Section/Column", with the tool's record dates), no record."""
    named = [c for _, c in filled if type(c) is str and not _DATED.fullmatch(c.strip()) and not c.strip().isdigit()]
    texts = {fold(c) for c in named}  # (a tool's record id, "1201400000879588", is no name either)
    if len(named) >= 2 and len(texts) == 1 and not any(i in id_indexes for i, _ in filled) and all(
            type(c) is str or hasattr(c, "year") for _, c in filled):
        return "a section's heading (its name under the title and the section's own column: a board's export)"
    return None


def _title_alone(index: int, rec: Recognition) -> bool:
    """Whether column ``index`` holds the title, or a code ("ERC" over a pivot's group of proposals), of a table whose
    rows have an id of their own (no id: no row)."""
    table = TABLES[rec.table]
    return len(table.key) == 1 and table.column(table.key[0]).kind == "id" and any(
        m.index == index and (m.column == "title" or m.column in table.raw_column_names
                              and table.column(m.column).kind == "code") for m in rec.columns)


def _person_of_the_row(index: int, rec: Recognition) -> bool:
    """Whether column ``index`` holds the person a row of the table is about (a sign-in list's attendee)."""
    table = TABLES[rec.table]
    return any(m.index == index and m.column in table.required and table.column(m.column).kind == "person"
               for m in rec.columns)


def _symbol(char: str) -> bool:
    """Whether a line opens with a pictograph ("✅ Funded", "🚀 Active": a board's group of items), never a record's
    first character (a currency sign is no such symbol)."""
    return unicodedata.category(char) == "So"
