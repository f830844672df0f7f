"""A report that shows a group's columns on its first line only (report_groups.py)."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["Projet", "Intitulé projet", "N° engagement", "Financeur", "Nature de l'aide", "Montant engagé (€)",
          "Date du comité"]


def _funding(tmp_path, rows):
    write_workbook(tmp_path / "raw" / "engagements.xlsx", {"Engagements": [HEADER, *rows]})
    result = ingest(tmp_path / "raw")
    df = result.tables["funding"]
    return result, dict(zip(df["funding_id"], df["project_id"].astype(object).where(df["project_id"].notna(), None),
                            strict=True))


def test_each_commitment_belongs_to_the_project_above_it_in_a_grouped_report(tmp_path):
    rows = [["VA-21-01", "Vaccin", "ENG-01", "IT", "Maturation", 100000, dt.date(2021, 3, 1)],
            [None, None, "ENG-02", "IT", "Maturation", 50000, dt.date(2022, 3, 1)],
            ["VA-21-02", "Sonde", "ENG-03", "CPP", "Maturation", 80000, dt.date(2021, 6, 1)],
            ["(non affecté)", "Animation du réseau", "ENG-04", "IT", "Maturation", 11000, dt.date(2021, 1, 29)],
            [None, None, "ENG-05", "IT", "Maturation", 30000, dt.date(2022, 8, 15)],
            ["Total général", None, None, None, None, 271000, None]]
    result, got = _funding(tmp_path, rows)
    assert got == {"ENG-01": "VA-21-01", "ENG-02": "VA-21-01", "ENG-03": "VA-21-02", "ENG-04": None, "ENG-05": None}
    assert not result.problems


def test_a_plain_table_that_repeats_its_projects_keeps_an_empty_project_empty(tmp_path):
    rows = [["VA-21-01", "Vaccin", "ENG-01", "IT", "Maturation", 100000, dt.date(2021, 3, 1)],
            ["VA-21-01", "Vaccin", "ENG-02", "IT", "Maturation", 50000, dt.date(2022, 3, 1)],
            [None, None, "ENG-03", "CPP", "Maturation", 80000, dt.date(2021, 6, 1)],
            ["VA-21-02", "Sonde", "ENG-04", "IT", "Maturation", 11000, dt.date(2021, 1, 29)]]
    _, got = _funding(tmp_path, rows)
    assert got["ENG-03"] is None


def test_an_empty_project_with_its_label_written_is_not_carried(tmp_path):
    rows = [["VA-21-01", "Vaccin", "ENG-01", "IT", "Maturation", 100000, dt.date(2021, 3, 1)],
            [None, "Enveloppe AAP", "ENG-02", "IT", "Maturation", 50000, dt.date(2022, 3, 1)],
            ["VA-21-02", "Sonde", "ENG-03", "CPP", "Maturation", 80000, dt.date(2021, 6, 1)]]
    _, got = _funding(tmp_path, rows)
    assert got["ENG-02"] is None


# A report grouped by funder writes the funder once per group: on the group's first line (a CRM's report, its
# subtotal line counting the group's records) or on a summary line above the group (a sheet's outline).
BY_FUNDER = ["Financeur", "Réf. financement", "Code projet", "Dispositif", "Montant", "Date de décision"]


def _by_funder(tmp_path, rows):
    write_workbook(tmp_path / "raw" / "cofinancements.xlsx", {"Rapport": [BY_FUNDER, *rows]})
    result = ingest(tmp_path / "raw")
    df = result.tables.get("funding")
    return result, ({} if df is None else dict(zip(df["funding_id"], df["funder"], strict=True)))


def test_the_funder_written_on_each_groups_first_line_is_carried_down(tmp_path):
    rows = [["ANR", "FIN-01", "PJ-01", "Subvention", 92000, dt.date(2022, 2, 5)],
            [None, "FIN-02", "PJ-02", "Subvention", 213000, dt.date(2023, 7, 11)],
            ["Sous-total", "2 enregistrements", None, None, 305000, None],
            ["Bpifrance", "FIN-03", "PJ-03", "Subvention", 372000, dt.date(2023, 2, 8)],
            ["Sous-total", "1 enregistrement", None, None, 372000, None],
            ["Région Sud", "FIN-04", "PJ-01", "Subvention", 50000, dt.date(2021, 3, 1)],
            [None, "FIN-05", "PJ-04", "Subvention", 60000, dt.date(2021, 9, 1)],
            ["Sous-total", "2 enregistrements", None, None, 110000, None],
            ["Total", "5 enregistrements", None, None, 787000, None]]
    result, got = _by_funder(tmp_path, rows)
    assert got == {"FIN-01": "anr", "FIN-02": "anr", "FIN-03": "bpifrance", "FIN-04": "region_sud",
                   "FIN-05": "region_sud"}
    assert not result.problems  # the subtotal lines, whose id cell counts records, are totals: dropped
    assert sum(d.reason == "total row" for d in result.dropped) == 4


def test_the_funder_on_a_summary_line_above_its_group_is_carried_down(tmp_path):
    rows = [["ANR", None, None, None, 305000, None],
            [None, "FIN-01", "PJ-01", "Subvention", 92000, dt.date(2022, 2, 5)],
            [None, "FIN-02", "PJ-02", "Subvention", 213000, dt.date(2023, 7, 11)],
            ["Bpifrance", None, None, None, 372000, None],
            [None, "FIN-03", "PJ-03", "Subvention", 372000, dt.date(2023, 2, 8)],
            ["Total général", None, None, None, 677000, None]]
    result, got = _by_funder(tmp_path, rows)
    assert got == {"FIN-01": "anr", "FIN-02": "anr", "FIN-03": "bpifrance"}
    assert not result.problems
    heads = [d.reason for d in result.dropped if d.reason.startswith("heading of a group")]
    assert len(heads) == 2 and "Financeur: ANR" in heads[0]


def test_a_plain_table_missing_some_funders_keeps_them_missing(tmp_path):
    rows = [["ANR", "FIN-01", "PJ-01", "Subvention", 92000, dt.date(2022, 2, 5)],
            ["Bpifrance", "FIN-02", "PJ-02", "Subvention", 213000, dt.date(2023, 7, 11)],
            ["ANR", "FIN-03", "PJ-03", "Subvention", 372000, dt.date(2023, 2, 8)],
            [None, "FIN-04", "PJ-01", "Subvention", 50000, dt.date(2021, 3, 1)],
            ["Région Sud", "FIN-05", "PJ-04", "Subvention", 60000, dt.date(2021, 9, 1)],
            [None, "FIN-06", "PJ-04", "Subvention", 70000, dt.date(2021, 10, 1)]]
    result, got = _by_funder(tmp_path, rows)  # "ANR" written twice: a plain table, whose empty cells are missing
    assert sorted(got) == ["FIN-01", "FIN-02", "FIN-03", "FIN-05"]
    assert sorted(p.key for p in result.problems) == ["FIN-04", "FIN-06"]


def test_a_projects_decisions_under_its_reference_written_once(tmp_path):
    """"N° PROJ." on a project's first decision only, no label beside it: the reference is carried down."""
    rows = [["FINANCEMENTS ACCORDÉS AUX PROJETS (montants en k€)", None, None, None, None],
            ["N° PROJ.", "ORGA.", "DISPOSITIF", "MT ACCORDÉ K€", "DT DÉCISION"],
            ["VAL-2018-02", "CPP", "Émergence", 25, "28/05/2018"], [None, "ANR", "Subvention", 120, "11/06/2019"],
            [None, "IT", "Maturation", 120, "02/12/2019"], ["VAL-2018-03", "UE", "Subvention", 450, "10/10/2018"],
            [None, "IT", "Maturation", 220, "10/01/2020"], ["VAL-2019-01", "IT", "PoC", 40, "05/03/2019"]]
    write_workbook(tmp_path / "raw" / "Financements.xlsx", {"Financements": rows})
    funding = ingest(tmp_path / "raw").tables["funding"]
    assert list(funding["project_id"]) == ["VAL-2018-02"] * 3 + ["VAL-2018-03"] * 2 + ["VAL-2019-01"]
    assert list(funding["funder"]) == ["canceropole_paca", "anr", "inserm_transfert", "eu", "inserm_transfert",
                                       "inserm_transfert"]


