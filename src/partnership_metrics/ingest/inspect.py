"""``partnership-metrics inspect``: read a raw folder as ``ingest`` would, write nothing, and draft the mapping
file that reads what recognition could not (sheets not read), could only guess (low confidence) or read wide, and
the sheets that might hold a data table no sheet was read as.

The user checks the draft, completes the placeholder lines of columns nobody could find, saves it as
``mapping.yaml`` and runs ``ingest`` again: the assistant never decides silently.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from ..display import sheet_label
from .ingestion import ingest
from .pseudonymise import Pseudonymiser
from .reading import ReadLimits
from .suggest import draft_file


@dataclass
class Inspection:
    """What ``inspect`` found: the draft mapping file and the sheets it covers."""

    draft: str
    not_read: list[str]  # "file [sheet]" of the sheets that could not be read
    low_confidence: list[str]
    wide: list[str]
    read: int  # sheets read as a table
    missing: dict[str, list[str]] = field(default_factory=dict)  # data table no sheet was read as -> sheets that might


def inspect_folder(raw_dir: Path, *, mapping: Path | None = None, reference: Path | None = None,
                   limits: ReadLimits = ReadLimits()) -> Inspection:
    """Inspect ``raw_dir`` (nothing is written; people's names are hashed with a throw-away key, never shown)."""
    result = ingest(raw_dir, mapping=mapping, reference=reference, limits=limits,
                    pseudonymiser=Pseudonymiser(secrets.token_bytes(32)))
    where = [(s, sheet_label(s.file, s.sheet)) for s in result.sheets]
    not_read = [w for s, w in where if s.skipped]
    wide = [w for s, w in where if s.table and s.note.startswith("wide sheet")]
    low = [w for s, w in where if s.table and s.suggestion and w not in wide]
    entries = [s.suggestion for s, _ in where if s.suggestion]
    entries += [c.suggestion for m in result.missing for c in m.candidates]  # the sheets that might hold them
    missing = {m.table: [sheet_label(c.file, c.sheet) for c in m.candidates] for m in result.missing}
    return Inspection(draft_file(entries, str(raw_dir)), not_read, low, wide,
                      read=sum(1 for s, _ in where if s.table), missing=missing)
