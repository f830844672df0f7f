"""The mapping file: what to do with sheets that recognition cannot read on its own.

``mapping.yaml`` in the raw folder (or ``ingest --mapping FILE``)::

    sheets:
      - file: "suivi_cpp_*.xlsx"      # glob on the path relative to the raw folder
        sheet: "Feuil1"               # optional glob on the sheet name (CSV files have none)
        table: projects               # one of the tables of the data dictionary
        header_row: 4                 # optional: spreadsheet row of the headers (default: found automatically)
        columns:                      # optional: header as written -> table column ("ignore" keeps it out)
          "Réf. interne": project_id
          "Porteur (nom)": pi
        units:                        # optional: header -> multiplier of its amounts
          "Budget": 1000
      - file: "exports/*.csv"
        skip: true                    # not a table: its rows are listed as dropped
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..display import sheet_label
from ..errors import FatalInputError
from ..resources import load_yaml
from ..schemas import RAW_TABLES, TABLES
from .header_rows import two_row_header
from .header_units import column_multiplier
from .reading import RawSheet
from .recognition import ColumnMatch, Recogniser, Recognition, header_cells


@dataclass
class SheetRule:
    file: str
    sheet: str | None = None
    table: str | None = None
    header_row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)
    units: dict[str, float] = field(default_factory=dict)
    skip: bool = False
    unpivot: dict | None = None  # {"columns": {header: year or funder code}, "key": "year" | "funder"}

    def matches(self, file: str, sheet: str | None) -> bool:
        if not fnmatch.fnmatch(file, self.file):
            return False
        return self.sheet is None or (sheet is not None and fnmatch.fnmatch(sheet, self.sheet))

    def recognition(self, sheet: RawSheet, recogniser: Recogniser) -> Recognition | None:
        """Header row and columns as the rule says, completed by automatic recognition (``recogniser``)."""
        table = self.table
        where = sheet_label(sheet.file, sheet.sheet)
        if self.header_row is not None:
            index = self.header_row - sheet.first_row
            if not 0 <= index < len(sheet.rows):
                raise FatalInputError(where, f"the mapping file's header_row {self.header_row} is not a row of "
                                      "this sheet", "fix header_row in the mapping file")
        else:
            index = self._find_header(sheet, recogniser)
            if index is None:
                raise FatalInputError(where, f"the mapping file names it {table!r} but no header row was found",
                                      "add header_row (and the columns) to its rule in the mapping file")
        row = sheet.rows[index]
        if index > 0:
            row = two_row_header(sheet.rows[index - 1], row) or row
        headers = header_cells(row)
        named = {" ".join(k.split()): v for k, v in self.columns.items()}
        matches, unknown, taken = [], [], set()
        for i, text in headers:
            column = named.get(text)
            if column == "ignore":
                unknown.append(text)
                continue
            if column is None:
                for candidate, _score in recogniser.cell_candidates(table, text):
                    personal = TABLES[table].column(candidate).personal
                    if candidate not in named.values() and (candidate not in taken or personal):
                        column = candidate
                        break
            if column is None:
                unknown.append(text)
                continue
            taken.add(column)
            unit = self.units.get(text)
            if unit is None:
                unit = column_multiplier(TABLES[table].column(column), text)
            matches.append(ColumnMatch(i, text, column, unit))
        missing = [c for c in TABLES[table].required if c not in taken]
        return Recognition(table, index, matches, unknown, missing, score=1.0, via_mapping=True)

    def _find_header(self, sheet: RawSheet, recogniser: Recogniser) -> int | None:
        wanted = {" ".join(k.split()) for k in self.columns}
        if wanted:
            for index, row in enumerate(sheet.rows[:60]):
                if wanted & {text for _, text in header_cells(row)}:
                    return index
        found = recogniser.recognise(sheet, tables=(self.table,))
        return found.header_index if found else None


@dataclass
class MappingFile:
    rules: list[SheetRule] = field(default_factory=list)
    path: Path | None = None

    def with_names_masked(self, mask) -> MappingFile:
        """The rules with their file and sheet patterns masked as the run masks file and sheet names (a name or an
        e-mail in them pseudonymised), so that they still match."""
        rules = [replace(r, file=mask(r.file), sheet=mask(r.sheet) if r.sheet else r.sheet) for r in self.rules]
        return MappingFile(rules, self.path)

    def rule_for(self, file: str, sheet: str | None) -> SheetRule | None:
        for rule in self.rules:
            if rule.matches(file, sheet):
                return rule
        return None


_KEYS = {"file", "sheet", "table", "header_row", "columns", "units", "skip", "unpivot"}


def _rule(item, n: int, path: str) -> SheetRule:
    """One rule of the mapping file, checked: every mistake is a FatalInputError naming the rule."""
    def fail(problem: str, action: str = "see README, 'Odd sheets'"):
        raise FatalInputError(path, f"rule {n}: {problem}", action)

    if not isinstance(item, dict) or "file" not in item:
        fail("has no 'file'", "give each rule a file glob")
    if unknown := sorted(set(item) - _KEYS):
        fail(f"unknown key(s) {', '.join(map(repr, unknown))}", f"use only {', '.join(sorted(_KEYS))}")
    skip, table = bool(item.get("skip")), item.get("table")
    if skip and set(item) - {"file", "sheet", "skip"}:
        fail("'skip: true' takes only 'file' and 'sheet'")
    if not skip and table not in RAW_TABLES:
        fail(f"unknown table {table!r}", f"use one of {', '.join(RAW_TABLES)} or 'skip: true'")
    header_row = item.get("header_row")
    if header_row is not None and (isinstance(header_row, bool) or not isinstance(header_row, int) or header_row < 1):
        fail(f"header_row must be a row number (1, 2, ...), not {header_row!r}")
    columns_raw, units_raw = item.get("columns") or {}, item.get("units") or {}
    if not isinstance(columns_raw, dict) or not isinstance(units_raw, dict):
        fail("'columns' and 'units' must be 'header: value' lines")
    columns = {str(k): str(v) for k, v in columns_raw.items()}
    for header, column in columns.items():
        if column != "ignore" and column not in TABLES[table].raw_column_names:
            fail(f"{table} has no column {column!r} (for {header!r})",
                 f"use one of {', '.join(TABLES[table].raw_column_names)} or 'ignore'")
    units = {}
    for header, factor in units_raw.items():
        if isinstance(factor, bool) or not isinstance(factor, (int, float)) or factor <= 0:
            fail(f"the unit of {header!r} must be a multiplier such as 1000, not {factor!r}")
        units[str(header)] = float(factor)
    unpivot = _unpivot(item.get("unpivot"), table, fail) if "unpivot" in item else None
    return SheetRule(file=str(item["file"]), sheet=item.get("sheet"), table=table, header_row=header_row,
                     columns=columns, units=units, skip=skip, unpivot=unpivot)


_UNPIVOT_TABLES = {"funding": ("year", "funder"), "startup_rounds": ("year",)}


def _unpivot(spec, table: str, fail) -> dict:
    """``unpivot: {key: year, columns: ["2021", "2022", "Montant 2023 (€)"]}`` (each column's year read from its
    header) or ``{key: funder, columns: {"Région": region_sud, "BPI": bpifrance}}``."""
    if not isinstance(spec, dict) or set(spec) - {"key", "columns"} or "columns" not in spec:
        fail("'unpivot' takes 'key' (year or funder) and 'columns' (the headers to turn into rows)")
    key = spec.get("key", "year")
    if key not in _UNPIVOT_TABLES.get(table, ()):
        fail(f"a {table} sheet cannot be unpivoted by {key!r}",
             "unpivot funding by year or funder, startup_rounds by year")
    columns = spec["columns"]
    if isinstance(columns, list) and columns and all(isinstance(c, (str, int)) for c in columns):
        columns = {str(c): None for c in columns}
    if not isinstance(columns, dict) or not columns:
        fail("'unpivot: columns' must list headers, or map each header to its year or funder code")
    return {"key": key, "columns": {" ".join(str(h).split()): v for h, v in columns.items()}}


def load_mapping(path: Path | None, raw_dir: Path) -> MappingFile:
    """The mapping file given, or ``mapping.yaml`` in the raw folder, or an empty one."""
    if path is None:
        default = Path(raw_dir) / "mapping.yaml"
        if not default.is_file():
            return MappingFile()
        path = default
    path = Path(path)
    if not path.is_file():
        raise FatalInputError(str(path), "mapping file not found", "check the --mapping path")
    data = load_yaml(path, what="fix it (see README, 'Odd sheets')") or {}
    if not isinstance(data, dict) or set(data) - {"sheets"} or not isinstance(data.get("sheets"), list):
        raise FatalInputError(str(path), "must hold one 'sheets:' list of rules", "see README, 'Odd sheets'")
    rules = [_rule(item, n, str(path)) for n, item in enumerate(data["sheets"], start=1)]
    return MappingFile(rules, path)
