"""Files shipped with the package (vocabularies, the partnership's facts, notebooks, sample data) and reading of
reviewed YAML files.

Packaged files never change while the program runs, so each is parsed once (:func:`packaged_yaml` caches); files
that users edit are read where a run starts, by the loaders that receive their path, never behind a cache.

YAML is parsed with limits (:data:`MAX_YAML_BYTES`, :data:`MAX_YAML_VALUES`): aliases (``&a`` ... ``*a``) are
counted as the copies they stand for, so a few hundred bytes that would expand to billions of values (an "alias
bomb") are refused in milliseconds, before anything walks them.
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


# Reviewed YAML files are written by hand: a few hundred values (the largest packaged one holds about 1,200).
MAX_YAML_BYTES = 10 * 1024 * 1024
MAX_YAML_VALUES = 200_000  # keys, values and list items, each alias counted as the copy it stands for
MAX_YAML_DEPTH = 64  # levels of nesting (the packaged files use at most 5): deeper is no file written by hand
_TOO_DEEP = f"is nested too deeply for a reviewed YAML file (over {MAX_YAML_DEPTH} levels of lists or mappings)"


def load_yaml(path: Path, *, what: str = "see the README for its format"):
    """Parse a reviewed YAML file; a one-line :class:`FatalInputError` naming the file and line when it is broken,
    too large, or expands (through aliases) to more than :data:`MAX_YAML_VALUES` values."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_YAML_BYTES:
            raise FatalInputError(str(path), f"is too large for a reviewed YAML file (over "
                                             f"{MAX_YAML_BYTES // (1024 * 1024)} MB)", what)
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise FatalInputError(str(path), "is not UTF-8 text", "save it again as UTF-8") from None
    if _FAST_LOADER is not None:  # libyaml: ~8x faster; a broken file is parsed again below for the same message
        try:
            return _bounded_load(text, str(path), _FAST_LOADER)
        except yaml.YAMLError:
            pass
    try:
        return _bounded_load(text, str(path))
    except RecursionError:  # PyYAML's composer recurses once per level (libyaml refused it above, or is absent)
        raise FatalInputError(str(path), _TOO_DEEP, what) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise FatalInputError(str(path), f"is not valid YAML{where}", what) from None


def _bounded_load(text: str, name: str, loader_class=yaml.SafeLoader):
    """``yaml.safe_load`` that first measures the document with its aliases expanded (on the node graph, where an
    alias is one shared node: measuring costs the file's size, not the expansion's). ``loader_class``: a safe
    loader (``yaml.SafeLoader`` or libyaml's ``yaml.CSafeLoader``)."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_expansion(node, name)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _check_expansion(root: yaml.Node, name: str) -> None:
    action = "write the values out instead of repeating them through aliases (&name ... *name)"
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool, int]] = [(root, False, 1)]
    while stack:
        node, done, depth = stack.pop()
        if id(node) in sizes:
            continue
        if depth > MAX_YAML_DEPTH:
            raise FatalInputError(name, _TOO_DEEP, "write it with fewer levels")
        children = [] if isinstance(node, yaml.ScalarNode) else (
            node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair])
        if done:
            on_path.discard(id(node))
            sizes[id(node)] = min(1 + sum(sizes[id(c)] for c in children), MAX_YAML_VALUES + 1)
            continue
        if id(node) in on_path:
            raise FatalInputError(name, "holds an alias that refers to itself", action)
        on_path.add(id(node))
        stack.append((node, True, depth))
        stack.extend((c, False, depth + 1) for c in children if id(c) not in sizes)
    if sizes[id(root)] > MAX_YAML_VALUES:
        raise FatalInputError(name, f"expands to more than {MAX_YAML_VALUES:,} values through its aliases".replace(
            ",", " "), action)
