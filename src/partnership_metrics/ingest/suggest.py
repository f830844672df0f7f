"""What to tell the user about a sheet that could not be read: the table it resembles, the required columns it
lacks, the headers closest to each, and a draft entry of the mapping file that reads it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import yaml

from ..schemas import TABLES
from .reading import RawSheet
from .recognition import Recognition, Recogniser, header_cells, header_unit

MIN_SIMILARITY = 0.35  # below this a header is not offered as a candidate for a column


@dataclass
class ColumnGuess:
    """A header of the sheet proposed for a table column, with a confidence (0-1) and the alternatives."""

    column: str
    header: str | None
    confidence: float
    alternatives: list[tuple[str, float]] = field(default_factory=list)


def similarity(recogniser: Recogniser, table: str, column: str, header: str) -> float:
    """How close a header is to the ways of writing ``table.column`` (0-1): shared words, then spelling."""
    words = recogniser.header_tokens(header_unit(header)[0])
    if not words:
        return 0.0
    best = 0.0
    text = " ".join(words)
    for synonym in recogniser.synonyms[table][column]:
        shared = len(set(synonym) & set(words)) / max(len(set(synonym) | set(words)), 1)
        spelling = difflib.SequenceMatcher(None, " ".join(synonym), text).ratio()
        best = max(best, shared, 0.9 * spelling)
    return round(best, 2)


def guess_columns(recogniser: Recogniser, sheet: RawSheet, rec: Recognition) -> list[ColumnGuess]:
    """For every column of ``rec.table``: the header recognition gave it (confidence 1), or the closest unused
    header with its alternatives."""
    headers = [text for _, text in header_cells(_header_row(sheet, rec))]
    taken = {m.column: m.header for m in rec.columns}
    free = [h for h in headers if h not in taken.values()]
    guesses = []
    for column in TABLES[rec.table].raw_column_names:
        if column in taken:
            guesses.append(ColumnGuess(column, taken[column], 1.0))
            continue
        ranked = sorted(((h, similarity(recogniser, rec.table, column, h)) for h in free), key=lambda x: -x[1])
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
