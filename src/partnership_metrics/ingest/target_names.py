"""Indicator names and units as people write them in targets files, matched to the KPIs of the catalogue.

- Units (:class:`Units`): the unit a name or a units cell says ("(k€)", "en %", "sur 5", "jours"), and whether it
  suits a KPI's unit.
- Names (:class:`KpiNames`): each indicator name is matched with the KPIs of ``vocab/kpis.yaml`` (labels, aliases)
  and the user's ``kpi_synonyms.yaml``; see :meth:`KpiNames.match` for the rule. A name that matches no KPI, or two
  equally, is quarantined with its three closest KPIs; it never becomes a KPI silently.
"""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..indicators import indicators
from ..textnorm import fold, tokens
from .header_units import header_unit

if TYPE_CHECKING:
    from .normalising import Problem
    from .vocabulary import TargetWords

# A name is a KPI when its best score (0-1, see KpiNames.match) reaches MATCH_THRESHOLD and beats the next KPI by
# MATCH_MARGIN; a name with every word of a label or alias, and no other known word, scores 1.
MATCH_THRESHOLD = 0.6
MATCH_MARGIN = 0.1
UNMATCHED = "matches no KPI"  # the start of the quarantine reason of a name that names no KPI
_FOOTNOTE = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰†‡*]+(?=[\s).,;:]|$)")  # "Licences signées¹": a note's call, not a word
_NAMESPACED = re.compile(r"[.:/]")  # between a settings key's namespace and its name ("kpi.val_licences")
_ACRONYM = re.compile(r"[A-Z]{2,6}")  # "(HHI)", "(TTO)": a word of the name, unlike "(k€)"
_BRACKET = re.compile(r"\(([^)]*)\)|\[([^\]]*)\]")
_UNIT_SUFFIX = re.compile(r"(?:^|\s)(?:en|in)\s+(%|[^\s()\[\]]+(?:\s*/\s*\d+)?)\s*$", re.IGNORECASE)
_SCORE_SCALE = re.compile(r"(?:^|\s)/\s*\d+\b|\bsur\s+\d+\b|\bout\s+of\s+\d+\b", re.IGNORECASE)


# --- units ------------------------------------------------------------------------------------------------------

_BILINGUAL_NAME = re.compile(r"\s+[|/]\s+(?=\S+\s+\S)")  # "Nom français | English name", each side two words or more
# what follows an indicator's name: "(sourcing CPP, IT ou conjoint)", ", tous financeurs"
_QUALIFIER = re.compile(r"\s*(?:\([^)]*\)|\[[^\]]*\]|,.*)")
_CURRENCY_THEN_SCALE = re.compile(r"(?:eur|euros?|€)\s*(k|m|mn|million|millions|thousand|thousands)")
# "k€ / M€", "k€ ou M€": a units column saying each value writes its own scale (not euros per euro)
_MONEY_SCALES = re.compile(r"\s*([km]?)\s*(?:€|eur|euros?)\s*(?:/|ou|or|,)\s*([km]?)\s*(?:€|eur|euros?)\s*", re.IGNORECASE)
_MONEY_PER_MONEY = re.compile(r"(€|\beur\b|\beuros?\b).*(\bper\b|\bpar\b|\bpour\b|/).*(€|\beur\b|\beuros?\b)", re.IGNORECASE)


OUT_OF_FIVE = re.compile(r"(?<=\d)\s*(?:/|sur|out of)\s*5\b", re.IGNORECASE)  # "4 sur 5", "4/5": the scale of a score

@dataclass(frozen=True)
class Unit:
    """A unit as a units column or a name writes it: ``kind`` is a unit of ``vocab/targets.yaml`` (percent, eur,
    days...) or None when not said; ``multiplier`` scales amounts (k€: 1000)."""

    kind: str | None = None
    multiplier: float | None = None
    text: str = ""


