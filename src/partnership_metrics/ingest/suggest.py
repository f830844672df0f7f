"""What to tell the user about a sheet that could not be read: the table it resembles, the required columns it
lacks, the headers closest to each, and a draft entry of the mapping file that reads it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import yaml

from ..schemas import TABLES
from .reading import RawSheet
from .recognition import Recognition, Recogniser, header_cells

MIN_SIMILARITY = 0.35  # below this a header is not offered as a candidate for a column
# A sheet with more free header cells than this (an export 16 000 columns wide) has its spelling compared only for
# the headers that share a word with a column's synonyms, or whose letter triples are the closest
# (SPELLING_SHORTLIST of them): suggestions still come, in time linear in the number of headers.
EXACT_UP_TO = 300
SPELLING_SHORTLIST = 30


@dataclass
class ColumnGuess:
    """A header of the sheet proposed for a table column, with a confidence (0-1) and the alternatives."""

    column: str
    header: str | None
    confidence: float
    alternatives: list[tuple[str, float]] = field(default_factory=list)


def similarity(recogniser: Recogniser, table: str, column: str, header: str) -> float:
    """How close a header is to the ways of writing ``table.column`` (0-1): shared words, then spelling."""
    return _Similarity(recogniser, table, column)(header)


class _Similarity:
    """:func:`similarity` for one column, against many headers: the spelling of each synonym is prepared once, and
    a synonym whose quick upper bounds cannot beat the best so far is not compared letter by letter (the same
    result, in time linear in the number of headers with a small constant)."""

    def __init__(self, recogniser: Recogniser, table: str, column: str, floor: float = 0.0):
        self.floor = floor  # a similarity below it is as good as 0 to the caller: not worked out exactly
        self.words_of = recogniser.words_of
        self.synonyms = [(set(syn), difflib.SequenceMatcher(None, b=" ".join(syn)))
                         for syn in recogniser.synonyms[table][column]]

    def shortlist(self, headers: list[str]) -> list[str]:
        """``headers`` (in their order), or for a very wide sheet those that could be close: sharing a word with a
        synonym, or among the closest by letter triples."""
        if len(headers) <= EXACT_UP_TO:
            return headers
        words = set().union(*(synonym for synonym, _ in self.synonyms))
        triples = [_triples(" ".join(synonym)) for synonym, _ in self.synonyms]

        def closeness(header: str) -> float:
            own = _triples(" ".join(self.words_of(header)))
            return max((len(own & t) / len(own | t) for t in triples if own or t), default=0.0)

        sharing = {h for h in headers if words & set(self.words_of(h))}
        spelt = set(sorted(headers, key=closeness, reverse=True)[:SPELLING_SHORTLIST])
        return [h for h in headers if h in sharing or h in spelt]

    def __call__(self, header: str) -> float:
        words = self.words_of(header)
        if not words:
            return 0.0
        best = 0.0
        text, word_set = " ".join(words), set(words)
        for synonym, matcher in self.synonyms:
            best = max(best, len(synonym & word_set) / max(len(synonym | word_set), 1))
            matcher.set_seq1(text)
            bar = max(best, self.floor)
            if 0.9 * matcher.real_quick_ratio() <= bar or 0.9 * matcher.quick_ratio() <= bar:
                continue
            best = max(best, 0.9 * matcher.ratio())
        return round(best, 2)


def _triples(text: str) -> set[str]:
    padded = f" {text} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def guess_columns(recogniser: Recogniser, sheet: RawSheet, rec: Recognition) -> list[ColumnGuess]:
    """For every column of ``rec.table``: the header recognition gave it (confidence 1), or the closest unused
    header with its alternatives."""
    headers = [text for _, text in header_cells(_header_row(sheet, rec))]
    taken = {m.column: m.header for m in rec.columns}
    used = set(taken.values())
    free = [h for h in headers if h not in used]
    guesses = []
    for column in TABLES[rec.table].raw_column_names:
        if column in taken:
            guesses.append(ColumnGuess(column, taken[column], 1.0))
            continue
        close = _Similarity(recogniser, rec.table, column, floor=MIN_SIMILARITY - 0.01)
        ranked = sorted(((h, close(h)) for h in close.shortlist(free)), key=lambda x: -x[1])
        ranked = [(h, s) for h, s in ranked if s >= MIN_SIMILARITY][:3]
        best = ranked[0] if ranked else (None, 0.0)
        guesses.append(ColumnGuess(column, best[0], best[1], ranked[1:]))
    return guesses


def _header_row(sheet: RawSheet, rec: Recognition) -> list:
    from .recognition import two_row_header

    row = sheet.rows[rec.header_index]
    if rec.header_index > 0:
        row = two_row_header(sheet.rows[rec.header_index - 1], row) or row
    return row


def mapping_entry(sheet: RawSheet, rec: Recognition, guesses: list[ColumnGuess], *,
                  unpivot: dict | None = None) -> str:
    """A draft rule of ``mapping.yaml`` for this sheet (YAML text): every column's proposed header with its
    confidence, the alternatives as comments; columns with no candidate are left as comments to fill in."""
    rule = {"file": sheet.file}
    if sheet.sheet:
        rule["sheet"] = sheet.sheet
    rule["table"] = rec.table
    rule["header_row"] = sheet.first_row + rec.header_index
    head = yaml.safe_dump({"sheets": [rule]}, allow_unicode=True, sort_keys=False, width=1000).rstrip("\n")
    lines = [head, "    columns:"]
    required = set(TABLES[rec.table].required)
    for g in guesses:
        need = "required" if g.column in required else "optional"
        if g.header is None:
            if g.column in required and not (unpivot and g.column in unpivot.get("fills", ())):
                lines.append(f"      # \"<header of the {g.column} column>\": {g.column}   # {need}: no header looks like it")
            continue
        others = "; ".join(f"{h!r} {s:.0%}" for h, s in g.alternatives)
        comment = f"  # {need}, confidence {g.confidence:.0%}" + (f"; or {others}" if others else "")
        lines.append(f"      {_quoted(g.header)}: {g.column}{comment}")
    if unpivot:
        lines.append("    unpivot:")
        lines.append(f"      into: {unpivot['into']}                  # the value of each cell")
        lines.append(f"      key: {unpivot['key']}                    # what each column header says")
        lines.append("      columns: [" + ", ".join(_quoted(h) for h in unpivot["columns"]) + "]")
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
