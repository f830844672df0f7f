"""A template's example row ("Ex. | ex. : AN-2021-00 | Exemple : Atelier … | jj/mm/aaaa"): no data. The words that
start such a cell are ``example_row_starts`` of ``vocab/words.yaml``. A template left among the data files (a blank
project card "_MODELE_fiche_projet.xlsx" still holding "TT-AAAA-NNN" and "jj/mm/aaaa") is no data either: its name
says so (``template_name_words``) and it holds placeholders."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ..textnorm import fold
from .reading import RawSheet
from .vocabulary import Words

# a part of a placeholder: a letter repeated ("AAAA", "NNN", "XX", "jj", "mm") or zeros; a value never has two
_PLACEHOLDER_PART = re.compile(r"(?i)a{2,}|n{2,}|x{2,}|y{2,}|m{2}|j{2}|d{2}|0{2,}")
_PARTS = re.compile(r"[-_/.]+")
MIN_PLACEHOLDER_PARTS = 2


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


def is_placeholder(text) -> bool:
    """Whether a cell is a template's placeholder ("TT-AAAA-NNN", "jj/mm/aaaa", "FIN-YYYY-XX"), not a value."""
    if not isinstance(text, str) or any(ch.isdigit() for ch in text.replace("0", "")) or len(text.split()) != 1:
        return False  # (a sentence saying "dates au format jj/mm/aaaa" is a note, no placeholder)
    parts = [p for p in _PARTS.split(text.strip()) if p]
    return sum(1 for p in parts if _PLACEHOLDER_PART.fullmatch(p)) >= MIN_PLACEHOLDER_PARTS


def template_reason(sheet: RawSheet, words: Words) -> str | None:
    """Why ``sheet`` is a template left among the data, or None: its file or sheet name says template and it holds
    a placeholder."""
    names = set(fold(f"{PurePosixPath(sheet.file).stem} {sheet.sheet or ''}").replace("_", " ").split())
    said = sorted(names & words.template_name_words)
    if not said:
        return None
    placeholder = next((c for row in sheet.rows for c in row if is_placeholder(c)), None)
    return None if placeholder is None else f"its name says {said[0]!r} and it holds placeholders ({placeholder!r})"
