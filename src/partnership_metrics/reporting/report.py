"""The objects the report notebooks call: one method per section, each returning a :class:`Section`.

    report = ThreeYearReport("data/processed", period="2021-2023", baseline="2018-2020", lang="fr")
    report.summary()        # displayed in the notebook through Section._repr_html_

A relative ``processed_dir`` is resolved against the project root, never the working directory, so a notebook
gives the same report wherever papermill runs it. The notebooks hold no logic: everything is here, in
:mod:`.sections` (HTML), :mod:`.charts` (figures) and :mod:`.messages` (key messages).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import paths
from ..kpis.catalogue import areas, catalogue_frame, check_lang, get_kpi
from ..kpis.engine import kpi_table
from ..kpis.periods import parse_period, period_label
from . import charts, sections
from .i18n import PARTNERSHIP_SIGNED, format_date, text
from .messages import key_messages

HEADLINE_KPIS = (
    "val_projects_detected", "val_maturation_eur", "val_licences", "val_startups_created", "trn_attendees",
    "eu_success_rate", "eu_funding_secured_eur", "syn_co_supported_share", "fun_leverage_ratio",
)
SECTION_KPIS = {
    "valorisation": ("val_projects_detected", "val_invention_disclosures", "val_priority_filings",
                     "val_maturation_projects", "val_maturation_eur", "val_licences",
                     "val_median_days_to_maturation", "val_maturation_conversion"),
    "startups": ("val_startups_created", "val_startup_funds_raised_eur"),
    "training": ("trn_events", "trn_attendees", "trn_units_reached", "trn_satisfaction"),
    "eu": ("eu_proposals_submitted", "eu_proposals_funded", "eu_success_rate", "eu_funding_secured_eur",
           "eu_coordinator_share"),
    "synergy": ("syn_joint_sourcing_share", "syn_co_supported_share", "syn_co_funded_projects",
                "syn_joint_event_share", "syn_institutions_engaged"),
    "funding": ("fun_partnership_eur", "fun_external_eur", "fun_leverage_ratio", "fun_cost_per_outcome_eur",
                "fun_funding_concentration_hhi", "fun_coordination_gaps"),
}
HISTORY_KPIS = (  # yearly values drawn in the charts, from the first baseline year to the report's last year
    "trn_satisfaction", "trn_units_reached", "eu_proposals_submitted", "eu_proposals_funded", "eu_success_rate",
    "syn_joint_sourcing_share", "syn_co_supported_share", "syn_joint_event_share", "syn_co_funded_projects",
    "fun_partnership_eur", "fun_external_eur", "fun_leverage_ratio", "fun_coordination_gaps",
)


@dataclass(frozen=True)
class Section:
    """One report section: its heading id, title and HTML (shown by Jupyter through ``_repr_html_``)."""

    id: str
    title: str
    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def resolve_dir(path: str | Path) -> Path:
    """``path`` if absolute, else relative to the project root (never to the working directory)."""
    path = Path(path).expanduser()
    return path if path.is_absolute() else paths.PROJECT_ROOT / path


def read_quality(processed_dir: Path) -> tuple[dict | None, dict | None]:
    """``(manifest, ingest_report)`` of a processed folder; None for a file that is absent or unreadable."""
    from ..storage import MANIFEST, REPORT

    found = []
    for name in (MANIFEST, REPORT):
        try:
            found.append(json.loads((Path(processed_dir) / name).read_text(encoding="utf-8")))
        except (OSError, ValueError):
            found.append(None)
    return found[0], found[1]


def kpi_history(tables: dict, kpi_ids, years, period_end: pd.Timestamp) -> pd.DataFrame:
    """Yearly values of ``kpi_ids``: columns ``kpi_id``, ``year``, ``value`` (NaN when null) and ``reason``."""
    from ..kpis import Tables

    t = Tables.of(tables)
    rows = []
    for kpi_id in kpi_ids:
        kpi = get_kpi(kpi_id)
        for year in years:
            value, reason = kpi.compute(t, (year,), period_end)
            rows.append((kpi_id, year, float("nan") if value is None else float(value), reason))
    return pd.DataFrame(rows, columns=["kpi_id", "year", "value", "reason"]).astype(
        {"kpi_id": "str", "year": "int64", "value": "float64", "reason": "str"})


class _Report:
    """What both reports share: the tables, the KPI table of the scope, the yearly history and the sections."""

    kind = ""

    def _setup(self, tables: dict, *, first: int, last: int, baseline, lang: str,
               manifest: dict | None, ingest_report: dict | None) -> None:
        self.lang = check_lang(lang)
        self.tables = tables
        self.first, self.last = first, last
        b_first, b_last = parse_period(baseline) if baseline is not None else (first - 3, first - 1)
        self.baseline = period_label(b_first, b_last)
        self.scope = period_label(first, last)
        self.years = tuple(range(first, last + 1))
        self.history_years = tuple(range(min(b_first, first), last + 1))
        self.period_end = pd.Timestamp(year=last, month=12, day=31)
        if first == last:
            self.kpis = kpi_table(tables, year=first, baseline=self.baseline, lang=self.lang)
        else:
            self.kpis = kpi_table(tables, period=self.scope, baseline=self.baseline, lang=self.lang)
        self.history = kpi_history(tables, HISTORY_KPIS, self.history_years, self.period_end)
        self.manifest, self.ingest_report = manifest, ingest_report

    # ---- helpers ----

    def _t(self, key: str, **values) -> str:
        return text(key, self.lang, **values)

    def _section(self, section_id: str, parts: list[str]) -> Section:
        title = self._t(section_id)
        return Section(section_id, title, sections.heading(section_id, title) + "".join(parts))

    def _missing_table(self, *names: str) -> str | None:
        """A note naming the first absent table among ``names`` (None when all are present)."""
        for name in names:
            if self.tables.get(name) is None:
                return sections.paragraph(self._t("no_data_table", table=name), "pm-note")
        return None

    def _kpi_tables(self, *area_ids: str) -> str:
        parts = [sections.heading("", self._t("kpi_table"), 3)]
        labels = areas()
        for area in area_ids:
            caption = labels[area][self.lang] if len(area_ids) > 1 else None
            parts.append(sections.kpi_table(self.kpis, SECTION_KPIS[area], self.lang, baseline=self.baseline,
                                            caption=caption))
        return "".join(parts)

    def _highlight(self) -> tuple[int, int]:
        return (self.first, self.last)

    def _funnel_counts(self) -> pd.DataFrame:
        raise NotImplementedError

    # ---- sections ----

    def summary(self) -> Section:
        """Headline KPI tiles and the key messages written from the numbers."""
        messages = key_messages(self.kpis, self.lang, baseline=self.baseline, scope=self.scope)
        return self._section("summary", [
            sections.paragraph(self._intro_summary(), "pm-lead"),
            sections.heading("summary-kpis", self._t("headline_kpis"), 3),
            sections.kpi_tiles(self.kpis, HEADLINE_KPIS, self.lang, scope=self.scope, baseline=self.baseline),
            sections.heading("summary-messages", self._t("key_messages"), 3),
            sections.message_list(messages, self.lang),
        ])

    def _intro_summary(self) -> str:
        raise NotImplementedError

    def valorisation(self) -> Section:
        """The valorisation funnel, funding by funder and the valorisation KPIs."""
        parts = [sections.paragraph(self._t("intro_valorisation"), "pm-lead")]
        parts.append(self._missing_table("projects") or sections.chart(
            charts.valorisation_funnel(self._funnel_counts(), self.lang), self._t("chart_funnel_note")))
        parts.append(self._missing_table("funding") or sections.chart(
            charts.funding_by_funder(self.tables["funding"], self.history_years, self.lang, self._highlight())))
        parts.append(self._kpi_tables("valorisation"))
        return self._section("valorisation", parts)

    def startups(self) -> Section:
        """Funds raised per year, the start-ups created in the report's years and the start-up KPIs."""
        parts = [sections.paragraph(self._t("intro_startups"), "pm-lead")]
        rounds = self.tables.get("startup_rounds")
        parts.append(self._missing_table("startup_rounds") or sections.chart(
            charts.startup_rounds_by_year(rounds, self.history_years, self.lang, self._highlight())))
        created_title = self._t("startups_created_in", period=self.scope)
        parts.append(sections.heading("", created_title, 3))
        missing = self._missing_table("startups")
        if missing:
            parts.append(missing)
        else:
            startups = self.tables["startups"]
            created = startups[startups["creation_date"].dt.year.isin(list(self.years))]
            if created.empty:
                parts.append(sections.paragraph(self._t("no_startup", period=self.scope)))
            else:
                names = self._institution_names()
                parts.append(sections.startups_table(created, rounds, self.lang, end=self.period_end,
                                                     caption=None, institution_names=names))
                if rounds is not None:
                    parts.append(sections.chart(charts.startup_funds(
                        created, rounds, self.lang, period=self.scope, end=self.period_end.date())))
        parts.append(self._kpi_tables("startups"))
        return self._section("startups", parts)

    def training(self) -> Section:
        """Events and attendees by organiser, satisfaction and units reached, and the training KPIs."""
        parts = [sections.paragraph(self._t("intro_training"), "pm-lead")]
        parts.append(self._missing_table("events") or sections.chart(
            charts.events_by_organiser(self.tables["events"], self.history_years, self.lang, self._highlight())))
        parts.append(self._missing_table("events") or sections.chart(
            charts.training_quality(self.history, self.history_years, self.lang, self._highlight())))
        parts.append(self._kpi_tables("training"))
        return self._section("training", parts)

    def eu(self) -> Section:
        """EU proposals submitted and funded, the success rate against the Horizon Europe average, the KPIs."""
        parts = [sections.paragraph(self._t("intro_eu"), "pm-lead")]
        missing = self._missing_table("eu_proposals")
        if missing:
            parts.append(missing)
        else:
            parts.append(sections.chart(
                charts.eu_counts(self.history, self.history_years, self.lang, self._highlight())))
            parts.append(sections.chart(
                charts.eu_success_rate(self.history, self.history_years, self.lang, self._highlight())))
        parts.append(self._kpi_tables("eu"))
        return self._section("eu", parts)

    def synergies(self) -> Section:
        """Joint shares over time, leverage, co-funding and coordination gaps, and the synergy/funding KPIs."""
        parts = [sections.paragraph(self._t("intro_synergies"), "pm-lead")]
        parts.append(self._missing_table("projects") or sections.chart(
            charts.synergy_trend(self.history, self.history_years, self.lang, self._highlight())))
        parts.append(self._missing_table("funding") or sections.chart(
            charts.leverage(self.history, self.history_years, self.lang, self._highlight())))
        parts.append(self._missing_table("funding", "projects") or sections.chart(
            charts.cofunding(self.history, self.history_years, self.lang, self._highlight())))
        parts.append(self._kpi_tables("synergy", "funding"))
        return self._section("synergies", parts)

    def appendix(self) -> Section:
        """Every KPI definition and the data-quality summary of the processed folder."""
        return self._section("appendix", [
            sections.paragraph(self._t("intro_appendix"), "pm-lead"),
            sections.heading("appendix-definitions", self._t("definitions"), 3),
            sections.definitions(catalogue_frame(self.lang), self.lang),
            sections.heading("appendix-quality", self._t("data_quality"), 3),
            sections.data_quality(self.manifest, self.ingest_report, self.lang),
        ])

    def all_sections(self) -> list[Section]:
        """Every section, in report order."""
        return [self.summary(), self.valorisation(), self.startups(), self.training(), self.eu(),
                self.synergies(), self.appendix()]

    def _institution_names(self) -> dict[str, str]:
        institutions = self.tables.get("institutions")
        if institutions is None:
            return {}
        return {str(c): str(n) for c, n in zip(institutions["code"], institutions["name"])}

    def _scope_rows(self) -> pd.DataFrame:
        return self.kpis[self.kpis["period"] == self.scope].set_index("kpi_id")


