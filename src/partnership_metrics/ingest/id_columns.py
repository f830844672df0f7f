"""A table's id column read where the headers say it least plainly: a lone "Code" / "N°" header for the id no
header names, a bare reference filled on every row over a code filled on few, the partnership's own reference over
another system's code."""

from __future__ import annotations

from ..schemas import TABLES
from .reading import is_blank
from .recognised import ColumnMatch
from .tie_breaks import coded_share, outline_numbers


def lone_ids(recogniser, table: str, headers, matches: list[ColumnMatch], unknown: list[str], matched: set[str],
             taken: set[int]) -> None:
    """A lone "Code" / "ID" header is the table's missing id, in place."""
    for column in TABLES[table].required:
        if column not in matched and TABLES[table].column(column).kind == "id":
            found = id_header(recogniser, headers, taken, table)
            if found is not None:
                matches.append(ColumnMatch(found[0], found[1], column))
                unknown.remove(found[1])
                matched.add(column)
                taken.add(found[0])


def id_header(recogniser, headers, taken: set[int], table: str) -> tuple[int, str] | None:
    """The header of the table's missing id: a header of id words only ("Code", "N°", "#"), or of id words and
    the organisation whose number it is ("Réf IT", "N° Région": a funder's own reference of the line)."""
    for index, text in headers:
        if index in taken:
            continue
        words = recogniser.words_of(text)
        rest = [w for w in words if w not in recogniser.id_words]
        if words and (not rest or (table == "funding" and len(rest) < len(words)
                                   and recogniser.codebook.find("funding", "funder", " ".join(rest)) is not None)):
            return index, text
    return None


def filled_ids(recogniser, table: str, headers, samples, matches: list[ColumnMatch], unknown: list[str],
               taken: set[int]) -> None:
    """A table's id read from a column filled on few rows ("Code projet IT (depuis 2022)", added to a tracker
    later) is read instead from a bare "N°" / "Réf." column filled on every row, in place: an id is on every
    row."""
    if not samples:
        return
    for k, m in enumerate(matches):
        if TABLES[table].key != (m.column,):  # the table's own id, not a parent's key (a round's start-up)
            continue
        found = id_header(recogniser, headers, taken, table)
        if found is None:
            return
        bare, current = _written(samples.get(found[0], ())), _written(samples.get(m.index, ()))
        # a business code ("OV-18-01") on every row; pre-numbered lines (1, 2, 3) of a template are no ids
        if (bare >= 0.9 * len(samples.get(found[0], ())) > 0 and current < 0.5 * bare and coded_share(
                samples.get(found[0], ())) >= 0.5 and not outline_numbers(samples.get(found[0], ()))):  # "1.1"
            matches[k] = ColumnMatch(found[0], found[1], m.column)
            unknown.remove(found[1])
            unknown.append(m.header)
            taken.discard(m.index)
            taken.add(found[0])


def own_ids(recogniser, table: str, headers, matches: list[ColumnMatch], unknown: list[str]) -> None:
    """An id column read from another system's code ("Code projet SATT") is read from the partnership's
    reference instead when the sheet has one ("Réf. convention CPP-IT (correspondance)"), in place."""
    if not any(TABLES[table].column(m.column).kind == "id" and set(recogniser.words_of(m.header)) & recogniser.foreign_id_words
               for m in matches):
        return
    left = set(unknown)
    spare = [(i, t) for i, t in headers if t in left and (w := set(recogniser.words_of(t))) & recogniser.own_id_words
             and w & recogniser.id_words]
    for k, m in enumerate(matches):
        if not spare or TABLES[table].column(m.column).kind != "id":
            continue
        if set(recogniser.words_of(m.header)) & recogniser.foreign_id_words:
            index, text = spare.pop(0)
            matches[k] = ColumnMatch(index, text, m.column)
            unknown.remove(text)
            unknown.append(m.header)


def _written(values) -> int:
    """How many of ``values`` are written (not empty or blank)."""
    return sum(1 for v in values if not is_blank(v))
