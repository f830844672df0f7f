"""The blank input workbook speaks the partners' language, and everything it offers is read back by ingestion."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from partnership_metrics.ingest.codebook import make_codebook
from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.template import code_labels, headers, write_template
from partnership_metrics.ingest.vocabulary import load_vocabulary
from partnership_metrics.partnership import default_partnership
from partnership_metrics.schemas import RAW_TABLES, TABLES

VALUES = {  # one plausible value per column kind, for the row written under each header
    "id": "X-1", "text": "Essai", "institution": "AMU", "research_unit": "U1068", "date": dt.datetime(2022, 3, 15),
    "money": 1000, "int": 12, "float": 4.5, "bool": "Oui", "person": "Jeanne Essai", "siren": "732829320",
    "period": "2022", "kpi_id": "val_projects_detected",
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_drop_down_label_reads_back_as_its_code(lang):
    codebook = make_codebook(load_vocabulary(None))
    for table in RAW_TABLES:
        for column in TABLES[table].raw_columns:
            if column.kind == "code":
                for code, label in code_labels(table, column.name, lang, default_partnership()).items():
                    assert codebook.find(table, column.name, label) == code, (table, column.name, label)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_filled_template_is_read_without_configuration(tmp_path, lang):
    raw = tmp_path / "raw"
    raw.mkdir()
    path = write_template(raw / "saisie.xlsx", lang)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == ("Mode d'emploi" if lang == "fr" else "Notes")
    expected = {}
    for table, sheet in zip(RAW_TABLES, book.worksheets[1:], strict=False):
        assert [c.value for c in sheet[1]] == headers(table, lang)
        row, codes = [], {}
        for column in TABLES[table].raw_columns:
            if column.kind == "code":
                code, label = next(iter(code_labels(table, column.name, lang, default_partnership()).items()))
                row.append(label)
                codes[column.name] = code
            else:
                row.append(VALUES[column.kind])
        sheet.append(row)
        expected[table] = codes
    book.save(path)
    result = ingest(raw)
    assert not result.problems and not [s for s in result.sheets if s.skipped]
    for table, codes in expected.items():
        frame = result.tables[table]
        assert len(frame) == 1, table
        for column, code in codes.items():
            assert str(frame[column].iloc[0]) == code, (table, column)
    french = headers("projects", "fr")
    assert "Date de détection *" in french and "Porteur du projet" in french
