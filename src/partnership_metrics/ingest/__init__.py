"""Stage 1, ingestion: raw partner spreadsheets -> validated tidy tables, quarantine and ingestion report.

``ingest(raw_dir)`` (in :mod:`.ingestion`) does the work in memory; :mod:`.command` writes the outputs through
:mod:`partnership_metrics.storage`. The steps, one module each: :mod:`.reading` (files -> grids of cells),
:mod:`.recognition` (which table, which header row, which column), :mod:`.normalising` (rows -> typed records,
quarantine, dropped rows) with :mod:`.parsers` (values), :mod:`.codebook` (labels -> codes), :mod:`.institutions`
and :mod:`.pseudonymise`; :mod:`.assemble` builds the validated tables. What these steps know of how people write
things is one :class:`~.vocabulary.Vocabulary`, loaded at the start of a run and passed to them; the key is
resolved there too (:func:`.pseudonymise.resolve_key`). Importing a module reads no file.
"""

from __future__ import annotations

__all__ = ["IngestResult", "ingest", "input_fingerprint"]


def __getattr__(name: str):  # keep `import partnership_metrics.ingest` light: pandas loads only when used
    if name in __all__:
        from . import ingestion

        return getattr(ingestion, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
