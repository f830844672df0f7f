"""Rows outside the partnership in a partner's general files: a hospital's or a university's own registers list all
their projects, agreements, trainings and proposals, the partnership's among them, told apart by a column the table
leaves out, whose header says it is about the framework of each row (``vocab/words.yaml``: ``scope_header_words``,
"Programme", "Cadre", "Dispositif d'appui", "Partenariat CPP-IT"):

- answered yes or no under a header naming both partners ("Partenariat CPP-IT": Oui / Non): the rows answering no
  are outside;
- cells naming both partners on some rows ("CPP-IT Onco", "Convention CPP-IT") and neither partner on all the
  others ("DVI interne", "IDEX JEDI", "SATT Sud-Est"): the others are outside. A cell naming one partner only ("IT"),
  or a placeholder ("—"), leaves the column undecided: every row is kept; so is a row whose cell is empty.

The rows outside are dropped with why (listed in dropped.csv); nothing is read from them. Such a framework column is
often taken for the partner column its header half names ("Dispositif d'appui" for supported_by):
:func:`with_partners_where_written` gives that column back to the one written with the partners' codes ("Appui
assuré par": CPP, IT, CPP + IT)."""

from __future__ import annotations

from dataclasses import replace

from ..textnorm import fold
from .checkbox_codes import yes_or_no
from .reading import RawSheet, distinct_cells, is_blank
from .recognition import Recognition, header_cells
from .vocabulary import PARTNER_COLUMNS

JOINT = "joint"  # what the codebook reads of a text naming both partners ("CPP-IT", "CanceroPôle × Inserm Transfert")
MAX_FRAMEWORKS = 12  # distinct cells of a column of frameworks: more is a free text


def outside_partnership(sheet: RawSheet, rec: Recognition, rows: list[list], ctx) -> dict[int, str]:
    """Offset -> why, of the data rows ``rows`` outside the partnership (see the module's docstring)."""
    if rec.header_index >= len(sheet.rows) or rec.table == "kpi_targets":
        return {}
    header, words = sheet.rows[rec.header_index], ctx.words
    for j, cell in enumerate(header):
        if j in rec.mapped_indexes or not isinstance(cell, str) or not set(fold(cell).split()) & words.scope_header_words:
            continue
        cells = {i: row[j] for i, row in enumerate(rows) if j < len(row) and not is_blank(row[j])}
        if not cells:
            continue
        label = " ".join(cell.split())
        if _names_both(cell, ctx):
            answers = {i: yes_or_no(v, ctx) for i, v in cells.items()}
            if None not in answers.values() and True in answers.values() and False in answers.values():
                return {i: f"outside the partnership ({label}: {str(cells[i]).strip()})" for i, yes in answers.items()
                        if not yes}
            continue
        distinct = {" ".join(str(v).split()) for v in cells.values()}
        if len(distinct) > MAX_FRAMEWORKS or any(ctx.parsers.is_missing(v) for v in distinct):
            continue
        inside = {v for v in distinct if _names_both(v, ctx)}
        outside = {v for v in distinct if _names_none(v, ctx)}
        if inside and outside and inside | outside == distinct:
            return {i: f"outside the partnership ({label}: {' '.join(str(v).split())})" for i, v in cells.items()
                    if " ".join(str(v).split()) in outside}
    return {}


def _names_both(text, ctx) -> bool:
    return ctx.codebook.find("events", "organiser", str(text)) == JOINT


def _names_none(text, ctx) -> bool:
    return ctx.codebook.find("events", "organiser", str(text)) is None


CODED_SHARE = 0.8  # of a column's written cells that must be its codes for it to be the partner column


def with_partners_where_written(sheet: RawSheet, rec: Recognition, recogniser, ctx) -> Recognition | None:
    """``rec`` with a partner column ("supported_by", "organiser", "sourcing_channel") read from the column left out
    whose header names it too and whose cells are its codes ("Appui assuré par": CPP, IT, CPP + IT), when the column
    read holds mostly other things ("Dispositif d'appui": "Convention CPP-IT", "PCN Santé", the framework of each
    row); else None."""
    header = sheet.rows[rec.header_index] if rec.header_index < len(sheet.rows) else []
    rows = sheet.rows[rec.header_index + 1:]
    for m in rec.columns:
        if (rec.table, m.column) not in PARTNER_COLUMNS or _coded(rows, m.index, rec.table, m.column, ctx) >= CODED_SHARE:
            continue
        for j, text in header_cells(header):
            if j in rec.mapped_indexes or m.column not in dict(recogniser.cell_candidates(rec.table, text)):
                continue
            if _coded(rows, j, rec.table, m.column, ctx) >= CODED_SHARE:
                return replace(rec, columns=[replace(c, index=j, header=text) if c is m else c for c in rec.columns],
                               unknown=[u for u in rec.unknown if u != text] + [m.header])
    return None


def _coded(rows: list[list], j: int, table: str, column: str, ctx) -> float:
    """The share of the written cells of column ``j`` that read as codes of ``table.column``."""
    cells = {" ".join(str(c).split()) for c in distinct_cells(r[j] for r in rows if j < len(r))
             if not is_blank(c) and not ctx.parsers.is_missing(c)}  # (each distinct cell asked once)
    return sum(ctx.codebook.find(table, column, c) is not None for c in cells) / len(cells) if cells else 0.0
