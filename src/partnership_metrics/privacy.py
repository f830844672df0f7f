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
# long word (a 1 MB sheet name) costs linear time, not quadratic. The domain may lack its top-level part
# ("jean.dupont@inserm", as people type an internal address).
EMAIL = re.compile(r"(?<![\w.+-])[\w+-][\w.+'-]*@[\w-]+(?:\.[\w-]+)*", re.UNICODE)

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
def _lead_phrases() -> tuple[tuple[str, ...], ...]:
    """The folded words of each phrase after which a capitalised "First Last" is a person ("demander à"), from
    ``words.yaml``, longest first."""
    from .resources import packaged_yaml

    phrases = {tuple(fold(p).split()) for p in packaged_yaml("words.yaml")["person_lead_phrases"]}
    return tuple(sorted((p for p in phrases if p), key=len, reverse=True))


@cache
def _institution_words() -> frozenset[str]:
    """The folded words of the institutions' names and aliases (``vocab/institutions.csv``) of three letters or more:
    "Contact Inserm Transfert" names an organisation, not a person."""
    import csv

    from .resources import VOCAB_DIR

    with open(VOCAB_DIR / "institutions.csv", encoding="utf-8", newline="") as fh:
        texts = [f"{row['name']} {row['aliases'].replace('|', ' ')}" for row in csv.DictReader(fh)]
    return frozenset(w for t in texts for w in fold(t).replace("-", " ").split() if len(w) >= 3)


@cache
def _obfuscated_email() -> re.Pattern:
    """An e-mail written for robots not to read it ("jean.dupont AT inserm.fr", "jean.dupont[at]inserm.fr"), built
    from the words of ``words.yaml``: in brackets in any case, between spaces in capitals or after a dotted name."""
    from .resources import packaged_yaml

    words = packaged_yaml("words.yaml")
    at = "|".join(sorted(map(re.escape, words["email_at_words"]), key=len, reverse=True))
    dot = "|".join(sorted(map(re.escape, words["email_dot_words"]), key=len, reverse=True))
    capital_at = "|".join(sorted((re.escape(w.upper()) for w in words["email_at_words"]), key=len, reverse=True))
    capital_dot = "|".join(sorted((re.escape(w.upper()) for w in words["email_dot_words"]), key=len, reverse=True))

    def bracket(alternatives: str) -> str:
        return r"\s*[\[({<]\s*(?i:" + alternatives + r")\s*[\])}>]\s*"

    domain = rf"(?:[\w-]+(?:\.|{bracket(dot)}|\s+(?:{capital_dot})\s+))+[^\W\d_]{{2,}}\b"
    local = r"(?<![\w.+-])[\w+-][\w.+'-]*"
    dotted_local = r"(?<![\w.+-])[\w+-]+(?:\.[\w+-]+)+"
    return re.compile(rf"{local}(?:{bracket(at)}|\s+(?:{capital_at})\s+){domain}"
                      rf"|{dotted_local}\s+(?i:{at})\s+{domain}")


def _emails(text: str) -> list[tuple[int, int, str]]:
    """(start, end, "email") of each e-mail address in ``text``, plain or written for robots not to read it."""
    found = [(m.start(), m.end(), "email") for m in EMAIL.finditer(text)] if "@" in text else []
    if _OBFUSCATION_HINT.search(text):
        found += [(m.start(), m.end(), "email") for m in _obfuscated_email().finditer(text)
                  if not any(a < m.end() and m.start() < b for a, b, _ in found)]
    return sorted(found)


# A quick look before the full pattern: a bracket, or a word between spaces, right after a word character.
_VOWELS = re.compile(r"[aeiouy]")  # of a word spelt as a surname, not an acronym's consonants
_OBFUSCATION_HINT = re.compile(r"\w\s*[\[({<]|\w\s+[^\W\d_]{2,7}\s+\w")


@cache
def _name_keys() -> frozenset[str]:
    titles, first, _, _ = _name_words()
    return titles | first | {p[0] for p in _lead_phrases()}


@lru_cache(maxsize=1 << 16)
def _is_name_key(word: str, dotted: bool = True) -> bool:
    """Whether a word is a first name or a title (or an initial, which needs a dot in the text: "L. Giraud"):
    without one, a text holds no name."""
    return (dotted and len(word) == 1 and word.isupper()) or fold(word) in _name_keys()


