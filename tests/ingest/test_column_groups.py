"""Child rows kept beside their parent as repeated groups of columns ("Levée n°1 | Levée n°2" over the same
sub-headers on a start-up's row)."""

from __future__ import annotations

import openpyxl

from partnership_metrics.ingest.ingestion import ingest


def _book(path, header, subs, rows, merges):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Start-ups"
    sheet.append(["Portefeuille start-ups (montants en k€)"])
    sheet.append(header)
    sheet.append(subs)
    for row in rows:
        sheet.append(row)
    for rng in merges:
        sheet.merge_cells(rng)
    book.save(path)


def test_each_filled_group_is_one_round_of_the_start_up_on_its_row(tmp_path):
    header = ["Code", "Société", "Création", "Levée n°1", None, None, "Levée n°2", None, None]
    subs = [None, None, None, "Date", "Nature", "Montant (k€)", "Date", "Nature", "Montant (k€)"]
    rows = [["SUP01", "Calissonia", "2018-11-12", "2019-04-19", "Pré-amorçage", 303, "T2 2021", "Amorçage", "1,15 M€"],
            ["SUP02", "Vieux-Port Dx", "2019-08-24", "2020-04-23", "Prêt d'honneur", 325, None, None, None],
            ["SUP03", "Sormiou Bio", "2020-11-24", None, None, None, None, None, None],
            ["Montants en k€ ; sources : communiqués de presse."]]
    _book(tmp_path / "startups.xlsx", header, subs, rows, ["A2:A3", "B2:B3", "C2:C3", "D2:F2", "G2:I2"])
    result = ingest(tmp_path)
    assert list(result.tables["startups"]["startup_id"]) == ["SUP01", "SUP02", "SUP03"]
    rounds = result.tables["startup_rounds"]
    assert sorted(zip(rounds["startup_id"], rounds["round_date"].astype(str), rounds["round_type"].astype(str),
                      rounds["amount_eur"], strict=True)) == [
        ("SUP01", "2019-04-19", "pre_seed", 303_000), ("SUP01", "2021-04-01", "seed", 1_150_000),
        ("SUP02", "2020-04-23", "loan", 325_000)]
    assert set(rounds["source_column"]) == {"Levée n°1", "Levée n°2"}
    assert not result.problems  # the sub-headers' row is the header's second row, not a start-up lacking its id
    for sheet in result.sheets:
        counts = sheet.counts()
        assert counts["rows_read"] == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]


def test_groups_whose_sub_headers_differ_are_no_repeated_groups(tmp_path):
    header = ["Code", "Société", "Création", "Levée n°1", None, "Levée n°2", None]
    subs = [None, None, None, "Date", "Montant (k€)", "Date", "Investisseurs"]
    rows = [["SUP01", "Calissonia", "2018-11-12", "2019-04-19", 303, "2021-04-01", "Truffle"]]
    _book(tmp_path / "startups.xlsx", header, subs, rows, [])
    result = ingest(tmp_path)
    assert "startup_rounds" not in result.tables or result.tables["startup_rounds"].empty


def test_a_total_row_and_the_header_written_again_are_dropped_once(tmp_path):
    header = ["Code", "Société", "Création", "Levée n°1", None, None, "Levée n°2", None, None]
    subs = [None, None, None, "Date", "Nature", "Montant (k€)", "Date", "Nature", "Montant (k€)"]
    rows = [["SUP01", "Calissonia", "2018-11-12", "2019-04-19", "Pré-amorçage", 303, "2021-05-02", "Amorçage", 850],
            header, subs,
            ["SUP02", "Vieux-Port Dx", "2019-08-24", "2020-04-23", "Prêt d'honneur", 325, None, None, None],
            ["Total", None, None, None, None, 628, None, None, 850]]
    _book(tmp_path / "startups.xlsx", header, subs, rows, [])
    result = ingest(tmp_path)
    assert list(result.tables["startups"]["startup_id"]) == ["SUP01", "SUP02"]
    assert len(result.tables["startup_rounds"]) == 3
    assert not result.problems
    for sheet in result.sheets:
        counts = sheet.counts()
        assert counts["rows_read"] == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]