def test_a_few_lines_tied_to_no_project_stay_so(tmp_path):
    rows = [["Réf. projet", "Financeur", "Dispositif", "Montant (k€)", "Date de décision"],
            *[[f"VAL-2021-0{i}", "IT", "Maturation", 100, "15/03/2021"] for i in range(1, 8)],
            [None, "CPP", "Émergence", 30, "20/06/2021"], ["VAL-2021-08", "IT", "PoC", 40, "05/07/2021"],
            [None, "IT", "Autre", 15, "01/09/2021"]]
    write_workbook(tmp_path / "raw" / "Financements.xlsx", {"2021": rows})
    funding = ingest(tmp_path / "raw").tables["funding"]
    assert funding["project_id"].isna().sum() == 2  # an envelope's lines, not the project above's


def test_a_yearly_sheet_of_one_band_over_its_lines_closed_by_a_subtotal_gives_its_institution(tmp_path):
    """One group only ("INSTITUT PAOLI-CALMETTES" above its start-ups, "SOUS-TOTAL … | 2 start-ups" below): the band
    and the subtotal show the layout; the optional institution is carried down, the band and totals dropped."""
    header = ["ETABLISSEMENT PORTEUR", "REF START-UP", "START-UP", "DATE DE CREATION", "STATUT"]
    rows = [header, ["INSTITUT PAOLI-CALMETTES"],
            [None, "SU-01", "OncoTrace", dt.date(2018, 10, 1), "En activité"],
            [None, "SU-02", "Immunophage", dt.date(2018, 9, 1), "En activité"],
            ["SOUS-TOTAL INSTITUT PAOLI-CALMETTES", "2 start-ups"], [],
            ["TOTAL GENERAL 2018", "2 start-up(s)"]]
    write_workbook(tmp_path / "raw" / "startups_2018.xlsx", {"START-UPS": rows})
    result = ingest(tmp_path / "raw")
    df = result.tables["startups"]
    assert dict(zip(df["startup_id"], df["lead_institution"].astype(object), strict=True)) == {
        "SU-01": "IPC", "SU-02": "IPC"}
    assert not result.problems
    reasons = [d.reason for d in result.dropped]
    assert any(r.startswith("heading of a group") for r in reasons) and sum("total" in r for r in reasons) == 2


