"""The indicators of the catalogue as data: ids, units, directions, labels and definitions (``vocab/kpis.yaml``).

A lower floor than both stages that need it: ingestion reads the ids and labels to recognise the KPIs a targets
sheet names, and :mod:`partnership_metrics.kpis` attaches a formula to each id.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .resources import packaged_yaml

LANGS = ("fr", "en")
UNITS = ("count", "eur", "days", "share", "score", "ratio", "index")
DIRECTIONS = ("up", "down")


@dataclass(frozen=True)
class Indicator:
    """One indicator as readers know it. ``formula`` names its function (``module.function`` in ``kpis/``)."""

    id: str
    area: str
    unit: str
    direction: str
    additive: bool
    formula: str
    label: dict  # lang -> text
    definition: dict  # lang -> text
    aliases: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()  # the tidy tables its formula reads


@cache
def _catalogue_file() -> dict:
    return packaged_yaml("kpis.yaml")


@cache
def indicators() -> tuple[Indicator, ...]:
    """Every indicator of the packaged catalogue, in catalogue order."""
    out = []
    for item in _catalogue_file()["kpis"]:
        out.append(Indicator(
            id=item["id"], area=item["area"], unit=item["unit"], direction=item["direction"],
            additive=bool(item["additive"]), formula=item["formula"], label=dict(item["label"]),
            definition=dict(item["definition"]), aliases=tuple(item.get("aliases") or ()),
            tables=tuple(item.get("tables") or ()),
        ))
    return tuple(out)


def labels(kind: str) -> dict[str, dict[str, str]]:
    """Reader labels of ``areas``, ``units``, ``directions`` or ``statuses``: code -> lang -> text."""
    return _catalogue_file()[kind]


def kpi_units() -> dict[str, str]:
    """KPI id -> unit."""
    return {i.id: i.unit for i in indicators()}
