"""Personal data typed where no person belongs, found and masked: the one function every output goes through.

A person can be typed anywhere: an e-mail in a date column, "Dr Marie Curie" as an institution, "DUPONT Jean" in a
project title, a name as an indicator of a targets grid. :func:`mask_personal` finds e-mail addresses and names (a
title followed by names; a known first name beside a name, in any order, from the reviewed
``vocab/first_names.yaml``; an initial and a name, "L. Giraud") and replaces them: by pseudonyms in the tables (with
the run's :class:`~partnership_metrics.ingest.pseudonymise.Pseudonymiser`), by ``[e-mail]`` / ``[name]`` in every
message, report and file that repeats a value. A name in lower case is recognised only when it is all the text and
starts with the first name ("camille ricard"); a surname alone is not recognised; organisations named after people ("Institut Gustave Roussy") and places ("Saint Louis") are left alone.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .textnorm import fold

# Not from a quote ("'x@y.fr' is"), nor from inside a run of word characters: each run is tried once, so a very
# long word (a 1 MB sheet name) costs linear time, not quadratic.
EMAIL = re.compile(r"(?<![\w.+-])[\w+-][\w.+'-]*@[\w-]+(?:\.[\w-]+)+", re.UNICODE)

MASKS = {"email": "[e-mail]", "name": "[name]"}
# A word: letters, joined by hyphens or apostrophes ("Roux-Mével", "O'Neil"); a dot right after it (a title: "Dr.").
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*(\.)?")
_MAX_NAME_WORDS = 4
_NOT_FIRST_NAMES = ("not_people", "place_words")


@cache
def _name_words() -> tuple[frozenset[str], frozenset[str], tuple[str, ...], frozenset[str]]:
    """(titles, first names, organisations named after people, words that make a place), folded: ``words.yaml``
    and ``first_names.yaml``."""
    from .resources import packaged_yaml

    titles = frozenset(fold(t) for t in packaged_yaml("words.yaml")["person_titles"])
    names = packaged_yaml("first_names.yaml")
    first = frozenset(fold(n) for key, group in names.items() if key not in _NOT_FIRST_NAMES for n in group)
    return (titles, first, tuple(fold(n) for n in names.get("not_people", ())),
            frozenset(fold(w) for w in names.get("place_words", ())))


def person_titles() -> frozenset[str]:
    """The titles that come before a person's name ("Dr", "Mme"), folded, from ``words.yaml``."""
    return _name_words()[0]


def _name_like(word: str) -> bool:
    """Written as a name is: a capital, then small letters ("Dupont") or capitals only ("DUPONT")."""
    return len(word) >= 2 and word[0].isupper() and (word.isupper() or any(c.islower() for c in word[1:]))


_LETTERS = re.compile(r"[^\W\d_]+")


@cache
def _name_keys() -> frozenset[str]:
    titles, first, _, _ = _name_words()
    return titles | first


@lru_cache(maxsize=1 << 16)
def _is_name_key(word: str, dotted: bool = True) -> bool:
    """Whether a word is a first name or a title (or an initial, which needs a dot in the text: "L. Giraud"):
    without one, a text holds no name."""
    return (dotted and len(word) == 1 and word.isupper()) or fold(word) in _name_keys()


