"""Facts about a report's data that its cover and every page footer state: the date the data stop at (the cut-off)
and whether the data are the bundled fictional sample.

Both the report notebooks (through :mod:`.report`) and the runner (cover and PDF footers) read them from the same
functions, so that the cover, the footers and the pages agree.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..schemas import DATA_TABLES, TABLES


def data_cutoff(tables: Mapping[str, pd.DataFrame], cutoff: str | dt.date | None = None) -> dt.date | None:
    """The date the data stop at: ``cutoff`` when given (a date or ``YYYY-MM-DD``), else the latest date of the data
    tables (targets and the partners' comments, whose due dates lie ahead, are not data); None without any date."""
    if cutoff:
        return cutoff if isinstance(cutoff, dt.date) else dt.date.fromisoformat(str(cutoff)[:10])
    latest = None
    for name in DATA_TABLES:
        frame = tables.get(name)
        if frame is None or frame.empty:
            continue
        for column in TABLES[name].columns:
            if column.kind != "date" or column.name not in frame:
                continue
            found = pd.to_datetime(frame[column.name], errors="coerce").max()
            if not pd.isna(found) and (latest is None or found > latest):
                latest = found
    return None if latest is None else latest.date()


@functools.cache
def _sample_fingerprints() -> frozenset[str]:
    from ..resources import sample_dir
    from ..storage import sha256_file

    folder = sample_dir()
    if not folder.is_dir():
        return frozenset()
    return frozenset(sha256_file(p) for p in folder.iterdir() if p.is_file())


def is_sample_data(manifest: Mapping | None) -> bool:
    """Whether an ingestion (its ``manifest.json``) read the bundled fictional sample: its raw folder is the
    package's sample, or one of the files it read is a file of the sample (byte for byte: a copy, even beside other
    files, makes the report's figures fictional in part)."""
    if not manifest:
        return False
    from ..resources import sample_dir
    from ..storage import raw_dir_of

    raw = raw_dir_of(dict(manifest))
    if raw is not None and raw.exists() and raw.resolve() == sample_dir().resolve():
        return True
    files = [f.get("sha256") for f in manifest.get("files") or [] if isinstance(f, Mapping)]
    return any(f in _sample_fingerprints() for f in files)


@dataclass(frozen=True)
class ReportFacts:
    """What a report's cover and footers state about its data."""

    cutoff: dt.date | None
    fictional: bool


def report_facts(processed_dir: str | Path, cutoff: str | dt.date | None = None) -> ReportFacts:
    """The :class:`ReportFacts` of a folder of tidy tables (``cutoff``: the report's parameter, if any)."""
    from ..storage import MANIFEST, load_tables

    folder = Path(processed_dir)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = None
    tables = {} if cutoff else load_tables(folder)
    return ReportFacts(data_cutoff(tables, cutoff), is_sample_data(manifest))


@dataclass(frozen=True)
class CoverTexts:
    """The words of the cover and of the footers: the cut-off line, the watermark and the footer."""

    cutoff: str
    watermark: str
    footer: str


def cover_texts(facts: ReportFacts, title: str, lang: str) -> CoverTexts:
    """What the cover and every page footer of a report titled ``title`` say about its data, in ``lang``."""
    from .i18n import format_date, text

    cutoff = text("cover_cutoff", lang, date=format_date(facts.cutoff, lang)) if facts.cutoff else ""
    watermark = text("fictional", lang) if facts.fictional else ""
    footer = text("footer", lang, title=title, date=format_date(facts.cutoff, lang)) if facts.cutoff else title
    if watermark:
        footer += f" · {watermark.upper()}"
    return CoverTexts(cutoff, watermark, footer)
