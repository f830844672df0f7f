"""One header taking a column that the header beside it names exactly: "Laboratoire / établissement porteur" could be
the research unit or the lead institution, and read first as the unit it would leave "Unité" beside it unread. Column
by column, best first, the headers are given their columns greedily (:meth:`Recogniser.assign`); then a header left
out that names a taken column exactly gets it back when the header holding it has a free column it reads nearly as
well (half its score at least) and the two together score more than the one alone; a header that names the column in
part only ("Dépôt brevet prioritaire") gets it back from one that names another column exactly too ("Date de dépôt /
détection": the filing date, or the detection).
"""

from __future__ import annotations

from collections.abc import Callable

from ..schemas import TABLES
from .recognised import EXACT

NEARLY = 0.5  # the share of its score a header's other column must reach for it to move there


def exact_headers_restored(table: str, matches: list, triples: list, taken_cells: set[int],
                           make: Callable[[int, str, str], object]) -> list:
    """``matches`` (column matches of ``table``'s header cells, from ``triples`` (score, tie, -index, index, text,
    column, exact)) with such swaps made; ``make(index, text, column)`` builds a match."""
    scores = {(index, column): score for score, _tie, _neg, index, _text, column, _exact in triples}
    of_cell: dict[int, list[tuple[str, float]]] = {}  # a header's columns and scores (not rescanned for each one)
    for (index, column), score in scores.items():
        of_cell.setdefault(index, []).append((column, score))
    texts = {index: text for _s, _t, _n, index, text, _c, _e in triples}
    personal = {c.name for c in TABLES[table].columns if c.personal}
    holder = {m.column: m for m in matches if m.column not in personal}
    for (index, column), score in sorted(scores.items(), key=lambda item: -item[1]):
        held = holder.get(column)
        if index in taken_cells or held is None:
            continue
        kept = scores[(held.index, column)]
        free = [(s, c) for c, s in of_cell[held.index] if c not in holder and c not in personal and s >= NEARLY * kept]
        if not free or max(free)[0] + score <= kept or (score < EXACT and max(free)[0] < EXACT):
            continue  # (a header naming a column in part takes it only from one that names another exactly)
        other = max(free)[1]
        moved, given = make(held.index, held.header, other), make(index, texts[index], column)
        matches = [m for m in matches if m is not held] + [moved, given]
        holder.update({other: moved, column: given})
        taken_cells.add(index)
    return matches
