"""The text boxes drawn over an xlsx sheet, as a slide pasted into Excel keeps its content ("Projects detected⏎2021: 8 ·
2022: 9 · 2023: 10", one box per indicator, only a title in the cells): sheet name -> (row, column), 1-based, of each
box's top-left corner -> its text, one line per paragraph. :func:`with_text_boxes` writes each box into the empty cell
under its corner, so that what reads cells reads them (a box over a filled cell is a remark on it: left out). Shapes
without text (arrows, logos) and charts say nothing; an .ods or .xls file's drawings are not read."""

from __future__ import annotations

import html
import re
import zipfile

from .archives import related_parts

MAX_DRAWING_BYTES = 2 * 1024 * 1024  # a drawing part larger than this is pictures, not a slide's boxes: not read
MAX_BOXES = 200  # boxes read per sheet

_ANCHOR = re.compile(rb"<(?:\w+:)?(?:twoCellAnchor|oneCellAnchor)\b.*?</(?:\w+:)?(?:twoCellAnchor|oneCellAnchor)>", re.S)
_FROM = re.compile(rb"<(?:\w+:)?from>\s*<(?:\w+:)?col>(?P<col>\d+)</(?:\w+:)?col>.*?<(?:\w+:)?row>(?P<row>\d+)</", re.S)
_BODY = re.compile(rb"<(?:\w+:)?txBody>(?P<body>.*?)</(?:\w+:)?txBody>", re.S)
_PARAGRAPH = re.compile(rb"<a:p\b[^>]*>(?P<p>.*?)</a:p>|<a:p\s*/>", re.S)
_TEXT = re.compile(rb"<a:t\b[^>]*>(.*?)</a:t>", re.S)


def text_boxes(zf: zipfile.ZipFile) -> dict[str, dict[tuple[int, int], str]]:
    """Sheet name -> the texts of the boxes drawn over it by their top-left cell, for the sheets that have any."""
    out: dict[str, dict[tuple[int, int], str]] = {}
    for name, part in related_parts(zf, "drawing", MAX_DRAWING_BYTES):
        if boxes := _boxes(zf.read(part)):
            out.setdefault(name, {}).update(boxes)
    return out


def _boxes(xml: bytes) -> dict[tuple[int, int], str]:
    boxes: dict[tuple[int, int], str] = {}
    for anchor in _ANCHOR.finditer(xml):
        corner = _FROM.search(anchor[0])
        bodies = _BODY.findall(anchor[0])  # a group of shapes: their texts, in order
        lines = [" ".join(html.unescape("".join(t.decode("utf-8", "replace") for t in _TEXT.findall(p["p"] or b"")
                                                 )).split()) for body in bodies for p in _PARAGRAPH.finditer(body)]
        text = "\n".join(line for line in lines if line)
        if corner is None or not text:
            continue
        cell = (int(corner["row"]) + 1, int(corner["col"]) + 1)
        boxes[cell] = f"{boxes[cell]}\n{text}" if cell in boxes else text
        if len(boxes) >= MAX_BOXES:
            break
    return boxes


def with_text_boxes(rows: list[list], first_row: int, boxes: dict[tuple[int, int], str]) -> tuple[list[list], int]:
    """``rows`` (the first at 1-based row ``first_row``) with each box's text in the empty cell under its top-left
    corner, and the first row's number (a box above the cells adds rows)."""
    if not boxes:
        return rows, first_row
    top = min(first_row, *(r for r, _ in boxes)) if rows else min(r for r, _ in boxes)
    rows = [[] for _ in range(first_row - top)] + [list(r) for r in rows] if rows else []
    for (r, c), text in sorted(boxes.items()):
        i = r - top
        rows.extend([] for _ in range(i + 1 - len(rows)))
        row = rows[i]
        row.extend([None] * (c - len(row)))
        if row[c - 1] is None or (isinstance(row[c - 1], str) and not row[c - 1].strip()):
            row[c - 1] = text
    width = max(len(r) for r in rows)
    return [r + [None] * (width - len(r)) for r in rows], top
