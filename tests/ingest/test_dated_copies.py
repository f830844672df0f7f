"""A tracker copied into each year's workbook: a record that differs between the copies is the latest copy's, the
older ones dropped and named in its provenance; copies that are not one dated series still conflict."""

from __future__ import annotations

from pathlib import Path

import pytest
from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.blocks import Block
from partnership_metrics.ingest.dated_copies import latest_copy, series_and_date
from partnership_metrics.ingest.ingestion import ingest

HEADER = ["N° projet", "Titre", "Établissement porteur", "Canal de sourcing", "Soutenu par", "Date de détection",
          "Début de maturation"]


def _tracker(maturation: str) -> list[list]:
    return [HEADER, ["P21-01", "Un test compagnon", "AMU", "Appel CPP", "CPP", "2021-03-04", maturation],
            ["P21-02", "Une sonde", "UCA", "Appel CPP", "CPP", "2021-05-06", "2021-09-01"]]


@pytest.mark.parametrize(("file", "sheet", "expected"), [
    ("Suivi 2021.ods", "Projets", ("Suivi # | Projets", (2021,))),
    ("pipeline.xlsx", "Pipeline 2020-21", ("pipeline | Pipeline #-#", (2020, 21))),
    ("projets.xlsx", "Feuil1", None),
    ("export_42.csv", None, None)])
def test_a_copy_is_named_by_its_series_and_dated_by_its_numbers(file, sheet, expected):
    assert series_and_date(file, sheet) == expected


def _block(file: str, *ids: str, sheet: str | None = None) -> Block:
    ids = ids or ("P21-01",)
    columns = {"project_id": list(ids)} | ({"source_sheet": [sheet] * len(ids)} if sheet else {})
    return Block("projects", file, sheet or "Projets", list(range(2, 2 + len(ids))), columns)


def _ids(block: Block) -> set:
    return set(block.column("project_id"))


def test_the_latest_copy_of_one_series_is_kept():
    group = [(_block("Suivi 2022.ods"), 0), (_block("Suivi 2023.ods"), 0), (_block("Suivi 2021.ods"), 0)]
    assert latest_copy(group, _ids) == group[1]


@pytest.mark.parametrize("files", [("Suivi 2022.ods", "Bilan 2023.ods"), ("Suivi 2022.ods", "Suivi 2022.ods"),
                                   ("Suivi 2022.ods", "projets.ods")])
def test_copies_of_two_series_or_of_one_date_are_no_dated_series(files):
    assert latest_copy([(_block(f), 0) for f in files], _ids) is None


def test_lists_split_by_year_are_no_copies():
    """A record in two of the lists of one year each (most of their records in one only) is no copy's."""
    carried = [(_block("Suivi 2021.ods", "P21-01", "P21-02"), 0), (_block("Suivi 2022.ods", "P21-01", "P21-02", "P22-01"), 0)]
    assert latest_copy(carried, _ids) == carried[1]
    split = [(_block("Engagements 2021.ods", "P21-01", "P21-02", "P21-03"), 0),
             (_block("Engagements 2022.ods", "P21-01", "P22-01", "P22-02"), 0)]
    assert latest_copy(split, _ids) is None


def test_a_record_changed_between_yearly_copies_is_the_latest(tmp_path: Path):
    write_workbook(tmp_path / "raw" / "Suivi 2021.xlsx", {"Projets": _tracker("2021-10-01")})
    write_workbook(tmp_path / "raw" / "Suivi 2022.xlsx", {"Projets": _tracker("2021-11-15")})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert sorted(projects.index) == ["P21-01", "P21-02"]
    assert str(projects.loc["P21-01", "maturation_start_date"])[:10] == "2021-11-15"
    assert "Suivi 2022.xlsx" in projects.loc["P21-01", "source_file"]
    assert "Suivi 2021.xlsx" in projects.loc["P21-01", "duplicate_sources"]
    assert not any("conflicting duplicate" in p.reason for p in result.problems)


