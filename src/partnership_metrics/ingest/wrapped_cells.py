"""Tables converted from a PDF: a long title wraps onto a line of its own ("Algorithme d'IA du lymphome" then "B diffus"
alone under it, every other cell empty). Such a line is the end of the text above it: joined to it, and the line
dropped as such. Only for the table's free-text columns (a title, an acronym is never wrapped), under a record's line
(its own id written), and only a short line without a year (a sentence alone is a note, "2023 intake" a section)."""

from __future__ import annotations

from ..schemas import TABLES
from ..textnorm import YEAR
from .reading import is_blank
from .recognised import Recognition

WRAPPED = "the end of the text above, wrapped onto a line of its own (joined to it)"
MAX_WORDS = 6  # of a wrapped end: a longer line alone is a note


def with_wrapped_texts(rows: list[list], rec: Recognition) -> tuple[list[list], dict[int, str]]:
    """``rows`` with each wrapped end joined to the cell above it, and offset -> reason of the lines so joined."""
    table = TABLES[rec.table]
    own = [m.index for m in rec.columns if m.column in table.key and table.column(m.column).kind == "id"]
    texts = {m.index for m in rec.columns if m.column == "title"}
    if len(own) != 1 or not texts:
        return rows, {}
    out, joined = None, {}
    for i in range(1, len(rows)):
        filled = [(j, c) for j, c in enumerate(rows[i]) if not is_blank(c)]
        if len(filled) != 1 or filled[0][0] not in texts or not isinstance(filled[0][1], str):
            continue
        j, end = filled[0]
        above = (out or rows)[i - 1]
        if (i - 1) in joined or j >= len(above) or is_blank(above[j]) or own[0] >= len(above) or is_blank(
                above[own[0]]) or len(end.split()) > MAX_WORDS or end.strip()[:1] in "*(" or YEAR.search(end):
            continue
        out = out or [list(r) for r in rows]
        out[i - 1][j] = f"{str(above[j]).rstrip()} {end.strip()}"
        joined[i] = WRAPPED
    return (out or rows), joined
