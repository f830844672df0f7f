"""Files read by several processes give what one process gives: the same tables, quarantine, dropped rows and
report, the same counts of labels and institutions, the same first error; a worker that dies is redone."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from partnership_metrics.errors import FatalInputError
from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.report import build_report
from partnership_metrics.ingest.workers import share

FIXTURES = Path(__file__).parent.parent / "fixtures" / "unseen"


def _everything(result) -> dict:
    report = build_report(result)
    report.pop("seconds")
    return {"report": report, "arrows": {name: arrow.to_pylist() for name, arrow in result.arrows.items()},
            "problems": [vars(p) for p in result.problems], "cells": [vars(p) for p in result.cell_problems],
            "dropped": [vars(d) for d in result.dropped], "unknown": result.unknown_institutions,
            "other": result.mapped_to_other, "abbreviations": result.abbreviations, "links": result.links,
            "duplicates": result.duplicates}


@pytest.mark.parametrize("folder", ["F", "J"])
def test_several_workers_give_what_one_gives(folder):
    one = _everything(ingest(FIXTURES / folder, workers=1))
    assert one["unknown"] or one["other"] or one["abbreviations"]  # counts that workers must add up
    assert _everything(ingest(FIXTURES / folder, workers=2)) == one
    assert _everything(ingest(FIXTURES / folder, workers=3)) == one


def test_the_first_file_that_fails_in_order_is_the_error(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES / "F", raw)
    good = next(raw.glob("*.xlsx"))
    (raw / "0_broken.xlsx").write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    (raw / "zz_broken.xlsx").write_bytes(good.read_bytes()[: good.stat().st_size // 3])
    for workers in (1, 2):
        with pytest.raises(FatalInputError) as err:
            ingest(raw, workers=workers)
        assert str(err.value).startswith("0_broken.xlsx: ")


def test_tasks_come_back_in_order_with_the_counts_of_every_worker():
    counts: dict[str, int] = {}
    parent = os.getpid()

    def work(i: int) -> int:
        counts[f"task {i % 3}"] = counts.get(f"task {i % 3}", 0) + 1
        return i * i

    def add(before, after):
        for key, n in after[0].items():
            counts[key] = counts.get(key, 0) + n - before[0].get(key, 0)

    out = share(work, [float(i % 5) for i in range(40)], workers=3, counters=lambda: [counts], add=add)
    assert out == [i * i for i in range(40)] and os.getpid() == parent
    assert counts == {"task 0": 14, "task 1": 13, "task 2": 13}


def test_the_tasks_of_a_worker_that_dies_are_done_here():
    parent = os.getpid()
    done_here: list[int] = []

    def work(i: int) -> int:
        if os.getpid() != parent:
            os._exit(3)  # a worker killed mid-way (out of memory, a crash in native code)
        done_here.append(i)
        return -i

    out = share(work, [1.0] * 12, workers=2, counters=lambda: [], add=lambda before, after: None)
    assert out == [-i for i in range(12)] and sorted(done_here) == list(range(12))


def test_values_masked_by_every_worker_are_counted(tmp_path):
    """E-mails and names typed in free-text columns are counted per column (``personal_data_masked``) whichever
    process read the file: the counts of forked workers come back too."""
    from partnership_metrics.ingest.pseudonymise import Pseudonymiser
    from partnership_metrics.ingest.vocabulary import load_words

    raw = tmp_path / "raw"
    raw.mkdir()
    header = ("Code projet;Intitulé du projet;Acronyme;Etablissement de rattachement;Unité;Domaine technologique;"
              "Origine de la détection;Suivi par;Date de détection;Inventeur référent\n")
    for n in range(6):  # several files, so that the forked worker reads some of them
        rows = "".join(f"IT-{n}{i:02d};Projet vu avec jeanne.martin{n}{i}@example.org;A{i};Inserm;U1068;Therapeutics;"
                       f"Détection IT;IT + CPP;04/01/2022;\n" for i in range(5 + n))
        (raw / f"projets_{n}.csv").write_text(header + rows, encoding="utf-8")

    def masked(workers: int) -> dict:
        pseudonymiser = Pseudonymiser(b"a test key", load_words().person_titles)
        ingest(raw, pseudonymiser=pseudonymiser, workers=workers)
        return dict(pseudonymiser.masked)

    one = masked(1)
    assert one == {"projects.title": sum(5 + n for n in range(6))}
    assert masked(2) == one and masked(3) == one


def test_a_small_folder_is_read_by_this_process_alone():
    """A forked worker costs more than it saves on a small folder (the sample at scale 1): one process reads it."""
    from partnership_metrics.ingest.workers import FORK_MIN_WEIGHT, MAX_WORKERS, available_cores, default_workers

    assert default_workers([FORK_MIN_WEIGHT / 4] * 3) == 1
    assert default_workers([FORK_MIN_WEIGHT / 2] * 2) == min(available_cores(), MAX_WORKERS)
