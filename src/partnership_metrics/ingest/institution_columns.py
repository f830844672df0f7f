"""A required institution column that no header names, found by its values: the "Tiers" (third party) of an ERP's
project export, written with the official names of the SIRENE directory; the "Labels" of a Trello board, where one
label of each card names the institution ("AMU (green), Thérapeutique (purple)")."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..schemas import TABLES

if TYPE_CHECKING:
    from .recognition import ColumnMatch

MIN_VALUES = 5  # values of the sample needed to judge a column by them
MIN_SHARE = 0.8  # share of them that must name a known institution
# How the names must be recognised: as a whole, or as one item of a list; a name merely containing an acronym is no
# evidence (an e-mail "k.lucas@cnrs.fr", a title "Signature CNRS").
NAMED = frozenset({"exact", "part", "similar"})


def institutions_by_values(table: str, headers: list[tuple[int, str]], samples: dict[int, list] | None,
                           matches: list[ColumnMatch], unknown: list[str], taken: set[int],
                           match: Callable[[str], tuple[str, str]]) -> None:
    """Add, in place, the free column whose sample values name known institutions (``match``: the institution
    resolver's) for each required institution column of ``table`` left without a header."""
    from .recognition import ColumnMatch
    for column in TABLES[table].required:
        if TABLES[table].column(column).kind != "institution" or any(m.column == column for m in matches):
            continue
        best = None
        for index, text in headers:
            if index in taken:
                continue
            values = [str(v) for v in (samples or {}).get(index, ()) if v is not None and str(v).strip()]
            if len(values) < MIN_VALUES or any("@" in v for v in values):
                continue
            share = sum(match(v)[1] in NAMED for v in values) / len(values)
            if share >= MIN_SHARE and (best is None or share > best[0]):
                best = (share, index, text)
        if best is not None:
            matches.append(ColumnMatch(best[1], best[2], column))
            if best[2] in unknown:
                unknown.remove(best[2])
            taken.add(best[1])
