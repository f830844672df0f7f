"""Start-ups kept without ids of their own: the name is the id (ingest/name_keys.py), their rounds listed under or
beside each company (parent_rows.children_under_parents) or on its card (form_cards)."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

HEADER = ["Start-up", "Date de création", "SIREN", "Statut", "Projet d'origine", "Date levée", "Type", "Montant (k€)",
          "Investisseurs"]


def _rounds(result) -> list[tuple]:
    rounds = result.tables["startup_rounds"]
    return sorted(zip(rounds["startup_id"], rounds["round_date"].dt.date, rounds["round_type"].astype(str),
                      rounds["amount_eur"], strict=True))


def test_a_portfolio_with_each_company_s_rounds_on_the_lines_under_it(tmp_path):
    rows = [["Portefeuille start-ups"], [], HEADER,
            ["Bispecta", "05/11/2019", "925 246 498", "En activité", "PRJ-1", None, None, None, None],
            [None, None, None, None, None, "10/12/2019", "Prêt d'honneur", 90, "Initiative Marseille"],
            [None, None, None, None, None, "22/03/2021", "Amorçage", "1 500", "Sofimed"],
            [],
            ["Glutarix", "20/06/2022", None, "En activité", "aucun", None, None, None, None],
            [None, None, None, None, None, "11/07/2023", "Pré-amorçage", 250, "Business angels"]]
    write_workbook(tmp_path / "raw" / "portefeuille.xlsx", {"Portefeuille": rows})
    result = ingest(tmp_path / "raw")
    startups = result.tables["startups"]
    assert sorted(zip(startups["startup_id"], startups["name"], startups["project_id"], strict=True),
                  key=str) == [("Bispecta", "Bispecta", "PRJ-1"), ("Glutarix", "Glutarix", None)]  # "aucun": none
    assert _rounds(result) == [("Bispecta", dt.date(2019, 12, 10), "loan", 90_000.0),
                               ("Bispecta", dt.date(2021, 3, 22), "seed", 1_500_000.0),
                               ("Glutarix", dt.date(2023, 7, 11), "pre_seed", 250_000.0)]
    assert not result.problems


def test_an_export_repeating_the_company_on_each_round(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "rounds.csv").write_text(
        "Company,Incorporation date,Status,SIREN,Founding project,Round date,Round type,Amount\n"
        "NeoMel Vax,1 July 2021,Active,849788013,PRJ-1,6 September 2021,Pre-seed,\"€200,000\"\n"
        "NeoMel Vax,1 July 2021,Active,849788013,PRJ-1,3 October 2022,Seed,\"€2,000,000\"\n"
        "OrgaKids,19 April 2021,Active,960493393,PRJ-2,5 July 2021,Seed,\"€900,000\"\n", encoding="utf-8")
    result = ingest(raw)
    assert sorted(result.tables["startups"]["startup_id"]) == ["NeoMel Vax", "OrgaKids"]
    assert _rounds(result) == [("NeoMel Vax", dt.date(2021, 9, 6), "pre_seed", 200_000.0),
                               ("NeoMel Vax", dt.date(2022, 10, 3), "seed", 2_000_000.0),
                               ("OrgaKids", dt.date(2021, 7, 5), "seed", 900_000.0)]


def test_cards_named_by_their_title(tmp_path):
    """A company's name only in its card's title ("HistoVision", "Fiche start-up — NKure"), its facts as labels, its
    rounds in a small table below; the card's e-mail and manager do not make it a sign-in sheet."""
    stacked = [["Suivi des start-ups"], [],
               ["HistoVision"], ["Création :", "02/03/2020"], ["SIREN :", "875 142 911"], ["Statut :", "En activité"],
               ["Lauréat i-Lab :", "oui"], ["Effectif :", 15],
               [], ["Date", "Type de tour", "Montant", "Investisseurs"],
               ["12/05/2020", "Bourse French Tech (BPI)", "30 k€", "Bpifrance"],
               [None, "Total levé", "30 k€"], [],
               ["FlashBeam Medical"], ["Création :", "11/10/2021"], ["SIREN :", "887 756 963"],
               ["Statut :", "En activité"], ["Lauréat i-Lab :", "non"], ["Effectif :", 6], [],
               ["Date", "Type de tour", "Montant", "Investisseurs"],
               ["17/01/2022", "Pré-amorçage", "1,2 M€", "Business angels"]]
    card = [["Fiche start-up — NKure"], [], ["Date de création", "12/09/2023"], ["SIREN", "999 078 280"],
            ["Statut", "En activité"], ["Effectif", 3],
            ["Lauréat i-Lab", "Oui"], ["Président(e)", "Yasmine Ouali"], ["Courriel", "y.ouali@nkure.example"], [],
            ["Date levée", "Nature", "Montant (€)"], ["02/10/2023", "Prêt d'honneur", 45000]]
    write_workbook(tmp_path / "raw" / "suivi.xlsx", {"Start-ups": stacked, "NKure": card})
    result = ingest(tmp_path / "raw")
    startups = result.tables["startups"]
    assert sorted(zip(startups["startup_id"], startups["creation_date"].dt.date, strict=True)) == [
        ("FlashBeam Medical", dt.date(2021, 10, 11)), ("HistoVision", dt.date(2020, 3, 2)),
        ("NKure", dt.date(2023, 9, 12))]
    assert _rounds(result) == [("FlashBeam Medical", dt.date(2022, 1, 17), "pre_seed", 1_200_000.0),
                               ("HistoVision", dt.date(2020, 5, 12), "grant", 30_000.0),
                               ("NKure", dt.date(2023, 10, 2), "loan", 45_000.0)]
    assert not result.problems
    assert "event_attendance" not in result.tables or result.tables["event_attendance"].empty


def test_a_tool_s_row_ids_give_way_to_the_start_ups_names_and_mark_no_row(tmp_path):
    """Smartsheet's "Row ID" (16 digits) is no start-up's id: the rounds name the companies, so their names are
    the ids; a section's heading row ("Programme 2018") carries a Row ID too and is still a heading."""
    write_workbook(tmp_path / "startups.xlsx", {"Portefeuille": [
        ["Row ID", "Start-up", "SIREN", "Date d'immatriculation", "Projet d'origine", "Établissement d'origine",
         "Statut"],
        ["7250185748911432", "Cohorte 2020", None, None, None, None, None],
        ["4657901401151088", "Nanoprobe Med", "850094194", "27/01/2020", "CPP-18-01", "CNRS", "Liquidée"],
        ["1650358017911779", "Theralys Bio", "644441206", "21/02/2020", "CPP-18-03", "AMU", "Rachetée"]]})
    (tmp_path / "rounds.csv").write_text(
        "Organization Name,Funding Type,Money Raised,Money Raised Currency,Announced Date\n"
        "Nanoprobe Med,Seed,1457000,EUR,2021-09-11\nTheralys Bio,Pre-Seed,284000,EUR,2020-11-28\n", encoding="utf-8")
    result = ingest(tmp_path)
    assert sorted(result.tables["startups"]["startup_id"]) == ["Nanoprobe Med", "Theralys Bio"]
    assert sorted(result.tables["startup_rounds"]["startup_id"]) == ["Nanoprobe Med", "Theralys Bio"]
    assert not result.problems
