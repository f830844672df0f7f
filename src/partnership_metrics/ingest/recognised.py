"""What recognition finds in a sheet: which table, where its header is, which sheet column is which table column
(:mod:`.recognition` finds them; the other steps read them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..schemas import TABLES

MADE_ID_COLUMNS = {"funding": "funding_id"}  # table -> its id, which no other table refers to: made from where a
# line is when a list has none (line_ids.py)
EXACT = 1000  # a header's score from it up: one of the column's names in the vocabulary (recognition.py), not a close
# spelling (an exact match scores more than it, a match of all a name's words inside the header exactly it)
NAMED = {"startups": "name"}  # table -> the column naming a record, its id when a list keeps none (name_keys.py)


def truly_missing(table: str, missing: list[str], read: set[str]) -> list[str]:
    """The required columns of ``missing`` a list of ``table`` lacks, its id aside when a column ``read`` names
    each record (a portfolio of start-ups known by their names)."""
    named_by = NAMED.get(table)
    return [c for c in missing if named_by not in read or c not in TABLES[table].key]

if TYPE_CHECKING:
    from .targets import TargetGrid


@dataclass
class ColumnMatch:
    index: int  # column index in the sheet's rows
    header: str
    column: str
    multiplier: float | None = None  # from the header's unit (money columns)
    labels: bool = False  # institutions or codes found among each cell's labels (a board's): a cell naming none has none
    label_words: frozenset[str] = frozenset()  # a yes/no column: the words of the label saying yes ("laureat i lab")


@dataclass
class Recognition:
    """A sheet recognised as a table: where its header is, and which sheet column is which table column."""

    table: str
    header_index: int  # index in RawSheet.rows
    columns: list[ColumnMatch]  # persons may have several (name, first name, e-mail)
    unknown: list[str] = field(default_factory=list)  # headers of columns kept out of the tables
    missing_required: list[str] = field(default_factory=list)
    score: float = 0.0
    via_mapping: bool = False
    grid: TargetGrid | None = None  # targets kept as a grid (one row per KPI, one column per year): see targets.py
    confidence: float = 1.0  # 0-1: how sure recognition is (see Recogniser.confidence); a mapping rule is sure
    # The parent key the sheet has no column for: its rows belong to the event or start-up that the file name, the
    # sheet name or a title row names ("EV2103.csv"); see linking.py.
    context_key: str | None = None
    # Required columns read from a header only close to their names, with values that fit: column -> (header,
    # similarity); see suggest.complete_by_guess. Listed in the ingestion report.
    guessed: dict[str, tuple[str, float]] = field(default_factory=dict)
    # Headers of the same layout below the one the table is read under, worded otherwise (an e-mail's table and the
    # quoted earlier message's): rows holding one of them are repeated headers, not data. See first_header_of_layout.
    repeated_headers: tuple[tuple[str, ...], ...] = ()
    # Columns of another table read from the same rows (a start-up's fields on each of its rounds): not this table's
    # flags ("Lauréat i-Lab: Oui" says the company won, not that each round is a grant). See parent_rows.py.
    foreign: frozenset[int] = frozenset()
    # Required columns the sheet leaves to another (a register's detection date to the log of its milestones): its
    # rows are read without them, then quarantined if nothing completes them. See current_stage.py.
    pending: frozenset[str] = frozenset()

    @property
    def mapped_indexes(self) -> set[int]:
        return {m.index for m in self.columns} | (self.grid.indexes if self.grid is not None else set())

    @property
    def period_indexes(self) -> set[int]:
        """Where the periods are ("Total convention" there is a period, not a total row)."""
        return {m.index for m in self.columns if TABLES[self.table].column(m.column).kind == "period"}

    def by_column(self) -> dict[str, list[ColumnMatch]]:
        out: dict[str, list[ColumnMatch]] = {}
        for m in self.columns:
            out.setdefault(m.column, []).append(m)
        return out
