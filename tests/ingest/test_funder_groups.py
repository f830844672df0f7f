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
    assert "project_id" in result.tables["funding"].attrs["columns_read"]  # the KPIs know the lines have projects


_PROJECT_HEADER = ["Réf. projet", "Intitulé", "Établissement", "Type de techno", "Origine", "Accompagnement",
                   "Date détection"]


def _project(ref: str, *funding) -> list:
    return [ref, "Anticorps anti-X", "AMU", "Diagnostic", "AAP CPP", "CPP", dt.date(2021, 1, 15), *funding]


def test_a_project_s_text_of_other_funding_gives_one_line_per_part(tmp_path):
    """"Autres financements" written as text beside the partners' columns: each part is a line of its funder, amount
    and date (to its precision); a part naming its kind of aid ("prêt", "maturation") keeps it, the others take the
    header's ("financements": grants); a text that cannot be read is quarantined, not lost."""
    header = [*_PROJECT_HEADER, "Financement CPP (k€)", "Nature aide CPP", "Date comité CPP", "Financement IT (k€)",
              "Nature aide IT", "Date CODIR IT", "Autres financements"]
    rows = [header,
            _project("VAL-01", 75, "POC", dt.date(2021, 9, 30), None, None, None, "ANR 180 k€ (17/04/2021)"),
            _project("VAL-02", None, None, None, 80, "Maturation", dt.date(2021, 12, 16),
                     "BPI 45 k€ (10/2019) + Bpifrance prêt 100 k€ (T4 2022)"),
            _project("VAL-03", 40, "POC", dt.date(2022, 3, 1), 200, "Maturation", dt.date(2023, 5, 12),
                     "SATT Sud-Est maturation 300 000 € (2022)\nFondation ARC 80 k€ (06/2022)"),
            _project("VAL-04", 30, "Émergence", dt.date(2022, 6, 1), None, None, None, "Région : à confirmer"),
            _project("VAL-05", None, None, None, None, None, None, "INCa 200 k€ (27/08/2022)")]
    write_workbook(tmp_path / "raw" / "projets.xlsx", {"Projets": rows})
    result = ingest(tmp_path / "raw")
    assert sorted(result.tables["projects"]["project_id"]) == ["VAL-01", "VAL-02", "VAL-03", "VAL-04", "VAL-05"]
    assert _lines(result) == [
        ("VAL-01", "anr", "grant", 180_000.0, dt.date(2021, 4, 17)),
        ("VAL-01", "canceropole_paca", "proof_of_concept", 75_000.0, dt.date(2021, 9, 30)),
        ("VAL-02", "bpifrance", "grant", 45_000.0, dt.date(2019, 10, 1)),
        ("VAL-02", "bpifrance", "loan", 100_000.0, dt.date(2022, 10, 1)),
        ("VAL-02", "inserm_transfert", "maturation", 80_000.0, dt.date(2021, 12, 16)),
        ("VAL-03", "canceropole_paca", "proof_of_concept", 40_000.0, dt.date(2022, 3, 1)),
        ("VAL-03", "inserm_transfert", "maturation", 200_000.0, dt.date(2023, 5, 12)),
        ("VAL-03", "other", "grant", 80_000.0, dt.date(2022, 6, 1)),
        ("VAL-03", "satt_sud_est", "maturation", 300_000.0, dt.date(2022, 1, 1)),
        ("VAL-04", "canceropole_paca", "emergence", 30_000.0, dt.date(2022, 6, 1)),
        ("VAL-05", "inca", "grant", 200_000.0, dt.date(2022, 8, 27))]
    funding = result.tables["funding"].set_index("amount_eur")
    assert list(funding.loc[[45_000.0, 100_000.0, 300_000.0], "decision_date_precision"].astype(str)) == [
        "month", "quarter", "year"]
    assert {(p.table, p.row) for p in result.problems} == {("funding", 5)}
    assert "Autres financements: Région : à confirmer" in {p.value for p in result.problems}


def test_a_project_list_with_only_a_text_of_funding_gives_its_lines(tmp_path):
    """Without the partners' columns, a list of projects whose "Co-financements" column lists funders with amounts
    and dates still gives those lines; a "Commentaires" column saying the same words is a note (guard)."""
    rows = [[*_PROJECT_HEADER, "Co-financements", "Commentaires"],
            _project("VAL-01", "INCa 500 k€ (2021)", "ANR 100 k€ attendu (2024)"),
            _project("VAL-02", None, "RAS"),
            _project("VAL-03", "Région 150 k€ (08/03/2022) ; ERC PoC 150 000 € (11/2022)", None)]
    write_workbook(tmp_path / "raw" / "projets.xlsx", {"Projets": rows})
    result = ingest(tmp_path / "raw")
    assert sorted(result.tables["projects"]["project_id"]) == ["VAL-01", "VAL-02", "VAL-03"]
    assert _lines(result) == [
        ("VAL-01", "inca", "grant", 500_000.0, dt.date(2021, 1, 1)),
        ("VAL-03", "eu", "grant", 150_000.0, dt.date(2022, 11, 1)),
        ("VAL-03", "region_sud", "grant", 150_000.0, dt.date(2022, 3, 8))]
    assert not result.problems
    assert [d.row for d in result.dropped if d.reason == "no funder's amount on the row"] == [3]  # VAL-02's


def test_a_funder_s_kind_of_aid_is_not_the_project_s_technology(tmp_path):
    """Without a technology column, "Nature aide IT" ("nature" is a word of the technology's type) holding kinds of
    aid is Inserm Transfert's column: its lines take their instrument from it, the projects no technology."""
    header = ["Réf. projet", "Intitulé", "Établissement", "Origine", "Accompagnement", "Date détection",
              "Financement CPP (k€)", "Nature aide CPP", "Date comité CPP", "Financement IT (k€)", "Nature aide IT",
              "Date CODIR IT"]
    rows = [header,
            ["VAL-01", "A", "AMU", "AAP CPP", "CPP", dt.date(2021, 1, 15), 75, "POC", dt.date(2021, 9, 30), None,
             None, None],
            ["VAL-02", "B", "AMU", "AAP CPP", "CPP", dt.date(2021, 1, 15), None, None, None, 80, "Maturation",
             dt.date(2021, 12, 16)],
            ["VAL-03", "C", "AMU", "AAP CPP", "CPP", dt.date(2021, 1, 15), 40, "Émergence", dt.date(2022, 3, 1), 200,
             "Preuve de concept", dt.date(2023, 5, 12)]]
    write_workbook(tmp_path / "raw" / "projets.xlsx", {"Projets": rows})
    result = ingest(tmp_path / "raw")
    assert _lines(result) == [
        ("VAL-01", "canceropole_paca", "proof_of_concept", 75_000.0, dt.date(2021, 9, 30)),
        ("VAL-02", "inserm_transfert", "maturation", 80_000.0, dt.date(2021, 12, 16)),
        ("VAL-03", "canceropole_paca", "emergence", 40_000.0, dt.date(2022, 3, 1)),
        ("VAL-03", "inserm_transfert", "proof_of_concept", 200_000.0, dt.date(2023, 5, 12))]
    assert not result.problems
    assert result.tables["projects"]["technology_type"].isna().all()
