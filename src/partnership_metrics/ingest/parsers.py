"""Parsers for the values people type in spreadsheets: money, dates, numbers, booleans, ids, SIRENs, periods.

Every parser returns a Python value, ``None`` for an empty cell, or raises :class:`ParseError` with a reason
that the quarantine shows. Nothing else escapes them (property-tested with hypothesis). The words they know
(placeholders of empty cells, months, yes/no, money units) come from ``vocab/words.yaml``: a
:class:`ValueParsers` is made from the run's :class:`~.vocabulary.Words`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
from typing import TYPE_CHECKING

from ..errors import ParseError
from ..schemas import luhn_ok
from ..textnorm import fold
from .date_text import MAX_RANGE_DAYS, simpler_dates
from .number_text import money_sign as _money_sign
from .number_text import parse_number_text as _parse_number_text
from .number_text import shown as _show
from .unix_times import unix_time_date

if TYPE_CHECKING:
    from .vocabulary import Words

_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\u2009\u200a\u2008\u2006\u2005\u2004\u2003\u2002\u2000\u200b'’`´]+")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
MAX_KEPT_DATES = 200_000  # texts whose dates a run keeps (a hostile file of distinct texts cannot grow it further)
_SERIAL_RANGE = (10_000, 80_000)  # 1927-05-18 .. 2119-01-10: numbers outside are not plausible dates here


# --- numbers and money ---------------------------------------------------------------------------------------

_REMARK = re.compile(r"(?<=\S)\s*\((?![\d\s.,]+\)$)[^)]*\)\s*$")  # "150 k€ (2 tranches)": a remark, not a sign
_IN_EUROS = re.compile(r"\((?:\s*(?:≈|~|=|soit|env\.?|environ|approx\.?))?\s*([^()]*?(?:€|\beur\b)[^()]*)\)\s*$", re.I)
_APPROX = re.compile(r"^(≈|~|env\.?|environ|ca\.?|approx\.?)\s*")
_MONEY = re.compile(r"^(?P<pre>[^\d]*?)(?P<num>\d[\d.,]*)(?P<suf>[^\d]*)$")  # "€350k", "k€ 960", "EUR 1.5M"
_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?e[+-]?\d{1,3}$")


_REGISTRY_NUMBER = re.compile(r"\d[\d\s.\u00a0\u202f]*\d")
_REGISTRY_WORDS = re.compile(r"\s*(?:(?:rcs|siren|siret|n°|no|b|:|-)\s*)*[^\W\d]*(?:[\s-][^\W\d]+)*\s*(?:b\s*)?",
                             re.IGNORECASE)  # "RCS Nice B", "SIREN :", "RCS Aix-en-Provence"


def _unmarked(value):
    """A text cell typed with the spreadsheet's text marker ("'02/03/2019", "'450000"): the value without it."""
    if isinstance(value, str) and value[:1] in "'’" and len(value) > 1 and value[-1:] not in "'’":
        return value[1:]
    return value


_FOOTNOTE = re.compile(r"(?<=\S)\s*(?:\*{1,3}|\(\d{1,2}\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)$")  # "32*", "73 000 €(1)", "12²"


def _unnoted(value):
    """A number or date cell pasted from a report with its footnote marker ("32*", "73 000 €(1)"): the value without
    the marker (the footnote itself is a note row below the table)."""
    value = _unmarked(value)
    if isinstance(value, str) and value[-1:] in "*)¹²³⁴⁵⁶⁷⁸⁹⁰":
        return _FOOTNOTE.sub("", value)
    return value


def _date_text(value: str) -> str:
    """A date cell's text, its spaces normalised and fiscal years spelt out; a guess of when ("fin T1 2024 ?") is no
    date."""
    text = expand_fiscal_years(" ".join(value.strip().split()))
    if text.endswith("?"):
        raise ParseError(f"{value!r} is a guess, not a date")
    return text


def _date_of_cell(value) -> tuple[dt.date, str]:
    """``(date, precision)`` of a cell that is not text: a date, an Excel serial, a year typed as a number."""
    if isinstance(value, dt.datetime):
        return value.date(), DAY
    if isinstance(value, dt.date):
        return value, DAY
    if isinstance(value, bool):
        raise ParseError(f"{value!r} is not a date")
    if isinstance(value, (int, float)):
        if not math.isfinite(float(value)):
            raise ParseError(f"{_show(value)!r} is not a date")
        if float(value).is_integer() and _YEARS[0] <= value <= _YEARS[1]:  # "2019" typed in a date cell
            return dt.date(int(value), 1, 1), YEAR
        return _serial_to_date(float(value), value), DAY
    raise ParseError(f"{_show(value)!r} is not a date")


_MONEY_WORD = re.compile(r"€|eur|euro", re.IGNORECASE)  # a count's word is never a currency
_SCORE_TEXT = re.compile(r"\s*\d[\d\s\u00a0\u202f.,]*/\s*\d+(?:[.,]\d+)?\s*(?:\([^)]*\)\s*)?")  # "4,2/5", "8 / 10"
_LABELLED_COUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[\s\u00a0\u202f]\d{3})*|\d+)(?![\d.,])\s*([^\W\d_]+)")  # "70 présents"
_COUNT = re.compile(r"^\s*(?:≈|~)?\s*(\d[\d\s\u00a0\u202f.,]*?)\s*[^\W\d_]+[^\d]*$")


