"""Amounts whose unit is only in the cell's number format (reading/number_formats.py): read as the cell shows them,
"45 k€" from 45 formatted ``#,##0" k€"``, "150 k€" from 150000 formatted ``#,##0," k€"``; other formats unchanged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.reading.number_formats import unit_of_format


@pytest.mark.parametrize(("code", "unit"), [
    ('#,##0" k€"', (0, "k€")),
    ('#,##0," k€"', (1, "k€")),
    ('0.0,," M€"', (2, "M€")),
    ('#,##0\\ \\k\\€', (0, "k€")),
    ('#,##0.00" k€";-#,##0.00" k€"', (0, "k€")),
    ('#,##0 "€"', None),
    ('#,##0', None),
    ("0%", None),
    ("yyyy-mm-dd", None),
    ("#,##0 [$€-40C]", None),
])
def test_the_unit_a_format_shows(code, unit):
    assert unit_of_format(code) == unit


def _register(path: Path, header: str, lines: list[tuple[str, float | str, str | None]]) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Engagements"
    ws.append(["Réf.", "Réf. projet", "Financeur", "Dispositif", header, "Date de décision"])
    for n, (funder, amount, number_format) in enumerate(lines, start=1):
        ws.append([f"ENG-{n:02d}", f"VP-{n:02d}", funder, "Maturation", amount, dt.date(2022, n, 10)])
        if number_format:
            ws.cell(row=n + 1, column=5).number_format = number_format
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def test_amounts_read_as_their_format_shows_them(tmp_path: Path):
    _register(tmp_path / "raw" / "engagements.xlsx", "Montant", [
        ("Cancéropôle PACA", 45, '#,##0" k€"'),  # shown "45 k€"
        ("Inserm Transfert", 150000, '#,##0," k€"'),  # euros shown in thousands: "150 k€"
        ("Région Sud", 30000, '#,##0 "€"'),  # euros
        ("Bpifrance", 1.2, '0.0" M€"'),  # "1.2 M€"
        ("Cancéropôle PACA", "n.d.", '#,##0" k€"')])
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"].set_index("funding_id")
    assert funding["amount_eur"].tolist() == [45_000, 150_000, 30_000, 1_200_000]
    assert [(p.key, p.column) for p in result.problems] == [("ENG-05", "amount_eur")]  # "n.d.": no amount, as typed


def test_a_unit_in_the_header_and_in_the_format_counts_once(tmp_path: Path):
    _register(tmp_path / "raw" / "engagements.xlsx", "Montant (k€)", [
        ("Cancéropôle PACA", 45, '#,##0" k€"'), ("Inserm Transfert", 80, None), ("Région Sud", 120, '#,##0" k€"')])
    funding = ingest(tmp_path / "raw").tables["funding"]
    assert funding["amount_eur"].tolist() == [45_000, 80_000, 120_000]


def test_only_the_cells_of_those_styles_are_noted_whatever_the_order_of_their_attributes():
    from partnership_metrics.ingest.reading.number_formats import money_cells

    xml = (b'<row r="5"><c r="E5" s="3" t="n"><v>45</v></c><c s="5" r="F5"><v>1</v></c>'
           b'<c r="G5" s="13"><v>2</v></c><c r="H5"><v>3</v></c><c r="AB12" s="5"/></row>')
    assert money_cells(xml, {3: (1, "k€"), 5: (0, "k€")}) == {(5, 5): (1, "k€"), (5, 6): (0, "k€"), (12, 28): (0, "k€")}
