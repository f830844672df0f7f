"""French and English labels -> canonical codes: the labels of ``vocab/codes.yaml`` plus the user's
``value_synonyms.yaml`` (same format, in the reference folder), read into the run's vocabulary."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..errors import ParseError
from ..privacy import EMAIL
from ..schemas import TABLES
from ..textnorm import tokens
from .vocabulary import PARTNER_COLUMNS

if TYPE_CHECKING:
    from .vocabulary import Vocabulary

MIN_LEGEND = 2  # codes of a legend's list
LEGEND_SHARE = 0.8  # of a legend's meanings that must read as a column's codes for its codes to be that column's
_GLUED = re.compile(r"(?<=[^\W\d_]{3})(?=\d{4}\b)")  # letters then a year: "ERAPERMED2018"
MAX_REMARKED = 4  # words of a label, and of its remark in brackets ("Fonds PoC (non affecté)")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_LEGEND_PARTS = re.compile(r"\s*(?:=|:|\s[–—-]\s)\s*")  # "vert = financé", "Rouge : non retenu"
_BRACKETED_TEXT = re.compile(r"\s*\([^)]*\)\s*")
_SPECIFIED = re.compile(r"^\s*(\w+)\s*(?:[–—:]|\s-)\s*\S")  # "Autre – H2020 SC1", "Other: TRANSCAN-3"
_ITEMS = re.compile(r"\s*[|;]\s*")  # the items of a multiple select as tools export it
_ENUM = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")  # a system's enumerated value: "ROUND_TYPE_SEED"
_ANSWERED = re.compile(r"^\s*(\w+)\s*[–—:-]\s+(\S.*)$")  # "Non – Inserm Transfert uniquement"


@dataclass
class CodeBook:
    """Label lookup for every code column; remembers labels mapped to ``other``."""

    labels: Mapping[tuple[str, str], Mapping[tuple[str, ...], str]]
    negations: frozenset[str]  # "pas financé" must not read as "financé"
    synonyms_file: str  # where the user adds a label (named in the reason of a quarantined value)
    umbrellas: frozenset[tuple[str, ...]] = frozenset()  # labels of a family ("horizon europe"): see _found
    not_yet: frozenset[str] = frozenset()  # "avant": the label after it is what had not happened (see _found)
    mapped_to_other: dict[tuple[str, str, str], int] = field(default_factory=dict)
    abbreviations: dict[tuple[str, str, str], tuple[str, int]] = field(default_factory=dict)  # -> (code, rows)
    _known: dict[tuple[str, str, str], str | None] = field(default_factory=dict, init=False, repr=False,
                                                          compare=False)
    _named: dict[tuple[str, str, str], str | None] = field(default_factory=dict, init=False, repr=False,
                                                          compare=False)

    def find(self, table: str, column: str, text: str) -> str | None:
        """The code a label names in ``table.column``, or None (no side effect: for recognising headers; each
        question answered once a run, as headers and legends repeat from sheet to sheet)."""
        key = (table, column, text)
        if key not in self._known:
            self._known[key] = self._find(table, column, text) or _abbreviated(self.labels[(table, column)], text)
        return self._known[key]

    def find_in_parts(self, table: str, column: str, text: str) -> str | None:
        """The one code a legend's text names: the whole text, else exactly one of its parts around "=", ":" or a
        dash ("vert = financé"); None when it names none or several (answered once a run: a workbook's legend texts
        are asked by each of its sheets)."""
        key = (table, column, text)
        if key not in self._named:
            code = self.find(table, column, text.strip()) if text.strip() else None
            if code is None and text.strip():
                parts = [p for p in _LEGEND_PARTS.split(_BRACKETED_TEXT.sub(" ", text).strip()) if p]
                codes = {code for p in parts if (code := self.find(table, column, p)) is not None}
                code = codes.pop() if len(codes) == 1 else None
            self._named[key] = code
        return self._named[key]

    def _find(self, table: str, column: str, text: str) -> str | None:
        if EMAIL.search(text):  # a person's address names no code, whatever its domain ("x@canceropole-paca.fr")
            return None
        book = self.labels[(table, column)]
        words = tokens(text)
        if not words and (named := _symbol_names(text)):  # "✅", "⏳": a status written as a symbol alone
            return self._find(table, column, named)
        if words in book:
            return book[words]
        bare = tokens(_BRACKETS.sub(" ", text))  # "Mission cancer (Horizon Europe)": the words outside brackets
        if bare and bare in book:
            return book[bare]
        if (single := singular(words)) != words and single in book:  # "Medical devices", "Dispositifs médicaux"
            return book[single]
        specified = _SPECIFIED.match(text)  # "Autre – H2020 SC1": "other" chosen in a list, then said which, as
        if specified and book.get(tokens(specified.group(1))) == "other":  # "Autre (IMI2)" is, by its brackets
            return "other"
        partners = PARTNER_COLUMNS.get((table, column))
        answered = _ANSWERED.match(text) if partners else None
        if answered and tokens(answered.group(1)) and tokens(answered.group(1))[0] in self.negations:
            # "Co-accompagnement : Non – Inserm Transfert uniquement": the "no" answers the header, the rest says who
            return self._find(table, column, answered.group(2))
        if partners and len(items := [i for i in _ITEMS.split(text) if i.strip()]) > 1 and {
                partners["cpp"], partners["it"]} <= {self._find(table, column, i) for i in items}:
            return partners["joint"]  # a multiple select: "Appel à projets | Détection Inserm Transfert"
        found = _found(book, words, self.negations, self.umbrellas, self.not_yet)
        if not found and (single := self._singular(words)) != words:  # "Valorisation / Conférences"
            found = _found(book, single, self.negations, self.umbrellas, self.not_yet)
        if partners and {partners["cpp"], partners["it"]} <= set(_found(book, words, self.negations, frozenset(),
                                                                        self.not_yet)):
            return partners["joint"]  # "CPP + Inserm Transfert", "CPP / IT", "AAP + détection IT": both together
        if partners and partners["joint"] in found and set(found) <= set(partners.values()):
            return partners["joint"]  # "Co-organisé avec Inserm Transfert": together, the other partner named
        if (code := _best(found) or self._enumerated(table, column, text)) is not None:
            return code
        apart = _GLUED.sub(" ", text)  # "ERAPERMED2018": a call's name with its year glued to it
        if apart != text:
            return self._find(table, column, apart)
        remark = tokens(" ".join(_BRACKETS.findall(text)))
        if bare and len(bare) <= MAX_REMARKED and len(remark) <= MAX_REMARKED and set(remark) & self.negations:
            # "Fonds PoC (non affecté)": a label's remark in brackets negates nothing of it (a sentence is no label)
            return _best(_found(book, bare, self.negations, self.umbrellas, self.not_yet))
        return None

    def _singular(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """``words`` in the singular, but for a negation's or an exclusion's ("hors", "sans")."""
        kept = self.negations | self.not_yet
        return tuple(w if w in kept else s for w, s in zip(words, singular(words), strict=True))

    def _enumerated(self, table: str, column: str, text: str) -> str | None:
        """The code of a system's enumerated value, named after its type ("ROUND_TYPE_SEED"): the code its longest
        tail after the type's name names ("TYPE_SEED", then "SEED"); None for anything else."""
        if not _ENUM.fullmatch(text):
            return None
        parts = text.split("_")
        return next((code for k in range(1, len(parts)) if (code := self._find(table, column, "_".join(parts[k:])))),
                    None)

    def with_legends(self, lists, names) -> tuple[CodeBook, list[str]]:
        """This code book with the codes of a folder's legends and lookups ("TH | thérapeutique" under "Type de
        technologie") read as labels of each code column whose labels most of the legend's meanings are (of those,
        the columns its title names when it names some: ``names(table, column, title)``); a note per column so read.
        A code the column already reads keeps its meaning."""
        labels: dict = dict(self.labels)
        notes = []
        for found in lists:
            meanings = {code: label for code, label in found.labels.items() if label}
            if len(meanings) < MIN_LEGEND:
                continue
            read = {key: {code: self.find(*key, label) for code, label in meanings.items()} for key in self.labels}
            fitting = [key for key, codes in read.items()
                       if sum(c is not None for c in codes.values()) >= LEGEND_SHARE * len(meanings)]
            title = found.title or found.code_header
            fitting = [f for f in fitting if names(*f, title)] or fitting  # "Sourcing": not the partner columns
            for table, column in fitting:
                book = self.labels[(table, column)]
                added = {tokens(code): c for code, c in read[(table, column)].items()
                         if c and tokens(code) and tokens(code) not in book}
                if added:
                    labels[(table, column)] = {**labels[(table, column)], **added}
                    notes.append(f"{found.title or found.code_header}: {', '.join(' '.join(k).upper() for k in added)} "
                                 f"read as {table}.{column} codes")
        return (replace(self, labels=labels) if notes else self), notes

    def names_none(self, table: str, column: str, text: str) -> bool:
        """Whether ``text`` names no code of ``table.column`` at all (not even several of them)."""
        book = self.labels[(table, column)]
        return not (self._find(table, column, text) or _abbreviated(book, text)
                    or _found(book, tokens(text), self.negations, self.umbrellas, self.not_yet))

    def lookup(self, table: str, column: str, value) -> str | None:
        """The code of ``value`` in ``table.column``; raises ParseError for an unknown label."""
        if value is None:
            return None
        text = " ".join(str(value).split())
        if not text:
            return None
        code = self._find(table, column, text)
        if code:
            return code
        code = _abbreviated(self.labels[(table, column)], text)
        if code:  # listed in the ingestion report: an abbreviation is a guess someone should see
            key = (table, column, text)
            self.abbreviations[key] = (code, self.abbreviations.get(key, (code, 0))[1] + 1)
            return code
        codes = TABLES[table].column(column).codes
        if "other" in codes:
            key = (table, column, text)
            self.mapped_to_other[key] = self.mapped_to_other.get(key, 0) + 1
            return "other"
        raise ParseError(
            f"unknown value {text!r} (expected one of {', '.join(codes)}; "
            f"add a synonym to {self.synonyms_file})"
        )


