"""Benchmark snapshots: small, dated, sourced tables of aggregates built from public files.

A snapshot is a folder of CSV tables plus ``snapshot.json`` (each table's source: title, publisher, URL, licence,
the sha256 of the file read, its latest data year and when it was retrieved). The package ships one
(``benchmarks/snapshot/``) so that reports work offline; ``benchmarks update`` writes a newer one into the
reference folder's ``benchmarks/``, which then takes precedence.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import FatalInputError
from ..paths import PACKAGE_DIR
from ..resources import load_yaml
from ..storage import sha256_file
from . import horizon, ilab

SOURCES_FILE = PACKAGE_DIR / "benchmarks" / "sources.yaml"
PACKAGED_SNAPSHOT = PACKAGE_DIR / "benchmarks" / "snapshot"
MANIFEST = "snapshot.json"
TABLES = {  # table -> the sources it is built from
    "ilab_laureates": ("ilab",),
    "ilab_companies": ("ilab",),
    "horizon_projects": ("cordis_topics", "cordis_legal_basis"),
    "horizon_france_funding": ("ecorda_programmes",),
}

TEXT_COLUMNS = {"ilab_companies": {"region": "str", "siren": "str", "name_key": "str"}}  # SIRENs keep their zeros


@dataclass
class Snapshot:
    """Benchmark tables and where each comes from."""

    tables: dict[str, pd.DataFrame]
    sources: dict[str, dict]  # source id -> title, publisher, url, page, licence, sha256, latest_year, retrieved
    folder: Path | None = None
    region: dict = field(default_factory=dict)

    def source_of(self, table: str) -> list[dict]:
        return [self.sources[s] for s in TABLES[table] if s in self.sources]


def sources_config() -> dict:
    return load_yaml(SOURCES_FILE)


def find_source_files(folder: Path, config: dict | None = None) -> dict[str, Path]:
    """The local copy of each source found in ``folder`` (by the names listed in sources.yaml)."""
    config = config or sources_config()
    found = {}
    for source_id, source in config["sources"].items():
        for name in source["local_names"]:
            if (Path(folder) / name).is_file():
                found[source_id] = Path(folder) / name
                break
    return found


def build_snapshot(files: dict[str, Path], *, retrieved: dt.date | None = None) -> Snapshot:
    """The benchmark tables from local copies of the sources (``files``: source id -> path); a table whose
    sources are missing is left out."""
    config = sources_config()
    region = config["ilab_region"]
    tables: dict[str, pd.DataFrame] = {}
    if "ilab" in files:
        laureates = ilab.read_laureates(files["ilab"])
        tables["ilab_laureates"] = ilab.laureates_per_year(laureates, region=region["id"],
                                                           health_domains=config["ilab_health_domains"])
        tables["ilab_companies"] = ilab.laureate_companies(laureates, health_domains=config["ilab_health_domains"])
    if {"cordis_topics", "cordis_legal_basis"} <= set(files):
        tables["horizon_projects"] = horizon.projects_per_programme(
            files["cordis_topics"], files["cordis_legal_basis"], parts=config["programme_parts"],
            cancer_topic=config["cancer_mission_topic"])
    if "ecorda_programmes" in files:
        tables["horizon_france_funding"] = horizon.france_funding_per_programme(
            files["ecorda_programmes"], parts=config["programme_parts"])
    latest = {"ilab": _latest(tables.get("ilab_laureates"), "year"),
              "cordis_topics": _latest(tables.get("horizon_projects"), "call_year"),
              "cordis_legal_basis": _latest(tables.get("horizon_projects"), "call_year")}
    sources = {}
    for source_id, path in sorted(files.items()):
        meta = {k: config["sources"][source_id].get(k) for k in ("title", "publisher", "url", "page", "licence")}
        sources[source_id] = {
            **meta, "file": path.name, "sha256": sha256_file(path),
            "latest_year": latest.get(source_id), "as_of": _text(config["sources"][source_id].get("as_of")),
            "retrieved": (retrieved or dt.date.fromtimestamp(path.stat().st_mtime)).isoformat(),
        }
    return Snapshot(tables, sources, region=region)


def _latest(df: pd.DataFrame | None, column: str) -> int | None:
    return None if df is None or df.empty else int(df[column].max())


def _text(value) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


def write_snapshot(snapshot: Snapshot, folder: Path) -> Path:
    """Write the tables and ``snapshot.json`` into ``folder``, replacing it as a whole (never half-written)."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    umask = os.umask(0)
    os.umask(umask)
    partial.chmod(0o777 & ~umask)  # mkdtemp makes an owner-only folder; a snapshot is for every reader
    try:
        for name, df in sorted(snapshot.tables.items()):
            df.to_csv(partial / f"{name}.csv", index=False, lineterminator="\n")
        manifest = {"tables": sorted(snapshot.tables), "region": snapshot.region, "sources": snapshot.sources}
        (partial / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        old = folder.parent / f".{folder.name}.old"
        if folder.exists():
            os.replace(folder, old)
        os.replace(partial, folder)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return folder


def read_snapshot(folder: Path) -> Snapshot:
    """A snapshot written by :func:`write_snapshot`."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise FatalInputError(str(folder), "holds no readable benchmark snapshot (snapshot.json)",
                              "run 'partnership-metrics benchmarks update' again") from None
    tables = {name: pd.read_csv(folder / f"{name}.csv", dtype=TEXT_COLUMNS.get(name)) for name in manifest["tables"]}
    return Snapshot(tables, manifest["sources"], folder, manifest.get("region", {}))


def load_snapshot(reference_dir: Path | None = None) -> Snapshot:
    """The user's snapshot (``<reference>/benchmarks/``) when there is one, else the packaged snapshot."""
    if reference_dir is not None and (Path(reference_dir) / "benchmarks" / MANIFEST).is_file():
        return read_snapshot(Path(reference_dir) / "benchmarks")
    return read_snapshot(PACKAGED_SNAPSHOT)
