"""Samples written once per session: the packaged partnership's (seed 2020) and a second partnership's."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from partnership_metrics import paths, sample
from partnership_metrics.partnership import Partnership, default_partnership, read_partnership

from .sheets import read_cells

SECOND_CONFIG = paths.PROJECT_ROOT / "tests" / "fixtures" / "second_partnership" / "partnership.yaml"


@dataclass
class Written:
    partnership: Partnership
    folder: Path
    summary: dict  # what write_sample returned
    cells: dict  # read_cells(folder)
    expected: dict  # expected_tables()

    @property
    def truth(self) -> dict:
        return self.summary["truth"]


def _write(tmp_path_factory, partnership: Partnership) -> Written:
    folder = tmp_path_factory.mktemp("sample")
    summary = sample.write_sample(folder, seed=2020, scale=1, partnership=partnership)
    return Written(partnership, folder, summary, read_cells(folder),
                   sample.expected_tables(seed=2020, scale=1, partnership=partnership))


@pytest.fixture(scope="session")
def second_partnership() -> Partnership:
    return read_partnership(SECOND_CONFIG)


@pytest.fixture(scope="session")
def packaged(tmp_path_factory) -> Written:
    return _write(tmp_path_factory, default_partnership())


@pytest.fixture(scope="session")
def second(tmp_path_factory, second_partnership) -> Written:
    return _write(tmp_path_factory, second_partnership)


@pytest.fixture(params=["packaged", "second"])
def written(request) -> Written:
    """Each of the two samples in turn."""
    return request.getfixturevalue(request.param)


# the packaged sample, by part
@pytest.fixture(scope="session")
def generated(packaged):
    return packaged.folder, packaged.summary


@pytest.fixture(scope="session")
def cells(packaged):
    return packaged.cells


@pytest.fixture(scope="session")
def expected(packaged):
    return packaged.expected
