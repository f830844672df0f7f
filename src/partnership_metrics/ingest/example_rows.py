"""A template's example row ("Ex. | ex. : AN-2021-00 | Exemple : Atelier … | jj/mm/aaaa"): no data. The words that
start such a cell are ``example_row_starts`` of ``vocab/words.yaml``."""

from __future__ import annotations

from ..textnorm import fold
from .vocabulary import Words


def example_prefixes(words: Words) -> tuple[str, ...]:
    """How an example cell starts, as typed ("ex.", "ex :", "exemple", "e.g."): rows with such a cell are looked at."""
    out = set()
    for phrase in words.example_row_starts:
        out.update((f"{phrase}.", f"{phrase} :", f"{phrase}:") if len(phrase) <= 2 else (phrase,))
    return tuple(sorted(p.replace(" ", ".") if len(p) == 3 and p[1] == " " else p for p in out))


def is_example(text: str, words: Words) -> bool:
    """Whether a cell starts an example ("Ex.", "ex. : AN-2021-00", "Exemple : Atelier …"), not a value."""
    folded = fold(text)
    return any(folded == w or folded.startswith(w + " ") for w in words.example_row_starts) and (
        text.strip()[:1].isalpha() and ("." in text[:9] or ":" in text[:12] or folded in words.example_row_starts))
