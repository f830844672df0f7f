"""Safe exports for spreadsheet users: neutralise text that Excel or LibreOffice would run as a formula.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula by spreadsheet
software (CSV/formula injection, OWASP); a leading ``'`` makes it plain text. Numbers are left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported where frames are neutralised: writing the CSV outputs of `ingest` needs none
    import pandas as pd

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """``value`` with a leading ``'`` if it is text that a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells and column names are neutralised (numbers, dates, missing unchanged)."""
    import pandas as pd

    out = df.copy()
    for name in out.columns:
        column = out[name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            categories = list(column.cat.categories)
            if any(neutralise_formula(c) != c for c in categories):
                out[name] = column.astype("object").map(neutralise_formula)
        elif pd.api.types.is_string_dtype(column.dtype) or column.dtype == object:
            out[name] = column.map(neutralise_formula)
    out.columns = [neutralise_formula(name) for name in out.columns]
    return out
