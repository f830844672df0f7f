"""The DevTools pipe to a Chromium child and the hygiene of its processes (reaping every descendant it leaves).

:class:`Connection` sends numbered commands on the child's fd 3 and reads answers and events, NUL-terminated JSON,
from its fd 4; :func:`terminate` ends Chromium and its helpers, whatever state they are in.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

from ..errors import ReportError

WRITE_TIMEOUT = 30.0  # seconds for Chromium to take a command off the pipe


class BrowserError(ReportError):
    """Chromium failed: it stopped, did not answer in time, or refused a page."""


class Connection:
    """The DevTools pipe: numbered commands out, answers and events in, each event given to its session."""

    def __init__(self, write_fd: int, read_fd: int, pid: int, log_path: Path):
        self.write_fd, self.read_fd, self.pid, self.log_path = write_fd, read_fd, pid, log_path
        self._buffer = bytearray()
        self._next_id = 0
        self._answers: dict[int, dict] = {}
        self.listeners: dict[str, callable] = {}
        self.exit_status: int | None = None
        self.closed = False

    def send(self, method: str, params: dict | None = None, session_id: str | None = None) -> int:
        """Send a command without waiting for its answer; returns its id."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session_id:
            message["sessionId"] = session_id
        data = memoryview(json.dumps(message).encode("utf-8") + b"\0")
        deadline = time.monotonic() + WRITE_TIMEOUT
        while data:
            _, writable, _ = select.select([], [self.write_fd], [], max(deadline - time.monotonic(), 0))
            if not writable:
                raise BrowserError(f"Chromium did not read {method} within {WRITE_TIMEOUT:g} s")
            try:
                data = data[os.write(self.write_fd, data) :]
            except BlockingIOError:
                continue
            except OSError as error:  # EPIPE: Chromium is gone
                raise self._died(f"sending {method}") from error
        return self._next_id

    def call(
        self, method: str, params: dict | None = None, session_id: str | None = None, *, timeout: float, abort=None
    ) -> dict:
        """Send a command and return its result; raises :class:`BrowserError` on error or timeout."""
        ident = self.send(method, params, session_id)
        self.pump(lambda: ident in self._answers, timeout=timeout, waiting_for=method, abort=abort)
        answer = self._answers.pop(ident)
        if "error" in answer:
            raise BrowserError(f"Chromium refused {method}: {answer['error'].get('message', answer['error'])}")
        return answer.get("result", {})

    def pump(self, done, *, timeout: float, waiting_for: str, abort=None, since: float | None = None) -> None:
        """Read and dispatch messages until ``done()`` is true; raises :class:`BrowserError` after ``timeout``
        seconds (counted from ``since``, a ``time.monotonic()`` value, or from now).

        ``abort()``, called between messages, may raise to stop waiting (e.g. the page crashed).
        """
        deadline = (time.monotonic() if since is None else since) + timeout
        while not done():
            if abort is not None:
                abort()
            if self._dispatch_buffered():
                continue
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise BrowserError(f"Chromium did not finish {waiting_for} within {timeout:g} s")
            self._receive(min(remaining, 0.5), waiting_for)

    def idle(self, seconds: float) -> None:
        """Handle incoming events for ``seconds`` (a page may need answers, e.g. to paused requests)."""
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            if not self._dispatch_buffered():
                self._receive(min(remaining, 0.5), "a page was working")

    def _receive(self, timeout: float, waiting_for: str) -> None:
        """Buffer what Chromium sends within ``timeout`` seconds; raises if it has gone."""
        readable, _, _ = select.select([self.read_fd], [], [], timeout)
        if readable:
            chunk = os.read(self.read_fd, 1 << 20)
            if not chunk:
                raise self._died(f"waiting for {waiting_for}")
            self._buffer += chunk
        elif not self.alive():
            raise self._died(f"waiting for {waiting_for}")

    def _dispatch_buffered(self) -> bool:
        """Handle every complete message in the buffer; False when there was none."""
        handled = False
        while (end := self._buffer.find(b"\0")) >= 0:
            message = json.loads(self._buffer[:end])
            del self._buffer[: end + 1]
            handled = True
            if "id" in message:
                self._answers[message["id"]] = message
            elif (listener := self.listeners.get(message.get("sessionId"))) is not None:
                listener(message["method"], message.get("params", {}))
        if handled:
            # Answers to fire-and-forget commands (e.g. Fetch.continueRequest) are never collected: drop
            # the old ones so the dict stays small.
            for ident in [i for i in self._answers if i < self._next_id - 1000]:
                del self._answers[ident]
        return handled

    def alive(self) -> bool:
        """Whether the Chromium process still runs (reaps it if it ended)."""
        if self.exit_status is not None:
            return False
        try:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            self.exit_status = -1
            return False
        if pid == 0:
            return True
        self.exit_status = os.waitstatus_to_exitcode(status)
        return False

    def _died(self, when: str) -> BrowserError:
        deadline = time.monotonic() + 2
        while self.alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        status = "its pipe closed" if self.exit_status is None else f"exit code {self.exit_status}"
        log = _last_log_line(self.log_path)
        return BrowserError(f"Chromium stopped unexpectedly while {when} ({status}){log}")


