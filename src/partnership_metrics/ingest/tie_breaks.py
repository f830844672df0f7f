"""When two header cells could be the same column, what their values say about which one holds it: a business code
rather than a counter for an id, a day rather than a time stamp for a date, a few categories rather than one text
per row for a code."""

from __future__ import annotations

import datetime as dt
import re

SAMPLE_ROWS = 30  # values read below a header to tell apart the columns it could be


def _filled(values) -> list:
    return [v for v in values if v is not None and not (isinstance(v, str) and not v.strip())][:SAMPLE_ROWS]


def coded_share(values) -> float:
    """The share of ``values`` that are not bare whole numbers: a business code ("VA-18-01") rather than a
    database's counter (1, 2, 3), when two columns could be a table's id (1.0 when there is nothing to check)."""
    values = _filled(values)
    if not values:
        return 1.0
    counters = sum(1 for v in values if (isinstance(v, (int, float)) and float(v).is_integer())
                   or (isinstance(v, str) and v.strip().removesuffix(".0").isdigit()))
    return 1 - counters / len(values)


_TIME_OF_DAY = re.compile(r"(?<!\d)(?!0?0:00(?::00(?:\.0+)?)?(?!\d))\d{1,2}:\d{2}")  # not midnight: "09:45"


def day_share(values) -> float:
    """The share of ``values`` that are dates without a time of day: a company's creation date rather than the
    time its record was created in a CRM ("2022-07-01 09:45:03"), when two columns could be a table's date (1.0 when
    there is nothing to check)."""
    values = _filled(values)
    if not values:
        return 1.0
    stamped = sum(1 for v in values if (isinstance(v, dt.datetime) and v.time() != dt.time())
                  or (isinstance(v, str) and _TIME_OF_DAY.search(v)))
    return 1 - stamped / len(values)


def repeated_share(values) -> float:
    """The share of ``values`` that repeat one written above them: a code column holds a few categories
    ("Émergence", "Preuve de concept") where a column of call names varies by year ("AAP Émergence 2021") (1.0 when
    there is nothing to check)."""
    values = [" ".join(str(v).split()).casefold() for v in _filled(values)]
    if not values:
        return 1.0
    return 1 - len(set(values)) / len(values)


# A tool's own record key: Salesforce's 15 or 18 letters and digits, lower case among them ("0015e00000edyOB"), a GUID
# ("3f2b8c1e-…"). No person writes such a reference: beside one they do write, it is not the table's id.
_SYSTEM_KEY = re.compile(r"(?=[A-Z0-9]*[a-z])(?=[A-Za-z]*\d)(?:[A-Za-z0-9]{15}|[A-Za-z0-9]{18})"
                         r"|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def system_key_share(values) -> float:
    """The share of ``values`` that are a tool's record keys (a CRM's "0015e00000edyOB", a GUID), not references
    people write."""
    values = _filled(values)
    if not values:
        return 0.0
    return sum(1 for v in values if isinstance(v, str) and _SYSTEM_KEY.fullmatch(v.strip())) / len(values)


MAX_ACRONYM_CHARS = 20


def acronym_share(values) -> float:
    """The share of ``values`` written as one short word ("PEETEBAY", "Onco-Predict"), not a title (1.0 when there
    is nothing to check)."""
    values = _filled(values)
    if not values:
        return 1.0
    return sum(1 for v in values if len(str(v).split()) == 1 and len(str(v).strip()) <= MAX_ACRONYM_CHARS) / len(values)


_OUTLINE_NUMBER = re.compile(r"\d+(?:\.\d+)*")


def outline_numbers(values) -> bool:
    """Whether ``values`` number an outline's lines ("1", "1.1", "1.2", "2": MS Project's task numbers), some of
    them below another: no record's id."""
    values = [str(int(v)) if isinstance(v, float) and v.is_integer() else str(v).strip() for v in _filled(values)]
    return bool(values) and all(_OUTLINE_NUMBER.fullmatch(v) for v in values) and any("." in v for v in values)


def tie_break_weight(kind: str, values, column: str = "") -> float:
    """The factor applied to a contested header's score for a column of ``kind``: a business code over a counter
    or a tool's record key for an id, a day over a time stamp for a date, a short word over a title for an acronym
    ("Acronyme" beside "Intitulé / Nom": "Proposition PEETEBAY") (1.0 otherwise)."""
    if column == "acronym":
        return 0.5 + 0.5 * acronym_share(values)
    if kind == "id":
        return (0.5 + 0.5 * coded_share(values)) * (1 - 0.9 * system_key_share(values))
    if kind == "date":
        return 0.5 + 0.5 * day_share(values)
    return 1.0


UNIQUE_ENOUGH = 0.9  # of an id column's values that must be distinct (a planted duplicate or two is no reason)


def unique_weight(values) -> float:
    """The factor applied to a contested header's score for the table's own id: 1.0 when its values are (nearly)
    all distinct, less when they repeat ("N° dossier" naming a project on several funding lines beside "Réf.")."""
    written = [str(v).strip() for v in values if v is not None and str(v).strip()]
    if not written:
        return 1.0
    share = len(set(written)) / len(written)
    return 1.0 if share >= UNIQUE_ENOUGH else 0.5 + 0.5 * share


def tie_break(kind: str, values, reference: bool = False) -> float:
    """Between two headers of equal score for a column of ``kind``, the higher wins: for a code, the more
    categorical one (both may read as codes; a call's name varies by year, its scheme does not); for a ``reference``
    to another table's record, the one whose values repeat (a board's "Linked card" naming a project on several
    deals, beside the deal's own "Deal ID")."""
    return repeated_share(values) if kind == "code" or (kind == "id" and reference) else 0.0


MAX_ID_WORDS, MAX_ID_CHARS = 3, 40  # an id is a code ("CPP-2018-01", "EJ 2021 0045"), not a sentence


def reads_as_id(value) -> bool:
    """Whether a value may be a record's id: a number or a short code, not a remark ("Dossier présenté par …")."""
    text = str(value).strip()
    return len(text) <= MAX_ID_CHARS and len(text.split()) <= MAX_ID_WORDS