def _spans(text: str) -> list[tuple[int, int, str]]:  # noqa: C901 - one left-to-right scan, its cases side by side
    """(start, end, kind) of each e-mail and each person's name in ``text``, in order, not overlapping."""
    if "@" not in text:
        dotted = "." in text  # a lone capital is an initial only before a dot ("B7-H3", "PD-L1" hold none)
        if not any(_is_name_key(w, dotted) for w in _LETTERS.findall(text)):
            return []  # most cells: no e-mail, no first name, no title (read once per word, the words cached)
    titles, first, organisations, places = _name_words()
    spans = [(m.start(), m.end(), "email") for m in EMAIL.finditer(text)] if "@" in text else []
    words = [m for m in _WORD.finditer(text) if not any(a <= m.start() < b for a, b, _ in spans)]
    if len(words) < 2:
        return spans
    folded = [fold(m.group(0)) for m in words]
    word = [m.group(0).rstrip(".") for m in words]
    named = [_name_like(w) for w in word]
    n = len(words)
    taken = _organisation_words(folded, organisations)  # "Institut Marie Curie" names an institute, not a person

    def joined(a: int, b: int, comma: bool = False) -> bool:  # only spaces (or ", ") between words a and b
        gap = text[words[a].end():words[b].start()]
        return gap.isspace() or (comma and gap.strip() == ",")

    def free_name(i: int) -> bool:
        return named[i] and i not in taken

    def is_first(i: int) -> bool:
        return free_name(i) and folded[i].split(" ")[0] in first

    def is_title(i: int) -> bool:  # "Dr", "Mme", "Pr.", "M." (not "DR", a regional delegation, without its dot)
        return (word[i][:1].isupper() and folded[i] in titles
                and (bool(words[i].group(1)) or (len(word[i]) > 1 and not word[i].isupper())))

    names: list[tuple[int, int]] = []
    i = 0
    while i < n - 1:
        end = None
        if is_title(i) and joined(i, i + 1) and named[i + 1]:
            end = i + 1  # "Dr Marie Curie", "M. Dupont"
        elif len(word[i]) == 1 and word[i].isupper() and words[i].group(1) and joined(i, i + 1) and free_name(i + 1):
            end = i + 1  # an initial: "L. Giraud"
        elif folded[i] in places:
            end = None  # "Saint Louis", "Sainte-Anne": places
        elif free_name(i) and joined(i, i + 1, comma=True) and is_first(i + 1):
            end = i + 1  # "DUPONT Jean", "Dupont, Jean", "Lambert Sophie"
        elif is_first(i) and joined(i, i + 1) and free_name(i + 1):
            end = i + 1  # "Jean Dupont", "Jean DUPONT"
        if end is None:
            i += 1
            continue
        start = i
        while (start > 0 and word[start - 1].isupper() and free_name(start - 1) and joined(start - 1, start)
               and (not names or names[-1][1] < start - 1)):
            start -= 1  # "BEN SAÏD Aurélie"
        titled = is_title(start)
        while (end + 1 < n and end + 1 - start < _MAX_NAME_WORDS and joined(end, end + 1)
               and (named[end + 1] if titled else free_name(end + 1))):
            end += 1  # "Mei Lin Chow", "Jean Dupont Durand", "Dr Marie Curie"
        names.append((start, end))
        i = end + 1
    if not names and not taken and 2 <= n <= 3 and all(w.islower() for w in word) \
            and " ".join(word) == text.strip() and folded[0].split(" ")[0] in first:
        names.append((0, n - 1))  # a cell that is only a name typed in lower case: "camille ricard"
    for start, end in names:
        a, b = words[start].start(), words[end].end()
        if words[end].group(1) and not is_title(end):
            b -= 1  # the dot ending a sentence is not the name's
        spans.append((a, b, "name"))
    return sorted(spans)


def _organisation_words(folded: list[str], organisations: tuple[str, ...]) -> set[int]:
    """Indexes of the words that spell an organisation named after people ("pierre et marie curie",
    "antoine-lacassagne": a hyphenated word folds to two)."""
    taken: set[int] = set()
    starts = _prefixes(organisations)
    for i in range(len(folded)):
        spelt = ""
        for j in range(i, min(len(folded), i + 6)):
            spelt = f"{spelt} {folded[j]}".strip()
            if spelt in organisations:
                taken.update(range(i, j + 1))
            if spelt not in starts:
                break
    return taken


@lru_cache(maxsize=4)
def _prefixes(organisations: tuple[str, ...]) -> frozenset[str]:
    """Every start of every name in ``organisations`` (``"pierre"``, ``"pierre "``... for "pierre et marie curie")."""
    return frozenset(o[:k] for o in organisations for k in range(len(o) + 1))


def is_first_name(word: str) -> bool:
    """Whether ``word`` alone is a known first name ("Olivier" signing an e-mail pasted under a table)."""
    folded = fold(str(word))
    return bool(folded) and " " not in folded and folded in _name_words()[1]


def looks_personal(text: str) -> bool:
    """Whether ``text`` holds an e-mail address or a person's name (see :func:`mask_personal`)."""
    return bool(text) and bool(_spans(str(text)))


def mask_personal(text, pseudonymiser=None):
    """``text`` with each e-mail address and person's name replaced: by its pseudonym (``p-…``) when a
    ``pseudonymiser`` (:class:`~partnership_metrics.ingest.pseudonymise.Pseudonymiser`) is given (tables: the same person, the same pseudonym), else by ``[e-mail]`` or ``[name]``
    (messages, reports, quarantine files). The one function every output that repeats a value goes through;
    anything but a non-empty string is returned as it is."""
    if not isinstance(text, str) or not text:
        return text
    spans = _spans(text)
    if not spans:
        return text
    out, at = [], 0
    for start, end, kind in spans:
        found = text[start:end]
        if pseudonymiser is None:
            shown = MASKS[kind]
        else:
            who = (pseudonymiser.identity(email=found) if kind == "email" else pseudonymiser.identity(name=found))
            shown = pseudonymiser.pseudonym(who or found)
        out += [text[at:start], shown]
        at = end
    out.append(text[at:])
    return "".join(out)
