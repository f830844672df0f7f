"""A cell of people written one per line ("Pr Nicolas Garcia⏎Jérôme Bonifay (co-porteur)"): the first is the
record's person (a project's lead is written first); a name wrapped on two lines ("Jean-Luc⏎CARRÈRE") is one person."""

from __future__ import annotations

import re

_BRACKETS = re.compile(r"\([^()]*\)")  # "Jérôme Bonifay (co-porteur)": a role, no part of the name


def first_of_people(raw: str, text: str) -> str:
    """The first person of a cell naming one per line ("Pr Nicolas Garcia⏎Jérôme Bonifay (co-porteur)": the project's
    lead first), each line a whole name; else ``text`` (a name wrapped on two lines is one person)."""
    lines = [" ".join(_BRACKETS.sub(" ", line).split()) for line in raw.splitlines() if line.strip()]
    return lines[0] if len(lines) > 1 and all(len(line.split()) >= 2 for line in lines) else text