def test_one_group_with_a_band_but_no_subtotal_stays_a_plain_table(tmp_path):
    header = ["ETABLISSEMENT PORTEUR", "REF START-UP", "START-UP", "DATE DE CREATION", "STATUT"]
    rows = [header, ["INSTITUT PAOLI-CALMETTES"],
            [None, "SU-01", "OncoTrace", dt.date(2018, 10, 1), "En activité"],
            [None, "SU-02", "Immunophage", dt.date(2018, 9, 1), "En activité"]]
    write_workbook(tmp_path / "raw" / "startups_2018.xlsx", {"START-UPS": rows})
    df = ingest(tmp_path / "raw").tables["startups"]
    assert df["lead_institution"].isna().all()  # nothing closes the group: no layout shown, nothing carried


def test_two_conventions_in_one_sheet_a_reference_on_each_line_or_on_the_first_only(tmp_path):
    """One predecessor wrote the project on each of its lines, the other on its first line only: a reference
    repeated on the lines right below it is one group written in full; the blank ones are carried down."""
    rows = [["Projet", "Acronyme", "Financeur", "Dispositif", "Montant (€)", "Date de décision"],
            ["P-01", "NEOGEN", "IT", "Maturation", 75000, "24/02/2019"],
            ["P-02", "PROCELL", "CPP", "Preuve de concept", 77500, "29/05/2019"],
            [None, None, "ANR", "Subvention", 115000, "10/07/2019"],
            [None, None, "Région Sud", "Subvention", 290000, "21/07/2020"],
            ["P-03", None, "SATT Sud-Est", "Maturation", 200000, "16/07/2020"],
            ["P-03", None, "IT", "Maturation", 40000, "21/06/2020"],
            ["P-04", "CELLSEN", "IT", "Preuve de concept", 67500, "07/04/2019"],
            [None, None, "INCa", "Subvention", 200000, "02/03/2020"]]
    write_workbook(tmp_path / "raw" / "Financements.xlsx", {"Financements": rows})
    funding = ingest(tmp_path / "raw").tables["funding"]
    assert list(funding["project_id"]) == ["P-01", "P-02", "P-02", "P-02", "P-03", "P-03", "P-04", "P-04"]


def test_a_reference_written_again_further_down_is_a_plain_table(tmp_path):
    rows = [["Projet", "Acronyme", "Financeur", "Dispositif", "Montant (€)", "Date de décision"],
            ["P-01", "NEOGEN", "IT", "Maturation", 75000, "24/02/2019"],
            [None, None, "ANR", "Subvention", 115000, "10/07/2019"],
            ["P-02", "PROCELL", "CPP", "Preuve de concept", 77500, "29/05/2019"],
            [None, None, "INCa", "Subvention", 200000, "02/03/2020"],
            ["P-01", "NEOGEN", "CPP", "Émergence", 25000, "02/03/2021"]]
    write_workbook(tmp_path / "raw" / "Financements.xlsx", {"Financements": rows})
    funding = ingest(tmp_path / "raw").tables["funding"]
    assert funding["project_id"].isna().sum() == 2  # "P-01" again below "P-02": not groups, the blanks stay blank