def _last_log_line(log_path: Path) -> str:
    try:
        lines = [line for line in log_path.read_text(errors="replace").splitlines() if line.strip()]
    except OSError:
        return ""
    return f"; last message: {lines[-1][:300]}" if lines else ""


def terminate(connection: Connection, pid: int, workdir: Path) -> None:
    """End Chromium: ask it to close, kill what is left of it, reap every process of it, remove its profile."""
    if not connection.closed:
        connection.closed = True
        with contextlib.suppress(BrowserError, OSError, ValueError):
            if connection.alive():
                connection.call("Browser.close", timeout=3.0)
        deadline = time.monotonic() + 3.0
        while connection.alive() and time.monotonic() < deadline:
            time.sleep(0.02)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)  # leftover renderers/zygote of the group, or a hung browser
        if connection.exit_status is None:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        _reap_orphans(pid, workdir)
        Subreaper.release()
        for fd in (connection.write_fd, connection.read_fd):
            with contextlib.suppress(OSError):
                os.close(fd)
    shutil.rmtree(workdir, ignore_errors=True)


class Subreaper:
    """While a Browser runs, this process adopts Chromium's orphans (zygotes, crash handler) to reap them.

    Without it they are reparented to PID 1, which in many containers never reaps them: zombies pile up.
    Linux only (PR_SET_CHILD_SUBREAPER); the previous setting is restored when the last Browser closes.
    """

    _lock = threading.Lock()
    _users = 0
    _previous = 0

    @classmethod
    def acquire(cls) -> None:
        with cls._lock:
            if cls._users == 0:
                cls._previous = _prctl_subreaper(None)
                _prctl_subreaper(1)
            cls._users += 1

    @classmethod
    def release(cls) -> None:
        with cls._lock:
            cls._users = max(cls._users - 1, 0)
            if cls._users == 0:
                _prctl_subreaper(cls._previous)


def _prctl_subreaper(value: int | None) -> int:
    """Set (or with ``None`` read) PR_SET_CHILD_SUBREAPER; 0 and no effect outside Linux."""
    if not sys.platform.startswith("linux"):
        return 0
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if value is None:
        current = ctypes.c_int(0)
        libc.prctl(37, ctypes.byref(current), 0, 0, 0)  # PR_GET_CHILD_SUBREAPER
        return current.value
    libc.prctl(36, value, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    return value


def _reap_orphans(group: int, workdir: Path, timeout: float = 3.0) -> None:
    """Kill and reap this Chromium's processes adopted by this process (see :class:`Subreaper`).

    They are found by process group (zygotes, renderers), by the temporary folder in their command line (the
    crash handler, which is in a session of its own) or, once dead (a zombie has no command line), by name.
    """
    deadline = time.monotonic() + timeout
    while (adopted := _adopted_processes(group, str(workdir))) and time.monotonic() < deadline:
        for child in adopted:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(child, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(child, os.WNOHANG)
        time.sleep(0.02)


def _adopted_processes(group: int, marker: str) -> list[int]:
    """Children of this process that belong to the Chromium started with process group ``group``."""
    me, found = os.getpid(), []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            name, rest = (entry / "stat").read_text().split(" (", 1)[1].rsplit(")", 1)
            state, parent, pgrp = rest.split()[:3]
            if int(parent) != me:
                continue
            zombie_chromium = state == "Z" and name.startswith(("chrome", "chromium"))
            command_line = (entry / "cmdline").read_bytes().decode(errors="replace")
            if zombie_chromium or int(pgrp) == group or marker in command_line:
                found.append(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
    return found
