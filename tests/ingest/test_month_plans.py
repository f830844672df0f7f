"""A plan kept one column per month under its years: each row a start-up, each filled month cell one of its rounds
(month_plans.py)."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]


def _plan() -> list[list]:
    years = [None] * 5 + [2019.0] + [None] * 11 + [2020.0] + [None] * 11
    rows = [["Planning des levées de fonds — start-up accompagnées"],
            ["Montants en k€ sauf mention (M€). Une ligne par start-up, une colonne par mois."], [],
            ["Identité", None, None, None, None, *years[5:]],
            ["Start-up", "SIREN", "Date de création", "Établissement d'origine", "Statut", *MONTHS, *MONTHS,
             "Total levé (k€)"]]
    oncolux = [None] * 24
    oncolux[5], oncolux[6], oncolux[17] = "Subv. i-Lab 500", "Pré-amorçage 380", "Seed 2,6 M€"
    glioxa = [None] * 24
    glioxa[20] = "Prêt BPI 70"
    rows += [["OncoLux", "974 569 337", dt.date(2018, 2, 27), "CNRS", "En activité", *oncolux, 3480],
             ["Glioxa", "918570284", dt.date(2019, 4, 10), "AP-HM", "En activité", *glioxa, 70],
             ["Sarcomix", "954576195", dt.date(2020, 3, 23), "Inserm", "En activité", *[None] * 24, None]]
    return rows


def test_each_filled_month_is_a_round_of_the_rows_start_up(tmp_path):
    write_workbook(tmp_path / "raw" / "Planning_levees.xlsx", {"Planning": _plan()})
    result = ingest(tmp_path / "raw")
    startups = result.tables["startups"].set_index("startup_id")
    assert sorted(startups.index) == ["Glioxa", "OncoLux", "Sarcomix"] and not result.problems
    assert str(startups.loc["OncoLux", "creation_date"].date()) == "2018-02-27"
    rounds = result.tables["startup_rounds"]
    got = sorted((r.startup_id, str(r.round_date.date()), str(r.round_date_precision), r.amount_eur,
                  str(r.round_type)) for r in rounds.itertuples())
    assert got == [("Glioxa", "2020-09-01", "month", 70_000.0, "loan"),  # "Prêt BPI 70": k€, as the title says
                   ("OncoLux", "2019-06-01", "month", 500_000.0, "grant"),
                   ("OncoLux", "2019-07-01", "month", 380_000.0, "pre_seed"),
                   ("OncoLux", "2020-06-01", "month", 2_600_000.0, "seed")]  # "2,6 M€": its own unit
