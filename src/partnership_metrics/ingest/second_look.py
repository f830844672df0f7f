"""A second look at a sheet once recognised, before it is read: what its headers alone do not show."""

from __future__ import annotations

from .cell_fields import with_cell_fields, with_labelled_column
from .codes_in_text import with_codes_in_text
from .colour_codes import with_colour_codes
from .compact_rows import with_compact_rows
from .reading import RawSheet
from .recognition import Recogniser, Recognition
from .record_kinds import split_by_kind
from .report import LOW_CONFIDENCE


def recognised_closer(sheet: RawSheet, rec: Recognition | None, recogniser: Recogniser, words):
    """(sheet, recognition, parts): fields listed in one cell read as columns (a calendar's "Description": "Event
    type: Workshop | Organiser: … | Ref: EVT-…"), a coded column read from the text that says it ("Deal Name":
    "Oncolix - Pre-seed") or by a colour a legend explains (a proposal's row filled green: funded), or the sheet's parts when its rows are records of several kinds ("Pipeline")."""
    if (rec is None or rec.missing_required or rec.confidence < LOW_CONFIDENCE) and (
            listed := with_cell_fields(sheet, recogniser, rec)):
        sheet, rec = listed
    if rec is None or rec.grid is not None:
        return sheet, rec, None
    if kinds := split_by_kind(sheet, rec, recogniser, words):
        return sheet, rec, kinds
    sheet, rec = with_codes_in_text(sheet, rec, recogniser.codebook)
    sheet, rec = with_labelled_column(sheet, recogniser, rec)  # "Card Description": "Lieu : Nice – Campus Pasteur"
    sheet, rec = with_colour_codes(sheet, rec, recogniser.codebook)
    sheet, rec = with_compact_rows(sheet, rec, recogniser)  # "Programme / Année": a pivot's rows pasted as values
    return sheet, rec, None
