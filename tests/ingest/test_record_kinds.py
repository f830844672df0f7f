"""One CRM export holding deals of two pipelines (record_kinds.py): each pipeline's rows read as their own table,
a fundraising deal's round type read from its name (codes_in_text.py), only won deals counted as rounds
(continuations.unwon_deals)."""

from __future__ import annotations

from partnership_metrics.ingest.ingestion import ingest

DEALS = """Record ID,Deal Name,Pipeline,Deal Stage,Close Date,Amount,Associated Company,Code projet,Type de technologie,Canal de sourcing,Accompagnement,Date de détection
1001,Vaccin ARN du glioblastome,Valorisation onco,Maturation en cours,,,AP-HM,PV21-01,Thérapeutique,AAP CanceroPôle,CPP,12/03/2021
1002,Biopsie liquide,Valorisation onco,Détection,,,Institut Paoli-Calmettes,PV21-02,Diagnostic,Détection Inserm Transfert,IT,05/06/2021
1003,Radiomique du poumon,Valorisation onco,Licence signée (gagné),2023-02-01 00:00,,CNRS,PV21-03,Santé numérique,Sourcing conjoint,CPP + IT,20/09/2021
2001,Oncolix - Pre-seed,Start-up fundraising,Closed won,2021-11-24 00:00,380000,Oncolix,,,,,
2002,Oncolix - Amorçage,Start-up fundraising,Closed won,2022-10-16 00:00,950000,Oncolix,,,,,
2003,Liquidia Dx - Série A,Start-up fundraising,Closed won,2023-03-21 00:00,4500000,Liquidia Dx,,,,,
2004,Liquidia Dx - Série B,Start-up fundraising,Term sheet signée,2024-06-30 00:00,12000000,Liquidia Dx,,,,,
2005,Oncolix - Série A,Start-up fundraising,Closed lost,2023-09-01 00:00,3000000,Oncolix,,,,,
"""


def test_each_pipelines_deals_are_read_as_their_table_and_only_won_rounds_count(tmp_path):
    (tmp_path / "hubspot-crm-exports-all-deals.csv").write_text(DEALS, encoding="utf-8")
    result = ingest(tmp_path)
    assert list(result.tables["projects"]["project_id"]) == ["PV21-01", "PV21-02", "PV21-03"]
    rounds = result.tables["startup_rounds"]
    assert sorted(zip(rounds["startup_id"], rounds["round_type"].astype(str), rounds["amount_eur"], strict=True)) == [
        ("Liquidia Dx", "series_a", 4500000.0), ("Oncolix", "pre_seed", 380000.0), ("Oncolix", "seed", 950000.0)]
    assert not result.problems
    reasons = sorted(d.reason for d in result.dropped if d.reason.startswith("not a round"))
    assert reasons == ["not a round that happened (Deal Stage: Closed lost)",
                       "not a round that happened (Deal Stage: Term sheet signée)"]
    for sheet in result.sheets:  # each part accounts for every row: its own, and the other kind's dropped
        counts = sheet.counts()
        assert counts["rows_read"] == 8 == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]


OPPORTUNITIES = """Record ID,Opportunity Type,Opportunity Name,Project Code,Stage,Account Name,Amount,Close Date,Created Date,Institution,Technology,Sourcing,Supported by,Subtype,SIREN,Notes
OP-101,Project,Vaccin ARN du glioblastome,PV21-01,Maturation,,,,2021-03-12 10:00,AP-HM,Thérapeutique,AAP CanceroPôle,CPP,,,
OP-102,Project,Biopsie liquide,PV21-02,Licensed,,,,2021-06-05 16:30,Institut Paoli-Calmettes,Diagnostic,Détection Inserm Transfert,IT,,,
OP-201,Funding,Maturation – PV21-01,PV21-01,Closed won,Inserm Transfert,150 k€,2021-10-04,2021-05-02 09:00,,,,,Maturation,,
OP-202,Funding,PoC – PV21-02,PV21-02,Closed won,CanceroPôle PACA,45000,2022-01-17,2021-11-20 11:00,,,,,Preuve de concept,,
OP-301,License,Licence biopsie,PV21-02,Signed,Biomérieux,50000,2023-02-01,2022-10-01 08:00,,,,,,,upfront
OP-302,License,Licence vaccin,PV21-01,Signed,Sanofi,20000,2023-06-15,2023-01-01 08:00,,,,,,,
OP-401,Start-up creation,NewCo – Oncolix,PV21-01,Incorporated,Oncolix,,2022-03-01,2021-09-09 10:00,AP-HM,,,,,552 100 554,
OP-402,Start-up creation,NewCo – Liquidia Dx,PV21-02,Incorporated,Liquidia Dx,,2022-09-12,2022-01-10 10:00,Institut Paoli-Calmettes,,,,,,
OP-501,Fundraising,Oncolix – Seed,PV21-01,Closed won,Oncolix,900000,2022-10-16,2022-06-01 10:00,,,,,Seed,,
OP-502,Fundraising,Liquidia Dx – Série A,PV21-02,Closed won,Liquidia Dx,4500000,2023-03-21,2022-12-01 10:00,,,,,Série A,,
"""