def test_the_same_changes_in_undated_files_still_conflict(tmp_path: Path):
    write_workbook(tmp_path / "raw" / "Suivi CPP.xlsx", {"Projets": _tracker("2021-10-01")})
    write_workbook(tmp_path / "raw" / "Suivi IT.xlsx", {"Projets": _tracker("2021-11-15")})
    result = ingest(tmp_path / "raw")
    assert "P21-01" not in set(result.tables["projects"]["project_id"])
    assert sum("conflicting duplicate" in p.reason for p in result.problems) == 2


def test_a_yearly_archive_then_quarterly_packs_of_one_sheet_are_one_series():
    group = [(_block("PACA_pack_2021Q1.xlsx", sheet="Start-ups"), 0),
             (_block("PACA_archive_2020.xls", sheet="Start-ups"), 0)]
    assert latest_copy(group, _ids) == group[0]
    other_sheet = [(_block("PACA_pack_2021Q1.xlsx", sheet="Start-ups"), 0),
                   (_block("PACA_archive_2020.xls", sheet="Companies"), 0)]
    assert latest_copy(other_sheet, _ids) is None


@pytest.mark.parametrize(("file", "sheet", "expected"), [
    ("Reporting_CPP-IT_2022-T4 (version corrigée).xlsx", "Projets", ("Reporting_CPP-IT_#-T# | Projets", (2022, 4))),
    ("Reporting_CPP-IT_2023-T2_v2.xlsx", "Europe", ("Reporting_CPP-IT_#-T# | Europe", (2023, 2))),
    ("Reporting_CPP-IT_2021-T4_VF.xlsx", "Start-up (rows 1-10)", ("Reporting_CPP-IT_#-T# | Start-up", (2021, 4))),
    ("Suivi (2021).xlsx", "Projets", ("Suivi (#) | Projets", (2021,)))])
def test_a_file_s_version_marks_are_not_its_series(file, sheet, expected):
    from partnership_metrics.ingest.vocabulary import load_words

    assert series_and_date(file, sheet, load_words().version_words) == expected


def test_quarterly_reports_whose_sheets_were_renamed_and_which_leave_out_what_is_over_are_one_series():
    """2022's reports call the list "Projets européens", 2023's "Europe", and keep only the proposals still open."""
    from partnership_metrics.ingest.vocabulary import load_words

    old = _block("Reporting_2022-T4 (version corrigée).xlsx", "EU20-01", "EU20-02", "EU21-01", "EU22-01",
                 sheet="Projets européens")
    new = _block("Reporting_2023-T1.xlsx", "EU22-01", "EU23-01", sheet="Europe")
    group = [(old, 3), (new, 0)]
    assert latest_copy(group, _ids, load_words().version_words) == group[1]
    assert latest_copy(group, _ids) is None  # without its version marks read, "(version corrigée)" is another series


def _quarter(licence: str | None, with_licence: bool = True) -> list[list]:
    header = HEADER + (["Date de licence"] if with_licence else [])
    rows = _tracker("2021-10-01")
    return [header, *(row + ([licence if row[0] == "P21-01" else None] if with_licence else []) for row in rows[1:])]


def test_a_value_the_latest_copy_takes_back_is_taken_back(tmp_path: Path):
    """A licence written in one quarter's report and erased in the next (never signed): the latest copy's empty cell
    wins; a copy without the column says nothing of it."""
    write_workbook(tmp_path / "raw" / "Reporting_2023-T1.xlsx", {"Projets": _quarter(None)})
    write_workbook(tmp_path / "raw" / "Reporting_2023-T2.xlsx", {"Projets": _quarter("2023-06-15")})
    write_workbook(tmp_path / "raw" / "Reporting_2023-T3.xlsx", {"Projets": _quarter(None)})
    projects = ingest(tmp_path / "raw").tables["projects"].set_index("project_id")
    assert projects["licence_date"].isna().all()
    (tmp_path / "raw" / "Reporting_2023-T3.xlsx").unlink()
    write_workbook(tmp_path / "raw" / "Reporting_2023-T4.xlsx", {"Projets": _quarter(None, with_licence=False)})
    projects = ingest(tmp_path / "raw").tables["projects"].set_index("project_id")
    assert str(projects.loc["P21-01", "licence_date"])[:10] == "2023-06-15"


