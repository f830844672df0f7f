"""Headers written as a list's internal column names, as SharePoint and Excel Online export them:
"Date_x0020_de_x0020_d_x00e9_cision" is "Date de décision", "R_x00e9_f_x00e9_rence" is "Référence" (XML's escape of
a character as ``_xHHHH_``), a name that starts with one prefixed "OData_" ("OData__x00c9_tablissement" is
"Établissement"). The rows where a header is looked for are read with their characters restored; nobody types
``_x00e9_`` in a cell, so no value is changed by it."""

from __future__ import annotations

import re
from dataclasses import replace

from .header_rows import HEADER_SCAN_ROWS
from .reading import RawSheet

_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_ODATA = re.compile(r"^OData_(?=_x[0-9A-Fa-f]{4}_)")  # SharePoint's prefix of an internal name opening with an escape


def with_unescaped_headers(sheet: RawSheet) -> RawSheet:
    """``sheet`` with the ``_xHHHH_`` escapes of its first rows read as their characters, or ``sheet`` itself."""
    top = sheet.rows[:HEADER_SCAN_ROWS]
    if not any(isinstance(c, str) and "_x" in c for row in top for c in row):
        return sheet
    rows = [[_ESCAPED.sub(lambda m: chr(int(m[1], 16)), _ODATA.sub("", c)) if isinstance(c, str) and "_x" in c else c
             for c in row] for row in top]
    return replace(sheet, rows=rows + list(sheet.rows[HEADER_SCAN_ROWS:]))
