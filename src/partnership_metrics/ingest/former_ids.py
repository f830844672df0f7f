"""Records renumbered when a new keeper took a list over: "VAL-18-3" in the first intern's file is "VAL18-003" in the
next one's, whose column "Ancien n°" (``former_id_header_words``) gives each record's former reference.

The pairs that column gives rename the former references wherever they are written (the record's own key in the
older files, and the references to it in other tables: a funding line's project). When every pair is the same
reference retyped (the same letters and numbers, other separators or zero-padding), the older files' other
references written the former way are renamed the same way (a project left only in the 2018-2020 file: "VAL-18-4" is
"VAL18-004"); a reference of another shape is never touched."""

from __future__ import annotations

import re

from ..schemas import TABLES
from ..textnorm import fold
from .blocks import Block
from .reading import RawSheet, is_blank
from .recognised import Recognition
from .references import REFERRING

FORMER = "__former_id__"  # record value: the former reference its row gives
MIN_PAIRS = 2  # pairs of references retyped the same way that make a rule of the retyping
_PARTS = re.compile(r"[^\W\d_]+|\d+|[\W_]+")


def carry_former_ids(block: Block, sheet: RawSheet, rec: Recognition, words) -> None:
    """Let ``block``'s records carry the former reference a column of their sheet gives ("Ancien n°"), if any."""
    key = TABLES[rec.table].key
    if len(key) != 1 or rec.header_index >= len(sheet.rows):
        return
    header = sheet.rows[rec.header_index]
    column = next((j for j, cell in enumerate(header) if j not in rec.mapped_indexes and isinstance(cell, str)
                   and " ".join(fold(cell).replace("°", " ").split()) in words.former_id_header_words), None)
    if column is None:
        return
    cell = lambda r: sheet.rows[r - sheet.first_row][column] if column < len(sheet.rows[r - sheet.first_row]) \
        else None  # noqa: E731
    block.columns[FORMER] = [None if is_blank(v := cell(r)) else " ".join(str(v).split()) for r in block.rows]


def _canonical(ref: str) -> tuple[str, tuple[int, ...]] | None:
    """A reference's letters and numbers ("VAL-18-3" and "VAL18-003": ("VAL", (18, 3))), or None."""
    parts = _PARTS.findall(ref)
    letters = "".join(p for p in parts if p[0].isalpha()).upper()
    numbers = tuple(int(p) for p in parts if p.isdigit())
    return (letters, numbers) if numbers else None


def _shape(ref: str) -> tuple[str, ...]:
    """A reference's form without its numbers' values ("VAL-18-3": ("VAL", "-", "#", "-", "#"))."""
    return tuple("#" if p.isdigit() else p.upper() for p in _PARTS.findall(ref))


def _formatter(example: str):
    """Write letters and numbers as ``example`` writes its own ("VAL18-003": each number to its width)."""
    parts = _PARTS.findall(example)
    widths = [len(p) for p in parts if p.isdigit()]

    def write(numbers: tuple[int, ...]) -> str | None:
        if len(numbers) != len(widths):
            return None
        values = iter(f"{n:0{w}d}" for n, w in zip(numbers, widths, strict=True))
        return "".join(next(values) if p.isdigit() else p for p in parts)
    return write


def renumbered(blocks: list[Block]) -> list[str]:
    """Rename, in place, the former references the folder's "Ancien n°" columns give (see the module's docstring);
    one line per table renamed, saying how."""
    lines = []
    for table in {b.table for b in blocks if FORMER in b.columns}:
        key = TABLES[table].key[0]
        pairs = {}
        for block in (b for b in blocks if b.table == table and FORMER in b.columns):
            for old, new in zip(block.columns.pop(FORMER), block.columns[key], strict=True):
                if old and new is not None and old != str(new):
                    pairs[old] = str(new)
        if not pairs:
            continue
        rename = dict(pairs)
        retyped = all(_canonical(old) is not None and _canonical(old) == _canonical(new) for old, new in pairs.items())
        if retyped and len(pairs) >= MIN_PAIRS:
            shapes = {_shape(old) for old in pairs}
            write = _formatter(next(iter(pairs.values())))
            for ref in _references(blocks, table):
                if ref not in rename and _shape(ref) in shapes and (new := write(_canonical(ref)[1])):
                    if _canonical(new)[0] == _canonical(ref)[0]:
                        rename[ref] = new
        count = _rename(blocks, table, rename)
        example = next(iter(pairs.items()))
        lines.append(f"{count} references of {table} renamed from their former form ({example[0]} → {example[1]}, "
                     f"as a column of former references shows{'; the same retyping for the others' if retyped else ''})")
    return lines


def _columns(table: str) -> list[tuple[str, str]]:
    """(table, column) of the table's key and of the references to it."""
    key = TABLES[table].key[0]
    return [(table, key)] + [(t, key) for t in REFERRING if table == "projects" and t != table]


def _references(blocks: list[Block], table: str) -> set[str]:
    return {str(v) for t, c in _columns(table) for b in blocks if b.table == t and c in b.columns
            for v in b.columns[c] if v is not None}


def _rename(blocks: list[Block], table: str, rename: dict[str, str]) -> int:
    count = 0
    for t, column in _columns(table):
        for block in (b for b in blocks if b.table == t and column in b.columns):
            values = block.columns[column]
            for i, v in enumerate(values):
                if v is not None and (new := rename.get(str(v))) is not None:
                    values[i] = new
                    count += 1
    return count
