"""A header's French feminine participles read in the masculine of the synonyms."""

from __future__ import annotations

import pytest

from partnership_metrics.ingest.recognition import Recogniser


@pytest.fixture(scope="module")
def recogniser(vocabulary):
    return Recogniser(vocabulary)


@pytest.mark.parametrize("header, table, column", [
    ("Obtenue", "eu_proposals", "granted_eur"),  # "Contribution UE (M€)" over "Demandée | Obtenue"
    ("Demandée", "eu_proposals", "requested_eur"),
    ("Montant obtenue", "eu_proposals", "granted_eur"),  # a slip of agreement
])
def test_a_feminine_participle_names_the_column_of_its_masculine(recogniser, header, table, column):
    best, score = recogniser.cell_candidates(table, header)[0]
    assert best == column and score > 1000


def test_the_feminine_is_read_as_the_masculine_only_for_an_exact_synonym(recogniser):
    """"DI reçue" keeps its partial match with the disclosure: "reçu" alone is an application received (the
    detection), and the masculine would only make the two tie."""
    assert [c for c, _ in recogniser.cell_candidates("projects", "DI reçue")] == ["disclosure_date"]


def test_plurals_and_listed_words_keep_their_form(recogniser):
    """A plural noun is not undone (to a list, "participations" are counted), nor a word a list names."""
    forms = recogniser.word_forms
    assert forms.agreed(("participations", "obtenues")) == ("participations", "obtenu")
    listed = next(w for w in sorted(forms.listed) if w.endswith("ee") and w[:-1] in forms.synonym_words)
    assert forms.agreed((listed,)) == (listed,)


def test_a_unit_in_a_group_over_feminine_headers_applies_to_both(tmp_path):
    """EU contributions in M€ under a merged group, the sub-headers in the feminine ("Demandée | Obtenue")."""
    from workbooks import write_workbook  # tests/ingest, beside this file

    rows = [["Candidatures européennes"], [],
            ["Proposition", None, None, "Dépôt", None, None, "Contribution UE (M€)", None, "Résultat"],
            ["Réf. interne", "Acronyme", "Programme", "Date de dépôt", "Rôle", "Établissement", "Demandée",
             "Obtenue", "Statut"],
            ["EU-1", "ALPHA", "ERC", "05/03/2021", "Coordinateur", "AMU", 1.5, 1.25, "Financé"],
            ["EU-2", "BETA", "MSCA", "19/07/2021", "Partenaire", "CHU de Nice", "0,9", None, "Rejeté"]]
    write_workbook(tmp_path / "eu.xlsx", {"UE": rows}, merged={"UE": ["A3:C3", "D3:F3", "G3:H3"]})
    from partnership_metrics.ingest.ingestion import ingest

    proposals = ingest(tmp_path).tables["eu_proposals"].set_index("proposal_id")
    assert proposals.loc["EU-1", ["requested_eur", "granted_eur"]].tolist() == [1_500_000, 1_250_000]
    assert proposals.loc["EU-2", "requested_eur"] == 900_000
