"""A review of the amounts read as their number format shows them (reading/number_formats.py): formats the reader
missed (a locale or colour prefix, an accounting format's padding, attributes in another order), a conditional
format's number format taken for the cell's, amounts written so that the parser misread them, and the form options
read as events (listed_keys.py). Each workbook is built here with openpyxl."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.reading.number_formats import amounts_as_shown, unit_of_format


def _register(path: Path, lines: list[tuple[float | str, str | None]], header: str = "Montant",
              dates: list | None = None):
    """A funder's register: one amount per line, each with its number format (None: General)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Engagements"
    ws.append(["Réf.", "Réf. projet", "Financeur", "Dispositif", header, "Date de décision"])
    for n, (amount, number_format) in enumerate(lines, start=1):
        day = dates[n - 1] if dates else dt.date(2022, n, 10)
        ws.append([f"ENG-{n:02d}", f"VP-{n:02d}", "Cancéropôle PACA", "Maturation", amount, day])
        if number_format:
            ws.cell(row=n + 1, column=5).number_format = number_format
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return wb


def _amounts(raw: Path) -> tuple[list[float], list]:
    result = ingest(raw)
    return result.tables["funding"]["amount_eur"].tolist(), result.problems


@pytest.mark.parametrize(("code", "unit"), [
    ('[$-40C]#,##0" k€"', (0, "k€")),  # a locale prefix (French): still "45 k€"
    ('[$-x-sysnum]#,##0," k€"', (1, "k€")),
    ('[Red]#,##0" k€"', (0, "k€")),  # a colour
    ('#,##0" k€";[Red]-#,##0" k€"', (0, "k€")),
    ('_-* #,##0" k€"_-;\\-* #,##0" k€"_-;_-* "-"??" k€"_-;_-@_-', (0, "k€")),  # accounting: padding and fill
    ('#,##0 [$k€-40C]', (0, "k€")),  # the unit written as a currency with its locale
    ('#,##0 [$€-40C]', None),  # euros
    ('[$-40C]#,##0 "€"', None),
    ('[>=1000000]0.0,," M€";[>=1000]0," k€";0" €"', None),  # a unit per size of the value: none chosen
    ('[Blue]0%', None),
    ('[$-40C]dd/mm/yyyy', None),
    ("#,##0,", (1, None)),  # thousands without a unit: read so under a header in thousands only
    ('_-* #,##0,,_-', (2, None)),
    ("#,##0", None),
])
def test_prefixed_and_padded_formats(code, unit):
    assert unit_of_format(code) == unit


def test_a_locale_prefixed_and_an_accounting_format_are_read_as_shown(tmp_path: Path):
    _register(tmp_path / "raw" / "engagements.xlsx", [
        (45, '[$-40C]#,##0" k€"'),
        (80, '_-* #,##0" k€"_-;\\-* #,##0" k€"_-;_-* "-"??" k€"_-;_-@_-'),
        (1.5, '[Blue]0.0" M€"'),
        (30000, '[$-40C]#,##0 "€"')])
    assert _amounts(tmp_path / "raw")[0] == [45_000, 80_000, 1_500_000, 30_000]


