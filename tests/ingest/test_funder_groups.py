"""Funding kept as one group of columns per funder on a project's row (ingest/funder_groups.py)."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


def _lines(result) -> list[tuple]:
    funding = result.tables["funding"]
    return sorted(zip(funding["project_id"], funding["funder"].astype(str), funding["instrument"].astype(str),
                      funding["amount_eur"], funding["decision_date"].dt.date, strict=True))


def test_a_deal_s_row_with_each_funder_s_amount_scheme_and_decision(tmp_path):
    """Each funder's amount takes its own scheme and date, not the first group's; "IT maturation (€)" names its
    instrument; a line whose instrument nothing gives is quarantined, not given another's."""
    rows = [["Deal ref", "Deal name", "Lead institution", "CPP award (€)", "CPP scheme", "CPP decision",
             "IT maturation (€)", "IT committee", "Région Sud (€)", "Région Sud decision"],
            ["P-01", "ONCOA", "AMU", 50000, "Emergence", "12/03/2021", 120000, "2021-05-02", None, None],
            ["P-02", "ONCOB", "IPC", None, None, None, "80 000", "2022-01-15", 30000, "03/06/2022"],
            ["P-03", "ONCOC", "UCA", 25000, "PoC", "2023-02-01", None, None, None, None],
            ["P-04", "ONCOD", "AMU", None, None, None, None, None, None, None]]
    write_workbook(tmp_path / "raw" / "deals.xlsx", {"Deals": rows})
    result = ingest(tmp_path / "raw")
    assert _lines(result) == [
        ("P-01", "canceropole_paca", "emergence", 50_000.0, dt.date(2021, 3, 12)),
        ("P-01", "inserm_transfert", "maturation", 120_000.0, dt.date(2021, 5, 2)),
        ("P-02", "inserm_transfert", "maturation", 80_000.0, dt.date(2022, 1, 15)),
        ("P-03", "canceropole_paca", "proof_of_concept", 25_000.0, dt.date(2023, 2, 1))]
    [problem] = result.problems
    assert (problem.row, problem.column, problem.reason) == (3, "instrument", "required value missing")
    assert [(d.row, d.reason) for d in result.dropped] == [(5, "no funder's amount on the row")]


def test_a_project_list_with_its_funders_columns_gives_both_tables(tmp_path):
    """A list of projects keeps its projects; its funders' groups become funding lines: two amounts of one funder
    are two lines, each with the columns after it; "Other funder" names the other group's funder on each row."""
    rows = [["Réf. projet", "Titre", "Établissement", "Canal", "Accompagnement", "Date de détection",
             "IT maturation (k€)", "IT comité", "IT maturation tranche 2 (k€)", "IT comité tranche 2",
             "Autre financeur", "Autre montant (k€)", "Autre dispositif", "Autre décision"],
            ["P-01", "Anticorps anti-X", "AMU", "AAP CPP", "CPP + IT", "15/01/2021", 100, "02/03/2021", 50,
             "10/01/2022", "Bpifrance", 200, "Subvention", "05/05/2021"],
            ["P-02", "Test compagnon", "IPC", "Détection IT", "IT", "20/06/2022", 80, "01/09/2022", None, None,
             None, None, None, None]]
    write_workbook(tmp_path / "raw" / "projets.xlsx", {"Projets": rows})
    result = ingest(tmp_path / "raw")
    assert sorted(result.tables["projects"]["project_id"]) == ["P-01", "P-02"]
    assert _lines(result) == [
        ("P-01", "bpifrance", "grant", 200_000.0, dt.date(2021, 5, 5)),
        ("P-01", "inserm_transfert", "maturation", 50_000.0, dt.date(2022, 1, 10)),
        ("P-01", "inserm_transfert", "maturation", 100_000.0, dt.date(2021, 3, 2)),
        ("P-02", "inserm_transfert", "maturation", 80_000.0, dt.date(2022, 9, 1))]
    assert not result.problems


def test_a_sheet_per_institution_keeps_its_projects_with_their_funders_columns(tmp_path):
    """A projects file kept one sheet per institution ("AMU"), without an institution column: the sheet's name
    gives each project's, and the funders' columns still give the funding lines."""
    header = ["Réf. projet", "Intitulé", "Type de techno", "Origine", "Accompagnement", "Date détection", "Porteur",
              "Mail porteur", "Financement CPP (k€)", "Nature aide CPP", "Date comité CPP", "Financement IT (k€)",
              "Nature aide IT", "Date CODIR IT"]
    rows = [["Projets de valorisation — Aix-Marseille Université"], [], header,
            ["VAL-2018-001", "Test du pancréas", "Diagnostic", "AAP CPP", "CPP", dt.date(2018, 6, 28),
             "Vincent Reynaud", "vincent.reynaud@univ-amu.example.fr", 120, "Maturation", dt.date(2018, 11, 24), None,
             None, None],
            ["VAL-2020-005", "Radioligand", "Thérapeutique", "AAP CPP", "CPP + IT", "2020", "Justine Morel",
             "justine.morel@univ-amu.example.fr", 120, "Émergence", dt.date(2020, 3, 28), 80, "Maturation",
             dt.date(2021, 5, 5)]]
    write_workbook(tmp_path / "raw" / "projets.xlsx", {"AMU": rows})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"]
    assert dict(zip(projects["project_id"], projects["lead_institution"].astype(str), strict=True)) == {
        "VAL-2018-001": "AMU", "VAL-2020-005": "AMU"}
    assert _lines(result) == [
        ("VAL-2018-001", "canceropole_paca", "maturation", 120_000.0, dt.date(2018, 11, 24)),
        ("VAL-2020-005", "canceropole_paca", "emergence", 120_000.0, dt.date(2020, 3, 28)),
        ("VAL-2020-005", "inserm_transfert", "maturation", 80_000.0, dt.date(2021, 5, 5))]
    assert not result.problems
