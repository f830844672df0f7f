"""A sheet made ready for recognition: cells that hold several values, lines pasted from elsewhere and paired amount
columns put in the shape of a table's columns, before any table is looked for."""

from __future__ import annotations

from .compound_cells import with_compound_columns
from .contract_dates import with_licence_dates
from .header_rows import with_header_merges
from .json_cells import with_json_columns
from .ledger_amounts import with_signed_amounts
from .measure_pairs import with_measure_columns
from .pasted_lines import split_tabbed_runs


def prepared(sheet, rule, recogniser, ctx) -> tuple:
    """(the sheet to recognise, the sheet as typed: lines pasted with tabs are a table's, never a form's label/value
    pairs); a sheet under a mapping file's ``rule`` is read as the rule says, only its merged headers joined."""
    if sheet.kind == "worksheet":  # "Measure Names | Measure Values": a dashboard's record over several rows
        sheet = with_header_merges(with_measure_columns(sheet, ctx.words.measure_names_headers,
                                                        ctx.words.measure_values_headers))
    typed = sheet
    if rule is None and sheet.kind == "worksheet":
        sheet = typed = with_json_columns(sheet)  # "kpi.val_licences | {"unit": "count", "targets": {…}}"
        typed = with_compound_columns(sheet, recogniser)  # "Montants (demandé / obtenu)": two values per cell
        tabbed = split_tabbed_runs(sheet)  # a table pasted from an e-mail below the typed ones, a line per cell
        sheet = typed if tabbed is sheet else with_compound_columns(tabbed, recogniser)
    if rule is None:
        sheet = with_signed_amounts(sheet, ctx.words, ctx.parsers)  # "Débit | Crédit": one signed amount
        sheet = with_licence_dates(sheet, ctx.words)  # a licences register's "Date de signature"
    return sheet, typed
