"""The processed folder: Parquet tables, ingestion report, quarantine, the partnership file, manifest — written
aside, then swapped in.

Writes go to a sibling temporary folder; only when everything is written is it swapped with the previous
``data/processed/``, so an interrupted ingest (an exception, a kill) leaves the previous outputs intact.
The same raw files give byte-identical Parquet files (fixed schema, order and writer options, no timestamps).

Folders the tool writes (tidy tables, reports) carry a marker, ``.partnership-metrics.json``: which kind of output
the folder is and the files the tool wrote there. A folder is replaced only when it is new, empty, or marked as
that kind of output with nothing else in it: anything else is refused (:func:`check_replaceable`), so ``--out``
never deletes a user's files. A lock beside the folder (:func:`output_lock`) stops a second run writing the same
folder at the same time.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from . import __version__, paths
from .errors import FatalInputError, PartnershipMetricsError
from .partnership import FILE_NAME as PARTNERSHIP  # the copy of the ingest's partnership file (reports read it)

CUSTOM_KPIS = "custom_kpis.yaml"  # the user's own KPIs (reference folder), copied beside the tables by ingest
from .display import sheet_label
from .schemas import TABLES

MANIFEST = "manifest.json"
MARKER = ".partnership-metrics.json"  # written by the tool in each output folder: its kind and its files
PROCESSED_KIND, REPORTS_KIND = "processed", "reports"
_KIND_NAMES = {PROCESSED_KIND: "tidy tables written by ingest", REPORTS_KIND: "reports written by report"}
REPORT = "ingest_report.json"
QUARANTINE = "quarantine.csv"
QUARANTINE_CELLS = "quarantine_cells.csv"
_PROBLEM_COLUMNS = ["file", "sheet", "row", "table", "key", "column", "value", "reason"]
DROPPED = "dropped.csv"
_PARQUET_OPTIONS = {"compression": "zstd", "compression_level": 3, "use_dictionary": True,
                    "write_statistics": True, "data_page_version": "2.0"}


def _neutral(value):
    from .exports import neutralise_formula

    return neutralise_formula(value)


def _masked(value):
    from .privacy import mask_personal

    return mask_personal(value)


def _write_csv(path: Path, header: list[str], rows) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for row in rows:
            writer.writerow([_neutral(v) if isinstance(v, str) else v for v in row])


def _json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8")


def output_kind(folder: Path) -> tuple[str | None, set[str]]:
    """(kind, files the tool wrote) of an output folder, from its marker; folders written before markers existed
    are recognised by their manifest. ``(None, set())`` for any other folder."""
    folder = Path(folder)
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        if isinstance(marker, dict) and marker.get("kind") in _KIND_NAMES and isinstance(marker.get("files"), list):
            return marker["kind"], {str(f) for f in marker["files"]}
    except (OSError, ValueError):
        pass
    manifest = read_manifest(folder)
    if not isinstance(manifest, dict) or manifest.get("package") != "partnership-metrics":
        return None, set()
    if isinstance(manifest.get("outputs"), dict) and "fingerprint" in manifest:
        return PROCESSED_KIND, {*manifest["outputs"], MANIFEST}
    if isinstance(manifest.get("reports"), list):
        files = {f for r in manifest["reports"] if isinstance(r, dict) for f in (r.get("files") or {}).values()}
        return REPORTS_KIND, {*map(str, files), MANIFEST}
    return None, set()


def write_marker(folder: Path, kind: str) -> None:
    """Mark ``folder`` as an output of ``kind`` holding the files now in it (call it last)."""
    files = sorted(p.name for p in Path(folder).iterdir() if p.name != MARKER)
    _json(Path(folder) / MARKER, {"package": "partnership-metrics", "kind": kind, "files": files})


def check_replaceable(out_dir: Path, kind: str, option: str = "--out") -> None:
    """Refuse (one-line :class:`FatalInputError`) to replace ``out_dir`` unless it is absent, empty, or an output
    folder of ``kind`` that holds only the files the tool wrote there."""
    out_dir = Path(out_dir)
    what = _KIND_NAMES[kind]
    if out_dir.is_symlink() or (out_dir.exists() and not out_dir.is_dir()):
        raise FatalInputError(str(out_dir), "is a file or a link, not a folder", f"give a folder with {option}")
    if not out_dir.is_dir():
        return
    entries = sorted(p.name for p in out_dir.iterdir())
    if not entries:
        return
    found, ours = output_kind(out_dir)
    if found is None:
        raise FatalInputError(str(out_dir), f"is not empty and does not hold {what} (it holds "
                                            f"{_some(entries)})",
                              f"give a new or empty folder with {option} (it is replaced at each run)")
    if found != kind:
        raise FatalInputError(str(out_dir), f"holds {_KIND_NAMES[found]}, not {what}",
                              f"give another folder with {option}")
    foreign = [e for e in entries if e not in ours and e != MARKER]
    if foreign:
        raise FatalInputError(str(out_dir), f"holds files the tool did not write ({_some(foreign)}), which "
                                            "replacing the folder would delete",
                              f"move them elsewhere, or give another folder with {option}")


def _some(names: list[str]) -> str:
    shown = ", ".join(names[:3])
    return shown + (f" and {len(names) - 3} more" if len(names) > 3 else "")


@contextlib.contextmanager
def output_lock(out_dir: Path, option: str = "--out") -> Iterator[None]:
    """Hold an exclusive lock on ``out_dir`` (a file beside it, ``.<name>.lock``) for the time of a run; a second
    run on the same folder stops at once with a one-line :class:`FatalInputError`. The lock dies with its process
    (even after kill -9)."""
    try:
        import fcntl
    except ImportError:  # no advisory locks on this system: runs are not serialised
        yield
        return
    out_dir = Path(out_dir)
    lock = out_dir.parent / f".{out_dir.name}-lock"
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise FatalInputError(str(out_dir), f"cannot be locked ({exc.strerror or exc})",
                              f"check the permissions of its parent folder, or give another {option}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            raise FatalInputError(str(out_dir), "is being written by another run"
                                                + (f" (process {holder})" if holder.isdigit() else ""),
                                  f"wait for it to finish, or give another folder with {option}") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def write_processed(result, out_dir: Path, *, manifest: dict, report: dict, partnership: Path | None = None,
                    custom_kpis: Path | None = None) -> None:
    """Write every output of an ingestion into ``out_dir``, atomically (all or nothing); ``partnership``: the
    partnership file of the run, copied there as ``partnership.yaml``; ``custom_kpis``: the user's own KPIs, copied
    there as ``custom_kpis.yaml``. ``out_dir`` must be replaceable
    (:func:`check_replaceable`); callers running concurrently hold :func:`output_lock`."""
    out_dir = Path(out_dir)
    check_replaceable(out_dir, PROCESSED_KIND)
    try:
        _write(result, out_dir, manifest, report, partnership, custom_kpis)
    except OSError as exc:  # a read-only or full disk: one line naming the folder, exit 2
        raise FatalInputError(str(out_dir), f"cannot be written ({exc.strerror or exc})",
                              "check the folder's permissions and free space, or give another --out") from exc


def _write(result, out_dir: Path, manifest: dict, report: dict, partnership: Path | None,
           custom_kpis: Path | None = None) -> None:
    import pyarrow.parquet as pq

    partial = new_partial(out_dir)
    try:
        for name, arrow in result.arrows.items():
            pq.write_table(arrow, partial / f"{name}.parquet", **_PARQUET_OPTIONS)
        # values and reasons masked (e-mails, names) whatever step made them; those of person columns are pseudonyms
        for name, problems in ((QUARANTINE, result.problems), (QUARANTINE_CELLS, result.cell_problems)):
            _write_csv(partial / name, _PROBLEM_COLUMNS,
                       ([p.file, p.sheet or "", p.row, p.table, _masked(p.key), p.column, _masked(p.value),
                         _masked(p.reason)] for p in problems))
        _write_csv(partial / DROPPED, ["file", "sheet", "row", "rows", "reason"],
                   ([d.file, d.sheet or "", d.row or "", d.rows, _masked(d.reason)] for d in result.dropped))
        _json(partial / REPORT, report)
        if partnership is not None:
            shutil.copyfile(partnership, partial / PARTNERSHIP)
        if custom_kpis is not None:
            shutil.copyfile(custom_kpis, partial / CUSTOM_KPIS)
        outputs = {p.name: sha256_file(p) for p in sorted(partial.iterdir())}
        _json(partial / MANIFEST, {**manifest, "outputs": outputs})  # its presence marks a complete folder
        write_marker(partial, PROCESSED_KIND)
        swap_in(partial, out_dir)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise


def sha256_file(path: Path) -> str:
    """The sha256 of a file, read by chunks (the one hash of raw files, tables and reports)."""
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def outputs_intact(out_dir: Path, manifest: dict) -> bool:
    """Whether every output listed in the manifest is still there, unchanged (else the tables are rebuilt)."""
    outputs = manifest.get("outputs") or {}
    try:
        return bool(outputs) and all(sha256_file(Path(out_dir) / name) == sha for name, sha in outputs.items())
    except OSError:
        return False


def new_partial(out_dir: Path) -> Path:
    """A new, empty temporary folder beside ``out_dir`` (``.<name>.partial-<pid>``), where a run writes before
    :func:`swap_in`; the leftovers of killed runs are removed first (call it holding :func:`output_lock`)."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out_dir)
    partial = out_dir.parent / f".{out_dir.name}.partial-{os.getpid()}"
    partial.mkdir()
    return partial


