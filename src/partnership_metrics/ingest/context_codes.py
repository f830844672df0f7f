"""Columns a sheet lacks because its file, sheet or title rows give them for every row: a file of one funder's
commitments ("Engagements IT - tableaux reçus par mail.xlsx", "Objet : Engagements IT 2021") has no funder column; a
committee's decisions kept one sheet per meeting ("Comité du 12 mars 2021 — appel Maturation 2021") write the
decision date and the instrument once, in the title; a list of one year's decisions writes only the year
("Financements accordés en 2019": each line decided in 2019, known to the year). When those texts name exactly
one code (or write exactly one day, or one year) for each required column missing, every row takes it (the sheet's
note says so), instead of the sheet being skipped."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ..schemas import TABLES
from ..textnorm import YEAR, fold
from .line_ids import NOTE as LINE_IDS_NOTE
from .line_ids import made_id_column, with_line_ids
from .linking import context_texts, with_made_columns
from .reading import RawSheet
from .recognition import Recognition
from .section_dates import dates_in
from .vocabulary import PARTNER_COLUMNS

# Columns a file or its title gives for every row: one funder's commitments ("Engagements IT"). Not a programme:
# words such as "Horizon" in a title describe the file, not each row. A type of event only when a header of the sheet
# names the same type ("Formations valorisation - suivi des sessions" over "Intitulé de la formation | Stagiaires
# présents"): a title's "animation" alone describes the file, not each row.
# (a list of signed grant agreements, "EU grants — signed Grant Agreements", has no status column: every row is funded)
GIVEN_BY_CONTEXT = frozenset({("funding", "funder"), ("funding", "instrument"), ("events", "event_type"),
                              ("eu_proposals", "status"), ("projects", "sourcing_channel")})
CONFIRMED_BY_A_HEADER = frozenset({("events", "event_type")})
# A committee's decisions kept one sheet per meeting: the call's instrument named in the title rows or the sheet's
# name ("Comité du 12 mars 2021 — appel Maturation 2021"), not in the file's name (a file of every call)
TITLE_ONLY = frozenset({("funding", "instrument"), ("projects", "sourcing_channel")})
# ... and how its projects were found, when the sheet's name or title says it in a word of ``sourcing_context_words``
# ("AAP Maturation 2019", "Détections spontanées"): a title naming a partner only ("CanceroPôle PACA — projets") says
# who keeps the list, not how each project was found
SAID_BY_A_WORD = frozenset({("projects", "sourcing_channel")})
# ... and the meeting's date, written once in the title rows: the decision date of every line
DATED_BY_TITLE = frozenset({("funding", "decision_date")})
# A file of one funder's commitments names its author first, and may name the partnership or a beneficiary after it
# ("Inserm Transfert — Tableau des engagements — partenariat CanceroPôle PACA"): the code most of its texts name first
LED_BY_AUTHOR = frozenset({("funding", "funder")})
LEADING_WORDS = 6  # the words of a text read for the code it names first
# Codes a title names in general ("Décisions de financement": funding, read as a grant): a more specific code named
# beside them wins ("… — appel Maturation 2021")
GENERAL_CODES = {("funding", "instrument"): frozenset({"grant", "other"})}
# A portfolio kept one sheet per institution ("AMU | UCA | CNRS | Inserm | Autres"): the sheet's name, when it is
# exactly one known institution's, is the institution of every row (a title's "CPP – Inserm Transfert" is not)
NAMED_BY_SHEET = frozenset({("projects", "lead_institution")})


def context_values(sheet: RawSheet, header_index: int, table: str, columns: list[str], ctx) -> dict | None:
    """Column -> (value, the text that gives it) for each of ``columns`` (the required columns the sheet lacks): the
    one code its name or title rows name, or, for a date of :data:`DATED_BY_TITLE`, the one day its title rows
    write; None when one of them is given no value or several."""
    values = {}
    for column in columns:
        if (table, column) in DATED_BY_TITLE:
            days = {d: cell for cell in title_lines(sheet, header_index) for d in dates_in(cell, ctx.parsers)
                    if _a_meeting(cell, ctx.words)} or _meeting_fields(sheet, header_index, ctx.words)
            if len(days) != 1 and (days := _title_year(sheet, header_index, ctx)) is None:
                return None
            values[column] = next(iter(days.items()))
            continue
        if (table, column) in NAMED_BY_SHEET:
            code, how = ctx.institutions.match(sheet.sheet or "")
            if how != "exact" or code == "OTHER":
                return None
            values[column] = (code, sheet.sheet)
            continue
        if (table, column) not in GIVEN_BY_CONTEXT:
            return None
        named = {}
        texts = context_texts(sheet, header_index)
        if (table, column) in TITLE_ONLY:  # the file's name describes the file ("Décisions de financement")
            texts = [t for t in (sheet.sheet, *title_lines(sheet, header_index)) if t]
        if (table, column) in SAID_BY_A_WORD:
            texts = [t for t in texts if set(re.findall(r"[^\W_]+", fold(str(t)))) & ctx.words.sourcing_context_words]
        joint = {codes["joint"] for key, codes in PARTNER_COLUMNS.items() if key == (table, column)}
        if (table, column) in LED_BY_AUTHOR and (authors := _authors(texts, table, column, joint, ctx)):
            values[column] = next(iter(authors.items()))  # "Bpifrance - État des aides - Périmètre : … CPP"
            continue
        for text in texts:
            code = ctx.codebook.find(table, column, text)
            if code is not None:
                named.setdefault(code, text)
        specific = {code: text for code, text in named.items() if code not in GENERAL_CODES.get((table, column), ())}
        if len(named) > 1 and len(specific) == 1:
            named = specific
        if len(named) != 1 or set(named) & joint:  # "CPP x IT tracker" names the partnership, not a value of its rows
            return None
        [(code, text)] = named.items()
        if (table, column) in CONFIRMED_BY_A_HEADER and not any(
                isinstance(h, str) and ctx.codebook.find(table, column, h) == code for h in sheet.rows[header_index]):
            return None
        values[column] = (code, text)
    return values


def _authors(texts, table: str, column: str, joint: set[str], ctx) -> dict[str, str]:
    """The code most of the texts name first, when two of them or more agree ("Inserm Transfert — Tableau des
    engagements — partenariat CanceroPôle PACA" and "IT_engagements_CPP.xls": the author's commitments), else {}."""
    leading: dict[str, list[str]] = {}
    for text in texts:
        words = str(text).replace("_", " ").split()
        for k in range(1, min(len(words), LEADING_WORDS) + 1):
            code = ctx.codebook.find(table, column, " ".join(words[:k]))
            if code is not None and code not in joint:
                leading.setdefault(code, []).append(text)
                break
    ranked = sorted(leading.items(), key=lambda kv: -len(kv[1]))
    if ranked and len(ranked[0][1]) >= 2 and (len(ranked) == 1 or len(ranked[0][1]) > len(ranked[1][1])):
        return {ranked[0][0]: ranked[0][1][0]}
    return {}


def _title_year(sheet: RawSheet, header_index: int, ctx) -> dict[str, str] | None:
    """{year: its line} when the title lines that write no day write exactly one year ("Financements accordés en
    2019", not "mis à jour le 21/01/2020"): the year of every line's decision, known to the year only."""
    lines = [line for line in title_lines(sheet, header_index) if not dates_in(line, ctx.parsers)]
    years = {year: line for line in lines for year in YEAR.findall(line)}
    return years if len(years) == 1 else None


def _a_meeting(line: str, words) -> bool:
    """Whether a title line dates a meeting ("Comité du 12 mars 2021"), not the file ("mis à jour le 20/12/2023")."""
    folded = f" {fold(line)} "
    return (any(f" {w} " in folded for w in words.meeting_words)
            and not any(f" {w} " in folded for w in words.file_date_words))


def _meeting_fields(sheet: RawSheet, header_index: int, words) -> dict:
    """{day: its label} of the fields above the header dating a meeting, a label and a date cell ("Décision
    (Commission permanente) | 27/06/2019" in a call's block of information)."""
    days = {}
    for row in sheet.rows[:header_index]:
        filled = list(dict.fromkeys(c for c in row if c is not None and str(c).strip()))  # a label merged over two
        if len(filled) == 2 and isinstance(filled[0], str) and isinstance(filled[1], dt.date) and _a_meeting(  # cells
                filled[0], words):
            days[filled[1].date() if isinstance(filled[1], dt.datetime) else filled[1]] = " ".join(filled[0].split())
    return days


def title_lines(sheet: RawSheet, header_index: int) -> list[str]:
    """The title lines above the header: rows of one text cell (not a transposed record's "Date | 04/04/2018")."""
    lines = []
    for row in sheet.rows[:header_index]:
        filled = [c for c in row if c is not None and str(c).strip()]
        if len(filled) == 1 and isinstance(filled[0], str):
            lines.append(" ".join(filled[0].split()))
    return lines


def guessed_then_given(sheet: RawSheet, rec: Recognition, ctx, recogniser) -> tuple[RawSheet, Recognition, str] | None:
    """:func:`with_context_code` for a sheet lacking columns its title gives and others found by their values or a
    close header (:func:`.suggest.complete_by_guess`): a ledger's funder is its author ("CANCEROPOLE PACA -
    Grand-livre des engagements"), its instrument in its analytic code ("MAT - Maturation"); None otherwise."""
    from .suggest import complete_by_guess

    if rec.context_key:
        return None
    given = [c for c in rec.missing_required if (rec.table, c) in GIVEN_BY_CONTEXT
             and context_values(sheet, rec.header_index, rec.table, [c], ctx)]
    rest = [c for c in rec.missing_required if c not in given and c != made_id_column(rec.table)]
    if not given or not rest:
        return None
    filled = complete_by_guess(recogniser, sheet, replace(rec, missing_required=rest))
    if filled is None:
        return None
    found = with_context_code(sheet, replace(filled, missing_required=[c for c in rec.missing_required
                                                                       if c not in rest]), ctx)
    return None if found is None else (found[0], found[1], f"{found[2]}; {', '.join(rest)} found by their values")


def _as_another(sheet: RawSheet, rec: Recognition, ctx, recogniser, titled: bool = False
                ) -> tuple[RawSheet, Recognition, str] | None:
    """:func:`with_context_code` of the first other table the header row reads as, lacking one column only, that
    the sheet's name or title gives (``titled``: a title row above the header, not the sheet's name: "Europe" names a
    tab of proposals, not their funder); None when there is none."""
    for table in TABLES:
        other = (recogniser.recognise_at(sheet, rec.header_index, table, known=True)
                 if table != rec.table and TABLES[table].source == "raw" else None)
        if other is None or len(other.missing_required) != 1 or other.guessed:
            continue
        if titled and not ((given := context_values(sheet, other.header_index, table, other.missing_required, ctx))
                           and all(text in title_lines(sheet, other.header_index) for _, text in given.values())):
            continue
        if found := with_context_code(sheet, other, ctx):
            return found
    return None


def with_context_code(sheet: RawSheet, rec: Recognition, ctx, recogniser=None) -> tuple[RawSheet, Recognition, str] | None:
    """``sheet`` with one more column per required column it lacks, holding the value its name or title gives, the
    recognition that reads them and a note; None when the sheet lacks anything else, or its texts give no value
    or several. Lacking several, the sheet may be another table its header row names, lacking only one column its
    name gives ("Décisions CPP (k€)": funding lines without their funder, taken for proposals): tried with
    ``recogniser``."""
    if not rec.missing_required or rec.context_key:
        return None
    if len(rec.missing_required) > 1 and recogniser is not None and (found := _as_another(sheet, rec, ctx, recogniser)):
        return found
    made_id = made_id_column(rec.table)  # "Région Sud", a tab of lines kept without numbers: ids made from where
    given = [c for c in rec.missing_required if c != made_id]
    values = context_values(sheet, rec.header_index, rec.table, given, ctx) if given else None
    if not values:  # a regional platform's dossiers lacking a proposal's role: funding lines whose title row
        return _as_another(sheet, rec, ctx, recogniser, titled=True) if recogniser is not None else None  # names
    sheet, rec = with_made_columns(sheet, rec, {column: value for column, (value, _) in values.items()})
    said = "; ".join(f"{column} '{value}' for every row, as '{' '.join(str(text).split())}' says"
                     for column, (value, text) in values.items())
    rec = replace(rec, missing_required=[c for c in rec.missing_required if c not in values])
    if rec.missing_required:
        if (made := with_line_ids(sheet, rec, ctx.words)) is None:
            return None
        sheet, rec = made
        said = f"{said}; {LINE_IDS_NOTE}"
    return sheet, rec, said