def _symbol_names(text: str) -> str:
    """The Unicode names of a text's symbols, after the word "symbol" ("✅": "symbol white heavy check mark", "⏳":
    "symbol hourglass with flowing sand"), as codes.yaml lists them among a code's labels."""
    names = [unicodedata.name(ch, "").lower() for ch in text if unicodedata.category(ch).startswith("S")]
    return " ".join(f"symbol {name}" for name in names if name)


MIN_PLURAL = 4  # letters of a word whose final "s" or "x" may be a plural's


def singular(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` in the singular, as far as their endings tell: "devices" -> "device", "medicaux" -> "medical"."""
    return tuple(w[:-3] + "al" if len(w) > MIN_PLURAL and w.endswith("aux") else
                 w[:-1] if len(w) >= MIN_PLURAL and w.endswith(("s", "x")) else w for w in words)


def _best(found: dict[str, int]) -> str | None:
    """The code whose label found inside a longer one ("Financé (liste principale)") is the longest, if only one."""
    if not found:
        return None
    best = max(found.values())
    winners = [c for c, n in found.items() if n == best]
    if len(winners) == 2 and "other" in winners:  # "Mécénat privé": the specific code rather than "other"
        winners.remove("other")
    return winners[0] if len(winners) == 1 else None


def _found(book: Mapping[tuple[str, ...], str], words: tuple[str, ...], negations: frozenset[str],
           umbrellas: frozenset[tuple[str, ...]] = frozenset(), not_yet: frozenset[str] = frozenset()) -> dict[str, int]:
    """Code -> length of its longest label found as whole words inside ``words``. An umbrella label ("Horizon
    Europe") counts only when no other label is found: "HORIZON EUROPE - PILIER 1 - ERC" names the ERC; labels
    right after a ``not_yet`` word ("Retiré avant évaluation", "hors ERC / MSCA") name what had not happened or
    what the thing is outside of, and are not counted."""
    if not words:
        return {}
    negated = bool(negations.intersection(words))
    matches: list[tuple[int, int, tuple[str, ...]]] = []  # (start, length, label)
    for label in book:
        n = len(label)
        if n == 0 or n >= len(words) or not set(label) <= set(words):
            continue
        if negated and not negations.intersection(label):  # "pas financé" must not read as "financé"
            continue
        matches.extend((i, n, label) for i in range(len(words) - n + 1) if words[i : i + n] == label)
    excluded_ends: set[int] = set()  # last word of each label read as "outside of"
    found: dict[str, int] = {}
    umbrella: dict[str, int] = {}
    for i, n, label in sorted(matches):
        if i and (words[i - 1] in not_yet or i - 1 in excluded_ends):  # "hors ERC / MSCA": both are outside
            excluded_ends.add(i + n - 1)
            continue
        into = umbrella if label in umbrellas else found
        into[book[label]] = max(into.get(book[label], 0), n)
    return found or umbrella


def _abbreviated(book: Mapping[tuple[str, ...], str], text: str) -> str | None:
    """The one code whose label the words of ``text`` abbreviate ("Thér." for thérapeutique, "Outil rech." for outil
    de recherche): each word the start of the label's next word (small words of the label may be skipped), at least
    three letters when written with a dot, four without."""
    raw = [w for w in text.split() if tokens(w)]  # the small words tokens leave out ("en éval.") left out
    words = tokens(text)
    if not words or len(words) != len(raw) or len(words) > 3:
        return None
    if any(len(w) < (3 if r.endswith(".") else 4) for w, r in zip(words, raw, strict=True)):
        return None
    labels: dict[str, int] = {}  # code -> how many of its labels the text abbreviates
    for label, code in book.items():
        if _abbreviates(words, label):
            labels[code] = labels.get(code, 0) + 1
    ranked = sorted(labels.values(), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0] < 2 * ranked[1]):  # "Thér.": far more therapeutic labels
        return None                                                     # than the diagnostic "théranostique"
    return max(labels, key=labels.get)


def _abbreviates(words: tuple[str, ...], label: tuple[str, ...]) -> bool:
    position = 0
    for word in words:
        while position < len(label) and not label[position].startswith(word):
            if len(label[position]) > 3:  # only small words ("de", "du", "of") may be skipped
                return False
            position += 1
        if position == len(label):
            return False
        position += 1
    return position == len(label)


def make_codebook(vocabulary: Vocabulary) -> CodeBook:
    """The label lookups of a run (packaged labels first, the user's added on top, as the vocabulary holds them)."""
    from .vocabulary import VALUE_SYNONYMS

    return CodeBook(vocabulary.code_labels, vocabulary.words.negations, vocabulary.user_file(VALUE_SYNONYMS),
                    umbrellas=frozenset(tokens(label) for label in vocabulary.words.umbrella_labels),
                    not_yet=vocabulary.words.not_yet_words)
