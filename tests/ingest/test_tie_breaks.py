"""Two header cells that could be one column: the values below them tell which holds it."""

from __future__ import annotations

import datetime as dt

import pytest

from partnership_metrics.ingest.reading import RawSheet
from partnership_metrics.ingest.recognition import Recogniser
from partnership_metrics.ingest.tie_breaks import coded_share, day_share, repeated_share, tie_break, tie_break_weight


def test_shares_of_what_the_values_are():
    assert coded_share(["VA-18-01", "VA-18-02", 3, "4"]) == 0.5
    assert day_share([dt.datetime(2022, 7, 1, 9, 45), dt.date(2022, 7, 1), "2022-07-01 00:00:00"]) == pytest.approx(2 / 3)
    assert repeated_share(["Émergence", "émergence ", "Preuve de concept", "Émergence"]) == 0.5
    assert repeated_share(["AAP 2018", "AAP 2019"]) == 0.0
    assert coded_share([]) == day_share([None, " "]) == repeated_share([]) == 1.0


def test_ids_and_dates_are_weighed_codes_only_tie_broken():
    assert tie_break_weight("id", [1, 2]) == 0.5 and tie_break_weight("code", ["A", "B"]) == 1.0
    assert tie_break("code", ["A", "A"]) == 0.5 and tie_break("code", ["A", "B"]) == 0.0 == tie_break("id", [1, 1])


def test_of_a_call_column_and_a_scheme_column_both_naming_instruments_the_scheme_is_the_instrument(vocabulary):
    """A call's name varies by year ("AAP Émergence 2018"), the scheme is one of a few; "Hors AAP" names no call."""
    rows = [["N° dossier", "Appel", "Dispositif", "Financeur", "Montant (€)", "Date décision"]]
    calls = [("AAP Émergence {y}", "Émergence"), ("AAP PoC {y}", "Preuve de concept"), ("Hors AAP", "Soutien animation")]
    for year in (2018, 2019, 2020):
        for k, (call, scheme) in enumerate(calls):
            rows.append([f"A{year}-{k}", call.format(y=year), scheme, "CanceroPôle PACA", 1000, f"01/03/{year}"])
    rec = Recogniser(vocabulary).recognise(RawSheet("f.csv", None, rows))
    assert rec.table == "funding"
    assert [m.header for m in rec.columns if m.column == "instrument"] == ["Dispositif"]


def test_a_records_own_id_is_weighed_by_how_distinct_its_values_are():
    from partnership_metrics.ingest.tie_breaks import unique_weight

    assert unique_weight(["F-01", "F-02", "F-03"]) == 1.0 and unique_weight([]) == 1.0
    assert unique_weight([f"F-{i:02}" for i in range(19)] + ["F-01"]) == 1.0  # a planted duplicate is no reason
    assert unique_weight(["P-01", "P-01", "P-02", "P-02"]) == 0.75


def test_the_line_numbers_beside_a_column_of_project_files_are_the_funding_ids(tmp_path):
    from workbooks import write_workbook  # tests/ingest, beside this file

    from partnership_metrics.ingest.ingestion import ingest

    rows = [["Réf.", "N° dossier", "Financeur", "Dispositif", "Montant", "Date décision"],
            ["F-01", "AAP-19-03", "CanceroPôle", "Maturation", 99000, dt.date(2021, 1, 11)],
            ["F-02", "AAP-19-03", "Région Sud", "Subvention", 201000, dt.date(2021, 2, 26)],
            ["F-03", "AAP-21-06", "CanceroPôle", "Émergence", 49000, dt.date(2021, 4, 13)],
            ["F-04", "AAP-21-06", "Région Sud", "Subvention", 30000, dt.date(2021, 5, 2)]]
    write_workbook(tmp_path / "raw" / "financements.xlsx", {"Financements": rows})
    funding = ingest(tmp_path / "raw").tables["funding"]
    assert list(funding["funding_id"]) == ["F-01", "F-02", "F-03", "F-04"]
    assert list(funding["project_id"]) == ["AAP-19-03", "AAP-19-03", "AAP-21-06", "AAP-21-06"]


def test_a_tools_record_keys_lose_to_the_reference_people_write():
    from partnership_metrics.ingest.tie_breaks import system_key_share

    assert system_key_share(["0015e00000edyOB", "a0C5e000008gGTjAAK", "7015e0000004aoo"]) == 1.0
    assert system_key_share(["3f2b8c1e-1234-4abc-9def-0123456789ab"]) == 1.0
    assert system_key_share(["ST-MRS-001", "CPPAAP2018PROJ1", "123456789012345", "EV2103"]) == 0.0
    assert tie_break_weight("id", ["0015e00000edyOB"]) < tie_break_weight("id", ["ST-MRS-001"])


def test_of_a_crms_campaign_id_and_its_eventbrite_id_the_referenced_one_is_the_events_id(vocabulary):
    rows = [["Campaign ID", "Eventbrite Event ID", "Campaign Name", "Type", "Organiser", "Start Date",
             "Attendees (Actual)"]]
    for k, key in enumerate(["7015e00000XssIX", "7015e00000APWhL", "7015e0000004aoo"]):
        rows.append([key, str(358947100191 + k), f"Pitch day {k}", "Pitch", "Joint", f"2022-0{k + 1}-10", 20 + k])
    rec = Recogniser(vocabulary).recognise(RawSheet("campaigns.csv", None, rows))
    assert rec.table == "events"
    assert [m.header for m in rec.columns if m.column == "event_id"] == ["Eventbrite Event ID"]


def test_of_a_title_and_an_acronym_column_both_read_as_the_acronym_the_short_word_is(vocabulary):
    """"Intitulé / Nom" ("Proposition PEETEBAY") before "Acronyme" ("PEETEBAY"): the acronym is the short word."""
    from partnership_metrics.ingest.tie_breaks import acronym_share

    assert acronym_share(["PEETEBAY", "Onco-Predict", "Proposition HEBN"]) == pytest.approx(2 / 3)
    rows = [["N°", "Date de dépôt", "Intitulé / Nom", "Acronyme", "Programme", "Statut"],
            *[[f"UE-2022-0{k}", f"0{k}/03/2022", f"Proposition {name}", name, "Mission Cancer", "Financé"]
              for k, name in enumerate(["PEETEBAY", "HEBN", "DAOP"], start=1)]]
    rec = Recogniser(vocabulary).recognise(RawSheet("f.csv", None, rows))
    assert rec.table == "eu_proposals"
    assert [m.header for m in rec.columns if m.column == "acronym"] == ["Acronyme"]


def test_an_outline_s_task_numbers_are_no_ids():
    from partnership_metrics.ingest.tie_breaks import outline_numbers

    assert outline_numbers([0.0, 1.0, "1.1", "1.2", 2.0, "2.1"])
    assert not outline_numbers([1, 2, 3]) and not outline_numbers(["VAL-21-01", "1.1"]) and not outline_numbers([])
