"""Header words cut short with a dot ("Date dét.", "Dépôt prio.", "Financ. (k€)"), spelt out from the header
vocabulary itself: a cut word that begins only words of one family ("det" -> "detection", "detecte") stands for that
family's most used word. Abbreviations that are not the start of a word ("Dt", "Mt") stay in ``words.yaml``."""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

_CUT = re.compile(r"([a-z]{3,})\.")  # a word of three letters or more followed by its dot
FAMILY_EXTRA = 2  # letters beyond the cut that every word it may stand for must share: "det" -> "detec..."


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


class CutWords:
    """Spells out dotted cut words against the words of the header synonyms (counted: the most used one wins)."""

    def __init__(self, vocabulary_words: Iterable[str]):
        self.counts = Counter(vocabulary_words)
        self._memo: dict[str, str | None] = {}

    def spelt_out(self, header: str, words: tuple[str, ...]) -> tuple[str, ...]:
        """``words`` (the header's tokens) with each word the header writes cut short with a dot replaced by the
        vocabulary word it stands for; words the vocabulary knows, or that could stand for several, stay."""
        if "." not in header:
            return words
        cut = set(_CUT.findall(_plain(header)))
        if not cut:
            return words
        return tuple(self._word(w) or w if w in cut else w for w in words)

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
