"""Which rows of a sheet are not data, and why: blank, total, repeated-header, note, legend, section and example rows
(:func:`row_kind`), looked for only among the rows that could be something else than data (:func:`screen_rows`)."""

from __future__ import annotations

import re

from ..textnorm import fold
from .example_rows import example_prefixes, is_example
from .lone_texts import PAGE_FOOTER, is_page_footer, lone_text_kind, section_row_kind
from .recognition import Recognition
from .record_kinds import OTHER_KIND
from .row_suspects import outside_rows, sparse_rows
from .vocabulary import Words

MAX_PAGE_LINE_CELLS = 3  # a page's header or footer: its number, the document's name, "Confidentiel"
_NUMBERED = re.compile(r"\s*\d{1,2}(?:\.\d{1,2})+\.?\s+(?=[^\W\d])")  # a form's numbered line: "2.2 Nombre de …"
_GROUP_COUNT = re.compile(r"\s*\S.*\(\d+\)\s*")  # Odoo's "Engagements partenaires (42)" over its 42 lines
_NUMBER_TEXT = re.compile(r"\s*[-+]?\d[\d\s\u00a0\u202f.,]*(?:k?€|eur)?\s*", re.IGNORECASE)  # "67500,00"


def _unnumbered(text: str) -> str:
    """A form's line without its number ("2.2 Nombre de projets" -> "Nombre de projets")."""
    return text[found.end():] if (found := _NUMBERED.match(text)) else text


def _header_again(filled: list, strings: list, header_texts: tuple[str, ...], rec: Recognition) -> str | None:
    """Why a row of ``filled`` cells is a header's, not data: the header again, another header of its layout (a
    quoted e-mail's), a survey tool's row of field ids; None otherwise."""
    made = {m.index for m in rec.columns if m.header.startswith("[") and m.header.endswith("]")}
    if made:  # a column ingestion made ("[startup_id]") holds its value on the header's copies too
        filled = [(i, c) for i, c in filled if i not in made]
        header_texts = tuple(t for t in header_texts if not (t.startswith("[") and t.endswith("]")))
    if len(filled) >= 2 and header_texts and strings and (
            (" ".join(strings[0].split()) == header_texts[0]
             and tuple(" ".join(str(c).split()) for _, c in filled) == header_texts)
            or tuple(" ".join(str(c).split()) for _, c in filled) in rec.repeated_headers):
        return "repeated header row"
    json = len(filled) >= 2 and all(type(c) is str and c.strip()[:1] + c.strip()[-1:] == "{}" for _, c in filled)
    return "a survey tool's row of field ids (Qualtrics' {\"ImportId\": …} in every cell)" if json else None


def _made_indexes(rec: Recognition) -> set[int]:
    """The columns ingestion made ("[funder]", the title's funder on every row)."""
    return {m.index for m in rec.columns if m.header.startswith("[") and m.header.endswith("]")}


def _counts_rows(filled: list[tuple[int, object]], id_indexes: set[int], words: Words, made: set[int]) -> bool:
    """Whether a row (its filled cells) counts the rows above: "Nombre de projets" beside their count (a poll's
    "Nombre de « Oui »"), or "3 dossier(s)" over the sums of the amounts above (an export's footer; the columns
    ingestion ``made`` aside)."""
    numbers_after = all(type(n) in (int, float) for _, n in filled[1:])
    amounts = [n for i, n in filled[1:] if i not in made]
    if type(filled[0][1]) is str and words.is_record_count(filled[0][1]) and amounts and all(
            type(n) in (int, float) for n in amounts):  # ("27 inscrits" alone: a list's count, told apart later)
        return True
    return any(type(c) is str and (i in id_indexes or (i, c) == filled[0] and numbers_after)
               and fold(_unnumbered(c)).startswith(words.count_row_starts) and " " in c.strip() for i, c in filled[:3])