class Units:
    """Which unit a text writes, and which KPI units a unit allows."""

    def __init__(self, words: TargetWords):
        self.words = {kind: frozenset(fold(w) for w in ws) for kind, (ws, _) in words.units.items()}
        self.kpi_units = {kind: frozenset(units) for kind, (_, units) in words.units.items()}
        self.name_words = {kind: frozenset(ws) for kind, ws in words.unit_name_words.items()}
        bounds = words.bound_words
        self._bound = re.compile(r"^\s*(?:" + "|".join(re.escape(w) for w in bounds) + r")\s*",
                                 re.IGNORECASE) if bounds else None
        self._bound_after = re.compile(r"\s*(?<![\w])(?:" + "|".join(
            re.escape(w) for w in bounds if w[:1].isalpha()) + r")\.?\s*$", re.IGNORECASE) if bounds else None

    def without_bound(self, raw):
        """A target cell without the bound written before or after its value ("≤ 365", "au moins 5", "250k€ max",
        "365 jours maximum"): the bound is the target."""
        if not isinstance(raw, str) or self._bound is None:
            return raw
        return self._bound_after.sub("", self._bound.sub("", raw, count=1), count=1)

    def of_text(self, text) -> Unit:
        """The unit a units-column cell or a bracket of a name writes (``"k€"``, ``"%"``, ``"jours"``, ``"/5"``);
        ``Unit()`` when it writes none."""
        if text is None or isinstance(text, bool) or not str(text).strip():
            return Unit()
        text = " ".join(str(text).split())
        if "%" in text:
            return Unit("percent", None, text)
        scales = _MONEY_SCALES.fullmatch(text)
        if _MONEY_PER_MONEY.search(text) and not (scales and scales[1].lower() != scales[2].lower()):  # "(external € per partner €)": euros per euro are a ratio
            return Unit("ratio", None, text)
        money = header_unit(text)[1]
        if scaled := _CURRENCY_THEN_SCALE.fullmatch(" ".join(text.lower().split())):  # "EUR k", "€ million"
            money = 1e6 if scaled[1].startswith("m") else 1e3
        if money is not None:
            return Unit("eur", money, text)
        if _SCORE_SCALE.search(text):
            return Unit("score", None, text)
        folded = fold(text)
        for kind, words in self.words.items():
            if folded in words:
                return Unit(kind, 1.0 if kind == "eur" else None, text)
        for word in folded.split():
            for kind, words in self.words.items():
                if len(word) > 1 and word in words:
                    return Unit(kind, 1.0 if kind == "eur" else None, text)
        return Unit(None, None, text)

    def of_name(self, name: str) -> tuple[str, Unit]:
        """(the name without its unit and brackets, the unit it writes): ``"Montant levé (k€)"`` ->
        ``("Montant levé", k€)``. Only a unit in brackets, after "en"/"in" at the end, or a "%" counts."""
        unit = Unit()
        for m in _BRACKET.finditer(name):
            found = self.of_text(m.group(1) if m.group(1) is not None else m.group(2))
            if found.kind and not unit.kind:
                unit = found
        clean = _BRACKET.sub(self._acronym_kept, name)
        if (m := _UNIT_SUFFIX.search(clean)) and (found := self.of_text(m.group(1))).kind:
            unit = unit if unit.kind else found
            clean = clean[: m.start()]
        if "%" in clean and not unit.kind:
            unit = Unit("percent", None, "%")
        return " ".join(clean.replace("%", " ").split()), unit

    def _acronym_kept(self, m: re.Match) -> str:
        """A bracket of a name, as matching reads it: an acronym ("(HHI)", "(indice HHI)", also a unit: an index)
        stays a word, anything else ("(k€)", "(en %)") goes."""
        inside = (m.group(1) if m.group(1) is not None else m.group(2) or "").strip()
        kept = [w for w in inside.split() if _ACRONYM.fullmatch(w) and self.of_text(w).kind in (None, "index")]
        return f" {' '.join(kept)} " if kept else " "  # "(indice HHI)": the acronym HHI

    def implied(self, name: str) -> Unit:
        """The unit the words of a name imply when no unit is written ("Taux de succès": a percentage, "Délai
        médian": days); ``Unit()`` when they imply none, or several."""
        folded = f" {fold(_BRACKET.sub(' ', name))} "
        said = {kind: [p for p in phrases if f" {p} " in folded] for kind, phrases in self.name_words.items()}
        kinds = [kind for kind, found in said.items() if found]
        if len(kinds) != 1:
            return Unit()
        return Unit(kinds[0], 1.0 if kinds[0] == "eur" else None, ", ".join(said[kinds[0]]))

    def allows(self, unit: Unit, kpi_unit: str) -> bool:
        """Whether a target written in ``unit`` can be a KPI of ``kpi_unit`` (any, when the unit is not said)."""
        return unit.kind is None or kpi_unit in self.kpi_units.get(unit.kind, frozenset({kpi_unit}))


# --- names ------------------------------------------------------------------------------------------------------