def remove_leftovers(out_dir: Path) -> None:
    """Remove the temporary folders killed runs left beside ``out_dir`` (call it holding :func:`output_lock`)."""
    for leftover in Path(out_dir).parent.glob(f".{Path(out_dir).name}.partial-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def tidy_reused(out_dir: Path, option: str = "--out") -> None:
    """A run that reuses ``out_dir`` removes what killed runs left beside it, unless another run is writing it (its
    temporary folder is its work in progress)."""
    try:
        with output_lock(out_dir, option):
            remove_leftovers(out_dir)
    except FatalInputError:
        pass


def swap_in(partial: Path, out_dir: Path) -> None:
    """Put the complete folder ``partial`` in the place of ``out_dir`` (two renames; see :func:`recover_interrupted`
    for a kill between them)."""
    previous = out_dir.parent / f".{out_dir.name}.previous-{os.getpid()}"
    if out_dir.exists():
        os.replace(out_dir, previous)
    try:
        os.replace(partial, out_dir)
    except BaseException:
        if previous.exists():
            os.replace(previous, out_dir)
        raise
    shutil.rmtree(previous, ignore_errors=True)


def recover_interrupted(out_dir: Path) -> None:
    """If a previous run was killed between the two renames of the swap, put the previous outputs back."""
    out_dir = Path(out_dir)
    if out_dir.exists():
        return
    for previous in sorted(out_dir.parent.glob(f".{out_dir.name}.previous-*")):
        if (previous / MANIFEST).is_file() or (previous / MARKER).is_file():
            os.replace(previous, out_dir)
            return


def read_manifest(processed_dir: Path) -> dict | None:
    path = Path(processed_dir) / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def load_tables(processed_dir: Path | None = None) -> dict:
    """The tidy tables of ``processed_dir`` as DataFrames (only the tables that the ingestion found)."""
    import pyarrow.parquet as pq

    from .tables import TableSet, to_frame

    processed_dir = Path(processed_dir or paths.PROCESSED_DIR)
    if not (processed_dir / MANIFEST).is_file():
        raise PartnershipMetricsError(
            f"{processed_dir}: no processed tables here; run 'partnership-metrics ingest' first "
            "(or give the folder with --processed)"
        )
    from .partnership import partnership_of_tables

    custom = processed_dir / CUSTOM_KPIS
    tables = TableSet(not_read=_not_read(processed_dir), partnership=partnership_of_tables(processed_dir),
                      custom_kpis_file=custom if custom.is_file() else None)
    for name in TABLES:
        path = processed_dir / f"{name}.parquet"
        if path.is_file():
            tables[name] = to_frame(name, pq.read_table(path))
    return tables


def _not_read(processed_dir: Path) -> dict[str, list[str]]:
    """Table -> the sheets that looked like it but could not be read, from the ingestion report."""
    try:
        report = json.loads((Path(processed_dir) / REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    out: dict[str, list[str]] = {}
    for sheet in report.get("skipped_sheets") or []:
        where = sheet_label(sheet["file"], sheet.get("sheet"))
        out.setdefault(sheet["table"], []).append(where)
    return out


def build_manifest(result, raw_dir: Path, fingerprint: dict) -> dict:
    return {
        "package": "partnership-metrics",
        "version": __version__,
        "raw_dir": _display_path(raw_dir),
        "files": [{"path": f.path, "sha256": f.sha256, "bytes": f.bytes} for f in result.files],
        "tables": {name: arrow.num_rows for name, arrow in result.arrows.items()},
        "fingerprint": fingerprint,
    }


def _display_path(path: Path) -> str:
    """Relative to the project root when inside it (portable), else absolute (to find the files again)."""
    path = Path(path).resolve()
    try:
        return path.relative_to(paths.PROJECT_ROOT).as_posix()
    except ValueError:
        return str(path)


def raw_dir_of(manifest: dict) -> Path | None:
    """The raw folder an ingestion read, as recorded in its manifest."""
    raw = manifest.get("raw_dir")
    if not raw:
        return None
    path = Path(raw)
    return path if path.is_absolute() else paths.PROJECT_ROOT / path
