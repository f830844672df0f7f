"""Header words cut short with a dot ("Date dét.", "Dépôt prio.", "Financ. (k€)"), spelt out from the header
vocabulary itself: a cut word that begins only words of one family ("det" -> "detection", "detecte") stands for that
family's most used word; French "°" stands for "-ion" ("Date créat°"). A word written in a hurry without some of its
letters ("Montnt", "Etablissemt") stands for the one vocabulary word that has its first and last letters and all its
letters in order, when it ends in a consonant (a word ending in a vowel or a plural's "s", "Provence", "finances",
is a word of its own). Abbreviations that are not the start of a word ("Dt", "Mt") stay in ``words.yaml``."""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

_CUT = re.compile(r"([a-z]{3,})[.°]")  # a word of three letters or more followed by its dot (or "°")
_ION = re.compile(r"([a-z]{3,})°")  # French "créat°", "commiss°": the sign stands for "ion"
FAMILY_EXTRA = 2  # letters beyond the cut that every word it may stand for must share: "det" -> "detec..."
MIN_CONTRACTED = 6  # letters of a word written without some of its own ("Montnt", "Etablissemt")
# ... which keeps the consonant the word ends with: a word ending in a vowel or a plural's "s" is a word of its own
# ("Provence" is no "provenance", "finances" no "financeurs")
_CONTRACTION_END = re.compile(r"[b-df-hj-np-rtvwz]$")
MIN_KEPT = 0.75  # of the letters of the word it stands for


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


class CutWords:
    """Spells out dotted cut words against the words of the header synonyms (counted: the most used one wins)."""

    def __init__(self, vocabulary_words: Iterable[str]):
        self.counts = Counter(vocabulary_words)
        self._memo: dict[str, str | None] = {}
        self._contracted_memo: dict[str, str | None] = {}

    def spelt_out(self, header: str, words: tuple[str, ...]) -> tuple[str, ...]:
        """``words`` (the header's tokens) with each word the header writes cut short with a dot (or "°") replaced by
        the vocabulary word it stands for, and each word written without some of its letters ("Montnt",
        "Etablissemt") by the one vocabulary word it keeps the first and last letters and the order of; words the
        vocabulary knows, or that could stand for several, stay."""
        marked = "." in header or "°" in header
        cut = set(_CUT.findall(_plain(header))) if marked else set()
        ion = set(_ION.findall(_plain(header))) if "°" in header else set()
        return tuple(w + "ion" if w in ion and w + "ion" in self.counts
                     else (self._word(w) or w) if w in cut else self._contracted(w) or w for w in words)

    def _contracted(self, word: str) -> str | None:
        """The one vocabulary word ``word`` is written of with some letters left out, or None."""
        if word in self._contracted_memo:
            return self._contracted_memo[word]
        found = None
        if (len(word) >= MIN_CONTRACTED and word.isalpha() and _CONTRACTION_END.search(word)
                and word not in self.counts):
            longer = {w for w in self.counts if w[0] == word[0] and w[-1] == word[-1]
                      and len(word) < len(w) <= len(word) / MIN_KEPT and _within(word, w)}
            found = next(iter(longer)) if len(longer) == 1 else None
        self._contracted_memo[word] = found
        return found

    def _word(self, cut: str) -> str | None:
        if cut in self._memo:
            return self._memo[cut]
        found = None
        if cut not in self.counts:
            longer = [w for w in self.counts if w.startswith(cut) and len(w) > len(cut)]
            if longer and len(os.path.commonprefix(longer)) >= len(cut) + FAMILY_EXTRA:
                found = max(longer, key=lambda w: (self.counts[w], -len(w), w))
        self._memo[cut] = found
        return found


def _within(short: str, word: str) -> bool:
    """Whether ``short``'s letters are ``word``'s, in order, some left out."""
    letters = iter(word)
    return all(ch in letters for ch in short)
