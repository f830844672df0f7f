"""A header left out because it names a column another header already gives, over a column of dates: the date of
what it names ("Status | … | Result" with "28/08/2019" under "Result": the result's date, as "Result date" says;
"Outcome | Granted (€) | Result" the same)."""

from __future__ import annotations

from dataclasses import replace

from ..schemas import TABLES
from .reading import RawSheet, is_blank
from .recognised import ColumnMatch, Recognition
from .tie_breaks import SAMPLE_ROWS

DATED_SHARE = 0.8  # of a column's written values read as dates, for its header to name a date


def with_dated_namesakes(sheet: RawSheet, rec: Recognition, recogniser) -> Recognition | None:
    """``rec`` with each such header read as the date column its words name with "date" (when that is one date
    column of the table, not read yet); None when there is none."""
    if not rec.unknown:
        return None
    named, read = {m.column for m in rec.columns}, {m.index for m in rec.columns}
    below = sheet.rows[rec.header_index + 1 : rec.header_index + 1 + SAMPLE_ROWS]
    added = []
    for j, cell in enumerate(sheet.rows[rec.header_index]):
        text = " ".join(cell.split()) if isinstance(cell, str) else None
        if text not in rec.unknown or j in read:
            continue
        said = recogniser.cell_candidates(rec.table, text)
        if not said or said[0][0] not in named:
            continue
        dated = [c for c, score in recogniser.cell_candidates(rec.table, f"date {text}")
                 if score > 1000 and TABLES[rec.table].column(c).kind == "date" and c not in named]
        values = [row[j] for row in below if j < len(row) and not is_blank(row[j])]
        if len(dated) != 1 or not values or sum(map(recogniser.parsers.is_date, values)) < (
                DATED_SHARE * len(values)):
            continue
        added.append(ColumnMatch(j, text, dated[0]))
        named.add(dated[0])
    if not added:
        return None
    headers = {m.header for m in added}
    return replace(rec, columns=sorted([*rec.columns, *added], key=lambda m: m.index),
                   unknown=[u for u in rec.unknown if u not in headers])
