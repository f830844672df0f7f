"""Institution names as people write them -> institution codes (SPEC §3).

The alias table ships with the package (``vocab/institutions.csv``); users extend it with
``data/reference/institution_aliases.csv`` (columns ``alias,code,reason``). A name is matched, in order:
exactly (once folded), by one of its parts (``amU - Aix-Marseille Université``), then by the first alias whose words
appear in it in order (``Institut Paoli-Calmettes (Marseille)``). Anything else is ``OTHER``, listed in the report.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .. import paths
from ..errors import FatalInputError
from ..schemas import INSTITUTION_CODES
from ..textnorm import tokens

USER_ALIASES_FILE = paths.REFERENCE_DIR / "institution_aliases.csv"
ADD_ALIAS_HINT = (
    "add a line 'name as written,CODE,why' to data/reference/institution_aliases.csv (create it with the header "
    f"line 'alias,code,reason'; codes: {', '.join(INSTITUTION_CODES)})"
)

# Abbreviations people use for the same word.
_WORD_SYNONYMS = {
    "univ": "universite", "university": "universite", "universitat": "universite", "universita": "universite",
    "hop": "hopital", "hospital": "hopital", "hopitaux": "hopital", "inst": "institut", "institute": "institut",
    "ctr": "centre", "center": "centre", "cntre": "centre", "natl": "national", "recherches": "recherche",
    "sante": "sante", "st": "saint", "ste": "sainte",
}
_SPLIT = re.compile(r"\s+[-–—/|]\s+|[()\[\];,/|]|\s+-\s*|\s*-\s+")


def _words(text: str) -> tuple[str, ...]:
    words = []
    run = []  # single letters from "C.N.R.S." are joined back into "cnrs"
    for w in tokens(text):
        if len(w) == 1 and w.isalpha():
            run.append(w)
            continue
        if run:
            words.append("".join(run) if len(run) > 1 else run[0])
            run = []
        words.append(_WORD_SYNONYMS.get(w, w))
    if run:
        words.append("".join(run) if len(run) > 1 else run[0])
    return tuple(words)


@dataclass
class InstitutionResolver:
    """Resolve names to codes; remembers the names it could not resolve."""

    aliases: dict[str, str]  # alias -> code (as written in the alias files)
    names: dict[str, str]  # code -> official name
    unknown: dict[str, int] = field(default_factory=dict)

    def __post_init__(self):
        self._exact: dict[tuple[str, ...], str] = {}
        for alias, code in self.aliases.items():
            words = _words(alias)
            if words:
                self._exact.setdefault(words, code)
        # longest aliases first, so "aix marseille universite" beats "aix marseille"
        self._by_length = sorted(self._exact.items(), key=lambda item: -len(item[0]))
        self._unordered = {frozenset(w): c for w, c in self._by_length if len(w) > 1}
        self._cache: dict[str, tuple[str, str]] = {}

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

    def _match(self, text: str) -> tuple[str, str]:
        words = _words(text)
        if not words:
            return "OTHER", "unknown"
        if words in self._exact:
            return self._exact[words], "exact"
        if frozenset(words) in self._unordered:  # "Université Aix-Marseille" / "Aix-Marseille Université"
            return self._unordered[frozenset(words)], "exact"
        parts = [_words(p) for p in _SPLIT.split(text) if p and p.strip()]
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
        return "OTHER", "unknown"


def _find(words: tuple[str, ...], sub: tuple[str, ...]) -> int | None:
    n = len(sub)
    for i in range(len(words) - n + 1):
        if words[i : i + n] == sub:
            return i
    return None


@cache
def _packaged() -> tuple[dict[str, str], dict[str, str]]:
    aliases, names = {}, {}
    with open(paths.VOCAB_DIR / "institutions.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            names[row["code"]] = row["name"]
            aliases[row["code"]] = row["code"]
            aliases[row["name"]] = row["code"]
            for alias in row["aliases"].split("|"):
                if alias.strip():
                    aliases[alias.strip()] = row["code"]
    return aliases, names


def read_user_aliases(path: Path | None = None) -> dict[str, str]:
    """User aliases (a CSV whose first line is ``alias,code,reason``); FatalInputError for a malformed file."""
    path = path or USER_ALIASES_FILE
    if not path.is_file():
        return {}
    out = {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if not {"alias", "code"} <= {(f or "").strip().lower() for f in reader.fieldnames or []}:
            raise FatalInputError(str(path), "does not start with the header line 'alias,code,reason'",
                                  "add that line first (comma-separated), then one alias per line")
        reader.fieldnames = [(f or "").strip().lower() for f in reader.fieldnames]
        for i, row in enumerate(reader, start=2):
            alias, code = (row.get("alias") or "").strip(), (row.get("code") or "").strip().upper()
            if not alias:
                continue
            if code not in INSTITUTION_CODES:
                raise FatalInputError(str(path), f"line {i}: unknown institution code {code!r}",
                                      f"use one of {', '.join(INSTITUTION_CODES)}")
            out[alias] = code
    return out


def make_resolver(user_aliases_file: Path | None = None) -> InstitutionResolver:
    """A resolver over the packaged aliases plus the user's (the user's win)."""
    aliases, names = _packaged()
    merged = dict(aliases)
    merged.update(read_user_aliases(user_aliases_file))
    return InstitutionResolver(merged, dict(names))


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