def test_a_crm_s_generic_fields_mean_what_each_kind_of_deal_says(tmp_path):
    """Five kinds of deals in one list: "Close Date" is a funding line's decision, a start-up's creation (not the
    deal's "Created Date"), a round's date and a licence's date on its project; "Account Name" the funder, the
    company, the company that raised; "Subtype" the instrument or the round's type; a licence only dates its project
    (vocab/deal_kinds.yaml)."""
    (tmp_path / "opportunities.csv").write_text(OPPORTUNITIES, encoding="utf-8")
    tables = ingest(tmp_path).tables
    projects = tables["projects"].set_index("project_id")
    assert sorted(projects.index) == ["PV21-01", "PV21-02"]
    assert [str(d.date()) for d in projects.loc[["PV21-01", "PV21-02"], "licence_date"]] == ["2023-06-15", "2023-02-01"]
    assert [str(d.date()) for d in projects.loc[["PV21-01", "PV21-02"], "detection_date"]] == ["2021-03-12", "2021-06-05"]
    funding = tables["funding"]
    assert sorted(zip(funding["funding_id"], funding["project_id"], funding["funder"].astype(str),
                      funding["instrument"].astype(str), funding["amount_eur"],
                      funding["decision_date"].dt.strftime("%Y-%m-%d"), strict=True)) == [
        ("OP-201", "PV21-01", "inserm_transfert", "maturation", 150000.0, "2021-10-04"),
        ("OP-202", "PV21-02", "canceropole_paca", "proof_of_concept", 45000.0, "2022-01-17")]
    startups = tables["startups"]
    assert sorted(zip(startups["startup_id"], startups["project_id"], startups["status"].astype(str),
                      startups["creation_date"].dt.strftime("%Y-%m-%d"), strict=True)) == [
        ("Liquidia Dx", "PV21-02", "active", "2022-09-12"), ("Oncolix", "PV21-01", "active", "2022-03-01")]
    rounds = tables["startup_rounds"]
    assert sorted(zip(rounds["startup_id"], rounds["round_type"].astype(str), rounds["amount_eur"],
                      rounds["round_date"].dt.strftime("%Y-%m-%d"), strict=True)) == [
        ("Liquidia Dx", "series_a", 4500000.0, "2023-03-21"), ("Oncolix", "seed", 900000.0, "2022-10-16")]


def test_a_kind_label_names_the_kind_of_the_longest_label_it_holds():
    """"EU grant application" is no funding deal for holding "grant"; a label holding two kinds' labels equally
    names none."""
    from partnership_metrics.ingest.deal_kinds import kind_named

    assert kind_named("Maturation funding").table == "funding"
    assert kind_named("EU grant application").table == "eu_proposals"
    assert kind_named("Fundraising round 2022").table == "startup_rounds"
    assert kind_named("Project funding") is None
    assert kind_named("Partnership meeting") is None


