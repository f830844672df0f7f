"""The writers: byte-stable metadata (a fixed save date from the partnership's years), a valid ODS package, and the
bundled sample equal to a fresh generation."""

from __future__ import annotations

import zipfile

from partnership_metrics import paths
from partnership_metrics.sample.model import Calendar

from .sheets import read_cells


def test_metadata_dates_are_the_fixed_save_date(written):
    saved = Calendar.of(written.partnership).frozen_time  # early in the year after the period
    assert saved.year == written.partnership.last_year + 1
    for name in written.summary["files"]:
        if name.endswith(".xlsx"):
            with zipfile.ZipFile(written.folder / name) as z:
                core = z.read("docProps/core.xml").decode()
            assert f"<dcterms:created xsi:type=\"dcterms:W3CDTF\">{saved:%Y-%m-%dT%H:%M:%S}Z" in core, name
        elif name.endswith(".ods"):
            with zipfile.ZipFile(written.folder / name) as z:
                infos = z.infolist()
                assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
                assert z.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
                assert {i.date_time for i in infos} == {saved.timetuple()[:6]}
                assert saved.isoformat() in z.read("meta.xml").decode()


def test_committed_sample_equals_a_fresh_generation(generated, cells):
    folder, summary = generated
    committed = paths.SAMPLE_RAW_DIR
    assert committed.is_dir(), "data/raw/sample/ is the bundled demo data: regenerate it with `sample-data`"
    names = sorted(p.name for p in committed.iterdir())
    assert names == summary["files"]
    assert read_cells(committed) == cells
    for name in names:  # byte for byte: the writers' output does not depend on when or where they run
        assert (committed / name).read_bytes() == (folder / name).read_bytes(), name
    assert sum(p.stat().st_size for p in committed.iterdir()) < 300_000
