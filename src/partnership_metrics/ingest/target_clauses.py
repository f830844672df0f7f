"""Targets written in running prose, several to a sentence or to a slide's text box: "Objectif 2021-2023 : 5
licences signées et 4 start-up créées", "Europe 2021-2023 : 20 propositions déposées, taux de succès ≥ 25 %", "détecter
au moins 12 projets par an, soit 36 projets détectés sur la durée de la convention (2021-2023)", "Dont par an : 9
projets en 2021 · 10 en 2022 · 11 en 2023".

A text is cut into clauses at commas, semicolons, middle dots and the words that join two targets ("et", "soit",
"dont", "and"); a clause without a number belongs to the one before it (its words may say the period). Each clause
with one number is a target. It is named by its own words, or with the label before a colon ("Sourcing conjoint :
30 % des projets détectés"), or, when its words add nothing to the clause before it ("10 en 2022", "9 projets en
2021" after "30 projets détectés"), it is that clause's KPI. The years it names say its period (one year, or each
year listed with "chaque année (2021, 2022 et 2023)"); "par an" each year of the partnership; else the whole period.
A text that speaks of the baseline ("Rappel situation de référence 2018-2020 : …", "… avaient été détectés ; ces
valeurs servent de situation de référence") gives none."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..textnorm import fold
from .target_names import OUT_OF_FIVE

# a heading's numbering: "Axe 1 – …", "Article A2.2 — …", "Annexe 2 : …" (its number is no target)
_NUMBERING = re.compile(r"^\s*[^\W\d_]{2,}\.?\s*[^\W\d_]?\d{1,2}(?:\.\d{1,2})*\s*[—–:.)-]\s*")
_LABEL = re.compile(r"^(?P<label>[^:：]{2,90}?)\s*[:：]\s*(?P<body>.+)$", re.S)
_ASIDE = re.compile(r"\(([^()]*)\)")
_JOINS = re.compile(r"\s*(?:[;·•|]|,(?!\d)|\s(?:et|and|soit|i\.e\.|dont|including)\s)\s*", re.I)
_TIMES = re.compile(r"(?<![\w.,])[x×]\s?(?=\d)", re.I)  # "x2", "× 1,5": a leverage's multiple
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_YEAR_SPAN = re.compile(r"(?<!\d)(?:19|20)\d{2}(?:\s*[-–/à]\s*(?:19|20)?\d{2})?(?!\d)")
_NUMBER = re.compile(r"(?<![\w.,/])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)([.,]\d+)?\s*"
                     r"(%|k\s?€|m\s?€|€|keur|meur|eur|jours?|j|days?)?(?![\w])", re.I)
# values side by side as a table pasted as text has them: "10 12 12 34" (not "1 350"), "— — 5", a tab
_TABLE_LINE = re.compile(r"\d\s+\d{1,2}(?!\d)|\d\s+\d{4,}|(?:\s[—–-]){2}(?:\s|$)|\t")
MIN_WORDS = 3  # a text of prose (a clause may then be as short as "10 en 2022")
MAX_LABEL_WORDS = 10  # a longer text before a colon is a sentence, not a box's label


@dataclass
class Clause:
    text: str  # the clause as written, its asides left out
    name: str  # its words without the number, the unit, the years and the filler phrases (folded)
    number: str  # as written ("1,5", "36")
    unit: str  # as written after the number ("%", "m€", ""), lower case without spaces
    yearly: bool  # "par an", "chaque année"
    years: tuple[str, ...]  # the single years it names ("en 2022"; "(2021, 2022 et 2023)")
    label: str = ""  # the words before the text's colon ("Formation & événements 2021-2023"), folded


def clauses_of(text: str, words, baseline_words: frozenset[str], baseline_period: str) -> list[Clause]:
    """The target clauses of one text cell, in order; none when the text speaks of the baseline."""
    folded = fold(text)
    if (len(folded.split()) < MIN_WORDS or set(folded.split()) & baseline_words or baseline_period in text
            or _TABLE_LINE.search(text)):
        return []  # "1 350", "20 %": a value; "Projets détectés nb 10 12 12 34": a table's line, not prose
    body = _NUMBERING.sub("", " ".join(text.split()))
    label = ""
    if (labelled := _LABEL.match(body)) and len(labelled["label"].split()) <= MAX_LABEL_WORDS:
        label, body = fold(_ASIDE.sub(" ", labelled["label"])), labelled["body"]
    # an aside says no target ("(2 € de financements externes pour 1 €)") but may say the period ("(2021, 2022 et 2023)")
    body = _ASIDE.sub(lambda m: " " + " ".join(y[0] for y in _YEAR_SPAN.finditer(m[1])) + " ", body)
    body = _TIMES.sub(" ", body)
    parts: list[str] = []
    for part in _JOINS.split(body):
        if parts and not _NUMBER.search(_YEAR_SPAN.sub(" ", part)):
            parts[-1] = f"{parts[-1]} {part}"  # no number: the clause before it goes on
        elif part.strip():
            parts.append(part)
    label_yearly = _says_yearly(f" {label} ", words)
    found = []
    for part in parts:
        clause = _clause(part, words, label)
        if clause is not None:
            clause.yearly = clause.yearly or (label_yearly and not clause.years)
            found.append(clause)
    return found


def _says_yearly(folded: str, words) -> bool:
    return any(f" {p} " in folded for p in words.sentence_year_phrases)


def _clause(part: str, words, label: str) -> Clause | None:
    plain = OUT_OF_FIVE.sub("", part)
    numbers = list(_NUMBER.finditer(_YEAR_SPAN.sub(lambda m: " " * len(m[0]), plain)))
    if len(numbers) != 1:
        return None
    number = numbers[0]
    rest = plain[: number.start()] + " " + plain[number.end():]
    years = tuple(dict.fromkeys(y for span in _YEAR_SPAN.finditer(rest) if len(span[0]) == 4
                                for y in _YEAR.findall(span[0])))
    folded = f" {fold(_YEAR_SPAN.sub(' ', rest))} "
    yearly = _says_yearly(folded, words)
    for phrase in (*words.sentence_year_phrases, *words.sentence_filler_phrases):
        folded = folded.replace(f" {phrase} ", " ")
    unit = re.sub(r"\s", "", (number[3] or "").lower())
    return Clause(" ".join(part.split()), " ".join(folded.split()), number[1] + (number[2] or ""), unit, yearly,
                  years, label)
