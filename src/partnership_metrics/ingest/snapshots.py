"""A state kept once per review: "Statut au 31/12/2021 | Statut au 31/12/2022 | …", a column added to a tracker at
each annual review. The table's column is read from the latest one: it says where things stand now."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..schemas import TABLES
from .reading import is_blank

if TYPE_CHECKING:
    from .recognition import ColumnMatch

_DATED = re.compile(r"(?:\b(\d{1,2})[/.-](\d{1,2})[/.-])?\b((?:19|20)\d{2})\b")


def _snapshot(header: str) -> tuple[str, tuple[int, int, int]] | None:
    """(the header without its date, the date as (year, month, day)) of a dated header ("Statut au 31/12/2022"),
    or None."""
    found = list(_DATED.finditer(header))
    if len(found) != 1:
        return None
    m = found[0]
    return " ".join((header[: m.start()] + header[m.end():]).split()).lower(), (int(m[3]), int(m[2] or 0),
                                                                                   int(m[1] or 0))


def latest_snapshots(table: str, headers, matches: list[ColumnMatch], unknown: list[str], samples=None) -> None:
    """A state kept once per review ("Statut au 31/12/2021 | Statut au 31/12/2022 | …", a column added at each
    annual review) is read from its latest column written on the rows below (``samples``: column index -> cells),
    in place: it says where things stand now. Amounts by year are a wide table, not states (:mod:`.unpivot`)."""
    for k, m in enumerate(matches):
        if TABLES[table].column(m.column).kind not in ("code", "text"):
            continue
        dated = _snapshot(m.header)
        if dated is None:
            continue
        left = set(unknown)
        same = [(when, index, text) for index, text in headers if text in left
                and (d := _snapshot(text)) is not None and d[0] == dated[0] and (when := d[1]) != dated[1]
                and (samples is None or any(not is_blank(v) for v in samples.get(index, ())))]
        if not same:
            continue
        when, index, text = max(same)
        if when > dated[1]:
            matches[k] = replace(m, index=index, header=text)
            unknown.remove(text)
            unknown.append(m.header)
