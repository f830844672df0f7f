"""Column-wise ingestion gives what reading row by row gives: the same rows dropped, the same typed values, the same
Arrow arrays, and a guard that refuses a table breaking its declaration."""

from __future__ import annotations

import datetime as dt
import math
from itertools import zip_longest
from types import SimpleNamespace

import pyarrow as pa
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from partnership_metrics.errors import ReconciliationError
from partnership_metrics.ingest.blocks import ABSENT, Block
from partnership_metrics.ingest.normalising import _parse_column, _Parsers
from partnership_metrics.ingest.parsers import ValueParsers
from partnership_metrics.ingest.pseudonymise import Pseudonymiser
from partnership_metrics.ingest.recognition import ColumnMatch, Recognition
from partnership_metrics.ingest.row_screen import row_kind, screen_rows
from partnership_metrics.ingest.vocabulary import load_words
from partnership_metrics.schemas import TABLES
from partnership_metrics.tables import to_arrow, validate

WORDS = load_words()
HEADER = ["ID projet", "Titre", "Date de détection"]
REC = Recognition("projects", 0, [ColumnMatch(0, "ID projet", "project_id"), ColumnMatch(1, "Titre", "title"),
                                  ColumnMatch(2, "Date de détection", "detection_date")])
# Cells that make a row something else than data, next to ordinary ones.
CELLS = [None, "", "  ", "\t", "P-1", "P-2", "Total", "TOTAL général", "Sous-total 2021", "total", "  Total ",
         "ID projet", " ID  projet ", "Titre", "Note : hors convention", "(suite)", "Projets :", "un titre de projet",
         "x" * 45, 1, 1.0, True, 0, dt.date(2021, 3, 1), dt.datetime(2021, 3, 1, 10, 0), 12.5,
         "Count", "Nb projets 2022 :", "NB-2021-01", "Nombre de « Oui »", 7]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(CELLS), max_size=5), max_size=12))
@example([[], [], [], [None, None, None, "P-1", "P-1"]])  # text beside the table, below its first rows
def test_the_rows_dropped_are_those_row_kind_drops(rows):
    header_texts = tuple(" ".join(str(c).split()) for c in HEADER)
    grid = list(zip_longest(*rows)) if rows else []
    dropped, distinct = screen_rows(rows, grid, REC, header_texts, {0}, WORDS)
    expected = [(i, row_kind(row, REC, header_texts, {0}, WORDS)) for i, row in enumerate(rows)]
    assert dropped == [(i, why) for i, why in expected if why]
    assert [list(d) for d in distinct] == [list(dict.fromkeys(column)) for column in grid]


def test_cells_equal_across_types_are_parsed_by_their_type():
    """1, 1.0 and True are equal in Python, but an id reads 1 as "1" and refuses True."""
    column = TABLES["projects"].column("project_id")
    pseudonymiser = Pseudonymiser(b"a test key", WORDS.person_titles)
    parsers = _Parsers("projects", SimpleNamespace(parsers=ValueParsers(WORDS), pseudonymiser=pseudonymiser))
    raw = [1, True, 1.0, "P-7", 1, True]
    keys, parsed = _parse_column(parsers, column, ColumnMatch(0, "ID", "project_id"), raw)
    values = [parsed[k] for k in keys]
    assert values[0] == values[2] == values[4] == "1" and values[3] == "P-7"
    assert all(type(values[i]).__name__ == "ParseError" for i in (1, 5))


