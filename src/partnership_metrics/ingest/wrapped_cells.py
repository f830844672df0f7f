"""Tables converted from a PDF: a long title wraps onto a line of its own ("Algorithme d'IA du lymphome" then "B diffus"
alone under it, every other cell empty). Such a line is the end of the text above it: joined to it, and the line
dropped as such. Only for the table's free-text columns (a title, an acronym is never wrapped), under a record's line
(its own id written), and only a short line without a year (a sentence alone is a note, "2023 intake" a section),
unless it starts in lower case (after a dash), as only the rest of a sentence does ("– édition 2019"), or closes a
quote or bracket the text above left open ("Formation « Réglementation des dispositifs médicaux" then "(MDR) »"). A
call's topic cut at a hyphen ("HORIZON-HLTH-2022-" then "TOOL-11-02" alone) is joined without a space.

A record the converter split over two lines at a hyphen ("Nova Immuno-" and its SIREN, then "Oncology" and its
institution, status and headcount) is one record: the name is joined at the hyphen and the two lines' cells, which
never share a column but the name's, make one line. A page's header repeated inside the table (the report's title
line above the table, with its page number: "ARIS — Rapport d'activité 2023 | p. 23"; or its lines as they are,
"CanceroPôle … — Inserm Transfert | Rapport annuel 2023") is no record, nor the page's number alone on a line beside
it ("18")."""

from __future__ import annotations

import re

from ..schemas import TABLES
from ..textnorm import YEAR, fold
from .lone_texts import PAGE_FOOTER
from .reading import is_blank, row_texts
from .recognised import Recognition

WRAPPED = "the end of the text above, wrapped onto a line of its own (joined to it)"
SPLIT = "the rest of the record above, split over two lines at a hyphen (joined to it)"
_HYPHENS = ("-", "\u2010", "\u2011")
_DASHES = "–—-"
_AFTER_ASIDE = re.compile(r"^\([^()]*\)\s*")
_PAIRS = {"«": "»", "“": "”", "(": ")", "[": "]"}
PAGE_HEADER = "a page's header repeated from above the table (a report's pages)"
_PAGE_MARK = re.compile(r"^\s*(?:p(?:age)?\.?\s*)?\d{1,4}(?:\s*(?:/|sur|of)\s*\d{1,4})?\s*$", re.IGNORECASE)
MIN_TITLE = 8  # characters of a title line that a repeated page header must repeat
MAX_WORDS = 6  # of a wrapped end: a longer line alone is a note, unless it starts in lower case ("myéloïde, avec …")


def with_wrapped_texts(rows: list[list], rec: Recognition, titles: list[list] = (),
                       total_labels: frozenset[str] = frozenset(),
                       pages: dict[int, str] | None = None) -> tuple[list[list], dict[int, str]]:
    """``rows`` with each wrapped end joined to the cell above it, and offset -> reason of the lines so joined (or
    dropped as a page's header repeating one of the ``titles``, the lines above the table's header). A line that
    starts with one of ``total_labels`` ("Total participants") closes the table: no wrapped end. ``pages``: the
    page headers when the caller found them already (:func:`page_headers`)."""
    table = TABLES[rec.table]
    own = [m.index for m in rec.columns if m.column in table.key and table.column(m.column).kind == "id"]
    texts = {m.index for m in rec.columns if m.column == "title"}
    codes = {m.index for m in rec.columns if table.column(m.column).kind == "text" and m.column not in table.key}
    joined = dict(pages) if pages is not None else page_headers(rows, titles)
    if len(own) != 1 or not texts | codes:
        return _split_records(rows, rec, joined)
    out = None
    for i in range(1, len(rows)):
        filled = [(j, c) for j, c in enumerate(rows[i]) if not is_blank(c)]
        if len(filled) != 1 or filled[0][0] not in texts | codes or not isinstance(filled[0][1], str):
            continue
        j, end = filled[0]
        above = (out or rows)[i - 1]
        if i in joined or (i - 1) in joined or j >= len(above) or is_blank(above[j]) or own[0] >= len(above) or \
                is_blank(above[own[0]]) or fold(end).split(" ", 1)[0] in total_labels:
            continue
        start = str(above[j]).rstrip()
        if start.endswith(_HYPHENS) and start[-2:-1].isalnum() and " " not in end.strip():
            joined_text = f"{start}{end.strip()}"  # "HORIZON-HLTH-2022-" then "TOOL-11-02"
        elif j not in texts:
            continue
        elif _closes(start, end):
            joined_text = f"{start} {end.strip()}"  # "Formation « Réglementation …" then "(MDR) »"
        else:
            after = _AFTER_ASIDE.sub("", end.strip())  # "(Nice) - édition 2019": a place in brackets, then the rest
            said = after if after != end.strip() and after[:1] in _DASHES else end.strip()
            rest = said.lstrip("–—-… ")[:1].islower()  # the rest of a sentence ("myéloïde, avec …", "– édition 2019")
            alone = not rest and (len(end.split()) > MAX_WORDS or YEAR.search(end))  # a note, a section's title
            if alone or said[:1] in "*(":
                continue
            joined_text = f"{start} {end.strip()}"
        out = out or [list(r) for r in rows]
        out[i - 1][j] = joined_text
        joined[i] = WRAPPED
    return _split_records(out or rows, rec, joined)


