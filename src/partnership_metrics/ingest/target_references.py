"""A target cell that repeats another of its row, as an agreement's annex writes it: "idem" (the target of the period
before), "cf. 2022" (the target of 2022's column). The cell reads as the cell it refers to; a reference to nothing
written (the first column's "idem", "cf. 2025") stays as written, an unreadable target."""

from __future__ import annotations

import re

from ..textnorm import fold

_YEAR = re.compile(r"^(?:19|20)\d{2}$")
MAX_HOPS = 10  # "idem" after "idem" after a value: followed back this far at most


def referred(row: list, periods: dict[int, str], index: int, words) -> object:
    """The raw target of ``row``'s period column ``index`` (``periods``: column -> period, in the grid's order), the
    cell a reference in it names read instead."""
    raw = row[index] if index < len(row) else None
    order = list(periods)
    for _ in range(MAX_HOPS):
        said = fold(str(raw)).split() if isinstance(raw, str) else []
        if said and len(said) == 1 and said[0] in words.same_as_before_words and order.index(index) > 0:
            index = order[order.index(index) - 1]  # "idem": the column before
        elif len(said) == 2 and said[0] in words.cross_reference_words | {"="} and _YEAR.match(said[1]):
            named = [i for i, period in periods.items() if period == said[1]]
            if not named or named[0] == index:
                return raw
            index = named[0]  # "cf. 2022": 2022's column
        elif raw == "〃":
            index = order[order.index(index) - 1] if order.index(index) > 0 else index
        else:
            return raw
        raw = row[index] if index < len(row) else None
    return raw
