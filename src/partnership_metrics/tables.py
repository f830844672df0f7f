"""Typed tables: records or columns -> Arrow tables with the declared schema -> DataFrames (one conversion, both
ways)."""

from __future__ import annotations

import json

from .schemas import TABLES, arrow_schema

COLUMNS_READ_KEY = b"partnership_metrics.columns_read"


class TableSet(dict):
    """Tidy tables by name, the partnership they belong to (the copy ingestion saved beside them) and the sheets
    ingestion could not read, by table (``not_read``: table -> the ``file [sheet]`` of each skipped sheet that looked
    like that table), so that what depends on them says so; ``custom_kpis_file``: the user's own KPIs that ingestion
    copied beside them (``custom_kpis.yaml``), computed after the catalogue's."""

    def __init__(self, tables=(), not_read: dict[str, list[str]] | None = None, partnership=None,
                 custom_kpis_file=None):
        super().__init__(tables)
        self.not_read = dict(not_read or {})
        self.partnership = partnership
        self.custom_kpis_file = custom_kpis_file


def arrow_table(table: str, rows: list[dict], columns_read: list[str] | None = None):
    """An Arrow table with the schema of ``table`` from row dicts (codes dictionary-encoded on the full code list).

    ``columns_read``: the columns that some raw sheet actually had, kept in the schema's metadata so that a
    KPI needing a column that no sheet provided is null with that reason, not 0.
    """
    columns = {c.name: [r.get(c.name) for r in rows] for c in TABLES[table].columns}
    return arrow_from_columns(table, columns, columns_read)


def arrow_from_columns(table: str, columns: dict[str, list], columns_read: list[str] | None = None):
    """:func:`arrow_table` from one list of values per column (a column not given is empty)."""
    import pyarrow as pa

    schema = arrow_schema(table)
    n = max((len(v) for v in columns.values()), default=0)
    arrays = []
    for column, field in zip(TABLES[table].columns, schema, strict=False):
        values = columns.get(column.name)
        if values is None:
            values = [None] * n
        if pa.types.is_dictionary(field.type):
            index = {code: i for i, code in enumerate(column.codes)}
            index[None] = None
            indices = to_arrow(list(map(index.__getitem__, values)), pa.int8())
            arrays.append(pa.DictionaryArray.from_arrays(indices, to_arrow(list(column.codes), pa.string())))
        else:
            arrays.append(to_arrow(values, field.type))
    if columns_read is not None:
        read = set(columns_read) | {c.name for c in TABLES[table].columns if c.derived}
        ordered = [c for c in TABLES[table].column_names if c in read]
        schema = schema.with_metadata({COLUMNS_READ_KEY: json.dumps(ordered).encode("utf-8")})
    return pa.Table.from_arrays(arrays, schema=schema)


_BUFFERS = {"int8": "b", "int64": "q", "double": "d", "date32[day]": "i"}  # Arrow type -> array module typecode
_EPOCH = 719163  # date(1970, 1, 1).toordinal(): date32 counts days from it


def to_arrow(values: list, typ):
    """The Arrow array of ``values`` (None: null) of type ``typ`` (string, int8, int64, double, date32, bool), as
    ``pyarrow.array(values, type=typ)`` makes it but without that function: it imports pandas (≈ 0.3 s) on its
    first call, and writing the tables needs none."""
    import pyarrow as pa

    name = str(typ)
    if name == "string":
        fast = _ascii_strings(values)
        return fast if fast is not None else _built_strings(values)
    if name not in _BUFFERS and name != "bool":
        return pa.array(values, type=typ)
    import numpy as np

    nulls = values.count(None)
    validity = None
    if nulls:
        present = np.array(values, dtype=object) != None  # noqa: E711 (element-wise)
        validity = pa.py_buffer(np.packbits(present, bitorder="little"))
    if name == "bool":
        bits = np.fromiter((v is not None and bool(v) for v in values), dtype=bool, count=len(values))
        data = pa.py_buffer(np.packbits(bits, bitorder="little"))
    else:
        from array import array

        if name == "date32[day]":  # dates repeat: each distinct one converted once
            days = {d: d.toordinal() - _EPOCH for d in set(values) if d is not None}
            days[None] = 0
            numbers = map(days.__getitem__, values)
        elif nulls:
            numbers = (0 if v is None else v for v in values)
        else:
            numbers = values
        data = pa.py_buffer(array(_BUFFERS[name], numbers))
    return pa.Array.from_buffers(typ, len(values), [validity, data], null_count=nulls)


