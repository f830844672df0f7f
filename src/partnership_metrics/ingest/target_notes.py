"""Units given by footnotes: an annex pasted from a document marks some targets "450 (b)" and says below the table
"(b) Montant en milliers d'euros (k€)", "(e) Montant en millions d'euros (M€)". A marked amount is read in the unit
of its footnote; a marker whose footnote states no amount's unit is only left out.
"""

from __future__ import annotations

import re

from ..textnorm import fold
from .header_units import header_unit
from .reading import is_blank
from .target_names import Unit

_NOTE = re.compile(r"^\s*\(\s*([a-zA-Z]|\d)\s*\)\s*(\S.*)$")  # "(b) Montant en milliers d'euros (k€) : …"
_MARKED = re.compile(r"^(.*?\S)\s*\(\s*([a-zA-Z]|\d)\s*\)\s*$")  # "1 300 (b)"


def noted_units(rows: list[list]) -> dict[str, Unit]:
    """Marker -> the unit of amounts its footnote states, from the lines of one text cell below a table."""
    out = {}
    for row in rows:
        filled = [c for c in row if not is_blank(c)]
        if len(filled) != 1 or not isinstance(filled[0], str) or not (note := _NOTE.match(filled[0])):
            continue
        multiplier = header_unit(note[2])[1]
        if multiplier is not None:
            out[note[1].lower()] = Unit("eur", multiplier, note[2])
    return out


def marked(raw) -> tuple[str, str] | None:
    """(the marker, the value without it) of a cell such as "1 300 (b)", or None."""
    found = _MARKED.match(raw) if isinstance(raw, str) else None
    return (found[2].lower(), found[1]) if found else None


def heading_or_note(texts: list, words) -> str:
    """Why a row of text without values is dropped: a note ("Source : ...", a sentence) or a section heading."""
    text = " ".join(str(t).strip() for t in texts)
    if (fold(text).startswith(tuple(words.note_row_starts)) or ":" in text or text.rstrip().endswith(".")
            or len(text) >= 80 or text.strip()[:1] in "*("):
        return "note row (text without values)"
    return "section row (a heading without values)"
