"""Which files of a raw folder are read, and which are ignored."""

from __future__ import annotations

import os
from pathlib import Path

from ...errors import FatalInputError
from .sheet import READ_EXTENSIONS


def list_raw_files(raw_dir: Path) -> tuple[list[Path], list[Path]]:
    """Return (files to read, files ignored) under ``raw_dir``, recursively, sorted by relative posix path.

    Ignored: other extensions, hidden files and folders, Office lock files (``~$*``), YAML, Markdown and
    README files, and symbolic links that leave ``raw_dir`` (symlinked folders are never entered).
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
    if path.is_symlink():
        target = path.resolve()
        return target.is_file() and target.is_relative_to(real_root)
    return True
