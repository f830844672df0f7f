"""Values a sheet splits over several columns or lines that the table keeps as one: a group's columns under one
heading, a round's investors' tickets, a commitment's payments, attendees counted on site and online. Each is a
module of its own; this one tries them in turn, at most one per sheet."""

from __future__ import annotations

from .group_totals import with_group_totals
from .instalments import with_instalments
from .reading import RawSheet
from .recognised import Recognition
from .split_counts import with_split_attendees
from .tickets import with_tickets


def with_added_up(sheet: RawSheet, rec: Recognition, ctx) -> tuple[RawSheet, Recognition]:
    """``sheet`` and ``rec`` with the first of these ways of splitting a value that applies undone."""
    if (grouped := with_group_totals(sheet, rec, ctx)) is not None:  # "Participants" over "Chercheurs | … | Total"
        return grouped[0], grouped[1]
    if (ledger := with_tickets(sheet, rec, ctx)) is not None:  # "Investor | Ticket (€)": a round's tickets
        return ledger[0], rec
    if (payments := with_instalments(sheet, rec, ctx)) is not None:  # "N° engagement | … | Montant réglé"
        return payments[0], payments[1]
    if (split := with_split_attendees(sheet, rec, ctx)) is not None:  # "Présents sur place | Connectés à distance"
        return split[0], split[1]
    return sheet, rec
