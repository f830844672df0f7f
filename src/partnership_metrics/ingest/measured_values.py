"""Targets in a KPI tool's long export: "Indicator | Measure | Period | Value | Unit", one row per kind of value.

The export has no "Target" column: a column of kinds of value ("Measure": Target / Actual / Baseline) says which
rows hold targets, and a bare "Value" column holds them. That column is the table's target column only beside such
a column of kinds (the rows that are not targets are then dropped, :func:`.normalising` ``_not_targets``): a bare
"Value" elsewhere (free text, a comment) is no target.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..textnorm import fold, tokens
from .reading import is_blank

if TYPE_CHECKING:
    from .recognition import ColumnMatch
    from .vocabulary import TargetWords

KINDS_SHARE = 0.8  # of a column's written cells that name a kind of value
SAID_KINDS_SHARE = 0.5  # ... when its header says it is a kind ("TYPE_PARAM", "Nature de la valeur")


def names_kinds(kinds: list[str | None], header, words: TargetWords) -> bool:
    """Whether a column whose cells name these ``kinds`` of value (``value_kind``: "target", "other" or None) is a
    column of kinds: targets among them and most cells kinds, or half of them beside other kinds under a header
    that says kind (a dashboard's settings: "TYPE_PARAM": CIBLE, REFERENCE, and "SEUIL_ALERTE", "COULEUR")."""
    if len(kinds) < 2 or "target" not in kinds:
        return False
    named = sum(k is not None for k in kinds)
    said = isinstance(header, str) and not set(tokens(header)).isdisjoint(words.value_kind_header_words)
    return named >= KINDS_SHARE * len(kinds) or (said and "other" in kinds and named >= SAID_KINDS_SHARE * len(kinds))


def kinds_column(samples: dict[int, list], free: set[int], words: TargetWords,
                 headers: dict[int, str] | None = None) -> int | None:
    """The one column among ``free`` whose written cells name kinds of value, targets among them, or None."""
    from .target_names import value_kind

    found = []
    for index in free:
        cells = [c for c in samples.get(index, ()) if not is_blank(c)]
        if names_kinds([value_kind(c, words) for c in cells], (headers or {}).get(index), words):
            found.append(index)
    return found[0] if len(found) == 1 else None


def measured_target(table: str, headers: list[tuple[int, str]], samples: dict[int, list] | None,
                    matches: list[ColumnMatch], unknown: list[str], taken: set[int], words: TargetWords) -> None:
    """A long targets table's missing target column read from its one bare "Value" / "Valeur" column when a column
    beside it names the kind of each row's value, in place."""
    if table != "kpi_targets" or not samples or any(m.column == "target" for m in matches):
        return
    left = set(unknown)
    free = {i for i, text in headers if i not in taken and text in left}
    kinds = kinds_column(samples, free, words, dict(headers))
    if kinds is None:
        return
    values = [(i, text) for i, text in headers if i in free and i != kinds
              and (said := set(fold(text).split())) and said <= words.measured_value_header_words]
    if len(values) != 1:
        return
    from .recognition import ColumnMatch

    index, text = values[0]
    matches.append(ColumnMatch(index, text, "target"))
    unknown.remove(text)
    taken.add(index)
