"""The KPI catalogue, in the order of ``vocab/kpis.yaml``: the single source for the CLI, the reports and their
appendix.

Nothing is read at import: the catalogue and the reader labels of areas, units, directions and statuses are built from
the vocabulary on first use (:func:`catalogue`, :func:`areas`...), then kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import pandas as pd

from ..indicators import DIRECTIONS, LANGS, UNITS, Indicator, indicators, labels
from . import eu, funding, synergy, training, valorisation
from ._base import Result
from .periods import KpiError

__all__ = ["DIRECTIONS", "LANGS", "UNITS", "Kpi", "areas", "catalogue", "catalogue_frame", "check_lang", "compute",
           "direction_labels", "get_kpi", "status_labels", "unit_labels"]
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
    tables: tuple[str, ...] = ()  # the tidy tables the formula reads

    def label(self, lang: str | None = None) -> str:
        return self.label_fr if check_lang(lang) == "fr" else self.label_en

    def definition(self, lang: str | None = None) -> str:
        return self.definition_fr if check_lang(lang) == "fr" else self.definition_en

    def compute(self, tables, years, period_end=None) -> Result:
        """The KPI over ``years`` (pooled); ``period_end`` is the end of the report period."""
        return self.formula(tables, years, period_end)


def check_lang(lang: str | None) -> str:
    """``lang`` if it is ``fr`` or ``en`` (None: the first language of the packaged partnership); a
    :class:`KpiError` (a ValueError) otherwise."""
    if lang is None:
        from ..partnership import default_partnership

        return default_partnership().default_language
    if lang not in LANGS:
        raise KpiError(f"unknown language {lang!r}: use fr or en")
    return lang


def _kpi(indicator: Indicator) -> Kpi:
    module, _, function = indicator.formula.partition(".")
    return Kpi(indicator.id, indicator.area, indicator.unit, indicator.direction, indicator.additive,
               indicator.label["fr"], indicator.label["en"], indicator.definition["fr"], indicator.definition["en"],
               getattr(FORMULA_MODULES[module], function), indicator.tables)


@cache
def catalogue() -> tuple[Kpi, ...]:
    """Every KPI, in catalogue order (built from ``vocab/kpis.yaml`` on first use)."""
    return tuple(_kpi(i) for i in indicators())


@cache
def _by_id() -> dict[str, Kpi]:
    return {k.id: k for k in catalogue()}


_CUSTOM: dict[str, Kpi] = {}  # the user's own KPIs read in this process (kpis.custom.kpis_of), by id


def register_custom(kpis) -> None:
    """Make the user's own KPIs known to :func:`get_kpi` (done when they are read for a KPI table)."""
    _CUSTOM.update((k.id, k) for k in kpis)


def get_kpi(kpi_id: str) -> Kpi:
    """The KPI ``kpi_id`` (of the catalogue, or a user's own read in this process); a KeyError naming the id
    otherwise."""
    found = _by_id().get(kpi_id) or _CUSTOM.get(kpi_id)
    if found is None:
        raise KeyError(f"unknown KPI id {kpi_id!r}")
    return found


def areas() -> dict[str, dict[str, str]]:
    """Area code -> lang -> label, in catalogue order."""
    return labels("areas")


def unit_labels() -> dict[str, dict[str, str]]:
    """Unit code -> lang -> label."""
    return labels("units")


def direction_labels() -> dict[str, dict[str, str]]:
    """Direction (``up``, ``down``) -> lang -> label."""
    return labels("directions")


def status_labels() -> dict[str, dict[str, str]]:
    """Status (``met``, ``close``, ``missed``, ``no_target``) -> lang -> label."""
    return labels("statuses")


def compute(kpi_id: str, tables, years, period_end=None) -> Result:
    """``Result(value, reason)`` of KPI ``kpi_id`` over ``years`` (a year or several, pooled)."""
    return get_kpi(kpi_id).compute(tables, years, period_end)


def catalogue_frame(lang: str | None = None, kpi_ids=None) -> pd.DataFrame:
    """The catalogue as a table (for report appendices and the xlsx definitions sheet); ``kpi_ids``: the catalogue's
    KPIs and the user's own among them, in that order (default: the catalogue)."""
    lang = check_lang(lang)
    kpis = catalogue()
    if kpi_ids is not None:
        extra = [i for i in dict.fromkeys(kpi_ids) if i not in _by_id()]
        kpis = kpis + tuple(get_kpi(i) for i in extra)
    area, unit, direction = areas(), unit_labels(), direction_labels()
    return pd.DataFrame(
        {
            "kpi_id": [k.id for k in kpis],
            "area": [k.area for k in kpis],
            "area_label": [area[k.area][lang] for k in kpis],
            "label": [k.label(lang) for k in kpis],
            "unit": [k.unit for k in kpis],
            "unit_label": [unit[k.unit][lang] for k in kpis],
            "direction": [k.direction for k in kpis],
            "direction_label": [direction[k.direction][lang] for k in kpis],
            "additive": [k.additive for k in kpis],
            "definition": [k.definition(lang) for k in kpis],
        }
    )
