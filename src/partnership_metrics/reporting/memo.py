"""The work a report does not redo for its other language, in a report run's kernel.

The kernels of ``report`` (see :mod:`.runner`) run several notebooks one after the other; two reports on the same
tables share what does not depend on their language: the tables read from the processed folder, the KPI
computations (one :class:`~partnership_metrics.kpis.Tables` per partnership, whose cache holds the masks and values
already computed), the cohorts and Kaplan–Meier estimates, the partners' contributions, the changes since the previous ingest. What is kept is keyed on the
content of the processed folder (the sha256 of each of its files, read again by every report) and on the arguments,
and dropped as soon as that content changes; the tables must be the very ones :func:`load` gave (other tables,
e.g. given to ``from_tables``, are never shared).

Sharing is on only where the runner turns it on (:data:`ENV` in the kernel's environment): there every notebook is
the package's code, which never changes the tables it is given. In a user's own session each report computes
everything afresh, so that a table changed by hand in one report never shows in another.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

ENV = "PARTNERSHIP_METRICS_SHARE_COMPUTATIONS"  # "1": set by the runner in the environment of its kernels

_state: dict = {"key": None, "loaded": None, "values": [], "by_content": []}


def enabled() -> bool:
    """Whether reports share their language-independent work in this process (the runner's kernels only)."""
    return os.environ.get(ENV) == "1"


def load(folder: Path, loader: Callable[[Path], tuple]) -> tuple:
    """``loader(folder)`` (a tuple whose second item is the tables), read once for as long as the content of the
    folder stays the same; read afresh (and everything shared dropped) when it changes, or when sharing is off."""
    if not enabled():
        return loader(folder)
    from .reuse import processed_hashes

    key = (str(Path(folder).resolve()), tuple(processed_hashes(folder).items()))
    if _state["key"] != key:
        clear()
        _state["loaded"] = loader(folder)
        _state["key"] = key
    return _state["loaded"]


def shared(tables, name: str, args: tuple, build: Callable[[], object]):
    """``build()``, computed once for these ``tables``, ``name`` and ``args`` (compared with ``==``) when the tables
    are those :func:`load` gave last; else (other tables, sharing off) computed at each call. What is returned is
    shared: the caller must not change it."""
    loaded = _state["loaded"]
    if not enabled() or loaded is None or loaded[1] is not tables:
        return build()
    return _kept(_state["values"], name, args, build)


def by_content(name: str, args: tuple, build: Callable[[], object]):
    """``build()``, computed once for ``name`` and ``args`` (compared with ``==``) while sharing is on, else at each
    call. ``args`` must describe everything the result depends on by content (e.g. the ingest runs compared, each
    with the sha256 of its files), never by a path whose files could change. What is returned is shared: the caller
    must not change it."""
    if not enabled():
        return build()
    return _kept(_state["by_content"], name, args, build)


def _kept(kept: list, name: str, args: tuple, build: Callable[[], object]):
    """The value kept in ``kept`` for ``name`` and ``args``, else ``build()``, kept there."""
    for found_name, found_args, value in kept:
        if found_name == name and found_args == args:
            return value
    value = build()
    kept.append((name, args, value))
    return value


def clear() -> None:
    """Forget everything shared."""
    _state.update(key=None, loaded=None, values=[], by_content=[])
