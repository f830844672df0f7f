"""A field named by its dotted path, as a research-information system exports it ("project.milestones.detection.date",
"organisation.relatedProjects[0].id", "fundingRounds.amount.value"): read by its field."""

from __future__ import annotations

import re
from collections.abc import Callable

_INDEX = re.compile(r"\[\d*\]")  # a list's item: "relatedProjects[0]"
_NAMESPACED = re.compile(r"^[A-Za-z]+\.(\S+)$")  # an open-data export's "Projet.Aide_allouee": entity.field
# a CRM's custom property, its namespace first ("cpp_it_detection_date__c": Salesforce's suffix of custom fields)
_CUSTOM = re.compile(r"^([a-z0-9]+(?:_[a-z0-9]+)+)__c$", re.I)


def field_path(text: str) -> str | None:
    """The dotted path of a header naming a field by its entity or namespace ("Projet.Aide_allouee":
    "Aide_allouee"; "cpp_it_detection_date__c": "cpp.it.detection.date"), else None."""
    text = text.strip()
    if found := _NAMESPACED.match(text):
        return found.group(1)
    if found := _CUSTOM.match(text):
        return found.group(1).replace("_", ".")
    return None

Candidates = tuple[tuple[str, int, bool], ...]


def field_candidates(match: Callable[[str], Candidates], path: str) -> Candidates:
    """The candidates of a field's dotted path (after the entity: "milestones.detection.date"): of its longest tail
    a synonym names exactly, not in generic words only ("date" alone names nothing); else the whole path's.
    "amount.value" beside "amount.currency" is the amount itself."""
    parts = _INDEX.sub("", path).split(".")
    if len(parts) > 1 and parts[-1].lower() == "value":
        parts = parts[:-1]
    for k in range(len(parts) - 1):
        tail = match(" ".join(parts[k + 1:]))
        if any(score > 1000 and not generic for _, score, generic in tail):
            return tail
    return match(".".join(parts))
