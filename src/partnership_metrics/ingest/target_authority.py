"""Which of two sources of one target is in force: an amendment ("Avenant n°1 – révision des cibles") revises the
agreement's annex; a dashboard of actual values against targets ("Réalisé 2021 | Cible 2021") repeats targets copied
from elsewhere. When two sources give one indicator and period different targets, the one of higher authority is
kept and the others are dropped as superseded, instead of all being quarantined as conflicting.

Of any table, a copy kept in an archive folder ("archives/", "anciennes versions/") ranks below every other source
(:func:`archived_sources`): a record it gives otherwise than a file in use is the file's."""

from __future__ import annotations

import re

from ..textnorm import fold
from .blocks import Block

AMENDMENT, TARGETS, DASHBOARD, ARCHIVED = 2, 1, 0, -1
_GLUED = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")  # a word and its number written as one


def target_authority(file: str, sheet: str | None, headers: list[str], words) -> int:
    """The authority of a targets sheet: an amendment (its file or sheet named so), a dashboard (actual values in
    two of its unread columns or more, or in one beside how far they reach the target: "Réalisé 2021-2023 | Taux
    d'atteinte"), or a table of targets."""
    named = set(_GLUED.sub(" ", fold(f"{file} {sheet or ''}").replace("_", " ")).split())  # "avenant1": avenant
    if named & words.amendment_words:
        return AMENDMENT
    actuals = [h for h in headers if (said := set(fold(h).split())) & words.actual_words
               and not said & (words.baseline_words - words.actual_words)]  # "Référence 2018-2020 (constaté)": the
    # annex's baseline ("Réalisé" is a word of both)
    compared = [h for h in headers if set(fold(h).split()) & words.value_kind_other_words]  # "Taux d'atteinte"
    if len(actuals) >= 2 or (actuals and compared):
        return DASHBOARD
    return TARGETS


def rank_target_sheets(sheets, kpi_names) -> None:
    """Give the block of each targets sheet its authority, in place (``kpi_names``: the run's KPI names, or None),
    and drop the targets an amendment removes."""
    if kpi_names is None:
        return
    for s in sheets:
        if s.table == "kpi_targets" and s.block is not None:
            s.block.authority = target_authority(s.file, s.sheet, [*s.unknown_columns, *s.left_out],
                                                 kpi_names.target_words)
    blocks = [s.block for s in sheets if s.block is not None]
    removed_targets(blocks, [p for s in sheets for p in s.problems], kpi_names.target_words)


def archived_sources(blocks: list[Block], words) -> None:
    """Rank below the others, in place, the blocks of a file kept in an archive folder: a folder of its path is named
    with a word of ``words.archive_words`` ("archives/projets_2022-06-30.xlsx", "anciennes versions/…"). A file's own
    name does not say it ("EU bids 2018-2020 (old tracker).xlsx" is the only list of those years)."""
    for b in blocks:
        folders = b.file.rpartition("/")[0]
        if {w for part in folders.split("/") for w in fold(part.replace("_", " ")).split()} & words.archive_words:
            b.authority = min(b.authority, ARCHIVED)


def kept_by_authority(group: list[tuple[Block, int]], content) -> tuple[Block, int] | None:
    """The record of the group's highest authority when the group's sources differ in authority and the records of
    that authority agree (``content``: what two records must share to agree); else None."""
    ranks = [b.authority for b, _ in group]
    if len(set(ranks)) < 2:
        return None
    best = [(b, i) for (b, i), rank in zip(group, ranks, strict=True) if rank == max(ranks)]
    first = content(*best[0])
    return best[0] if all(content(b, i) == first for b, i in best[1:]) else None


def removed_targets(blocks: list[Block], problems: list, words) -> int:
    """Drop, in place, the targets an amendment removes ("supprimée (suivi sans cible)" where its new target would
    be): the other sources' targets of that indicator and period. Returns how many were dropped."""
    removed = {}
    for p in problems:
        if (p.table == "kpi_targets" and p.column == "target" and " / " in p.key
                and set(fold(p.value).split()) & words.removed_words):
            removed[tuple(p.key.split(" / ", 1))] = p
    count = 0
    for b in blocks if removed else ():
        if b.table != "kpi_targets" or b.authority >= AMENDMENT:
            continue
        for i, status in enumerate(b.statuses()):
            p = removed.get((str(b.value(i, "kpi_id")), str(b.value(i, "period"))))
            if status == "accepted" and p is not None:
                b.set_status(i, "dropped")
                b.reasons[i] = f"removed by {p.file}{f' [{p.sheet}]' if p.sheet else ''} row {p.row} ({p.value})"
                p.reason = "the target is removed: no target for this indicator and period"
                count += 1
    return count
