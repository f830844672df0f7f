"""A targets grid's period headers: "2022", "Objectif cumulé 2021–2023", "Référence 2018-2020", "S1 2021", "Cible
annuelle" -> the period each names and what the header says of its values (a target, a baseline, a forecast, or
nothing), as :class:`~.targets.TargetGrids` reads them (:class:`PeriodHeaders`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ParseError
from ..textnorm import fold
from .half_years import HALF, half_of, quarter_of
from .parsers import expand_fiscal_years
from .target_cells import EACH_YEAR

PLAUSIBLE_YEARS = 12  # a grid's year is this close to the partnership's: "2045" beside a total is an amount
_MILESTONE = re.compile(r"m\d{1,3}")  # "M12 · Dec 2021": months since the start, beside the milestone's date
_YEAR_ORDINAL = re.compile(r"(?:y|yr|a|an)[1-9]")  # "Y1 (2021)": the partnership's first year, beside its date
_ORDINAL_YEAR_WORDS = frozenset({"year", "yr", "annee", "an"})  # "Year 1 (2021)", "Année 1 – 2021"
_SPAN_YEARS_WORDS = frozenset({"year", "years", "yr", "yrs", "ans", "annees"})  # "3-year", "3 ans": the whole period
TRAJECTORY = "→"  # "2021→2022→2023": a column whose cells write one target per year, "10 → 12 → 12"
_DECIDED_ON = re.compile(r"\b\d{1,2}/(?:\d{1,2}/)?\d{4}\b")  # "12/2022", "14/12/2022": a date in a header
_YEAR_ALONE = re.compile(r"(?<![\d/])(?:19|20)\d{2}(?![\d/])")
_NOTE_MARK = re.compile(r"\(\s*(?:[a-zA-Z]|\d)\s*\)|\*+$")  # "(g)", "(1)", "*": the marker of a footnote below
_IN_BRACKETS = re.compile(r"\([^()]*\)")
ARROWS = re.compile(r"\s*(?:→|->|=>|⇒|➔)\s*")


@dataclass
class PeriodColumn:
    index: int
    header: str
    period: str
    kind: str  # target (says so), period (says nothing), baseline (left out)


MAX_REMEMBERED = 100_000  # header cells whose period is remembered (a hostile workbook's are countless)
TOTAL_WORDS = frozenset({"total", "totale", "cumul", "cumule", "cumulee"})  # a column of the years' total


class PeriodHeaders:
    """The reading of period headers of :class:`~.targets.TargetGrids` (its words, partnership, parsers)."""

    def period_header(self, cell) -> str | None:
        """``2022``, ``"2021-2023"``, ``"Objectif cumulé 2021–2023"``, ``"Référence 2018-2020"`` -> the period;
        None for any other cell."""
        found = self._period(cell)
        return found[0] if found else None

    def _period(self, cell) -> tuple[str, frozenset[str]] | None:
        """(period, the header's other words) of a year or period header. (Memoised: the first rows of every sheet
        are asked, their values again and again.)"""
        key = (type(cell), cell)
        try:
            return self._periods[key]
        except KeyError:
            if len(self._periods) > MAX_REMEMBERED:
                self._periods.clear()
            found = self._periods[key] = self._period_of(cell)
            return found
        except TypeError:  # a cell that cannot be a key
            return self._period_of(cell)

    def _period_of(self, cell) -> tuple[str, frozenset[str]] | None:
        if isinstance(cell, bool) or cell is None:
            return None
        if isinstance(cell, (int, float)):
            if not float(cell).is_integer():
                return None
            text, words = str(int(cell)), frozenset()
        else:
            text = _NOTE_MARK.sub(" ", str(cell))  # "Convention 2021-2023 (g)": a footnote's marker
            if _YEAR_ALONE.search(_DECIDED_ON.sub(" ", text)):  # "révisée COPIL 12/2022": when, not for when
                text = _DECIDED_ON.sub(" ", text)
            parts = fold(expand_fiscal_years(text)).split()
            if (half := half_of(parts)) is not None:  # "S1 2021": a half-year's, added to the other's (half_years.py)
                found = self._period(" ".join(half[0]))
                return (f"{found[0]}{HALF}{half[1]}", found[1]) if found and found[0].isdigit() else None
            if (quarter := quarter_of(parts, self.words.year_to_date_words)) is not None:  # "Q4 2022 (YTD)": the year's
                if not quarter[1]:
                    return None  # "Q2 2022 (YTD)": a part of the year's, no target of a period
                parts = quarter[0]
            parts = _without_year_ordinals(parts)
            milestone = [w for w in parts if _MILESTONE.fullmatch(w)]
            parts = [w for w in parts if w not in milestone]
            digits = [w for w in parts if w.isdigit()]
            words = frozenset(w for w in parts if not w.isdigit())
            if milestone or words & self.words.target_words:  # "M12 · Dec 2021", "Jalon fin déc. 2022"
                words -= self.words.milestone_month_words
            if not any(len(d) == 4 for d in digits):
                return self._period_in_words(frozenset(parts))
            if not words <= self.period_words | self.words.whole_period_header_words | self.revision_words:
                outside = _IN_BRACKETS.sub(" ", str(cell))  # "Objectif 2022 (année pivot)": a remark in brackets
                if (outside != str(cell) and words & self.words.target_words
                        and not words & (self.words.actual_words | self.words.baseline_words)):
                    return self._period(outside)
                return None  # "Cible sur la durée de la convention (2021-2023)" is a period header
            if ARROWS.search(str(cell)) and len(digits) >= 2 and all(len(d) == 4 for d in digits):
                return TRAJECTORY.join(digits), words  # "Trajectoire 2021 → 2022 → 2023": a value for each year
            text = " ".join(digits)
        try:
            period = self.parsers.parse_period(text)
        except ParseError:
            return None
        if not period or not all(abs(int(y) - self.partnership.years[0]) <= PLAUSIBLE_YEARS for y in period.split("-")):
            return None
        return period, words

    def _period_in_words(self, words: frozenset[str]) -> tuple[str, frozenset[str]] | None:
        """A target column named without a year: "Cible annuelle" (each year), "Objectif sur la durée de la
        convention" (the whole period)."""
        said = words & self.words.target_words
        rest = words - said
        if not said and words & TOTAL_WORDS and words <= self.words.whole_period_header_words:
            return self.partnership.period, words  # "Total" beside the years of a grid of targets: the whole period's
        span = str(self.partnership.years[1] - self.partnership.years[0] + 1)
        if rest & _SPAN_YEARS_WORDS and span in rest and len(rest) == 2:
            return self.partnership.period, words  # "3-year (target)", "3 ans": the partnership's three years
        if not said or not rest:
            return None
        if rest <= self.words.annual_words:
            return EACH_YEAR, words
        if rest <= self.words.whole_period_header_words:
            return self.partnership.period, words
        return None

    def period_column(self, index: int, cell) -> PeriodColumn | None:
        found = self._period(cell)
        if found is None:
            return None
        period, words = found
        header = " ".join(str(int(cell) if isinstance(cell, float) else cell).split())
        w = self.words
        if words & w.actual_words and not words & w.target_words:
            return PeriodColumn(index, header, period, "baseline")  # "Actual 2022": never a target
        if words & w.forecast_words and not words & (w.target_words - w.forecast_words):
            return PeriodColumn(index, header, period, "forecast")  # a target unless the period has another (_layout)
        if words & w.target_words:
            return PeriodColumn(index, header, period, "target")
        first = self.partnership.years[0]
        if (words & self.words.baseline_words or period == self.partnership.baseline
                or max(map(int, re.findall(r"(?:19|20)\d{2}", period)), default=first) < first):  # "2018"
            return PeriodColumn(index, header, period, "baseline")
        return PeriodColumn(index, header, period, "period")


def _without_year_ordinals(parts: list[str]) -> list[str]:
    """The words of a header beside a calendar year without the partnership's count of its years ("Y1 (2021)",
    "Year 1 (2021)", "Année 1 – 2021": 2021)."""
    if not any(len(w) == 4 and w.isdigit() for w in parts):
        return parts
    kept: list[str] = []
    for k, word in enumerate(parts):
        if _YEAR_ORDINAL.fullmatch(word) or (word in _ORDINAL_YEAR_WORDS and parts[k + 1: k + 2] and
                                             len(parts[k + 1]) == 1 and parts[k + 1].isdigit()):
            continue
        if k and parts[k - 1] in _ORDINAL_YEAR_WORDS and len(word) == 1 and word.isdigit():
            continue
        kept.append(word)
    return kept
