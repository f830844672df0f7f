"""A linked record's id looked up beside its link, as Airtable exports them: "Project" holds the linked project's
title, "Ref (from Project)" its id. The table's column is read from the lookup of the id ("<id word> (from <link>)",
"Code (de Projet)"), not from the link's titles; a lookup of the id is never the table's own id.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from ..textnorm import fold

if TYPE_CHECKING:
    from .recognition import ColumnMatch

# "<field> (from <link>)": a lookup of a linked record's field (also read by lookup_lists.py)
LOOKUP_HEADER = re.compile(r"^(?P<field>.+?)\s*\(\s*(?:from|de|du|depuis)\s+(?P<link>[^()]+?)\s*\)$", re.IGNORECASE)


def id_lookups(headers: list[tuple[int, str]], matches: list[ColumnMatch], unknown: list[str],
               words_of: Callable[[str], tuple[str, ...]], id_words: frozenset[str]) -> None:
    """Each column read from a link's titles read from the lookup of its id instead, in place; a lookup of an id
    read as another column is left out (it is the linked record's, not this table's)."""
    by_text = {fold(t): (i, t) for i, t in headers}
    for index, text in headers:
        found = LOOKUP_HEADER.match(text)
        if found is None or not (said := set(words_of(found["field"]))) or not said <= id_words:
            continue
        link = by_text.get(fold(found["link"]))
        own = next((k for k, m in enumerate(matches) if m.index == index), None)
        if own is not None:  # "Ref (from Origin project)" taken for the start-up's own id
            unknown.append(matches.pop(own).header)
        target = next((k for k, m in enumerate(matches) if link is not None and m.index == link[0]), None)
        if target is None:
            continue
        m = matches[target]
        matches[target] = replace(m, index=index, header=text)
        unknown.append(m.header)
        if text in unknown:
            unknown.remove(text)