def _spans(text: str) -> list[tuple[int, int, str]]:  # noqa: C901 - one left-to-right scan, its cases side by side
    """(start, end, kind) of each e-mail and each person's name in ``text``, in order, not overlapping."""
    if "@" not in text:
        dotted = "." in text  # a lone capital is an initial only before a dot ("B7-H3", "PD-L1" hold none)
        if not any(_is_name_key(w, dotted) for w in _LETTERS.findall(text)) and not (
                _OBFUSCATION_HINT.search(text) and _obfuscated_email().search(text)):
            return []  # most cells: no e-mail, no first name, no title (read once per word, the words cached)
    titles, first, organisations, places = _name_words()
    spans = _emails(text)
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

    def glued(a: int) -> bool:  # "Dr.Martin": a title's dot, then the name without a space
        return bool(words[a].group(1)) and words[a].end() == words[a + 1].start()

    def free_name(i: int) -> bool:
        return named[i] and i not in taken

    def is_first(i: int) -> bool:
        return free_name(i) and folded[i].split(" ")[0] in first

    def initial(i: int) -> bool:  # "S." after a first name
        return len(word[i]) == 1 and word[i].isupper() and bool(words[i].group(1))

    def is_title(i: int) -> bool:  # "Dr", "Mme", "Pr.", "M." (not "DR", a regional delegation, without its dot)
        return (word[i][:1].isupper() and folded[i] in titles
                and (bool(words[i].group(1)) or (len(word[i]) > 1 and not word[i].isupper())))

    names: list[tuple[int, int]] = []
    i = 0
    while i < n - 1:
        end = None
        if (led := _after_lead(i, text, words, folded, word, free_name)) is not None:
            names.append(led)  # "demander à Chidi Okonkwo", "Responsable Chidi Okonkwo"
            i = led[1] + 1
            continue
        if is_title(i) and (joined(i, i + 1) or glued(i)) and named[i + 1]:
            end = i + 1  # "Dr Marie Curie", "M. Dupont", "Dr.Martin"
        elif len(word[i]) == 1 and word[i].isupper() and words[i].group(1) and joined(i, i + 1) and free_name(i + 1):
            end = i + 1  # an initial: "L. Giraud"
        elif folded[i] in places:
            end = None  # "Saint Louis", "Sainte-Anne": places
        elif free_name(i) and joined(i, i + 1, comma=True) and is_first(i + 1):
            end = i + 1  # "DUPONT Jean", "Dupont, Jean", "Lambert Sophie"
        elif is_first(i) and joined(i, i + 1) and (free_name(i + 1) or initial(i + 1)):
            end = i + 1  # "Jean Dupont", "Jean DUPONT", "Mireille S."
        elif (word[i].isupper() and _VOWELS.search(folded[i]) and free_name(i) and joined(i, i + 1)
              and initial(i + 1)):
            end = i + 1  # a surname and its initial, as a ledger signs: "GUIOL D.", "PELLEGRIN É." (not "CNRS U.")
        elif initial(i) and joined(i, i + 1) and initial(i + 1):
            end = i + 1  # a person known by initials only, an illegible signature retyped: "C. F."
        if end is None:
            i += 1
            continue
        start = i
        while start > 0 and initial(start - 1) and text[words[start - 1].end():words[start].start()] == "-":
            start -= 1  # a compound first name's initials: "J.-L. Carrère"
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
            and " ".join(word) == text.strip() and (folded[0].split(" ")[0] in first or n == 2 and folded[1] in first):
        names.append((0, n - 1))  # a cell that is only a name typed in lower case: "camille ricard", "blanc sophie"
    for start, end in names:
        a, b = words[start].start(), words[end].end()
        if words[end].group(1) and not is_title(end) and not initial(end):
            b -= 1  # the dot ending a sentence is not the name's (an initial's is)
        spans.append((a, b, "name"))
    return sorted(spans)


def _after_lead(i: int, text: str, words: list, folded: list[str], word: list[str], free_name) -> tuple | None:
    """(first, last) word of the name written right after a phrase of ``person_lead_phrases`` starting at word
    ``i`` ("demander à | Chidi Okonkwo", "Contact : Léa Roux"): two or three capitalised words, the first not in
    capitals only (an acronym: "voir avec CPP Marseille"); else None."""
    n = len(words)
    for phrase in _lead_phrases():
        k = len(phrase)
        if i + k + 1 >= n or tuple(folded[i:i + k]) != phrase:
            continue
        if any(not text[words[j].end():words[j + 1].start()].isspace() for j in range(i, i + k - 1)):
            continue
        first = i + k
        if text[words[first - 1].end():words[first].start()].strip() not in ("", ":", "-", "–"):
            return None
        if word[first].isupper() or not free_name(first):
            return None
        last = first
        while (last + 1 < n and last + 1 - first < 3 and text[words[last].end():words[last + 1].start()].isspace()
               and free_name(last + 1)):
            last += 1
        if last == first or any(f in _institution_words() for f in folded[first:last + 1]):
            return None
        return first, last
    return None


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


_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,5}$")  # ".xlsx": kept when a file name is masked


def mask_path(path) -> str:
    """A file's path as a message shows it: the names and e-mails in each part masked (:func:`mask_personal`), its
    extension kept ("Suivi Sophie Martin sophie.martin@univ-amu.fr.xlsx" -> "Suivi [name] [e-mail].xlsx")."""
    parts = str(path).split("/")
    shown = []
    for part in parts:
        suffix = _SUFFIX.search(part)
        stem, tail = (part[:suffix.start()], suffix.group(0)) if suffix and suffix.start() else (part, "")
        masked = mask_personal(stem)
        if masked == stem:  # nothing personal in the stem: the part as it is (an e-mail may span the dots)
            masked = mask_personal(part)
            tail = ""
        elif looks_personal(tail):
            tail = ""
        shown.append(masked + tail)
    return "/".join(shown)

