"""Labels as people write them, read as the codes of a column: a label after "avant" names what had not happened,
one after "hors" what the thing is outside of."""

from __future__ import annotations

import pytest

from partnership_metrics.ingest.codebook import make_codebook


@pytest.fixture(scope="module")
def codebook(vocabulary):
    return make_codebook(vocabulary)


@pytest.mark.parametrize(("text", "code"), [
    ("Retiré avant évaluation", "withdrawn"), ("Withdrawn before evaluation", "withdrawn"),
    ("En cours d'évaluation", "pending"), ("Retiré", "withdrawn")])
def test_a_label_after_avant_is_what_had_not_happened(codebook, text, code):
    assert codebook.lookup("eu_proposals", "status", text) == code


@pytest.mark.parametrize(("text", "code"), [("Hors AAP", "other"), ("AAP Émergence 2018", "emergence"), ("AAP", "grant")])
def test_a_label_after_hors_is_what_the_thing_is_outside_of(codebook, text, code):
    assert codebook.lookup("funding", "instrument", text) == code


@pytest.mark.parametrize(("text", "code"), [
    ("Autre programme européen (dont Horizon 2020 hors ERC / MSCA)", "other"),
    ("Horizon 2020 - MSCA", "msca"), ("Hors ERC", "other")])
def test_every_label_of_a_list_after_hors_is_outside(codebook, text, code):
    assert codebook.lookup("eu_proposals", "programme", text) == code


@pytest.mark.parametrize(("text", "code"), [
    ("Co-organisé avec Inserm Transfert", "joint"), ("Co-organised with the CanceroPôle", "joint"),
    ("Inserm Transfert", "it")])
def test_together_with_the_other_partner_named_is_joint(codebook, text, code):
    assert codebook.lookup("events", "organiser", text) == code


@pytest.mark.parametrize(("table", "column", "text", "code"), [
    ("eu_proposals", "programme", "Autre – H2020 SC1", "other"), ("eu_proposals", "programme", "Other: TRANSCAN-3", "other"),
    ("eu_proposals", "programme", "Autre (IMI2)", "other"), ("funding", "instrument", "Autre - prêt d'honneur", "other"),
    ("eu_proposals", "programme", "ERC – StG", "erc"), ("eu_proposals", "programme", "Horizon Europe – Cluster 1 Santé",
                                                       "horizon_health")])
def test_other_chosen_in_a_list_then_specified_is_other(codebook, table, column, text, code):
    assert codebook.lookup(table, column, text) == code


@pytest.mark.parametrize(("column", "text", "code"), [
    ("supported_by", "Co-accompagné", "both"), ("supported_by", "CanceroPôle PACA | Inserm Transfert", "both"),
    ("supported_by", "CanceroPôle PACA | SATT Sud-Est", "cpp"),
    ("sourcing_channel", "Appel à projets | Détection Inserm Transfert", "joint"),
    ("sourcing_channel", "Appel à projets", "cpp_call")])
def test_a_multiple_select_naming_both_partners_is_joint(codebook, column, text, code):
    assert codebook.lookup("projects", column, text) == code