def test_an_outlines_lines_take_the_project_of_their_head(tmp_path):
    """A Smartsheet funding tracker: each project's head row rolls up its lines (no line id of its own), the lines
    under it leave the project empty; a section row ends the groups ("NON-PROJECT LINES": lines of no project)."""
    from workbooks import write_workbook  # tests/ingest, beside this file

    from partnership_metrics.ingest.ingestion import ingest

    rows = [["Funding Line", "Outline Level", "Line ID", "Project ID", "Funder", "Instrument", "Amount (EUR)",
             "Decision Date"],
            ["PROJECT-LINKED FUNDING", 0],
            ["CPP-18-01 · MCIMPON", 1, None, "CPP-18-01", None, None, 333000, None],
            ["CPP emergence award", 2, "FL-0001", None, "CanceroPôle PACA", "Emergence", 50000, "2018-03-29"],
            ["ANR grant", 2, "FL-0004", None, "ANR", "Grant", 283000, "2018-06-21"],
            ["CPP-18-02 · CBPX", 1, None, "CPP-18-02", None, None, 40000, None],
            ["CPP emergence award", 2, "FL-0003", "CPP-18-02", "CanceroPôle PACA", "Emergence", 40000, "2018-05-04"],
            ["NON-PROJECT LINES", 0],
            ["Awareness programme", 1, "FL-0099", None, "Inserm Transfert", "Other", 12000, "2019-01-10"]]
    write_workbook(tmp_path / "raw" / "tracker.xlsx", {"Tracker": rows})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"].set_index("funding_id")
    assert funding["project_id"].to_dict() == {"FL-0001": "CPP-18-01", "FL-0004": "CPP-18-01", "FL-0003": "CPP-18-02",
                                               "FL-0099": None}
    assert not result.problems
    assert sum(d.reason.startswith("a group's head in an outline") for d in result.dropped) == 2


ROUNDS = ["Société", "Date de closing", "Montant (M€)", "Type de tour"]


def _rounds(tmp_path, rows):
    write_workbook(tmp_path / "raw" / "startups.xlsx", {"Levées": [ROUNDS, *rows]})
    result = ingest(tmp_path / "raw")
    df = result.tables["startup_rounds"]
    return result, sorted(zip(df["startup_id"], df["round_date"].astype(str), strict=True))


def test_a_company_written_on_its_first_round_only_owns_the_rounds_below_it(tmp_path):
    rows = [["OncoLumis", "mars 2022", "0,055", "Prêt d'honneur"],
            ["NanoPharos", "janvier 2023", "0,238", "Pré-amorçage"],
            [None, "03/06/2023", "1,513", "Amorçage (seed)"],
            [None, "22/08/2023", "6,332", "Série A"],
            ["Radiance AI", "mai 2022", "0,067", "Prêt d'honneur"],
            [None, "12/02/2023", "1,906", "Amorçage (seed)"]]
    result, got = _rounds(tmp_path, rows)
    assert [s for s, _ in got].count("NanoPharos") == 3 and [s for s, _ in got].count("Radiance AI") == 2
    assert not [p for p in result.problems if p.table == "startup_rounds"]


def test_a_round_without_its_company_in_a_list_that_repeats_companies_stays_without_one(tmp_path):
    rows = [["OncoLumis", "mars 2022", "0,055", "Prêt d'honneur"],
            ["OncoLumis", "12/02/2023", "1,906", "Amorçage (seed)"],
            [None, "03/06/2023", "1,513", "Amorçage (seed)"],
            ["NanoPharos", "janvier 2023", "0,238", "Pré-amorçage"],
            ["NanoPharos", "22/08/2023", "6,332", "Série A"],
            [None, "14/10/2022", "4,309", "Série A"]]
    result, got = _rounds(tmp_path, rows)
    assert len(got) == 4
    assert sum(p.table == "startup_rounds" for p in result.problems) == 2


