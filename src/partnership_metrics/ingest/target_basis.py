"""A long targets table's column saying what each target is measured over: "Mesurée sur: Année civile / Durée de la
convention (3 ans)", "Basis: Calendar year / Whole agreement". Its period column may give a deadline only ("Échéance:
31/12/2023"): a target measured over the whole partnership is then the period's target, not the last year's.

A column is such a basis when its cells name a year (words of ``annual_words``) or the whole partnership (words of
``whole_period_header_words`` with one of ``whole_period_words``) on most of its written rows (``vocab/targets.yaml``,
``vocab/words.yaml``); other cells ("Ponctuel") leave their row as it is.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..textnorm import STOPWORDS, fold
from .reading import is_blank

if TYPE_CHECKING:
    from .normalising import Context
    from .recognition import Recognition
    from .vocabulary import TargetWords

MIN_SHARE = 0.6  # of a column's written cells that name a basis
BRACKETED = re.compile(r"\([^()]*\)")  # "(3 ans)", "(texte libre)": a remark in brackets


def with_basis(rows: list[list], rec: Recognition, ctx: Context) -> list[list]:
    """``rows`` (a long targets table's data rows) with the period of each target measured over the whole
    partnership set to the partnership's period."""
    period = next((m.index for m in rec.columns if m.column == "period"), None)
    whole = ctx.parsers.whole_period
    if period is None or whole is None or ctx.kpi_names is None or not rows:
        return rows
    basis = basis_kinds(ctx.kpi_names.target_words, ctx.parsers.whole_period_words)
    kinds_of = lambda cell: "whole" if (k := basis(cell)) == "cumulative" else k  # noqa: E731 - over the period
    for j in range(max(len(r) for r in rows)):
        if j in rec.mapped_indexes:
            continue
        cells = {i: r[j] for i, r in enumerate(rows) if j < len(r) and not is_blank(r[j])}
        kinds = {i: kinds_of(c) for i, c in cells.items()}
        named = [k for k in kinds.values() if k is not None]
        if len(named) < 2 or len(named) < MIN_SHARE * len(cells) or "whole" not in named:
            continue
        out = [list(r) for r in rows]
        for i, kind in kinds.items():
            if kind == "whole" and period < len(out[i]) and not is_blank(out[i][period]):
                out[i][period] = whole
        return out
    return rows


def basis_kinds(words: TargetWords, whole_period_words: frozenset[str]):
    """What a cell says a target is measured over: "cumulative" (a running total since the partnership's start,
    ``cumulative_words``), "whole" (the whole partnership), "year" (each calendar year) or None."""
    annual = words.annual_words - STOPWORDS
    whole_words = words.whole_period_header_words | STOPWORDS
    strong = (words.whole_period_header_words & whole_period_words) - STOPWORDS
    running = words.cumulative_words

    def kind(cell) -> str | None:
        if not isinstance(cell, str):
            return None
        said = set(fold(BRACKETED.sub(" ", cell)).split())
        if not said:
            return None
        if said & running and said <= running | whole_words | annual:
            return "cumulative"
        if said <= whole_words and said & strong:
            return "whole"
        if said <= words.annual_words | STOPWORDS and said & annual:
            return "year"
        return None

    return kind
