"""Targets written in running prose, several to a sentence, a slide's text box or an e-mail's line: "Objectif
2021-2023 : 5 licences signées et 4 start-up créées", "Dont par an : 9 projets en 2021 · 10 en 2022 · 11 en 2023",
"Pour la maturation, 300 k€ … dès 2021 et 1,2 M€ au total sur 2021-2023 ; le délai médian … sous 365 jours".

A text is cut into sentences (and a colon's two sides), each into clauses at commas, middle dots and the words that
join two targets ("et", "soit", "dont", "and"); words without a number go on the clause before them, or lead the
next one. Each clause with one number is a target (see :mod:`.sentences` for how it is named and dated). A sentence
or a box's label about the baseline ("Rappel situation de référence 2018-2020 : …", "était de 22 % sur 2018-2020")
gives clauses marked so: they may name the KPI of the target that follows them ("… : l'objectif est de 30 %"), never
a target."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..textnorm import fold
from .target_names import OUT_OF_FIVE

# a heading's numbering: "Axe 1 – …", "Article A2.2 — …", "Annexe 2 : …" (its number is no target)
_NUMBERING = re.compile(r"^\s*[^\W\d_]{2,}\.?\s*[^\W\d_]?\d{1,2}(?:\.\d{1,2})*\s*[—–:.)-]\s*")
_LABEL = re.compile(r"^(?P<label>[^:：]{2,90}?)\s*[:：]\s*(?P<body>.+)$", re.S)
_ASIDE = re.compile(r"\(([^()]*)\)")
_TIMES = re.compile(r"(?<![\w.,])[x×]\s?(?=\d)", re.I)  # "x2", "× 1,5": a leverage's multiple
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_YEAR_SPAN = re.compile(r"(?<!\d)(?:19|20)\d{2}(?:\s*[-–/à]\s*(?:19|20)?\d{2})?(?!\d)")
# one number ("12", "1 000", "1,35", "0,30") and the unit written after it ("%", "k€", "M€", "jours")
NUMBER = re.compile(r"(?<![\w.,/])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)([.,]\d+)?\s*"
                     r"(%|k\s?€|m\s?€|€|keur|meur|eur|jours?|j|days?)?(?![\w])", re.I)
# values side by side as a table pasted as text has them: "10 12 12 34" (not "1 350"), "— — 5", a tab
_TABLE_LINE = re.compile(r"\d\s+\d{1,2}(?!\d)|\d\s+\d{4,}|(?:\s[—–-]){2}(?:\s|$)|\t")
_CURRENCY_FIRST = re.compile(r"(?<![\w.,])(?:€|eur)\s?(?P<number>\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?)\s?"
                             r"(?P<scale>[km])?(?![\w€])", re.I)
_BARE_SCALE = re.compile(r"(?<![\w.,])(?P<number>\d+(?:[.,]\d+)?)(?P<scale>[kKM])(?![\w€])")  # "10M", "500k"
_ONLY_NUMBER = re.compile(r"\s*\d+(?:[.,]\d+)?\s*%?\s*")  # "(0)", "(30 %)": the number itself, in brackets
# where a text's sentences end, and the two sides of a colon in a sentence: each may speak of the baseline or not
_SENTENCES = re.compile(r"\s*(?:;|:|\.\s+(?=[^\W\d_]))\s*")
# a value written after its years and a colon, as a slide's box lists them ("2021: 8 · 2022: 9"; not "Objectif
# 2021-2023 : 5 licences", a label)
_DATED_VALUE = re.compile(r"(?P<lead>^|[·;|,•–—]\s*)(?P<years>(?:19|20)\d{2}(?:\s*[-–/]\s*(?:19|20)?\d{2})?)\s*[:：=]\s*"
                          r"(?P<value>(?:[≥≤<>~]\s*)?\d(?:[\d\u00a0\u202f ]*\d)?(?:[.,]\d+)?(?:\s*(?:%|k\s?€|m\s?€|€|keur|meur))?)",
                          re.I)
_AFTER_YEAR = re.compile(r"(?<=(?:19|20)\d{2})\s+[–—-]\s+(?=[≥≤<>~]?\s*\d)")  # "5 en 2021 – 6 en 2022": two clauses
_DIGIT = re.compile(r"\d")
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
    since: str | None = None  # "par an à partir de 2022": the first year of a target each year
    spans: tuple[str, ...] = ()  # the periods of several years it names ("2021-2023"), as written
    no_target: bool = False  # the baseline's value ("était de 22 % sur 2018-2020"), a past one ("16 % en 2020"), a
    # value replaced ("c'est 7 en 2023 (et non 6)"): it names a KPI, gives no target


def clauses_of(text: str, words, baseline_words: frozenset[str], baseline_period: str) -> list[Clause]:
    """The clauses of one text cell that write a number, in order; those that give no target (the baseline's, a
    past value, a value replaced) marked so."""
    folded = fold(text)
    if len(folded.split()) < MIN_WORDS or _TABLE_LINE.search(text):
        return []  # "1 350", "20 %": a value; "Projets détectés nb 10 12 12 34": a table's line, not prose

    def about_baseline(part: str) -> bool:
        return bool(set(fold(part).split()) & baseline_words) or baseline_period in part

    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    # a box's title on its first line ("Projects detected⏎2021: 8 · 2022: 9"): the label of each line below it
    titled = len(lines) > 1 and not _DIGIT.search(lines[0]) and len(lines[0].split()) <= MAX_LABEL_WORDS and (
        ":" not in lines[0])
    label = lines[0] if titled else ""
    body = _NUMBERING.sub("", " ; ".join(lines[1:]) if titled else " ".join(text.split()))
    body = _AFTER_YEAR.sub(" · ", _DATED_VALUE.sub(_value_of_years, body))
    if not titled and (labelled := _LABEL.match(body)) and len(labelled["label"].split()) <= MAX_LABEL_WORDS:
        label, body = labelled["label"], labelled["body"]
    # "(référence 2018-2020 : 7 par an)", "(2021 : année de mise en place, pas d'objectif)": no target, no year
    body = _ASIDE.sub(lambda b: " " if about_baseline(b[1]) or _says_none(b[1], words) else _aside(b), body)
    body = _per_unit(words.per_unit_phrases).sub(r"\g<number> \g<between>", money_as_written_after(_TIMES.sub(" ", body)))
    found = []
    for segment in _SENTENCES.split(body):  # "était de 22 % sur 2018-2020 : l'objectif est de 30 %"
        baseline = about_baseline(label) or about_baseline(segment)
        for part in _parts(segment, words.clause_join_words):
            if (clause := _clause(part, words, fold(_ASIDE.sub(" ", label)))) is not None:
                # "le taux national était d'environ 16 % en 2020": a value of the past, dated before the period
                clause.no_target = (baseline or bool(clause.years) and max(clause.years) <= baseline_period[-4:]
                                    or any(f" {p} " in f" {clause.name} " for p in words.replaced_value_phrases))
                found.append(clause)
    return found


def period_of_span(span: str) -> str:
    """A period as written ("2021-2023", "2021–23", "2021 à 2023") as the targets name it ("2021-2023")."""
    first, *rest = re.findall(r"\d+", span)
    last = rest[-1] if rest else first
    return f"{first}-{first[:4 - len(last)]}{last}"


def _value_of_years(found: re.Match) -> str:
    """"2021: 8" as prose writes it ("8 en 2021"); "· 2021-2023: 27" as "· 27 sur 2021-2023"."""
    years = found["years"]
    return f"{found['lead']}{found['value'].strip()} {'en' if len(years) == 4 else 'sur'} {years}"


def _aside(bracket: re.Match) -> str:
    """An aside in brackets as a clause reads it: the number itself ("aucun défaut de coordination (0)"), a target
    restated over another period ("500 k€ par an (1,5 M€ sur 2021-2023)": a clause of its own), else only the years
    it names ("(2021, 2022 et 2023)"; "(2 € de financements externes pour 1 €)" is no target)."""
    inside = bracket[1]
    if _ONLY_NUMBER.fullmatch(inside):
        return f" {inside} "
    if len(NUMBER.findall(_YEAR_SPAN.sub(" ", inside))) == 1:
        return f", {inside} ,"
    return " " + " ".join(y[0] for y in _YEAR_SPAN.finditer(inside)) + " "


def money_as_written_after(text: str) -> str:
    """``text`` with its amounts written currency first or with a bare scale ("EUR 10M", "€1.2M", "€500k", "10M")
    written as French amounts are ("10 M€", "1.2 M€", "500 k€"), the unit after the number."""
    text = _CURRENCY_FIRST.sub(lambda m: f"{m['number']} {(m['scale'] or '').upper().replace('K', 'k')}€", text)
    return _BARE_SCALE.sub(lambda m: f"{m['number']} {m['scale'].upper().replace('K', 'k')}€", text)


def _says_none(text: str, words) -> bool:
    return any(f" {p} " in f" {fold(text)} " for p in words.no_target_phrases)


def _parts(segment: str, join_words: tuple[str, ...]) -> list[str]:
    """A sentence's clauses with one number each: words without a number go on the clause before them ("dès
    2021"), or lead the next one when none is before ("Pour la maturation, 300 k€ …")."""
    parts: list[str] = []
    lead = ""
    for part in _joins(join_words).split(segment):
        if NUMBER.search(_YEAR_SPAN.sub(" ", part)):
            parts.append(f"{lead} {part}")
            lead = ""
        elif parts:
            parts[-1] = f"{parts[-1]} {part}"
        else:
            lead = f"{lead} {part}"
    return parts


