"""A start-up's rounds listed in one cell of its row (listed_children.py)."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.listed_children import _item

HEADER = ["N°", "Start-up", "Création", "Situation", "Levées de fonds"]


def test_an_item_is_a_label_a_date_and_after_the_colon_an_amount(vocabulary):
    from partnership_metrics.ingest.recognition import Recogniser

    parsers = Recogniser(vocabulary).parsers
    assert _item("Subvention Bpifrance 04/2019 : 190 k€", parsers) == ("Subvention Bpifrance", "04/2019", "190 k€")
    assert _item("Série A (avril 2021) : 2,5 M€", parsers) == ("Série A", "avril 2021", "2,5 M€")
    assert _item("aucune levée à ce jour", parsers) is None
    assert _item("Amorçage : 1,2 M€", parsers) is None  # no date: no round
    assert _item("Pre-seed 2019: €300k", parsers) == ("Pre-seed", "2019", "€300k")  # a year alone is a date
    assert _item("Seed 08/2019: €1.2M", parsers) == ("Seed", "08/2019", "€1.2M")


def test_each_round_listed_becomes_a_row_of_its_start_up(tmp_path):
    rows = [["Start-up issues du partenariat"], HEADER,
            ["SU-01", "Oncovia", "mai 2018", "En activité",
             "Subvention Bpifrance 04/2019 : 190 k€ ; Amorçage 03/2020 : 1,2 M€ ; Série A 04/2021 : 2,5 M€"],
            ["SU-02", "Theralis", "novembre 2018", "En activité", "Prêt d'honneur 09/2019 : 45 k€"],
            ["SU-03", "Cytomarine", "avril 2019", "En activité", "aucune levée à ce jour"],
            ["SU-04", "Provaxia", "décembre 2019", "En activité", None]]
    write_workbook(tmp_path / "raw" / "startups.xlsx", {"Start-up": rows})
    result = ingest(tmp_path / "raw")
    assert sorted(result.tables["startups"]["startup_id"]) == ["SU-01", "SU-02", "SU-03", "SU-04"]
    rounds = result.tables["startup_rounds"]
    got = [(s, str(d.date()), a, str(t)) for s, d, a, t in zip(
        rounds["startup_id"], rounds["round_date"], rounds["amount_eur"], rounds["round_type"], strict=True)]
    assert got == [("SU-01", "2019-04-01", 190_000, "grant"), ("SU-01", "2020-03-01", 1_200_000, "seed"),
                   ("SU-01", "2021-04-01", 2_500_000, "series_a"), ("SU-02", "2019-09-01", 45_000, "loan")]
    assert list(rounds["round_date_precision"]) == ["month"] * 4
    assert not result.problems
    assert set(rounds["source_column"]) == {"Levées de fonds #1", "Levées de fonds #2", "Levées de fonds #3"}
    for sheet in result.sheets:  # every row read twice, as start-ups and as their rounds, accounted for each time
        counts = sheet.counts()
        assert counts["rows_read"] == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]
    # the rounds' key, date, amount and kind were read: the KPIs of the rounds are computed from them
    assert {"startup_id", "round_date", "amount_eur", "round_type"} <= set(rounds.attrs.get("columns_read", ()))


def test_a_column_of_remarks_is_no_list_of_rounds(tmp_path):
    rows = [HEADER, ["SU-01", "Oncovia", "mai 2018", "En activité", "levée en préparation"],
            ["SU-02", "Theralis", "novembre 2018", "En activité", "voir rapport : 2022"]]
    write_workbook(tmp_path / "raw" / "startups.xlsx", {"Start-up": rows})
    result = ingest(tmp_path / "raw")
    assert "startup_rounds" not in result.tables or result.tables["startup_rounds"].empty


def test_a_crm_s_record_date_with_its_time_lists_no_rounds(tmp_path):
    """Pipedrive's organisations export: "Organisation - Créé le" holds "2019-10-12 09:57:02", whose colons are a
    time's, not a round's "label : amount"."""
    write_workbook(tmp_path / "organisations.xlsx", {"Organisations": [
        ["Organisation - Nom", "Organisation - Créé le", "Organisation - SIREN",
         "Organisation - Date d'immatriculation", "Organisation - Projet d'origine",
         "Organisation - Établissement d'origine", "Organisation - Statut société", "Organisation - Lauréat i-Lab",
         "Organisation - Effectif"],
        ["Theranyx", "2019-07-26 15:38:46", "686 036 286", "08/11/2018", None, "IPC", "Active", "Oui", 26],
        ["ProtéoMed", "2019-10-12 09:57:02", "507 579 100", "24/07/2019", "P18-02", "AMU", "Rachetée", None, 25],
        ["Calanque Bio", "2019-02-25 14:23:45", "718 363 401", "05/2019", "P18-01", "IPC", "Active", "Oui", 15]]})
    tables = ingest(tmp_path).tables
    assert len(tables["startups"]) == 3
    assert "startup_rounds" not in tables or tables["startup_rounds"].empty


def test_rounds_parted_by_bars_one_of_them_of_an_amount_not_known(tmp_path):
    """"Subv. BPI Deeptech 2019: 70 k€ | Pré-amorçage 09/2020: 160 k€ | Série B 2023: NC": each item a round, the
    one whose amount is not known quarantined (the others kept)."""
    rows = [["Portefeuille start-up"], HEADER,
            ["SU-01", "Theranice", "12/07/2019", "En activité",
             "Subv. BPI Deeptech 2019: 70 k€ | Pré-amorçage 09/2020: 160 k€ | Série B 2023: NC"],
            ["SU-02", "Oncovia", "16/07/2018", "Rachetée", "Prêt d'amorçage BPI 2018: 30 k€ | Amorçage 05/2019: 140 k€"]]
    write_workbook(tmp_path / "raw" / "startups.xlsx", {"Start-up": rows})
    result = ingest(tmp_path / "raw")
    rounds = result.tables["startup_rounds"]
    got = [(s, str(d.date()), a, str(t)) for s, d, a, t in zip(
        rounds["startup_id"], rounds["round_date"], rounds["amount_eur"], rounds["round_type"], strict=True)]
    assert got == [("SU-01", "2019-01-01", 70_000, "grant"), ("SU-01", "2020-09-01", 160_000, "pre_seed"),
                   ("SU-02", "2018-01-01", 30_000, "loan"), ("SU-02", "2019-05-01", 140_000, "seed")]
    assert [(p.table, p.column, p.reason) for p in result.problems] == [
        ("startup_rounds", "amount_eur", "required value missing")]


def test_a_start_up_database_parts_an_item_by_dots(vocabulary):
    from partnership_metrics.ingest.recognition import Recogniser

    parsers = Recogniser(vocabulary).parsers
    assert _item("Seed · €1.6M · Jul 2020", parsers) == ("Seed", "Jul 2020", "€1.6M")
    assert _item("Pre-Seed · undisclosed · Nov 2019", parsers) == ("Pre-Seed", "Nov 2019", "undisclosed")
    assert _item("Series A · May 2021 · €5.2M", parsers) == ("Series A", "May 2021", "€5.2M")  # in any order
    assert _item("Seed · Series A · €1.6M", parsers) is None  # no date
    assert _item("Seed · 2019 · €1.6M · Jul 2020", parsers) is None  # two dates: which one closed the round?


def test_a_start_up_database_export_is_its_start_ups_and_their_rounds(tmp_path):
    """A Dealroom-like export: "NAME | LAUNCH DATE | COMPANY STATUS | ROUNDS", no ids (the names are), each row's
    rounds in one cell. Not a list of attendees ("NAME" a person, "COMPANY STATUS" an institution), and "COMPANY
    STATUS" names no company."""
    rows = [["Dealroom.co – list export: « portfolio oncologie »"], ["Exported on 29 Jan 2024 – 3 companies"], [],
            ["NAME", "WEBSITE", "HQ CITY", "LAUNCH DATE", "COMPANY STATUS", "TOTAL FUNDING (EUR M)", "ROUNDS"],
            ["Phagos Bio", "https://phagos.example.com", "Marseille", 2018, "closed", 1.5, "Seed · €1.5M · Jan 2019"],
            ["Melascan Pharma", "https://melascan.example.com", "Nice", 2019, "operational", 6.8,
             "Pre-Seed · undisclosed · Nov 2019 | Seed · €1.6M · Jul 2020 | Series A · €5.2M · May 2021"],
            ["Nanovia Health", "https://nanovia.example.com", "Nice", 2020, "acquired", None, None]]
    write_workbook(tmp_path / "raw" / "dealroom_export.xlsx", {"companies": rows})
    result = ingest(tmp_path / "raw")
    startups = result.tables["startups"].set_index("startup_id")
    assert dict(startups["status"].astype(str)) == {"Phagos Bio": "closed", "Melascan Pharma": "active",
                                                    "Nanovia Health": "acquired"}
    assert "event_attendance" not in result.tables or result.tables["event_attendance"].empty
    rounds = result.tables["startup_rounds"]
    got = sorted((s, str(d.date()), a, str(t)) for s, d, a, t in zip(
        rounds["startup_id"], rounds["round_date"], rounds["amount_eur"], rounds["round_type"], strict=True))
    assert got == [("Melascan Pharma", "2020-07-01", 1_600_000, "seed"),
                   ("Melascan Pharma", "2021-05-01", 5_200_000, "series_a"),
                   ("Phagos Bio", "2019-01-01", 1_500_000, "seed")]
    # the round whose amount is not disclosed lacks a required value: quarantined, not lost
    assert [(p.table, p.key) for p in result.problems if p.table == "startup_rounds"] == [
        ("startup_rounds", "Melascan Pharma / 2019-11-01 / pre_seed")]
