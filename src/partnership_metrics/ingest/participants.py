"""A proposal kept one row per participant, as a consortium's tracker lists them (the coordinator first, then each
partner with its own contribution): the proposal's columns are the same on every row, the participant's differ.
The partnership's proposal is the row of its own institution — the one participant that is not ``OTHER``, or, when
several are, the one whose support by the partners is written; the other participants' rows are dropped with that
reason."""

from __future__ import annotations

from ..schemas import PROVENANCE
from .blocks import Block

PARTICIPANT_COLUMNS = {"institution", "role", "requested_eur", "granted_eur", "supported_by"}


def _empty(value) -> bool:
    return value is None or value == "" or (isinstance(value, float) and value != value)


def partnership_participant(table: str, group: list[tuple[Block, int]]) -> tuple[Block, int] | None:
    """The row of the partnership's institution among a proposal's participants' rows; None when ``group`` is not
    such a list or names no single one."""
    if table != "eu_proposals" or len(group) < 2:
        return None
    values = [b.values(i) for b, i in group]
    institutions = [v.get("institution") for v in values]
    known = [x for x in institutions if x != "OTHER"]
    if any(_empty(x) for x in institutions) or len(set(known)) < len(known):
        return None  # one of the region's institutions written twice is a conflict, not a consortium
    shared = {c for v in values for c in v if not c.startswith("__") and c not in PROVENANCE} - PARTICIPANT_COLUMNS
    if any(len({str(v[c]) for v in values if not _empty(v.get(c))}) > 1 for c in shared):
        return None
    ours = [(row, v) for row, v in zip(group, values, strict=True) if v["institution"] != "OTHER"]
    if len(ours) > 1:
        ours = [(row, v) for row, v in ours if not _empty(v.get("supported_by"))]
    return ours[0][0] if len(ours) == 1 else None
