"""The partners' recommendations of the fictional partnership: a few made at each annual review of the period, with
their follow-up (done, under way, dropped), and those of the end-of-period review for the renewal, not yet followed
up — so that the reports show every status and a recommendation without follow-up."""

from __future__ import annotations

import datetime as dt

from .model import Model

# (review offset, recommendation, kpi_id, owner, due (year offset, month, day), status, follow-up), in French as the
# partners write them. Review offset: 0 and 1 are the annual reviews of the period's first two years, None the
# review of the whole period (its last year); the due date's year counts from the review's year. {cpp}, {it}: the
# partners' short names; {next_first}-{next_last}: the three years after the period; {follow_year}: the year after
# the review.
RECOMMENDATIONS = (
    (0, "Organiser chaque année une campagne de détection commune dans les unités de recherche",
     "syn_joint_sourcing_share", "Comité de pilotage du partenariat", (1, 6, 30), "done",
     "Campagne commune menée au printemps {follow_year}, reconduite l'année suivante"),
    (0, "Partager la veille sur les appels européens avec les unités dès leur publication",
     "eu_proposals_submitted", "{it}, pôle Europe", (1, 3, 31), "in_progress",
     "Lettre de veille mensuelle depuis mars {follow_year} ; à étendre aux appels de la Mission Cancer"),
    (1, "Instruire des programmes de maturation plus longs sur les projets thérapeutiques",
     "val_maturation_eur", "{it}, comité de maturation", (1, 12, 31), "in_progress",
     "Un programme de 24 mois engagé ; deux autres en instruction"),
    (1, "Revoir la cible d'établissements engagés après la fusion de deux tutelles",
     "syn_institutions_engaged", "Comité de pilotage du partenariat", (1, 6, 30), "dropped",
     "Cible maintenue jusqu'au bilan de la période ; à fixer dans la prochaine convention"),
    (None, "Renouveler le partenariat pour {next_first}-{next_last} en gardant le guichet commun de détection",
     None, "Directions des deux partenaires", (1, 6, 30), None, None),
    (None, "Suivre dans chaque revue annuelle la part des projets entrés en maturation dans les 24 mois",
     "val_maturation_conversion_24m", "{cpp}, cellule valorisation", (1, 12, 31), None, None),
    (None, "Ouvrir les formations à la propriété intellectuelle aux unités niçoises, en présentiel",
     "trn_attendees", "{cpp}, animation scientifique", (1, 9, 30), None, None),
)


def set_recommendations(model: Model) -> list[dict]:
    """The recommendations of ``model``'s partnership: made at the annual reviews of the period's first years (those
    within the period) and at the review of the whole period."""
    cal = model.calendar
    names = {"cpp": model.names["cpp_short"], "it": model.names["it_short"],
             "next_first": cal.last + 1, "next_last": cal.last + 3}
    rows = []
    for offset, text, kpi_id, owner, (due_year, month, day), status, follow_up in RECOMMENDATIONS:
        year = None if offset is None else cal.start + offset
        if year is not None and year >= cal.last:  # a short period: no annual review before its last year
            continue
        values = {**names, "follow_year": (year or cal.last) + 1}
        rows.append({
            "review": cal.period if year is None else str(year),
            "recommendation": text.format(**values),
            "kpi_id": kpi_id,
            "owner": owner.format(**values),
            "due_date": dt.date((year or cal.last) + due_year, month, day),
            "status": status,
            "follow_up": None if follow_up is None else follow_up.format(**values),
        })
    return rows
