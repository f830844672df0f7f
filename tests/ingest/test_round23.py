"""Styles of the round-23 testers' folders, each as a small case written here: a badge tool's roles, a deal
database's amounts in millions, another company's round, a press review's line said not to be counted, a funder
named with its legal form, a name of a target in other words."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.header_units import header_unit
from partnership_metrics.ingest.ingestion import ingest

EVENTS = [["Réf.", "Date", "Intitulé", "Type", "Organisateur", "Participants"],
          ["EV-23-04", dt.date(2023, 6, 15), "Colloque annuel 2023", "Colloque", "CPP", 2]]
STARTUPS = [["Réf.", "Raison sociale", "Date de création"], ["SU-01", "Massalia Oncology", dt.date(2018, 3, 14)]]


def test_speakers_organisers_and_exhibitors_of_an_event_platform_are_not_attendees(tmp_path: Path):
    rows = [["Event", "First name", "Last name", "Email", "Groups", "Checked in"],
            ["Colloque annuel 2023", "Léa", "Martin", "lea.martin@example.org", "Attendees", "Yes"],
            ["Colloque annuel 2023", "Paul", "Durand", "paul.durand@example.org", "Attendees", "No"],
            ["Colloque annuel 2023", "Anne", "Roux", "anne.roux@example.org", "Speakers", "Yes"],
            ["Colloque annuel 2023", "Marc", "Petit", "marc.petit@example.org", "Exhibitors", "Yes"],
            ["Colloque annuel 2023", "Inès", "Blanc", "ines.blanc@example.org", "Attendees", "Yes"]]
    write_workbook(tmp_path / "raw" / "events.xlsx", {"Actions": EVENTS})
    with open(tmp_path / "raw" / "swapcard.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    assert len(ingest(tmp_path / "raw").tables["event_attendance"]) == 2


def test_a_deal_database_amount_in_millions_and_other_companies_rounds(tmp_path: Path):
    assert header_unit("AMOUNT (EUR M)")[1] == 1e6 and header_unit("Montant (EUR k)")[1] == 1e3
    assert header_unit("EUR Montant")[1] == 1.0  # "EUR" then a word: euros, no multiple
    rounds = [["COMPANY NAME", "ROUND", "DATE", "AMOUNT", "CURRENCY", "AMOUNT (EUR M)"],
              ["Massalia Oncology", "SERIES A", dt.date(2022, 6, 8), 6.072, "EUR", 6.072],
              ["Lyon Oncotech", "SEED", dt.date(2022, 1, 1), 2.2, "USD", 2.0]]
    write_workbook(tmp_path / "raw" / "dealroom.xlsx", {"Start-up": STARTUPS, "Funding rounds": rounds})
    result = ingest(tmp_path / "raw")
    got = result.tables["startup_rounds"]
    assert list(zip(got["startup_id"], got["amount_eur"], strict=True)) == [("SU-01", 6072000.0)]
    assert [p.value for p in result.problems if p.table == "startup_rounds"] == ["Lyon Oncotech"]


def test_a_press_review_line_said_not_to_be_counted_again(tmp_path: Path):
    review = [["Date de l'annonce", "Société", "Montant annoncé", "Type d'opération", "Remarque"],
              [dt.date(2022, 6, 15), "Massalia Oncology", "6 M€", "Série A", "Déjà dans la cap table – ne pas recompter"],
              [dt.date(2018, 10, 5), "Massalia Oncology", "150 k€", "Pre-seed", ""]]
    write_workbook(tmp_path / "raw" / "presse.xlsx", {"Start-up": STARTUPS, "Revue de presse": review})
    got = ingest(tmp_path / "raw").tables["startup_rounds"]
    assert list(got["amount_eur"]) == [150000.0]


def test_a_company_named_with_its_legal_form_funds_as_a_private_funder(tmp_path: Path):
    lines = [["Réf. engagement", "Financeur", "Projet", "Dispositif", "Montant accordé (€)", "Date de décision"],
             ["AUT-22-01", "Calanque Biotech SA", None, "Contrat de collaboration", 55000, dt.date(2022, 6, 1)],
             ["AUT-22-02", "Fondation de France", None, "Subvention", 45000, dt.date(2022, 7, 26)]]
    write_workbook(tmp_path / "raw" / "autres.xlsx", {"Autres financeurs": lines})
    assert list(ingest(tmp_path / "raw").tables["funding"]["funder"]) == ["private", "other"]


def test_proposals_named_in_other_words_in_a_targets_annex(tmp_path: Path):
    annex = [["Indicateur", "Cible 2021", "Cible 2022", "Cible 2023"],
             ["Propositions européennes déposées", 5, 6, 6], ["Propositions européennes financées", 1, 1, 2]]
    write_workbook(tmp_path / "raw" / "annexe.xlsx", {"Objectifs": annex})
    targets = ingest(tmp_path / "raw").tables["kpi_targets"]
    assert sorted(set(targets["kpi_id"])) == ["eu_proposals_funded", "eu_proposals_submitted"]


def test_a_meeting_tools_unnamed_connections_are_not_attendees(tmp_path: Path):
    log = [["Meeting Name", "Participant Name", "Participant Email", "Role"],
           ["EV-23-04 Colloque annuel 2023", "Léa Martin", "lea.martin@example.org", "Attendee"],
           ["EV-23-04 Colloque annuel 2023", "Call-in User_1", None, "Attendee"],
           ["EV-23-04 Colloque annuel 2023", "Guest 2", None, "Attendee"],
           ["EV-23-04 Colloque annuel 2023", "Paul Durand", "paul.durand@example.org", "Attendee"]]
    write_workbook(tmp_path / "raw" / "webex.xlsx", {"Actions": EVENTS, "Export Webex": log})
    result = ingest(tmp_path / "raw")
    assert len(result.tables["event_attendance"]) == 2
    assert sum("nobody is named for" in d.reason for d in result.dropped) == 2
