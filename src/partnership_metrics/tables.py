"""Typed tables: records -> Arrow tables with the declared schema -> DataFrames (one conversion, both ways)."""

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
    import pyarrow as pa

    schema = arrow_schema(table)
    arrays = []
    for column, field in zip(TABLES[table].columns, schema, strict=False):
        values = [r.get(column.name) for r in rows]
        if pa.types.is_dictionary(field.type):
            index = {code: i for i, code in enumerate(column.codes)}
            indices = pa.array([None if v is None else index[v] for v in values], type=pa.int8())
            arrays.append(pa.DictionaryArray.from_arrays(indices, pa.array(list(column.codes), pa.string())))
        else:
            arrays.append(pa.array(values, type=field.type))
    if columns_read is not None:
        read = set(columns_read) | {c.name for c in TABLES[table].columns if c.derived}
        ordered = [c for c in TABLES[table].column_names if c in read]
        schema = schema.with_metadata({COLUMNS_READ_KEY: json.dumps(ordered).encode("utf-8")})
    return pa.Table.from_arrays(arrays, schema=schema)


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
