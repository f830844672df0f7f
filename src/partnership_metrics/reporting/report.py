"""The objects the report notebooks call: one method per section, each returning a :class:`Section`.

    report = ThreeYearReport("data/processed", lang="fr")   # the partnership's period and baseline
    report.summary()        # displayed in the notebook through Section._repr_html_

A relative ``processed_dir`` is resolved against the project root, never the working directory, so a notebook
gives the same report wherever papermill runs it. The partnership (its period, baseline, languages, partners,
headline KPIs, benchmark...) is the one saved beside the tables unless another is given. The notebooks hold no
logic: everything is here, in :mod:`.sections` (HTML), :mod:`.charts` (figures), :mod:`.messages` (key messages),
:mod:`.scorecard` (targets, exceptions first), :mod:`.context` (target review, comments, drivers, pending outcomes)
and :mod:`.quality` (what limits the data). A French report is set in French typography (:func:`.i18n.french_html`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import paths
from ..kpis import Tables
from ..kpis.catalogue import areas, catalogue_frame, check_lang, get_kpi
from ..kpis.engine import kpi_table
from ..kpis.periods import default_baseline, parse_period, period_label, three_years_before
from ..partnership import Partnership, default_partnership, partnership_of_tables
from . import charts, memo, quality, scorecard, sections
from .commentary import as_supplied
from .context import build_context, issue_note, outcomes_by_year
from .facts import data_cutoff, is_sample_data
from .i18n import code_label, format_date, french_html, text
from .messages import key_messages

SECTION_KPIS = {
    "valorisation": ("val_projects_detected", "val_invention_disclosures", "val_priority_filings",
                     "val_maturation_projects", "val_maturation_eur", "val_licences",
                     "val_median_days_to_maturation", "val_maturation_conversion", "val_maturation_conversion_24m"),
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

    def _ipython_display_(self) -> None:
        """In a notebook: the HTML, each chart as plotly's own output (see ``html.display_html``)."""
        from .html import display_html

        display_html(self.html)

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


def kpi_history(tables: dict, kpi_ids, years, period_end: pd.Timestamp,
                partnership: Partnership | None = None) -> pd.DataFrame:
    """Yearly values of ``kpi_ids``: columns ``kpi_id``, ``year``, ``value`` (NaN when null) and ``reason_code``
    (why it is null, a code of the ``reasons:`` of ``vocab/ui.yaml``)."""
    t = Tables.of(tables, partnership)
    rows = []
    for kpi_id in kpi_ids:
        kpi = get_kpi(kpi_id)
        for year in years:
            value, reason = kpi.compute(t, (year,), period_end)
            rows.append((kpi_id, year, float("nan") if value is None else float(value),
                         None if reason is None else reason.code))
    frame = pd.DataFrame(rows, columns=["kpi_id", "year", "value", "reason_code"]).astype(
        {"kpi_id": "str", "year": "int64", "value": "float64"})
    frame["reason_code"] = pd.Series(frame["reason_code"].tolist(), dtype="str")
    return frame


def resolve_partnership(processed_dir: Path, partnership: Partnership | str | Path | None) -> Partnership:
    """The partnership of a report on ``processed_dir``: ``partnership`` itself, or the file it names (relative to
    the project root), or, when None or ``""``, the copy saved beside the tables, else the packaged one."""
    if isinstance(partnership, Partnership):
        return partnership
    config = resolve_dir(partnership) if partnership else None
    return partnership_of_tables(Path(processed_dir), config)


