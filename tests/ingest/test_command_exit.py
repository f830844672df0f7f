"""How the command-line process ends (``cli.run``): without the interpreter's module-by-module teardown, yet with
everything written, the exit handlers run and the exit status the command gave; a profiler still gets its file."""

from __future__ import annotations

import os
import subprocess
import sys


def _python(*args, cwd=None):
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([sys.executable, *map(str, args)], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=300)


def test_ingest_output_is_complete_when_redirected_to_a_file(messy_raw, tmp_path):
    raw, _ = messy_raw
    log = tmp_path / "ingest.log"
    with log.open("w") as fh:  # a file is block-buffered: lost if the process ended before flushing it
        done = subprocess.run([sys.executable, "-m", "partnership_metrics", "ingest", "--raw", str(raw), "--out",
                               str(tmp_path / "out")], stdout=fh, stderr=subprocess.PIPE, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    text = log.read_text()
    assert text.startswith("Read ") and "Every sheet reconciles" in text
    assert text.rstrip().endswith("manifest.json.")  # the summary's last line


def test_exit_status_and_exit_handlers():
    code = ("import atexit, sys; from partnership_metrics import cli; "
            "atexit.register(lambda: print('handler ran', flush=True)); sys.argv = ['pm', *sys.argv[1:]]; cli.run()")
    version = _python("-c", code, "--version")
    assert version.returncode == 0 and version.stdout.splitlines() == ["partnership-metrics 0.1.0", "handler ran"]
    missing = _python("-c", code, "ingest", "--raw", "no such folder")
    assert missing.returncode == 2 and "no such folder" in missing.stderr and "handler ran" in missing.stdout
    usage = _python("-c", code, "no-such-command")
    assert usage.returncode == 2 and "No such command" in usage.stderr


def test_a_message_as_exit_code_is_printed_with_status_1():
    code = "import sys; from partnership_metrics import cli; cli.main = lambda: sys.exit('gave up'); cli.run()"
    done = _python("-c", code)
    assert done.returncode == 1 and done.stderr.strip() == "gave up"


def test_a_profiler_still_writes_its_file(tmp_path):
    profile = tmp_path / "version.prof"
    done = _python("-m", "cProfile", "-o", profile, "-m", "partnership_metrics", "--version")
    assert done.returncode == 0 and "partnership-metrics" in done.stdout
    assert profile.is_file() and profile.stat().st_size > 0
