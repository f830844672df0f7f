"""A header left out that names a taken column exactly gets it back when the header holding it reads another free
column nearly as well (header_swaps.py)."""

from __future__ import annotations

from partnership_metrics.ingest.reading import RawSheet
from partnership_metrics.ingest.recognition import Recogniser

HEADER = ["Réf. projet", "Titre du projet", "Laboratoire / établissement porteur", "Unité", "Canal de détection",
          "Accompagnement", "Date de détection"]


def _rows(labs):
    return [HEADER, *([f"P-{k}", f"Projet {k}", lab, f"U{1000 + k}", "AAP CPP", "CPP", "12/03/2021"]
                      for k, lab in enumerate(labs))]


def test_a_lab_and_host_column_beside_a_unit_column_is_the_lead_institution(vocabulary):
    labs = ["TAGC (AMU/Inserm)", "CIC 1409 / AP-HM", "iBV – UCA", "Génétique du cancer / Institut Curie", "MMG / AMU"]
    rec = Recogniser(vocabulary).recognise(RawSheet("projets.xlsx", "CPP", _rows(labs)))
    got = {m.header: m.column for m in rec.columns}
    assert got["Laboratoire / établissement porteur"] == "lead_institution" and got["Unité"] == "research_unit"
    assert not rec.missing_required


def test_without_a_unit_column_beside_it_the_choice_is_unchanged(vocabulary):
    rows = [[c for c in r if c is not None] for r in _rows(["TAGC (AMU/Inserm)", "MMG / AMU", "iBV – UCA"])]
    rows = [r[:3] + r[4:] for r in rows]  # no "Unité"
    rec = Recogniser(vocabulary).recognise(RawSheet("projets.xlsx", "CPP", rows))
    assert [m.column for m in rec.columns if m.header == "Laboratoire / établissement porteur"] == ["lead_institution"]


def test_a_header_naming_two_dates_leaves_the_one_another_header_names_in_part(vocabulary):
    """A call's tracker: "Date de dépôt / détection" (the application's filing, the project's detection) beside
    "Dépôt brevet prioritaire": the first is the detection, the second the priority filing, not the other way."""
    header = ["N° dossier", "Intitulé du projet", "Établissement porteur", "Origine", "Accompagnement",
              "Date de dépôt / détection", "Déclaration d'invention", "Dépôt brevet prioritaire"]
    rows = [header, ["AAP2018-01", "Algorithme", "Inserm", "AAP CPP", "CPP + IT", "17/04/2018", "16/09/2018", "08/03/2019"],
            ["AAP2018-02", "Anticorps", "AMU", "AAP CPP", "CPP", "06/08/2018", None, None]]
    rec = Recogniser(vocabulary).recognise(RawSheet("suivi.xlsx", "AAP 2018", rows))
    got = {m.header: m.column for m in rec.columns}
    assert got["Date de dépôt / détection"] == "detection_date"
    assert got["Dépôt brevet prioritaire"] == "priority_filing_date" and not rec.missing_required
