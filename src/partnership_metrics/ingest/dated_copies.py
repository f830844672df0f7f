"""Copies of one list kept in a dated series: a tracker copied into each year's workbook ("Suivi 2018.ods" …
"Suivi 2023.ods"), a pipeline carried over from one window's sheet to the next ("Pipeline 2018-19", "Pipeline
2020-21"). A record that differs between copies is the latest copy's: the older copies froze it as it was then.
Lists split by year ("Financements 2021", "Financements 2022"), whose records are mostly each in one list, are no
copies: a record in two of them with two values stays a conflict.

A yearly report restates each list in its own way: the projects still active (most of last year's), the EU proposals
filed in the year or whose result came in the year (few of last year's: those then pending). Two dated reports are
copies of one another when any list they both hold carries most of its records over, and then so is each of their
lists; a new template under a new file name ("Rapport_annuel_2020" then "CR_annuel_2021") is still the series when the
names share a word and the reports carry their records over."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath

from ..textnorm import YEAR, fold
from .blocks import Block
from .reading import whole_sheet_name

# of the records of the smaller of two copies that the other holds too, for the two to be copies of one list (a
# quarter's report may leave out the records that were over: the proposals still open are the next report's)
CARRIED_OVER = 0.5
MIN_CARRIED = 3  # records two reports must share for their lists to be copies through another list

_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]{3,}")  # a file name's first word ("PACA" of "PACA_oncology_pack_2021Q1")
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
_BRACKETS = re.compile(r"\s*\(([^()]*)\)")
_LAST_WORD = re.compile(r"[\s_.-]+([^\s_.-]+)$")
_VERSION = re.compile(r"v\d{1,2}")  # "v2", "V3": a version's number, not a date's


def series_and_date(file: str, sheet: str | None, version_words: frozenset[str] = frozenset()
                    ) -> tuple[str, tuple[int, ...]] | None:
    """The name of a copy's series (its file and sheet names with their numbers and the file's version marks left out:
    "_VF", "_v2", "(version corrigée)", ``version_words``) and the date its numbers tell ("Suivi 2021-22.xlsx":
    (2021, 22)); None when the names give no year."""
    stem = _without_version(PurePosixPath(file).with_suffix("").as_posix(), version_words)
    name = f"{stem} | {whole_sheet_name(sheet) or ''}"  # a part of a sheet ("Start-up (rows 1-10)"): the sheet
    if not YEAR.search(name):
        return None
    return _NUMBER.sub("#", name), tuple(int(n) for n in _NUMBER.findall(name))


def _without_version(stem: str, version_words: frozenset[str]) -> str:
    """A file's name without the marks of its version at its end ("Reporting_2022-T4 (version corrigée)",
    "Reporting_2023-T2_v2", "…_VF": "Reporting_2022-T4", …); a year in brackets stays ("Suivi (2021)")."""
    def is_mark(text: str) -> bool:
        said = fold(text).split()
        return bool(said) and all(w in version_words or _VERSION.fullmatch(w) for w in said)

    stem = _BRACKETS.sub(lambda m: "" if is_mark(m[1]) or m[1].strip().isdigit() and len(m[1].strip()) <= 2
                         else m[0], stem)
    while (found := _LAST_WORD.search(stem)) and is_mark(found[1]) and found.start() > 0:
        stem = stem[:found.start()]
    return stem.rstrip(" _-.")


def _one_series(names: set[str]) -> bool:
    """Whether copies named so are of one series: one name; names of one file series whose sheets were renamed
    over the years ("Reporting_#-T# | Projets", then "Reporting_#-T# | Portefeuille projets"); or names of one
    sheet whose files begin alike ("PACA_oncology_archive_#.xls | Start-ups" before "PACA_oncology_pack_#Q#.xlsx |
    Start-ups": a yearly archive, then quarterly packs, of the same office's list)."""
    if len(names) == 1 or len({name.rsplit(" | ", 1)[0] for name in names}) == 1:
        return True
    sheets = {name.rsplit(" | ", 1)[1] for name in names}
    firsts = {_WORD.match(name).group(0).lower() if _WORD.match(name) else "" for name in names}
    return len(sheets) == 1 and "" not in sheets and len(firsts) == 1 and "" not in firsts


def latest_copy(group: list[tuple[Block, int]], keys: Callable[[Block], set], version_words: frozenset[str] = frozenset(),
                files_copied: Callable[[str, str], bool] | None = None) -> tuple[Block, int] | None:
    """The record of the group read from the latest copy of one dated series, when each record comes from another
    copy of it and each two copies in a row share most of the records of the smaller (``keys``: the keys of a
    block's records) or their files do so in a list they both hold (``files_copied``: see :func:`carried_over`);
    else None."""
    dated = []
    for b, i in group:
        file = b.value(i, "source_file") or b.file
        found = series_and_date(file, b.value(i, "source_sheet"), version_words)
        if found is None:
            return None
        dated.append((found, (b, i), file))
    names = {series for (series, _), _, _ in dated}
    same_names = _one_series(names)
    if not same_names and (files_copied is None or not _share_a_word(names)):
        return None
    if len({date for (_, date), _, _ in dated}) != len(dated):
        return None
    copies = [(record, file) for _, record, file in sorted(dated, key=lambda d: d[0][1])]
    if copies[-1][0][0].quotes:  # a reply restating the earlier message's table: its quote is no newer than the message
        return None
    for ((older, _), older_file), ((newer, _), newer_file) in zip(copies, copies[1:], strict=False):
        if same_names and carried_over(keys(older), keys(newer), 1):
            continue
        if files_copied is None or older_file == newer_file or not files_copied(older_file, newer_file):
            return None  # lists split by year, not copies of one list
    return copies[-1][0]


def carried_over(older: set, newer: set, least: int = MIN_CARRIED) -> bool:
    """Whether two lists share most of the records of the smaller, and at least ``least`` of them."""
    shared = len(older & newer)
    return shared >= least and shared >= CARRIED_OVER * min(len(older), len(newer))


def _share_a_word(names: set[str]) -> bool:
    """Whether the files of the copies named so share a word of four letters or more ("Rapport_annuel_#" and
    "CR_annuel_#": "annuel")."""
    words = [{w.lower() for w in _LONG_WORD.findall(name.rsplit(" | ", 1)[0])} for name in names]
    return bool(set.intersection(*words))
