"""What an ingestion gives: its tables, and for each raw file and sheet what was read, kept, quarantined, dropped."""

from __future__ import annotations

from dataclasses import dataclass, field

from .missing_tables import MissingTable
from .normalising import Dropped, Problem, SheetResult


@dataclass
class RawFile:
    path: str  # relative to the raw folder
    sha256: str
    bytes: int


@dataclass
class IngestResult:
    arrows: dict  # table name -> Arrow table, as written to Parquet (only tables found, plus institutions)
    sheets: list[SheetResult]
    files: list[RawFile]
    ignored: list[str]
    problems: list[Problem]
    cell_problems: list[Problem]  # optional cells emptied (their rows accepted)
    dropped: list[Dropped]
    unknown_institutions: dict[str, int]
    mapped_to_other: dict[tuple[str, str, str], int]
    abbreviations: dict[tuple[str, str, str], tuple[str, int]]
    duplicates: dict[str, dict[str, int]]
    links: dict[str, int]
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    alias_hint: str = ""  # what to do about institutions counted as OTHER (names the run's reference folder)
    institutions_by_spelling: dict[str, str] = field(default_factory=dict)  # name with a typo -> code read
    untied_references: list[tuple[str, str]] = field(default_factory=list)  # (table, text) naming no project
    missing: list[MissingTable] = field(default_factory=list)  # data tables no sheet was read as
    _tables: dict | None = field(default=None, repr=False)

    @property
    def tables(self) -> dict:
        """Table name -> DataFrame (the Arrow tables, in memory; made on first use: writing the outputs needs no
        pandas)."""
        if self._tables is None:
            from ..tables import to_frame

            self._tables = {name: to_frame(name, arrow) for name, arrow in self.arrows.items()}
        return self._tables
