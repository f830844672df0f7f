"""Reports reused when nothing changed: the fingerprint of a ``report`` run, recorded in its ``manifest.json``.

A run's fingerprint holds everything its files are made from: the request (kinds, period, year, baseline,
languages, formats, the partnership file given with ``--config`` and that file's content), the processed folder
(every file's sha256: the tables, the ingestion report, the partnership copy), the ingest history beside it (the
"what changed" section reads it), the notebooks run (path and sha256), the package's own files (code, templates,
CSS, vocabularies and UI strings, the packaged partnership), the versions of the libraries that render, and the
Chromium that prints. The manifest also records the sha256 of every file written. An unchanged run (same
fingerprint, same output folder, every file there and unedited) reuses them; anything else renders again.

It is computed without importing pandas, nbconvert or the notebooks' code, so that a reused run takes well under
a second. The cover's "rendered on" date is not part of it: a reused report keeps the date it was rendered on.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .. import paths
from ..resources import notebook
from ..storage import sha256_file

FINGERPRINT_VERSION = 1  # bump when what goes into the fingerprint changes
_SKIPPED_PACKAGE_PARTS = ("__pycache__", "_bundled/sample")  # the demo's spreadsheets make no report


def processed_hashes(processed_dir: Path) -> dict[str, str]:
    """sha256 of each file of the processed folder (the tables and reports, not the folder's marker)."""
    return {p.name: sha256_file(p) for p in sorted(Path(processed_dir).glob("*"))
            if p.is_file() and not p.name.startswith(".")}


def _history_hashes(processed_dir: Path) -> dict[str, str]:
    """sha256 of the run records of the ingest history beside ``processed_dir`` (its stored files are named by
    their sha256, so the records say everything)."""
    from ..ingest.history import history_dir  # light: the history module reads JSON only

    runs = history_dir(Path(processed_dir)) / "runs"
    return {p.name: sha256_file(p) for p in sorted(runs.glob("*.json"))} if runs.is_dir() else {}


def package_hash() -> str:
    """One sha256 over the package's own files (relative path and content): its code, templates, stylesheets,
    vocabularies, UI strings and packaged partnership; a checkout edited since the last run gives another."""
    root = paths.PACKAGE_DIR
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if not path.is_file() or any(part in relative for part in _SKIPPED_PACKAGE_PARTS):
            continue
        digest.update(relative.encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _chromium(formats: tuple[str, ...]) -> str:
    """The Chromium that prints the PDFs (path, size and modification time: another version prints otherwise)."""
    if "pdf" not in formats:
        return ""
    from .browser import BrowserNotFoundError, find_chromium

    try:
        found = find_chromium()
    except BrowserNotFoundError:
        return ""
    if not found:
        return ""
    real = os.path.realpath(found)
    stat = os.stat(real)
    return f"{real} {stat.st_size} {stat.st_mtime_ns}"


def fingerprint(processed_dir: Path, request: dict, *, formats: tuple[str, ...], notebooks: dict[str, str],
                config: Path | None = None) -> dict:
    """What a report run is made from (see the module's docstring), as a dict with its own ``sha256``.

    ``request`` holds the command's options as given (kinds, period, year, baseline, languages), ``formats`` the
    formats asked for, ``notebooks`` the notebook file of each kind run, ``config`` the partnership file given.
    """
    from .runner import library_versions

    processed_dir = Path(processed_dir)
    parts = {
        "version": FINGERPRINT_VERSION,
        "request": {**request, "formats": list(formats)},
        "config": ({"path": str(Path(config).resolve()), "sha256": sha256_file(Path(config))}
                   if config else None),
        "processed_dir": str(processed_dir.resolve()),
        "processed": processed_hashes(processed_dir),
        "history": _history_hashes(processed_dir),
        "notebooks": {kind: {"path": str(Path(path).resolve()), "sha256": sha256_file(Path(path))}
                      for kind, path in sorted(notebooks.items())},
        "package": package_hash(),
        "versions": library_versions(),
        "chromium": _chromium(formats),
        "project_root": str(paths.PROJECT_ROOT),
    }
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False)
    return {"sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), **parts}


def notebooks_of(kinds) -> dict[str, str]:
    """The notebook file each kind of report runs (the working folder's own copy if there)."""
    from .runner import KINDS

    return {kind: str(notebook(KINDS[kind])) for kind in kinds}


def output_hashes(out_dir: Path, reports: list[dict]) -> dict[str, str]:
    """sha256 of every file a run wrote (the notebooks, HTML and PDF of each report)."""
    return {name: sha256_file(Path(out_dir) / name) for report in reports for name in report["files"].values()}


def reusable(out_dir: Path, current: dict, formats: tuple[str, ...]) -> dict | None:
    """The manifest of the reports in ``out_dir`` when they can be reused: made from the same fingerprint as
    ``current``, in every format asked for, and every file still there and unedited; else None."""
    out_dir = Path(out_dir)
    try:
        manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict):
        return None
    recorded = manifest.get("fingerprint") or {}
    if not isinstance(recorded, dict) or recorded.get("sha256") != current["sha256"]:
        return None
    if list((manifest.get("options") or {}).get("formats") or ()) != list(formats):
        return None  # e.g. the PDF were left out last time because no Chromium was found
    outputs, reports = manifest.get("outputs"), manifest.get("reports")
    if not isinstance(outputs, dict) or not outputs or not isinstance(reports, list):
        return None
    wanted = {name for report in reports for name in (report.get("files") or {}).values()}
    if wanted != set(outputs):
        return None
    for name, sha in outputs.items():
        path = out_dir / name
        if not path.is_file() or sha256_file(path) != sha:
            return None
    return manifest
