"""``partnership-metrics benchmarks update``: fetch the public files (or take local copies) and rebuild the
benchmark snapshot in the reference folder."""

from __future__ import annotations

import datetime as dt
import shutil
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path

from ..errors import FatalInputError
from .snapshot import TABLES, Snapshot, build_snapshot, find_source_files, load_snapshot, sources_config, write_snapshot

TIMEOUT_SECONDS = 60
MAX_DOWNLOAD_BYTES = 500 * 1024 * 1024


def download_sources(folder: Path, progress: Callable[[str], None] | None = None) -> dict[str, Path]:
    """Download every source that has a URL into ``folder``; a one-line error naming the first that fails."""
    folder.mkdir(parents=True, exist_ok=True)
    config = sources_config()["sources"]
    done: dict[str, Path] = {}
    archives: dict[str, Path] = {}
    for source_id, source in config.items():
        url = source.get("url")
        if not url:
            continue
        if progress:
            progress(f"downloading {source_id}")
        if url.endswith(".zip"):
            if url not in archives:
                archives[url] = _download(url, folder / Path(url).name)
            with zipfile.ZipFile(archives[url]) as zf:
                member = next((n for n in zf.namelist() if Path(n).name == source["file"]), None)
                if member is None:
                    raise FatalInputError(url, f"holds no {source['file']}", "check the address in sources.yaml")
                with zf.open(member) as src, open(folder / source["file"], "wb") as dst:
                    shutil.copyfileobj(src, dst)
            done[source_id] = folder / source["file"]
        else:
            done[source_id] = _download(url, folder / source["file"])
    return done


def _download(url: str, target: Path) -> Path:
    partial = target.with_name(target.name + ".part")
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response, open(partial, "wb") as out:
            size = 0
            while chunk := response.read(1 << 20):
                size += len(chunk)
                if size > MAX_DOWNLOAD_BYTES:
                    raise FatalInputError(url, "is larger than expected", "check the address in sources.yaml")
                out.write(chunk)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        partial.unlink(missing_ok=True)
        reason = getattr(exc, "reason", exc)
        raise FatalInputError(url, f"cannot be downloaded ({reason})",
                              "check the network, or download the files yourself and run "
                              "'partnership-metrics benchmarks update --from DIR'") from None
    partial.replace(target)
    return target


def update(reference_dir: Path, *, from_dir: Path | None = None, retrieved: dt.date | None = None,
           progress: Callable[[str], None] | None = None) -> tuple[Snapshot, Path]:
    """Rebuild the snapshot into ``<reference_dir>/benchmarks/`` from ``from_dir`` (local copies) or from
    downloads, keeping the previous snapshot's tables whose sources were not available."""
    if from_dir is not None:
        if not Path(from_dir).is_dir():
            raise FatalInputError(str(from_dir), "no such folder", "give the folder holding the public files")
        files = find_source_files(Path(from_dir))
    else:
        files = download_sources(Path(reference_dir) / "benchmarks_sources", progress)
        retrieved = dt.date.today()
    if not files:
        raise FatalInputError(str(from_dir), "holds none of the public files (see benchmarks/sources.yaml)",
                              "give the folder that holds them")
    snapshot = build_snapshot(files, retrieved=retrieved)
    try:
        previous = load_snapshot(reference_dir)
    except FatalInputError:  # no snapshot yet: nothing to keep
        previous = Snapshot({}, {})
    for table, source_ids in TABLES.items():  # tables not rebuilt this time keep their previous figures
        if table not in snapshot.tables and table in previous.tables:
            snapshot.tables[table] = previous.tables[table]
            snapshot.sources.update({s: previous.sources[s] for s in source_ids if s in previous.sources})
    return snapshot, write_snapshot(snapshot, Path(reference_dir) / "benchmarks")
