"""Records read twice: the same key in several rows, in one sheet or across files. Exact duplicates (every value the
same but where they were read) are kept once, the copies listed; conflicting ones are all quarantined, each naming
the others. Records that never give two values of one column are not in conflict: a person at an event read once per
connection of a meeting tool, a column filled by hand on the first line only, a project's card repeating the register
with fewer fields are one record with its details, kept once, completed from the others; a date known to the quarter
in one copy and to the day in another is the same date, known better (``refined_dates``). A record that differs
between the dated copies of one list ("Suivi 2018.ods" … "Suivi 2023.ods") is the latest copy's; a proposal listed
one row per participant of its consortium is the partnership's participant's (``participants``)."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

from ..schemas import PROVENANCE, TABLES
from ..textnorm import fold
from .blocks import ABSENT, Block
from .dated_copies import carried_over, latest_copy
from .normalising import Problem
from .participants import partnership_participant
from .refined_dates import SUFFIX, refined_dates
from .target_authority import kept_by_authority


def _where(block: Block, i: int) -> str:
    """``file [sheet]`` of a record, as its provenance shows it (e-mails in names already pseudonymised)."""
    file, sheet = block.value(i, "source_file") or block.file, block.value(i, "source_sheet")
    return file + (f" [{sheet}]" if sheet else "")


def _content(block: Block, i: int) -> tuple:
    """What two rows must share to be exact duplicates: every value but where they were read."""
    return tuple(sorted((k, str(v)) for k, v in block.values(i).items()
                        if not k.startswith("__") and k not in PROVENANCE))


def _keys(block: Block, key: tuple[str, ...]) -> list:
    """The key of each record of ``block`` as duplicates compare it (the text of each key value)."""
    texts = [list(map(str, block.column(k))) for k in key]
    return texts[0] if len(texts) == 1 else list(zip(*texts, strict=False))


def resolve_duplicates(blocks: list[Block], version_words: frozenset[str] = frozenset()) -> dict[str, dict[str, int]]:
    """Exact duplicates (same key, same values) are merged; conflicting ones are all quarantined, unless the latest of
    dated copies of one list (``version_words``: the marks of a file's version, "VF", "définitif") gives the record.

    Keys are compared first, table by table; contents only within the groups of two records or more."""
    firsts: dict[str, int] = {}  # table -> where its first group of duplicates starts (for the order of the stats)
    groups: list[tuple[int, str, list[tuple[Block, int]]]] = []
    start = 0
    starts = []
    for b in blocks:
        starts.append(start)
        start += len(b)
    for table in dict.fromkeys(b.table for b in blocks):
        mine = [(b, s) for b, s in zip(blocks, starts, strict=False) if b.table == table]
        keys: list = []
        spans = []  # (position of the block's first key in ``keys``, block, its start, its records compared)
        for b, s in mine:
            accepted = b.accepted()
            block_keys = _keys(b, TABLES[table].key)
            spans.append((len(keys), b, s, accepted))
            keys.extend(block_keys if accepted is None else [block_keys[i] for i in accepted])
        if len(set(keys)) == len(keys):
            continue
        repeated = {k for k, n in Counter(keys).items() if n > 1}
        found: dict[object, list] = {}
        for n, k in enumerate(keys):
            if k in repeated:
                found.setdefault(k, []).append(_record_at(spans, n))
        for group in found.values():
            groups.append((group[0][2], table, [(b, i) for b, i, _ in group]))
            firsts.setdefault(table, group[0][2])
    stats: dict[str, dict[str, int]] = {}
    for table in sorted(firsts, key=firsts.get):
        stats[table] = {"merged": 0, "conflicting": 0}
    known = _KnownKeys(blocks)
    for _, table, group in sorted(groups, key=lambda g: g[0]):
        _resolve(table, group, stats[table], known.of, version_words, known.files_copied)
    return stats


class _KnownKeys:
    """The keys of the records of a block, and of a file's blocks of a table, each worked out once when asked."""

    def __init__(self, blocks: list[Block]):
        self.blocks = blocks
        self.by_block: dict[int, set] = {}  # id(block) -> its keys
        self.by_file: dict[tuple[str, str], set] = {}  # (file, table) -> the keys of its records

    def of(self, block: Block) -> set:
        if id(block) not in self.by_block:
            self.by_block[id(block)] = set(_keys(block, TABLES[block.table].key))
        return self.by_block[id(block)]

    def files_copied(self, older: str, newer: str) -> bool:
        """Whether two files hold copies of one list (most of its records in both): reports of one series."""
        for table in TABLES:
            for file in (older, newer):
                if (file, table) not in self.by_file:
                    self.by_file[(file, table)] = {k for b in self.blocks if b.table == table and b.file == file
                                                   for k in self.of(b)}
            if carried_over(self.by_file[(older, table)], self.by_file[(newer, table)]):
                return True
        return False


def _resolve(table: str, group: list[tuple[Block, int]], s: dict[str, int], keys_of,
             version_words: frozenset[str] = frozenset(), files_copied=None) -> None:
    """One group of records with the same key: merged when exact or completing each other, else quarantined."""
    (fb, fi), rest = group[0], group[1:]
    first = _content(fb, fi)
    if (kept := kept_by_authority(group, _content)) is not None:  # an amendment's target over the annex's
        kb, ki = kept
        for b, i in group:
            if (b, i) != kept:
                b.set_status(i, "dropped")
                b.reasons[i] = f"superseded by {_where(kb, ki)} row {kb.rows[ki]}"
                s["merged"] += 1
        return
    exact = all(_content(b, i) == first for b, i in rest)
    latest = None if exact else latest_copy(group, keys_of, version_words, files_copied)
    if exact:
        why = f"exact duplicate of {_where(fb, fi)} row {fb.rows[fi]} (merged)"
    elif latest is not None and _erased(latest, group):  # a licence "juin 2023" taken back in the next copy
        _keep_only(latest, group, s, "older copy of a record: superseded by {} (the latest copy, which erased a value)")
        return
    elif (filled := _complementary(group)) is not None:
        for column, value in filled.items():
            fb.columns[column][fi] = value
        why = f"duplicate of {_where(fb, fi)} row {fb.rows[fi]}, its details read into it (merged)"
    elif latest is not None:  # a tracker copied into each year's workbook
        _keep_only(latest, group, s, "older copy of a record: superseded by {} (the latest copy)")
        return
    elif (ours := partnership_participant(table, group)) is not None:  # a consortium listed one row per participant
        _keep_only(ours, group, s, "another participant of the proposal: the partnership's is {}")
        return
    else:
        where = "; ".join(f"{_where(b, i)} row {b.rows[i]}" for b, i in group)
        for b, i in group:
            b.set_status(i, "quarantined")
            b.reasons[i] = f"conflicting duplicate of {', '.join(TABLES[table].key)}: {where}"
            s["conflicting"] += 1
        return
    for b, i in rest:
        b.set_status(i, "dropped")
        b.reasons[i] = why
        s["merged"] += 1
    fb.columns.setdefault("duplicate_sources", [None] * len(fb))  # a block of records may lack it
    fb.columns["duplicate_sources"][fi] = "; ".join(f"{_where(b, i)} row {b.rows[i]}" for b, i in rest)


def _keep_only(kept: tuple[Block, int], group: list[tuple[Block, int]], s: dict[str, int], why: str) -> None:
    """Keep one record of the group; the others are dropped, ``why`` naming the one kept, and named in its
    provenance."""
    kb, ki = kept
    older = [(b, i) for b, i in group if (b, i) != kept]
    for b, i in older:
        b.set_status(i, "dropped")
        b.reasons[i] = why.format(f"{_where(kb, ki)} row {kb.rows[ki]}")
        s["merged"] += 1
    kb.columns.setdefault("duplicate_sources", [None] * len(kb))
    kb.columns["duplicate_sources"][ki] = "; ".join(f"{_where(b, i)} row {b.rows[i]}" for b, i in older)


def _erased(latest: tuple[Block, int], group: list[tuple[Block, int]]) -> bool:
    """Whether the latest copy of a record leaves empty a column it has that an older copy filled: the value was
    taken back, not left out (a copy without the column leaves it to the others)."""
    lb, li = latest
    kept = lb.values(li)
    return any(column in lb.columns and column not in lb.unread and lb.columns[column][li] is not ABSENT
               and _empty(kept.get(column))
               for b, i in group if (b, i) != latest for column, value in b.values(i).items()
               if not column.startswith("__") and column not in PROVENANCE and not _empty(value))


def _complementary(group: list[tuple[Block, int]]) -> dict[str, object] | None:
    """The values the group's first record lacks and another gives, when no two records give two values of one
    column; None when they conflict."""
    given: dict[str, set[str]] = {}
    values: dict[str, object] = {}
    records = [b.values(i) for b, i in group]
    refined = refined_dates(records)  # "T4 2019" in one copy, "15/12/2019" in the next: the same date, known better
    for record in records:
        for column, value in record.items():
            if column.startswith("__") or column in PROVENANCE or _empty(value) or (
                    column.removesuffix(SUFFIX) in refined):
                continue
            # a text written in capitals in one list and not in another ("VAXDIAG", "Vaxdiag"): the same, the first kept
            given.setdefault(column, set()).add(fold(value) if isinstance(value, str) else str(value))
            values.setdefault(column, value)
    if any(len(texts) > 1 for texts in given.values()):
        return None
    for column, (date, precision) in refined.items():
        values[column], values[column + SUFFIX] = date, precision
    fb, fi = group[0]
    first = fb.values(fi)
    return {c: v for c, v in values.items() if c in fb.columns and (_empty(first.get(c))
                                                                    or c.removesuffix(SUFFIX) in refined)}


def _empty(value) -> bool:
    return value is None or value == "" or (isinstance(value, float) and value != value)


def _record_at(spans: list[tuple], n: int) -> tuple:
    """(block, record, position among all records) of the ``n``-th key compared by :func:`resolve_duplicates`."""
    first, b, start, accepted = spans[bisect_right(spans, n, key=lambda span: span[0]) - 1]
    i = n - first if accepted is None else accepted[n - first]
    return b, i, start + i


def duplicate_problems(blocks: list[Block]) -> list[Problem]:
    out = []
    for b in blocks:
        if b.status is None:
            continue
        key = TABLES[b.table].key
        for i, status in enumerate(b.status):
            if status == "quarantined" and i in b.reasons:
                shown = " / ".join(str(b.value(i, k)) for k in key)
                out.append(Problem(b.file, b.sheet, b.rows[i], b.table, ",".join(key), shown, b.reasons.pop(i),
                                   key=shown))
    return out