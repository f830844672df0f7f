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
