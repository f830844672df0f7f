"""The KPI catalogue of SPEC §6, in SPEC order: the single source for the CLI, the reports and their appendix."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from . import eu, funding, synergy, training, valorisation
from ._base import Result
from .periods import KpiError

LANGS = ("fr", "en")
UNITS = ("count", "eur", "days", "share", "score", "ratio", "index")
DIRECTIONS = ("up", "down")

AREAS = {
    "valorisation": {"fr": "Valorisation", "en": "Valorisation"},
    "training": {"fr": "Formation et événements", "en": "Training and events"},
    "eu": {"fr": "Projets européens", "en": "EU proposals"},
    "synergy": {"fr": "Synergies", "en": "Synergies"},
    "funding": {"fr": "Optimisation des financements", "en": "Funding optimisation"},
}
UNIT_LABELS = {
    "count": {"fr": "nombre", "en": "count"},
    "eur": {"fr": "euros", "en": "euros"},
    "days": {"fr": "jours", "en": "days"},
    "share": {"fr": "part", "en": "share"},
    "score": {"fr": "note (1-5)", "en": "score (1-5)"},
    "ratio": {"fr": "ratio", "en": "ratio"},
    "index": {"fr": "indice (0-1)", "en": "index (0-1)"},
}
DIRECTION_LABELS = {
    "up": {"fr": "plus haut = mieux", "en": "higher is better"},
    "down": {"fr": "plus bas = mieux", "en": "lower is better"},
}
STATUS_LABELS = {
    "met": {"fr": "atteint", "en": "met"},
    "close": {"fr": "proche", "en": "close"},
    "missed": {"fr": "non atteint", "en": "missed"},
    "no_target": {"fr": "sans cible", "en": "no target"},
}


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


def _k(id, area, unit, direction, additive, label_fr, label_en, definition_fr, definition_en, formula):
    return Kpi(id, area, unit, direction, additive, label_fr, label_en, definition_fr, definition_en, formula)


_CATALOGUE: tuple[Kpi, ...] = (
    _k("val_projects_detected", "valorisation", "count", "up", True,
       "Projets détectés", "Projects detected",
       "Projets dont la date de détection tombe dans l'année.",
       "Projects with a detection date in the year.",
       valorisation.projects_detected),
    _k("val_invention_disclosures", "valorisation", "count", "up", True,
       "Déclarations d'invention", "Invention disclosures",
       "Projets dont la déclaration d'invention date de l'année.",
       "Projects with an invention disclosure dated in the year.",
       valorisation.invention_disclosures),
    _k("val_priority_filings", "valorisation", "count", "up", True,
       "Dépôts de brevet prioritaires", "Priority patent filings",
       "Projets dont le dépôt de brevet prioritaire date de l'année.",
       "Projects with a priority patent filing dated in the year.",
       valorisation.priority_filings),
    _k("val_maturation_projects", "valorisation", "count", "up", True,
       "Projets entrés en maturation", "Projects entering maturation",
       "Projets dont la maturation a commencé dans l'année.",
       "Projects whose maturation started in the year.",
       valorisation.maturation_projects),
    _k("val_maturation_eur", "valorisation", "eur", "up", True,
       "Financement de maturation", "Maturation funding",
       "Somme des financements de maturation et de preuve de concept (tous financeurs) décidés dans l'année.",
       "Sum of maturation and proof-of-concept funding (any funder) decided in the year.",
       valorisation.maturation_eur),
    _k("val_licences", "valorisation", "count", "up", True,
       "Licences signées", "Licences signed",
       "Projets dont la licence a été signée dans l'année.",
       "Projects whose licence was signed in the year.",
       valorisation.licences),
    _k("val_startups_created", "valorisation", "count", "up", True,
       "Start-up créées", "Start-ups created",
       "Start-up immatriculées dans l'année.",
       "Start-ups incorporated in the year.",
       valorisation.startups_created),
    _k("val_startup_funds_raised_eur", "valorisation", "eur", "up", True,
       "Fonds levés par les start-up", "Funds raised by start-ups",
       "Somme des tours de financement des start-up clos dans l'année.",
       "Sum of the start-ups' funding rounds closed in the year.",
       valorisation.startup_funds_raised_eur),
    _k("val_median_days_to_maturation", "valorisation", "days", "down", False,
       "Délai médian détection → maturation", "Median days from detection to maturation",
       "Médiane du nombre de jours entre détection et début de maturation, pour les projets entrés en "
       "maturation dans l'année (sur une période : médiane de tous ces projets).",
       "Median number of days between detection and maturation start, over the projects whose maturation "
       "started in the year (for a period: median over all of them).",
       valorisation.median_days_to_maturation),
    _k("val_maturation_conversion", "valorisation", "share", "up", False,
       "Taux de passage en maturation", "Conversion to maturation",
       "Part des projets détectés dans l'année dont la maturation a commencé au plus tard à la fin de la "
       "période du rapport.",
       "Share of the projects detected in the year whose maturation started by the end of the report period.",
       valorisation.maturation_conversion),
    _k("trn_events", "training", "count", "up", True,
       "Événements organisés", "Events held",
       "Formations et événements tenus dans l'année.",
       "Training sessions and events held in the year.",
       training.events),
    _k("trn_attendees", "training", "count", "up", True,
       "Participants", "Attendees",
       "Somme des participants des événements de l'année.",
       "Sum of the attendees of the year's events.",
       training.attendees),
    _k("trn_units_reached", "training", "count", "up", False,
       "Unités de recherche touchées", "Research units reached",
       "Nombre d'unités de recherche distinctes parmi les participants des événements de l'année (sur une "
       "période : unités distinctes sur toute la période).",
       "Number of distinct research units among the attendees of the year's events (for a period: distinct "
       "units over the whole period).",
       training.units_reached),
    _k("trn_satisfaction", "training", "score", "up", False,
       "Satisfaction des participants", "Attendee satisfaction",
       "Moyenne des notes de satisfaction (1 à 5) des événements de l'année qui en ont une.",
       "Mean satisfaction score (1 to 5) of the year's events that have one.",
       training.satisfaction),
    _k("eu_proposals_submitted", "eu", "count", "up", True,
       "Projets européens déposés", "EU proposals submitted",
       "Propositions déposées dans l'année, hors propositions retirées.",
       "Proposals submitted in the year, withdrawn ones excluded.",
       eu.proposals_submitted),
    _k("eu_proposals_funded", "eu", "count", "up", True,
       "Projets européens financés", "EU proposals funded",
       "Propositions déposées dans l'année et financées.",
       "Proposals submitted in the year and funded.",
       eu.proposals_funded),
    _k("eu_success_rate", "eu", "share", "up", False,
       "Taux de succès européen", "EU success rate",
       "Financées / (financées + non financées) parmi les propositions déposées dans l'année (en attente et "
       "retirées exclues).",
       "Funded / (funded + not funded) among the proposals submitted in the year (pending and withdrawn "
       "excluded).",
       eu.success_rate),
    _k("eu_funding_secured_eur", "eu", "eur", "up", True,
       "Financements européens obtenus", "EU funding secured",
       "Somme des montants accordés aux propositions financées déposées dans l'année.",
       "Sum of the amounts granted to the funded proposals submitted in the year.",
       eu.funding_secured_eur),
    _k("eu_coordinator_share", "eu", "share", "up", False,
       "Part des projets coordonnés", "Share of proposals coordinated",
       "Part des propositions déposées dans l'année (hors retirées) où l'équipe régionale est coordinatrice.",
       "Share of the proposals submitted in the year (withdrawn excluded) coordinated by the regional team.",
       eu.coordinator_share),
    _k("syn_joint_sourcing_share", "synergy", "share", "up", False,
       "Part du sourcing conjoint", "Share of joint sourcing",
       "Part des projets détectés dans l'année dont le sourcing est conjoint.",
       "Share of the projects detected in the year that were sourced jointly.",
       synergy.joint_sourcing_share),
    _k("syn_co_supported_share", "synergy", "share", "up", False,
       "Part des projets co-accompagnés", "Share of co-supported projects",
       "Part des projets détectés dans l'année accompagnés par les deux partenaires.",
       "Share of the projects detected in the year supported by both partners.",
       synergy.co_supported_share),
    _k("syn_co_funded_projects", "synergy", "count", "up", True,
       "Projets cofinancés", "Co-funded projects",
       "Projets financés par les deux partenaires (au moins une ligne chacun), comptés l'année de la plus "
       "tardive des deux premières décisions.",
       "Projects funded by both partners (at least one line each), counted in the year of the later of the "
       "two partners' first decisions.",
       synergy.co_funded_projects),
    _k("syn_joint_event_share", "synergy", "share", "up", False,
       "Part des événements conjoints", "Share of joint events",
       "Part des événements de l'année organisés conjointement.",
       "Share of the year's events organised jointly.",
       synergy.joint_event_share),
    _k("syn_institutions_engaged", "synergy", "count", "up", False,
       "Établissements mobilisés", "Institutions engaged",
       "Nombre d'établissements porteurs distincts (hors « autre ») des projets détectés dans l'année.",
       "Number of distinct lead institutions (OTHER excluded) of the projects detected in the year.",
       synergy.institutions_engaged),
    _k("fun_partnership_eur", "funding", "eur", "up", True,
       "Financements des partenaires", "Partnership funding",
       "Somme des financements d'Inserm Transfert et du CanceroPôle PACA décidés dans l'année.",
       "Sum of the funding from Inserm Transfert and the CanceroPôle PACA decided in the year.",
       funding.partnership_eur),
    _k("fun_external_eur", "funding", "eur", "up", True,
       "Financements externes mobilisés", "External funding leveraged",
       "Financements d'autres financeurs décidés dans l'année sur des projets financés par un partenaire, plus "
       "les levées de l'année des start-up issues de ces projets.",
       "Funding from other funders decided in the year on projects funded by a partner, plus the year's "
       "rounds of the start-ups founded on those projects.",
       funding.external_eur),
    _k("fun_leverage_ratio", "funding", "ratio", "up", False,
       "Effet de levier", "Leverage ratio",
       "Financements externes mobilisés / financements des partenaires (sur une période : somme / somme).",
       "External funding leveraged / partnership funding (for a period: sum / sum).",
       funding.leverage_ratio),
    _k("fun_cost_per_outcome_eur", "funding", "eur", "down", False,
       "Coût par résultat", "Cost per outcome",
       "Financements des partenaires / (licences signées + start-up créées).",
       "Partnership funding / (licences signed + start-ups created).",
       funding.cost_per_outcome_eur),
    _k("fun_funding_concentration_hhi", "funding", "index", "down", False,
       "Concentration des financements (HHI)", "Funding concentration (HHI)",
       "Indice de Herfindahl (0 à 1) des financements des partenaires décidés dans l'année, répartis par "
       "établissement porteur des projets financés.",
       "Herfindahl index (0 to 1) of the partner funding decided in the year, split by the funded projects' "
       "lead institution.",
       funding.funding_concentration_hhi),
    _k("fun_coordination_gaps", "funding", "count", "down", True,
       "Défauts de coordination", "Coordination gaps",
       "Projets financés par les deux partenaires dans l'année (une décision de chacun) sans être déclarés "
       "co-accompagnés (sur une période : somme des années).",
       "Projects funded by both partners in the year (a decision from each) but not marked as supported by "
       "both (for a period: sum of the years).",
       funding.coordination_gaps),
)

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
