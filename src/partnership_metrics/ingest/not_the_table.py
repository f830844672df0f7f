"""Sheets that look like the table they were recognised as but are not: a table of counts ("Année | Nb start-up |
Levées cumulées (k€)"), a part of a read-me read with little confidence (its tables document the other sheets'
columns: "levees | id | aucune (une ligne = une levée de fonds) | startup_id"), a registration
form or a satisfaction survey's answers beside the list of who came. Listed as not data, with why."""

from __future__ import annotations

from ..textnorm import fold
from .normalising import Context, SheetResult
from .presence import named_as_survey, registration_question, satisfaction_survey
from .reading import RawSheet, whole_sheet_name
from .recognition import Recogniser, Recognition
from .report import LOW_CONFIDENCE
from .summaries import counts_reason
from .unread_sheets import README, unused_sheet


def not_the_table(sheet: RawSheet, rec: Recognition, recogniser: Recogniser, ctx: Context) -> SheetResult | None:
    """The result of a sheet that is not the table ``rec`` takes it for (its rows not used, with why), or None."""
    if summary := counts_reason(rec, recogniser):
        return unused_sheet(sheet, f"summary sheet, not data: {summary}", f"summary sheet: {summary}", summary=True)
    unsure = rec.context_key or rec.missing_required or (rec.confidence or 1.0) < LOW_CONFIDENCE
    if unsure and sheet.sheet and fold(
            whole_sheet_name(sheet.sheet)) in recogniser.readme_names:  # "LISEZMOI": a table of the columns' names
        return unused_sheet(sheet, README, f"{README}: rows not used")
    if asked := registration_question(sheet, rec, ctx.words):
        return unused_sheet(sheet, f"registrations, not attendance ({asked!r})", "registrations, not attendance")
    if satisfaction_survey(sheet, rec, ctx.words) or unsure and named_as_survey(sheet, ctx.words):
        return unused_sheet(sheet, "a satisfaction survey's answers, not the list of who came",
                            "satisfaction survey, not attendance")  # (nor any table it looks like a little)
    if rec.table == "funding" and (said := _payments_journal(sheet, rec, ctx.words)):
        return unused_sheet(sheet, f"{PAYMENTS}: {said!r}", PAYMENTS)
    return None


PAYMENTS = "a journal of payments, not of decisions (each commitment is a funding line where it is decided)"


def _payments_journal(sheet: RawSheet, rec: Recognition, words) -> str | None:
    """The name or title line of a funding sheet saying it records payments and no decision ("GL 657 règlements
    BQ1", "Grand-livre - règlements (décaissements) des subventions"), when a header says so too ("N° pièce");
    None otherwise."""
    header = {w for c in sheet.rows[rec.header_index] if isinstance(c, str) for w in fold(c).split()}
    if not header & words.payment_header_words:
        return None
    start = next((j for j, c in enumerate(sheet.rows[rec.header_index]) if isinstance(c, str) and c.strip()), 0)
    texts = [sheet.sheet or "", *(cells[0][1] for r in sheet.rows[:rec.header_index]  # title lines, not a group's label
                                  if len(cells := [(j, c) for j, c in enumerate(r) if isinstance(c, str) and c.strip()])
                                  == 1 and cells[0][0] <= start)]
    return next((t for t in texts if (named := set(fold(t).split())) & words.undecided_amount_words
                 and not named & words.decision_title_words), None)


def survey_answers(sheet: RawSheet, ctx: Context) -> SheetResult | None:
    """A sheet no table was recognised in, named as a satisfaction survey's answers ("Questionnaire satisfaction
    (réponses)": a timestamp, the event, a score, free answers): not data, not a log of attributes."""
    if not named_as_survey(sheet, ctx.words):
        return None
    return unused_sheet(sheet, "a satisfaction survey's answers (the events' scores are read from the events)",
                        "satisfaction survey's answers")
