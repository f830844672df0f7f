"""Columns that headers alone misname, read for what they hold, before a recognised sheet is normalised."""

from __future__ import annotations

from dataclasses import replace

from ..schemas import TABLES
from .dated_namesakes import with_dated_namesakes
from .decision_amounts import as_funding_decisions, with_decision_amounts
from .header_fields import with_header_fields
from .key_text import with_label_pairs
from .line_ids import made_id_column
from .line_numbers import without_line_numbers
from .named_institution import with_named_institution
from .normalising import Context
from .partnership_scope import with_partners_where_written
from .person_columns import with_name_by_values
from .plain_references import with_plain_references
from .reading import RawSheet, is_blank
from .recognition import Recogniser, Recognition
from .section_dates import with_section_months
from .unit_columns import with_unit_column


def columns_reread(sheet: RawSheet, rec: Recognition, recogniser: Recogniser, ctx: Context
                   ) -> tuple[RawSheet, Recognition]:
    """``(sheet, rec)`` with columns that headers alone misname read for what they hold."""
    if labelled := with_label_pairs(sheet, rec, recogniser, ctx.words.label_header_words):
        sheet, rec = labelled  # "NATURE | LIBELLE_NATURE": the label is what the column means
    if unnumbered := without_line_numbers(sheet, rec, recogniser):
        sheet, rec = unnumbered  # "N° | NOM | Prénom": 1, 2, 3 number the lines, they are no event's id
    sheet = with_section_months(sheet, rec, recogniser.parsers) or sheet  # "AVRIL 2018" above "jeu. 12"
    sheet = with_unit_column(sheet, rec, ctx.words) or sheet  # "Montant | Unité" with "150 | k€"
    rec = with_plain_references(sheet, rec, recogniser) or rec  # "VAL18-005" beside "VALO-VAL18-005"
    rec = with_grouped_reference(sheet, rec, recogniser) or rec  # "Projet" over "Réf. CPP | Acronyme"
    rec = with_dated_namesakes(sheet, rec, recogniser) or rec  # "Status | … | Result" over dates: the result's date
    rec = with_partners_where_written(sheet, rec, recogniser, ctx) or rec  # "Appui assuré par" beside "Dispositif"
    if TABLES[rec.table].parent and (fields := with_header_fields(sheet, rec, recogniser, ctx.codebook, True)):
        sheet, rec = fields[0], fields[1]  # "Établissement : AMU" above a list of attendees
    if decided := with_decision_amounts(sheet, rec, ctx) or as_funding_decisions(sheet, rec, recogniser, ctx):
        sheet, rec = decided  # "Avis du comité: Avis favorable – 80 k€ (Maturation)": the line's amount and aid
    if named := with_named_institution(sheet, rec, ctx):
        sheet, rec = named  # "CHU de Nice.xlsx": the institution of every project, start-up and proposal in it
    return sheet, with_name_by_values(sheet, rec, ctx.words) or rec  # a SharePoint list's "Titre": the attendee


def with_grouped_reference(sheet: RawSheet, rec: Recognition, recogniser: Recogniser) -> Recognition | None:
    """``rec`` with the column read as the table's own id read as another table's reference when its header sits
    under a group naming that reference ("Projet" over "Réf. CPP | Acronyme" in a funding annex: the project's, the
    lines numbered nowhere and given ids made from where they are); only for a table whose ids may be made."""
    table = TABLES[rec.table]
    if rec.header_index == 0 or made_id_column(rec.table) is None:
        return None
    key = next((m for m in rec.columns if m.column == table.key[0]), None)
    upper = sheet.rows[rec.header_index - 1]
    if key is None or key.index >= len(upper) or not isinstance(upper[key.index], str):
        return None  # (the group written right over the column: a merged cell's first one)
    if sum(not is_blank(c) for c in upper) < 2:
        return None  # a caption alone on its row ("Financements hors projet (programmes)"): a title, no group
    read = {m.column for m in rec.columns}
    found = [c for c, _ in recogniser.cell_candidates(rec.table, upper[key.index])
             if c not in read and table.column(c).kind == "id"]
    if len(found) != 1:
        return None
    return replace(rec, columns=[replace(m, column=found[0]) if m is key else m for m in rec.columns],
                   missing_required=[*rec.missing_required, key.column])
