"""A field named by its dotted path, as a research-information system exports it ("project.milestones.detection.date",
"organisation.relatedProjects[0].id", "fundingRounds.amount.value"): read by its field."""

from __future__ import annotations

import re
from collections.abc import Callable

_INDEX = re.compile(r"\[\d*\]")  # a list's item: "relatedProjects[0]"

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
