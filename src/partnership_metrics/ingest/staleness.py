"""Stale tables: warn when the raw files changed since the ingestion that produced the processed tables."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape

from ..storage import raw_dir_of, read_manifest, sha256_file
from .fingerprint import raw_files


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
    shown = _name_masker()
    current = {shown(p.relative_to(raw).as_posix()): p for p in files}
    changed = sorted(set(recorded) ^ set(current))
    changed += sorted(name for name in set(recorded) & set(current) if sha256_file(current[name]) != recorded[name])
    return changed


def _name_masker():
    """File names as ingestion shows them (a person in them pseudonymised with the run's key), or as they are when
    no key is there to read (nothing is created here)."""
    import os

    from ..privacy import person_titles
    from .pseudonymise import KEY_ENV, Pseudonymiser, check_key, key_file

    try:
        key = os.environ[KEY_ENV].strip().encode("utf-8") if KEY_ENV in os.environ else None
        if key is None and key_file().is_file():
            key = key_file().read_bytes()[:4096].strip()
        if not key:
            return lambda name: name
        return Pseudonymiser(check_key(key, "key"), person_titles()).mask
    except Exception:  # a key that cannot be read: the names as they are (ingest says what is wrong with the key)
        return lambda name: name


def warn_if_stale(processed_dir: Path, console: Console) -> list[str]:
    """Print a clear warning when the tables are older than the raw files; returns the changed files."""
    changed = changed_raw_files(processed_dir)
    if changed:
        shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
        console.print(f"[bold yellow]warning:[/] the raw files changed since the last ingest ({escape(shown)}): "
                      "these tables are stale; run 'partnership-metrics ingest' to update them.")
    return changed