def test_a_crm_summary_reports_company_shown_on_each_groups_first_round_only(tmp_path):
    rows = [["Fundraising Rounds by Start-up"], ["Filtered By:"], ["    Round Stage equals Closed"], [],
            ["Account Name", "Account ID", "Round Name", "Round Type", "Close Date", "Amount Raised", "Lead Investor"],
            ["Account Name: OncoVista (1 records)"],
            ["OncoVista", "SU-101", "OncoVista – Pre-Seed", "Pre-Seed", dt.date(2023, 3, 13), "EUR 370,000.00", "—"],
            ["Subtotal", None, None, None, None, "EUR 370,000.00"],
            ["Account Name: NanoMistral (3 records)"],
            ["NanoMistral", "SU-116", "NanoMistral – Pre-Seed", "Pre-Seed", dt.date(2020, 5, 1), "EUR 350,000.00",
             "Bpifrance"],
            [None, None, "NanoMistral – Seed", "Seed", dt.date(2020, 8, 13), "EUR 800,000.00", None],
            [None, None, "NanoMistral – Series A", "Series A", dt.date(2020, 11, 26), "EUR 6,800,000.00", "Andera"],
            ["Subtotal", None, None, None, None, "EUR 7,950,000.00"],
            ["Account Name: Azur Diagnostics (2 records)"],
            ["Azur Diagnostics", "SU-119", "Azur – Pre-Seed", "Pre-Seed", dt.date(2022, 6, 30), "EUR 310,000.00", "BA"],
            [None, None, "Azur – Seed", "Seed", dt.date(2023, 7, 17), "EUR 2,000,000.00", "Région Sud Invest."],
            ["Subtotal", None, None, None, None, "EUR 2,310,000.00"],
            ["Grand Totals (6 records)", None, None, None, None, "EUR 10,630,000.00"]]
    write_workbook(tmp_path / "raw" / "Rounds.xlsx", {"Fundraising Rounds": rows})
    result = ingest(tmp_path / "raw")
    rounds = result.tables["startup_rounds"]
    assert sorted(zip(rounds["startup_id"], rounds["amount_eur"], strict=True)) == [
        ("Azur Diagnostics", 310000.0), ("Azur Diagnostics", 2000000.0), ("NanoMistral", 350000.0),
        ("NanoMistral", 800000.0), ("NanoMistral", 6800000.0), ("OncoVista", 370000.0)]
    assert not result.problems  # the headings, subtotals and grand total are dropped, not quarantined


def test_a_subtotal_counting_the_lines_above_under_their_ids_is_a_total_row(tmp_path):
    rows = [["Opportunity ID", "Opportunity Name", "Account Name", "Detection Date", "Sourcing Channel",
             "Supported By"],
            ["OPP-1", "Radiomics", "AP-HM", dt.date(2021, 3, 19), "IT detection", "IT"],
            ["OPP-2", "Kinase inhibitor", "AP-HM", dt.date(2021, 6, 26), "IT detection", "IT"],
            ["Subtotal", 2],
            ["Grand Totals (2 records)", 2]]
    write_workbook(tmp_path / "raw" / "Pipeline.xlsx", {"Opportunities": rows})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["projects"]["project_id"]) == ["OPP-1", "OPP-2"]
    assert not result.problems
    assert sorted(d.reason for d in result.dropped if d.row in (4, 5)) == ["total row", "total row"]


def test_an_event_s_sign_in_list_split_by_a_page_break_keeps_its_event(tmp_path):
    """A converted sign-in sheet writes the event on its first line only, and again atop the next page after the
    report's title lines and the header's copy: every attendee is the event's."""
    from workbooks import write_workbook  # tests/ingest, beside this file

    title = ["CanceroPôle PACA — Inserm Transfert", None, None, "Émargements"]
    header = ["Événement", "Date", "NOM", "Prénom", "Établissement"]
    people = [("LEGRAND", "Jérôme", "IPC"), ("NOËL", "Rémi", "CAL"), ("RIVIÈRE", "Florian", "CHU de Nice"),
              ("GAUTIER", "Manon", "AP-HM"), ("ROY", "Céline", "AMU"), ("GERMAIN", "Leïla", "CAL")]
    rows = [title, [], header,
            ["EV19-01", "08/05/2019", *people[0]], [None, None, *people[1]],
            ["EV19-02", "22/05/2019", *people[2]], [None, None, *people[3]],
            ["Page 1 / 2"], title, [], header,
            ["EV19-02", "22/05/2019", *people[4]], [None, None, *people[5]]]
    write_workbook(tmp_path / "raw" / "emargements.xlsx", {"Emargements": rows})
    result = ingest(tmp_path / "raw")
    attendance = result.tables["event_attendance"]
    assert list(attendance["event_id"]) == ["EV19-01", "EV19-01", "EV19-02", "EV19-02", "EV19-02", "EV19-02"]
    assert not result.problems
