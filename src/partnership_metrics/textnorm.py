"""Folding text for matching: case, accents, ligatures, punctuation, spaces and line breaks do not count."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o", "ł": "l",
                            "Ł": "l", "đ": "d"})
_NON_WORD = re.compile(r"[^0-9a-z]+")
YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20\d\d)(?!\d)")  # a year written in a text ("Suivi 2021-22", "en 2019")
STOPWORDS = frozenset({"de", "du", "des", "d", "l", "la", "le", "les", "en", "of", "the", "a", "au", "aux", "et",
                       "and", "un", "une"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: ``"Date de\\nDétection "`` -> ``"date de detection"``."""
    text = unicodedata.normalize("NFKD", str(text).translate(_LIGATURES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return _NON_WORD.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def tokens(text: str) -> tuple[str, ...]:
    """The folded words of ``text`` without French/English stop words (``de``, ``la``, ``of``...)."""
    return tuple(w for w in fold(text).split() if w not in STOPWORDS)


FIELD_CODE = re.compile(r"\s*\[[a-z0-9_]+\]\s*$")  # "Date de dépôt [date_depot]": a platform's own name of a field


def without_field_code(header: str) -> str:
    """A header without the field code a platform writes after it (``"Statut [wf_statut]"`` -> ``"Statut"``)."""
    return FIELD_CODE.sub("", header)


def key(text: str) -> str:
    """A matching key: folded words without stop words, joined by single spaces."""
    return " ".join(tokens(text))