# --- dates ---------------------------------------------------------------------------------------------------

_DATE_RANGE = re.compile(r"\s*(?:→|->|⟶|⇒)\s*")  # a period in one cell, as Notion exports a date range
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?: \d{1,2}[:h]\d{2}(?::\d{2})?)?$")
_MONTH_YEAR_NUM = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})[/.\-](\d{1,2})$")


DAY, MONTH, QUARTER, SEMESTER, YEAR = "day", "month", "quarter", "semester", "year"
PRECISIONS = (DAY, MONTH, QUARTER, SEMESTER, YEAR)  # from the finest
_YEARS = (1950, 2100)  # a whole number in this range, in a date column, is a year
_COMPACT = re.compile(r"(19[5-9]\d|20\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])")  # 20180610: an ERP's YYYYMMDD
# 202311: YYYYMM, the month of a template that asks for YYYYMMDD (six digits are never an Excel serial: those of
# 1950-2100 have five)
_COMPACT_MONTH = re.compile(r"(19[5-9]\d|20\d\d)(0[1-9]|1[0-2])")
# 20210300, 20200000: a database's YYYYMMDD with 00 for the day or the month it does not know
_COMPACT_UNKNOWN = re.compile(r"(19[5-9]\d|20\d\d)(0[1-9]|1[0-2]|00)00")


_COMPACT_RANGE = re.compile(r"(\d{8}) ?[-–] ?(?:\d{2}|\d{4}|\d{8})")  # 20220315-16: two days, the first kept


def _compact(digits: str, value) -> tuple[dt.date, str] | None:
    """``20180610`` (a day), ``20220315-16`` (its first day), ``202311`` or ``20231100`` (a month), ``20230000``
    (a year), else None."""
    if m := _COMPACT_RANGE.fullmatch(digits):
        digits = m[1]
    if m := _COMPACT.fullmatch(digits):
        return _make_date(int(m[1]), int(m[2]), int(m[3]), value), DAY
    if m := _COMPACT_MONTH.fullmatch(digits):
        return _make_date(int(m[1]), int(m[2]), 1, value), MONTH
    if m := _COMPACT_UNKNOWN.fullmatch(digits):
        return (_make_date(int(m[1]), int(m[2]), 1, value), MONTH) if m[2] != "00" else (
            _make_date(int(m[1]), 1, 1, value), YEAR)
    return None
_LONG_DECIMAL = re.compile(r"-?\d+[.,]\d{4,}")  # four decimals or more: no thousands, no cents
_DOTTED_SCORE = re.compile(r"\d{1,2}\.\d{3}")  # "4.375": read as 4 375 by French habit, a score's decimals
_WHOLE_FLOAT = re.compile(r"(\d{9}|\d{14})\.0+")  # a SIREN or SIRET written as a float by a data tool
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|er|e|eme|ere)$")
_QUARTER_WORDS = r"(?:trimestre|trim|quarter|qtr)"
_SEMESTER_WORDS = r"(?:semestre|sem|semester|half|half year)"
_PARTS_OF_YEAR = tuple((re.compile(p), precision) for p, precision in (
    (r"(?:t|q)(?P<n>[1-4]) (?P<y>\d{4}|\d{2})", QUARTER),
    (r"(?P<y>\d{4}) ?(?:t|q)(?P<n>[1-4])", QUARTER),  # "2020 Q3", pandas's "2020Q3"
    (r"(?P<n>[1-4])(?:t|q) (?P<y>\d{4})", QUARTER),
    (rf"(?P<n>[1-4])(?:er|e|eme|st|nd|rd|th)? {_QUARTER_WORDS} (?:de |of )?(?P<y>\d{{4}})", QUARTER),
    (r"(?:s|h)(?P<n>[12]) (?P<y>\d{4}|\d{2})", SEMESTER),
    (r"(?P<y>\d{4}) ?(?:s|h)(?P<n>[12])", SEMESTER),
    (rf"(?P<n>[12])(?:er|e|eme|st|nd)? {_SEMESTER_WORDS} (?:de |of )?(?P<y>\d{{4}})", SEMESTER),
))


_FISCAL_YEAR = re.compile(r"\bfy ?(\d{4}|\d{2})\b", re.I)  # "FY21", "FY 2021": the year (a calendar year here)


def expand_fiscal_years(text: str) -> str:
    """``FY21 Q3`` -> ``2021 Q3``, ``FY21-FY23`` -> ``2021-2023``: a fiscal year written as the calendar year it is
    (French partners' financial years are calendar years)."""
    return _FISCAL_YEAR.sub(lambda m: str(_year(m[1])), text) if "y" in text.lower() else text


# "CODIR du 28/03/2021", "Comité le 05/04/2022", "Board of 12/03/2021": a meeting named with its date
_DATED_EVENT = re.compile(r"(?P<label>[^\d]{2,40}?)\s+(?:du|le|on|of)\s+(?P<date>\d{1,2}[/.]\d{1,2}[/.]\d{2,4})",
                          re.I)
