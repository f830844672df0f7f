"""Exports of a research-information system (a CRIS such as Pure): fields named by their dotted paths
("project.milestones.detection.date"), enumerated values named after their type ("SOURCING_JOINT"), a list's items
as numbered groups of columns ("fundingRounds[0].closingDate") — read as the tidy tables without configuration."""

from __future__ import annotations

from pathlib import Path

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.recognition import Recogniser

PROJECTS = (
    "project.id,project.title,project.type,project.managingOrganisation.name,project.keywords.technologyType,"
    "project.sourcing.channel,project.supportedBy,project.milestones.detection.date,"
    "project.milestones.maturationStart.date\n"
    "PRJ-01,Liquid biopsy,PROJECT_TYPE_DEEPTECH_ONCOLOGY,Centre national de la recherche scientifique,"
    "TECHNOLOGY_TYPE_DIAGNOSTIC,SOURCING_JOINT,SUPPORT_BOTH,2021-03-02T00:00:00Z,2022-01-10T00:00:00Z\n"
    "PRJ-02,Oncolytic virus,PROJECT_TYPE_DEEPTECH_ONCOLOGY,Université Côte d'Azur,TECHNOLOGY_TYPE_THERAPEUTIC,"
    "SOURCING_IT_DETECTION,SUPPORT_IT,2021-06-11T00:00:00Z,\n")

STARTUPS = (
    "organisation.id,organisation.name,organisation.foundingDate,organisation.relatedProjects[0].id,"
    "fundingRounds[0].closingDate,fundingRounds[0].amount.value,fundingRounds[0].amount.currency,"
    "fundingRounds[0].type,fundingRounds[1].closingDate,fundingRounds[1].amount.value,"
    "fundingRounds[1].amount.currency,fundingRounds[1].type\n"
    "ORG-1,Onkodiag,2021-04-24T00:00:00Z,PRJ-01,2022-04-22T00:00:00Z,184000,EUR,ROUND_TYPE_GRANT,"
    "2022-06-29T00:00:00Z,830000,EUR,ROUND_TYPE_SEED\n"
    "ORG-2,Mistral Dx,2023-02-27T00:00:00Z,,2023-08-30T00:00:00Z,43000,EUR,ROUND_TYPE_GRANT,,,,\n")

PROPOSALS = (
    "application.id,application.acronym,application.fundingProgramme,application.submissionDate,application.role,"
    "application.applicantOrganisation.name,application.status,application.applicant.name,"
    "application.applicant.email\n"
    "APP-01,CKVO,MSCA,2019-03-29T17:00:00+01:00,ROLE_PARTNER,Centre Antoine Lacassagne,STATUS_REJECTED,"
    "\"Roux, Manon\",manon.roux@nice.example.fr\n"
    "APP-02,PALAK,ERC,2021-09-05T17:00:00+02:00,ROLE_COORDINATOR,Université Côte d'Azur,STATUS_FUNDED,"
    "\"Philippe, Xavier\",xavier.philippe@univ.example.fr\n")


def _ingest(tmp_path: Path, name: str, text: str):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return ingest(tmp_path)


def test_a_projects_export_named_by_dotted_paths_and_enumerated_values(tmp_path):
    result = _ingest(tmp_path, "Pure_export_Project.csv", PROJECTS)
    projects = result.tables["projects"].set_index("project_id")
    assert not result.problems
    assert list(projects["technology_type"]) == ["diagnostic", "therapeutic"]  # not the "project.type"
    assert list(projects["lead_institution"]) == ["CNRS", "UCA"]
    assert list(projects["sourcing_channel"]) == ["joint", "it_detection"]
    assert list(projects["supported_by"]) == ["both", "it"]
    assert str(projects.loc["PRJ-01", "maturation_start_date"].date()) == "2022-01-10"


def test_a_companys_rounds_kept_as_numbered_groups_of_its_row_down_to_the_last_row(tmp_path):
    result = _ingest(tmp_path, "Pure_export_Organisation.csv", STARTUPS)
    startups = result.tables["startups"].set_index("startup_id")
    assert startups.loc["ORG-1", "project_id"] == "PRJ-01"
    rounds = result.tables["startup_rounds"]
    assert sorted(zip(rounds["startup_id"], rounds["round_type"], rounds["amount_eur"], strict=True)) == [
        ("ORG-1", "grant", 184000.0), ("ORG-1", "seed", 830000.0), ("ORG-2", "grant", 43000.0)]


def test_an_applicants_address_is_no_institution_the_applicant_organisation_is(tmp_path):
    result = _ingest(tmp_path, "Pure_export_Application.csv", PROPOSALS)
    proposals = result.tables["eu_proposals"].set_index("proposal_id")
    assert list(proposals["institution"]) == ["CAL", "UCA"]
    assert list(proposals["status"]) == ["not_funded", "funded"]


def test_dotted_paths_are_read_by_their_field(vocabulary):
    candidates = Recogniser(vocabulary).cell_candidates
    assert candidates("eu_proposals", "application.applicant.email") == ()  # a person's address, no institution
    assert candidates("eu_proposals", "application.applicantOrganisation.name")[0][0] == "institution"
    assert candidates("startup_rounds", "fundingRounds.amount.value")[0] == ("amount_eur", 1001)
    assert candidates("startups", "organisation.relatedProjects[0].id")[0][0] == "project_id"
    assert candidates("projects", "project.keywords.technologyType")[0][0] == "technology_type"
