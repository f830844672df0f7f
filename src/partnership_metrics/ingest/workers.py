"""Work shared with forked copies of this process: the raw files of an ingestion read on every core.

:func:`share` runs ``work(i)`` for every task, here and in forked children that start with everything this process
holds (the vocabularies, the parsers): tasks are handed out one at a time, largest first, through a pipe, and each
child sends its results back pickled, with what its work added to the shared counters (labels mapped to "other",
unknown institutions...), which are added here. The largest task is always done here (its results would be the
costliest to send). The results come back in task order, as if done one after the
other: the error of the first task that fails is raised, and a child that fails or dies is redone here.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

_TASK = struct.Struct("<I")  # a task index in the pipe (4 bytes: a pipe read that small is atomic)
MAX_TASKS = 16000  # the task pipe holds 64 KiB before a write blocks (every index is written before the fork)


MAX_WORKERS = 4  # processes reading files at once (each holds its files' cells)
_WORKBOOK_WEIGHT = 4  # a byte of a zipped workbook holds about as many rows as 4 bytes of a CSV
# Below this total weight (about 1 MB of zipped workbooks: the sample at scale 1 weighs 0.6 MB), a forked worker
# costs more CPU (its own imports and warmed caches, ~0.15 s) than the wall time it saves.
FORK_MIN_WEIGHT = 4 * 1024 * 1024


def default_workers(weights: list[float]) -> int:
    """One process per core (at most :data:`MAX_WORKERS`), or this one alone when the files are too small for a
    forked worker to pay for itself (each warms its own caches and imports)."""
    return 1 if sum(weights) < FORK_MIN_WEIGHT else min(available_cores(), MAX_WORKERS)


def file_weight(path: Path) -> float:
    """How long a file takes to read, roughly: its size, zipped workbooks counting more."""
    size = path.stat().st_size
    return size * _WORKBOOK_WEIGHT if path.suffix.lower() in (".xlsx", ".xlsm", ".ods") else size


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def share(work: Callable[[int], Any], weights: list[float], *, workers: int, counters: Callable[[], list[dict]],
          add: Callable[[list[dict], list[dict]], None]) -> list:
    """``[work(i) for i in range(len(weights))]``, shared between this process and ``workers - 1`` forked children.

    ``counters()`` gives the dicts of counts that ``work`` adds to (their keys must pickle); ``add(before, after)``
    adds to them here what a child's work added (its ``after`` minus ``before``, both as ``counters()`` gave them).
    Without ``os.fork`` (Windows), with one worker or one task, the work is done here, in order."""
    n = len(weights)
    children = min(workers, n) - 1
    if children < 1 or not hasattr(os, "fork") or n > MAX_TASKS:
        return [work(i) for i in range(n)]
    order = sorted(range(n), key=lambda i: -weights[i])
    tasks, task_writer = os.pipe()
    os.write(task_writer, b"".join(_TASK.pack(i) for i in order))
    os.close(task_writer)
    before = [dict(c) for c in counters()]
    forked: list[tuple[int, int]] = []  # (pid, read end of its results)
    done: dict[int, Any] = {}
    failed: dict[int, BaseException] = {}
    first = _TASK.unpack(os.read(tasks, _TASK.size))[0]  # the largest task stays here: its results are not sent
    try:
        for _ in range(children):
            reader, writer = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: never returns
                os.close(reader)
                _child(work, tasks, writer, counters)
            os.close(writer)
            forked.append((pid, reader))
        try:
            done[first] = work(first)
        except Exception as exc:  # raised in task order below
            failed[first] = exc
        if not failed:
            _take(work, tasks, done, failed)
        for pid, reader in forked:
            got = _collect(pid, reader)
            forked = [f for f in forked if f[0] != pid]
            if got is not None:
                results, after = got
                done.update(results)
                add(before, after)
    finally:
        os.close(tasks)
        for pid, reader in forked:  # interrupted: the children are not needed any more
            _stop(pid, reader)
    out = []
    for i in range(n):
        if i in failed:
            raise failed[i]
        out.append(done[i] if i in done else work(i))  # not done (a child failed or died): done here, in order
    return out


def _take(work, tasks: int, done: dict, failed: dict) -> None:
    """Do tasks from the pipe until it is empty or one fails."""
    while len(data := os.read(tasks, _TASK.size)) == _TASK.size:
        (i,) = _TASK.unpack(data)
        try:
            done[i] = work(i)
        except Exception as exc:  # raised in task order by share(); the other tasks are left to the others
            failed[i] = exc
            return


def _child(work, tasks: int, writer: int, counters) -> None:
    """A forked child: do tasks until none is left, send back (results, counters) and exit; on any failure, exit
    with nothing sent (the parent redoes its tasks)."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # an interrupt stops the child at once, the parent cleans up
        done: dict = {}
        failed: dict = {}
        _take(work, tasks, done, failed)
        if not failed:
            with os.fdopen(writer, "wb") as fh:
                pickle.dump((done, [dict(c) for c in counters()]), fh, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
    except BaseException:  # noqa: BLE001 (nothing may escape a forked child: the parent redoes its work)
        pass
    finally:
        os._exit(code)


def _collect(pid: int, reader: int):
    """(results, counters) of a child, or None when it failed or died."""
    try:
        with os.fdopen(reader, "rb") as fh:
            got = pickle.load(fh)
    except Exception:  # noqa: BLE001 (nothing sent, or cut short: its tasks are redone)
        got = None
    _, status = os.waitpid(pid, 0)
    return got if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 else None


def _stop(pid: int, reader: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass
    try:
        os.close(reader)
    except OSError:
        pass


def counters(ctx) -> list[dict]:
    """The counts that reading files adds to: labels mapped to "other", abbreviations, unknown institutions, values
    where personal data was masked, institution names read despite a typo."""
    return [ctx.codebook.mapped_to_other, ctx.codebook.abbreviations, ctx.institutions.unknown,
            ctx.pseudonymiser.masked, ctx.institutions.similar]


def add_counts(ctx, before: list[dict], after: list[dict]) -> None:
    """Add what a forked worker's files added to the counts (``after`` minus ``before``) to this process's."""
    mapped, abbreviations, unknown, masked, similar = counters(ctx)
    for key, n in after[0].items():
        mapped[key] = mapped.get(key, 0) + n - before[0].get(key, 0)
    for key, (code, n) in after[1].items():
        abbreviations[key] = (code, abbreviations.get(key, (code, 0))[1] + n - before[1].get(key, (code, 0))[1])
    for key, n in after[2].items():
        unknown[key] = unknown.get(key, 0) + n - before[2].get(key, 0)
    for key, n in after[3].items():
        masked[key] = masked.get(key, 0) + n - before[3].get(key, 0)
    similar.update(after[4])
