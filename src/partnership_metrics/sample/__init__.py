"""A fictional partnership written as messy partner spreadsheets, with the truth a correct ingestion must find.

``partnership-metrics sample-data`` calls :func:`write_sample`; :func:`expected_tables` gives the clean tables a
correct ingestion produces (people in clear). Both take a :class:`~partnership_metrics.partnership.Partnership`
(default: the packaged one): its baseline and period set the years (plus two backlog years of projects), its
partners' names, abbreviations and funder codes what the files say. The same partnership, seed and scale give the
same bytes; ``scale`` repeats the partnership (each repetition with its own draws), so volumes grow K-fold, while
the targets file keeps one row per KPI and period.

Modules: ``model`` (the partnership's entities, drawn at random), ``layout`` (how each partner writes its files),
``writers`` (xlsx, ods and CSV with byte-stable metadata), ``reference`` (the truth: expected tables, row counts,
KPIs computed independently, targets).
"""

from __future__ import annotations

import json
from pathlib import Path

from ..partnership import Partnership
from .layout import lay_out
from .model import luhn_valid, siren_check_digit
from .reference import build, expected_tables, truth_of
from .writers import write_file

__all__ = ["write_sample", "expected_tables", "luhn_valid", "siren_check_digit"]


def write_sample(
    out_dir: str | Path, seed: int = 2020, scale: int = 1, *, truth_path: str | Path | None = None,
    partnership: Partnership | None = None,
) -> dict:
    """Write the sample spreadsheets of ``partnership`` (default: the packaged one) into ``out_dir`` and return
    ``{"seed", "scale", "files", "truth"}``.

    ``files`` are paths relative to ``out_dir``; ``truth`` gives per table and per sheet the rows a correct
    ingestion accepts, quarantines and drops, the planted bad rows, the people written, reference KPI values and
    the targets' expected statuses. ``truth_path`` also writes the truth as JSON; it must lie outside ``out_dir``
    (the raw folder holds only spreadsheets). Existing files of the same names are overwritten, others are left.

    Raises ``ValueError`` for a bad seed or scale, or a ``truth_path`` inside ``out_dir``.
    """
    out_dir = Path(out_dir)
    if truth_path is not None and Path(truth_path).resolve().is_relative_to(out_dir.resolve()):
        raise ValueError(f"truth_path {truth_path} must lie outside the raw folder {out_dir}")
    model = build(seed, scale, partnership)
    files = lay_out(model, seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    for f in files:
        write_file(out_dir, f, constant_memory=scale > 1)
    summary = {"seed": seed, "scale": scale, "files": sorted(f.path for f in files), "truth": truth_of(model, files)}
    if truth_path is not None:
        Path(truth_path).parent.mkdir(parents=True, exist_ok=True)
        Path(truth_path).write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return summary
