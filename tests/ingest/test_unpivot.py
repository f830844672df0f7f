"""Wide sheets: one column per year or funder becomes one row per amount; summaries beside data are never read."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.reading.archives import _ODS_AGGREGATE, is_local_total

FUNDERS = {"Région Sud": "region_sud", "Bpifrance": "bpifrance", "ANR": "anr", "INCa": "inca"}
INSTRUMENTS = {"Subvention": "grant", "Maturation": "maturation", "Prêt": "loan"}


def _wide_workbook(path, rows, years, year_header):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Plan de financement (montants en €)"])
    sheet.append([])
    sheet.append(["Projet", "Financeur", "Dispositif", *(year_header(y) for y in years), "Total"])
    for project, funder, instrument, amounts in rows:
        sheet.append([project, funder, instrument, *[a if a else None for a in amounts], sum(amounts)])
    sheet.append(["TOTAL", None, None, *[sum(r[3][i] for r in rows) for i in range(len(years))], None])
    book.save(path)


amount = st.one_of(st.just(0), st.integers(min_value=1, max_value=2_000_000))
row = st.tuples(st.sampled_from(["P-1", "P-2", "P-3"]), st.sampled_from(sorted(FUNDERS)),
                st.sampled_from(sorted(INSTRUMENTS)), st.lists(amount, min_size=4, max_size=4))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(row, min_size=1, max_size=8), header=st.sampled_from(["{y}", "Montant {y} (€)", "{y} (€)"]))
def test_every_non_empty_amount_becomes_one_row_of_its_year(tmp_path_factory, rows, header):
    raw = tmp_path_factory.mktemp("wide")
    years = [2020, 2021, 2022, 2023]
    _wide_workbook(raw / "plan.xlsx", rows, years, lambda y: header.format(y=y))
    result = ingest(raw)
    expected = sorted((p, FUNDERS[f], INSTRUMENTS[i], y, float(a)) for p, f, i, amounts in rows
                      for y, a in zip(years, amounts, strict=False) if a)
    if not expected:
        assert "funding" not in result.tables or result.tables["funding"].empty
        return
    funding = result.tables["funding"]
    got = sorted(zip(funding["project_id"], funding["funder"].astype(str), funding["instrument"].astype(str),
                     funding["decision_date"].dt.year, funding["amount_eur"], strict=False))
    assert got == expected
    assert set(funding["decision_date_precision"].astype(str)) == {"year"}
    assert set(funding["source_column"]) <= {header.format(y=y) for y in years}
    [sheet] = result.sheets
    counts = sheet.counts()  # the header, the TOTAL row and empty rows are accounted for, every raw row once
    assert counts["rows_read"] == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]


def test_a_summary_sheet_beside_its_data_never_doubles_or_replaces_it(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    book = openpyxl.Workbook()
    data = book.active
    data.title = "Financements"
    data.append(["Réf.", "Projet", "Financeur", "Dispositif", "Montant (€)", "Date de décision"])
    data.append(["F1", "P-1", "Région Sud", "Subvention", 1000, "15/03/2022"])
    data.append(["F2", "P-2", "Bpifrance", "Prêt", 2000, "20/04/2022"])
    summary = book.create_sheet("Synthèse")  # the same headers, computed from the data sheet
    summary.append(["Réf.", "Projet", "Financeur", "Dispositif", "Montant (€)", "Date de décision"])
    for r in (2, 3):
        summary.append([f"=Financements!A{r}", f"=Financements!B{r}", f"=Financements!C{r}", f"=Financements!D{r}",
                        f"=SUM(Financements!E{r})", f"=Financements!F{r}"])
    book.save(raw / "suivi.xlsx")
    result = ingest(raw)
    assert sorted(result.tables["funding"]["funding_id"]) == ["F1", "F2"]
    [synthese] = [s for s in result.sheets if s.sheet == "Synthèse"]
    assert synthese.table is None and synthese.summary and "computed from other cells" in synthese.note


def test_a_table_with_its_own_row_and_column_totals_as_formulas_is_data(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Historique 2018-2020"
    sheet.append(["Cofinancements obtenus 2018-2020, montants en €"])
    sheet.append([])
    sheet.append(["Projet", "Année de décision", "Dispositif", "Région Sud", "ANR", "Total"])
    sheet.append(["P-1", 2019, "Subvention", None, 30000, "=SUM(D4:E4)"])
    sheet.append(["P-2", 2020, "Subvention", 115000, None, "=SUM(D5:E5)"])
    sheet.append(["Total", None, None, "=SUM(D4:D5)", "=SUM(E4:E5)", "=SUM(F4:F5)"])
    book.save(tmp_path / "plan.xlsx")
    result = ingest(tmp_path)
    funding = result.tables["funding"]
    assert sorted(zip(funding["project_id"], funding["funder"].astype(str), funding["amount_eur"], strict=False)) == [
        ("P-1", "anr", 30000.0), ("P-2", "region_sud", 115000.0)]
    assert not any(s.summary for s in result.sheets)


@pytest.mark.parametrize(("formula", "local"), [
    ("SUM(D4:G4)", True), ("SUM($D$4:D9)", True), ("of:=SUM([.D4:.G4])", True),
    ("SUM(D4:E6)", False), ("SUM(Feuil1!D4:D6)", False), ("of:=SUM([$Feuil1.D4:.D6])", False),
    ("SUM(D4:G4)/2", False), ("COUNTIF(A:A,1)", False)])
def test_a_local_total_is_one_row_or_one_column_summed_on_its_own_sheet(formula, local):
    assert is_local_total(formula) is local


@pytest.mark.parametrize(("formula", "summarising"), [
    ("of:=['Oncovia'.B3]", True), ("of:=[$Feuille1.B3]", True), ("of:=[Feuille1.B3]", True),
    ("of:=[.B3]*2", False), ('of:=[.A1]&" "&[.B1]', False), ("of:=SUM([.D4:.G4])", True)])
def test_an_ods_formula_reading_another_sheet_summarises_it(formula, summarising):
    """(a local total's SUM is told apart afterwards, by :func:`is_local_total`)"""
    assert bool(_ODS_AGGREGATE.search(formula)) is summarising


def test_quarters_beside_each_line_s_own_decision_date_are_its_payments(tmp_path):
    """A finance officer's sheet: each line's decision date, its payments by quarter (a correction in brackets), a
    "Cumul": one funding line per row, of the payments' sum, on its decision date, with its own reference; a line
    written twice with two amounts is a conflict (both quarantined)."""
    (tmp_path / "suivi_cpp.csv").write_text(
        "Code projet;Dispositif;N° convention;Date décision;T1 2021;T2 2021;T3 2021;T4 2021;T1 2022;Cumul\n"
        "Décisions 2021;;;;;;;;;\n"
        "P-01;Emergence;CPP-21-01;15/02/2021;20 000;;10 000;;;30 000\n"
        "P-02;Maturation;CPP-21-02;juin 2021;;;60 000;(5 000);;55 000\n"
        "P-03;Emergence;CPP-21-03;12/11/2021;;;;;25 000;25 000\n"
        "P-04;Emergence;CPP-21-04;01/12/2021;;;;12 000;;12 000\n"
        "P-04;Emergence;CPP-21-04;01/12/2021;;;;15 000;;15 000\n"
        "Sous-total 2021;;;;20 000;;70 000;7 000;25 000;122 000\n", encoding="utf-8")
    result = ingest(tmp_path)
    funding = result.tables["funding"].sort_values("funding_id")
    assert [(r["funding_id"], r["project_id"], r["amount_eur"], str(r["decision_date"])[:10]) for r in
            funding.to_dict("records")] == [("CPP-21-01", "P-01", 30_000.0, "2021-02-15"),
                                             ("CPP-21-02", "P-02", 55_000.0, "2021-06-01"),
                                             ("CPP-21-03", "P-03", 25_000.0, "2021-11-12")]
    assert sorted(p.key for p in result.problems) == ["CPP-21-04", "CPP-21-04"]


def test_one_column_per_funder_with_the_year_in_its_own_column(tmp_path):
    (tmp_path / "financements.csv").write_text(
        "Projet;Année;Type d'aide;Région Sud;Bpifrance;ANR\n"
        "P-1;2021;Subvention;100 000;;\n"
        "P-2;2022;Maturation;;250 000;50 000\n", encoding="utf-8")
    funding = ingest(tmp_path).tables["funding"]
    got = sorted(zip(funding["project_id"], funding["funder"].astype(str), funding["decision_date"].dt.year,
                     funding["decision_date_precision"].astype(str), funding["amount_eur"], strict=False))
    assert got == [("P-1", "region_sud", 2021, "year", 100_000.0), ("P-2", "anr", 2022, "year", 50_000.0),
                   ("P-2", "bpifrance", 2022, "year", 250_000.0)]


@pytest.mark.parametrize("body", ["CS", "Comité", "CA", "Jury", "Board"])
def test_one_column_per_year_named_by_the_committee_that_decided(tmp_path, body):
    """"CS 2019" (the Conseil scientifique of 2019), "Comité 2019", "Board 2019": each year's decisions."""
    (tmp_path / "aides.csv").write_text(
        "Aides accordées, montants en k€\n\n"
        f"Projet;Dispositif;Financeur;{body} 2018;{body} 2019;{body} 2020;Total\n"
        "P-1;Émergence;CanceroPôle PACA;30;;;30\n"
        "P-2;Preuve de concept;CanceroPôle PACA;;37,5;20;57,5\n"
        "TOTAL;;;30;37,5;20;87,5\n", encoding="utf-8")
    funding = ingest(tmp_path).tables["funding"]
    got = sorted(zip(funding["project_id"], funding["decision_date"].dt.year, funding["amount_eur"], strict=True))
    assert got == [("P-1", 2018, 30_000.0), ("P-2", 2019, 37_500.0), ("P-2", 2020, 20_000.0)]


def test_one_column_per_half_year_under_a_title_naming_the_funder_and_the_call(tmp_path):
    """"2021-S1 | 2021-S2 | …": each amount is decided in its half-year (the date known to the semester); the file
    number beside them is the project's (one reference over several amounts), the title names the funder and the
    call."""
    write_workbook(tmp_path / "dotations.xlsx", {"Dotations_CPP_Emergence": [
        ["Dotations Emergence CanceroPôle – montants en k€ HT, par semestre de décision du comité"], [],
        ["N° dossier", "Acronyme", "2021-S1", "2021-S2", "2022-S1", "T4 2022"],
        ["VAL-2020-006", "ESFE", 50, None, None, None],
        ["VAL-2021-002", "HVHEFG", None, 30, None, 12.5],
        ["Total", None, 50, 30, None, 12.5]]})
    funding = ingest(tmp_path).tables["funding"]
    got = sorted(zip(funding["project_id"], funding["funder"].astype(str), funding["instrument"].astype(str),
                     funding["decision_date"].dt.strftime("%Y-%m-%d"),
                     funding["decision_date_precision"].astype(str), funding["amount_eur"], strict=True))
    assert got == [("VAL-2020-006", "canceropole_paca", "emergence", "2021-01-01", "semester", 50_000.0),
                   ("VAL-2021-002", "canceropole_paca", "emergence", "2021-07-01", "semester", 30_000.0),
                   ("VAL-2021-002", "canceropole_paca", "emergence", "2022-10-01", "quarter", 12_500.0)]


def test_other_funders_beside_named_ones_and_a_header_naming_two_funders(tmp_path):
    (tmp_path / "cofinancements.csv").write_text(
        "Réf. projet;Nature de l'aide;Date notif.;ANR (k€);INCa (k€);Mécénat / privé (k€);Autres (k€)\n"
        "P-1;Subvention;5-mars-19;;;;45\n"
        "P-2;Prise de participation;2022-05-25;;;100;\n"
        "P-3;Subv.;jeudi 16 avril 2020;120;;;\n", encoding="utf-8")
    funding = ingest(tmp_path).tables["funding"]
    got = sorted(zip(funding["project_id"], funding["funder"].astype(str), funding["instrument"].astype(str),
                     funding["amount_eur"], strict=True))
    assert got == [("P-1", "other", "grant", 45_000.0), ("P-2", "private", "equity", 100_000.0),
                   ("P-3", "anr", "grant", 120_000.0)]


def test_years_under_a_merged_group_header_take_its_unit_and_an_unreadable_amount_costs_only_itself(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["Start-ups", "Date de création"], ["SU-01", "2019-02-01"], ["SU-02", "2020-06-01"]]:
        sheet.append(row)
    rounds = book.create_sheet("Levées")
    for row in [["Fonds levés par année"], [],
                ["Code", "Start-up", "Montants levés (k€)", None, None, "Total (k€)"],
                [None, None, 2021, 2022, 2023, None],
                ["SU-01", "SU-01", 416, "–", "confidentiel", None],
                ["SU-02", "SU-02", None, 1300, 55, None],
                [None, "Total", None, None, None, None]]:
        rounds.append(row)
    rounds.merge_cells("C3:E3")
    book.save(tmp_path / "startups.xlsx")
    result = ingest(tmp_path)
    got = result.tables["startup_rounds"]
    assert sorted(zip(got["startup_id"], got["round_date"].dt.year, got["amount_eur"], strict=True)) == [
        ("SU-01", 2021, 416_000), ("SU-02", 2022, 1_300_000), ("SU-02", 2023, 55_000)]
    assert [(p.key, p.column) for p in result.problems] == [("SU-01 / 2023-01-01 / ", "amount_eur")]
    [counts] = [s.counts() for s in result.sheets if s.sheet == "Levées"]
    assert counts["rows_read"] == counts["rows_accepted"] + counts["rows_quarantined"] + counts["rows_dropped"]
    assert counts["rows_quarantined"] == 1


def test_a_start_ups_headcounts_by_year_are_no_rounds(tmp_path):
    book = openpyxl.Workbook()
    for row in [["Start-up", "Statut", 2021, 2022, 2023], ["Acme Bio", "Active", 3, 5, 8],
                ["Beta Dx", "Active", 2, 2, 4]]:
        book.active.append(row)
    book.save(tmp_path / "effectifs.xlsx")
    result = ingest(tmp_path)
    assert "startup_rounds" not in result.tables or result.tables["startup_rounds"].empty


def test_a_committee_sheet_per_meeting_gives_one_line_per_partner_share(tmp_path):
    """One sheet per call: the meeting's date and the call's instrument only in the title, each partner's share in
    a column of its own, the co-funder's share beside a column naming the co-funder."""
    from workbooks import write_workbook  # tests/ingest, beside this file

    header = ["Rang", "Réf. projet", "Montant demandé (€)", "Avis", "Part CanceroPôle (€)",
              "Part Inserm Transfert (€)", "Cofinanceur", "Part cofinanceur (€)"]
    maturation = [["CanceroPôle — Décisions de financement"], ["Comité du 12 mars 2021 — appel Maturation 2021"],
                  ["Montants en euros (€)."], [], header,
                  [1, "PV21-04", 120500, "Retenu", 109500, None, None, None],
                  [2, "PV21-02", 264500, "Retenu", 74000, 87000, "Région Sud", 66500],
                  [3, "PV21-01", 101500, "Non retenu", None, None, None, None],
                  ["TOTAL", None, 486500, None, 183500, 87000, None, 66500]]
    poc = [["CODIR Inserm Transfert du 10 octobre 2021 — Fonds Preuve de concept"], [],
           ["Rang", "Réf. projet", "Avis", "Part Inserm Transfert (k€)", "Cofinanceur", "Part cofinanceur (k€)"],
           [1, "PV21-03", "Retenu", 50, "Bpifrance", 20.5]]
    write_workbook(tmp_path / "raw" / "decisions.xlsx", {"MAT 2021": maturation, "PoC IT 2021": poc})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"]
    got = sorted(zip(funding["project_id"], funding["funder"].astype(str), funding["instrument"].astype(str),
                     funding["decision_date"].dt.strftime("%Y-%m-%d"), funding["amount_eur"], strict=True))
    assert got == [("PV21-02", "canceropole_paca", "maturation", "2021-03-12", 74000.0),
                   ("PV21-02", "inserm_transfert", "maturation", "2021-03-12", 87000.0),
                   ("PV21-02", "region_sud", "maturation", "2021-03-12", 66500.0),
                   ("PV21-03", "bpifrance", "proof_of_concept", "2021-10-10", 20500.0),
                   ("PV21-03", "inserm_transfert", "proof_of_concept", "2021-10-10", 50000.0),
                   ("PV21-04", "canceropole_paca", "maturation", "2021-03-12", 109500.0)]
    assert set(funding["decision_date_precision"].astype(str)) == {"day"}
    assert not result.problems


def test_a_line_turned_down_is_dropped_once_and_a_title_of_two_dates_dates_nothing(tmp_path):
    from workbooks import write_workbook  # tests/ingest, beside this file

    header = ["Réf. projet", "Avis", "Part CanceroPôle (€)", "Part Inserm Transfert (€)"]
    decided = [["Comité du 12 mars 2021 — appel Maturation 2021"], [], header,
               ["PR-01", "Favorable", 50000, 100000], ["PR-02", "Défavorable", 20000, 40000]]
    two_dates = [["Comité du 12 mars 2021 — appel Maturation (dossiers déposés avant le 15/12/2020)"], [], header,
                 ["PR-03", "Favorable", 10000, 20000]]
    write_workbook(tmp_path / "raw" / "decisions.xlsx", {"Comité": decided, "Comité 2": two_dates})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"]
    assert sorted(zip(funding["project_id"], funding["amount_eur"], strict=True)) == [("PR-01", 50000.0),
                                                                                      ("PR-01", 100000.0)]
    assert [d.reason for d in result.dropped if d.sheet == "Comité" and d.row == 5] == [
        "not granted (Avis: Défavorable)"]  # once, not once per amount
    assert "PR-03" not in set(funding["project_id"])  # which of the two days is the decision's? not guessed


def test_a_committee_cell_naming_each_funders_instrument_gives_each_column_its_own(tmp_path):
    (tmp_path / "comites.csv").write_text(
        "Projet;Dispositif;Date du comité;Inserm Transfert;CanceroPôle PACA;Région Sud;SATT Sud-Est\n"
        'PV21-08;"IT : maturation ; CPP : preuve de concept ; Région : subvention";8 septembre 2022;220000;32 k€;'
        "85 k€;\n"
        "PV21-04;Maturation;2022-07-21;145000;;;—\n", encoding="utf-8")
    funding = ingest(tmp_path).tables["funding"]
    got = sorted(zip(funding["project_id"], funding["funder"].astype(str), funding["instrument"].astype(str),
                     funding["amount_eur"], strict=True))
    assert got == [("PV21-04", "inserm_transfert", "maturation", 145_000.0),
                   ("PV21-08", "canceropole_paca", "proof_of_concept", 32_000.0),
                   ("PV21-08", "inserm_transfert", "maturation", 220_000.0),
                   ("PV21-08", "region_sud", "grant", 85_000.0)]


def test_a_row_s_reference_over_several_years_is_its_project_s(tmp_path):
    """"N° dossier | Financeur | Dispositif" over one column per year: a reference that several lines share is the
    project's, not a funding line's."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Financements"
    for row in (["Financements décidés — montants en k€"], [],
                ["N° dossier", "Financeur", "Dispositif", "Montants décidés (k€)", None, None],
                [None, None, None, 2021, 2022, 2023],
                ["ONCO-01", "Cancéropôle PACA", "Preuve de concept", 60, None, 40],
                ["ONCO-02", "Région Sud", "Subvention", None, 120.5, None]):
        ws.append(row)
    wb.save(tmp_path / "financements.xlsx")
    funding = ingest(tmp_path).tables["funding"]
    assert sorted(zip(funding["project_id"], funding["amount_eur"], strict=True)) == [
        ("ONCO-01", 40_000.0), ("ONCO-01", 60_000.0), ("ONCO-02", 120_500.0)]


def test_a_co_funding_plan_with_merged_projects_zeros_parts_of_totals_and_dated_remarks(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Plans de financement 2018-2020, montants engagés en euros"])
    sheet.append(["Projet", "Financeur", "Nature de l'aide", "2018", "2019", "2020", "Total", "Observations"])
    sheet.append(["P-1", "CPP", "Maturation", 70000, "", 0, 70000, ""])
    sheet.append([None, "Inserm Transfert", "Maturation", "—", 240000, 50000, 290000, "décision CA du 06/05/2019"])
    sheet.append([None, "Total projet P-1", None, 70000, 240000, 50000, 360000, ""])
    sheet.append([None, "dont Inserm Transfert", None, None, 240000, 50000, 290000, ""])
    sheet.append(["P-2", "Région Sud", "Subvention", "0", 30000, None, 30000, "relance envoyée le 12/03/2019"])
    sheet.merge_cells("A3:A4")  # the project written once over its funders' lines
    book.save(tmp_path / "plans.xlsx")
    result = ingest(tmp_path)
    funding = result.tables["funding"]
    got = sorted(zip(funding["project_id"], funding["funder"].astype(str), funding["decision_date"].dt.date.astype(str),
                     funding["decision_date_precision"].astype(str), funding["amount_eur"], strict=False))
    assert got == [("P-1", "canceropole_paca", "2018-01-01", "year", 70000.0),
                   ("P-1", "inserm_transfert", "2019-05-06", "day", 240000.0),
                   ("P-1", "inserm_transfert", "2020-01-01", "year", 50000.0),
                   ("P-2", "region_sud", "2019-01-01", "year", 30000.0)]  # a reminder's date is no decision's
    assert not result.problems


def test_a_year_column_dates_the_lines_of_a_funder_grid_whose_decision_date_is_blank(tmp_path):
    (tmp_path / "cofinancements.csv").write_text(
        "Projet;Année;Date de décision;Dispositif;Inserm Transfert;Région Sud\n"
        "P-1;2023;;Maturation;55 000;\n"
        "P-2;2022;10/12/2022;Subvention;;200 000\n", encoding="utf-8")
    funding = ingest(tmp_path).tables["funding"]
    got = sorted(zip(funding["project_id"], funding["decision_date"].dt.date.astype(str),
                     funding["decision_date_precision"].astype(str), strict=False))
    assert got == [("P-1", "2023-01-01", "year"), ("P-2", "2022-12-10", "day")]


def test_a_unit_in_a_group_cell_over_the_funder_columns_applies_to_their_amounts(tmp_path):
    (tmp_path / "cofinancements.csv").write_text(
        "PROJET;;;COFINANCEURS (k€);\n"
        "Réf. projet;Dispositif;Comité;CanceroPôle PACA;Région Sud\n"
        "P-1;Preuve de concept;sept. 2018;37,5;\n"
        "P-2;Preuve de concept;T2 2019;22,5;47,5\n", encoding="utf-8")
    funding = ingest(tmp_path).tables["funding"]
    assert sorted(zip(funding["project_id"], funding["funder"].astype(str), funding["amount_eur"], strict=False)) == [
        ("P-1", "canceropole_paca", 37500.0), ("P-2", "canceropole_paca", 22500.0), ("P-2", "region_sud", 47500.0)]


def test_a_plan_of_committed_paid_and_forecast_amounts_by_year_reads_the_committed_ones(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Plan pluriannuel de cofinancement — montants en k€"])
    sheet.append([])
    sheet.append(["Réf. projet", "Financeur", "Dispositif", "ENGAGÉ — année de décision (k€)", None, None,
                  "VERSÉ — paiements, pour information (k€)", None, None, "PRÉVISIONNEL — non voté (k€)", None])
    sheet.append([None, None, None, 2021, 2022, 2023, 2021, 2022, 2023, 2024, 2025])
    sheet.append(["P-1", "CPP", "Preuve de concept", 90, None, "—", 54, 36, None, None, None])
    sheet.append(["P-2", "CPP", "Maturation", None, 35, 20, None, 21, 14, 40, 10])
    sheet.merge_cells("D3:F3")
    sheet.merge_cells("G3:I3")
    sheet.merge_cells("J3:K3")
    book.save(tmp_path / "plan.xlsx")
    funding = ingest(tmp_path).tables["funding"]
    got = sorted(zip(funding["project_id"], funding["decision_date"].dt.year, funding["amount_eur"], strict=False))
    assert got == [("P-1", 2021, 90000.0), ("P-2", 2022, 35000.0), ("P-2", 2023, 20000.0)]


def test_commitments_with_forecasts_beside_them_are_read_as_a_list(tmp_path):
    (tmp_path / "engagements.csv").write_text(
        "ENGAGEMENTS 2023 (décisions CODIR);;;;;PRÉVISIONS — non engagées;\n"
        "Réf.;Projet;Type;Engagé (€);Date CODIR;Prévu 2024 (€);Prévu 2025 (€)\n"
        "IT-1;P-1;Maturation;55000;14.03.2023;;\n"
        "IT-2;P-2;POC;300000;18.07.2023;40000;30000\n", encoding="utf-8")
    (tmp_path / "engagements.csv").rename(tmp_path / "IT_engagements_2023.csv")
    funding = ingest(tmp_path).tables["funding"]
    assert sorted(zip(funding["funding_id"], funding["amount_eur"], strict=True)) == [
        ("IT-1", 55000.0), ("IT-2", 300000.0)]


def test_a_group_naming_the_unit_over_year_headers_written_as_numbers(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Financements obtenus par les projets (montants en k€, année de décision)"])
    sheet.append([])
    sheet.append(["Identification", None, None, "Montants décidés par année (k€)", None, None])
    sheet.append(["Projet", "Financeur", "Dispositif", 2018, 2019, 2020])
    sheet.append(["P-1", "CPP", "AAP Émergence", 12.5, None, "—"])
    sheet.append(["P-2", "ANR", "Subvention", None, 180, None])
    sheet.merge_cells("A3:C3")
    sheet.merge_cells("D3:F3")
    book.save(tmp_path / "financements.xlsx")
    funding = ingest(tmp_path).tables["funding"]
    assert sorted(zip(funding["project_id"], funding["amount_eur"], strict=True)) == [("P-1", 12500.0),
                                                                                       ("P-2", 180000.0)]


def test_years_under_a_group_per_funder_give_each_amount_its_funder_and_the_title_its_unit(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Plan de co-financement des projets — financeurs publics"])
    sheet.append(["Montants décidés, en k€, par année de décision."])
    sheet.append([])
    sheet.append(["Réf. projet", "Dispositif", "Région Sud", None, None, "Bpifrance", None, None, "Total (k€)"])
    sheet.append([None, None, 2021, 2022, 2023, 2021, 2022, 2023, None])
    sheet.append(["P-1", "Subvention", 60, None, "—", None, 50, None, "=SUM(C6:H6)"])
    sheet.append(["P-2", "Prêt d'amorçage", None, None, None, 75, None, 40, "=SUM(C7:H7)"])
    sheet.merge_cells("C4:E4")
    sheet.merge_cells("F4:H4")
    book.save(tmp_path / "plan_cofinancement.xlsx")
    funding = ingest(tmp_path).tables["funding"]
    got = sorted(zip(funding["project_id"], funding["funder"].astype(str), funding["decision_date"].dt.year,
                     funding["amount_eur"], strict=True))
    assert got == [("P-1", "bpifrance", 2022, 50000.0), ("P-1", "region_sud", 2021, 60000.0),
                   ("P-2", "bpifrance", 2021, 75000.0), ("P-2", "bpifrance", 2023, 40000.0)]
    assert funding["funding_id"].is_unique


def _funding_lines(folder, rows: list[list]) -> list[tuple]:
    """The funding lines ingested from one sheet of ``rows``: (project, funder, instrument, amount, year, precision)."""
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(folder / "plan.xlsx")
    funding = ingest(folder).tables["funding"]
    return sorted(zip(funding["project_id"], funding["funder"].astype(str), funding["instrument"].astype(str),
                      funding["amount_eur"], funding["decision_date"].dt.year,
                      funding["decision_date_precision"].astype(str), strict=True))


def test_one_column_per_funder_and_instrument_dated_by_the_title_s_year(tmp_path):
    """"Inserm Transfert – Maturation | INCa – Subvention" name both the funder and the instrument; the title's one
    year ("Financements accordés en 2019") dates every line, to the year; a funder's two instruments are two lines."""
    got = _funding_lines(tmp_path, [
        ["Financements accordés en 2019 – montants en k€ HT, par financeur"], [],
        ["Réf. projet", "Intitulé (court)", "Inserm Transfert – Maturation", "Inserm Transfert – Preuve de concept",
         "CanceroPôle PACA – AAP Émergence", "INCa – Subvention", "Total projet"],
        ["P18-02", "PARPTEST", 230, 55, None, None, 285], ["P18-03", "ISOPROD", None, None, 45, None, 45],
        ["P19-01", "ONCOVIR", None, None, None, 310, 310], ["TOTAL", None, 230, 55, 45, 310, 640]])
    assert got == [("P18-02", "inserm_transfert", "maturation", 230_000.0, 2019, "year"),
                   ("P18-02", "inserm_transfert", "proof_of_concept", 55_000.0, 2019, "year"),
                   ("P18-03", "canceropole_paca", "emergence", 45_000.0, 2019, "year"),
                   ("P19-01", "inca", "grant", 310_000.0, 2019, "year")]


def test_one_column_per_funder_and_year(tmp_path):
    """"Inserm Transfert 2018 (k€) | … | ANR 2019 (k€)": each header names a funder and a year; every amount is a
    line of that funder, dated to the year, the row's instrument and project kept; the total column is not a line."""
    got = _funding_lines(tmp_path, [
        ["PLAN DE FINANCEMENT – projets accompagnés"], [],
        ["Réf. projet", "Projet", "Dispositif", "Inserm Transfert 2018\n(k€)", "Inserm Transfert 2019\n(k€)",
         "Canceropôle PACA 2018\n(k€)", "Canceropôle PACA 2019\n(k€)", "ANR 2019\n(k€)", "Total\n(k€)"],
        ["DOS-01", "REPORTX", "Preuve de concept", 40, None, 40, None, None, 80],
        ["DOS-02", "SENTINEL", "Maturation", None, 100, None, 50, None, 150],
        ["DOS-03", "ONCOSUIVI", "Subvention", None, None, None, None, "410,5", 410.5]])
    assert got == [("DOS-01", "canceropole_paca", "proof_of_concept", 40_000.0, 2018, "year"),
                   ("DOS-01", "inserm_transfert", "proof_of_concept", 40_000.0, 2018, "year"),
                   ("DOS-02", "canceropole_paca", "maturation", 50_000.0, 2019, "year"),
                   ("DOS-02", "inserm_transfert", "maturation", 100_000.0, 2019, "year"),
                   ("DOS-03", "anr", "grant", 410_500.0, 2019, "year")]


def test_years_over_partners_a_header_of_three_rows(tmp_path):
    """"Réf. projet | Dispositif | Année" over each year merged over its partners' columns, the partners below:
    one funding line per amount, its year from the band, its funder from the row below, the unit from the title."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Financements"
    sheet.append(["Financements des partenaires par année"])
    sheet.append(["Montants en k€."])
    sheet.append([])
    sheet.append(["Réf. projet", "Dispositif", "Année"])
    sheet.append([None, None, 2021, None, 2022, None])
    sheet.append([None, None, "Inserm Transfert", "CanceroPôle PACA", "Inserm Transfert", "CanceroPôle PACA"])
    sheet.append(["P-01", "Maturation", 55, None, None, 20])
    sheet.append(["P-02", "Émergence", None, 30, 12.5, None])
    sheet.append(["Total", None, 55, 30, 12.5, 20])
    for start in ("C5:D5", "E5:F5"):
        sheet.merge_cells(start)
    (tmp_path / "raw").mkdir()
    book.save(tmp_path / "raw" / "financements.xlsx")
    funding = ingest(tmp_path / "raw").tables["funding"]
    got = sorted(zip(funding["project_id"], funding["funder"].astype(str), funding["decision_date"].dt.year,
                     funding["amount_eur"], strict=True))
    assert got == [("P-01", "canceropole_paca", 2022, 20_000), ("P-01", "inserm_transfert", 2021, 55_000),
                   ("P-02", "canceropole_paca", 2021, 30_000), ("P-02", "inserm_transfert", 2022, 12_500)]


def test_a_ledger_s_payments_by_year_and_month_under_one_group_are_not_its_decisions(tmp_path):
    """A budget tracker: each line's decided amount in "Montant engagé (k€)", then its payments under a single group
    "Versements (k€)" over one column per year, then per month (dates): one funding line per row, never one per
    payment."""
    book = openpyxl.Workbook()
    sheet = book.active
    months = [dt.date(2021, m, 1) for m in range(1, 13)]
    sheet.append(["Suivi des engagements et versements (k€)"])
    sheet.append([])
    sheet.append([None] * 7 + ["Versements (k€)"])
    sheet.append(["N° ligne", "Réf. projet", "Financeur", "Dispositif", "Date décision", "Montant engagé (k€)",
                  "Total versé (k€)", 2019, 2020, *months])
    sheet.append(["ITM-2019-01", "VAL-18-006", "Inserm Transfert", "Maturation", "22/03/2019", 365, 365, 365])
    sheet.append(["ITM-2020-01", "VAL-18-004", "Inserm Transfert", "Maturation", "23/04/2020", 140, 140, None, 140])
    sheet.append(["ITM-2021-02", "VAL-20-003", "CanceroPôle PACA", "Preuve de concept", "03/04/2021", 255, 153,
                  None, None, None, None, None, None, None, 76.5, None, None, None, None, None, 76.5])
    book.save(tmp_path / "budget.xlsx")
    funding = ingest(tmp_path).tables["funding"]
    assert sorted(zip(funding["funding_id"], funding["amount_eur"], strict=True)) == [
        ("ITM-2019-01", 365_000.0), ("ITM-2020-01", 140_000.0), ("ITM-2021-02", 255_000.0)]


@pytest.mark.parametrize(("cell", "read"), [
    (2021, "2021"), ("Montant 2023 (€)", "2023"), ("CS 2019", "2019"), ("2021-S2", "S2 2021"), ("T4 2022", "T4 2022"),
    (dt.datetime(2021, 2, 2), None), (dt.date(2022, 5, 8), None), ("Projet 2021", None)])
def test_what_a_header_cell_says_of_its_year(cell, read):
    """A year, a half-year or a quarter heads a column of amounts; a date cell is a record's value (a register whose
    rows hold dates in two columns is no wide sheet of years)."""
    from partnership_metrics.ingest.recognition import Recogniser
    from partnership_metrics.ingest.unpivot import year_header
    from partnership_metrics.ingest.vocabulary import load_vocabulary

    assert year_header(cell, Recogniser(load_vocabulary(None))) == read


def test_funder_over_instrument_on_two_lines_of_one_header_dated_by_a_year_column(tmp_path):
    """"Région Sud⏎subvention | Bpifrance⏎prêt / avance": the funder on the header's first line, the instrument on
    its second; the row's "Année" dates each line to the year; the row total and the comment are no lines."""
    got = _funding_lines(tmp_path, [
        ["Cofinancements obtenus par les projets"], ["Montants en k€, par année de décision."], [],
        ["Projet", "Année", "Région Sud\nsubvention", "Bpifrance\nprêt / avance", "ANR\nsubvention",
         "SATT Sud-Est\nmaturation", "Total ligne", "Commentaire"],
        ["P-07", 2020, None, 160, None, None, None, None], ["P-02", 2021, 385, None, None, None, None, None],
        ["P-04", 2022, None, None, 120, 210, None, "deux financeurs"], ["TOTAL", None, 385, 160, 120, 210, None, None]])
    assert got == [("P-02", "region_sud", "grant", 385_000.0, 2021, "year"),
                   ("P-04", "anr", "grant", 120_000.0, 2022, "year"),
                   ("P-04", "satt_sud_est", "maturation", 210_000.0, 2022, "year"),
                   ("P-07", "bpifrance", "loan", 160_000.0, 2020, "year")]


