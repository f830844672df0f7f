"""What every KPI formula shares: the tables with cached per-row columns, results and null reasons.

A formula is written as ``f(t: Tables, years: tuple[int, ...], period_end: Timestamp) -> Result`` and
decorated with :func:`formula`, which makes it callable as ``f(tables, years, period_end=None)`` with a plain
dict of DataFrames, an int year or a list of years, and turns a missing table or column into a null value
with its reason.

A reason is a code and its parameters (:class:`Reason`), written in the reader's language from the ``reasons:`` of
``vocab/ui.yaml``; the partnership's facts a formula needs (its partners' funder codes) come with the
:class:`Tables`.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd

from ..ui_strings import ui_strings
from .periods import span

if TYPE_CHECKING:
    from ..partnership import Partnership


@dataclass(frozen=True)
class Reason:
    """Why a KPI value is null: ``code``, an entry of the ``reasons:`` of ``vocab/ui.yaml``, and the values of its
    placeholders, e.g. ``Reason("no_decided_proposal", {"years": "2021-2023"})``."""

    code: str
    params: Mapping[str, str] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """The reason as a reader reads it in ``lang`` (``fr`` or ``en``)."""
        return ui_strings().reason(self.code, lang, **self.params)

    def params_json(self) -> str:
        """The parameters as a JSON object (keys sorted): ``{"years": "2021-2023"}``."""
        return json.dumps(dict(self.params), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, code: str, params_json: str | None) -> Reason:
        """The reason of a KPI table's ``reason_code`` and ``reason_params`` cells."""
        return cls(code, json.loads(params_json) if params_json else {})

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted(self.params.items()))))


class Result(NamedTuple):
    """A KPI value (None when it cannot be computed) and the :class:`Reason` why it is None."""

    value: float | int | None
    reason: Reason | None = None


class MissingData(Exception):
    """A table or column a formula needs is absent: ``reason`` is the null value's :class:`Reason`."""

    def __init__(self, code: str, **params: str):
        super().__init__(code)
        self.reason = Reason(code, params)


def ok(value) -> Result:
    return Result(value, None)


def null(code: str, **params: str) -> Result:
    """A null value and its reason: a code of ``vocab/ui.yaml`` ``reasons:`` and its parameters."""
    return Result(None, Reason(code, params))


def finite(result: Result) -> Result:
    """``result``, or null with its reason when its value is infinite or NaN (amounts too large to add up: tables
    written by hand or by an older version, since ingestion refuses implausible amounts)."""
    value = result.value
    if value is not None and not isinstance(value, bool) and isinstance(value, (float, np.floating)) \
            and not np.isfinite(value):
        return null("value_not_finite")
    return result


def share(numerator: int, denominator: int, empty_reason: str, **params: str) -> Result:
    """``numerator / denominator``, or null with the reason ``empty_reason`` (and ``params``) when the denominator
    is 0."""
    if denominator == 0:
        return null(empty_reason, **params)
    return ok(float(numerator) / float(denominator))


class Tables:
    """The tidy tables plus caches of derived per-row arrays (years, masks, numbers), each built once, and the
    partnership they belong to (default: the packaged one)."""

    def __init__(self, tables: Mapping[str, pd.DataFrame], partnership: Partnership | None = None):
        self._tables = dict(tables)
        self._cache: dict = {}
        self._partnership = partnership or getattr(tables, "partnership", None)  # a TableSet knows its partnership
        self.not_read: dict[str, list[str]] = dict(getattr(tables, "not_read", {}))  # see tables.TableSet
        self.custom_kpis_file = getattr(tables, "custom_kpis_file", None)  # the user's own KPIs, if any

    @classmethod
    def of(cls, tables, partnership: Partnership | None = None) -> Tables:
        """``tables`` as :class:`Tables` of ``partnership`` (a :class:`Tables` of it is returned as it is)."""
        if isinstance(tables, Tables):
            if partnership is None or partnership == tables.partnership:
                return tables
            tables = tables._tables
        return cls(tables, partnership)

    @property
    def partnership(self) -> Partnership:
        if self._partnership is None:
            from ..partnership import default_partnership

            self._partnership = default_partnership()
        return self._partnership

    @property
    def partner_funders(self) -> tuple[str, ...]:
        """The partners' codes in ``funding.funder`` (of :attr:`partnership`)."""
        return self.partnership.partner_funders

    def __contains__(self, name: str) -> bool:
        return self._tables.get(name) is not None

    def get(self, name: str) -> pd.DataFrame | None:
        """The table ``name``, or None when it is absent."""
        return self._tables.get(name)

    def frame(self, name: str, *columns: str) -> pd.DataFrame:
        """The table ``name``; raises :class:`MissingData` when it or one of ``columns`` is absent."""
        df = self._tables.get(name)
        if df is None:
            raise MissingData("table_missing", table=name)
        read = df.attrs.get("columns_read")  # set by the ingestion: the columns some raw sheet had
        for column in columns:
            if column not in df.columns:
                raise MissingData("column_missing", table=name, column=column)
            if read is not None and column not in read:
                raise MissingData("column_not_read", table=name, column=column)
        return df

    def cached(self, key, build: Callable[[], object]):
        """The value cached under ``key``, built by ``build()`` on first use."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def dates(self, table: str, column: str) -> np.ndarray:
        """``table.column`` as a ``datetime64[ms]`` array (NaT when missing)."""
        def build():
            s = self.frame(table, column)[column]
            if not pd.api.types.is_datetime64_any_dtype(s):
                s = pd.to_datetime(s, errors="coerce")
            return s.to_numpy(dtype="datetime64[ms]")

        return self.cached(("dates", table, column), build)

    def to_the_day(self, table: str, column: str) -> np.ndarray:
        """Boolean mask: rows whose ``table.column`` is known to the day (not only to its month, quarter, semester
        or year; tables without precision, as older ones, count as known to the day)."""
        def build():
            df = self.frame(table, column)
            precision = f"{column}_precision"
            if precision not in df.columns:
                return np.ones(len(df), dtype=bool)
            return ~df[precision].isin(("month", "quarter", "semester", "year")).to_numpy(dtype=bool)

        return self.cached(("to_the_day", table, column), build)

    def years(self, table: str, column: str) -> np.ndarray:
        """Calendar year of each row's ``table.column`` (-1 when the date is missing)."""
        def build():
            return years_of(self.dates(table, column))

        return self.cached(("years", table, column), build)

    def in_years(self, table: str, column: str, years: tuple[int, ...]) -> np.ndarray:
        """Boolean mask: rows whose ``table.column`` date falls in one of ``years``."""
        return self.cached(("in_years", table, column, years), lambda: np.isin(self.years(table, column), years))

    def isin(self, table: str, column: str, values: tuple[str, ...]) -> np.ndarray:
        """Boolean mask: rows whose ``table.column`` is one of ``values`` (missing never matches)."""
        def build():
            return self.frame(table, column)[column].isin(values).to_numpy(dtype=bool)

        return self.cached(("isin", table, column, values), build)

    def numbers(self, table: str, column: str) -> np.ndarray:
        """``table.column`` as a float array (NaN when missing)."""
        def build():
            s = pd.to_numeric(self.frame(table, column)[column], errors="coerce")
            return s.to_numpy(dtype="float64", na_value=np.nan)

        return self.cached(("numbers", table, column), build)

    def total(self, table: str, column: str, mask: np.ndarray) -> float:
        """Sum of ``table.column`` over ``mask`` (missing amounts count as 0; an empty selection is 0)."""
        return float(np.nansum(self.numbers(table, column)[mask]))


