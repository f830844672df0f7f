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
MIN_SHARE = 0.8  # share of them that must name one known institution (see InstitutionResolver.names_one): a name
# merely containing an acronym is no evidence (an e-mail "k.lucas@cnrs.fr", a title "Signature CNRS"), nor is a list
# of several ("AMU, CNRS": partners)


def institutions_by_values(table: str, headers: list[tuple[int, str]], samples: dict[int, list] | None,
                           matches: list[ColumnMatch], unknown: list[str], taken: set[int],
                           names_one: Callable[[str], bool]) -> None:
    """Add, in place, the free column whose sample values name known institutions (``names_one``: the institution
    resolver's test of a value) for each required institution column of ``table`` left without a header; none when
    two columns do (which one is the lead is not guessed: the column is reported missing)."""
    from .recognition import ColumnMatch
    for column in TABLES[table].required:
        if TABLES[table].column(column).kind != "institution" or any(m.column == column for m in matches):
            continue
        found = []
        for index, text in headers:
            if index in taken:
                continue
            values = [str(v) for v in (samples or {}).get(index, ()) if v is not None and str(v).strip()]
            if len(values) < MIN_VALUES or any("@" in v for v in values):
                continue
            if sum(map(names_one, values)) >= MIN_SHARE * len(values):
                found.append((index, text))
        if len(found) == 1:
            (index, text), = found
            matches.append(ColumnMatch(index, text, column))
            if text in unknown:
                unknown.remove(text)
            taken.add(index)
