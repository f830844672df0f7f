"""Files shipped with the package (vocabularies, the partnership's facts, notebooks, sample data) and reading of
reviewed YAML files.

Packaged files never change while the program runs, so each is parsed once (:func:`packaged_yaml` caches); files
that users edit are read where a run starts, by the loaders that receive their path, never behind a cache.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from . import paths
from .errors import FatalInputError
from .paths import PACKAGE_DIR

VOCAB_DIR = PACKAGE_DIR / "vocab"
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)  # PyYAML's safe loader in C, when built with libyaml
# Inside a wheel, the report notebooks and the demo's sample are subfolders of the package (pyproject.toml maps the
# checkout's notebooks/ and data/raw/sample/ there); an editable install or a checkout reads them where they are.
BUNDLED_DIR = PACKAGE_DIR / "_bundled"


def _bundled_or_checkout(bundled: str, in_checkout: str) -> Path:
    folder = BUNDLED_DIR / bundled
    if folder.is_dir() or paths.CHECKOUT_ROOT is None:
        return folder
    return paths.CHECKOUT_ROOT / in_checkout


def packaged_notebooks_dir() -> Path:
    """The report notebooks shipped with the package: the wheel's copy, else the checkout's ``notebooks/``."""
    return _bundled_or_checkout("notebooks", "notebooks")


def sample_dir() -> Path:
    """The demo's sample spreadsheets: the wheel's copy, else the checkout's ``data/raw/sample/``."""
    return _bundled_or_checkout("sample", "data/raw/sample")


def notebook(name: str) -> Path:
    """The notebook ``name`` to run: the working folder's ``notebooks/<name>`` if there (an analyst may adapt
    it), else the packaged one."""
    own = paths.NOTEBOOKS_DIR / name
    return own if own.is_file() else packaged_notebooks_dir() / name


@cache
def packaged_yaml(name: str):
    """The parsed content of ``vocab/<name>`` (shipped with the package: parsed once)."""
    return load_yaml(VOCAB_DIR / name)


def load_yaml(path: Path, *, what: str = "see the README for its format"):
    """Parse a reviewed YAML file; a one-line :class:`FatalInputError` naming the file and line when it is broken."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise FatalInputError(str(path), "is not UTF-8 text", "save it again as UTF-8") from None
    if _FAST_LOADER is not None:  # libyaml: ~8x faster; a broken file is parsed again below for the same message
        try:
            return yaml.load(text, Loader=_FAST_LOADER)  # noqa: S506 (CSafeLoader is the safe loader)
        except yaml.YAMLError:
            pass
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise FatalInputError(str(path), f"is not valid YAML{where}", what) from None