def _rewritten(path: Path, part: str, change) -> None:
    """``path`` with its archive member ``part`` changed by ``change`` (bytes -> bytes)."""
    with zipfile.ZipFile(path) as zf:
        members = [(info, zf.read(info.filename)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in members:
            zf.writestr(info, change(data) if info.filename == part else data)


def test_a_format_whose_code_comes_before_its_id(tmp_path: Path):
    """Writers differ in the order of an element's attributes: <numFmt formatCode="…" numFmtId="165"/>."""
    path = tmp_path / "raw" / "engagements.xlsx"
    _register(path, [(45, '#,##0" k€"'), (120, '#,##0" k€"'), (30000, None)])
    _rewritten(path, "xl/styles.xml", lambda xml: re.sub(
        rb'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', rb'<numFmt formatCode="\2" numFmtId="\1"', xml))
    assert b"formatCode" in zipfile.ZipFile(path).read("xl/styles.xml")
    assert _amounts(tmp_path / "raw")[0] == [45_000, 120_000, 30_000]


def test_a_conditional_formats_number_format_is_not_the_cells(tmp_path: Path):
    """A conditional format's number format (<dxfs>) has an id of its own, which may be the id of a cell's format
    in <numFmts>: euros formatted #,##0 "€" are not thousands because a rule would show large ones in k€."""
    from openpyxl.formatting.rule import Rule
    from openpyxl.styles import numbers
    from openpyxl.styles.differential import DifferentialStyle

    path = tmp_path / "raw" / "engagements.xlsx"
    wb = _register(path, [(45000, '#,##0 "€"'), (30000, '#,##0 "€"')])
    ws = wb.active
    rule = DifferentialStyle(numFmt=numbers.NumberFormat(numFmtId=165, formatCode='#,##0" k€"'))
    ws.conditional_formatting.add("E2:E3", Rule(type="cellIs", operator="greaterThan", formula=["1000000"],
                                                dxf=rule))
    wb.save(path)
    styles = zipfile.ZipFile(path).read("xl/styles.xml")
    assert b'numFmtId="165" formatCode="#,##0 &quot;' in styles and b"<dxf><numFmt numFmtId=\"165\"" in styles
    assert _amounts(tmp_path / "raw")[0] == [45_000, 30_000]


def test_amounts_shown_with_three_decimals_on_a_sheet_written_the_american_way(tmp_path: Path):
    """A sheet whose dates are written month first reads "1.234" as one thousand two hundred and thirty-four: the
    amount 1 234 567 € shown by #,##0," k€" (1234.567 k€) must not become 1 234 567 k€."""
    _register(tmp_path / "raw" / "engagements.xlsx",
              [(1_234_567, '#,##0," k€"'), (1_234, '#,##0," k€"'), (2.5, '0.0" k€"'), (10, None)],
              dates=["01/25/2022", "02/25/2022", "03/25/2022", "04/25/2022"])
    assert _amounts(tmp_path / "raw")[0] == [1_234_567, 1_234, 2_500, 10]


def test_a_formulas_rounding_residue_is_an_amount(tmp_path: Path):
    """A balance computed by a formula leaves a residue (2.27e-13 shown "0 k€"): an amount near zero, not a text
    "2.27373675443232e-13 k€" the row is quarantined for."""
    _register(tmp_path / "raw" / "engagements.xlsx", [(2.2737367544323206e-13, '#,##0" k€"'), (45, '#,##0" k€"')])
    amounts, problems = _amounts(tmp_path / "raw")
    assert problems == []
    assert amounts[0] == pytest.approx(0, abs=1e-6) and amounts[1] == 45_000


def test_the_text_written_for_a_cell_reads_back_exactly():
    cells = {(1, 1): (1, "k€"), (2, 1): (0, "k€"), (3, 1): (2, "M€"), (4, 1): (0, "k€")}
    rows = amounts_as_shown([[150_001], [1e-13], [-2_500_000], [1e17]], 1, cells, {0: None})
    assert [r[0] for r in rows] == ["150.0010 k€", "0.0000000000001 k€", "-2.5 M€", "100000000000000000 k€"]


def test_a_multi_choice_question_not_about_events_lists_no_events(tmp_path: Path):
    """A contacts file's question "Groupes de travail souhaités" ticked as "GT-1 Immunothérapie" lines: codes, but no
    event's (no date beside them), so no attendance to events "GT-1", "GT-2" is made of it."""
    from workbooks import write_workbook  # tests/ingest, beside this file

    rows = [["NOM", "Prénom", "Courriel", "Établissement", "Groupes de travail souhaités", "Lettre d'info"],
            ["ARNAUD", "Yann", "yann.arnaud@univ.example", "AMU", "GT-1 Immunothérapie\nGT-2 Biomarqueurs", "Oui"],
            ["AUBERT", "Sarah", "sarah.aubert@univ.example", "UniCA", "GT-2 Biomarqueurs", "Oui"],
            ["BARBIER", "Manon", "manon.barbier@inserm.example", "Inserm", "GT-3 Imagerie\nGT-1 Immunothérapie",
             "Non"],
            ["BENNETT", "Helen", "helen.bennett@inserm.example", "Inserm", None, "Oui"]]
    write_workbook(tmp_path / "raw" / "contacts.xlsx", {"Contacts": rows})
    result = ingest(tmp_path / "raw")
    assert not {"GT-1", "GT-2", "GT-3"} & set(result.tables["event_attendance"]["event_id"])
    assert not any("listed in 'Groupes de travail" in (s.note or "") for s in result.sheets)


def test_an_e_mail_address_in_a_line_is_no_event_reference():
    """A line naming a person's address ("m.durand2@inserm.example") names no event: no part of it is a reference
    (it would leave ingestion as an event id, unmasked)."""
    from partnership_metrics.ingest.listed_keys import _references

    assert _references("Module 1 – PI (27/06/2023) : m.durand2@inserm.example\n"
                       "Module 2 (AN-23-05, 04/07/2023)") is None
    assert _references("Module 1 – PI (AN-23-04, 27/06/2023)\nModule 2 (AN-23-05, 04/07/2023)") == ["AN-23-04",
                                                                                                     "AN-23-05"]


def test_euros_shown_in_thousands_under_a_header_in_thousands(tmp_path: Path):
    """"Montant (k€)" over euros shown in thousands by a scaling format without a unit (#,##0, shows 150000 as
    "150"): 150 k€ as shown, not 150 000 k€; millions under "(M€)" alike; under a header without a unit the euros
    stay euros."""
    _register(tmp_path / "a" / "engagements.xlsx", [(150_000, "#,##0,"), (80, None), (1_234_567, "# ##0,")],
              header="Montant (k€)")
    assert _amounts(tmp_path / "a")[0] == [150_000, 80_000, 1_234_567]
    _register(tmp_path / "b" / "engagements.xlsx", [(2_500_000, "0.0,,"), (1.2, None)], header="Montant (M€)")
    assert _amounts(tmp_path / "b")[0] == [2_500_000, 1_200_000]
    _register(tmp_path / "c" / "engagements.xlsx", [(150_000, "#,##0,"), (80, None)])
    assert _amounts(tmp_path / "c")[0] == [150_000, 80]


def test_the_names_of_many_sheets_are_read_once(tmp_path: Path):
    """Each sheet's name is found from the workbook and its relations, read once for all sheets (read once per sheet,
    3000 sheets took 40 s for the cells of k€ formats and 30 s for the formulas)."""
    import time

    from partnership_metrics.ingest.reading.archives import computed_cells, sheet_parts

    n = 3000
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", '<workbook xmlns:r="r"><sheets>' + "".join(
            f'<sheet name="R&amp;D {i}" sheetId="{i}" r:id="rId{i}"/>' for i in range(1, n + 1))
            + "</sheets></workbook>")
        zf.writestr("xl/_rels/workbook.xml.rels", "<Relationships>" + "".join(  # the parts in the other order
            f'<Relationship Id="rId{i}" Target="/xl/worksheets/sheet{n + 1 - i}.xml"/>' for i in range(1, n + 1))
            + "</Relationships>")
        for i in range(1, n + 1):
            zf.writestr(f"xl/worksheets/sheet{i}.xml", "<worksheet><sheetData/></worksheet>")
    with zipfile.ZipFile(path) as zf:
        start = time.perf_counter()
        parts, computed = sheet_parts(zf), computed_cells(zf)
        elapsed = time.perf_counter() - start
    assert parts["R&D 1"] == f"xl/worksheets/sheet{n}.xml" and parts[f"R&D {n}"] == "xl/worksheets/sheet1.xml"
    assert len(parts) == len(computed) == n
    assert elapsed < 5
