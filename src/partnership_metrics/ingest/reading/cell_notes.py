"""The notes (comments) of an xlsx workbook's cells, as a team writes a column's unit only there ("Montant", its
note: "en k€"): cell (row, column), 1-based -> the note's text, its author's line left out (``ingest/header_units.py``
reads the unit a header's note states). Legacy notes only: Excel 365's threaded comments are written beside them as
notes too. An .ods file's annotations are read with its grid (``archives.check_ods_grid``); an .xls file's are not
read."""

from __future__ import annotations

import html
import re
import zipfile

from .archives import column_number, related_parts

MAX_NOTES_BYTES = 1024 * 1024  # a part of notes larger than this is not a team's remarks on headers: not read

_COMMENT = re.compile(rb'<(?:\w+:)?comment\b[^>]*\bref="(?P<col>[A-Z]+)(?P<row>\d+)"[^>]*>(?P<body>.*?)</(?:\w+:)?comment>',
                      re.S)
_TEXT = re.compile(rb"<(?:\w+:)?t\b[^>]*>(.*?)</(?:\w+:)?t>", re.S)


def cell_notes(zf: zipfile.ZipFile) -> dict[str, dict[tuple[int, int], str]]:
    """Sheet name -> its cells' notes, for the sheets that have any."""
    out: dict[str, dict[tuple[int, int], str]] = {}
    for name, part in related_parts(zf, "comments", MAX_NOTES_BYTES):
        out.setdefault(name, {}).update(_notes(zf.read(part)))
    return out


def _notes(xml: bytes) -> dict[tuple[int, int], str]:
    notes = {}
    for comment in _COMMENT.finditer(xml):
        text = "".join(html.unescape(t.decode("utf-8", "replace")) for t in _TEXT.findall(comment["body"]))
        lines = text.strip().splitlines()
        if len(lines) > 1 and lines[0].rstrip().endswith(":"):  # "Jean Dupont:" — Excel's line of the author
            lines = lines[1:]
        if written := " ".join(" ".join(lines).split()):
            notes[(int(comment["row"]), column_number(comment["col"]))] = written
    return notes
