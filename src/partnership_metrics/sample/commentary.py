"""The partners' commentary of the fictional partnership: why some targets were missed or nearly met, what is done
about it, who acts (a role or a team, never a person) and by when — for some of the KPIs only, so that the reports
show both a comment and "no comment supplied"."""

from __future__ import annotations

import datetime as dt
import random

from .model import Model

# kpi_id -> (cause, action, owner): French, as the partners write it; {cpp} and {it} are the partners' short names.
COMMENTS = {
    "val_projects_detected": (
        "Appel à projets {cpp} de 2022 reporté d'un semestre ; moins de journées de détection en 2023",
        "Deux appels par an à partir de 2024 et une tournée de détection dans les unités niçoises",
        "{cpp}, cellule valorisation"),
    "val_invention_disclosures": (
        "Déclarations d'invention retardées par la réorganisation des services juridiques des tutelles",
        "Modèle de déclaration simplifié partagé avec les tutelles",
        "{it}, délégation régionale"),
    "val_maturation_projects": (
        "Deux projets mûrs attendent la décision du comité de maturation de janvier",
        "Comité de maturation supplémentaire à l'automne",
        "{it}, comité de maturation"),
    "val_maturation_eur": (
        "Les projets entrés en maturation en 2023 sont de petits programmes (preuve de concept)",
        "Instruire deux programmes de maturation longs en 2024",
        "{it}, comité de maturation"),
    "trn_events": (
        "Sessions de formation regroupées en 2023 (moins d'événements, plus de participants par événement)",
        "Revenir à un rythme mensuel des formations à la propriété intellectuelle",
        "Comité de pilotage du partenariat"),
    "trn_attendees": (
        "Participation en baisse aux webinaires du second semestre",
        "Formations en présentiel sur les deux sites",
        "{cpp}, animation scientifique"),
    "trn_satisfaction": (
        "Évaluations en baisse sur les sessions en ligne longues",
        "Sessions en ligne limitées à deux heures, études de cas ajoutées",
        "{cpp}, animation scientifique"),
    "eu_proposals_submitted": (
        "Appels Mission Cancer 2023 moins nombreux que prévu",
        "Veille sur les appels 2024 partagée avec les unités dès leur publication",
        "{it}, pôle Europe"),
    "syn_joint_sourcing_share": (
        "Chaque partenaire a mené ses propres campagnes de détection en 2023",
        "Campagne de détection commune au premier semestre 2024",
        "Comité de pilotage du partenariat"),
    "syn_co_supported_share": (
        "Les nouveaux projets de 2023 sont encore suivis par un seul partenaire",
        "Revue conjointe trimestrielle des nouveaux projets",
        "Comité de pilotage du partenariat"),
    "syn_institutions_engaged": (
        "Cible fixée sur la liste des tutelles avant la fusion de deux établissements",
        "Cible à revoir au comité de pilotage",
        "Comité de pilotage du partenariat"),
    "fun_external_eur": (
        "Levées de fonds des start-up décalées à 2024",
        "Mise en relation avec les investisseurs du réseau régional",
        "{it}, accompagnement des start-up"),
}
SHARE_COMMENTED = 0.6  # of the missed or close targets: the others show "no comment supplied"


def set_commentary(model: Model, rng: random.Random) -> list[dict]:
    """Comments on some of the period's and last year's targets that are missed or close (``kpi_targets`` rows
    carry the generator's value and status), due a few months after the period."""
    from ..indicators import indicators
    from .reference import target_status

    labels = {i.id: i.label["fr"] for i in indicators()}  # the catalogue's name, as the reports print it
    names = {"cpp": model.names["cpp_short"], "it": model.names["it_short"]}
    cal = model.calendar
    rows = []
    for t in model.tables["kpi_targets"]:
        if t["kpi_id"] not in COMMENTS or t["period"] not in (cal.period, str(cal.last)):
            continue
        if target_status(t["_value"], t["target"], t["_direction"]) == "met" or rng.random() > SHARE_COMMENTED:
            continue
        cause, action, owner = (text.format(**names) for text in COMMENTS[t["kpi_id"]])
        due = dt.date(cal.last + 1, rng.choice((3, 6, 9, 12)), 30 if rng.random() < 0.5 else 15)
        rows.append({"kpi_id": t["kpi_id"], "period": t["period"], "cause": cause, "action": action,
                     "owner": owner, "due_date": due, "_label": labels[t["kpi_id"]]})
    return rows
