"""Institution names as people write them -> institution codes.

The alias table ships with the package (``vocab/institutions.csv``); users extend it with
``institution_aliases.csv`` in the reference folder (columns ``alias,code,reason``); both are read into the run's
vocabulary. A name is matched, in order: exactly (once folded), by one of its parts
(``amU - Aix-Marseille Université``), then by the first alias whose words appear in it in order
(``Institut Paoli-Calmettes (Marseille)``). Anything else is ``OTHER``, listed in the report.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..schemas import INSTITUTION_CODES
from ..textnorm import tokens

if TYPE_CHECKING:
    from .vocabulary import Vocabulary

_SPLIT = re.compile(r"\s+[-–—/|]\s+|[()\[\];,/|]|\s+-\s*|\s*-\s+")


def add_alias_hint(aliases_file: str) -> str:
    """What to do about a name counted as OTHER: add it to ``aliases_file`` (as messages show it)."""
    return (f"add a line 'name as written,CODE,why' to {aliases_file} (create it with the header "
            f"line 'alias,code,reason'; codes: {', '.join(INSTITUTION_CODES)})")


def _words(text: str, synonyms: Mapping[str, str]) -> tuple[str, ...]:
    """The folded words of a name, abbreviations spelt out (``synonyms``), initials joined (``C.N.R.S.``)."""
    words = []
    run = []  # single letters from "C.N.R.S." are joined back into "cnrs"
    for w in tokens(text):
        if len(w) == 1 and w.isalpha():
            run.append(w)
            continue
        if run:
            words.append("".join(run) if len(run) > 1 else run[0])
            run = []
        words.append(synonyms.get(w, w))
    if run:
        words.append("".join(run) if len(run) > 1 else run[0])
    return tuple(words)


# A word of at least this many letters written this close to a word of a known alias is that word misspelt
# ("marseile" for "marseille"); shorter words ("ipc", "cnrs", "u1068") must be exact.
TYPO_MIN_LETTERS = 6
TYPO_SIMILARITY = 0.85

@dataclass
class InstitutionResolver:
    """Resolve names to codes; remembers the names it could not resolve."""

    aliases: Mapping[str, str]  # alias -> code (as written in the alias files)
    names: Mapping[str, str]  # code -> official name
    word_synonyms: Mapping[str, str]  # abbreviations of words ("univ" -> "universite")
    unknown: dict[str, int] = field(default_factory=dict)
    similar: dict[str, str] = field(default_factory=dict)  # name written with a typo -> the code read for it

    def __post_init__(self):
        self._exact: dict[tuple[str, ...], str] = {}
        for alias, code in self.aliases.items():
            words = _words(alias, self.word_synonyms)
            if words:
                self._exact.setdefault(words, code)
        # longest aliases first, so "aix marseille universite" beats "aix marseille"
        self._by_length = sorted(self._exact.items(), key=lambda item: -len(item[0]))
        self._unordered = {frozenset(w): c for w, c in self._by_length if len(w) > 1}
        self._cache: dict[str, tuple[str, str]] = {}
        self._alias_words = sorted({w for words in self._exact for w in words if len(w) >= TYPO_MIN_LETTERS})
        self._alias_set = frozenset(self._alias_words)

    def add_aliases(self, extra: Mapping[str, str]) -> None:
        """Learn more aliases for the run (a folder's note of nicknames, :mod:`.noted_nicknames`)."""
        self.aliases = {**self.aliases, **extra}
        self.__post_init__()

    def resolve(self, name) -> str | None:
        """The code of ``name`` (``OTHER`` when unknown), or None for an empty cell."""
        if name is None:
            return None
        text = " ".join(str(name).split())
        if not text:
            return None
        if text not in self._cache:
            self._cache[text] = self._match(text)
        code, how = self._cache[text]
        if how == "unknown":
            self.unknown[text] = self.unknown.get(text, 0) + 1
        return code

    def match(self, text: str) -> tuple[str, str]:
        """``(code, how)`` for a name, ``how`` being ``unknown`` when nothing matched; counts nothing."""
        if text not in self._cache:
            self._cache[text] = self._match(text)
        return self._cache[text]

    def names_exactly(self, text: str) -> bool:
        """Whether ``text`` is an alias as written (in any order of its words); no typo looked for: cheap."""
        words = _words(text, self.word_synonyms)
        return bool(words) and (words in self._exact or frozenset(words) in self._unordered)

    def names_one(self, text: str) -> bool:
        """Whether ``text`` names one institution: as a whole (or with a typo), or as the only item of a list naming
        one ("Thérapeutique (purple), AMU (green)"; not "AMU, CNRS", a list of partners). Counts nothing."""
        how = self.match(text)[1]
        if how != "part":
            return how in ("exact", "similar")
        parts = (_words(p, self.word_synonyms) for p in _SPLIT.split(text) if p and p.strip())
        return len({self._exact[part] for part in parts if part in self._exact}) == 1

    def _match(self, text: str) -> tuple[str, str]:
        words = _words(text, self.word_synonyms)
        if not words:
            return "OTHER", "unknown"
        if words in self._exact:
            return self._exact[words], "exact"
        if frozenset(words) in self._unordered:  # "Université Aix-Marseille" / "Aix-Marseille Université"
            return self._unordered[frozenset(words)], "exact"
        parts = [_words(p, self.word_synonyms) for p in _SPLIT.split(text) if p and p.strip()]
        for part in parts:
            if part in self._exact:
                return self._exact[part], "part"
        best = None  # (position, -length, code)
        for alias_words, code in self._by_length:
            pos = _find(words, alias_words)
            if pos is not None and (best is None or (pos, -len(alias_words)) < best[:2]):
                best = (pos, -len(alias_words), code)
        if best:
            return best[2], "contains"
        return self._by_spelling(text, words)

    def _by_spelling(self, text: str, words: tuple[str, ...]) -> tuple[str, str]:
        """A name with a typo in a long word ("Aix Marseile Univ"): its words spelt as the aliases spell them, then
        matched again (``how`` is ``similar``, and the name is listed in :attr:`similar` for a person to check)."""
        fixed = tuple(w if len(w) < TYPO_MIN_LETTERS or w in self._alias_set
                      else next(iter(difflib.get_close_matches(w, self._alias_words, 1, TYPO_SIMILARITY)), w)
                      for w in words)
        if fixed == words:
            return "OTHER", "unknown"
        code, how = self._match(" ".join(fixed))
        if how == "unknown":
            return "OTHER", "unknown"
        self.similar[text] = code
        return code, "similar"


def _find(words: tuple[str, ...], sub: tuple[str, ...]) -> int | None:
    n = len(sub)
    for i in range(len(words) - n + 1):
        if words[i : i + n] == sub:
            return i
    return None


def make_resolver(vocabulary: Vocabulary) -> InstitutionResolver:
    """The resolver of a run: the packaged aliases plus the user's (the user's win), as the vocabulary holds them."""
    return InstitutionResolver(vocabulary.aliases, vocabulary.institution_names,
                               vocabulary.words.institution_word_synonyms)


def institutions_rows(resolver: InstitutionResolver) -> list[dict]:
    """Rows of the ``institutions`` reference table: code, official name, known aliases."""
    by_code: dict[str, list[str]] = {code: [] for code in INSTITUTION_CODES}
    for alias, code in resolver.aliases.items():
        if alias != code and alias != resolver.names.get(code):
            by_code[code].append(alias)
    return [
        {"code": code, "name": resolver.names.get(code, code), "aliases": "|".join(sorted(set(by_code[code])))}
        for code in INSTITUTION_CODES
    ]
