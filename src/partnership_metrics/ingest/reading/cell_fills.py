"""The fill colours of an xlsx workbook's cells, as a team keeps a status only as a colour ("vert = financé" in a
legend, the row filled green): the reader notes the coloured cells of each sheet (a workbook whose styles fill no
cell costs one look at its styles) and the coloured texts of its other sheets (a "Lisez-moi" sheet's legend);
``ingest/colour_codes.py`` reads the codes they give. A colour is named by what the file writes (``rgb:C6EFCE``,
``theme:4:0.6``, ``indexed:10``): a legend and the cells it explains are matched by that name, never by a guess of
what colour it is."""

from __future__ import annotations

import re
import zipfile

from .archives import cell_style_attributes, column_number, styles_xml, whole_elements

# beyond so many coloured cells a sheet's colours are banding or decoration, not codes: they are not noted
MAX_COLOURED_CELLS = 20_000
# a sheet's text beyond this size (some 40 000 cells) is not scanned for colours: a list kept by hand and coloured
# by a person is smaller; scanning an export's text costs time for nothing
MAX_SCANNED_BYTES = 4 * 1024 * 1024
# a sheet whose coloured texts may be a legend for the workbook's other sheets: a few of them, not a coloured table
MAX_LEGEND_TEXTS = 60

MAX_TAG = 4096  # bytes of a cell's opening tag, at most

_FILLS = re.compile(rb"<(?:\w+:)?fills\b[^>]*>(.*?)</(?:\w+:)?fills>", re.S)
_FILL = re.compile(rb"<(?:\w+:)?fill\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?fill>)", re.S)
_SOLID = re.compile(rb'<(?:\w+:)?patternFill\b[^>]*\bpatternType="solid"[^>]*>(.*?)</(?:\w+:)?patternFill>', re.S)
_FG = re.compile(rb"<(?:\w+:)?fgColor\b([^>]*)/?>")
_ATTRIBUTE = re.compile(rb'\b(rgb|theme|tint|indexed)="([^"]*)"')
_FILL_ID = re.compile(rb'\bfillId="(\d+)"')
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\b")
_REFERENCE = re.compile(rb'\br="([A-Z]+)(\d+)"')
_WHITE = {"rgb:FFFFFF", "indexed:9", "indexed:64", "theme:0:0"}  # a white fill is no colour


def fill_styles(zf: zipfile.ZipFile) -> dict[int, str]:
    """Cell style index -> the name of its solid fill colour, for the styles that fill a cell with a colour."""
    styles = styles_xml(zf)
    listed = _FILLS.search(styles)
    colours = [_colour(fill[1] or b"") for fill in _FILL.finditer(listed[1])] if listed else []
    if not any(colours):
        return {}
    out = {}
    for index, attributes in enumerate(cell_style_attributes(styles)):
        fill = _FILL_ID.search(attributes)
        if fill is not None and int(fill[1]) < len(colours) and colours[int(fill[1])] is not None:
            out[index] = colours[int(fill[1])]
    return out


def _colour(fill: bytes) -> str | None:
    solid = _SOLID.search(fill)
    foreground = _FG.search(solid[1]) if solid else None
    if foreground is None:
        return None
    attributes = {k.decode(): v.decode() for k, v in _ATTRIBUTE.findall(foreground[1])}
    if "rgb" in attributes:
        name = f"rgb:{attributes['rgb'][-6:].upper()}"
    elif "theme" in attributes:
        name = f"theme:{attributes['theme']}:{float(attributes.get('tint', 0) or 0):g}"
    elif "indexed" in attributes:
        name = f"indexed:{attributes['indexed']}"
    else:
        return None
    return None if name in _WHITE else name


class WorkbookFills:
    """The coloured cells of a workbook's sheets, noted while :func:`~.archives.check_zip` inflates them (each sheet
    is inflated once): :meth:`scanner` gives the scan of one sheet part, none when the styles fill no cell."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self.styles: dict[int, str] | None = None
        self.scans: dict[str, FillScan] = {}

    def scanner(self, part: str, size: int) -> FillScan | None:
        if size > MAX_SCANNED_BYTES:
            return None  # a sheet of tens of thousands of rows is an export: its colours are no one's codes
        if self.styles is None:  # read once the archive's directory is checked (check_zip asks after that)
            self.styles = fill_styles(self.zf)
        if not self.styles:
            return None
        return self.scans.setdefault(part, FillScan(self.styles))


class FillScan:
    """The coloured cells of one sheet part, fed its inflated text chunk by chunk (a cell cut by a chunk waits for
    the next one). Only the style attributes of coloured styles are looked for (a sheet without them costs one scan
    for a literal); ``cells`` is emptied beyond :data:`MAX_COLOURED_CELLS` (banded rows: decoration, not codes)."""

    def __init__(self, styles: dict[int, str]) -> None:
        self.styles = styles
        indexes = b"|".join(str(i).encode() for i in sorted(styles))
        self._style = re.compile(rb'\ss="(' + indexes + rb')"')
        self.cells: dict[tuple[int, int], str] = {}
        self.tail = b""
        self.too_many = False
        self.done = False

    def feed(self, chunk: bytes) -> None:
        body, self.tail = whole_elements(self.tail, chunk, b"<")
        if len(self.tail) > MAX_TAG:  # no cell's tag is that long: text without markup, not kept chunk after chunk
            self.tail = b""
        for match in self._style.finditer(body) if not self.too_many else ():
            start, end = body.rfind(b"<", 0, match.start()), body.find(b">", match.end())
            tag = body[start:end]
            if not _CELL_TAG.match(tag) or (where := _REFERENCE.search(tag)) is None:
                continue
            self.cells[(int(where[2]), column_number(where[1]))] = self.styles[int(match[1])]
            if len(self.cells) > MAX_COLOURED_CELLS:
                self.too_many, self.cells = True, {}
        self.done = not chunk


def coloured_texts(rows: list[list], first_row: int, fills: dict[tuple[int, int], str],
                   most: int | None = MAX_LEGEND_TEXTS, swatches: bool = False) -> list[tuple[str, str]]:
    """(text, colour) of the coloured text cells of ``rows`` (``rows[0]`` is row ``first_row``), when they are no more
    than ``most`` (few enough to be a legend); else none. ``swatches``: a coloured empty cell gives the text of the
    cell on its right, when that one is not coloured (a legend's swatch beside its label: "■ | Financé")."""
    out = []
    for (row, column), colour in fills.items():
        i, j = row - first_row, column - 1
        if not (0 <= i < len(rows) and j < len(rows[i])):
            continue
        if isinstance(rows[i][j], str) and rows[i][j].strip():
            out.append((rows[i][j], colour))
        elif (swatches and (rows[i][j] is None or rows[i][j] == "") and j + 1 < len(rows[i])
              and isinstance(label := rows[i][j + 1], str) and label.strip() and (row, column + 1) not in fills):
            out.append((label, colour))
    return out if most is None or len(out) <= most else []
