"""Amounts whose unit is only in the cell's number format, as French finance sheets keep them: ``45`` shown as
"45 k€" by the format ``#,##0" k€"``, or euros shown in thousands by the scaling format ``#,##0," k€"`` (150000 shown
as "150 k€"). In a column of amounts such a cell is read as it is shown ("45 k€", "150 k€"): the unit it displays, not
a header, says what it is worth. The reader only notes the cells of a style whose format names thousands or millions
of euros (a workbook without such a format costs one look at its styles); normalising reads them so.
"""

from __future__ import annotations

import html
import re
import zipfile

_UNITS = {"k": "k€", "m": "M€"}
# the visible text of a format section: quoted literals and escaped characters as shown
_LITERAL = re.compile(r'"([^"]*)"|\\(.)')
_UNIT = re.compile(r"^(?P<number>[#0.,\s]*[#0][#0.,]*?)(?P<scaling>,*)\s*(?P<unit>[kKmM])\s*(?:€|eur|EUR|euros?)\s*$")
_NUM_FMT = re.compile(rb'<numFmt\b[^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"')
_CELL_XFS = re.compile(rb"<cellXfs\b[^>]*>(.*?)</cellXfs>", re.S)
_XF = re.compile(rb"<xf\b([^>]*)/?>")
_NUM_FMT_ID = re.compile(rb'numFmtId="(\d+)"')


def unit_of_format(code: str) -> tuple[int, str] | None:
    """``(scaling commas, unit)`` of a number format showing thousands or millions of euros (``#,##0," k€"`` ->
    ``(1, "k€")``); None for any other format."""
    section = html.unescape(code).split(";")[0]
    shown = _LITERAL.sub(lambda m: m[1] if m[1] is not None else m[2], section)
    match = _UNIT.match(shown.strip())
    if match is None:
        return None
    return len(match["scaling"]), _UNITS[match["unit"].lower()]


def money_styles(zf: zipfile.ZipFile) -> dict[int, tuple[int, str]]:
    """Cell style index -> ``(scaling commas, unit)`` for the styles whose format shows k€ or M€."""
    try:
        styles = zf.read("xl/styles.xml")
    except KeyError:
        return {}
    formats = {int(i): unit for i, code in _NUM_FMT.findall(styles)
               if (unit := unit_of_format(code.decode("utf-8", "replace"))) is not None}
    if not formats:
        return {}
    found = _CELL_XFS.search(styles)
    if found is None:
        return {}
    out = {}
    for index, attributes in enumerate(_XF.findall(found[1])):
        number = _NUM_FMT_ID.search(attributes)
        if number is not None and int(number[1]) in formats:
            out[index] = formats[int(number[1])]
    return out


def money_cells(xml: bytes, styles: dict[int, tuple[int, str]]) -> dict[tuple[int, int], tuple[int, str]]:
    """(row, column) (1-based) -> ``(scaling commas, unit)`` of the cells of a sheet's XML in those styles (only
    those cells are matched: a large sheet without them costs one scan by the regular expression engine)."""
    indexes = b"|".join(str(i).encode() for i in sorted(styles))
    cell = re.compile(rb'<c\b(?=[^>]*?\bs="(' + indexes + rb')")[^>]*?\br="([A-Z]+)(\d+)"')
    return {(int(m[3]), _column_number(m[2].decode())): styles[int(m[1])] for m in cell.finditer(xml)}


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def amounts_as_shown(rows: list[list], first_row: int, cells: dict[tuple[int, int], tuple[int, str]],
                     columns: set[int]) -> list[list]:
    """``rows`` (``rows[0]`` is row ``first_row``) with each number of ``cells`` in ``columns`` (0-based) written as
    its format shows it ("45 k€"); the rows changed are copies."""
    rows = list(rows)
    for (row, column), (scaling, unit) in cells.items():
        i, j = row - first_row, column - 1
        if j in columns and 0 <= i < len(rows) and j < len(rows[i]):
            value = rows[i][j]
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                rows[i] = list(rows[i])
                rows[i][j] = f"{format(value / 1000 ** scaling, '.15g')} {unit}"
    return rows
