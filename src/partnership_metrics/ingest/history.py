"""A small history of what ``ingest`` wrote, so that the next run can say what changed since the previous one.

It lives beside the processed folder, in ``<name>_history/`` (``data/processed_history/`` for ``data/processed/``),
because the processed folder itself is replaced at each ingest::

    objects/<sha256>     each file kept, stored once by its content (a table that did not change is not copied)
    runs/<id>.json       one per distinct run: its id, when it was first and last written, the raw folder, the raw
                         files (path, sha256, bytes) and the files kept (name -> sha256)

A run keeps the tidy tables (Parquet), ``ingest_report.json``, ``partnership.yaml`` and ``manifest.json``; never the
quarantine files. Its id is the start of the sha256 of the tables and the partnership file (the manifest and the
ingestion report left out: they hold the raw folder, the package version, timings), so two ingests that wrote the
same tables are one run, last seen at the second (with the second's manifest and report).
Only the :data:`KEEP` runs seen last are kept; the files no kept run uses are deleted. Nothing here is needed to
compute KPIs or reports: deleting the folder only loses the comparison with earlier runs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..display import sheet_label
from ..errors import PartnershipMetricsError
from ..partnership import FILE_NAME as PARTNERSHIP_FILE
from ..storage import CUSTOM_KPIS, MANIFEST, REPORT, read_manifest, sha256_file

SUFFIX = "_history"
KEEP = 10  # distinct runs kept: enough to compare with the last reviews, small enough to forget (a few MB)
ID_LENGTH = 12


def history_dir(processed: Path) -> Path:
    """The history folder of ``processed``: its sibling ``<name>_history``."""
    processed = Path(processed)
    return processed.parent / f"{processed.name}{SUFFIX}"


def _kept(name: str) -> bool:
    return name.endswith(".parquet") or name in (REPORT, PARTNERSHIP_FILE, MANIFEST, CUSTOM_KPIS)


@dataclass(frozen=True)
class Run:
    """One ingest kept in the history: ``id``, ``first_seen`` and ``last_seen`` (ISO times, UTC), ``raw_dir`` (as
    the manifest wrote it), ``files`` (the raw files: ``path``, ``sha256``, ``bytes``) and ``outputs`` (kept file
    name -> sha256)."""

    id: str
    first_seen: str
    last_seen: str
    raw_dir: str
    files: tuple[dict, ...]
    outputs: dict[str, str]
    folder: Path = field(compare=False, repr=False)

    def path(self, name: str) -> Path:
        """Where the kept file ``name`` of this run is stored."""
        return self.folder / "objects" / self.outputs[name]

    def manifest(self) -> dict:
        return json.loads(self.path(MANIFEST).read_text(encoding="utf-8")) if MANIFEST in self.outputs else {}

    def report(self) -> dict:
        return json.loads(self.path(REPORT).read_text(encoding="utf-8")) if REPORT in self.outputs else {}

    def table_names(self) -> list[str]:
        return sorted(name[: -len(".parquet")] for name in self.outputs if name.endswith(".parquet"))

    def tables(self):
        """The run's tidy tables, as :func:`partnership_metrics.load` gives them (a ``TableSet``)."""
        import pyarrow.parquet as pq

        from ..schemas import TABLES
        from ..tables import TableSet, to_frame

        not_read: dict[str, list[str]] = {}
        for sheet in self.report().get("skipped_sheets") or []:
            where = sheet_label(sheet["file"], sheet.get("sheet"))
            not_read.setdefault(sheet["table"], []).append(where)
        tables = TableSet(not_read=not_read)
        for name in TABLES:
            if f"{name}.parquet" in self.outputs:
                tables[name] = to_frame(name, pq.read_table(self.path(f"{name}.parquet")))
        return tables

    def partnership(self):
        """The partnership file the run used (the packaged one when it kept none)."""
        from ..partnership import default_partnership, read_partnership

        if PARTNERSHIP_FILE not in self.outputs:
            return default_partnership()
        return read_partnership(self.path(PARTNERSHIP_FILE))

    def as_dict(self) -> dict:
        return {"id": self.id, "first_seen": self.first_seen, "last_seen": self.last_seen, "raw_dir": self.raw_dir,
                "files": list(self.files), "outputs": self.outputs}