@cache
def _per_unit(phrases: tuple[str, ...]) -> re.Pattern:
    """A ratio written as two amounts ("1,5 € de financements externes pour 1 € apporté"): the first number, then
    what is between them (the KPI's words)."""
    joined = "|".join(re.escape(p) for p in phrases)
    money = r"(?:€|euros?|eur)(?![\w])"
    return re.compile(rf"(?P<number>\d+(?:[.,]\d+)?)\s*{money}(?P<between>[^;:]{{0,120}}?)\s(?:{joined})\s*(?:1\s*)?"
                      rf"{money}", re.I)


@cache
def _joins(join_words: tuple[str, ...]) -> re.Pattern:
    """Where a text is cut into clauses: semicolons, middle dots, a comma before anything but a digit (not "1,5"),
    and the words that join two targets ("et", "soit", "dont")."""
    joined = "|".join(re.escape(w) for w in join_words)
    return re.compile(rf"\s*(?:[;·•|]|,(?!\d)|\s(?:{joined})\s)\s*", re.I)


def _says_yearly(folded: str, words) -> bool:
    return any(f" {p} " in folded for p in words.sentence_year_phrases)


def _clause(part: str, words, label: str) -> Clause | None:
    plain = OUT_OF_FIVE.sub("", part)
    numbers = list(NUMBER.finditer(_YEAR_SPAN.sub(lambda m: " " * len(m[0]), plain)))
    if len(numbers) != 1:
        return None
    number = numbers[0]
    rest = plain[: number.start()] + " " + plain[number.end():]
    years = tuple(dict.fromkeys(y for span in _YEAR_SPAN.finditer(rest) if len(span[0]) == 4
                                for y in _YEAR.findall(span[0])))
    spans = tuple(span[0] for span in _YEAR_SPAN.finditer(rest) if len(span[0]) > 4)
    folded = f" {fold(_YEAR_SPAN.sub(' ', rest))} "
    yearly = _says_yearly(folded, words) or (not years and _says_yearly(f" {label} ", words))  # "Dont par an : …"
    since = None
    if yearly and len(years) == 1 and any(f" {p} {years[0]} " in f" {fold(rest)} " for p in words.from_year_phrases):
        since, years = years[0], ()  # "2 par an à partir de 2022": 2022 and each year after it
    for phrase in (*words.from_year_phrases, *words.sentence_year_phrases, *words.sentence_filler_phrases):
        folded = folded.replace(f" {phrase} ", " ")
    unit = re.sub(r"\s", "", (number[3] or "").lower())
    return Clause(" ".join(part.split()), " ".join(folded.split()), number[1] + (number[2] or ""), unit, yearly,
                  years, label, since=since, spans=spans)
