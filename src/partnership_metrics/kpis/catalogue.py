"""The KPI catalogue of SPEC §6, in SPEC order: the single source for the CLI, the reports and their appendix."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from . import eu, funding, synergy, training, valorisation
from ..indicators import DIRECTIONS, LANGS, UNITS, Indicator, indicators, labels
from ._base import Result
from .periods import KpiError

AREAS = labels("areas")
UNIT_LABELS = labels("units")
DIRECTION_LABELS = labels("directions")
STATUS_LABELS = labels("statuses")
__all__ = ["AREAS", "DIRECTIONS", "DIRECTION_LABELS", "LANGS", "STATUS_LABELS", "UNITS", "UNIT_LABELS", "Kpi",
           "catalogue", "catalogue_frame", "check_lang", "compute", "get_kpi"]
FORMULA_MODULES = {"valorisation": valorisation, "training": training, "eu": eu, "synergy": synergy,
                   "funding": funding}


@dataclass(frozen=True)
class Kpi:
    """One KPI: identity, labels and definitions (fr, en), unit, direction, area, additivity and formula.

    ``additive``: the value of a period is the sum of its years' values (counts and sums).
    ``formula(tables, years, period_end) -> Result(value, reason)``.
    """

    id: str
    area: str
    unit: str
    direction: str
    additive: bool
    label_fr: str
    label_en: str
    definition_fr: str
    definition_en: str
    formula: Callable[..., Result]

    def label(self, lang: str = "en") -> str:
        return self.label_fr if check_lang(lang) == "fr" else self.label_en

    def definition(self, lang: str = "en") -> str:
        return self.definition_fr if check_lang(lang) == "fr" else self.definition_en

    def compute(self, tables, years, period_end=None) -> Result:
        """The KPI over ``years`` (pooled); ``period_end`` is the end of the report period."""
        return self.formula(tables, years, period_end)


def check_lang(lang: str) -> str:
    """``lang`` if it is ``fr`` or ``en``; a :class:`KpiError` (a ValueError) otherwise."""
    if lang not in LANGS:
        raise KpiError(f"unknown language {lang!r}: use fr or en")
    return lang


def _kpi(indicator: Indicator) -> Kpi:
    module, _, function = indicator.formula.partition(".")
    return Kpi(indicator.id, indicator.area, indicator.unit, indicator.direction, indicator.additive,
               indicator.label["fr"], indicator.label["en"], indicator.definition["fr"], indicator.definition["en"],
               getattr(FORMULA_MODULES[module], function))


_CATALOGUE: tuple[Kpi, ...] = tuple(_kpi(i) for i in indicators())

_BY_ID = {k.id: k for k in _CATALOGUE}


def catalogue() -> tuple[Kpi, ...]:
    """Every KPI, in SPEC §6 order."""
    return _CATALOGUE


def get_kpi(kpi_id: str) -> Kpi:
    """The KPI ``kpi_id``; a KeyError naming the id otherwise."""
    try:
        return _BY_ID[kpi_id]
    except KeyError:
        raise KeyError(f"unknown KPI id {kpi_id!r}") from None


def compute(kpi_id: str, tables, years, period_end=None) -> Result:
    """``Result(value, reason)`` of KPI ``kpi_id`` over ``years`` (a year or several, pooled)."""
    return get_kpi(kpi_id).compute(tables, years, period_end)


def catalogue_frame(lang: str = "en") -> pd.DataFrame:
    """The catalogue as a table (for report appendices and the xlsx definitions sheet)."""
    check_lang(lang)
    return pd.DataFrame(
        {
            "kpi_id": [k.id for k in _CATALOGUE],
            "area": [k.area for k in _CATALOGUE],
            "area_label": [AREAS[k.area][lang] for k in _CATALOGUE],
            "label": [k.label(lang) for k in _CATALOGUE],
            "unit": [k.unit for k in _CATALOGUE],
            "unit_label": [UNIT_LABELS[k.unit][lang] for k in _CATALOGUE],
            "direction": [k.direction for k in _CATALOGUE],
            "direction_label": [DIRECTION_LABELS[k.direction][lang] for k in _CATALOGUE],
            "additive": [k.additive for k in _CATALOGUE],
            "definition": [k.definition(lang) for k in _CATALOGUE],
        }
    )