@pytest.mark.parametrize("typ, values", [
    (pa.string(), ["a", None, "é€", "", None]),
    (pa.string(), []),
    (pa.string(), ["P-001", "", "CPP_suivi.xlsx", "p-0123456789abcdef", ""]),  # all ASCII, none missing: one buffer
    (pa.string(), ["Événements", "P-002"]),  # not ASCII: the builder
    (pa.int8(), [0, 3, None, 127, -1]),
    (pa.int64(), [1, 2**40, None, -7]),
    (pa.int64(), [5, 6]),
    (pa.float64(), [1.5, None, 2, math.nan, -0.0, 1e300]),
    (pa.float64(), [None, None]),
    (pa.date32(), [dt.date(2021, 3, 1), None, dt.date(1950, 1, 1), dt.date(2100, 12, 31), dt.date(1969, 12, 31)]),
    (pa.bool_(), [True, False, None, True, True, False, False, True, None]),
])
def test_arrays_are_those_pyarrow_makes(typ, values):
    made, expected = to_arrow(values, typ), pa.array(values, type=typ)
    assert made.type == expected.type and made.null_count == expected.null_count
    assert made.to_pylist() == expected.to_pylist() or (typ == pa.float64() and str(made) == str(expected))
    assert made.equals(expected) or typ == pa.float64()  # NaN never equals NaN


def _table(table: str, n: int, **given) -> dict[str, list]:
    """Columns of ``n`` rows of ``table``: every required value filled (first code, a date, a text), then ``given``."""
    filled = {"date": dt.date(2021, 3, 1), "person": "p-0123456789abcdef", "int": 1, "money": 1.0, "float": 1.0}
    columns = {}
    for c in TABLES[table].columns:
        value = (c.codes[0] if c.codes else filled.get(c.kind, "x")) if c.required else None
        columns[c.name] = [value if c.kind != "id" else f"{c.name}-{i}" for i in range(n)] if c.required else [None] * n
    columns.update(given)
    return columns


def test_the_guard_refuses_a_table_breaking_its_declaration():
    validate("projects", _table("projects", 2))
    with pytest.raises(ReconciliationError, match="not unique"):
        validate("projects", _table("projects", 2, project_id=["P-1", "P-1"]))
    with pytest.raises(ReconciliationError, match="required"):
        validate("projects", _table("projects", 2, title=["A title", None]))
    with pytest.raises(ReconciliationError, match="siren"):
        validate("startups", _table("startups", 1, siren=["12345678"]))
    with pytest.raises(ReconciliationError, match="above"):
        validate("events", _table("events", 2, satisfaction=[4.5, 5.5]))
    with pytest.raises(ReconciliationError, match="below"):
        validate("funding", _table("funding", 1, amount_eur=[-1.0]))


def test_a_row_counts_once_whatever_its_records_became():
    """A wide row gives several records: quarantined if one is, else accepted if one is, else dropped."""
    block = Block("funding", "f.xlsx", "S", [5, 5, 6, 6, 7], {"amount_eur": [1.0, 2.0, 3.0, 4.0, 5.0]})
    assert block.counts() == (3, 0, 0)
    block.set_status(0, "quarantined")
    block.set_status(2, "dropped")
    block.set_status(4, "dropped")
    assert block.counts() == (1, 1, 1)


def test_a_record_lacking_a_column_is_not_one_holding_none():
    block = Block("projects", "f.xlsx", None, [2, 3], {"detection_date_precision": ["day", ABSENT]},
                  absent={"detection_date_precision"})
    assert block.values(0) == {"detection_date_precision": "day"} and block.values(1) == {}
    assert block.column("detection_date_precision") == ["day", None]


def test_rows_after_a_sparse_row_are_those_counted_cell_by_cell():
    """The stacked-table search looks only below rows with at most one filled cell: found as a cell-by-cell count
    finds them, blank strings, zeros, False and unhashable cells included."""
    import random

    from partnership_metrics.ingest.stacked import after_sparse_rows

    def counted(rows, start):
        return [i for i in range(start, len(rows))
                if sum(1 for c in rows[i - 1] if c is not None and str(c).strip()) <= 1]

    pick = random.Random(13)
    for _ in range(3000):
        rows = [[pick.choice(CELLS) for _ in range(pick.randint(0, 5))] for _ in range(pick.randint(0, 8))]
        if rows and pick.random() < 0.05:
            rows[pick.randrange(len(rows))].append(["unhashable"])
        for start in (1, 2, 3):
            assert after_sparse_rows(rows, start) == counted(rows, start)