def _closes(start: str, end: str) -> bool:
    """Whether ``end`` closes a quote or bracket that ``start`` leaves open."""
    return any(start.count(opening) > start.count(closing) and closing in end for opening, closing in _PAIRS.items())


def _split_records(rows: list[list], rec: Recognition, joined: dict[int, str]) -> tuple[list[list], dict[int, str]]:
    """``rows`` with each record split over two lines at a hyphen of its name or title made one (see the module)."""
    labels = {m.index for m in rec.columns if m.column in ("title", "name")}
    out = None
    for j in labels:
        for i in range(1, len(rows)):
            above, row = (out or rows)[i - 1], rows[i]
            start, end = above[j] if j < len(above) else None, row[j] if j < len(row) else None
            if not (isinstance(start, str) and isinstance(end, str)) or not start.rstrip().endswith(_HYPHENS) or (
                    i in joined or i - 1 in joined):  # most lines end here: no hyphen at the end of the name
                continue
            filled_above = {k for k, c in enumerate(above) if not is_blank(c)}
            filled = {k for k, c in enumerate(row) if not is_blank(c)}
            if filled_above & filled != {j} or len(filled_above) < 2 or len(filled) < 2 or not (
                    start.rstrip()[-2:-1].isalpha() and end.strip()[:1].isalpha()) or len(end.split()) > MAX_WORDS \
                    or YEAR.search(end):
                continue
            out = out or [list(r) for r in rows]
            merged = out[i - 1] + [None] * max(0, len(row) - len(out[i - 1]))
            merged[j] = f"{start.rstrip()}{end.strip()}"
            for k in filled - {j}:
                merged[k] = row[k]
            out[i - 1] = merged
            joined[i] = SPLIT
    return (out or rows), joined


def page_headers(rows: list[list], titles: list[list]) -> dict[int, str]:
    """Offset -> reason of the rows that repeat a title line of ``titles`` alone, or beside a page number."""
    written = {c.strip() for row in titles for c in row if isinstance(c, str) and len(c.strip()) >= MIN_TITLE}
    lines = {texts for row in titles if len(texts := row_texts(row)) > 1}  # "CanceroPôle … | Rapport annuel 2023"
    openings = {texts[0] for texts in lines}
    found = {}
    for i, row in enumerate(rows) if written else ():
        opening = next((c for c in row if not is_blank(c)), None)
        if opening is not None and " ".join(str(opening).split()) in openings and row_texts(row) in lines:
            found[i] = PAGE_HEADER
            continue
        first = next((c for c in row if not is_blank(c) and not (isinstance(c, str) and _PAGE_MARK.match(c))),
                     None)  # a page's header is its title, maybe beside a page number
        if not isinstance(first, str) or first.strip() not in written:
            continue
        if sum(1 for c in row if not is_blank(c) and not (isinstance(c, str) and _PAGE_MARK.match(c))) == 1:
            found[i] = PAGE_HEADER
    for i in list(found):  # the page's number alone on the line before its footer or after its header ("18")
        for step in (-1, 1):
            k = i + step
            while 0 <= k < len(rows) and all(is_blank(c) for c in rows[k]):
                k += step
            if 0 <= k < len(rows) and k not in found and _page_number(rows[k]):
                found[k] = PAGE_FOOTER
    return found


def _page_number(row: list) -> bool:
    """Whether a row holds nothing but a page number ("18", "p. 18", "18 / 40")."""
    filled = [c for c in row if not is_blank(c)]
    if len(filled) != 1:
        return False
    cell = filled[0]
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return float(cell).is_integer() and 0 < cell < 1000
    return isinstance(cell, str) and _PAGE_MARK.match(cell) is not None