_WORD_YEAR = re.compile(r"([a-z]+) ?(\d{4})")  # "exercice 2022", "fy2022" (folded)


def _make_date(year: int, month: int, day: int, original) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ParseError(f"{_show(original)!r} is not a valid date") from None


def _serial_to_date(serial: float, original) -> dt.date:
    if not (_SERIAL_RANGE[0] <= serial < _SERIAL_RANGE[1]):
        if 1900 <= serial <= 2100 and float(serial).is_integer():
            raise ParseError(f"{_show(original)!r} is a year, not a date")
        raise ParseError(f"{_show(original)!r} is not a date")
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


# --- other kinds ---------------------------------------------------------------------------------------------

_LINKED_TEXT = re.compile(r"^https?://[^\s,]+,\s*(?P<text>\S.*)$", re.S)
_LINK = re.compile(r"\s*\((?:https?://|www\.)[^\s()]*\)")  # "Call-01 (https://www.notion.so/…)": a page's link


def parse_text(value) -> str | None:
    """Free text with line breaks and repeated spaces folded, without the links a tool writes beside a linked page's
    name ("HORIZON-HLTH-2023-01 (https://www.notion.so/…)" from Notion, "https://…, ERC-2021-PoC" from a Microsoft
    Lists hyperlink column)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():
            return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if "(http" in text or "(www." in text:
        text = _LINK.sub("", text)
    elif text.startswith(("http://", "https://")) and (found := _LINKED_TEXT.match(text)):
        text = found["text"]  # "https://…, ERC-2021-PoC": a hyperlink column (Microsoft Lists) and its text
    return " ".join(text.split()) or None




_UNIT_KINDS = "UMR[_-]?S|UMR|UPR|UMS|ERL|FRE|UAR|UR|EA|US|U"
_O_FOR_ZERO = re.compile(r"(?<=\d)[Oo](?=\d)")
_RENUMBERED = re.compile(r"\s*(?:→|->|=>|⇒|➜|➔)\s*")  # "old → new" code of a renumbered unit
_UNIT = re.compile(rf"\b({_UNIT_KINDS})\s*-?\s*(\d{{3,4}})\b", re.IGNORECASE)
UNIT_IN_TEXT = _UNIT  # a unit's code inside a longer text ("UCA, C3M U1065"), for the readers that look for one
_INSERM_UMRS = re.compile(r"UMR[_-]?S", re.IGNORECASE)  # "UMR_S 1068": Inserm's unit U1068, as Inserm numbers it
_UNIT_CODE = re.compile(r"(UMRS|UMR|UPR|UMS|ERL|FRE|UAR|UR|EA|US|U)\s*-?\s*(\d{1,4}[A-Za-z]{1,4})", re.IGNORECASE)


class ValueParsers:
    """The parsers of cell values, knowing the words of one vocabulary (``vocab/words.yaml``)."""

    def __init__(self, words: Words):
        self.missing_values = words.missing_values
        self.pending_values = words.pending_values - {""}
        self.pending_phrases = words.pending_phrases
        self.whole_period_words = words.whole_period_words
        self.deadline_words = words.deadline_words
        self.whole_period: str | None = None  # the partnership's period, when the run knows it
        self.time_zone = "UTC"  # where Unix times are read as dates: the partnership's, when the run knows it
        # first characters worth folding a cell for ("À compléter" folds to "a completer"): no need for "Sonde A"
        self._pending_starts = frozenset(w[:1] for w in self.pending_values) | frozenset("àâáÀÂÁ[(")
        self.money_unit_suffixes = words.money_unit_suffixes
        self.max_amount = words.money_limits["max_eur"]
        self.months = words.months
        self.weekdays = words.weekdays
        self.true_words = words.true_words
        self.false_words = words.false_words
        self.tick_marks = words.tick_marks
        self.cross_marks = words.cross_marks
        self.attended_count_words = words.attended_count_words
        self.registered_count_words = words.registered_count_words
        self.year_words = words.year_only_header_words  # "exercice 2022", "FY2022": the year 2022
        self.date_lead_words = words.date_lead_words | words.weekdays
        # "expected Q2 2024", "prévu T2 2024": a milestone still to come; "non" in a milestone's column: none reached
        self.no_date_words = words.planned_date_words | {w for w in words.false_words if w.isalpha()}
        self.date_range_words = words.date_range_words
        self.approximate_date_words = words.approximate_date_words
        self.month_words = frozenset(words.months)
        self.not_unit_phrases = words.not_unit_phrases
        self.not_unit_structures = words.not_unit_structure_words
        bodies = "|".join(re.escape(b).replace(r"\ ", r"[\s-]?") for b in sorted(words.research_unit_bodies, key=len,
                                                                                   reverse=True))
        self._unit_with_body = re.compile(rf"\b({_UNIT_KINDS})[\s-]+(?:{bodies})\s*-?\s*(\d{{3,4}})\b", re.IGNORECASE)
        self._simplifying = False  # reading a simpler form of a date: no simpler form of that one
        self._dates: dict[tuple, tuple | str] = {}  # a text's date, or why it is none: sheets repeat their dates

    def is_missing(self, value) -> bool:
        """True for an empty cell or a placeholder such as ``-``, ``n/a``, ``NC``."""
        if value is None:
            return True
        if isinstance(value, float) and math.isnan(value):
            return True
        if isinstance(value, str):
            text = value.strip().lower()
            if text in self.missing_values:
                return True
            head, bracket, _ = text.partition("(")  # "Hors projet (enveloppe)", "n.d. (voir CR)": a remark after it
            return bool(bracket and head.strip() and text.endswith(")") and head.strip() in self.missing_values)
        return False

    def check_not_pending(self, value, phrases: bool = True) -> None:
        """Raise ParseError for a placeholder of a value still to come (``?``, ``TBC``, ``à compléter``); with
        ``phrases``, also for a short text that starts or ends with such a phrase (``à demander au porteur``: not for
        free text, where "Cinq dossiers en attente" is a sentence)."""
        if not isinstance(value, str) or len(value) >= 40:
            return
        lower = value.strip().lower()
        if lower in self.pending_values or (lower[:1] in self._pending_starts and fold(value) in self.pending_values):
            raise ParseError(f"{_show(value)!r} says the value is still to come")
        if phrases and " " in lower and (folded := fold(value)) and any(
                folded.startswith(p + " ") or folded.endswith(" " + p) for p in self.pending_phrases):
            raise ParseError(f"{_show(value)!r} says the value is still to come")

    def is_pending(self, value) -> bool:
        """Whether ``value`` says it is still to come (:meth:`check_not_pending`: "TBD", "to be defined (…)")."""
        try:
            self.check_not_pending(value)
        except ParseError:
            return True
        return False

    def is_date(self, value) -> bool:
        """Whether ``value`` reads as a date (:meth:`parse_date`, its errors read as no)."""
        try:
            return self.parse_date(value) is not None
        except ParseError:
            return False

    def is_money(self, value, multiplier: float = 1.0) -> bool:
        """Whether ``value`` reads as an amount (:meth:`parse_money`, its errors read as no)."""
        try:
            self.parse_money(value, multiplier)
        except (ParseError, TypeError):
            return False
        return True

    def parse_money(self, value, multiplier: float = 1.0, us_style: bool = False) -> float | None:
        """Euros from ``1 234 567,50 €``, ``150 k€``, ``1,5 M€``, ``150K``, a number (x ``multiplier`` from the
        header), or the euros a foreign amount is said to be worth (``$2M (≈ €1.85M)``). ``us_style``: the sheet
        writes numbers the American way (its dates month first), so ``1,500`` in a k€ column is 1 500 k€, not
        1,5 k€. An amount beyond ``money_limits`` of ``vocab/words.yaml`` (1e308, a pasted serial number) is no
        amount: raises ParseError. Euros are given to the cent."""
        try:
            amount = self._money(value, multiplier, us_style)
        except ParseError:  # "$2M (≈ €1.85M)": another currency, then its value in euros
            if not isinstance(value, str) or not (euros := _IN_EUROS.search(value)):
                raise
            amount = self._money(euros.group(1), multiplier, us_style)
        if amount is not None and abs(amount) > self.max_amount:
            raise ParseError(f"{_show(value)!r} is not a plausible amount (above {self.max_amount:,.0f} €, the "
                             "bound of vocab/words.yaml money_limits)")
        return amount if amount is None else round(amount, 2)  # to the cent: "2,03" M€ is 2 030 000, not …999.99

    def _money(self, value, multiplier: float, us_style: bool) -> float | None:
        value = _unnoted(value)
        if self.is_missing(value):
            return None
        if isinstance(value, bool):
            raise ParseError(f"{value!r} is not an amount")
        if isinstance(value, (int, float)):
            amount = float(value) * multiplier
            if not math.isfinite(amount):
                raise ParseError(f"{_show(value)!r} is not an amount")
            return amount
        if not isinstance(value, str):
            raise ParseError(f"{_show(value)!r} is not an amount")
        negative, text = _money_sign(_SPACES.sub("", _APPROX.sub("", _REMARK.sub("", value.strip().lower()))))
        if _SCIENTIFIC.match(text):  # "1.5e3", "2E6": how spreadsheets export large numbers as text
            amount = float(text.replace(",", ".")) * multiplier
            if not math.isfinite(amount):
                raise ParseError(f"{_show(value)!r} is not an amount")
            return -amount if negative else amount
        match = _MONEY.match(text)
        if not match:
            raise ParseError(f"{_show(value)!r} is not an amount")
        unit = self._written_unit(value, match)
        effective = multiplier if unit is None else unit
        amount = _parse_number_text(match["num"], decimal_likely=effective >= 1e3 and not us_style)
        amount *= effective
        if not math.isfinite(amount):
            raise ParseError(f"{_show(value)!r} is not an amount")
        return -amount if negative else amount

    def _written_unit(self, value, match: re.Match) -> float | None:
        """The unit an amount writes before or after its number ("€350k": thousands, "k€ 960": thousands, "EUR 12":
        euros); None when it writes none (the header's). Raises ParseError for words that are no unit, or two units
        that disagree."""
        units = []
        for leading, part in ((True, match["pre"]), (False, match["suf"])):
            written = part.replace("'", "").replace(".", "")
            if written not in self.money_unit_suffixes or (  # before the number, a currency: "k€ 960", not "e5"
                    leading and written and "€" not in written and "eur" not in written):
                raise ParseError(f"{_show(value)!r} is not an amount (unknown unit {part!r})")
            units.append(self.money_unit_suffixes[written])
        before, after = units
        if before is None or after is None or before == 1 or after == 1:
            unit = after if before in (None, 1) else before
            return 1.0 if unit is None and match["pre"] else unit
        if before != after:
            raise ParseError(f"{_show(value)!r} is not an amount (two units {match['pre']!r} and {match['suf']!r})")
        return before

    def parse_number(self, value, percent_as_fraction: bool = True) -> float | None:
        """A plain number (``4,2``, ``1 234``, ``35 %`` -> 0.35, ``150 k€`` -> 150000, ``2.0x`` -> 2.0)."""
        value = _unnoted(value)
        if self.is_missing(value):
            return None
        if isinstance(value, bool):
            raise ParseError(f"{value!r} is not a number")
        if isinstance(value, (int, float)):
            if not math.isfinite(float(value)):
                raise ParseError(f"{_show(value)!r} is not a number")
            return float(value)
        if not isinstance(value, str):
            raise ParseError(f"{_show(value)!r} is not a number")
        text = value.strip()
        if text.endswith("%"):
            number = self.parse_money(text[:-1].strip())
            if number is None:
                raise ParseError(f"{_show(value)!r} is not a number")
            return number / 100 if percent_as_fraction else number
        if text[-1:] in ("x", "X", "×") and text[:-1].strip()[-1:].isdigit():  # a ratio: "2.0x", "2,5 ×"
            return self.parse_money(text[:-1].strip())
        if text[:1] in ("x", "X", "×") and text[1:].strip()[:1].isdigit():  # "x 2", "×1,5"
            return self.parse_money(text[1:].strip())
        if "/" in text:  # a score written with its scale: "4,2/5"; not "1.000 inscrits / 1.000 présents"
            if not _SCORE_TEXT.fullmatch(text):
                raise ParseError(f"{_show(value)!r} is not a number")
            return self.parse_score(text)
        if _LONG_DECIMAL.fullmatch(text):  # "4.041666666666667": a data tool's float, not to the cent
            return float(text.replace(",", "."))
        try:
            return self.parse_money(text)
        except ParseError:
            if (m := _COUNT.match(text)) and not _MONEY_WORD.search(text):  # "365 j", "20 laboratoires"
                return self.parse_money(m[1])
            raise

    def parse_int(self, value) -> int | None:
        """A whole number: ``12``, ``12.0``, ``1 200``, ``~45``, ``45 personnes``; ``12.5`` is an error. Of counts
        each named ("78 inscrits / 70 présents"), the one that counts those who came (``attended_count_words``)."""
        value = _unnoted(value)
        if isinstance(value, str) and len(counts := _LABELLED_COUNT.findall(value)) >= 2:
            kinds = [fold(word) for _, word in counts]
            came = [n for (n, _), kind in zip(counts, kinds, strict=True) if kind in self.attended_count_words]
            if len(came) == 1 and all(k in self.attended_count_words | self.registered_count_words for k in kinds):
                value = came[0]  # "78 inscrits / 70 présents"; not "2 sessions de 15 participants"
        if isinstance(value, str) and (m := _COUNT.match(value)):
            value = m[1]
        number = self.parse_number(value, percent_as_fraction=False)
        if number is None:
            return None
        if not float(number).is_integer():
            raise ParseError(f"{_show(value)!r} is not a whole number")
        return int(number)

    def parse_score(self, value, scale: float = 5.0) -> float | None:
        """A score such as ``4,2``, ``4.2/5`` or ``8/10`` (rescaled to ``scale``)."""
        value = _unnoted(value)
        if self.is_missing(value):  # before looking for "/": "n/a" is no score out of anything
            return None
        if isinstance(value, str) and "/" in value:
            num, _, den = value.partition("/")
            n, d = self.parse_number(num), self.parse_number(den)
            if n is None or not d:
                raise ParseError(f"{_show(value)!r} is not a score")
            return n * scale / d
        number = self.parse_number(value, percent_as_fraction=False)
        if number is not None and number >= 1000 and isinstance(value, str) and _DOTTED_SCORE.fullmatch(value.strip()):
            return float(value.strip())  # "4.375" (a data tool's float): a score has no thousands
        return number

    def parse_date(self, value) -> dt.date | None:
        """A date (the first day of its month, quarter, semester or year when only that is known): see
        :meth:`parse_date_precise`."""
        return self.parse_date_precise(value)[0]

    def _range_start(self, text: str, month_first: bool) -> tuple[dt.date, str | None] | None:
        """The first day of a period of days written in one cell ("14/12/2023 → 13/12/2025", as Notion exports a
        date range) with its precision; None when ``text`` is no such period (a span of years or semesters, "2021 →
        2022", says no date of the thing: it stays unread)."""
        if len(parts := _DATE_RANGE.split(text)) != 2:
            return None
        with contextlib.suppress(ParseError):
            (start, precision), (end, last) = (self.parse_date_precise(p, month_first) for p in parts)
            if start is not None and end is not None and start <= end and precision == last == DAY:
                return start, precision
        return None

    def day_of(self, text: str) -> dt.date | None:
        """The day a short text is ("Mon 07 Mar 2022", "07/03/2022"), else None (never raises)."""
        try:
            day, precision = self.parse_date_precise(text)
        except ParseError:
            return None
        return day if precision == DAY else None

    def _unticked(self, value):
        """A date ticked as reached ("✓ 03/2021" in a review's grid of milestones): the date; a box left empty ("☐",
        a checklist's milestone not reached): no date."""
        if isinstance(value, str) and value.lstrip()[:1] in self.tick_marks and value.strip()[1:].strip():
            return value.strip()[1:].strip()
        if isinstance(value, str) and value.strip() in self.cross_marks:
            return None
        return value

    def parse_date_precise(self, value, month_first: bool = False) -> tuple[dt.date | None, str | None]:
        """See :meth:`_parse_date_precise`; a text's answer is kept (recognition and reading ask it again)."""
        if type(value) is not str:
            return self._parse_date_precise(value, month_first)
        key = (value, month_first, self._simplifying, self.time_zone)
        found = self._dates.get(key)
        if found is None:
            if len(self._dates) >= MAX_KEPT_DATES:
                self._dates.clear()
            try:
                found = self._dates[key] = self._parse_date_precise(value, month_first)
            except ParseError as error:
                found = self._dates[key] = str(error)
        if type(found) is str:
            raise ParseError(found)
        return found

    def _parse_date_precise(self, value, month_first: bool = False) -> tuple[dt.date | None, str | None]:
        """``(date, precision)`` of a cell: an Excel date or serial, ``15/03/2022`` (day first), ``2022-03-15``,
        ``15.03.2022``, ``20220315`` (an ERP's text), ``15 mars 2022``, ``lundi 15 mars 2022``, ``March 15, 2022``, Excel's French text forms
        ``08-janv.-18`` and ``janv.-22``, ``mars 2022``, ``03/2022``, ``T3 2019``, ``S1 2021``, ``2020``, ``exercice 2022``, ``FY2022``; ``done 03/2021`` is its date, ``expected Q2 2024`` (a date planned) and ``non``
        none. ``month_first``: ``04/11/2021`` is April 11 (the sheet writes dates US style, see :mod:`.date_order`).

        ``precision`` is ``day``, ``month``, ``quarter``, ``semester`` or ``year``; a date known only to the month
        (or quarter...) is its first day. ``(None, None)`` for an empty cell; ParseError otherwise."""
        value = self._unticked(_unnoted(value))
        if self.is_missing(value) or (isinstance(value, str) and fold(value).split()[:1] and fold(value).split()[0]
                                      in self.no_date_words):
            return None, None
        if isinstance(value, (int, float, str)) and not isinstance(value, bool) and (
                found := unix_time_date(value, self.time_zone)) is not None:
            return found, DAY
        if not isinstance(value, str):
            if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer() and (
                    found := _compact(str(int(value)), value)):
                return found
            return _date_of_cell(value)
        text = _date_text(value)
        if (start := self._range_start(text, month_first)) is not None:
            return start
        if m := _ISO.match(text):
            return _make_date(int(m[1]), int(m[2]), int(m[3]), value), DAY
        if m := _DMY.match(text):
            day, month, year = int(m[1]), int(m[2]), _year(m[3])
            if month_first and month <= 12:
                day, month = month, day
            if month > 12 and day <= 12:  # unambiguous the other way round (03/15/2022 in a day-first sheet)
                day, month = month, day
            return _make_date(year, month, day, value), DAY
        if m := _MONTH_YEAR_NUM.match(text):
            return _make_date(int(m[2]), int(m[1]), 1, value), MONTH
        if m := _YEAR_MONTH.match(text):
            return _make_date(int(m[1]), int(m[2]), 1, value), MONTH
        if re.fullmatch(r"\d{4}", text) and _YEARS[0] <= int(text) <= _YEARS[1]:
            return dt.date(int(text), 1, 1), YEAR
        if found := _compact(text, value):
            return found
        if re.fullmatch(r"\d+(\.\d+)?", text):
            return _serial_to_date(float(text), value), DAY
        return self._parse_text_date(text, value)

    def _parse_text_date(self, text: str, original) -> tuple[dt.date, str]:
        try:
            return self._parse_date_words(text, original)
        except ParseError:
            if self._simplifying:
                raise
            found = self._simpler_date(text)
            if found is None and isinstance(original, str) and "\n" in original:  # "25/01/2018 ⏎ Visio Teams"
                lines = ", ".join(" ".join(line.split()) for line in original.splitlines() if line.strip())
                found = self._simpler_date(lines)  # a date to the day or month, a place on its own line
                found = found if found is not None and found[1] in (DAY, MONTH) else None
            if found is None:
                raise
            return found

    def _simpler_date(self, text: str) -> tuple[dt.date, str] | None:
        """The date of a text with a weekday, a time, a remark or a range around it (:mod:`.date_text`)."""
        self._simplifying = True
        try:
            for start, end in simpler_dates(text, lead_words=self.date_lead_words, range_words=self.date_range_words,
                                            approximate_words=self.approximate_date_words,
                                            months=self.month_words, pending=self.pending_values, fold=fold):
                try:
                    date, precision = self.parse_date_precise(start)
                    if end is not None:
                        last, _ = self.parse_date_precise(end)
                        if date is None or last is None or not 0 <= (last - date).days <= MAX_RANGE_DAYS:
                            continue
                except ParseError:
                    continue
                if date is not None:
                    return date, precision
        finally:
            self._simplifying = False
        # "Mardi 3 et mercredi 4 octobre 2023": a weekday inside the range, not only before it
        bare = " ".join(w for w in text.split() if fold(w) not in self.weekdays)
        if not bare or bare == text:
            return None
        try:
            return self.parse_date_precise(bare)
        except ParseError:
            return None

    def _parse_date_words(self, text: str, original) -> tuple[dt.date, str]:
        folded = " ".join(w for w in fold(text).split() if w not in self.weekdays)
        if found := self._part_of_year(folded, original):
            return found
        if (m := _DATED_EVENT.fullmatch(text)) and not m["label"].strip().isdigit():  # "CODIR du 28/03/2021"
            return self.parse_date_precise(m["date"])
        if (m := _WORD_YEAR.fullmatch(folded)) and m[1] in self.year_words and _YEARS[0] <= int(m[2]) <= _YEARS[1]:
            return dt.date(int(m[2]), 1, 1), YEAR
        words = [_ORDINAL.sub(r"\1", w) for w in folded.split()]
        months = [(i, self.months[w]) for i, w in enumerate(words) if w in self.months]
        numbers = [(i, w) for i, w in enumerate(words) if w.isdigit()]
        if len(months) != 1 or len(numbers) + 1 != len(words) or not 1 <= len(numbers) <= 2:
            raise ParseError(f"{_show(original)!r} is not a date")
        where, month = months[0]
        years = [w for _, w in numbers if len(w) == 4]
        if len(years) == 1:
            days = [w for _, w in numbers if len(w) <= 2]
            if len(days) == 1:
                return _make_date(int(years[0]), month, int(days[0]), original), DAY
            if not days:
                return _make_date(int(years[0]), month, 1, original), MONTH
        elif not years and all(len(w) <= 2 for _, w in numbers) and numbers[-1][0] > where:
            # Excel's French display of dates: "08-janv.-18" (day, month, 2-digit year), "janv.-22" (month, year)
            year = _year(numbers[-1][1])
            if len(numbers) == 2 and numbers[0][0] < where:
                return _make_date(year, month, int(numbers[0][1]), original), DAY
            if len(numbers) == 1:
                return _make_date(year, month, 1, original), MONTH
        raise ParseError(f"{_show(original)!r} is not a date")

    def _part_of_year(self, folded: str, original) -> tuple[dt.date, str] | None:
        """``T3 2019``, ``Q3 2019``, ``2019-Q3``, ``3e trimestre 2019``, ``S1 2021``, ``1er semestre 2021``."""
        for pattern, precision in _PARTS_OF_YEAR:
            if m := pattern.fullmatch(folded):
                number, year = int(m["n"]), _year(m["y"])
                months_per_part = 3 if precision == QUARTER else 6
                return _make_date(year, 1 + (number - 1) * months_per_part, 1, original), precision
        return None

    def parse_bool(self, value) -> bool | None:
        """``Oui/Non``, ``Yes/No``, ``x`` (ticked), ``Vrai/Faux``, ``1/0``."""
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip() in self.tick_marks:
            return True
        if isinstance(value, str) and value.strip() in self.cross_marks:
            return False
        if self.is_missing(value) and not (isinstance(value, str) and value.strip().lower() in {"x"}):
            return None
        if isinstance(value, (int, float)) and value in (0, 1):
            return bool(value)
        word = fold(str(value))
        for candidate in (word, word.split(" ")[0]):  # "oui (2022)", "Lauréat 2022": the leading word says it
            if candidate in self.true_words:
                return True
            if candidate in self.false_words:
                return False
        raise ParseError(f"{_show(value)!r} is not yes/no")

    def parse_id(self, value) -> str | None:
        """An identifier as text: ``12.0`` (a number cell) -> ``"12"``, spaces trimmed."""
        value = _unmarked(value)
        if self.is_missing(value):
            return None
        if isinstance(value, bool):
            raise ParseError(f"{value!r} is not an identifier")
        if isinstance(value, float):
            if not math.isfinite(value):
                raise ParseError(f"{_show(value)!r} is not an identifier")
            return str(int(value)) if value.is_integer() else repr(value)
        if isinstance(value, (dt.date, dt.time, dt.timedelta)):
            raise ParseError(f"{_show(value)!r} is not an identifier")
        return " ".join(str(value).split())

    def parse_siren(self, value) -> str | None:
        """A 9-digit, Luhn-valid SIREN (a 14-digit SIRET gives its SIREN)."""
        value = _unmarked(value)
        if self.is_missing(value):
            return None
        if isinstance(value, bool):
            raise ParseError(f"{value!r} is not a SIREN")
        if isinstance(value, float):
            if not (math.isfinite(value) and value.is_integer()):
                raise ParseError(f"{_show(value)!r} is not a SIREN")
            value = str(int(value))
        if whole := _WHOLE_FLOAT.fullmatch(str(value).strip()):  # "820775740.0": a number column exported as floats
            value = whole[1]
        digits = re.sub(r"[\s.\-\u00a0\u202f]", "", str(value))
        if not digits.isdigit():  # "RCS Nice 635 967 177", "SIREN 791504186": the one number of a registry mention
            numbers = [re.sub(r"\D", "", m[0]) for m in _REGISTRY_NUMBER.finditer(str(value))]
            digits = numbers[0] if len(numbers) == 1 and len(numbers[0]) in (9, 14) and _REGISTRY_WORDS.fullmatch(
                _REGISTRY_NUMBER.sub(" ", str(value)).replace(".", "")) else digits  # "R.C.S. Marseille"
        if digits.isdigit() and len(digits) == 14:
            digits = digits[:9]
        if not (digits.isdigit() and len(digits) == 9):
            raise ParseError(f"{_show(value)!r} is not a SIREN (9 digits)")
        if not luhn_ok(digits):
            raise ParseError(f"{_show(value)!r} fails the SIREN checksum")
        return digits

    def parse_research_unit(self, value) -> str | None:
        """``Inserm U 1068`` -> ``U1068``, ``umr-7258`` -> ``UMR7258``, ``U891 → U1068`` -> ``U1068`` (its new code); a
        hospital service or office ("Pôle biologie") names no unit (None); other labels kept as written."""
        text = parse_text(value)
        if text is None or text.lower() in self.missing_values:
            return None
        text = _O_FOR_ZERO.sub("0", text)  # "U1O65": the letter O typed among a number's digits
        text = _RENUMBERED.split(text)[-1]  # "U891 → U1068": the unit renumbered, known now by its new code
        if m := _UNIT.search(text) or self._unit_with_body.search(text):  # "UMR CNRS 7258": UMR7258
            return f"{'U' if _INSERM_UMRS.fullmatch(m[1]) else m[1].upper()}{m[2]}"
        if m := _UNIT_CODE.fullmatch(text.strip()):  # "ur2ca", "UR 2CA": a unit's code, written as the unit writes it
            return f"{m[1].upper()}{m[2].upper()}"
        folded = f" {fold(text)} "
        if any(f" {phrase} " in folded for phrase in self.not_unit_phrases):  # "équipe en création", "je ne sais pas"
            raise ParseError(f"{text!r} is not a research unit")
        if folded.split()[:1] and folded.split()[0] in self.not_unit_structures:
            return None
        return text

    def parse_period(self, value) -> str | None:
        """``2022`` or ``2021-2023`` (also ``2021–2023``, ``2021/2023``, ``2021 à 2023``, ``2021-23``,
        ``cumul 2021-23``, ``FY21-FY23``); words that only say "the whole partnership" (``Total convention``) give
        :attr:`whole_period` when it is known."""
        if self.is_missing(value):
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
            value = str(int(value))
        return self._period_text(value)

    def parse_period_or_deadline(self, value) -> str | None:
        """:meth:`parse_period`, or the year of a deadline a targets table's period column may give instead
        ("Échéance: 31/12/2022", "fin 2022"; "fin de convention (31/12/2023)": the partnership's period, the words
        say so). Only for a column that holds periods: a header or a title is never read so."""
        if isinstance(value, (dt.date, dt.datetime)):
            return str(value.year)
        try:
            return self.parse_period(value)
        except ParseError:
            deadline = self._deadline(value)
            if deadline is None:
                raise
            return deadline

    def _deadline(self, value) -> str | None:
        text = " ".join(str(value).split())
        bare = re.sub(r"\s*\([^()]*\)\s*", " ", text).strip()  # "fin de convention (31/12/2023)"
        said = fold(bare).replace("'", " ").split()
        rest = [w for w in said if w not in self.deadline_words]
        if said and not rest and self.whole_period:
            return self.whole_period  # "fin de convention" alone
        for candidate in (bare, " ".join(rest)):
            if candidate and candidate != text:
                try:
                    return self._period_text(candidate)
                except ParseError:
                    pass
        try:
            day = self.parse_date(text)
        except ParseError:
            return None
        return str(day.year) if day is not None else None

    def _period_text(self, value) -> str:
        text = fold(expand_fiscal_years(str(value))).replace(" a ", " ").replace(" to ", " ")
        parts = [p for p in text.split() if p not in self.whole_period_words]
        if not parts and text.strip() and self.whole_period:
            return self.whole_period
        if len(parts) == 1 and re.fullmatch(r"\d{4}", parts[0]):
            return parts[0]
        if len(parts) == 2 and re.fullmatch(r"\d{4}", parts[0]) and re.fullmatch(r"\d{2}|\d{4}", parts[1]):
            start = int(parts[0])
            end = int(parts[1]) if len(parts[1]) == 4 else start // 100 * 100 + int(parts[1])
            if end < start:
                raise ParseError(f"{_show(value)!r}: the period ends before it starts")
            return str(start) if end == start else f"{start}-{end}"
        raise ParseError(f"{_show(value)!r} is not a year or a period such as 2024-2026")
