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
