"""Records written over two lines: a portal's list pasted into a sheet puts each proposal on a line with its id, and a
second line below it, without the id, that continues it (the title in full, the topic, the deadline). Such lines are
dropped as continuations of the line above (listed with that line's row), never read as records of their own.

A line is a continuation when it has no id, sits right below a line that has one (or below such continuations: a
commitment's payment lines), and fills fewer than half of the required columns that line fills (a grouped list writing its key once has every required column on each line); and
only when at least :data:`MIN_LINES` of them make a pattern: a single line without an id is quarantined as usual.
"""

from __future__ import annotations

from ..schemas import TABLES
from ..textnorm import fold, tokens
from .reading import RawSheet, is_blank
from .recognition import Recognition

MIN_LINES = 3
MIN_SHARE = 0.3  # of the lines with an id that a continuation follows


def continuation_rows(sheet: RawSheet, rec: Recognition, data_rows: list[list]) -> dict[int, str]:
    """Offsets (0 = the first row below the header) of the continuation lines, with why."""
    table = TABLES[rec.table]
    key = next((m.index for m in rec.columns if m.column == table.key[0]), None)
    if key is None:
        return {}
    keys = [row[key] if key < len(row) else None for row in data_rows]
    if sum(1 for c in keys if c is None or (c.__class__ is str and not c.strip())) < MIN_LINES:
        return {}  # (most sheets: every line has its id, and one pass without calls tells)
    required = [m.index for m in rec.columns if m.column != table.key[0] and table.column(m.column).required
                and not m.header.startswith("[")]  # not a column ingestion made ("[funder]" from the title)
    first = sheet.first_row + rec.header_index + 1
    found: dict[int, str] = {}
    keyed = 0
    above: tuple[int, int] | None = None  # (offset, required cells filled) of the line right above, when it has an id
    for offset, row in enumerate(data_rows):
        filled = sum(1 for j in required if j < len(row) and not is_blank(row[j]))
        if key < len(row) and not is_blank(row[key]):
            keyed += 1
            above = (offset, filled)
            continue
        if above is not None and any(not is_blank(c) for c in row) and filled * 2 < above[1]:
            found[offset] = f"continues the line of row {first + above[0]}"  # its payments, its title in full...
            continue
        above = None
    if len(found) < MIN_LINES or len(found) < MIN_SHARE * keyed:
        return {}
    return found


def rows_below_total(rec: Recognition, data_rows: list[list], dropped: list[tuple[int, str]]) -> dict[int, str]:
    """Offsets of the rows without an id below a table's total row ("TOTAL DES RESSOURCES", then "Taux
    d'intervention : 76 %"): what follows the total sums it up or comments it, with why. Only the total that ends
    the table counts: a line without its id between a subtotal and the next lines with ids is a record lacking it."""
    key = next((m.index for m in rec.columns if m.column == TABLES[rec.table].key[0]), None)
    if key is None or not any(why == "total row" for _, why in dropped):
        return {}
    seen = {i for i, _ in dropped}
    last = max((i for i, row in enumerate(data_rows) if i not in seen and key < len(row) and not is_blank(row[key])),
               default=-1)
    total = min((i for i, why in dropped if why == "total row" and i > last), default=None)
    if total is None:
        return {}
    return {i: "below the total row, without an id" for i in range(total + 1, len(data_rows))
            if i not in seen and (key >= len(data_rows[i]) or is_blank(data_rows[i][key]))
            and any(not is_blank(c) for c in data_rows[i])}


def childless_rows(rec: Recognition, data_rows: list[list]) -> dict[int, str]:
    """Offsets of the rows of a list of children that repeats its parent's fields (a start-up tracker, one line per
    round) whose own columns are all empty: a parent with no child yet, not a child lacking its values."""
    if not rec.foreign:
        return {}
    key = TABLES[rec.table].parent.key if TABLES[rec.table].parent else None
    own = [m.index for m in rec.columns if m.column != key and not m.header.startswith("[")]
    return {i: f"no {rec.table} on this line (its columns are empty): only its {key}'s fields"
            for i, row in enumerate(data_rows)
            if any(not is_blank(c) for c in row) and all(j >= len(row) or is_blank(row[j]) for j in own)}


def not_granted_rows(sheet: RawSheet, rec: Recognition, data_rows: list[list], words) -> dict[int, str]:
    """Offsets of a committee's funding lines that its decision column says were not granted ("Avis du comité:
    Défavorable", "Ajourné"): a request turned down or put off is no funding line."""
    if rec.table != "funding" or rec.header_index >= len(sheet.rows):
        return {}
    header = sheet.rows[rec.header_index]
    columns = [j for j, cell in enumerate(header) if j not in rec.mapped_indexes and isinstance(cell, str)
               and set(tokens(cell)) & words.decision_header_words]
    out: dict[int, str] = {}
    for j in columns:
        for i, row in enumerate(data_rows):
            if j < len(row) and isinstance(row[j], str) and fold(row[j]) in words.not_granted_values:
                out.setdefault(i, f"not granted ({' '.join(header[j].split())}: {row[j].strip()})")
    return out


def unwon_deals(sheet: RawSheet, rec: Recognition, data_rows: list[list], words) -> dict[int, str]:
    """Offsets of a CRM's fundraising deals that its stage column says were not won ("Deal Stage: Closed lost",
    "Term sheet signée"): only a deal won is a round that happened. Only when the column says won on some rows."""
    if rec.table != "startup_rounds" or rec.header_index >= len(sheet.rows):
        return {}
    header = sheet.rows[rec.header_index]
    for j, cell in enumerate(header):
        if j in rec.mapped_indexes or not isinstance(cell, str) or not set(tokens(cell)) & words.deal_stage_header_words:
            continue
        stages = [fold(row[j]) if j < len(row) and isinstance(row[j], str) else "" for row in data_rows]
        if any(stage in words.won_values for stage in stages):
            return {i: f"not a round that happened ({' '.join(cell.split())}: {data_rows[i][j]})"
                    for i, stage in enumerate(stages) if stage and stage not in words.won_values}
    return {}
