"""Trust: the pseudonymisation key stays local, stale tables are flagged, a killed ingest loses nothing."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time

import pytest

from partnership_metrics import paths
from partnership_metrics.ingest.staleness import changed_raw_files
from partnership_metrics.storage import MANIFEST, recover_interrupted


def test_key_file_is_created_once_owner_only(tmp_path):
    key_file = tmp_path / "secrets" / "k.key"
    code = ("from partnership_metrics.ingest.pseudonymise import Pseudonymiser, resolve_key; "
            "print(Pseudonymiser(resolve_key()).pseudonym('jean dupont'))")
    env = {k: v for k, v in os.environ.items() if k != "PARTNERSHIP_METRICS_KEY"}
    env["PARTNERSHIP_METRICS_KEY_FILE"] = str(key_file)
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert key_file.is_file() and stat.S_IMODE(key_file.stat().st_mode) == 0o600
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert first.stdout == second.stdout and first.stdout.startswith("p-")  # same key, same pseudonym
    env["PARTNERSHIP_METRICS_KEY"] = "another key, long enough"
    other = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert other.stdout != first.stdout


def test_the_key_is_resolved_once_at_the_start_not_while_parsing(tmp_path, monkeypatch):
    """Only resolve_key reads the environment or the key file: a Pseudonymiser made with a key uses that key,
    whatever the environment says afterwards, and creates no file."""
    from partnership_metrics.ingest.pseudonymise import Pseudonymiser, key_file, resolve_key

    monkeypatch.delenv("PARTNERSHIP_METRICS_KEY", raising=False)
    monkeypatch.setenv("PARTNERSHIP_METRICS_KEY_FILE", str(tmp_path / "k.key"))
    assert key_file() == tmp_path / "k.key"
    pseudonymiser = Pseudonymiser(b"a key", frozenset({"dr"}))
    first = pseudonymiser.person("Dr Jean Dupont", "")
    assert not (tmp_path / "k.key").exists()  # nothing read or created while pseudonymising
    monkeypatch.setenv("PARTNERSHIP_METRICS_KEY", "another key, long enough")
    assert pseudonymiser.person("Jean Dupont", "") == first == pseudonymiser.pseudonym("dupont jean")
    assert Pseudonymiser(resolve_key()).pseudonym("dupont jean") != first  # the environment counts at the start
    assert "a key" not in repr(pseudonymiser)


@pytest.mark.parametrize("make, words", [
    (lambda p: (p / "k.key").mkdir(), ["k.key", "cannot be read"]),  # a folder, not a file
    (lambda p: (p / "secrets").write_text("a file, not a folder", encoding="utf-8"), ["cannot be created"]),
])
def test_an_unreadable_or_uncreatable_key_file_is_one_clear_line(tmp_path, make, words):
    make(tmp_path)
    key = tmp_path / "k.key" if (tmp_path / "k.key").exists() else tmp_path / "secrets" / "k.key"
    env = {k: v for k, v in os.environ.items() if k != "PARTNERSHIP_METRICS_KEY"}
    env["PARTNERSHIP_METRICS_KEY_FILE"] = str(key)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "partnership_metrics", "ingest", "--raw", raw, "--out",
                           tmp_path / "out"], env=env, capture_output=True, text=True)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 2 and len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert str(key) in lines[0] and all(w in lines[0] for w in words), lines[0]
    assert "PARTNERSHIP_METRICS_KEY" in lines[0]  # what to do
    assert not (tmp_path / "out").exists()


def test_key_never_in_the_repository():
    ignored = (paths.PROJECT_ROOT / ".gitignore").read_text(encoding="utf-8")
    assert "/.secrets/" in ignored
    tracked = subprocess.run(["git", "ls-files"], cwd=paths.PROJECT_ROOT, capture_output=True, text=True).stdout
    assert ".secrets" not in tracked and ".key" not in tracked


def test_stale_tables_are_flagged(messy_raw, tmp_path):
    raw, _ = messy_raw
    out = tmp_path / "processed"
    subprocess.run([sys.executable, "-m", "partnership_metrics", "ingest", "--raw", raw, "--out", out], check=True,
                   capture_output=True)
    assert changed_raw_files(out) == []
    (raw / "presence.csv").write_text("Événement,Nom\nE1,Zoé\n", encoding="utf-8")
    (raw / "new.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    assert changed_raw_files(out) == ["new.csv", "presence.csv"]
    done = subprocess.run([sys.executable, "-m", "partnership_metrics", "kpis", "--processed", out, "--format",
                           "json"], capture_output=True, text=True)
    assert done.returncode == 0 and "stale" in done.stderr and "presence.csv" in done.stderr
    assert done.stdout.lstrip().startswith("[")  # the JSON itself stays clean


def test_killed_ingest_leaves_the_previous_outputs(tmp_path):
    from partnership_metrics.sample import write_sample

    raw = tmp_path / "raw"
    write_sample(raw, seed=7, scale=4)
    out = tmp_path / "processed"
    cli = [sys.executable, "-m", "partnership_metrics", "ingest", "--raw", raw, "--out", out]
    subprocess.run(cli, check=True, capture_output=True)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (raw / "extra.csv").write_text("a;b\n1;2\n", encoding="utf-8")  # so the next run rebuilds
    for _attempt in range(3):
        proc = subprocess.Popen(cli, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if list(tmp_path.glob(".processed.partial-*")):
                proc.send_signal(signal.SIGKILL)  # in the middle of writing
                break
            time.sleep(0.002)
        proc.wait()
        if proc.returncode == -signal.SIGKILL:
            break
    else:
        pytest.fail("could not kill the ingest while it was writing")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    done = subprocess.run(cli, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not list(tmp_path.glob(".processed.*"))  # the next run cleans up what the killed one left


def test_an_unchanged_run_that_reuses_the_tables_removes_what_a_killed_run_left(tmp_path):
    from partnership_metrics.sample import write_sample

    raw, out = tmp_path / "raw", tmp_path / "processed"
    write_sample(raw, seed=7, scale=1)
    cli = [sys.executable, "-m", "partnership_metrics", "ingest", "--raw", raw, "--out", out]
    subprocess.run(cli, check=True, capture_output=True)
    leftover = tmp_path / ".processed.partial-424242"  # a run killed while it was writing
    (leftover / "sub").mkdir(parents=True)
    again = subprocess.run(cli, capture_output=True, text=True)
    assert again.returncode == 0 and "reused the tables" in again.stdout
    assert not leftover.exists()


def test_recover_when_killed_between_the_two_renames(tmp_path):
    previous = tmp_path / ".processed.previous-123"
    previous.mkdir()
    (previous / MANIFEST).write_text("{}", encoding="utf-8")
    recover_interrupted(tmp_path / "processed")
    assert (tmp_path / "processed" / MANIFEST).is_file() and not previous.exists()
