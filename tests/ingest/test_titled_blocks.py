"""Lists of one parent's children, each under a line naming the parent and its own copy of the header (titled_blocks.py):
a portfolio's rounds kept company by company."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.titled_blocks import under_parent_lines

HEADER = ["Date", "Type de tour", "Montant", "Investisseurs / financeur"]
ROUNDS = [["Levées de fonds des start-up (sources : communiqués, dirigeants)"], [],
          ["▶ Oncostra"], HEADER,
          [dt.date(2019, 2, 25), "BSA-AIR", "270 k€", "Business angels"],
          [dt.date(2019, 10, 3), "Amorçage (seed)", "1,5 M€", "Business angels + Provence Angels"], [],
          ["▶ ImmunoPulse"], HEADER,
          [dt.date(2020, 2, 14), "Pré-amorçage", "350 k€", "Love money + SATT"],
          [dt.date(2021, 11, 10), "Série A", "4 500 k€", "Fonds VC (lead) + BPI"], [],
          ["▶ Calypso Bio"], HEADER,
          ["octobre 2020", "Subvention (Bpifrance / i-Lab)", "440 000 €", "Bpifrance"]]
STARTUPS = [["Start-up", "SIREN", "Date d'immatriculation", "Statut", "Établissement d'origine"],
            ["Oncostra", "496 084 583", dt.date(2018, 7, 11), "En activité", "AMU"],
            ["ImmunoPulse", "711 895 961", dt.date(2019, 1, 14), "En activité", "UCA"],
            ["Calypso Bio", "492070321", dt.date(2020, 1, 2), "En activité", "IPC"]]


def test_rounds_listed_company_by_company_are_each_companys_rounds(tmp_path):
    write_workbook(tmp_path / "raw" / "portefeuille.xlsx", {"Start-up": STARTUPS, "Levées de fonds": ROUNDS})
    result = ingest(tmp_path / "raw")
    rounds = result.tables["startup_rounds"]
    got = {(s, str(d)[:10], t, a) for s, d, t, a in zip(rounds["startup_id"], rounds["round_date"],
                                                         rounds["round_type"].astype(str), rounds["amount_eur"],
                                                         strict=True)}
    assert got == {("Oncostra", "2019-02-25", "other", 270_000), ("Oncostra", "2019-10-03", "seed", 1_500_000),
                   ("ImmunoPulse", "2020-02-14", "pre_seed", 350_000),
                   ("ImmunoPulse", "2021-11-10", "series_a", 4_500_000),
                   ("Calypso Bio", "2020-10-01", "grant", 440_000)}
    assert "funding" not in result.tables or result.tables["funding"].empty  # not read as co-funders' lines
    assert not result.problems  # the header's copies and the companies' lines are dropped, not quarantined
    reasons = {d.row: d.reason for d in result.dropped if d.sheet == "Levées de fonds"}
    assert reasons[9] == "repeated header row" and reasons[8].startswith("note row")  # "▶ ImmunoPulse"


def test_one_header_under_one_title_is_no_list_per_parent():
    rows = [["▶ Oncostra"], HEADER, [dt.date(2019, 2, 25), "BSA-AIR", "270 k€", "Business angels"]]
    assert not under_parent_lines(rows, 1)
    assert under_parent_lines(ROUNDS, 3) and not under_parent_lines(ROUNDS, 4)


def test_a_periods_banners_over_copies_of_the_header_name_no_parents(tmp_path):
    """"Décisions 2018" and "Décisions 2019" over each year's header are banners: the lines below are funding."""
    header = ["Projet (réf.)", "Financeur", "Type de financement", "Montant (k€)", "Date décision"]
    rows = [["FINANCEMENTS DÉCIDÉS"], [], ["Décisions 2018"], header,
            ["P18-06", "CPP", "Emergence", 35, dt.date(2018, 8, 21)],
            ["P18-02", "Inserm Transfert", "Preuve de concept", 80, dt.date(2018, 11, 16)], [],
            ["Décisions 2019"], header,
            ["P18-08", "Inserm Transfert", "PoC", 85, dt.date(2019, 2, 25)]]
    assert not under_parent_lines(rows, 3)
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"Financements": rows})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"]
    assert list(funding["project_id"]) == ["P18-06", "P18-02", "P18-08"]
    assert list(funding["amount_eur"]) == [35_000, 80_000, 85_000]
    assert "startup_rounds" not in result.tables or result.tables["startup_rounds"].empty