class _Report:
    """What both reports share: the tables, the KPI table of the scope, the yearly history and the sections."""

    kind = ""

    def _setup(self, tables: dict, *, first: int, last: int, baseline: str, lang: str | None,
               manifest: dict | None, ingest_report: dict | None, partnership: Partnership,
               cutoff: str | None = None) -> None:
        self.partnership = partnership
        self.lang = check_lang(lang or partnership.default_language)
        self.tables = tables
        self.first, self.last = first, last
        b_first, b_last = parse_period(baseline)
        self.baseline = period_label(b_first, b_last)
        self.scope = period_label(first, last)
        self.years = tuple(range(first, last + 1))
        self.history_years = tuple(range(min(b_first, first), last + 1))
        self.period_end = pd.Timestamp(year=last, month=12, day=31)
        # one Tables (its cache: masks and values computed) for both, and for the other reports on these tables
        computed = memo.shared(tables, "kpi_tables", (partnership,), lambda: Tables.of(tables, partnership))
        self.kpis = kpi_table(computed, period=self.scope, baseline=self.baseline, lang=self.lang,
                              partnership=partnership)
        self.history = kpi_history(computed, HISTORY_KPIS, self.history_years, self.period_end, partnership)
        self.manifest, self.ingest_report = manifest, ingest_report
        self.reference_dir: Path | None = None  # the reference folder beside the tables (set by __init__)
        self.cutoff = data_cutoff(tables, cutoff or None)
        self.fictional = is_sample_data(manifest)
        self.context = build_context(tables, self.kpis, scope=self.scope, years=self.years, baseline=self.baseline,
                                     period_end=self.period_end, lang=self.lang, partnership=partnership)

    # ---- helpers ----

    def _t(self, key: str, **values) -> str:
        return text(key, self.lang, **values)

    def _section(self, section_id: str, parts: list[str]) -> Section:
        title = self._t(section_id)
        markup = sections.heading(section_id, title) + "".join(parts)
        return Section(section_id, title, french_html(markup) if self.lang == "fr" else markup)

    def _missing_table(self, *names: str) -> str | None:
        """A note naming the first absent table among ``names`` (None when all are present)."""
        for name in names:
            if self.tables.get(name) is None:
                return sections.paragraph(self._t("no_data_table", table=code_label("table", name, self.lang)),
                                          "pm-note")
        return None

    def _kpi_tables(self, *area_ids: str) -> str:
        """The KPI tables of ``area_ids``, each with the definitions of its indicators underneath."""
        parts = [sections.heading("", self._t("kpi_table"), 3)]
        labels = areas()
        notes = self.context.annotations
        for area in area_ids:
            caption = labels[area][self.lang] if len(area_ids) > 1 else None
            shown = [k for k in SECTION_KPIS[area] if k in set(self.kpis["kpi_id"])]
            parts.append(sections.kpi_table(self.kpis, shown, self.lang, baseline=self.baseline, caption=caption,
                                            notes=notes))
            parts.append(sections.kpi_definitions(shown, self.lang))
        return "".join(parts)

    def _highlight(self) -> tuple[int, int]:
        return (self.first, self.last)

    def _funnel_counts(self) -> pd.DataFrame:
        raise NotImplementedError

    # ---- sections ----

    def summary(self) -> Section:
        """Headline KPI tiles and the key messages written from the numbers."""
        messages = key_messages(self.kpis, self.lang, baseline=self.baseline, scope=self.scope,
                                partnership=self.partnership, context=self.context.messages(self.scope))
        lead = self._intro_summary()
        if self.cutoff is not None:
            lead += " " + self._t("cover_cutoff", date=format_date(self.cutoff, self.lang)) + "."
        parts = [sections.paragraph(lead, "pm-lead")]
        if self.fictional:
            parts.append(sections.paragraph(self._t("fictional_note"), "pm-fictional-note"))
        parts += [
            sections.heading("summary-messages", self._t("key_messages"), 3),
            sections.message_list(messages, self.lang),
            self._as_supplied(any(c.sentence(self.lang) in m for m in messages for c in self.context.quoted())),
            sections.heading("summary-kpis", self._t("headline_kpis"), 3),
            sections.kpi_tiles(self.kpis, self.partnership.headline_kpis, self.lang, scope=self.scope,
                               baseline=self.baseline, notes=self.context.annotations),
        ]
        return self._section("summary", parts)

    def what_changed(self, changes) -> Section:
        """What changed since the previous ingest: ``changes`` from
        :func:`partnership_metrics.pipeline.comparison.changes_since_previous` (None without an earlier run: the
        section is empty and nothing is shown)."""
        from .changes_section import changes_section

        part = changes_section(changes, self.lang)
        return Section(part.id, part.title, french_html(part.html) if self.lang == "fr" and part.html else part.html)

    def scorecard(self) -> Section:
        """Every targeted KPI of the scope as a share of its target, by aim, exceptions first, with why."""
        rows = scorecard.scorecard_rows(self.kpis, self.scope, issues=self.context.issues,
                                        explain=self.context.explanations)
        if not rows:
            return self._section("scorecard", [sections.paragraph(self._t("no_target_tile"), "pm-note")])
        return self._section("scorecard", [
            sections.paragraph(self._t("intro_scorecard"), "pm-lead"),
            scorecard.scorecard_html(rows, self.lang, issue_note=self._issue_note),
            sections.paragraph(self._t("sc_legend"), "pm-note"),
            self._as_supplied(any(r.commented for r in rows)),
        ])

    def _as_supplied(self, quoted: bool, key: str = "comments_as_supplied") -> str:
        """The note that the partners' words above are in their language, when they are quoted in another."""
        shown = as_supplied(self.lang, self.partnership, key) if quoted else None
        return sections.paragraph(shown, "pm-note pm-as-supplied") if shown else ""

    def _issue_note(self, issue) -> str:
        return issue_note(issue, self.lang, baseline=self.baseline)

    def _intro_summary(self) -> str:
        raise NotImplementedError

    def valorisation(self) -> Section:
        """The valorisation funnel, funding by funder and the valorisation KPIs."""
        parts = [sections.paragraph(self._t("intro_valorisation"), "pm-lead")]
        parts.append(self._missing_table("projects") or sections.chart(
            charts.valorisation_funnel(self._funnel_counts(), self.lang), self._t("chart_funnel_note")))
        parts.append(self._missing_table("funding") or sections.chart(
            charts.funding_by_funder(self.tables["funding"], self.history_years, self.lang, self._highlight(),
                                     self.partnership)))
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
            charts.events_by_organiser(self.tables["events"], self.history_years, self.lang, self._highlight(),
                                       self.partnership)))
        parts.append(self._missing_table("events") or sections.chart(
            charts.training_quality(self.history, self.history_years, self.lang, self._highlight(),
                                    scored=self._scored())))
        parts.append(self._kpi_tables("training"))
        return self._section("training", parts)

    def eu(self) -> Section:
        """EU proposals submitted and funded, the success rate against the partnership's benchmark, the KPIs."""
        parts = [sections.paragraph(self._t("intro_eu"), "pm-lead")]
        missing = self._missing_table("eu_proposals")
        if missing:
            parts.append(missing)
        else:
            parts.append(sections.chart(
                charts.eu_counts(self.history, self.history_years, self.lang, self._highlight())))
            benchmark = self.partnership.benchmark("eu_success_rate")
            outcomes = outcomes_by_year(self.tables, self.history_years)
            caption = " ".join(part for part in (
                sections.benchmark_source(benchmark, self.lang) if benchmark else "",
                sections.esc(self._t("eu_rate_interval")) if any(
                    o is not None and o.interval is not None for o in outcomes.values()) else "") if part)
            parts.append(sections.chart(
                charts.eu_success_rate(self.history, self.history_years, self.lang, self._highlight(),
                                       self.partnership, outcomes), caption_html=caption or None))
        parts.append(self._kpi_tables("eu"))
        return self._section("eu", parts)

    def synergies(self) -> Section:
        """Joint shares over time, leverage, co-funding and coordination gaps, and the synergy/funding KPIs."""
        parts = [sections.paragraph(self._t("intro_synergies"), "pm-lead")]
        parts.append(self._missing_table("projects") or sections.chart(
            charts.synergy_trend(self.history, self.history_years, self.lang, self._highlight(), self.partnership)))
        parts.append(self._missing_table("funding") or sections.chart(
            charts.leverage(self.history, self.history_years, self.lang, self._highlight(), self.partnership)))
        parts.append(self._missing_table("funding", "projects") or sections.chart(
            charts.cofunding(self.history, self.history_years, self.lang, self._highlight(), self.partnership)))
        parts.append(self._kpi_tables("synergy", "funding"))
        return self._section("synergies", parts)

    def appendix(self) -> Section:
        """The targets' review, every KPI definition, what limits the data (for directors) and the technical
        annex (files and their fingerprints, rows per table)."""
        return self._section("appendix", [
            sections.paragraph(self._t("intro_appendix"), "pm-lead"),
            sections.heading("appendix-targets", self._t("targets_review"), 3),
            self._targets_review(),
            sections.heading("appendix-quality", self._t("dq_for_directors"), 3),
            quality.directors_summary(self.ingest_report, self.tables, self.years, self.lang),
            sections.heading("appendix-definitions", self._t("definitions"), 3),
            sections.definitions(catalogue_frame(self.lang, self.kpis["kpi_id"]), self.lang),
            sections.heading("appendix-technical", self._t("dq_technical"), 3),
            quality.technical_annex(self.manifest, self.ingest_report, self.lang),
        ])

    def _targets_review(self) -> str:
        issues = self.context.issues
        if not issues:
            return sections.paragraph(self._t("no_target_issue"))
        labels = {row.kpi_id: row.label for row in self.kpis.itertuples(index=False)}
        order = [k for aim in scorecard.aims() for k in aim.kpis]
        grouped: dict[str, list[tuple[str, str]]] = {}
        for issue in sorted(issues, key=lambda i: (order.index(i.kpi_id) if i.kpi_id in order else len(order),
                                                   "-" not in i.period, i.period)):
            grouped.setdefault(issue.kpi_id, []).append((issue.period, self._issue_note(issue)))
        rows = [(labels.get(k, k), found) for k, found in grouped.items()]
        return sections.paragraph(self._t("intro_targets_review"), "pm-note") + sections.review_table(
            rows, self.lang)

    def _scored(self) -> dict[int, tuple[int, int]]:
        """Year -> (events with a satisfaction score, events held)."""
        events = self.tables.get("events")
        if events is None or "satisfaction" not in events:
            return {}
        years = events["event_date"].dt.year
        return {int(y): (int(g["satisfaction"].notna().sum()), len(g))
                for y, g in events.groupby(years) if int(y) in self.history_years}

    # ---- the end-of-partnership review (modules *_section.py) ----

    def highlights(self) -> Section:
        """The largest rounds and grants, acquisitions, i-Lab laureates and first licences of the report's years,
        with the partners' comment where they gave one."""
        from .highlights_section import highlight_parts

        return self._section("highlights", highlight_parts(
            self.tables, years=self.years, scope=self.scope, lang=self.lang, partnership=self.partnership,
            comments=self.context.comments, cutoff=self.cutoff, supplied=self._as_supplied(True)))

    def recommendations(self) -> Section:
        """The partners' recommendations made at the reviews up to the report's, and their follow-up (or what to
        supply for them to appear)."""
        from .recommendations_section import recommendation_parts

        return self._section("recommendations", recommendation_parts(
            self.tables, last_year=self.last, lang=self.lang, as_of=self.cutoff,
            supplied=self._as_supplied(True, "recommendations_as_supplied")))

    def cohorts(self) -> Section:
        """What became of the projects detected each year, and the time to maturation and to a licence or a
        start-up of the baseline's cohorts against the partnership's (Kaplan-Meier)."""
        from .cohorts_section import cohort_parts

        return self._section("cohorts", cohort_parts(self.tables, scope=self.scope, baseline=self.baseline,
                                                     period_end=self.period_end, lang=self.lang))

    def portfolio(self) -> Section:
        """Projects and partner funding by institution and technology, events by site, EU proposals by programme:
        the period beside the baseline."""
        from .portfolio_section import portfolio_parts

        return self._section("portfolio", portfolio_parts(self.tables, scope=self.scope, baseline=self.baseline,
                                                          lang=self.lang, partnership=self.partnership))

    def contributions(self) -> Section:
        """What each partner and the two together brought, cost per outcome and leverage (with the caveat on
        additionality)."""
        from .contributions_section import contribution_parts

        return self._section("contributions", contribution_parts(
            self.tables, scope=self.scope, baseline=self.baseline, lang=self.lang, partnership=self.partnership))

    def benchmarks(self) -> Section:
        """Public benchmarks (i-Lab laureates, Horizon Europe per programme, the partnership's own), each with its
        year and source."""
        from .benchmarks_section import benchmark_parts

        return self._section("benchmarks", benchmark_parts(
            self.tables, scope=self.scope, baseline=self.baseline, lang=self.lang, partnership=self.partnership,
            reference_dir=self.reference_dir, fictional=self.fictional))

    SECTIONS: tuple[str, ...] = ()  # the report's sections, in order (what_changed aside: it needs the history)

    def all_sections(self) -> list[Section]:
        """Every section, in report order."""
        return [getattr(self, name)() for name in self.SECTIONS]

    def _institution_names(self) -> dict[str, str]:
        institutions = self.tables.get("institutions")
        if institutions is None:
            return {}
        return {str(c): str(n) for c, n in zip(institutions["code"], institutions["name"], strict=False)}

    def _scope_rows(self) -> pd.DataFrame:
        return self.kpis[self.kpis["period"] == self.scope].set_index("kpi_id")


