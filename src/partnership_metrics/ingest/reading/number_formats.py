"""Amounts whose unit is only in the cell's number format, as French finance sheets keep them: ``45`` shown as
"45 k€" by the format ``#,##0" k€"``, or euros shown in thousands by the scaling format ``#,##0," k€"`` (150000 shown
as "150 k€"). In a column of amounts such a cell is read as it is shown ("45 k€", "150 k€"): the unit it displays, not
a header, says what it is worth. The reader only notes the cells of a style whose format names thousands or millions
of euros (a workbook without such a format costs one look at its styles); normalising reads them so. A scaling format
without a unit (``#,##0,`` shows 150000 as "150") is read as shown only under a header whose unit it shows
("Montant (k€)"): 150 k€, not 150 000 k€.
"""

from __future__ import annotations

import html
import re
import zipfile
from decimal import Decimal

from .archives import cell_style_attributes, styled_cells, styles_xml

_UNITS = {"k": "k€", "m": "M€"}
# the parts of a number format: a quoted literal, an escaped character, a [bracket] (a colour, a locale, a condition,
# a currency written with its locale: "[$k€-40C]"), padding ("_-": a space as wide as "-") and fill ("* ")
_PART = re.compile(r'"(?P<quoted>[^"]*)"|\\(?P<escaped>.)|\[(?P<bracket>[^\]]*)\]|[_*].|(?P<plain>.)', re.S)
_UNIT = re.compile(r"^(?P<number>[#0?.,\s]*[#0?][#0?.,]*?)(?P<scaling>,*)\s*(?P<unit>[kKmM])\s*(?:€|eur|EUR|euros?)\s*$")
# styles.xml, whatever the order of the attributes and the prefix of the elements (<x:numFmt …>)
_SCALED = re.compile(r"^[#0?.,\s]*[#0?][#0?.,]*?(?P<scaling>,+)$")  # "#,##0,": thousands, no unit shown
_NUM_FMTS = re.compile(rb"<(?:\w+:)?numFmts\b[^>]*>(.*?)</(?:\w+:)?numFmts>", re.S)
_NUM_FMT = re.compile(rb'<(?:\w+:)?numFmt\b(?=[^>]*?\bnumFmtId="(\d+)")(?=[^>]*?\bformatCode="([^"]*)")')
_NUM_FMT_ID = re.compile(rb'\bnumFmtId="(\d+)"')


def unit_of_format(code: str) -> tuple[int, str | None] | None:
    """``(scaling commas, unit)`` of a number format showing thousands or millions of euros (``#,##0," k€"`` ->
    ``(1, "k€")``, ``[$-40C]#,##0" k€"`` too), or ``(scaling commas, None)`` of one scaling without a unit
    (``#,##0,`` -> ``(1, None)``); None for any other format, and for a format whose sections depend on conditions
    (``[>=1000]0," k€";0" €"``: the unit shown depends on the value)."""
    shown = _shown(html.unescape(code))
    if shown is None:
        return None
    if (match := _UNIT.match(shown.strip())) is not None:
        return len(match["scaling"]), _UNITS[match["unit"].lower()]
    if (match := _SCALED.match(shown.strip())) is not None:
        return len(match["scaling"]), None
    return None


def _shown(code: str) -> str | None:
    """The text the first section of a format shows around its digits; None when the format has conditions."""
    shown: list[str] = []
    first = True
    for part in _PART.finditer(code):
        bracket = part["bracket"]
        if bracket is not None and bracket.startswith(("<", ">", "=")):
            return None  # a condition
        if not first:
            continue
        if part["quoted"] is not None or part["escaped"] is not None:
            shown.append(part["quoted"] if part["quoted"] is not None else part["escaped"])
        elif bracket is not None and bracket.startswith("$"):
            shown.append(bracket[1:].split("-", 1)[0])  # "[$€-40C]" shows "€"; "[$-40C]" (a locale) nothing
        elif part["plain"] == ";":
            first = False
        elif part["plain"] is not None:
            shown.append(part["plain"])
    return "".join(shown)


def money_styles(zf: zipfile.ZipFile) -> dict[int, tuple[int, str | None]]:
    """Cell style index -> ``(scaling commas, unit)`` for the styles whose format shows k€ or M€, or scales."""
    styles = styles_xml(zf)
    listed = _NUM_FMTS.search(styles)  # not the formats of conditional formatting (<dxfs>): their ids are their own
    formats = {int(i): unit for i, code in _NUM_FMT.findall(listed[1] if listed else b"")
               if (unit := unit_of_format(code.decode("utf-8", "replace"))) is not None}
    if not formats:
        return {}
    out = {}
    for index, attributes in enumerate(cell_style_attributes(styles)):
        number = _NUM_FMT_ID.search(attributes)
        if number is not None and int(number[1]) in formats:
            out[index] = formats[int(number[1])]
    return out


def money_cells(xml: bytes, styles: dict[int, tuple[int, str | None]]) -> dict[tuple[int, int], tuple[int, str | None]]:
    """(row, column) (1-based) -> ``(scaling commas, unit)`` of the cells of a sheet's XML in those styles."""
    return styled_cells(xml, styles)


def amounts_as_shown(rows: list[list], first_row: int, cells: dict[tuple[int, int], tuple[int, str | None]],
                     columns: dict[int, float | None]) -> list[list]:
    """``rows`` (``rows[0]`` is row ``first_row``) with each number of ``cells`` in ``columns`` (0-based index ->
    the multiplier its header's unit gives) written as its format shows it ("45 k€"; "150" when a scaling format
    shows the header's unit, 150000 under "Montant (k€)"); the rows changed are copies."""
    rows = list(rows)
    for (row, column), (scaling, unit) in cells.items():
        i, j = row - first_row, column - 1
        if j not in columns or not (0 <= i < len(rows) and j < len(rows[i])):
            continue
        value = rows[i][j]
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            continue
        if unit is not None:
            rows[i] = list(rows[i])
            rows[i][j] = f"{_shown_number(value, scaling)} {unit}"
        elif columns[j] == 1000 ** scaling:  # thousands shown under "(k€)", millions under "(M€)"
            rows[i] = list(rows[i])
            rows[i][j] = _shown_number(value, scaling)
    return rows


def _shown_number(value: int | float, scaling: int) -> str:
    """``value`` divided by 1000 per scaling comma, in digits the money parser reads back exactly: no exponent (a
    formula's residue 2.27e-13 is 0.000…227), never three decimals alone ("1234.567" is 1 234 567 on a sheet written
    the American way: "1234.5670")."""
    number = (Decimal(value) if isinstance(value, int) else Decimal(repr(value))).scaleb(-3 * scaling).normalize()
    text = format(number, "f")
    return text + "0" if len(text.partition(".")[2]) == 3 else text