def test_one_column_per_funder_under_a_call_s_block_of_information(tmp_path):
    """A region's sheet per call: "Décision (Commission permanente)" merged over two cells beside its date dates every
    line to the day; "Réf. DRCI" (the hospital research office's reference) is the project, "N° dossier" the
    region's file number."""
    rows = [["Appel à projets Émergence 2021 – Cancer, innovation et transfert"],
            ["Ouverture de l'appel", None, dt.date(2021, 1, 18)], ["Date limite de dépôt", None, "31/03/2021"],
            ["Décision (Commission permanente)", None, dt.date(2021, 6, 24)], ["Budget de l'appel", None, "500 k€"],
            ["Montants en k€"], [],
            ["N° dossier", "Réf. DRCI", "Acronyme", "Intitulé du projet", "Région", "CPP", "IT", "Total"],
            ["2021-EME-01", "VAL-2020-005", "PHOTIA", "Imagerie peropératoire", 55, 30, 42.5, 127.5],
            ["2021-EME-02", "VAL-2020-007", "PHOTCHIP", "Test sanguin précoce", 30, 35, None, 65],
            ["TOTAL", None, None, None, 85, 65, 42.5, 192.5]]
    merged = {"AAP Émergence 2021": [f"A{r}:B{r}" for r in range(2, 6)]}
    write_workbook(tmp_path / "raw" / "region.xlsx", {"AAP Émergence 2021": rows}, merged)
    funding = ingest(tmp_path / "raw").tables["funding"]
    got = sorted(zip(funding["project_id"], funding["funder"].astype(str), funding["instrument"].astype(str),
                     funding["amount_eur"], funding["decision_date"].dt.strftime("%Y-%m-%d"),
                     funding["decision_date_precision"].astype(str), strict=True))
    assert got == [("VAL-2020-005", "canceropole_paca", "emergence", 30_000.0, "2021-06-24", "day"),
                   ("VAL-2020-005", "inserm_transfert", "emergence", 42_500.0, "2021-06-24", "day"),
                   ("VAL-2020-005", "region_sud", "emergence", 55_000.0, "2021-06-24", "day"),
                   ("VAL-2020-007", "canceropole_paca", "emergence", 35_000.0, "2021-06-24", "day"),
                   ("VAL-2020-007", "region_sud", "emergence", 30_000.0, "2021-06-24", "day")]


