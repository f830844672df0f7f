"""Stage 1, ingestion: raw partner spreadsheets -> validated tidy tables, quarantine and ingestion report.

``ingest(raw_dir)`` (in :mod:`.ingestion`) does the work in memory; :mod:`.command` writes the outputs through
:mod:`partnership_metrics.storage`. The steps, one module each: :mod:`.reading` (files -> grids of cells),
:mod:`.recognition` (which table, which header row, which column), :mod:`.normalising` (rows -> typed records,
quarantine, dropped rows) with :mod:`.parsers` (values), :mod:`.codebook` (labels -> codes), :mod:`.institutions`
and :mod:`.pseudonymise`; :mod:`.assemble` builds the validated tables.
"""

from __future__ import annotations

__all__ = ["IngestResult", "ingest", "input_fingerprint"]


def __getattr__(name: str):  # keep `import partnership_metrics.ingest` light: pandas loads only when used
    if name in __all__:
        from . import ingestion

        return getattr(ingestion, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
