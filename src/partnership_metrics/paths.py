"""Where the user's files are: the working folder ("project root") and the folders derived from it.

The project root is resolved once, when the package is imported:

1. **A checkout** (the package imported from ``<root>/src/partnership_metrics`` with ``<root>/pyproject.toml``:
   an editable install or ``PYTHONPATH=src``): ``<root>``, whatever the current directory.
2. **Installed** (from a wheel, no checkout): the nearest folder, from the current directory upward, that
   ``partnership-metrics init`` laid out, recognised by its marker file ``.partnership-metrics``.
3. Otherwise the current directory: ``partnership-metrics demo`` run in an empty folder writes ``data/processed/``
   and ``reports/demo/`` there.

Every user folder derives from the project root: ``data/raw/`` (inputs, read-only), ``data/processed/``,
``data/reference/`` (reviewed files), ``reports/``, ``notebooks/`` (a working folder's own copies of the report
notebooks), ``.secrets/``. Files shipped with the package (vocabularies, templates, and the packaged notebooks and
sample data) are located by :mod:`partnership_metrics.resources`.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
MARKER_FILE = ".partnership-metrics"  # written by `init` at the top of a working folder (it holds the version)


def checkout_root(package_dir: Path = PACKAGE_DIR) -> Path | None:
    """The checkout the package is imported from (``<root>/src/<package>`` beside ``<root>/pyproject.toml``), or
    None for an installed package."""
    root = package_dir.parent.parent
    if package_dir.parent.name == "src" and (root / "pyproject.toml").is_file():
        return root
    return None


def find_project_root(start: Path | None = None, package_dir: Path = PACKAGE_DIR) -> Path:
    """The project root by the rule of this module's docstring; ``start`` stands for the current directory."""
    checkout = checkout_root(package_dir)
    if checkout is not None:
        return checkout
    start = Path(start if start is not None else Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / MARKER_FILE).is_file():
            return folder
    return start


CHECKOUT_ROOT = checkout_root()  # None when installed from a wheel
PROJECT_ROOT = find_project_root()
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
SAMPLE_RAW_DIR = RAW_DIR / "sample"  # a checkout's bundled sample, left out of an ingest of RAW_DIR itself
PROCESSED_DIR = DATA_DIR / "processed"
REFERENCE_DIR = DATA_DIR / "reference"
REPORTS_DIR = PROJECT_ROOT / "reports"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
SECRETS_DIR = PROJECT_ROOT / ".secrets"
VOCAB_DIR = PACKAGE_DIR / "vocab"


def reference_dir_for(raw_dir: Path, explicit: Path | None = None) -> Path:
    """The reference folder (the user's reviewed vocabularies and partnership file) of a run reading ``raw_dir``:
    ``explicit`` when given (``--reference``), else the ``reference/`` folder beside the raw folder
    (``data/raw`` -> ``data/reference``, ``X/raw`` -> ``X/reference``); the bundled sample
    (``data/raw/sample``) uses the project's ``data/reference``."""
    if explicit is not None:
        return Path(explicit)
    raw_dir = Path(raw_dir)
    if raw_dir.resolve() in (SAMPLE_RAW_DIR.resolve(), PACKAGE_DIR / "_bundled" / "sample"):  # the demo's sample
        return REFERENCE_DIR
    parent = raw_dir.parent if raw_dir.name not in ("", ".", "..") else raw_dir.resolve().parent
    return parent / "reference"