def test_a_sheet_of_rounds_kept_one_row_per_start_up_reads_every_group(tmp_path):
    book = openpyxl.Workbook()
    companies = book.active
    companies.title = "Sociétés"
    for row in [["Code", "Raison sociale", "Date d'immatriculation"], ["SU01", "Oncoprisme", "2018-03-25"],
                ["SU02", "Calypso", "2019-11-27"], ["SU03", "Azurscan", "2023-03-23"]]:
        companies.append(row)
    sheet = book.create_sheet("Levées")
    for row in [["Historique des levées de fonds (une ligne par société, un bloc par tour)"], [],
                ["Code", "Start-up", "Tour 1", None, None, "Tour 2", None, None, "Commentaire BD"],
                [None, None, "Date", "Montant", "Nature", "Date", "Montant", "Nature", None],
                ["SU01", "Oncoprisme", "2018-10-07", 107000, "Pré-amorçage", "2019-02-17", "292 k€", "Amorçage", None],
                ["SU02", "Calypso", "04/2020", "412 k€", "Pré-amorçage", None, None, None, None],
                ["SU03", "Azurscan", None, None, None, None, None, None, "pas de levée à ce jour"]]:
        sheet.append(row)
    book.save(tmp_path / "levees.xlsx")
    result = ingest(tmp_path)
    rounds = result.tables["startup_rounds"]
    assert sorted(zip(rounds["startup_id"], rounds["amount_eur"], strict=True)) == [
        ("SU01", 107_000), ("SU01", 292_000), ("SU02", 412_000)]
    assert not result.problems


def test_groups_numbered_in_one_header_row_beside_the_start_up_s_fields(tmp_path):
    """"Round 1 date | Round 1 type | Round 1 amount (€m) | Round 2 date | …" on one header row: the start-ups from
    the columns beside, one round per group filled, keyed by the start-up's own id (not its name)."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["Oncology start-up tracker"], [],
                ["ID", "Start-up", "SIREN", "Created", "Status", "Round 1 date", "Round 1 type", "Round 1 amount (€m)",
                 "Round 2 date", "Round 2 type", "Round 2 amount (€m)", "Total raised (€m)"],
                ["SU-01", "Nanocelt", "921015723", "14/08/2020", "Active", "03/10/2021", "Grant", 0.2,
                 "02/2022", "Grant", 0.05, 0.25],
                ["SU-02", "MethylOnco", "871 623 922", "05/06/2020", "Active", "24/04/2021", "Pre-seed", 0.5,
                 None, None, None, 0.5]]:
        sheet.append(row)
    book.save(tmp_path / "tracker.xlsx")
    result = ingest(tmp_path)
    assert sorted(result.tables["startups"]["startup_id"]) == ["SU-01", "SU-02"]
    rounds = result.tables["startup_rounds"]
    assert sorted(zip(rounds["startup_id"], rounds["round_type"].astype(str), rounds["amount_eur"], strict=True)) == [
        ("SU-01", "grant", 50_000.0), ("SU-01", "grant", 200_000.0), ("SU-02", "pre_seed", 500_000.0)]


def _master(path):
    """A master sheet of projects: each project's funding lines as numbered groups of columns, the start-up founded
    on it under a merged "START-UP" title."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Projets"
    sheet.append(["TABLEAU MAÎTRE – montants en k€"])
    sheet.append(["PROJET", None, None, None, None, None, None, "Financement 1", None, None, None, "Financement 2",
                  None, None, None, "START-UP", None, None, None])
    sheet.append(["Réf. projet", "Intitulé du projet", "Établissement porteur", "Origine", "Accompagnement",
                  "Date de détection", "Commentaires",
                  "Financement 1 – financeur", "Financement 1 – dispositif", "Financement 1 – montant (k€)",
                  "Financement 1 – date décision", "Financement 2 – financeur", "Financement 2 – dispositif",
                  "Financement 2 – montant (k€)", "Financement 2 – date décision",
                  "Start-up créée", "SIREN", "Date d'immatriculation", "Statut SU"])
    sheet.append(["Projets détectés en 2018"])
    sheet.append(["VAL-18-01", "Vaccin ARN", "UCA", "Conjoint", "CPP/IT", "02/09/2018", None,
                  "Cancéropôle PACA", "Émergence", 37.5, "02/01/2019", "Inserm Transfert", "Maturation", 100,
                  "02/11/2019", None, None, None, None])
    sheet.append(["VAL-18-03", "Ciblage", "IPC", "Appel à projets CPP", "CPP", "24/07/2018", None,
                  "CPP", "Émergence", 40, "24/05/2019", None, None, None, None,
                  "OncoLumina", "851 150 987", "29/10/2019", "En activité"])
    for rng in ("A2:G2", "H2:K2", "L2:O2", "P2:S2"):
        sheet.merge_cells(rng)
    book.save(path)


