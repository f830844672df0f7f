"""The ways one register writes one kind of record ("Projet" and "projet", "Start-up" and "Startup", "Fin." for
"Financement", "Levée de fonds" for "Levée"), and the ones its legend lists together ("Nature : Projet | Financement
(Fin.) | Prop. UE / Dépôt UE"): each kind's rows are read together, under the label written most often."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SEPARATORS = re.compile(r"[|;,]")


@lru_cache(maxsize=65536)
def plain(text) -> str:
    """Lower-case, without accents, spaces collapsed; punctuation kept ("Nb part. :" stays a term and its colon)."""
    text = unicodedata.normalize("NFKD", str(text))
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).lower().split())


def _compact(text: str) -> str:
    return re.sub(r"[\s.\-]", "", plain(text))


def same_kinds(written: dict[str, list[int]], statement: str | None) -> tuple[dict[str, list[int]], dict[str, str]]:
    """(``written`` (kind as written -> its rows) with the labels of one kind merged, each label -> its kind): the
    same letters, an
    abbreviation ("Fin.") of one label only, a label extending one other by words ("Levée de fonds"), labels one item
    of the legend's list of kinds names together (``statement``: what the legend says of the kind column)."""
    group = {label: label for label in written}

    def root(label: str) -> str:
        while group[label] != label:
            label = group[label]
        return label

    def join(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            group[rb] = ra

    labels = list(written)
    by_letters: dict[str, str] = {}
    for label in labels:
        join(by_letters.setdefault(_compact(label), label), label)
    for label in labels:
        words = plain(label).split()
        if label.rstrip().endswith(".") and len(words) == 1:  # "Fin." for "Financement"
            stem = _compact(label)
            longer = {root(o) for o in labels if _compact(o) != stem and _compact(o).startswith(stem)}
            if len(longer) == 1:
                join(longer.pop(), label)
        shorter = {root(o) for o in labels if (w := plain(o).split()) and len(w) < len(words) and words[:len(w)] == w}
        if len(shorter) == 1:  # "Levée de fonds" for "Levée"
            join(shorter.pop(), label)
    for names in _named_together(labels, statement):
        for label in names[1:]:
            join(names[0], label)
    merged: dict[str, list[int]] = {}
    for label in sorted(labels, key=lambda k: -len(written[k])):
        merged.setdefault(root(label), []).extend(written[label])
    if len(merged) < 2:
        return written, {label: label for label in labels}
    named = {r: max((lab for lab in labels if root(lab) == r), key=lambda k: len(written[k])) for r in merged}
    return {named[r]: sorted(rows) for r, rows in merged.items()}, {label: named[root(label)] for label in labels}


def _named_together(labels: list[str], statement: str | None) -> list[list[str]]:
    """The labels each item of a legend's list of kinds names (items apart at "|", ";" or "," outside brackets), when
    the list has two items naming labels at least."""
    if not statement:
        return []
    items, depth, current = [], 0, ""
    for ch in statement:
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and _SEPARATORS.match(ch):
            items.append(current)
            current = ""
        else:
            current += ch
    items.append(current)
    found = []
    for item in items:
        said = plain(item)
        forms = (said, re.sub(r"[()]", " ", said), re.sub(r"\([^()]*\)", " ", said))
        names = [lab for lab in labels if any(re.search(r"(?<!\w)" + re.escape(plain(lab)) + r"(?!\w)", f)
                                              for f in forms)]
        if names:
            found.append(names)
    return [n for n in found if len(n) > 1] if len(found) >= 2 else []


def with_unnamed_joined(kinds: dict[str, list[int]], named: list[str]) -> dict[str, list[int]]:
    """``kinds`` with each label the legend says nothing of joined to the one named kind it shares a word with
    ("Dépôt UE" beside "Prop. UE"); a label sharing words with none or several ("Sous-total") stays apart."""
    words = {k: set(re.findall(r"[^\W\d_]{2,}", plain(k))) for k in kinds}
    out = {k: list(kinds[k]) for k in named}
    for label, rows in kinds.items():
        if label in out:
            continue
        close = [k for k in named if words[label] & words[k]]
        out.setdefault(close[0] if len(close) == 1 else label, []).extend(rows)
    return {k: sorted(rows) for k, rows in out.items()}
