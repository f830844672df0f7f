"""Header rows as people write them (header_rows.py): a header on two rows, not a header above a band of rows."""

from __future__ import annotations

import pytest

from partnership_metrics.ingest.header_rows import two_row_header

HEADER = ["Code", "Date", "Intitulé", "Format", "Lieu"]


@pytest.mark.parametrize("band", ["— 2018 —", "Année 2019", "AAP 2019", "2020 :"])
def test_a_year_band_below_a_header_is_no_second_header_row(band):
    assert two_row_header(HEADER, [band, None, None, None, None]) is None


def test_sub_headers_under_a_merged_group_make_a_header_on_two_rows():
    upper = ["Projet", "Dates", None, None]
    lower = [None, "Détection", "DI", "Dépôt"]
    assert two_row_header(upper, lower) == ["Projet", "Détection", "DI", "Dépôt"]


def test_a_header_on_two_rows_written_again_over_each_years_block(tmp_path):
    """"Projet | Porteur | Dates | Montants" merged over "Réf. | Acronyme | …" at the top of each year's block: the
    group row's copies are the header's too, never a proposal."""
    import datetime as dt

    from workbooks import write_workbook  # tests/ingest, beside this file

    from partnership_metrics.ingest.ingestion import ingest

    groups = ["Projet", None, None, "Porteur", None, None, "Dates", None, "Montants", "Suivi"]
    header = ["Réf.", "Acronyme", "Programme", "Rôle", "Établissement", "Accompagnement", "Dépôt", "Résultat",
              "Demandé (€)", "Statut"]
    rows = [["Dépôts 2021"], groups, header,
            ["EU21-01", "METACURE", "Mission Cancer", "Partenaire", "UCA", "CPP", dt.date(2021, 11, 23),
             dt.date(2022, 3, 31), 1_380_000, "Financé"],
            [], ["Dépôts 2022"], groups, header,
            ["EU22-01", "PANCGATE", "EU4Health", "Coordinateur", "IPC", "IT", dt.date(2022, 7, 23), None, 1_425_000,
             "En attente"]]
    merged = [f"{a}{r}:{b}{r}" for r in (2, 7) for a, b in (("A", "C"), ("D", "F"), ("G", "H"))]
    write_workbook(tmp_path / "raw" / "europe.xlsx", {"Europe": rows}, merged={"Europe": merged})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["eu_proposals"]["proposal_id"]) == ["EU21-01", "EU22-01"]
    assert not result.problems
    assert [d.reason for d in result.dropped if d.row in (7, 8)] == ["repeated header row"] * 2
