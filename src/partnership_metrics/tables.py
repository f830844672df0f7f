"""Typed tables: records -> Arrow tables with the declared schema -> DataFrames (one conversion, both ways)."""

from __future__ import annotations

import json

from .schemas import RAW_TABLES, TABLES, arrow_schema, pandera_schema


COLUMNS_READ_KEY = b"partnership_metrics.columns_read"


def arrow_table(table: str, rows: list[dict], columns_read: list[str] | None = None):
    """An Arrow table with the schema of ``table`` from row dicts (codes dictionary-encoded on the full code list).

    ``columns_read``: the columns that some raw sheet actually had, kept in the schema's metadata so that a
    KPI needing a column that no sheet provided is null with that reason, not 0.
    """
    import pyarrow as pa

    schema = arrow_schema(table)
    arrays = []
    for column, field in zip(TABLES[table].columns, schema):
        values = [r.get(column.name) for r in rows]
        if pa.types.is_dictionary(field.type):
            index = {code: i for i, code in enumerate(column.codes)}
            indices = pa.array([None if v is None else index[v] for v in values], type=pa.int8())
            arrays.append(pa.DictionaryArray.from_arrays(indices, pa.array(list(column.codes), pa.string())))
        else:
            arrays.append(pa.array(values, type=field.type))
    if columns_read is not None:
        ordered = [c for c in TABLES[table].column_names if c in set(columns_read)]
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
        elif column.codes and column.kind in ("code", "institution"):
            df[column.name] = pd.Categorical(df[column.name], categories=list(column.codes))
    return df


def scale_targets(rows: list[dict], units: dict[str, str]) -> list[dict]:
    """Share targets written as percentages (``35`` for 35 %) become fractions (0.35)."""
    for r in rows:
        if units.get(r["kpi_id"]) == "share" and r["target"] is not None and r["target"] > 1:
            r["target"] = r["target"] / 100
    return rows


def build_tables(records, recognised: dict[str, set[str]], kpi_units: dict[str, str]) -> tuple[dict, dict]:
    """Accepted records -> ({table: Arrow table}, {table: DataFrame}) for every recognised table, each validated
    against its pandera schema. ``recognised``: table -> the columns its raw sheets had."""
    by_table: dict[str, list[dict]] = {t: [] for t in RAW_TABLES if t in recognised}
    for r in records:
        by_table[r.table].append(r.values)
    if "kpi_targets" in by_table:
        scale_targets(by_table["kpi_targets"], kpi_units)
    arrows, frames = {}, {}
    for table, rows in by_table.items():
        arrows[table] = arrow_table(table, rows, sorted(recognised[table]))
        frames[table] = to_frame(table, arrows[table])
        pandera_schema(table).validate(frames[table])
    return arrows, frames
