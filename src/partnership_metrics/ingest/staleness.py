"""Stale tables: warn when the raw files changed since the ingestion that produced the processed tables."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape

from ..storage import raw_dir_of, read_manifest
from .ingestion import raw_files, sha256_file


def changed_raw_files(processed_dir: Path) -> list[str]:
    """Raw files added, removed or modified since the last ingest into ``processed_dir`` (empty when unknown)."""
    manifest = read_manifest(processed_dir)
    if not manifest:
        return []
    raw = raw_dir_of(manifest)
    if raw is None or not raw.is_dir():
        return []
    recorded = {f["path"]: f["sha256"] for f in manifest.get("files", [])}
    files, _ = raw_files(raw)
    current = {p.relative_to(raw).as_posix(): p for p in files}
    changed = sorted(set(recorded) ^ set(current))
    changed += sorted(name for name in set(recorded) & set(current) if sha256_file(current[name]) != recorded[name])
    return changed


def warn_if_stale(processed_dir: Path, console: Console) -> list[str]:
    """Print a clear warning when the tables are older than the raw files; returns the changed files."""
    changed = changed_raw_files(processed_dir)
    if changed:
        shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
        console.print(f"[bold yellow]warning:[/] the raw files changed since the last ingest ({escape(shown)}): "
                      "these tables are stale; run 'partnership-metrics ingest' to update them.")
    return changed