def test_a_team_s_activity_log_is_read_one_part_per_table_its_kinds_name(tmp_path):
    """A quarter's tab of an activity log: events (their types as kinds), a funding decision and start-ups' rounds
    in one list under "Type"; the rounds read as rounds though "Ref" alone would name any id, the total line left
    as a total; a tab of events only is read as events."""
    import datetime as dt

    from workbooks import write_workbook  # tests/ingest, beside this file

    header = ["Type", "Date", "Ref", "Title / description", "Project", "Organiser / funder", "Instrument / round",
              "Amount (EUR)", "Venue", "Attendees", "Satisfaction (1-5)"]
    mixed = [["Activity log 2023 Q1"], [], header,
             ["Start-up round", dt.date(2023, 1, 16), "SU-05", "Massalia SAS — seed", None, None, "Seed", 1_000_000],
             ["Workshop", dt.date(2023, 1, 18), "EV-2023-01", "Pitch-deck clinic", None, "CPP", None, None, "Nice", 50, 3.4],
             ["Funding decision", "13/05/2023", "FND-23-004", "Emergence call award", "PRJ-131", "CPP", "Emergence",
              "EUR 100,000"],
             ["Start-up round", "Feb 2023", "SU-04", "Calanq'Onco SAS — seed", None, None, "Seed", 850_000],
             [], ["Total quarter", None, None, None, None, None, None, 1_950_000]]
    events = [["Activity log 2018 Q1"], [],
              ["Kind", "Date", "Ref", "Description", "Who (organiser / funder)", "Where", "Participants", "Score"],
              ["pitch", dt.date(2018, 1, 29), "EV-2018-01", "Maturation jury pitch", "CanceroPôle", "Marseille", 43, 3.9],
              ["webinar", dt.date(2018, 1, 31), "EV-2018-02", "EIC Pathfinder for health", "IT", "Online", 24, None]]
    write_workbook(tmp_path / "Activity_log.xlsx", {"2023-Q1": mixed, "2018-Q1": events})
    result = ingest(tmp_path)
    tables = result.tables
    assert sorted(tables["startup_rounds"]["amount_eur"]) == [850_000, 1_000_000]
    assert tables["funding"].set_index("funding_id")["amount_eur"].to_dict() == {"FND-23-004": 100_000}
    got = tables["events"].set_index("event_id")
    assert got["event_type"].astype(str).to_dict() == {"EV-2023-01": "workshop", "EV-2018-01": "pitch",
                                                       "EV-2018-02": "webinar"}
    assert got.loc["EV-2018-01", "title"] == "Maturation jury pitch" and got.loc["EV-2018-01", "satisfaction"] == 3.9
    assert not result.problems
    assert sum(d.reason == "total row" for d in result.dropped) == 1


CUSTOM = """Record ID,Deal Name,Pipeline,Deal Stage,Create Date,Amount,cpp_it_acronym__c,cpp_it_lead_institution__c,cpp_it_technology_type__c,cpp_it_source__c,cpp_it_supported_by__c,cpp_it_detection_date__c,cpp_it_eu_programme__c,cpp_it_submission_date__c,cpp_it_eu_role__c,cpp_it_result_date__c
9101,VAXCELL – Liquid biopsy,Valorisation – Deeptech projects,In maturation,2021-01-12T07:02:49.782Z,,VAXCELL,Inserm,Diagnostic,IT scouting,Inserm Transfert,2019-03-05,,,,
9102,ONCOPEP – Peptide vaccine,Valorisation – Deeptech projects,Detected,2021-01-12T07:05:11.120Z,,ONCOPEP,AMU,Therapeutic,CPP call,CanceroPôle PACA,2020-06-17,,,,
9201,EU – ONCOBRIDGE,EU grant applications,Funded,2022-01-20T16:33:50.063Z,1800000,ONCOBRIDGE,IPC,,,Inserm Transfert,,EU Mission on Cancer,2022-04-12,Coordinator,2022-10-03
9202,EU – TUMORMAP,EU grant applications,Rejected,2022-02-02T09:13:00.000Z,950000,TUMORMAP,UCA,,,CanceroPôle PACA,,Horizon Europe Cluster Health,2022-05-03,Partner,2022-11-21
"""


def test_a_crm_s_custom_properties_and_a_pipeline_named_in_the_plural(tmp_path):
    """"cpp_it_detection_date__c" is the detection date (a custom property: its namespace and Salesforce's suffix
    aside), not the deal's "Create Date" (when legacy deals were imported); "EU grant applications" are EU
    proposals, not funding for holding "grant"."""
    (tmp_path / "hubspot-crm-exports-all-deals.csv").write_text(CUSTOM, encoding="utf-8")
    result = ingest(tmp_path)
    projects = result.tables["projects"].set_index("project_id")
    assert [str(d)[:10] for d in projects["detection_date"]] == ["2019-03-05", "2020-06-17"]
    proposals = result.tables["eu_proposals"].set_index("proposal_id")
    assert [str(d)[:10] for d in proposals["submission_date"]] == ["2022-04-12", "2022-05-03"]
    assert list(proposals["role"].astype(str)) == ["coordinator", "partner"] and "funding" not in result.tables
