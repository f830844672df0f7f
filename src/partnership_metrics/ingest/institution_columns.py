"""A required institution column that no header names, found by its values: the "Tiers" (third party) of an ERP's
project export, written with the official names of the SIRENE directory; the "Labels" of a Trello board, where one
label of each card names the institution ("AMU (green), Thérapeutique (purple)")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import ParseError
from ..schemas import TABLES
from ..textnorm import fold

if TYPE_CHECKING:
    from .institutions import InstitutionResolver
    from .recognition import ColumnMatch

MIN_VALUES = 5  # values of the sample needed to judge a column by them
MIN_SHARE = 0.8  # share of them that must name one known institution (see InstitutionResolver.names_one): a name
# merely containing an acronym is no evidence (an e-mail "k.lucas@cnrs.fr", a title "Signature CNRS"), nor is a list
# of several ("AMU, CNRS": partners)


def institutions_by_values(table: str, headers: list[tuple[int, str]], samples: dict[int, list] | None,
                           matches: list[ColumnMatch], unknown: list[str], taken: set[int],
                           institutions: InstitutionResolver, organisation_words: frozenset[str] = frozenset()) -> None:
    """Add, in place, the free column whose sample values name known institutions
    (:meth:`InstitutionResolver.names_one`) for each required institution column of ``table`` left without a header;
    none when two columns do (which one is the lead is not guessed: the column is reported missing). A column of
    labels (the institution one item of each cell's list) is marked ``labels``: there, a cell naming no
    institution has none, where a third party's unknown name in an ERP's column is an institution (``OTHER``). A
    name holding one of ``organisation_words`` ("Institut Curie") names an institution too (``OTHER``)."""
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
            naming = [v for v in values if institutions.names_one(v)
                      or set(fold(v).split()) & organisation_words]  # "Univ. Montpellier": another institution
            if len(naming) >= MIN_SHARE * len(values):
                listed = sum(institutions.match(v)[1] == "part" for v in naming)
                found.append((index, text, listed > len(naming) / 2))
        if len(found) > 1:  # "Porteur | Co-porteur": the co-lead is not the lead
            found = [f for f in found if fold(f[1]).split()[:1] != ["co"]] or found
        if len(found) == 1:
            (index, text, labels), = found
            matches.append(ColumnMatch(index, text, column, labels=labels))
            if text in unknown:
                unknown.remove(text)
            taken.add(index)


def labelled_institution(institutions: InstitutionResolver, text: str | None) -> str | None:
    """``text``, a cell of a column of labels (``ColumnMatch.labels``), when it names one institution; raises
    ParseError when it names none (a card with only a technology label has no institution, not an unknown one) or
    several ("AMU (green), CNRS (green)": which one leads is not guessed)."""
    if text is not None and not institutions.names_one(text):
        how = ("several institutions (which one leads is not guessed)" if institutions.match(text)[1] == "part"
               else "no known institution")  # "part": items of the list name institutions, not one alone
        raise ParseError(f"{text!r} names {how}, in a column of labels read for the institutions its other cells name")
    return text
