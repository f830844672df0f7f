"""A proposal's status and its evaluation result in two columns: each row takes the furthest outcome either states
(status_pairs.py)."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["Proposal number", "Programme", "Submission date", "Role", "Proposal status", "Evaluation result"]


def test_the_furthest_outcome_of_the_two_columns(tmp_path):
    day = dt.date(2022, 4, 5)
    rows = [HEADER, ["101", "ERC", day, "Coordinator", "EVALUATED", "REJECTED"],
            ["102", "ERC", day, "Coordinator", "GRANT SIGNED", "RESERVE LIST"],  # called up from the reserve list
            ["103", "MSCA", day, "Partner", "WITHDRAWN", None],
            ["104", "MSCA", day, "Partner", "SUBMITTED", None],
            ["105", "EIC", day, "Partner", "GRANT SIGNED", "MAIN LIST"]]
    write_workbook(tmp_path / "raw" / "portal.xlsx", {"Proposals": rows})
    result = ingest(tmp_path / "raw")
    status = dict(zip(result.tables["eu_proposals"]["proposal_id"], result.tables["eu_proposals"]["status"],
                      strict=True))
    assert status == {"101": "not_funded", "102": "funded", "103": "withdrawn", "104": "pending", "105": "funded"}
    assert not result.problems


def test_a_reserve_listed_proposal_is_pending_until_a_result_date_closes_it(tmp_path):
    day = dt.date(2023, 2, 27)
    header = ["Proposal number", "Programme", "Submission date", "Role", "Evaluation result", "Final decision date"]
    rows = [header, ["201", "ERC", day, "Partner", "RESERVE LIST", None],
            ["202", "ERC", day, "Partner", "RESERVE LIST", dt.date(2023, 9, 21)],
            ["203", "ERC", day, "Partner", "Reserve list – invited to grant preparation", dt.date(2023, 9, 21)],
            ["204", "ERC", day, "Partner", "UNDER EVALUATION", None]]
    write_workbook(tmp_path / "raw" / "portal.xlsx", {"Proposals": rows})
    eu = ingest(tmp_path / "raw").tables["eu_proposals"]
    assert dict(zip(eu["proposal_id"], eu["status"].astype(str), strict=True)) == {
        "201": "pending", "202": "not_funded", "203": "funded", "204": "pending"}


def test_a_reserve_listed_proposal_with_a_granted_amount_was_called_up(tmp_path):
    day = dt.date(2021, 4, 5)
    header = ["Proposal number", "Programme", "Submission date", "Role", "Evaluation status", "Evaluation result date",
              "EU contribution granted"]
    rows = [header, ["301", "EIC", day, "Partner", "RESERVE LIST", dt.date(2021, 10, 8), 3488715.35],
            ["302", "ERC", day, "Partner", "RESERVE LIST", dt.date(2021, 11, 7), None],
            ["303", "ERC", day, "Partner", "RESERVE LIST", None, None]]
    write_workbook(tmp_path / "raw" / "portal.xlsx", {"Proposals": rows})
    eu = ingest(tmp_path / "raw").tables["eu_proposals"]
    assert dict(zip(eu["proposal_id"], eu["status"].astype(str), strict=True)) == {
        "301": "funded", "302": "not_funded", "303": "pending"}


def test_a_trackers_status_reserve_list_is_still_waiting_whatever_its_date(tmp_path):
    """A team's tracker keeps each proposal's current status ("Statut"): a reserve list written there has not been
    closed yet, even with the date the list was published beside it."""
    header = ["Acronyme", "Réf", "Programme", "Topic", "Date de dépôt", "Coordination", "Statut", "Date résultat"]
    rows = [header, ["RADIONET", "UE-23-05", "Mission Cancer", "HORIZON-MISS-2023-CANCER-01-03", dt.date(2023, 5, 12),
                     "No", "Liste de réserve", dt.date(2023, 11, 27)],
            ["CANAI", "UE-23-02", "ERC", "ERC-2023-STG", dt.date(2023, 3, 2), "Yes", "Non retenu",
             dt.date(2023, 9, 14)]]
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"Candidatures": rows})
    eu = ingest(tmp_path / "raw").tables["eu_proposals"]
    assert dict(zip(eu["proposal_id"], eu["status"].astype(str), strict=True)) == {
        "UE-23-05": "pending", "UE-23-02": "not_funded"}


def test_a_proposal_stopped_at_an_evaluation_stage_has_that_outcome(tmp_path):
    """A Europe officer's tracker keeps the evaluation's stages as columns before the final result: a proposal found
    ineligible or rejected at the first stage has no final result written; one still between stages is pending."""
    day = dt.date(2022, 3, 1)
    header = ["N° proposition", "Programme", "Date de dépôt", "Rôle", "Éligibilité", "Étape 1", "Étape 2",
              "Résultat final", "Date résultat"]
    rows = [header, ["401", "ERC", day, "Coordinateur", "Non éligible", None, None, None, dt.date(2022, 8, 1)],
            ["402", "ERC", day, "Partenaire", "OK", "Rejeté", None, None, dt.date(2022, 9, 1)],
            ["403", "MSCA", day, "Partenaire", "OK", "n/a", "Classé A", "Financé", dt.date(2022, 9, 1)],
            ["404", "EIC", day, "Partenaire", "OK", None, None, None, None],
            ["405", "EIC", day, "Partenaire", None, None, None, "Retiré", None]]
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"Suivi": rows})
    result = ingest(tmp_path / "raw")
    eu = result.tables["eu_proposals"]
    assert dict(zip(eu["proposal_id"], eu["status"].astype(str), strict=True)) == {
        "401": "not_funded", "402": "not_funded", "403": "funded", "404": "pending", "405": "withdrawn"}
    assert not result.problems


def test_a_blank_result_without_stage_columns_is_still_missing(tmp_path):
    """Guard: a "Phase" column of free text states no outcome; the blank result stays a missing required value."""
    day = dt.date(2022, 3, 1)
    header = ["N° proposition", "Programme", "Date de dépôt", "Rôle", "Phase du projet", "Résultat"]
    rows = [header, ["501", "ERC", day, "Partenaire", "Preuve de concept", "Financé"],
            ["502", "ERC", day, "Partenaire", "Recherche amont", None]]
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"Suivi": rows})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["eu_proposals"]["proposal_id"]) == ["501"]
    assert [(q.key, q.column) for q in result.problems] == [("502", "status")]


def test_a_tracker_s_comment_says_how_a_reserve_list_ended(tmp_path):
    """"Status: Evaluated - reserve list" is still waiting, unless the row's comment says the reserve list ended
    ("Reserve list not activated – not funded", "Liste de réserve activée – GA signée"); another comment says
    nothing of the status."""
    day = dt.date(2022, 4, 5)
    header = ["Proposal ID", "Programme", "Submission", "Role", "Status", "ESR date", "Comments"]
    rows = [header, ["201", "EIC", day, "Coordinator", "Evaluated - reserve list", dt.date(2022, 9, 9),
                     "Reserve list not activated – not funded"],
            ["202", "ERC", day, "Partner", "Evaluated - reserve list", dt.date(2022, 9, 9),
             "Liste de réserve activée – GA signée"],
            ["203", "MSCA", day, "Partner", "Evaluated - reserve list", None, "relancer le NCP"],
            ["204", "MSCA", day, "Partner", "Evaluated - reserve list", dt.date(2022, 9, 9), None]]
    write_workbook(tmp_path / "raw" / "tracker.xlsx", {"Proposals": rows})
    proposals = ingest(tmp_path / "raw").tables["eu_proposals"]
    assert dict(zip(proposals["proposal_id"], proposals["status"].astype(str), strict=True)) == {
        "201": "not_funded", "202": "funded", "203": "pending", "204": "pending"}
