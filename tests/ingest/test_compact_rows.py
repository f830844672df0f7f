"""A pivot table's rows in compact form pasted as values: "Programme / Année", the programme on a row of its own over
its group, the year on the group's first line (compact_rows.py)."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest


def _line(ref, year, day, status):
    return [year, ref, "ACRO", "Partenaire", day, status]


def test_each_line_reads_the_programme_of_its_group(tmp_path):
    rows = [["Bureau Europe – propositions accompagnées"], [],
            ["Programme / Année", "Réf.", "Acronyme", "Rôle", "Date de dépôt", "Statut"],
            ["ERC"],
            _line("BE-2018-03", 2018, dt.date(2018, 2, 27), "Non retenu"),
            _line("BE-2018-05", None, dt.date(2018, 7, 19), "Retenu"),
            _line("BE-2019-03", 2019, dt.date(2019, 6, 16), "Non retenu"),
            ["Total ERC", "3 propositions"],
            [],
            ["Mission Cancer (Horizon Europe)"],
            _line("BE-2021-05", 2021, dt.date(2021, 4, 9), "Retenu"),
            _line("BE-2022-02", 2022, dt.date(2022, 6, 2), "Non retenu"),
            ["Total Mission Cancer (Horizon Europe)", "2 propositions"],
            [],
            ["Total général", 5]]
    write_workbook(tmp_path / "raw" / "bureau_europe.xlsx", {"Export": rows})
    result = ingest(tmp_path / "raw")
    proposals = result.tables["eu_proposals"].sort_values("proposal_id")
    assert list(zip(proposals["proposal_id"], proposals["programme"].astype(str), strict=True)) == [
        ("BE-2018-03", "erc"), ("BE-2018-05", "erc"), ("BE-2019-03", "erc"), ("BE-2021-05", "cancer_mission"),
        ("BE-2022-02", "cancer_mission")]
    assert not result.problems  # the headings and the totals ("3 propositions": a count) are dropped, not quarantined
    reasons = {d.row: d.reason for d in result.dropped}
    assert reasons[4].startswith("section row") and reasons[8].startswith("total row")


def test_a_column_heading_two_fields_without_headings_is_left_as_written(tmp_path):
    rows = [["Programme / Année", "Réf.", "Acronyme", "Rôle", "Date de dépôt", "Statut"],
            ["ERC", "BE-2018-03", "ACRO", "Partenaire", dt.date(2018, 2, 27), "Non retenu"],
            ["MSCA", "BE-2018-04", "ACRO", "Partenaire", dt.date(2018, 3, 27), "Non retenu"]]
    write_workbook(tmp_path / "raw" / "bureau_europe.xlsx", {"Export": rows})
    proposals = ingest(tmp_path / "raw").tables["eu_proposals"].sort_values("proposal_id")
    assert list(proposals["programme"].astype(str)) == ["erc", "msca"]