@pytest.mark.parametrize("months", ["written", "dates"])
def test_a_budget_of_one_column_per_month_beside_each_year_s_total(tmp_path, months):
    """A sheet per funder, a column per month of decision under each year, then the year's total: each month's
    amount is a line decided that month (the date known to the month); the totals are no lines. The months are
    written under a band of years ("2021" over "janv. | … | Total"), or as dates on the header's own row."""
    names = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
    lines = [["VAL-21-01", "ONCOSCAN", "Maturation", 57, 76], ["VAL-21-02", "VAXARN", "Preuve de concept", None, 40]]
    if months == "written":
        header = [["Réf. projet", "Projet", "Dispositif", *[y for year in (2021, 2022) for y in [year] + [None] * 12]],
                  [None, None, None, *[m for _ in range(2) for m in [*names, "Total"]]]]
    else:
        header = [["Réf. projet", "Projet", "Dispositif", *[c for year in (2021, 2022) for c in [
            *(dt.date(year, m, 1) for m in range(1, 13)), f"Total {year}"]]]]
    rows = []
    for ref, name, instrument, in_march_2021, in_september_2022 in lines:
        cells = [None] * 26  # 2021's twelve months and total, then 2022's
        cells[2], cells[12] = in_march_2021, in_march_2021
        cells[13 + 8], cells[25] = in_september_2022, in_september_2022
        rows.append([ref, name, instrument, *cells])
    write_workbook(tmp_path / "budget.xlsx", {"Inserm Transfert": [
        ["Engagements Inserm Transfert – montants engagés en k€, une colonne par mois de décision"], [], *header,
        *rows]})
    funding = ingest(tmp_path).tables["funding"]
    got = sorted(zip(funding["project_id"], funding["funder"].astype(str), funding["decision_date"].dt.strftime(
        "%Y-%m-%d"), funding["decision_date_precision"].astype(str), funding["amount_eur"], strict=True))
    assert got == [("VAL-21-01", "inserm_transfert", "2021-03-01", "month", 57_000.0),
                   ("VAL-21-01", "inserm_transfert", "2022-09-01", "month", 76_000.0),
                   ("VAL-21-02", "inserm_transfert", "2022-09-01", "month", 40_000.0)]
