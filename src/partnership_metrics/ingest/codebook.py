"""French and English labels -> canonical codes (``vocab/codes.yaml`` plus the user's
``data/reference/value_synonyms.yaml``, same format)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from .. import paths
from ..errors import FatalInputError, ParseError
from ..schemas import TABLES
from ..textnorm import tokens

USER_SYNONYMS_FILE = paths.REFERENCE_DIR / "value_synonyms.yaml"
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NEGATIONS = {"non", "pas", "not", "no", "sans", "without", "un"}


_FORMAT = "write 'table.column:' then 'code: [label, label]' lines, as in src/partnership_metrics/vocab/codes.yaml"


def _load(path: Path) -> dict:
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise FatalInputError(str(path), f"is not valid YAML{where}", _FORMAT) from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise FatalInputError(str(path), "is not a list of 'table.column' entries", _FORMAT)
    return data


@cache
def _packaged() -> dict:
    return _load(paths.VOCAB_DIR / "codes.yaml")


@dataclass
class CodeBook:
    """Label lookup for every code column; remembers labels mapped to ``other``."""

    labels: dict[tuple[str, str], dict[tuple[str, ...], str]]
    mapped_to_other: dict[tuple[str, str, str], int] = field(default_factory=dict)

    def lookup(self, table: str, column: str, value) -> str | None:
        """The code of ``value`` in ``table.column``; raises ParseError for an unknown label."""
        if value is None:
            return None
        text = " ".join(str(value).split())
        if not text:
            return None
        book = self.labels[(table, column)]
        words = tokens(text)
        if words in book:
            return book[words]
        bare = tokens(_BRACKETS.sub(" ", text))  # "Mission cancer (Horizon Europe)": the words outside brackets
        if bare and bare in book:
            return book[bare]
        code = _contained(book, words)
        if code:
            return code
        codes = TABLES[table].column(column).codes
        if "other" in codes:
            key = (table, column, text)
            self.mapped_to_other[key] = self.mapped_to_other.get(key, 0) + 1
            return "other"
        raise ParseError(
            f"unknown value {text!r} (expected one of {', '.join(codes)}; "
            "add a synonym to data/reference/value_synonyms.yaml)"
        )


def _contained(book: dict[tuple[str, ...], str], words: tuple[str, ...]) -> str | None:
    """A code whose label appears as whole words inside a longer label ("Financé (liste principale)")."""
    if not words:
        return None
    negated = bool(_NEGATIONS.intersection(words))
    found = {}
    for label, code in book.items():
        n = len(label)
        if n == 0 or n >= len(words) or not set(label) <= set(words):
            continue
        if negated and not _NEGATIONS.intersection(label):  # "pas financé" must not read as "financé"
            continue
        for i in range(len(words) - n + 1):
            if words[i : i + n] == label:
                found.setdefault(code, 0)
                found[code] = max(found[code], n)
                break
    if not found:
        return None
    best = max(found.values())
    winners = [c for c, n in found.items() if n == best]
    return winners[0] if len(winners) == 1 else None


def make_codebook(user_file: Path | None = None) -> CodeBook:
    """Label lookups for every code column, packaged labels first, the user's added on top."""
    labels: dict[tuple[str, str], dict[tuple[str, ...], str]] = {}
    sources = [_packaged(), _load(user_file or USER_SYNONYMS_FILE)]
    for table in TABLES.values():
        for column in table.columns:
            if column.kind != "code":
                continue
            book: dict[tuple[str, ...], str] = {}
            for code in column.codes:
                book.setdefault(tokens(code), code)
                book.setdefault(tokens(code.replace("_", " ")), code)
            for source in sources:
                for key in (f"{table.name}.{column.name}", f"*.{column.name}"):
                    for code, synonyms in (source.get(key) or {}).items():
                        name = "vocab/codes.yaml" if source is sources[0] else str(user_file or USER_SYNONYMS_FILE)
                        if code not in column.codes:
                            raise FatalInputError(name, f"{key}: unknown code {code!r}",
                                                  f"use one of {', '.join(column.codes)}")
                        if synonyms is not None and not isinstance(synonyms, list):
                            raise FatalInputError(name, f"{key}: the labels of {code!r} are not a list",
                                                  f"write them in brackets: {code}: [\"{synonyms}\"]")
                        for label in synonyms or []:
                            words = tokens(str(label))
                            if words:
                                book[words] = code if source is not sources[0] else book.get(words, code)
            labels[(table.name, column.name)] = book
    return CodeBook(labels)
