"""Which files of a raw folder are read, and which are ignored (and why, for the entries a user would not expect
to be left out: pipes, devices, symbolic link loops, links leaving the raw folder)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ...errors import FatalInputError
from .sheet import READ_EXTENSIONS, ReadLimits, megabytes


def list_raw_files(raw_dir: Path) -> tuple[list[Path], list[Path]]:
    """Return (files to read, files ignored) under ``raw_dir``, recursively, sorted by relative posix path.

    Only regular files are read: a named pipe (FIFO), a device or a socket would block or never end. Ignored: other
    extensions, hidden files and folders, Office lock files (``~$*``), YAML, Markdown and README files, anything
    that is not a regular file, and symbolic links that leave ``raw_dir``, loop or lead nowhere (symlinked folders
    are never entered). :func:`why_ignored` says why, for the entries worth telling.
    Raises ``FatalInputError`` when ``raw_dir`` is not a folder.
    """
    root = Path(raw_dir)
    if not root.is_dir():
        raise FatalInputError(str(root), "is not a folder", "create it and put the partners' files in it")
    real_root = root.resolve()
    to_read: list[Path] = []
    ignored: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):  # followlinks=False: symlinked folders are not entered
        here = Path(dirpath)
        for name in list(dirnames):
            if name.startswith(".") or (here / name).is_symlink():
                ignored.append(here / name)
                dirnames.remove(name)
        for name in filenames:
            path = here / name
            (to_read if _is_readable(path, real_root) else ignored).append(path)

    def key(path: Path) -> str:
        return path.relative_to(root).as_posix()

    return sorted(to_read, key=key), sorted(ignored, key=key)


def _is_readable(path: Path, real_root: Path) -> bool:
    name = path.name
    lower = name.lower()
    if name.startswith((".", "~$")) or lower.startswith("readme"):
        return False
    if path.suffix.lower() not in READ_EXTENSIONS:
        return False  # also drops mapping.yaml, *.yml, *.md
    return why_ignored(path, real_root) is None


def why_ignored(path: Path, raw_dir: Path) -> str | None:
    """Why an entry of the raw folder cannot be read although its name looks like a spreadsheet: a symbolic link
    loop, a link to nothing or out of the raw folder, a pipe, a device or a socket; None for a regular file (or a
    link to one inside the raw folder)."""
    path = Path(path)
    try:
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except RuntimeError:  # Python < 3.13: "Symlink loop from ..."
                return "a symbolic link loop"
            except OSError as exc:
                return "a symbolic link loop" if exc.errno == 40 else "a symbolic link to nothing"
            if not target.is_relative_to(Path(raw_dir).resolve()):
                return "a link leaving the raw folder (copy the file itself into the raw folder)"
        mode = path.stat().st_mode
    except OSError as exc:
        return f"cannot be opened ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a link to a folder (links to folders are not followed)"
    if stat.S_ISFIFO(mode):
        return "a named pipe, not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    return "not a regular file"


def unusual_entries(ignored: list[Path], raw_dir: Path) -> dict[str, str]:
    """Relative path -> why, for the ignored entries a user would expect to be read: any symbolic link that loops,
    leads nowhere, leaves the raw folder or points to a folder, and anything named like a spreadsheet that is not
    a regular file (see :func:`why_ignored`). Hidden entries and Office lock files are left out."""
    out = {}
    root = Path(raw_dir)
    for path in ignored:
        if path.name.startswith((".", "~$")):
            continue
        link = path.is_symlink()
        if not link and path.suffix.lower() not in READ_EXTENSIONS:
            continue
        reason = why_ignored(path, root)
        if reason:
            out[path.relative_to(root).as_posix()] = reason
    return out


def check_sizes(files: list[Path], raw_dir: Path, limits: ReadLimits) -> None:
    """Refuse, before any file is hashed or read, a file over ``limits.max_file_bytes`` or a folder whose files
    together exceed ``limits.max_total_bytes`` (one-line :class:`FatalInputError`)."""
    total = 0
    root = Path(raw_dir)
    for path in files:
        try:
            size = path.stat().st_size
        except OSError:
            continue  # read_file names it
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
        if size > limits.max_file_bytes:
            raise FatalInputError(
                rel, f"is too large ({megabytes(size)}, the limit is {megabytes(limits.max_file_bytes)})",
                "split it, remove what the project does not need, or raise the limit with ingest --max-file-mb")
        total += size
    if total > limits.max_total_bytes:
        raise FatalInputError(
            str(root), f"holds {megabytes(total)} of spreadsheets (the limit is {megabytes(limits.max_total_bytes)})",
            "move the files the project does not need elsewhere, or raise the limit with ingest --max-total-mb")
