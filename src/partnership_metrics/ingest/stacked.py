"""Tables stacked on one sheet: another table (or the same table under other headers, or another list of the same
table under its own title) below the first after a blank or caption row, and a summary below a table. A sheet is cut
there and each part read on its own, named after its rows."""

from __future__ import annotations

import re
from dataclasses import replace

from ..schemas import TABLES
from ..textnorm import fold
from .context_codes import GIVEN_BY_CONTEXT
from .line_ids import made_id_column
from .name_keys import with_name_as_key
from .reading import filled_counts
from .recognition import SAMPLE_ROWS, Recogniser
from .titled_blocks import under_parent_lines

_ROWS_SUFFIX = re.compile(r" ?\(rows \d+-\d+\)$")
MIN_ROWS_ABOVE = 2  # data rows of a table stacked above the one a sheet is read under


def stacked_below(sheet, rec, recogniser: Recogniser, starts: list[int]) -> int | None:
    """The index of the header row of another table stacked below the first one ("Levées de fonds" under the
    start-ups, after a blank or caption row), or None; ``starts``: the rows that may start one
    (:func:`after_sparse_rows` below ``rec``'s header)."""
    rows = sheet.rows
    parent_lines = rec.context_key is not None and under_parent_lines(rows, rec.header_index)
    for index in starts:
        row = [c for c in rows[index] if c is not None and str(c).strip()]
        if len(row) < 2 or not all(isinstance(c, str) for c in row):
            continue
        head = replace(sheet, rows=rows[index : index + 1 + SAMPLE_ROWS], first_row=sheet.first_row + index)
        found = recogniser.recognise(head)
        if parent_lines and _texts(rows[index]) == _texts(rows[rec.header_index]) and not _alone_the_same(
                sheet, rec, recogniser, index):
            continue  # "▶ ImmunoPulse" over the header again, a list only the whole sheet tells: read with it
        named = found is not None and with_name_as_key(found) is not None  # start-ups known by their name
        # another table under its own caption ("▶ ÉVÉNEMENTS" over "ID évènement | Le | Titre"): a part of its own
        # even if it lacks a column (guessed from its values, or reported), never rows of the table above
        titled = found is not None and _titled(rows, index, rec.header_index) < index
        captioned = titled and found.table != rec.table
        # the same table under its own title that gives what it lacks ("Tableau 2 – Aides du CanceroPôle": its funder)
        given = titled and all((found.table, c) in GIVEN_BY_CONTEXT for c in found.missing_required) and (
            _title_gives(rows, index, rec, found, recogniser) or tuple(" ".join(c.split()) for c in row)
            not in rec.repeated_headers)  # a header of the layout under "Convention 2021-2023": the table's rows
        if (found is not None and found.header_index == 0 and found.grid is None and (found.score > 0 or named)
                and (found.missing_required in ([], [made_id_column(found.table)]) or named or captioned or given)
                and (found.table != rec.table or _texts(rows[index]) != _texts(rows[rec.header_index]))):
            # another table, or the same table under other headers (partners' lines, then co-funders'), with its title
            return _titled(rows, index, rec.header_index)  # "2. Engagements financiers (montants en k€)": its unit
        if (captioned := _captioned_list(rows, index, rec)) is not None:
            return captioned  # the same header under its own title ("APRÈS-MIDI … (réf. ANIM-2018-03)"): a list
    return None


def _title_gives(rows, index: int, rec, found, recogniser: Recogniser) -> bool:
    """Whether a title line above the header at ``index`` names what the table under it lacks (its funder)."""
    lines = [c for r in rows[_titled(rows, index, rec.header_index):index] for c in r if isinstance(c, str)]
    return all(any(recogniser.codebook.find(found.table, c, line) for line in lines) for c in found.missing_required)


def _alone_the_same(sheet, rec, recogniser: Recogniser, index: int) -> bool:
    """Whether the list under the header's copy at ``index``, read alone with its title line, is ``rec``'s table
    (a sign-in list under "Événement : EVT22-02 – …" is; rounds under "▶ ImmunoPulse" are not: the parent's name
    alone says nothing of the table)."""
    header = _texts(sheet.rows[index])
    end = next((k - 1 for k in range(index + 1, len(sheet.rows)) if _texts(sheet.rows[k]) == header),
               len(sheet.rows))
    alone = recogniser.recognise(replace(sheet, rows=sheet.rows[index - 1 : end]))
    return alone is not None and alone.table == rec.table