def _write_atomically(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


class _FolderRun(Run):
    """The outputs of a processed folder read where they are (a run not kept in the history)."""

    def path(self, name: str) -> Path:
        return self.folder / name


def _snapshot(processed: Path) -> tuple[dict, dict, str] | None:
    """``(manifest, outputs, run id)`` of the ingest now in ``processed``; None when it holds no complete one."""
    manifest = read_manifest(processed)
    if not manifest or not manifest.get("outputs"):
        return None
    names = sorted(name for name in [*manifest["outputs"], MANIFEST] if _kept(name) and (processed / name).is_file())
    outputs = {name: sha256_file(processed / name) for name in names}
    content = json.dumps({n: s for n, s in outputs.items() if n not in (MANIFEST, REPORT)}, sort_keys=True)
    return manifest, outputs, hashlib.sha256(content.encode("utf-8")).hexdigest()[:ID_LENGTH]


def current_run(processed: Path) -> Run | None:
    """The run now in ``processed``: the history's run with the same outputs, else one read from the folder itself
    (its times: when its manifest was written); None when ``processed`` holds no complete ingest."""
    processed = Path(processed)
    snapshot = _snapshot(processed)
    if snapshot is None:
        return None
    manifest, outputs, run_id = snapshot
    for run in runs(processed):
        if run.id == run_id:
            return run
    written = dt.datetime.fromtimestamp((processed / MANIFEST).stat().st_mtime, dt.UTC).isoformat()
    return _FolderRun(run_id, written, written, str(manifest.get("raw_dir", "")), tuple(manifest.get("files") or ()),
                      outputs, processed)


def record(processed: Path, *, keep: int = KEEP) -> Run | None:
    """Keep the outputs now in ``processed`` as a run of its history (or mark that run seen again) and prune the
    history to the ``keep`` runs seen last; the run, or None when ``processed`` holds no complete ingest."""
    processed = Path(processed)
    snapshot = _snapshot(processed)
    if snapshot is None:
        return None
    manifest, outputs, run_id = snapshot
    folder = history_dir(processed)
    for name, sha in outputs.items():
        target = folder / "objects" / sha
        if not target.is_file():
            _write_atomically(target, lambda tmp, name=name: shutil.copyfile(processed / name, tmp))
    now = _now()
    previous = _read_run(folder / "runs" / f"{run_id}.json", folder)
    run = Run(run_id, previous.first_seen if previous else now, now, str(manifest.get("raw_dir", "")),
              tuple(manifest.get("files") or ()), outputs, folder)
    _write_atomically(folder / "runs" / f"{run_id}.json",
                      lambda tmp: tmp.write_text(json.dumps(run.as_dict(), ensure_ascii=False, indent=1) + "\n",
                                                 encoding="utf-8"))
    prune(folder, keep=keep)
    return run


def _read_run(path: Path, folder: Path) -> Run | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Run(data["id"], data["first_seen"], data["last_seen"], data.get("raw_dir", ""),
                   tuple(data.get("files") or ()), dict(data["outputs"]), folder)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def runs(processed_or_history: Path) -> list[Run]:
    """The runs kept beside ``processed`` (or in a history folder), the one seen last first."""
    folder = Path(processed_or_history)
    if not (folder / "runs").is_dir():
        folder = history_dir(folder)
    found = [r for r in (_read_run(p, folder) for p in sorted((folder / "runs").glob("*.json"))) if r is not None]
    complete = [r for r in found if all((folder / "objects" / sha).is_file() for sha in r.outputs.values())]
    return sorted(complete, key=lambda r: r.last_seen, reverse=True)


def prune(folder: Path, *, keep: int = KEEP) -> None:
    """Keep the ``keep`` runs seen last in the history ``folder`` and the files they use; delete the rest."""
    folder = Path(folder)
    kept = runs(folder)[:keep]
    ids = {r.id for r in kept}
    for path in (folder / "runs").glob("*.json"):
        if path.stem not in ids:
            path.unlink(missing_ok=True)
    used = {sha for r in kept for sha in r.outputs.values()}
    for path in (folder / "objects").glob("*"):
        if path.name not in used and not path.name.startswith("."):
            path.unlink(missing_ok=True)


class RunNotFound(PartnershipMetricsError):
    """No run of the history matches what was asked (the message lists the runs kept)."""


def find_run(processed: Path, wanted: str) -> Run:
    """The run whose id starts with ``wanted`` (at least 4 characters), or whose first or last time starts with it
    (``2024-03-01``), the latest of those; :class:`RunNotFound` listing the runs kept otherwise."""
    kept = runs(processed)
    wanted = str(wanted).strip()
    by_id = [r for r in kept if len(wanted) >= 4 and r.id.startswith(wanted)]
    by_time = [r for r in kept if r.last_seen.startswith(wanted) or r.first_seen.startswith(wanted)]
    found = by_id or by_time
    if not found:
        listing = ", ".join(f"{r.id} ({r.last_seen[:19]})" for r in kept) or "none"
        raise RunNotFound(f"no run {wanted!r} in {history_dir(Path(processed))} (runs kept: {listing})")
    return found[0]