EU_HEADER = ["N° dossier", "Acronyme", "Programme", "Date de dépôt", "Rôle", "Établissement", "Résultat"]


def _report(projects: list[str], proposals: list[list]) -> list[list]:
    """A yearly report's one sheet: the projects still active, then the EU proposals of the year."""
    rows = [HEADER] + [[p, f"Projet {p}", "AMU", "Appel CPP", "CPP", "2019-03-04", None] for p in projects]
    return [*rows, [], ["4. Candidatures européennes"], EU_HEADER, *proposals]


def _proposal(ref: str, status: str) -> list:
    return [ref, f"ACR{ref[-2:]}", "ERC", "2019-10-15", "Partenaire", "AMU", status]


@pytest.mark.parametrize("files", [("Rapport_annuel_2019.xlsx", "Rapport_annuel_2020.xlsx"),
                                   ("Rapport_annuel_2019_Region.xlsx", "CR_annuel_2020_v2.xlsx")])
def test_a_list_of_a_yearly_report_is_a_copy_when_another_list_of_the_reports_is(tmp_path: Path, files):
    """The projects still active are restated each year; the EU proposals only while pending: a proposal pending in
    2019's report and decided in 2020's is 2020's, though most of the proposals of each report are in one only (a
    new template under a new name is still the series: the names share "annuel" and the projects are restated)."""
    projects = ["P19-01", "P19-02", "P19-03", "P19-04"]
    write_workbook(tmp_path / "raw" / files[0], {"Rapport": _report(projects, [
        _proposal("EU19-01", "Non retenu"), _proposal("EU19-02", "Non retenu"), _proposal("EU19-03", "En cours")])})
    write_workbook(tmp_path / "raw" / files[1], {"Rapport": _report([*projects, "P20-01"], [
        _proposal("EU19-03", "Financé"), _proposal("EU20-01", "Non retenu"), _proposal("EU20-02", "En cours")])})
    result = ingest(tmp_path / "raw")
    proposals = result.tables["eu_proposals"].set_index("proposal_id")
    assert sorted(proposals.index) == ["EU19-01", "EU19-02", "EU19-03", "EU20-01", "EU20-02"]
    assert proposals.loc["EU19-03", "status"] == "funded"
    assert not any("conflicting duplicate" in p.reason for p in result.problems)


def test_reports_of_two_offices_or_sharing_no_list_still_conflict(tmp_path: Path):
    """Files whose names share no word are no series, whatever they share; reports restating no list are none."""
    projects = ["P19-01", "P19-02", "P19-03", "P19-04"]
    write_workbook(tmp_path / "raw" / "CPP_suivi_2019.xlsx", {"Rapport": _report(projects, [
        _proposal("EU19-03", "En cours")])})
    write_workbook(tmp_path / "raw" / "IT_export_2020.xlsx", {"Rapport": _report(projects, [
        _proposal("EU19-03", "Financé")])})
    result = ingest(tmp_path / "raw")
    assert "EU19-03" not in set(result.tables["eu_proposals"]["proposal_id"])
    assert sum("conflicting duplicate" in p.reason for p in result.problems) == 2


def test_copies_through_their_files_need_files_that_share_a_list():
    older = _block("Rapport_annuel_2019.xlsx", "EU19-01", "EU19-02", "EU19-03")
    newer = _block("Rapport_annuel_2020.xlsx", "EU19-03", "EU20-01", "EU20-02")
    group = [(older, 2), (newer, 0)]
    assert latest_copy(group, _ids) is None
    assert latest_copy(group, _ids, files_copied=lambda a, b: True) == group[1]
    assert latest_copy(group, _ids, files_copied=lambda a, b: False) is None
