"""A folder's note of the institutions' nicknames: a read-me's line ("MB institution nicknames: la Fac = Aix-Marseille
Université (AMU); la Timone / l'AP = AP-HM; Pasteur = Hôpital Pasteur = CHU de Nice (not Institut Pasteur)") whose
words name institutions (``vocab/words.yaml``: ``nickname_note_words``) and whose statements set names equal. In
each statement, the one institution a side names exactly (a remark in brackets set aside) is what every other side
names, for the run: "la Fac" and "l'AP", unknown before, are read as AMU and AP-HM wherever an institution is. A
side known already keeps what it was; a statement whose sides name two institutions, or none, gives nothing. The
nicknames are reported, and written into the run's table of institutions with the others.
"""

from __future__ import annotations

import re

from ..textnorm import fold
from .institutions import InstitutionResolver
from .reading import RawSheet

MAX_NOTE_ROWS = 200  # a read-me is short: longer sheets are data, not notes
MAX_NICKNAME = 40  # characters of a nickname
_STATEMENTS = re.compile(r"[;\n]|\.\s")
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_ALTERNATIVES = re.compile(r"\s+/\s+|\s+or\s+|\s+ou\s+")


def noted_nicknames(sheets: list[RawSheet], resolver: InstitutionResolver, note_words: frozenset[str]
                    ) -> dict[str, str]:
    """Nickname -> institution code, from the glossary lines of ``sheets`` (see the module's docstring)."""
    found: dict[str, str] = {}
    for sheet in sheets:
        if len(sheet.rows) > MAX_NOTE_ROWS:
            continue
        for row in sheet.rows:
            for cell in row:
                if isinstance(cell, str) and "=" in cell and not cell.lstrip().startswith("=") \
                        and set(fold(cell).split()) & note_words:
                    for statement in _STATEMENTS.split(cell):
                        found.update(_statement(statement, resolver))
    return found


def _statement(text: str, resolver: InstitutionResolver) -> dict[str, str]:
    sides = [s.strip() for s in text.split("=")]
    if len(sides) < 2:
        return {}
    sides[0] = sides[0].rsplit(":", 1)[-1].strip()  # "MB institution nicknames: la Fac"
    codes = set()
    unknown = []
    for side in sides:
        bare = " ".join(_BRACKETS.sub(" ", side).split())
        if not bare:
            continue
        code, how = resolver.match(bare)
        if how == "exact":
            codes.add(code)
        else:
            unknown += [n for n in (" ".join(a.split()) for a in _ALTERNATIVES.split(bare))
                        if n and len(n) <= MAX_NICKNAME and resolver.match(n)[1] == "unknown"]
    if len(codes) != 1 or "OTHER" in codes:
        return {}
    (code,) = codes
    return dict.fromkeys(unknown, code)
