"""A start-up's capitalisation table: one round per operation with new money, its amount the total of its money
column, its date above the header, the company named around the table (cap_tables.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

STARTUPS = [["Réf.", "Raison sociale", "Date de création"], ["SU-01", "Massalia Oncology", dt.date(2018, 3, 14)],
            ["SU-02", "Lérins Diagnostics", dt.date(2019, 1, 10)]]


def test_each_operation_with_new_money_is_a_round(tmp_path: Path):
    cap = [["Massalia Oncology SAS – Table de capitalisation"], ["Réf. portefeuille SU-01 · situation au 31/12/2023"],
           [],
           [None, None, "Constitution (hors levée)", "Pre-seed", None, "Seed", None],
           [None, "Date de réalisation", dt.date(2018, 3, 14), dt.date(2018, 10, 5), None, dt.date(2019, 11, 22), None],
           [None, "Prix par action (€)", 0.1, 2.0, None, 6.5, None],
           ["Actionnaire", "Catégorie", "Actions", "Actions", "Montant investi (€)", "Actions", "Montant investi (€)"],
           ["Claire Audibert", "Fondateur", 40000, None, None, None, None],
           ["Henri Dalmasso", "Business angel", None, 37500, 75000, 46000, 299000],
           ["Provence Amorçage", "Fonds", None, 37500, 75000, 184000, 1196000],
           ["Total", None, 40000, 75000, 150000, 230000, 1495000]]
    write_workbook(tmp_path / "raw" / "caps.xlsx", {"Start-up": STARTUPS, "Massalia Oncology": cap})
    result = ingest(tmp_path / "raw")
    rounds = result.tables["startup_rounds"]
    assert list(zip(rounds["startup_id"], [str(d)[:10] for d in rounds["round_date"]], rounds["amount_eur"],
                    rounds["round_type"], strict=True)) == [
        ("SU-01", "2018-10-05", 150000.0, "pre_seed"), ("SU-01", "2019-11-22", 1495000.0, "seed")]
    assert "Audibert" not in rounds.to_csv()  # shareholders are read into the totals, never kept


def _cap(seed_date, seed_total=1495000):
    return [["Massalia Oncology SAS – Table de capitalisation"], ["Réf. portefeuille SU-01"], [],
            [None, None, "Constitution (hors levée)", "Pre-seed", None, "Seed", None],
            [None, "Date de réalisation", dt.date(2018, 3, 14), dt.date(2018, 10, 5), None, seed_date, None],
            ["Actionnaire", "Catégorie", "Actions", "Actions", "Montant investi (€)", "Actions", "Montant investi (€)"],
            ["Claire Audibert", "Fondateur", 40000, None, None, None, None],
            ["Henri Dalmasso", "Business angel", None, 37500, 75000, 46000, 299000],
            ["Provence Amorçage", "Fonds", None, 37500, 75000, 184000, 1196000],
            ["Total", None, 40000, 75000, 150000, 230000, seed_total]]


def test_a_round_without_its_date_takes_no_other_rounds_date(tmp_path: Path):
    """The seed's date left blank: the seed is not dated with the pre-seed's (the group to its left), nor lost: it is
    quarantined for its missing date."""
    write_workbook(tmp_path / "raw" / "caps.xlsx", {"Start-up": STARTUPS, "Massalia Oncology": _cap(None)})
    result = ingest(tmp_path / "raw")
    rounds = result.tables["startup_rounds"]
    assert list(zip(rounds["round_type"], rounds["amount_eur"], strict=True)) == [("pre_seed", 150000.0)]
    assert [p.column for p in result.problems if p.table == "startup_rounds"] == ["round_date"]


def test_a_round_whose_total_is_blank_is_not_lost(tmp_path: Path):
    """The total line's cell of the seed's money left empty while its shareholders invested: the round is
    quarantined (its amount missing), not silently left out."""
    sheets = {"Start-up": STARTUPS, "Massalia Oncology": _cap(dt.date(2019, 11, 22), None)}
    write_workbook(tmp_path / "raw" / "caps.xlsx", sheets)
    result = ingest(tmp_path / "raw")
    assert list(result.tables["startup_rounds"]["round_type"]) == ["pre_seed"]
    assert [p.column for p in result.problems if p.table == "startup_rounds"] == ["amount_eur"]


def test_a_budget_under_a_grants_title_is_no_capitalisation_table(tmp_path: Path):
    """A start-up's budget: a money column, a total line, a decision date and a title naming a grant above the
    header; no group of columns per operation: no round is made of it."""
    budget = [["Budget prévisionnel – subvention Région Sud"], ["Date de décision", dt.date(2021, 6, 1)], [],
              ["Poste", "Montant (€)"], ["Personnel", 50000], ["Équipement", 20000], ["Total", 70000]]
    write_workbook(tmp_path / "raw" / "caps.xlsx", {"Start-up": STARTUPS, "Massalia Oncology": budget})
    result = ingest(tmp_path / "raw")
    assert "startup_rounds" not in result.tables or result.tables["startup_rounds"].empty


def test_titles_merged_over_their_groups(tmp_path: Path):
    """Each operation's title merged over its two columns ("Pre-seed" over "Actions | Montant investi"): its date is
    the group's, found under its first column."""
    cap = [["Massalia Oncology – Table de capitalisation"], [],
           [None, None, "Pre-seed", None, "Seed", None],
           [None, "Date de réalisation", dt.date(2018, 10, 5), None, dt.date(2019, 11, 22), None],
           ["Actionnaire", "Catégorie", "Actions", "Montant investi (€)", "Actions", "Montant investi (€)"],
           ["Henri Dalmasso", "Business angel", 37500, 75000, 46000, 299000],
           ["Total", None, 37500, 75000, 46000, 299000]]
    write_workbook(tmp_path / "raw" / "caps.xlsx", {"Start-up": STARTUPS, "Massalia Oncology": cap},
                   merged={"Massalia Oncology": ["C3:D3", "E3:F3"]})
    rounds = ingest(tmp_path / "raw").tables["startup_rounds"]
    assert list(zip([str(d)[:10] for d in rounds["round_date"]], rounds["amount_eur"], strict=True)) == [
        ("2018-10-05", 75000.0), ("2019-11-22", 299000.0)]
