"""A project referred to by its acronym or title instead of its id: a database's view shows a linked record by its
primary field ("Projet fondateur: OMICBIO" in a start-ups view whose projects are kept elsewhere). Once every sheet
is read, a reference that is no project's id but the acronym (or the title) of exactly one project is read as that
project's id; any other is left as written."""

from __future__ import annotations

from ..textnorm import fold
from .blocks import Block

REFERRING = ("funding", "startups", "eu_proposals")  # tables whose project_id refers to a project
LABELS = ("acronym", "title")  # what may name a project, surest first


def references_by_label(blocks: list[Block]) -> int:
    """Replace, in place, each project reference written as a project's acronym or title by that project's id;
    returns how many were replaced."""
    projects = [b for b in blocks if b.table == "projects"]
    ids = {str(v) for b in projects for v in b.column("project_id") if v is not None}
    named: dict[str, set[str]] = {}
    for label in LABELS:
        for b in projects:
            for key, text in zip(b.column("project_id"), b.column(label), strict=True):
                if key is not None and isinstance(text, str) and text.strip():
                    named.setdefault(fold(text), set()).add(str(key))
    count = 0
    for b in blocks:
        values = b.columns.get("project_id") if b.table in REFERRING else None
        if not values or not named:
            continue
        for i, value in enumerate(values):
            if isinstance(value, str) and value not in ids and len(found := named.get(fold(value), ())) == 1:
                values[i] = next(iter(found))
                count += 1
    return count
