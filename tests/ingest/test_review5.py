"""Review of the readers of partner layouts added since 2b7e6e9: inputs that ordinary partner spreadsheets hold and
that those readers read wrongly (each test names the reader and the input)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


def _csv(tmp_path: Path, name: str, text: str):
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    (raw / name).write_text(text, encoding="utf-8")
    return ingest(raw)


# --- tickets.py ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("investor, amount", [("Investisseur", "Montant du tour (€)"),
                                               ("Lead investor", "Amount raised (EUR)"),
                                               ("Investisseurs", "Montant de la levée")])
def test_a_round_amount_repeated_on_each_investors_line_is_not_added_up(tmp_path, investor, amount):
    """A CRM's list of investors per round repeats the round's amount ("Montant du tour") on each investor's line
    (or a round with co-leads written once per lead): the round raised that amount once, not once per investor."""
    text = f"""Start-up,Tour,Date de clôture,{investor},{amount}
Calanquia Bio,Seed,19/08/2020,Sofimac Innovation,500000
Calanquia Bio,Seed,19/08/2020,Kurma Partners,500000
Calanquia Bio,Seed,19/08/2020,Business angels,500000
Mistral Oncology,Seed,29/10/2019,Kurma Partners,312000
"""
    result = _csv(tmp_path, "levees.csv", text)
    df = result.tables["startup_rounds"]
    got = dict(zip(df["startup_id"], df["amount_eur"], strict=True))
    assert got == {"Calanquia Bio": 500_000, "Mistral Oncology": 312_000}


# --- group_totals.py -------------------------------------------------------------------------------------------

def _events(tmp_path, group, parts, rows):
    header = ["Réf.", "Date", "Intitulé", "Type d'action", "Organisé par", "Lieu"]
    first = [*header, group, *[None] * (len(parts) - 1), "Note (/5)"]
    second = [None] * len(header) + parts
    last = "ABCDEFGHIJKLMNOP"[len(header) + len(parts) - 1]
    write_workbook(tmp_path / "raw" / "animations.xlsx", {"Actions": [first, second, *rows]},
                   {"Actions": [f"G1:{last}1"]})
    result = ingest(tmp_path / "raw")
    df = result.tables["events"]
    return result, dict(zip(df["event_id"], df["attendees"], strict=True))


def test_registered_and_present_under_one_group_are_not_added_up(tmp_path):
    """"Participants" over "Inscrits | Présents": two counts of the same people, not a breakdown; the attendees
    are those present."""
    rows = [["AN-21-01", dt.date(2021, 3, 4), "Atelier PI", "Atelier", "CPP", "Marseille", 30, 22, 4.2],
            ["AN-21-02", dt.date(2021, 5, 6), "Atelier brevets", "Atelier", "CPP", "Nice", 25, 18, 4.0]]
    _, got = _events(tmp_path, "Participants", ["Inscrits", "Présents"], rows)
    assert got == {"AN-21-01": 22, "AN-21-02": 18}


# --- replaced_targets.py ---------------------------------------------------------------------------------------

def test_a_target_that_cancels_and_replaces_another_is_in_force(tmp_path):
    """"Annule et remplace …" says the row is the new target (the amendment's), not a replaced one."""
    text = """Indicateur;Période;Cible;Commentaire
Nombre de projets de valorisation détectés;2021;10;Conforme à la convention
Nombre de projets de valorisation détectés;2022;12;Annule et remplace la cible de 14 (avenant n°1)
Nombre de demandes de brevet prioritaires déposées;2022;3;Conforme à la convention
"""
    result = _csv(tmp_path, "objectifs.csv", text)
    df = result.tables["kpi_targets"]
    got = {(k, p): t for k, p, t in zip(df["kpi_id"], df["period"], df["target"], strict=True)}
    assert got == {("val_projects_detected", "2021"): 10, ("val_projects_detected", "2022"): 12,
                   ("val_priority_filings", "2022"): 3}


# --- report_groups.py ------------------------------------------------------------------------------------------

FUNDING = ["Projet", "Intitulé projet", "N° engagement", "Financeur", "Nature de l'aide", "Montant engagé (€)",
           "Date du comité"]


def test_a_funding_tied_to_no_project_in_a_plain_table_stays_so(tmp_path):
    """One line per project (each written once) and a line of structural funding tied to no project: nothing is
    carried down onto it."""
    rows = [[f"VA-21-0{i}", f"Projet {i}", f"ENG-0{i}", "IT", "Maturation", 10000 * i, dt.date(2021, i, 1)]
            for i in range(1, 4)]
    rows.append([None, None, "ENG-09", "CPP", "Maturation", 5000, dt.date(2021, 9, 1)])
    rows += [[f"VA-21-0{i}", f"Projet {i}", f"ENG-0{i}", "IT", "Maturation", 10000 * i, dt.date(2021, i, 1)]
             for i in range(4, 7)]
    write_workbook(tmp_path / "raw" / "engagements.xlsx", {"Engagements": [FUNDING, *rows]})
    df = ingest(tmp_path / "raw").tables["funding"]
    got = dict(zip(df["funding_id"], df["project_id"].astype(object).where(df["project_id"].notna(), None),
                   strict=True))
    assert got["ENG-09"] is None


def test_a_large_grouped_report_is_read_in_linear_time(tmp_path):
    """50 000 lines of a grouped report: carrying the groups down is not quadratic."""
    import time

    from partnership_metrics.ingest.recognition import ColumnMatch, Recognition
    from partnership_metrics.ingest.report_groups import groups_carried_down

    rows = []
    for g in range(25_000):
        rows.append([f"P-{g:05d}", f"Projet {g}", f"E-{2 * g}", "IT", "Maturation", 1000, dt.date(2021, 1, 1)])
        rows.append([None, None, f"E-{2 * g + 1}", "IT", "Maturation", 1000, dt.date(2021, 1, 1)])
    rec = Recognition("funding", 0, [ColumnMatch(0, "Projet", "project_id"), ColumnMatch(2, "N°", "funding_id"),
                                     ColumnMatch(3, "Financeur", "funder"), ColumnMatch(4, "Nature", "instrument"),
                                     ColumnMatch(5, "Montant", "amount_eur"), ColumnMatch(6, "Date", "decision_date")],
                      [])
    start = time.perf_counter()
    out = groups_carried_down(rows, rec)
    assert time.perf_counter() - start < 5
    assert out[-1][0] == "P-24999"


def test_requested_and_granted_under_one_amount_are_not_added_up(tmp_path):
    """"Montant (€)" over "Demandé | Accordé": the amount asked and the amount granted, not a breakdown; the
    funding's amount is the one granted."""
    first = ["N° engagement", "Projet", "Financeur", "Nature de l'aide", "Montant (€)", None, "Date du comité"]
    second = [None, None, None, None, "Demandé", "Accordé", None]
    rows = [["ENG-01", "VA-21-01", "IT", "Maturation", 120000, 100000, dt.date(2021, 3, 1)],
            ["ENG-02", "VA-21-02", "CPP", "Maturation", 60000, 50000, dt.date(2021, 6, 1)]]
    write_workbook(tmp_path / "raw" / "engagements.xlsx", {"Engagements": [first, second, *rows]},
                   {"Engagements": ["E1:F1"]})
    df = ingest(tmp_path / "raw").tables["funding"]
    assert dict(zip(df["funding_id"], df["amount_eur"], strict=True)) == {"ENG-01": 100_000, "ENG-02": 50_000}


# --- section_dates.py ------------------------------------------------------------------------------------------
