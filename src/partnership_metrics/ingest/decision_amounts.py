"""A committee's minutes write what each decision grants in the decision itself: "Avis du comité: Avis favorable –
80 k€ (Maturation)", "Décision: Favorable : 25 k€ (Émergence)", "Ajourné". When a list of funding decisions has no
amount column, the amount each decision names (with its unit) is the line's, and the kind of aid it names in
brackets (or elsewhere in its words) the line's instrument when no column gives one; a decision granting nothing
("Ajourné", "Avis défavorable") names no amount and its line is dropped as not granted (continuations.py). Such
minutes taken for another table they lack columns of ("Dossier | Projet | Porteur | Intitulé | Décision": a list of
projects?) are read as the funding decisions they are."""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import ParseError
from ..schemas import TABLES
from ..textnorm import tokens
from .linking import with_row_columns
from .normalising import Context
from .reading import RawSheet, is_blank
from .recognised import Recognition
from .recognition import SAMPLE_ROWS, Recogniser, header_cells
from .section_dates import with_section_dates

# "80 k€", "1,2 M€", "45 000 €", "80 keur": an amount with its unit, the only kind a decision's words are read for
_AMOUNT = re.compile(r"\d[\d\s.,]*\s*(?:[kKmM]\s*€|€|[kKmM]?\s*EUR\b|[kKmM]?eur\b)")
_BRACKETS = re.compile(r"\(([^()]+)\)")
NAMED_SHARE = 0.5  # of a decision column's filled cells that must name an amount


def as_funding_decisions(sheet: RawSheet, rec: Recognition, recogniser: Recogniser, ctx: Context
                         ) -> tuple[RawSheet, Recognition] | None:
    """``(sheet, rec)`` read as funding decisions naming their amounts, when ``rec`` reads it as another table that
    it lacks required columns of; None otherwise."""
    if rec.table == "funding" or not rec.missing_required or rec.grid is not None:
        return None
    header = sheet.rows[rec.header_index]
    headers = header_cells(header)
    below = sheet.rows[rec.header_index + 1: rec.header_index + 1 + SAMPLE_ROWS]
    if _decision_column(header, set(), ctx) is None:
        return None
    matches, unknown = recogniser.match_headers("funding", headers, {i: [r[i] for r in below if i < len(r)]
                                                                      for i, _ in headers})
    read = {m.column for m in matches}
    funding = Recognition("funding", rec.header_index, matches, unknown,
                          [c for c in TABLES["funding"].required if c not in read], rec.score,
                          confidence=rec.confidence)
    return with_decision_amounts(sheet, funding, ctx)


def _decision_column(header: list, mapped: set[int], ctx: Context) -> int | None:
    return next((j for j, cell in enumerate(header) if j not in mapped and isinstance(cell, str)
                 and set(tokens(cell)) & ctx.words.decision_header_words), None)


def with_decision_amounts(sheet: RawSheet, rec: Recognition, ctx: Context) -> tuple[RawSheet, Recognition] | None:
    """``(sheet, rec)`` with the amount (and the instrument, when the sheet lacks one) each decision names as
    columns of their own, when a funding list has a decision column but no amount; None otherwise."""
    read = {m.column for m in rec.columns}
    if rec.table != "funding" or "amount_eur" in read or rec.header_index >= len(sheet.rows):
        return None
    header = sheet.rows[rec.header_index]
    below = sheet.rows[rec.header_index + 1:]
    undated = {m.index for m in rec.columns if m.column == "decision_date" and not _dates(below, m.index, ctx)}
    if (column := _decision_column(header, rec.mapped_indexes - undated, ctx)) is None:
        return None
    if column in undated:  # "Décision: Avis favorable – 20 k€": the decision itself, not its date
        rec = replace(rec, columns=[m for m in rec.columns if m.index != column],
                      missing_required=[*rec.missing_required, "decision_date"])
    named = [_parts(row[column], ctx) if column < len(row) else (None, None) for row in below]
    written = [amount for row, (amount, _) in zip(below, named, strict=True)
               if column < len(row) and isinstance(row[column], str) and row[column].strip()]
    if not written or sum(amount is not None for amount in written) < NAMED_SHARE * len(written):
        return None
    instrument = "instrument" not in read
    made = {"amount_eur": [amount for amount, _ in named], **({"instrument": [kind for _, kind in named]}
                                                              if instrument else {})}
    note = f"each line's amount{' and instrument' if instrument else ''} from its decision ({header[column]!r})"
    sheet, rec = with_row_columns(sheet, rec, made)
    sheet = replace(sheet, notes=[*sheet.notes, note])
    rec = replace(rec, missing_required=[c for c in rec.missing_required if c not in made])
    if "decision_date" in rec.missing_required and (  # "Séance du 18 mars 2021" above each meeting's decisions
            dated := with_section_dates(sheet, replace(rec, missing_required=["decision_date"]), ctx.parsers)):
        sheet, rec = dated[0], replace(dated[1], missing_required=[
            c for c in rec.missing_required if c != "decision_date"])
    return sheet, rec


def _dates(rows: list[list], index: int, ctx: Context) -> bool:
    """Whether most filled cells of column ``index`` are dates."""
    cells = [r[index] for r in rows[:SAMPLE_ROWS] if index < len(r) and not is_blank(r[index])]
    read = 0
    for cell in cells:
        try:
            read += ctx.parsers.parse_date(cell) is not None
        except ParseError:
            pass
    return not cells or read >= NAMED_SHARE * len(cells)


def _parts(text, ctx: Context) -> tuple[float | None, str | None]:
    """(euros, instrument code) a decision's words name, each None when they name none."""
    if is_blank(text) or not isinstance(text, str):
        return None, None
    amounts = _AMOUNT.findall(text)
    try:
        euros = ctx.parsers.parse_money(amounts[0].strip()) if len(amounts) == 1 else None
    except ParseError:
        euros = None
    kinds = [found for part in (*_BRACKETS.findall(text), _BRACKETS.sub(" ", _AMOUNT.sub(" ", text)))
             if (found := ctx.codebook.find("funding", "instrument", part.strip(" –-:")))]
    return euros, (kinds[0] if kinds else None)