def years_of(dates: np.ndarray) -> np.ndarray:
    """Calendar years of a ``datetime64`` array, -1 for NaT."""
    years = dates.astype("datetime64[Y]").astype("int64") + 1970
    return np.where(np.isnat(dates), -1, years)


def texts(series) -> pd.Series:
    """``series`` as text, missing cells left missing (``astype("str")`` alone writes ``"None"`` with pandas 2)."""
    series = pd.Series(series)
    return series.astype("str").astype("object").where(series.notna().to_numpy(dtype=bool), None)


def members(series: pd.Series, values) -> np.ndarray:
    """Boolean mask: rows of ``series`` whose text is one of ``values`` (missing never matches).

    A hash lookup, much faster than ``Series.isin`` with many values on string columns.
    """
    index = pd.Index(texts(values).dropna().unique(), dtype="object")
    return index.get_indexer(texts(series)) >= 0


def lookup(keys: pd.Series, table_keys: pd.Series, values: np.ndarray, missing) -> np.ndarray:
    """For each of ``keys``, ``values`` of the first row of ``table_keys`` equal to it (``missing`` if none)."""
    table_keys = texts(table_keys)
    keep = (table_keys.notna() & ~table_keys.duplicated()).to_numpy(dtype=bool)
    position = pd.Index(table_keys[keep], dtype="object").get_indexer(texts(keys))
    found = np.asarray(values)[keep][np.maximum(position, 0)] if keep.any() else np.full(len(keys), missing)
    return np.where(position >= 0, found, missing)


def count_distinct(codes: np.ndarray, mask: np.ndarray) -> int:
    """Number of distinct non-negative integer codes selected by ``mask`` (-1 = missing)."""
    selected = codes[mask]
    selected = selected[selected >= 0]
    return int(np.count_nonzero(np.bincount(selected))) if selected.size else 0


def _normalise_years(years) -> tuple[int, ...]:
    if isinstance(years, (int, np.integer)):
        return (int(years),)
    if isinstance(years, Iterable) and not isinstance(years, str):
        return tuple(sorted({int(y) for y in years}))
    raise TypeError(f"years must be a year or an iterable of years, not {years!r}")


def formula(func: Callable[[Tables, tuple[int, ...], pd.Timestamp], Result]):
    """Make ``func(t, years, period_end)`` callable as ``func(tables, years, period_end=None) -> Result``.

    ``tables`` is a dict of DataFrames (or a :class:`Tables`), ``years`` a year or an iterable of years,
    ``period_end`` the end of the report period (default: 31 December of the last year); a missing table or
    column gives a null value with its reason.
    """

    @functools.wraps(func)
    def compute(tables, years, period_end=None) -> Result:
        years = _normalise_years(years)
        if not years:
            raise ValueError("years is empty")
        end = pd.Timestamp(year=years[-1], month=12, day=31) if period_end is None else pd.Timestamp(period_end)
        try:
            with np.errstate(all="ignore"):  # an overflowing sum is caught below, not printed as a warning
                result = func(Tables.of(tables), years, end)
        except MissingData as exc:
            return Result(None, exc.reason)
        return finite(result)

    return compute


__all__ = [
    "MissingData", "Reason", "Result", "Tables", "count_distinct", "finite", "formula", "lookup", "members", "null",
    "ok", "share", "span", "texts", "years_of",
]
