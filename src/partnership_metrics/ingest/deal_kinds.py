"""What a CRM's generic fields ("Amount", "Close date", "Counterparty", "Sub-type") hold for each kind of deal its
list mixes ("Deal type": "Maturation funding", "Start-up creation", "Licence"), as ``vocab/deal_kinds.yaml`` says:
a kind's part of the sheet (:mod:`.record_kinds`) gets headers naming what its fields hold ("date de décision [Close
date]" for a funding deal, "date de création [Close date]" for a start-up's creation), the fields that say nothing
of its records and the column of kinds no header. Kept only when the part is then read as the kind's table."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from ..resources import packaged_yaml
from ..schemas import TABLES
from ..textnorm import fold
from .reading import RawSheet

DEAL_KINDS = "deal_kinds.yaml"


@dataclass(frozen=True)
class DealKind:
    name: str
    table: str
    labels: frozenset[str]
    fields: dict[str, str | None]  # folded generic header -> a header naming what it holds (None: nothing)


@cache
def deal_kinds() -> tuple[DealKind, ...]:
    """The kinds of ``vocab/deal_kinds.yaml``, checked."""
    kinds = []
    for name, entry in (packaged_yaml(DEAL_KINDS) or {}).get("kinds", {}).items():
        if entry.get("table") not in TABLES:
            raise ValueError(f"{DEAL_KINDS}: kind {name} names no table ({entry.get('table')!r})")
        fields = {fold(k): None if str(v).strip() == "-" else str(v) for k, v in (entry.get("fields") or {}).items()}
        kinds.append(DealKind(name, entry["table"], frozenset(fold(label) for label in entry["labels"]), fields))
    return tuple(kinds)


def kind_named(label: str) -> DealKind | None:
    """The kind of deal ``label`` names: one of its labels, or the kind of the longest label it holds as words; None
    when it names none, or two kinds equally."""
    text = fold(label)
    held = [(len(lab), kind) for kind in deal_kinds() for lab in kind.labels if f" {lab} " in f" {text} "]
    if not held:
        return None
    longest = max(n for n, _ in held)
    kinds = {kind.name: kind for n, kind in held if n == longest}
    return next(iter(kinds.values())) if len(kinds) == 1 else None


def with_deal_fields(part: RawSheet, header_index: int, kind_index: int, label: str, recogniser) -> RawSheet:
    """``part`` (a kind's rows) with its generic fields headed by what they hold for the kind ``label`` names and
    the column of kinds without a header, when that reads it as the kind's table; else ``part``."""
    kind = kind_named(label)
    if kind is None or not kind.fields:
        return part
    header = list(part.rows[header_index])
    for j, cell in enumerate(header):
        if isinstance(cell, str) and (said := fold(cell)) in kind.fields:
            meaning = kind.fields[said]
            header[j] = None if meaning is None else f"{meaning} [{' '.join(cell.split())}]"
    header[kind_index] = None
    rows = [*part.rows[:header_index], header, *part.rows[header_index + 1:]]
    read = replace(part, rows=rows, known_table=(kind.table, header_index),
                   notes=[*part.notes, f"rows of kind '{label}': the CRM's fields read as vocab/{DEAL_KINDS} says for "
                                       f"{kind.name} deals"])
    rec = recogniser.recognise(read)
    if rec is None or rec.table != kind.table:  # a kind that only completes records read elsewhere (a licence
        rec = recogniser.recognise_at(read, header_index, kind.table, known=True)  # dates its project)
    return read if rec is not None and rec.table == kind.table and rec.header_index == header_index else part