def _built_strings(values: list):
    """The string array of ``values`` through Arrow's builder (any text, None for missing)."""
    import pyarrow as pa

    builder = pa.lib.StringBuilder()
    builder.append_values(values)
    return builder.finish()


def _ascii_strings(values: list):
    """The string array of ``values`` from one joined buffer when all are ASCII text, none missing (a column of ids,
    file names, pseudonyms: each character one byte, so the offsets are the running lengths); None otherwise (the
    builder makes it)."""
    if not values or None in values:
        return None
    try:
        text = "".join(values)
    except TypeError:  # not all text: the builder decides
        return None
    if not text.isascii():
        return None
    from array import array
    from itertools import accumulate

    import pyarrow as pa

    offsets = array("i", [0])
    try:
        offsets.extend(accumulate(map(len, values)))
    except OverflowError:  # over 2 GiB of text: more than 32-bit offsets hold
        return None
    return pa.Array.from_buffers(pa.string(), len(values), [None, pa.py_buffer(offsets),
                                                          pa.py_buffer(text.encode("ascii"))], null_count=0)


_PATTERNS = {"siren": r"^\d{9}$", "period": r"^\d{4}(-\d{4})?$"}  # what a value of these kinds looks like


def validate(table: str, columns: dict[str, list]) -> None:
    """Check the values of a table, one list per column, against its declaration (what
    :func:`partnership_metrics.schemas.pandera_schema` checks, without pandas): required values present, numbers
    within their range, SIRENs and periods well formed, keys unique. Types and codes are the Arrow schema's own.
    Raises :class:`~partnership_metrics.errors.ReconciliationError` naming the first failure: ingestion never
    builds such a table, so this is a guard against a bug, not a check of the raw files."""
    import re

    from .errors import ReconciliationError

    spec = TABLES[table]
    n = max((len(v) for v in columns.values()), default=0)
    for c in spec.columns:
        values = columns.get(c.name) or [None] * n
        if c.required and (None in values or (c.kind in ("money", "float") and any(v != v for v in values))):
            raise ReconciliationError(f"{table}.{c.name}: a required value is missing")
        if c.minimum is not None or c.maximum is not None:
            numbers = [v for v in values if v is not None]
            if c.minimum is not None and any(v < c.minimum for v in numbers):
                raise ReconciliationError(f"{table}.{c.name}: a value is below {c.minimum:g}")
            if c.maximum is not None and any(v > c.maximum for v in numbers):
                raise ReconciliationError(f"{table}.{c.name}: a value is above {c.maximum:g}")
        if c.kind in _PATTERNS:
            pattern = re.compile(_PATTERNS[c.kind])
            if any(not pattern.match(v) for v in set(values) if v is not None):
                raise ReconciliationError(f"{table}.{c.name}: a value is not a well-formed {c.kind}")
    if spec.key and n:
        keys = list(zip(*(columns.get(k) or [None] * n for k in spec.key), strict=False))
        if len(set(keys)) != len(keys):
            raise ReconciliationError(f"{table}: the key {', '.join(spec.key)} is not unique")


def to_frame(table: str, arrow):
    """The DataFrame of an Arrow table, with the in-memory conventions (dates datetime64, codes category...)."""
    import pandas as pd
    import pyarrow as pa

    mapper = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}.get
    df = arrow.to_pandas(date_as_object=False, types_mapper=mapper)
    metadata = arrow.schema.metadata or {}
    if COLUMNS_READ_KEY in metadata:
        df.attrs["columns_read"] = json.loads(metadata[COLUMNS_READ_KEY])
    for column in TABLES[table].columns:
        if column.kind == "date":
            df[column.name] = df[column.name].astype("datetime64[ms]")
        elif column.codes and column.kind in ("code", "institution", "precision"):
            df[column.name] = pd.Categorical(df[column.name], categories=list(column.codes))
    return df
