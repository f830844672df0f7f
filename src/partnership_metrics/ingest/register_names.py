"""A company register writes names in capitals ("GLIOSENSE", a Pappers or INPI extract); the team's own lists write
them as the companies do ("GlioSense"). When the start-ups are known only by such a register's names (each its id),
and the rounds name a company in another case (the same letters once case and accents are set aside), the
start-up's name and id are written as the rounds write it: one spelling for the reports, the rounds' and the
register's lines linked by it. A name the rounds spell two ways, or do not name, stays as the register writes it;
so does every name of a list whose own workbook keeps rounds in capitals too: there the capitals are the team's way
of writing names ("IMMUNOTRAK" in the officer's list and rounds, "Immunotrak" in a successor's export), no
register's.
"""

from __future__ import annotations

from ..textnorm import fold
from .blocks import Block
from .normalising import SheetResult

PARENT, CHILD, KEY = "startups", "startup_rounds", "startup_id"


def names_as_written(blocks: list[Block], sheets: list[SheetResult]) -> None:
    """Rename, in place, each start-up a register in capitals names to the spelling its rounds use (see the
    module's docstring), in the blocks and in the keys of the cells emptied on its row."""
    spellings: dict[str, set[str]] = {}
    for b in blocks:
        if b.table == CHILD:
            for value in b.column(KEY):
                if isinstance(value, str) and value != value.upper():
                    spellings.setdefault(fold(value), set()).add(value)
    renamed: dict[str, str] = {}
    in_capitals = {b.file for b in blocks if b.table == CHILD and _in_capitals(b)}
    for b in blocks:
        if b.table != PARENT or not _register(b) or b.file in in_capitals:
            continue
        ids, names = b.columns[KEY], b.columns["name"]
        for i, name in enumerate(names):
            found = spellings.get(fold(name), set())
            if len(found) == 1:
                (spelling,) = found
                renamed[name] = spelling
                ids[i] = names[i] = spelling
    if renamed:
        for s in sheets:
            for p in s.cell_problems:
                if p.table == PARENT and p.key in renamed:
                    p.key = renamed[p.key]


def _register(block: Block) -> bool:
    """Whether ``block`` knows its start-ups by names in capitals only, each its id."""
    if KEY not in block.columns or "name" not in block.columns:
        return False
    pairs = list(zip(block.column(KEY), block.column("name"), strict=True))
    return bool(pairs) and all(isinstance(n, str) and k == n and n == n.upper() and any(c.isalpha() for c in n)
                               for k, n in pairs)


def _in_capitals(block: Block) -> bool:
    """Whether a block of rounds names its companies in capitals (letters and at least one of them)."""
    names = [v for v in block.column(KEY) if isinstance(v, str) and any(c.isalpha() for c in v)]
    return bool(names) and all(n == n.upper() for n in names)