def stacked_above(sheet, rec, recogniser: Recogniser) -> int | None:
    """The first row of the part that holds ``rec``'s header (its title rows) when another table is stacked above
    it and was left above the header the sheet is read under: a table lacking a column its title gives, above the
    complete one ("1. Financements CanceroPôle" over "Réf. | Projet | Dispositif | Montant (k€)", then "2.
    Cofinancements" over a header with a funder column); None otherwise."""
    rows = sheet.rows
    cut = rec.header_index
    while cut > 0 and len(_texts(rows[cut - 1])) <= 1:
        cut -= 1
    if cut < MIN_ROWS_ABOVE + 1:
        return None
    found = recogniser.recognise(replace(sheet, rows=rows[:cut]))
    if found is None or found.grid is not None or _texts(rows[found.header_index]) == _texts(rows[rec.header_index]):
        return None  # an earlier header of the same layout is the table's own (see first_header_of_layout)
    data = [r for r in rows[found.header_index + 1 : cut] if len(_texts(r)) >= 2]
    return cut if len(data) >= MIN_ROWS_ABOVE else None


def _titled(rows, index: int, above: int) -> int:
    """The first of the title rows (one text cell each) right above the header at ``index``, below row ``above``;
    ``index`` when it has none."""
    first = index
    while first - 1 > above and len(_texts(rows[first - 1])) == 1 and isinstance(
            next(c for c in rows[first - 1] if c is not None and str(c).strip()), str):
        first -= 1
    return first


def _captioned_list(rows, index: int, rec) -> int | None:
    """The first of the title rows above a repeat of ``rec``'s header at ``index``, when the table's rows belong to
    a parent (an event) and a blank row then titles introduce the repeat: another list, whose parent its titles
    name; None otherwise."""
    if TABLES[rec.table].parent is None or _texts(rows[index]) != _texts(rows[rec.header_index]):
        return None
    first = _titled(rows, index, rec.header_index)
    return first if first < index and not _texts(rows[first - 1]) else None


def stacked_parts(sheet, rec, below: int, words) -> tuple:
    """The parts of ``sheet`` above and from ``below`` (:func:`stacked_below`), each named after its rows. A list
    of the same table continued under a caption that says so ("Page 2", "Suite") also keeps the titles above the
    first list: its people are of the event the sheet's title names."""
    rows = sheet.rows
    top = replace(sheet, rows=rows[:below], sheet=rows_label(sheet, 0, below))
    rest = replace(sheet, rows=rows[below:], first_row=sheet.first_row + below,
                   sheet=rows_label(sheet, below, len(rows)))
    k = below
    while k < len(rows) and len(_texts(rows[k])) == 1:
        k += 1
    if (below < k < len(rows) and _texts(rows[k]) == _texts(rows[rec.header_index])
            and all(not words.continued_list_words.isdisjoint(fold(_texts(rows[i])[0]).split()) for i in range(below, k))):
        titles = [" ".join(c.split()) for row in rows[:rec.header_index] for c in row if isinstance(c, str) and c.strip()]
        rest = replace(rest, context=(*sheet.context, *titles))
    return top, rest


def _texts(row: list) -> tuple[str, ...]:
    return tuple(" ".join(str(c).split()).lower() for c in row if c is not None and str(c).strip())


SUMMARY_BELOW = "summary below a table"
SIGNATURE_BELOW = "a form's signature block below its last table"
MAX_SIGNATURE_ROWS = 8  # a signature block is short: name and role, place and date, signature, stamp


def summary_below(sheet, starts: list[int], words) -> tuple[int, str] | None:
    """The index of a caption that, after a blank row, starts what is not the table's rows, and what it starts: a
    summary ("Récapitulatif par type d'action"), or the signature block that ends a form ("6. Visa et signature du
    représentant légal", then "Nom, qualité | | …", "Date | | …": at most two cells a row); None when there is
    none. ``starts``: as for :func:`stacked_below`."""
    rows = sheet.rows
    for index in starts:
        row = [c for c in rows[index] if c is not None and str(c).strip()]
        if len(row) != 1 or not isinstance(row[0], str):
            continue
        if fold(row[0]).startswith(words.summary_block_captions):
            return index, SUMMARY_BELOW
        if (not words.signature_block_words.isdisjoint(fold(row[0]).split())
                and len(rows) - index <= MAX_SIGNATURE_ROWS and max(filled_counts(rows[index:])) <= 2):
            return index, SIGNATURE_BELOW
    return None


def after_sparse_rows(rows: list[list], start: int) -> list[int]:
    """The indexes from ``start`` on whose previous row has at most one filled cell (not None, not blank), in
    order."""
    return [i for i, n in enumerate(filled_counts(rows[start - 1 : -1]), start) if n <= 1]


def rows_label(sheet, start: int, end: int) -> str:
    """A part of a sheet named after its rows: ``Start-up 2020 (rows 10-16)`` (a part of a part too, not ``Start-up
    2020 (rows 10-30) (rows 10-16)``)."""
    span = f"rows {sheet.first_row + start}-{sheet.first_row + end - 1}"
    name = _ROWS_SUFFIX.sub("", sheet.sheet or "")
    return f"{name} ({span})" if name else f"({span})"
