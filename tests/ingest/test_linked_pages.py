"""A database's links written after the names they link (linked_pages.py)."""

from __future__ import annotations

import pytest

from partnership_metrics.ingest.linked_pages import with_linked_names
from partnership_metrics.ingest.reading import RawSheet


@pytest.mark.parametrize(("cell", "read"), [
    ("ONCOSCAN (https://www.notion.so/ONCOSCAN-3f2a9c)", "ONCOSCAN"),
    ("ONCOSCAN (https://www.notion.so/ONCOSCAN-3f2a), VAX ARN (https://www.notion.so/VAX-ARN-9b1)", "ONCOSCAN; VAX ARN"),
    ("voir la fiche (https://intranet.example/fiche) avant le comité", None),  # a sentence: as written
    ("(https://www.notion.so/3f2a9c)", None),  # a link naming nothing
    ("Réunion (Marseille)", None),
])
def test_a_cell_of_links_is_read_as_the_names_it_links(cell, read):
    sheet = RawSheet(file="Projets 3f2a.csv", sheet=None, rows=[["Projet", "Lien"], ["P-1", cell]])
    assert with_linked_names(sheet).rows[1][1] == (cell if read is None else read)