def _load(processed_dir) -> tuple[Path, dict, dict | None, dict | None]:
    """``(folder, tables, manifest, ingest report)`` of ``processed_dir`` (read once for the reports of a run's
    kernel on the same files: :mod:`.memo`)."""
    return memo.load(resolve_dir(processed_dir), _read)


def _read(folder: Path) -> tuple[Path, dict, dict | None, dict | None]:
    from ..storage import load_tables

    manifest, ingest_report = read_quality(folder)
    return folder, load_tables(folder), manifest, ingest_report


class ThreeYearReport(_Report):
    """The three-year report of ``period`` against ``baseline``.

    ``partnership``: a :class:`~partnership_metrics.partnership.Partnership`, or the path of a partnership file;
    None or ``""``: the copy saved beside the tables, else the packaged one. Empty or None ``period``,
    ``baseline`` and ``lang`` take the partnership's period, its baseline (for its period; else the three years
    before) and its first language. ``cutoff`` (``YYYY-MM-DD``) is the date the data stop at, as the report states
    it; empty or None: the latest date in the data.
    """

    kind = "three-year"
    SECTIONS = ("summary", "scorecard", "highlights", "valorisation", "cohorts", "startups", "training", "eu",
                "synergies", "portfolio", "contributions", "benchmarks", "recommendations", "appendix")

    def __init__(self, processed_dir: str | Path = "data/processed", *, period: str | None = None,
                 baseline: str | None = None, lang: str | None = None,
                 partnership: Partnership | str | Path | None = None, cutoff: str | None = None):
        folder, tables, manifest, ingest_report = _load(processed_dir)
        self._init(tables, period, baseline, lang, manifest, ingest_report, resolve_partnership(folder, partnership),
                   cutoff)
        self.reference_dir = folder.parent / "reference"  # its benchmark snapshot, when it has one

    @classmethod
    def from_tables(cls, tables: dict, *, period: str | None = None, baseline: str | None = None,
                    lang: str | None = None, manifest: dict | None = None, ingest_report: dict | None = None,
                    partnership: Partnership | None = None, cutoff: str | None = None) -> ThreeYearReport:
        """The report of in-memory tables (as ``partnership_metrics.load()`` returns them); ``partnership``
        defaults to the packaged one."""
        report = cls.__new__(cls)
        report._init(tables, period, baseline, lang, manifest, ingest_report, partnership or default_partnership(),
                     cutoff)
        return report

    def _init(self, tables, period, baseline, lang, manifest, ingest_report, partnership: Partnership,
              cutoff=None) -> None:
        first, last = parse_period(period or partnership.period)
        self._setup(tables, first=first, last=last, baseline=baseline or default_baseline(first, last, partnership),
                    lang=lang, manifest=manifest, ingest_report=ingest_report, partnership=partnership,
                    cutoff=cutoff)

    def _intro_summary(self) -> str:
        return self._t("intro_summary_three_year", period=self.scope, baseline=self.baseline,
                       signed=format_date(self.partnership.signed, self.lang))

    def _funnel_counts(self) -> pd.DataFrame:
        rows = self._scope_rows()
        out = []
        for kpi_id, _ in charts.FUNNEL_STAGES:
            out.append((kpi_id, self.baseline, rows.loc[kpi_id, "baseline"]))
            out.append((kpi_id, self.scope, rows.loc[kpi_id, "value"]))
        return pd.DataFrame(out, columns=["kpi_id", "series", "value"])


