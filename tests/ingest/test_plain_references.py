"""A reference read from the plain column, not from a code that wraps it (ingest/plain_references.py)."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.plain_references import with_plain_references

HEADER = ["N° EJ", "Date EJ", "Élément d'OTP", "Réf. projet DRCI", "Financeur", "Nature financement",
          "Montant EJ (EUR)"]


def test_the_plain_project_reference_beside_an_accounting_code_that_wraps_it(tmp_path):
    rows = [HEADER,
            ["1900012021", "18/05/2019", "VALO-VAL18-001", "VAL18-001", "INSERM TRANSFERT SA", "MATURATION", 80000],
            ["2000012049", "18/06/2020", "VALO-VAL19-001", "VAL19-001", "CANCEROPOLE PACA", "EMERGENCE", 30000],
            ["2100012050", "02/03/2021", "VALO-VAL20-004", "VAL20-004", "INSERM TRANSFERT SA", "MATURATION", 120000]]
    write_workbook(tmp_path / "raw" / "sifac.xlsx", {"Export": rows})
    funding = ingest(tmp_path / "raw").tables["funding"]
    assert sorted(funding["project_id"]) == ["VAL18-001", "VAL19-001", "VAL20-004"]


def test_a_code_column_that_does_not_wrap_the_other_stays_the_reference(tmp_path):
    rows = [HEADER,
            ["1900012021", "18/05/2019", "VALO-VAL18-001", "P-7", "INSERM TRANSFERT SA", "MATURATION", 80000],
            ["2000012049", "18/06/2020", "VALO-VAL19-001", "P-9", "CANCEROPOLE PACA", "EMERGENCE", 30000]]
    write_workbook(tmp_path / "raw" / "sifac.xlsx", {"Export": rows})
    funding = ingest(tmp_path / "raw").tables["funding"]
    assert sorted(funding["project_id"]) == ["VALO-VAL18-001", "VALO-VAL19-001"]


def test_a_line_s_own_id_is_not_replaced_by_a_reference_its_lines_share(vocabulary):
    """"P-01-2021" wraps "P-01", which two lines share: a table's own id stays the unique one."""
    from partnership_metrics.ingest.reading import RawSheet
    from partnership_metrics.ingest.recognition import ColumnMatch, Recogniser, Recognition

    rows = [["N° ligne", "Réf. engagement"], ["P-01-2021", "P-01"], ["P-01-2022", "P-01"], ["P-02-2022", "P-02"]]
    rec = Recognition("funding", 0, [ColumnMatch(0, "N° ligne", "funding_id")], unknown=["Réf. engagement"])
    recogniser = Recogniser(vocabulary)
    assert with_plain_references(RawSheet("f.xlsx", "S", rows), rec, recogniser) is None
    distinct = [rows[0], ["P-01-2021", "P-01"], ["P-02-2022", "P-02"]]  # one line each: the plain reference is read
    [match] = with_plain_references(RawSheet("f.xlsx", "S", distinct), rec, recogniser).columns
    assert (match.index, match.column) == (1, "funding_id")
