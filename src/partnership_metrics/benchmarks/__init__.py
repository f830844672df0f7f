"""External benchmarks from public open data (i-Lab laureates, Horizon Europe projects and funding), as small,
dated, sourced tables: a snapshot ships with the package; ``partnership-metrics benchmarks update`` refreshes it."""

from __future__ import annotations

from .snapshot import Snapshot, build_snapshot, find_source_files, load_snapshot, read_snapshot, write_snapshot

__all__ = ["Snapshot", "build_snapshot", "find_source_files", "load_snapshot", "read_snapshot", "write_snapshot"]