def _load(processed_dir) -> tuple[dict, dict | None, dict | None]:
    from ..storage import load_tables

    folder = resolve_dir(processed_dir)
    manifest, ingest_report = read_quality(folder)
    return load_tables(folder), manifest, ingest_report


class ThreeYearReport(_Report):
    """The three-year report: ``period`` (default 2021-2023) against ``baseline`` (default the 3 years before)."""

    kind = "three-year"

    def __init__(self, processed_dir: str | Path = "data/processed", *, period: str = "2021-2023",
                 baseline: str | None = "2018-2020", lang: str = "fr"):
        tables, manifest, ingest_report = _load(processed_dir)
        self._init(tables, period, baseline, lang, manifest, ingest_report)

    @classmethod
    def from_tables(cls, tables: dict, *, period: str = "2021-2023", baseline: str | None = "2018-2020",
                    lang: str = "fr", manifest: dict | None = None,
                    ingest_report: dict | None = None) -> ThreeYearReport:
        """The report of in-memory tables (as ``partnership_metrics.load()`` returns them)."""
        report = cls.__new__(cls)
        report._init(tables, period, baseline, lang, manifest, ingest_report)
        return report

    def _init(self, tables, period, baseline, lang, manifest, ingest_report) -> None:
        first, last = parse_period(period)
        self._setup(tables, first=first, last=last, baseline=baseline, lang=lang, manifest=manifest,
                    ingest_report=ingest_report)

    def _intro_summary(self) -> str:
        return self._t("intro_summary_three_year", period=self.scope, baseline=self.baseline,
                       signed=format_date(PARTNERSHIP_SIGNED, self.lang))

    def _funnel_counts(self) -> pd.DataFrame:
        rows = self._scope_rows()
        out = []
        for kpi_id, _ in charts.FUNNEL_STAGES:
            out.append((kpi_id, self.baseline, rows.loc[kpi_id, "baseline"]))
            out.append((kpi_id, self.scope, rows.loc[kpi_id, "value"]))
        return pd.DataFrame(out, columns=["kpi_id", "series", "value"])


