"""Files shipped with the package (vocabularies, the partnership's facts, notebooks, sample data) and reading of
reviewed YAML files.

Packaged files never change while the program runs, so each is parsed once (:func:`packaged_yaml` caches); files
that users edit are read where a run starts, by the loaders that receive their path, never behind a cache.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from .errors import FatalInputError
from .paths import PACKAGE_DIR

VOCAB_DIR = PACKAGE_DIR / "vocab"


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
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise FatalInputError(str(path), f"is not valid YAML{where}", what) from None
