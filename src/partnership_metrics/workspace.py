"""``partnership-metrics init DIR``: lay out a working folder, as ``kedro new`` or cookiecutter do.

The layout is the package's ``workspace_template/`` folder copied as it is (a name starting with ``dot-`` gets a
dot instead: a ``.gitignore`` inside the package would apply to the repository), plus the packaged report notebooks
in ``notebooks/``, the packaged ``partnership.yaml`` after the header of ``data/reference/partnership.yaml``, an
empty ``reports/``, and the marker file that makes the folder the project root of the commands run in it or below
(see :mod:`partnership_metrics.paths`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from . import __version__
from .errors import FatalInputError
from .partnership import PACKAGED_FILE
from .paths import MARKER_FILE, PACKAGE_DIR
from .resources import packaged_notebooks_dir

TEMPLATE_DIR = PACKAGE_DIR / "workspace_template"
DOT_PREFIX = "dot-"
PARTNERSHIP_COPY = "data/reference/partnership.yaml"  # the template's header, then the packaged file


def template_files() -> dict[str, Path]:
    """Path in the working folder (posix) -> file of the template."""
    out = {}
    for path in sorted(TEMPLATE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            parts = path.relative_to(TEMPLATE_DIR).parts
            name = parts[-1]
            if name.startswith(DOT_PREFIX):
                name = "." + name[len(DOT_PREFIX):]
            out["/".join((*parts[:-1], name))] = path
    return out


def init_workspace(folder: Path) -> list[Path]:
    """Lay out a working folder in ``folder`` (new or empty); the files written. A non-empty folder is refused
    with a one-line :class:`FatalInputError`."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise FatalInputError(str(folder), "exists and is not a folder", "give the name of a new folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise FatalInputError(str(folder), "already exists and is not empty",
                              "init lays out a new working folder: give a new or an empty folder")
    notebooks = sorted(packaged_notebooks_dir().glob("*.ipynb"))
    if not notebooks:
        raise FatalInputError(str(packaged_notebooks_dir()), "holds no report notebook",
                              "reinstall partnership-metrics")
    written = []
    for relative, source in template_files().items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if relative == PARTNERSHIP_COPY:
            target.write_text(source.read_text(encoding="utf-8") + PACKAGED_FILE.read_text(encoding="utf-8"),
                              encoding="utf-8")
        else:
            shutil.copyfile(source, target)
        written.append(target)
    (folder / "notebooks").mkdir(parents=True, exist_ok=True)
    for notebook in notebooks:
        written.append(Path(shutil.copyfile(notebook, folder / "notebooks" / notebook.name)))
    (folder / "reports").mkdir(exist_ok=True)
    marker = folder / MARKER_FILE
    marker.write_text(f"{__version__}\n", encoding="utf-8")
    written.append(marker)
    return written