def test_a_master_sheet_keeps_each_project_s_funding_lines_and_start_up_on_its_row(tmp_path):
    _master(tmp_path / "master.xlsx")
    result = ingest(tmp_path)
    assert list(result.tables["projects"]["project_id"]) == ["VAL-18-01", "VAL-18-03"]
    funding = result.tables["funding"]
    assert sorted(zip(funding["project_id"], funding["funder"].astype(str), funding["amount_eur"], strict=True)) == [
        ("VAL-18-01", "canceropole_paca", 37_500), ("VAL-18-01", "inserm_transfert", 100_000),
        ("VAL-18-03", "canceropole_paca", 40_000)]
    assert funding["funding_id"].is_unique and funding["funding_id"].notna().all()  # made from where each line is
    [startup] = result.tables["startups"].itertuples()
    assert (startup.startup_id, startup.name, startup.siren, startup.project_id, startup.lead_institution) == (
        "OncoLumina", "OncoLumina", "851150987", "VAL-18-03", "IPC")
    assert not result.problems
    for sheet in result.sheets:
        counts = sheet.counts()
        assert counts["rows_read"] == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]


def test_funding_by_year_beside_the_project_s_key_its_funder_said_by_the_title(tmp_path):
    """"Financements accordés par le CanceroPôle PACA": "Réf. projet | Acronyme | Établissement" then, under each
    year, "Appel | Montant (k€) | Date CS": one funding line per filled year, the CanceroPôle's; a line of no project
    ("Hors projet") funds none; subtotals are no lines."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Financements CPP"
    sheet.append(["Financements accordés par le CanceroPôle PACA (montants en k€)"])
    sheet.append(["Projet", None, None, "2020", None, None, "2021", None, None])
    sheet.append(["Réf. projet", "Acronyme", "Établissement", *["Appel", "Montant (k€)", "Date CS"] * 2])
    sheet.append(["Site Marseille"])
    sheet.append(["P19-05", "GLIOLYM", "CNRS", "Preuve de concept", 135, "14/04/2020", None, None, None])
    sheet.append(["P20-04", "TARTAR9", "APHM", "Emergence", 55, "01/12/2020", "PoC", "90 k€", "03/02/2021"])
    sheet.append([None, "Sous-total Marseille", None, None, 190, None, None, 90, None])
    sheet.append(["Hors projet"])
    sheet.append([None, "Programme formation entrepreneuriat (hors projet)", None, None, None, None, "Autre", 15,
                  "10/06/2021"])
    for rng in ("D2:F2", "G2:I2"):
        sheet.merge_cells(rng)
    book.save(tmp_path / "tableau.xlsx")
    result = ingest(tmp_path)
    funding = result.tables["funding"]
    got = sorted((p, str(f), str(i), a, str(d)[:10]) for p, f, i, a, d in zip(
        funding["project_id"].fillna("-"), funding["funder"], funding["instrument"], funding["amount_eur"],
        funding["decision_date"], strict=True))
    assert got == [("-", "canceropole_paca", "other", 15_000, "2021-06-10"),
                   ("P19-05", "canceropole_paca", "proof_of_concept", 135_000, "2020-04-14"),
                   ("P20-04", "canceropole_paca", "emergence", 55_000, "2020-12-01"),
                   ("P20-04", "canceropole_paca", "proof_of_concept", 90_000, "2021-02-03")]
    assert not result.problems