class AnnualReview(_Report):
    """The annual review of ``year``: against the year before, the baseline's yearly average and the targets."""

    kind = "annual"

    def __init__(self, processed_dir: str | Path = "data/processed", *, year: int | str = 2023,
                 baseline: str | None = "2018-2020", lang: str = "fr"):
        tables, manifest, ingest_report = _load(processed_dir)
        self._init(tables, year, baseline, lang, manifest, ingest_report)

    @classmethod
    def from_tables(cls, tables: dict, *, year: int | str = 2023, baseline: str | None = "2018-2020",
                    lang: str = "fr", manifest: dict | None = None,
                    ingest_report: dict | None = None) -> AnnualReview:
        """The review of in-memory tables (as ``partnership_metrics.load()`` returns them)."""
        report = cls.__new__(cls)
        report._init(tables, year, baseline, lang, manifest, ingest_report)
        return report

    def _init(self, tables, year, baseline, lang, manifest, ingest_report) -> None:
        first, last = parse_period(year)
        if first != last:
            raise ValueError(f"the annual review covers one year, not {year!r}")
        self.year = first
        self._setup(tables, first=first, last=first, baseline=baseline, lang=lang, manifest=manifest,
                    ingest_report=ingest_report)

    def _intro_summary(self) -> str:
        return self._t("intro_summary_annual", year=self.year, previous=self.year - 1, baseline=self.baseline)

    def _funnel_counts(self) -> pd.DataFrame:
        rows = self._scope_rows()
        reference = self._t("baseline_yearly_average", baseline=self.baseline)
        out = []
        for kpi_id, _ in charts.FUNNEL_STAGES:
            out.append((kpi_id, reference, rows.loc[kpi_id, "baseline"]))
            out.append((kpi_id, str(self.year - 1), rows.loc[kpi_id, "previous"]))
            out.append((kpi_id, str(self.year), rows.loc[kpi_id, "value"]))
        return pd.DataFrame(out, columns=["kpi_id", "series", "value"])
