"""Project paths, anchored at the package's location, never at the working directory."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _find_project_root() -> Path:
    """The folder holding ``pyproject.toml`` above the package (an editable install or a checkout)."""
    for parent in PACKAGE_DIR.parents:
        if (parent / "pyproject.toml").is_file() and (parent / "src" / "partnership_metrics").is_dir():
            return parent
    # Installed as a wheel: fall back to the working directory for user data only.
    return Path.cwd()


PROJECT_ROOT = _find_project_root()
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
SAMPLE_RAW_DIR = RAW_DIR / "sample"
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
    if raw_dir.resolve() == SAMPLE_RAW_DIR.resolve():
        return REFERENCE_DIR
    parent = raw_dir.parent if raw_dir.name not in ("", ".", "..") else raw_dir.resolve().parent
    return parent / "reference"
