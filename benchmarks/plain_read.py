"""The pandas user's plain read of a raw folder: the baseline that `ingest` is measured against.

    python benchmarks/plain_read.py calamine RAW_FOLDER     # pandas' fastest reader (python-calamine, Rust)
    python benchmarks/plain_read.py openpyxl RAW_FOLDER     # pandas' default engines (openpyxl, odf)

Reads every sheet of every workbook and every CSV into DataFrames, as a pandas user would before any cleaning,
and prints the number of rows read. Run as its own process, so that its time includes importing pandas, as
`ingest`'s includes importing the package.
"""

import sys
from pathlib import Path

import pandas as pd

WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".ods")


def read_workbook(path: Path, engine: str) -> int:
    """Rows of every sheet of one workbook."""
    if engine == "openpyxl" and path.suffix == ".ods":
        engine = "odf"  # openpyxl cannot read OpenDocument: pandas' own engine for it
    if engine == "openpyxl" and path.suffix == ".xls":
        engine = "xlrd"
    return sum(len(df) for df in pd.read_excel(path, sheet_name=None, engine=engine).values())


def read_csv(path: Path) -> int:
    """Rows of one CSV: the partners' exports are cp1252 with ';' (pandas' defaults cannot decode them)."""
    return len(pd.read_csv(path, sep=";", encoding="cp1252"))


def main() -> None:
    engine, folder = sys.argv[1], Path(sys.argv[2])
    if engine not in ("calamine", "openpyxl"):
        raise SystemExit(f"engine must be calamine or openpyxl, not {engine!r}")
    rows = 0
    for path in sorted(folder.iterdir()):
        suffix = path.suffix.lower()
        if suffix in WORKBOOKS:
            rows += read_workbook(path, engine)
        elif suffix == ".csv":
            rows += read_csv(path)
    print(rows)


if __name__ == "__main__":
    main()
