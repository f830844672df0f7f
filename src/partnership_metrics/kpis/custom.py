"""The user's own KPIs, registered from a reviewed file without editing the package (``custom_kpis.yaml`` in the
reference folder; ingestion keeps a copy beside the tables).

Each KPI is a count, a sum or a share of the rows of one tidy table, placed in a year by one of its dates, with
filters on coded columns::

    kpis:
      - id: my_erc_proposals_funded          # a new id, not one of the catalogue's
        area: eu                             # valorisation, training, eu, synergy or funding
        unit: count                          # count, eur, share (a count for "count", a sum in euros for "sum")
        direction: up                        # up: higher is better; down: lower is better
        label: {fr: "Projets ERC financés", en: "ERC proposals funded"}
        definition: {fr: "…", en: "…"}
        count: {table: eu_proposals, date: submission_date, where: {programme: [erc], status: [funded]}}
      - id: my_regional_funding
        area: funding
        unit: eur
        direction: up
        label: {fr: "Financements de la Région", en: "Regional funding"}
        definition: {fr: "…", en: "…"}
        sum: {table: funding, column: amount_eur, date: decision_date, where: {funder: [region_sud]}}
      - id: my_diagnostic_share
        area: valorisation
        unit: share
        direction: up
        label: {fr: "Part des projets de diagnostic", en: "Share of diagnostic projects"}
        definition: {fr: "…", en: "…"}
        share: {table: projects, date: detection_date, where: {technology_type: [diagnostic]}, of: {}}

Counts and sums add up over a period; shares are recomputed on the pooled rows (``where`` selects the numerator
among the rows ``of`` selects).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import FatalInputError
from ..resources import load_yaml
from ..schemas import RAW_TABLES, TABLES
from ..storage import CUSTOM_KPIS
from ._base import Result, Tables, formula, ok, share, span
from .catalogue import Kpi, areas, catalogue, register_custom

FILE_NAME = CUSTOM_KPIS
_KINDS = {"count": "count", "sum": "eur", "share": "share"}


def kpis_of(t: Tables) -> tuple[Kpi, ...]:
    """The catalogue, then the user's own KPIs of these tables (``custom_kpis.yaml`` copied beside them)."""
    path = getattr(t, "custom_kpis_file", None)
    if path is None:
        return catalogue()
    path = Path(path)
    return catalogue() + _read_cached(str(path.resolve()), path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _read_cached(path: str, mtime_ns: int) -> tuple[Kpi, ...]:
    kpis = read_custom_kpis(Path(path))
    register_custom(kpis)
    return kpis


def read_custom_kpis(path: Path) -> tuple[Kpi, ...]:
    """The KPIs of a ``custom_kpis.yaml``; a one-line :class:`FatalInputError` naming the KPI and the key if wrong."""
    data = load_yaml(path, what="see the format in partnership_metrics/kpis/custom.py (docs/extending.md)")
    items = data.get("kpis") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise FatalInputError(str(path), "must hold one 'kpis:' list", "see docs/extending.md")
    taken = {k.id for k in catalogue()}
    out = []
    for n, item in enumerate(items, start=1):
        kpi = _kpi(item, n, str(path), taken)
        taken.add(kpi.id)
        out.append(kpi)
    return tuple(out)


def _kpi(item, n: int, path: str, taken: set[str]) -> Kpi:
    def fail(problem: str):
        raise FatalInputError(path, f"KPI {n}: {problem}", "see docs/extending.md")

    if not isinstance(item, dict):
        fail("is not a list of 'key: value' lines")
    kpi_id = str(item.get("id", ""))
    if not kpi_id.isidentifier() or kpi_id in taken:
        fail(f"id {kpi_id!r} is not a new identifier (letters, digits, underscores; not a catalogue KPI)")
    kinds = [k for k in _KINDS if k in item]
    if len(kinds) != 1:
        fail("give exactly one of count, sum, share")
    kind = kinds[0]
    if item.get("area") not in areas():
        fail(f"area must be one of {', '.join(areas())}")
    if item.get("direction") not in ("up", "down"):
        fail("direction must be up or down")
    if item.get("unit", _KINDS[kind]) != _KINDS[kind]:
        fail(f"a {kind} KPI has the unit {_KINDS[kind]}")
    texts = {}
    for key in ("label", "definition"):
        value = item.get(key)
        if not isinstance(value, dict) or not all(isinstance(value.get(lang), str) for lang in ("fr", "en")):
            fail(f"{key} needs a text in fr and en")
        texts[key] = value
    spec = item[kind]
    compute = _formula(kind, spec if isinstance(spec, dict) else {}, fail)
    compute.__name__ = kpi_id
    return Kpi(kpi_id, item["area"], _KINDS[kind], item["direction"], kind != "share", texts["label"]["fr"],
               texts["label"]["en"], texts["definition"]["fr"], texts["definition"]["en"], formula(compute),
               (spec["table"],))


def _formula(kind: str, spec: dict, fail):
    table = spec.get("table")
    if table not in RAW_TABLES or table == "kpi_targets":
        fail(f"table must be one of {', '.join(t for t in RAW_TABLES if t != 'kpi_targets')}")
    columns = TABLES[table]
    date = spec.get("date")
    if date not in columns.column_names or columns.column(date).kind != "date":
        fail(f"date must be a date column of {table}")
    if kind == "sum" and (spec.get("column") not in columns.column_names
                          or columns.column(spec["column"]).kind != "money"):
        fail(f"column must be an amount column of {table}")
    filters = {name: _filter(table, spec.get(name) or {}, fail) for name in ("where", "of")}

    def selected(t: Tables, years, which: str) -> np.ndarray:
        mask = t.in_years(table, date, years)
        for column, values in filters[which].items():
            mask = mask & t.isin(table, column, values)
        return mask

    def compute(t: Tables, years, period_end) -> Result:
        t.frame(table, date, *filters["where"], *filters["of"], *([spec["column"]] if kind == "sum" else []))
        if kind == "count":
            return ok(int(selected(t, years, "where").sum()))
        if kind == "sum":
            return ok(t.total(table, spec["column"], selected(t, years, "where")))
        of = selected(t, years, "of")
        return share(int((of & selected(t, years, "where")).sum()), int(of.sum()), "no_row_in_years",
                     table=table, years=span(years))

    return compute


def _filter(table: str, spec, fail) -> dict[str, tuple[str, ...]]:
    if not isinstance(spec, dict):
        fail("'where' and 'of' map a coded column to a list of its codes")
    out = {}
    for column, values in spec.items():
        if column not in TABLES[table].column_names or not TABLES[table].column(column).codes:
            fail(f"{column!r} is not a coded column of {table}")
        values = [values] if isinstance(values, str) else values
        unknown = sorted(set(values) - set(TABLES[table].column(column).codes))
        if unknown:
            fail(f"{table}.{column} has no code {', '.join(unknown)}")
        out[column] = tuple(values)
    return out
