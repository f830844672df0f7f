"""A list kept for one partner's support, its partner written in the sheet's name or title (supporting_partner.py),
and an events sheet of one partner asking whether the other co-organised."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

EU = ["N°", "Acronyme", "Programme", "Appel", "Date de dépôt", "Rôle", "Établissement", "Montant demandé", "Résultat"]
EU_ROWS = [["CPP-UE-19-01", "SGEIBS", "ERC StG", "ERC-2019-STG", "20/01/2019", "Coordinateur", "CNRS", "1,5 M€",
            "Non retenu"],
           ["CPP-UE-21-01", "DMUU", "MSCA PF", "HORIZON-MSCA-2021-PF-01", "12/06/2021", "Coordinateur", "AMU",
            "0,2 M€", "Financé"]]


def _supported(tmp_path, sheets):
    write_workbook(tmp_path / "raw" / "candidatures.xlsx", sheets)
    result = ingest(tmp_path / "raw")
    df = result.tables["eu_proposals"]
    return result, dict(zip(df["proposal_id"], df["supported_by"].astype(object).where(df["supported_by"].notna(), None),
                            strict=True))


def test_a_sheet_of_one_partners_coaching_was_supported_by_it(tmp_path):
    title = ["Candidatures européennes accompagnées par le CanceroPôle (coaching ERC / MSCA)"]
    result, got = _supported(tmp_path, {"Accompagnement CPP": [title, EU, *EU_ROWS]})
    assert got == {"CPP-UE-19-01": "cpp", "CPP-UE-21-01": "cpp"}
    assert "supported_by 'cpp' for every row" in next(s.note for s in result.sheets if s.table == "eu_proposals")


def test_a_sheet_named_after_its_author_without_a_word_of_support_says_nothing_of_it(tmp_path):
    _, got = _supported(tmp_path, {"Suivi CPP": [["Candidatures européennes – CanceroPôle"], EU, *EU_ROWS]})
    assert got == {"CPP-UE-19-01": None, "CPP-UE-21-01": None}


def test_a_co_support_question_naming_one_partner_reads_no_as_the_other(tmp_path):
    header = [*EU, "CPP co-support"]
    rows = [[*EU_ROWS[0], "Y"], [*EU_ROWS[1], "N"]]
    _, got = _supported(tmp_path, {"Europe desk (IT)": [header, *rows]})
    assert got == {"CPP-UE-19-01": "both", "CPP-UE-21-01": "it"}


def test_an_events_sheet_with_year_bands_asking_if_the_other_partner_co_organised(tmp_path):
    header = ["Code", "Date", "Intitulé", "Format", "Co-organisé avec IT ?", "Lieu", "Nb participants"]
    rows = [["— 2018 —"],
            ["CPP-EV-18-01", dt.date(2018, 6, 2), "Webinar: Cancer Mission calls", "Webinaire", "non", "Distanciel", 70],
            ["CPP-EV-18-02", dt.date(2018, 6, 18), "Workshop IVD", "Atelier", "oui", "Marseille", 18],
            ["— 2019 —"],
            ["CPP-EV-19-01", dt.date(2019, 4, 27), "Webinaire Cluster Santé", "Webinaire", "oui", "Distanciel", 47]]
    write_workbook(tmp_path / "raw" / "agenda.xlsx", {"CPP": [["Formations et événements – CanceroPôle"], header, *rows]})
    df = ingest(tmp_path / "raw").tables["events"]
    assert dict(zip(df["event_id"], df["organiser"], strict=True)) == {
        "CPP-EV-18-01": "cpp", "CPP-EV-18-02": "joint", "CPP-EV-19-01": "joint"}