@lru_cache(maxsize=65536)
def singular(word: str) -> str:
    """``"projets"`` -> ``"projet"``, ``"activities"`` -> ``"activity"`` (numbers and short words as they are)."""
    if word.isdigit() or len(word) <= 2:
        return word
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word[-1] in "sx" and not word.endswith("ss"):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light French and English stem, the same for the forms people write: ``détectés``, ``détection``,
    ``detected``, ``détecter`` -> ``detect``; ``financement``, ``financés`` -> ``financ``; ``créées`` -> ``cre``."""
    word = singular(word)
    if word.isdigit() or len(word) <= 3:
        return word
    for suffix in ("ement", "ation", "ion", "ing", "ant", "ed", "er"):  # "entrant", "entrés": entr; "détecter"
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if word.endswith("nne"):
        word = word[:-2]
    while len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


@dataclass(frozen=True)
class NameMatch:
    """The KPI an indicator name names (``kpi_id``), or None with the reason."""

    kpi_id: str | None
    score: float
    reason: str = ""


@dataclass(frozen=True)
class _Entry:
    kpi_id: str
    text: str
    words: frozenset[str]


class KpiNames:
    """Indicator names -> KPI ids, through the labels and aliases of ``vocab/kpis.yaml`` and the user's synonyms
    (``kpi_synonyms.yaml``). Made once per run; each name is matched once."""

    def __init__(self, words: TargetWords, units: Units, user_synonyms=None, extra_filler: frozenset[str] = frozenset(),
                 catalogue=None):
        self.units = units
        self.target_words = words
        self.filler = frozenset(words.name_filler_words) | extra_filler
        self.synonyms = words.name_word_synonyms
        self.catalogue = tuple(catalogue if catalogue is not None else indicators())
        self.kpi_unit = {k.id: k.unit for k in self.catalogue}
        self.higher_is_better = {k.id: k.direction != "down" for k in self.catalogue}
        self.labels = {k.id: k.label for k in self.catalogue}
        self.ids = {k.id for k in self.catalogue}
        texts = []
        for kpi in self.catalogue:
            for text in (*kpi.label.values(), *kpi.aliases, *(user_synonyms or {}).get(kpi.id, ())):
                texts.append((kpi.id, str(text)))
        self.singles: frozenset[str] = frozenset()
        self.qualifiers = tuple(words.qualifier_phrases)
        self.singles = frozenset(w for _, text in texts for w in self._stems(text))  # words as written, for _split
        self.entries = [e for kpi_id, text in texts if (e := _Entry(kpi_id, text, frozenset(self._stems(text))))
                        .words]
        self.known = frozenset(w for e in self.entries for w in e.words)
        documents = {}
        for e in self.entries:
            documents.setdefault(e.kpi_id, set()).update(e.words)
        self.vocabulary = {kpi_id: frozenset(words) for kpi_id, words in documents.items()}  # every name's words
        n = len(documents)
        self.weight = {w: math.log(1 + n / sum(1 for d in documents.values() if w in d)) for w in self.known}
        self.unknown_weight = statistics.fmean(self.weight.values()) if self.weight else 1.0
        self._memo: dict[tuple[str, Unit], NameMatch] = {}

    def _stems(self, text: str) -> list[str]:
        """The matching words of a name: without units, brackets, stop words and filler words; spellings unified
        (``name_word_synonyms``), stemmed, and a word written as two words of the KPI names split into them."""
        clean, _ = self.units.of_name(text)
        out = []
        for word in tokens(clean):
            if len(word) < 2 or word.isdigit():  # "AXE 1", "PILLAR D": numbering, not words
                continue
            word = self.synonyms.get(word) or self.synonyms.get(singular(word)) or word
            if word in self.filler or singular(word) in self.filler:
                continue
            out.append(stem(word))
        return [part for word in out for part in self._split(word)]

    def _split(self, word: str) -> list[str]:
        """A word written as two words of the KPI names, as those two (``startup`` -> ``start``, ``up``;
        ``cofinanc`` -> ``co``, ``financ``), so that ``start-up`` and ``startup`` match in any word order."""
        for i in range(2, len(word) - 1):
            head, tail = word[:i], word[i:]
            if head in self.singles and (tail in self.singles or stem(tail) in self.singles):
                return [head, tail if tail in self.singles else stem(tail)]
        return [word]

    def words(self, name: str) -> frozenset[str]:
        """The matching words of ``name``: without a qualifier of where ("Projets détectés dans les unités de
        recherche": the projects, not the units), unless nothing is left before it."""
        folded = f" {fold(name)} "
        cut = min((i for q in self.qualifiers if (i := folded.find(f" {q} ")) > 0), default=None)
        if cut is not None and not any(ch.isdigit() for ch in folded[cut:]) and len(
                head := self._stems(folded[:cut])) >= 2:  # not "dans les 24 mois": a time, which tells
            return frozenset(head)
        return frozenset(self._stems(name))

    def _score(self, name: frozenset[str], entry: frozenset[str], kpi_words: frozenset[str] | None = None) -> float:
        """The harmonic mean of the name's share of words the entry uses (averaged with its share of words any name
        of the KPI uses, ``kpi_words``: a long name's words spread over several aliases) and the entry's share of
        words the name uses, each word weighted."""
        common = name & entry
        if not common:
            return 0.0
        w = self.weight
        said = sum(w.get(x, self.unknown_weight) for x in name)
        precision = sum(w[x] for x in common) / said
        if kpi_words:
            precision = (precision + sum(w[x] for x in name & kpi_words) / said) / 2
        recall = sum(w[x] for x in common) / sum(w[x] for x in entry)
        return 2 * precision * recall / (precision + recall)

    def scores(self, name: str) -> dict[str, float]:
        """KPI id -> the score of its best label or alias against ``name`` (0-1). A name written in two languages,
        one per line ("Projets détectés\nProjects detected", two words or more each), scores as the better of its
        lines; a name qualified
        in brackets or after a comma ("Montants engagés en maturation, tous financeurs") as the better of it and its
        name alone."""
        lines = [line for line in str(name).splitlines() if line.strip()]
        # (a name wrapped over lines, "Satisfaction des ⏎ participants", is one name: a line of one word no language)
        texts = [name, *lines] if len(lines) > 1 and all(len(self.words(line)) >= 2 for line in lines) else [name]
        texts += [bare for text in texts if (bare := _QUALIFIER.sub("", text).strip()) and bare != text
                  and len(self.words(bare)) >= 2]  # not "Training" of "Training, awareness and networking events"
        best: dict[str, float] = {}
        for words in {self.words(text) for text in texts}:
            for e in self.entries:
                s = self._score(words, e.words, self.vocabulary[e.kpi_id])
                if s > best.get(e.kpi_id, 0.0):
                    best[e.kpi_id] = s
        return best

    def match(self, name: str, unit: Unit = Unit()) -> NameMatch:
        """The KPI ``name`` names, written in ``unit``.

        A KPI id as written (``val_licences``, or after a settings key's namespace: ``kpi.val_licences``) is that KPI. Otherwise every label and alias is scored against the
        name's words (see :meth:`_stems`), each word weighing more the fewer KPIs have it (log(1 + KPIs / KPIs
        whose names have the word)): precision = weight of the shared words / weight of the name's words (a word
        no KPI name has weighs as much as the average word of the KPI names), recall = weight of the shared words /
        weight of the label's words, score = their harmonic mean (1: the same words). Only the KPIs whose unit
        ``unit`` allows compete. The best is kept when it scores at least :data:`MATCH_THRESHOLD`, beats the next
        by :data:`MATCH_MARGIN`, and no KPI of another unit beats it by that margin (the unit would contradict the
        name). A footnote's call after a word ("Licences signées¹", "Participants*") is no part of the name."""
        name = _FOOTNOTE.sub("", name)
        key = (name, unit)
        if key not in self._memo:
            found = self._match(name, unit)
            if found.kpi_id is None and (halves := _BILINGUAL_NAME.split(name)) and len(halves) == 2:
                # "Part des propositions coordonnées | Coordinator share": each language names the KPI
                matched = [m for m in (self._match(h, unit) for h in halves) if m.kpi_id is not None]
                if matched and len({m.kpi_id for m in matched}) == 1:
                    found = max(matched, key=lambda m: m.score)
            self._memo[key] = found
        return self._memo[key]

    def match_in_section(self, name: str, unit: Unit, section: str | None) -> NameMatch:
        """:meth:`match`, with the heading of the name's section breaking a tie between KPIs the name names equally
        well ("Propositions financées" under "3. Accompagnement des projets européens": the funded EU proposals).
        The section never overrides a name: it only chooses among the tied KPIs, by :data:`MATCH_MARGIN`."""
        found = self.match(name, unit)
        if found.kpi_id is not None or not section:
            return found
        ranked = sorted(((k, s) for k, s in self.scores(name).items() if self.units.allows(unit, self.kpi_unit[k])),
                        key=lambda kv: (-kv[1], kv[0]))
        if not ranked or ranked[0][1] < MATCH_THRESHOLD:
            return found
        tied = [k for k, s in ranked if ranked[0][1] - s < MATCH_MARGIN]
        by_section = self.scores(section)
        order = sorted(tied, key=lambda k: (-by_section.get(k, 0.0), k))
        if len(order) >= 2 and by_section.get(order[0], 0.0) - by_section.get(order[1], 0.0) >= MATCH_MARGIN:
            return NameMatch(order[0], ranked[0][1])
        return found

    def match_written(self, name: str) -> NameMatch:
        """The KPI ``name`` names, in the unit it writes ("(k€)") or implies ("Taux de succès": a share)."""
        unit = self.units.of_name(name)[1]
        return self.match(name, unit if unit.kind else self.units.implied(name))

    def _match(self, name: str, unit: Unit) -> NameMatch:
        as_id = "_".join(fold(name).split())
        if as_id in self.ids:
            return NameMatch(as_id, 1.0)
        if (last := "_".join(fold(_NAMESPACED.split(name)[-1]).split())) != as_id and last in self.ids:
            return NameMatch(last, 1.0)  # a settings key naming the KPI by its id ("kpi.val_licences")
        scores = self.scores(name)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        fitting = [(k, s) for k, s in ranked if self.units.allows(unit, self.kpi_unit[k])]
        best = fitting[0] if fitting else (None, 0.0)
        second = fitting[1][1] if len(fitting) > 1 else 0.0
        top = ranked[0] if ranked else best
        if best[1] < MATCH_THRESHOLD:
            why = f" in {unit.text}" if unit.kind and top[1] >= MATCH_THRESHOLD else ""
        elif best[1] - second < MATCH_MARGIN:
            why = ": it names two KPIs equally well"
        elif top[0] != best[0] and top[1] - best[1] >= MATCH_MARGIN:
            why = f": its unit ({unit.text}) is not that of the closest KPI (in {self.kpi_unit[top[0]]})"
        else:
            return NameMatch(best[0], best[1])
        return NameMatch(None, best[1], f"{UNMATCHED}{why} (closest: {self._closest(name, ranked)})")

    def holding(self, name: str, unit: Unit = Unit()) -> NameMatch:
        """The KPI one of whose labels or aliases ``name`` holds every word of, a sentence of prose around it ("le
        taux de succès européen visé est de … sur l'ensemble de la période"): the KPI of the longest such label
        (by the words' weight), when no other KPI's is as long; else no match."""
        words = self.words(name)
        held: dict[str, float] = {}
        for e in self.entries:
            if e.words and e.words <= words and self.units.allows(unit, self.kpi_unit[e.kpi_id]):
                held[e.kpi_id] = max(held.get(e.kpi_id, 0.0), sum(self.weight[w] for w in e.words))
        ranked = sorted(held.items(), key=lambda kv: -kv[1])
        if not ranked or (len(ranked) > 1 and ranked[1][1] >= ranked[0][1]):
            return NameMatch(None, 0.0, f"{UNMATCHED} (closest: {self._closest(name, ranked)})")
        return NameMatch(ranked[0][0], 1.0)

    def _shown(self, kpi_id: str, name: str) -> str:
        """A KPI as a message shows it: its label in the language closest to ``name``, then its id."""
        words = self.words(name)
        label = max(self.labels[kpi_id].values(), key=lambda t: self._score(words, frozenset(self._stems(t))))
        return f"{label} [{kpi_id}]"

    def _closest(self, name: str, ranked: list[tuple[str, float]]) -> str:
        picked = [k for k, _ in ranked[:3]]
        picked += [k.id for k in self.catalogue if k.id not in picked][: 3 - len(picked)]
        return "; ".join(self._shown(k, name) for k in picked)


def value_kind(cell, words: TargetWords) -> str | None:
    """"target" or "other" when ``cell`` names a kind of value, as a form's "Nature de la valeur" column or a tool's
    "Measure" column does ("Valeur cible", "Objectif", "Target" / "Valeur réalisée", "Actual", "Forecast",
    "Baseline"); else None."""
    if not isinstance(cell, str):
        return None
    said_words = {w for w in fold(cell).split() if not w.isdigit()}  # "référence (situation 2018-2020)"
    if not said_words or len(said_words) > 6:
        return None
    said = said_words & words.target_words
    other = said_words & (words.baseline_words | words.actual_words | words.value_kind_other_words
                          | words.forecast_words)
    if not (said or other) or not said_words <= said | other | words.value_kind_filler_words:
        return None
    return "other" if other else "target"


def unmatched_names(problems: list[Problem]) -> list[str]:
    """The indicator names of targets grids that matched no KPI (from the quarantine entries), in order."""
    return list(dict.fromkeys(p.value for p in problems
                              if p.table == "kpi_targets" and p.column == "kpi_id" and p.reason.startswith(UNMATCHED)))
