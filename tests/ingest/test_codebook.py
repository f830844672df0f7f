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
    ("sourcing_channel", "Appel à projets", "cpp_call"),
    # "AAP" alone is vague (an umbrella label), but beside the other partner's channel it is the partner's call
    ("sourcing_channel", "AAP + détection IT", "joint"), ("sourcing_channel", "AAP", "cpp_call")])
def test_a_multiple_select_naming_both_partners_is_joint(codebook, column, text, code):
    assert codebook.lookup("projects", column, text) == code


def test_a_folders_legend_of_abbreviations_is_read_for_the_columns_it_explains(tmp_path):
    """"Domaine | Code | Signification" in a file of its own: each list's codes are read in the column whose labels
    its meanings are (and that its domain names, of several: "Sourcing", not the partner columns)."""
    from workbooks import write_workbook  # tests/ingest, beside this file

    from partnership_metrics.ingest.ingestion import ingest

    legend = [["Légende des abréviations"], [], ["Domaine", "Code", "Signification"],
              ["Type de technologie", "TH", "thérapeutique"], ["Type de technologie", "DG", "diagnostic"],
              ["Type de technologie", "OR", "outil de recherche"], ["Sourcing", "AAP", "appel à projets du CanceroPôle"],
              ["Sourcing", "DET", "détection Inserm Transfert"], ["Sourcing", "CJ", "sourcing conjoint CPP + IT"]]
    write_workbook(tmp_path / "raw" / "00_Legende.xlsx", {"Légende": legend})
    rows = [["N° projet", "Intitulé", "Établissement", "Type", "Sourcing", "Accomp.", "Détection"],
            ["P-1", "Sonde", "AMU", "TH", "DET", "IT", "03/02/2021"], ["P-2", "Test", "IPC", "DG", "CJ", "CPP", "05/03/2021"],
            ["P-3", "Outil", "UCA", "OR", "AAP", "CPP", "07/04/2021"]]
    write_workbook(tmp_path / "raw" / "projets.xlsx", {"Projets": rows})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"]
    assert list(projects["technology_type"].astype(str)) == ["therapeutic", "diagnostic", "research_tool"]
    assert list(projects["sourcing_channel"].astype(str)) == ["it_detection", "joint", "cpp_call"]
    assert not result.problems and not result.mapped_to_other
    assert any("legend" in w and "projects.technology_type" in w for w in result.warnings)
    assert [s.table for s in result.sheets if s.sheet == "Légende"] == [None]


@pytest.mark.parametrize(("text", "code"), [
    ("Subv. programmes de maturation", "maturation"), ("Projets émergents", "emergence"),
    ("Subventions diverses", "grant"), ("Subventions maturation", "maturation")])
def test_an_accounts_label_names_the_kind_of_grant(codebook, text, code):
    assert codebook.lookup("funding", "instrument", text) == code


@pytest.mark.parametrize(("text", "code"), [
    ("Valorisation / Conférences", "conference"), ("Valorisation / Ateliers", "workshop"),
    ("Valorisation / Pitch & concours", "pitch")])
def test_a_learning_platforms_category_names_the_kind_of_event_in_the_plural(codebook, text, code):
    """A Moodle category, "Area / Kind" with the kind in the plural, names the kind of event."""
    assert codebook.lookup("events", "event_type", text) == code


@pytest.mark.parametrize(("text", "code"), [("ERAPERMED2018", "other"), ("H2020-SMEInst-2018-2020-2", "eic"),
                                            ("ERC-2021-STG", "erc")])
def test_a_calls_name_glued_to_its_year_still_names_its_programme(codebook, text, code):
    assert codebook.find("eu_proposals", "programme", text) == code  # (lookup would say "other" of any text)


@pytest.mark.parametrize(("text", "code"), [("Clinical Trials - Phase 1", "active"), ("Generating Revenue", "active"),
                                            ("Out of Business", "closed"),
                                            ("Acquired/Merged (Operating Subsidiary)", "acquired")])
def test_a_start_up_databases_business_statuses(codebook, text, code):
    assert codebook.lookup("startups", "status", text) == code


def test_a_trackers_stage_after_the_evaluation_report_is_pending(codebook):
    """"Evaluated": the ESR received, the decision still to come."""
    assert codebook.find("eu_proposals", "status", "Evaluated") == "pending"


@pytest.mark.parametrize(("table", "column", "text", "code"), [
    ("eu_proposals", "status", "en éval.", "pending"),  # "en évaluation" cut short, its small word written whole
    ("startup_rounds", "round_type", "PH Initiative", "loan"),  # a prêt d'honneur of Initiative France
    ("projects", "sourcing_channel", "Co-détecté avec IT", "joint")])
def test_labels_typed_in_a_hurry(codebook, table, column, text, code):
    assert codebook.find(table, column, text) == code


@pytest.mark.parametrize(("text", "code"), [
    ("Prématuration", "proof_of_concept"), ("pré-maturation", "proof_of_concept"), ("Maturation", "maturation"),
    ("Matu", "maturation"),
    ("Preuve de concept", "proof_of_concept")])
def test_pre_maturation_funds_a_proof_of_concept(codebook, text, code):
    assert codebook.lookup("funding", "instrument", text) == code


@pytest.mark.parametrize(("call", "code"), [
    ("HORIZON-WIDERA-2022-TALENTS-01-01", "other"), ("HORIZON-INFRA-2022-TECH-01", "other"),
    ("HORIZON-HLTH-2022-STAYHLTH-01", "horizon_health"), ("HORIZON-MISS-2023-CANCER-01", "cancer_mission")])
def test_a_call_of_horizon_europe_outside_the_health_cluster_is_another_programme(codebook, call, code):
    """The portal's call identifier names the programme: "HORIZON" alone is the framework, WIDERA another part."""
    assert codebook.find("eu_proposals", "programme", call) == code


@pytest.mark.parametrize(("text", "code"), [("✅", "funded"), ("❌", "not_funded"), ("⏳", "pending"), ("🚫", "withdrawn"),
                                            ("❌ Non retenu", "not_funded")])
def test_a_status_written_as_a_symbol_alone_is_read_by_its_name(codebook, text, code):
    assert codebook.lookup("eu_proposals", "status", text) == code


@pytest.mark.parametrize(("text", "code"), [("PRIMI", "grant"), ("Emergence & Innovation", "grant"),
                                            ("AAPG 2019", "grant"), ("AAP Emergence", "emergence")])
def test_a_regions_and_the_anrs_own_schemes_are_grants(codebook, text, code):
    assert codebook.lookup("funding", "instrument", text) == code

@pytest.mark.parametrize(("text", "code"), [
    ("Fonds PoC (non affecté)", "proof_of_concept"), ("Émergence (non affecté)", "emergence"),
    ("Fonds de maturation (hors PoC)", "maturation")])
def test_a_remark_in_brackets_negates_nothing_of_the_label_before_it(codebook, text, code):
    assert codebook.lookup("funding", "instrument", text) == code
