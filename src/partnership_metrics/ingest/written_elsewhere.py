"""Columns a sheet writes elsewhere than under its headers, made into columns of the table before its rows are read:
a field above the table, milestones listed in a cell of each row, the meanings of a column's codes in a legend beside
the table; and amounts whose unit is only in their number format, written as they are shown."""

from __future__ import annotations

from dataclasses import replace

from ..schemas import TABLES
from .acronym_titles import with_bracketed_acronyms, without_acronyms_in_titles
from .current_stage import with_current_stage
from .dates_with_words import with_words_beside_dates
from .due_dates import with_due_dates
from .header_fields import with_header_fields
from .ids_in_texts import with_ids_in_texts
from .legends import with_legend
from .listed_milestones import with_listed_milestones
from .normalising import Context
from .outline_milestones import with_outline_milestones
from .reading import RawSheet
from .reading.number_formats import amounts_as_shown as shown_amounts
from .recognition import Recogniser, Recognition
from .stated_precision import with_stated_precision
from .status_logs import with_status_logs
from .status_pairs import with_outcomes
from .supporting_partner import with_supporting_partner
from .timelines import with_timeline_starts
from .units_in_institutions import with_institutions_in_units, with_units_in_institutions
from .yearless_dates import with_names_year


def amounts_as_shown(sheet: RawSheet, rec: Recognition) -> RawSheet:
    """``sheet`` with the amounts whose unit is only in their number format written as shown ("45 k€"; 150000
    shown "150" under "Montant (k€)")."""
    money = {m.index: m.multiplier for m in rec.columns if TABLES[rec.table].column(m.column).kind == "money"}
    if not sheet.money_formats or not money:
        return sheet
    return replace(sheet, rows=shown_amounts(sheet.rows, sheet.first_row, sheet.money_formats, money))


def written_elsewhere(sheet: RawSheet, rec: Recognition, recogniser: Recogniser, ctx: Context):
    """``(sheet, rec)`` with the columns written elsewhere than under the headers: a field above the table
    ("Référence projet : VO18-06" above a funder's annex), milestones listed in a cell of each row (a Trello card's
    checklist: "[x] Déclaration d'invention reçue le 10/03/2018"), the meanings of a column's codes in a legend
    beside the table, a reference written inside a text ("POC ONC-2021-09 (PANCNK)"), a research unit inside the
    institution's cell ("UCA, C3M U1065"), the date of a register's current stage ("Stage | Stage date"), the year of a date written without one when the file's
    name gives it."""
    if (fields := with_header_fields(sheet, rec, recogniser, ctx.codebook)) is not None:
        sheet, rec, _ = fields
    if (listed := with_listed_milestones(sheet, rec, recogniser)) is not None:
        sheet, rec = listed
    if (due := with_due_dates(sheet, rec, recogniser)) is not None:
        sheet = due  # "Start Date" empty for a one-day task: its "Due Date"
    if (outlined := with_outline_milestones(sheet, rec, recogniser, ctx.parsers)) is not None:
        sheet, rec = outlined  # a project's row, then its milestones' indented rows (a Smartsheet outline)
    if (explained := with_legend(sheet, rec, recogniser, ctx.words.legend_header_words, ctx.codebook)) is not None:
        sheet = explained  # "Légende – colonne Statut" beside the table: "F | financé", "NF | non financé"
    if (named := with_ids_in_texts(sheet, rec)) is not None:
        sheet, rec = named  # "POC ONC-2021-09 (PANCNK)" in a ledger's wording: the project it funds
    sheet = with_stated_precision(sheet, rec, ctx.parsers, ctx.words)  # "Announced Date Precision": "month"
    if (dated := with_names_year(sheet, rec, ctx)) is not None:
        sheet = dated  # "le 8 janvier" in "Bilan annuel 2019.xls": 8 January 2019
    if (placed := with_words_beside_dates(sheet, rec, recogniser)) is not None:
        sheet, rec = placed  # "DATE ET LIEU": "Marseille, 07/02/2018"
    if (staged := with_current_stage(sheet, rec, recogniser, ctx)) is not None:
        sheet, rec = staged  # "Stage | Stage date": "Licence signed | 21/05/2019" is the licence's date
    if (titled := without_acronyms_in_titles(sheet, rec)) is not None:
        sheet = titled  # "HEPASENS - Therapeutic peptide …" beside "Acronym: HEPASENS": the title after it
    elif (bracketed := with_bracketed_acronyms(sheet, rec)) is not None:
        sheet, rec = bracketed  # "Imaging probe for CLDN18 (HTMAL)", no acronym column: the bracket is the acronym
    # "Éligibilité: Non éligible" and no final result: not funded; "Proposal status: GRANT SIGNED" beside "Evaluation
    # result: RESERVE LIST": funded; "RESERVE LIST" with a result date: not called up, not funded
    sheet = with_outcomes(sheet, rec, recogniser, ctx.codebook, ctx.words)
    if (units := with_units_in_institutions(sheet, rec)) is not None:
        sheet, rec = units  # "Affiliation: UCA, C3M U1065": the unit in the institution's cell
    elif (named := with_institutions_in_units(sheet, rec, ctx.institutions)) is not None:
        sheet, rec = named  # "Labo: CNRS - UMR7258": the institution in the unit's cell
    return sheet, rec


def said_elsewhere(sheet, rec, recogniser: Recogniser, ctx: Context):
    """(sheet, recognition, note) with the columns written elsewhere than in the table's own columns
    (``written_elsewhere``), a timeline's periods read as their first days, a status history read as its last
    status, and the partner the sheet's name says supported each row ("Accompagnement CPP")."""
    sheet, rec = written_elsewhere(sheet, rec, recogniser, ctx)
    sheet = with_timeline_starts(sheet, rec, ctx)  # "Maturation (timeline)": "2021-03-01 - 2022-06-30"
    sheet, rec, logged = with_status_logs(sheet, rec, ctx) or (sheet, rec, "")  # "… Submitted > … rejected"
    sheet, rec, supported = with_supporting_partner(sheet, rec, ctx) or (sheet, rec, "")
    return sheet, rec, "; ".join(n for n in (logged, supported) if n)