def row_kind(row: list, rec: Recognition, header_texts: tuple[str, ...], id_indexes: set[int],
              words: Words) -> str | None:
    """Why a row is dropped (blank, total, repeated header, note), or None for a data row."""
    filled = [(i, c) for i, c in enumerate(row) if c is not None and not (type(c) is str and not c.strip())]
    if not filled:
        return "blank row"
    if filled[0][1] is OTHER_KIND:
        return "a row of another kind (read with its kind's rows)"
    if all(type(c) is str and c.strip().lower() in words.missing_values for _, c in filled):
        return "blank row (a placeholder only, such as 'Néant': nothing to report)"
    periods = rec.period_indexes if rec.table == "kpi_targets" else ()
    strings = [c for i, c in filled[:6] if type(c) is str and i not in periods]
    firsts = [fold(c) for c in strings[:3] if c.lstrip()[:8].lower().startswith(words.total_row_starts)]
    first = filled[0][1]
    if type(first) is str and (marked := _marked_row(first, filled, id_indexes, words)):
        return marked
    for text in firsts:
        if any(text == w or text.startswith(w + " ") for w in words.total_row_labels):
            ids_filled = [i for i, _ in filled if i in id_indexes and fold(str(row[i])) not in firsts
                          and not words.is_record_count(row[i])  # "Sous-total | 2 enregistrements"
                          and not (type(row[i]) is str and row[i].strip().lower() in words.missing_values)  # NULL
                          and not (type(row[i]) in (int, float) and row[i] >= 0 and float(row[i]).is_integer())]
            # (a whole number under the ids: a CRM report's "Subtotal | 3" counts the lines above)
            if not ids_filled:
                return "total row"
    if rec.table != "kpi_targets" and _counts_rows(filled, id_indexes, words, _made_indexes(rec)):
        return "total row"
    if (header := _header_again(filled, strings, header_texts, rec)) is not None:
        return header
    if len(filled) <= MAX_PAGE_LINE_CELLS and all(type(c) is str for _, c in filled) and (
            is_page_footer(filled[0][1], words) or is_page_footer(filled[-1][1], words)):
        return PAGE_FOOTER  # "Rapport d'activité 2021 – page 3/12 | Confidentiel", as a PDF converted keeps it
    if any(type(c) is str and (i in (filled[0][0], *id_indexes) or ":" in c[:12]) and is_example(c, words)
           for i, c in filled[:4]):  # also "0 | PVAA-00 | Exemple : anticorps …": the title says so
        return "example row of a template"
    words_only = [c for _, c in filled if type(c) is str and not _NUMBER_TEXT.fullmatch(c)]
    if len(words_only) == 1 and len(filled) > 1 and _GROUP_COUNT.fullmatch(words_only[0]) and not any(
            i in id_indexes for i, _ in filled) and all(type(c) in (int, float, str) for _, c in filled):
        return "a group's heading (its name, its count of lines and their sums: a tool's grouped export)"
    mapped = rec.mapped_indexes
    if mapped and all(i not in mapped and (len(filled) == 1 or type(c) is str) for i, c in filled):
        return ("blank row (nothing in the table's columns: a template's numbered line)" if len(filled) == 1
                else "row of text outside the table's columns (a second header row, a note)")
    if len(filled) == 1 and type(filled[0][1]) is str:
        return lone_text_kind(*filled[0], rec, id_indexes, words)
    return section_row_kind(filled, id_indexes)


def _marked_row(first: str, filled: list, id_indexes: set[int], words: Words) -> str | None:
    """Why a row whose first cell marks it is no data row: a legend ("Légende : | Financé | Non retenu", the colours
    of the cells above: its first cell says so, with a colon or with no id in the row's other cells, as a proposal
    "LEGEND | UE-01" has), SAP's "*" subtotal and "**" grand total lines (with no id), a form's numbered question
    beside its answer; else None."""
    if fold(first) in words.legend_header_words and (
            first.rstrip().endswith(":") or not any(i in id_indexes for i, _ in filled[1:])):
        return "legend row"
    if first.strip() in words.total_row_marks and not any(i in id_indexes for i, _ in filled):
        return "total row"
    if len(filled) == 2 and _NUMBERED.match(first) and first.rstrip().endswith("?"):
        return "a form's question and its answer (\"2.4 Des entreprises ont-elles été créées ? | Oui\"), no record"
    return None


def screen_rows(rows: list[list], grid: list, rec: Recognition, header_texts: tuple[str, ...], id_indexes: set[int],
            words: Words) -> tuple[list[tuple[int, str]], list[dict]]:
    """((offset, reason) of each row dropped, as :func:`row_kind` decides row by row; the distinct cells of each
    column of ``grid``).

    Only the rows that could be something else than data go through :func:`row_kind`: those with fewer than two
    cells, nothing in the table's columns or no id, and those with a text cell that is blank, could start a total row,
    is a form's numbered line or is the first header again. Any other row has two cells or more (not blank, not a note), an id, no total word
    and no repeated header: data."""
    suspect = sparse_rows(rows, grid) | outside_rows(grid, rec.mapped_indexes) | outside_rows(grid, id_indexes)
    heads = {h[0] for h in ((header_texts,) if header_texts else ()) + rec.repeated_headers if h}
    starts = (words.total_row_starts + tuple(sorted({m[:1] for m in words.total_row_marks}))  # "*" lines too
              + tuple(sorted({p.split()[0][:8] for p in words.count_row_starts}))
              + example_prefixes(words) + ("{",))  # "{": a survey tool's row of field ids
    distinct: list[dict] = []
    for column in grid:
        try:
            cells = dict.fromkeys(column)
        except TypeError:  # an unhashable cell: every row is looked at
            suspect = set(range(len(rows)))
            distinct = [None] * len(grid)
            break
        distinct.append(cells)
        special = {v for v in cells if type(v) is str and (not v.strip() or v.lstrip()[:8].lower().startswith(starts)
                                                           or " ".join(v.split()) in heads
                                                           or v.rstrip()[-1:] == ")" and _GROUP_COUNT.fullmatch(v)
                                                           or v.rstrip()[-1:].isdigit() and is_page_footer(v, words)
                                                           or v.lstrip()[:1].isdigit() and (
                                                               _NUMBERED.match(v) or words.is_record_count(v)))}
        if special:
            suspect.update(i for i, v in enumerate(column) if v in special)
    dropped = []
    for i in sorted(suspect):
        reason = row_kind(rows[i], rec, header_texts, id_indexes, words)
        if reason:
            dropped.append((i, reason))
    return dropped, distinct
