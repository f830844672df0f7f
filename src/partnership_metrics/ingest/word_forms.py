"""The forms a header's words take that the synonyms do not list: French inclusive endings ("Porteur·se",
"Inscrit(e)s") and a participle in the feminine where the synonyms have the masculine ("Demandée", "Obtenue" beside
"montant obtenu")."""

from __future__ import annotations

import re
from dataclasses import fields

from ..textnorm import fold

MIN_AGREED_LENGTH = 5  # shorter words are left as written
# a participle's feminine, singular or plural, once accents are folded: demandée(s), obtenue(s), saisie(s)
_FEMININE_ENDINGS = ("ee", "ue", "ie", "ees", "ues", "ies")


def inclusive_endings_pattern(endings) -> re.Pattern:
    """The pattern of French inclusive endings after a word: "Porteur·se", "Chercheur.e.s", "Inscrit(e)s"."""
    alternatives = "|".join(sorted((re.escape(e) for e in endings), key=len, reverse=True))
    return re.compile(rf"(?<=[^\W\d_]{{3}})(?:(?:[·•⋅∙‧.](?:{alternatives}))+(?:[·•⋅∙‧.]s)?|\((?:{alternatives})\)s?)"
                      r"(?![^\W\d_])", re.IGNORECASE)


def plural_or_nothing(ending: re.Match) -> str:
    """"Participant·e·s" -> "Participants", "Porteur·se" -> "Porteur": the plural stays."""
    return "s" if ending.group(0).rstrip(")").endswith(("s", "S")) else ""


class WordForms:
    """``synonym_words``: the words of every header synonym; ``words``: the vocabulary's word lists, whose words keep
    their form (a list may name a form alone)."""

    def __init__(self, synonym_words: frozenset[str], words) -> None:
        self.synonym_words = synonym_words
        self.listed = _listed_words(words)

    def agreed(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """A header's words with each feminine participle ("obtenues") in the masculine singular a synonym has
        ("obtenu"). Recognition reads a header so only when it then names a column exactly: "DI reçue" keeps its
        partial match with the disclosure ("reçu" alone is an application received, another column)."""
        return tuple(self._masculine(w) for w in words)

    def _masculine(self, word: str) -> str:
        if word in self.listed or len(word) < MIN_AGREED_LENGTH or not word.endswith(_FEMININE_ENDINGS):
            return word
        masculine = word[: -2 if word.endswith("s") else -1]
        return masculine if masculine in self.synonym_words else word


def _listed_words(words) -> frozenset[str]:
    """Every folded word of the vocabulary's word lists."""
    listed = (item for f in fields(words) if isinstance(value := getattr(words, f.name), frozenset | tuple)
              for item in value)
    return frozenset(w for phrase in listed if isinstance(phrase, str) for w in fold(phrase).split())
