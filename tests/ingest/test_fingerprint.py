"""The fingerprint of a run's inputs is computed without importing the readers (an unchanged re-run stays fast)."""

import subprocess
import sys

from partnership_metrics.ingest.fingerprint import input_fingerprint, raw_files


def test_checking_a_rerun_imports_no_reader_of_sheets():
    code = ("import sys; import partnership_metrics.ingest.command, partnership_metrics.ingest.fingerprint; "
            "print(sorted(m for m in sys.modules if m.endswith(('.recognition', '.normalising', '.ingestion')) "
            "or m in ('pandas', 'pyarrow')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


def test_the_fingerprint_names_each_file_to_read(tmp_path):
    (tmp_path / "projets.csv").write_text("project_id;title\nP1;A\n", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n")
    files, ignored = raw_files(tmp_path)
    assert [p.name for p in files] == ["projets.csv"] and [p.name for p in ignored] == ["logo.png"]
    fingerprint = input_fingerprint(tmp_path, key=b"k")
    assert list(fingerprint["files"]) == ["projets.csv"]
    (tmp_path / "projets.csv").write_text("project_id;title\nP1;B\n", encoding="utf-8")
    assert input_fingerprint(tmp_path, key=b"k")["files"] != fingerprint["files"]