def annual_baseline(year: int, partnership: Partnership) -> str:
    """The default baseline of the annual review of ``year``: the partnership's baseline for a year of the
    partnership's period or after, else the three years before ``year``."""
    return partnership.baseline if year >= partnership.years[0] else three_years_before(year)


class AnnualReview(_Report):
    """The annual review of ``year``: against the year before, the baseline's yearly average and the targets.

    ``partnership`` and ``cutoff`` as for :class:`ThreeYearReport`. An empty or None (or 0) ``year`` is the last
    year of the partnership's period; ``baseline`` defaults to :func:`annual_baseline`.
    """

    kind = "annual"
    SECTIONS = ("summary", "scorecard", "highlights", "valorisation", "startups", "training", "eu", "synergies",
                "recommendations", "appendix")

    def __init__(self, processed_dir: str | Path = "data/processed", *, year: int | str | None = None,
                 baseline: str | None = None, lang: str | None = None,
                 partnership: Partnership | str | Path | None = None, cutoff: str | None = None):
        folder, tables, manifest, ingest_report = _load(processed_dir)
        self._init(tables, year, baseline, lang, manifest, ingest_report, resolve_partnership(folder, partnership),
                   cutoff)
        self.reference_dir = folder.parent / "reference"  # its benchmark snapshot, when it has one

    @classmethod
    def from_tables(cls, tables: dict, *, year: int | str | None = None, baseline: str | None = None,
                    lang: str | None = None, manifest: dict | None = None, ingest_report: dict | None = None,
                    partnership: Partnership | None = None, cutoff: str | None = None) -> AnnualReview:
        """The review of in-memory tables (as ``partnership_metrics.load()`` returns them); ``partnership``
        defaults to the packaged one."""
        report = cls.__new__(cls)
        report._init(tables, year, baseline, lang, manifest, ingest_report, partnership or default_partnership(),
                     cutoff)
        return report

    def _init(self, tables, year, baseline, lang, manifest, ingest_report, partnership: Partnership,
              cutoff=None) -> None:
        first, last = parse_period(year or partnership.last_year)
        if first != last:
            raise ValueError(f"the annual review covers one year, not {year!r}")
        self.year = first
        self._setup(tables, first=first, last=first, baseline=baseline or annual_baseline(first, partnership),
                    lang=lang, manifest=manifest, ingest_report=ingest_report, partnership=partnership,
                    cutoff=cutoff)

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
