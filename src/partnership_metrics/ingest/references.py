"""A project referred to by its acronym or title instead of its id, or by a text around its id: a database's view
shows a linked record by its primary field ("Projet fondateur: OMICBIO" in a start-ups view whose projects are kept
elsewhere); a tracker writes the project as people name it ("P20-05 – NRFLUNG", "P17-03 (PEPSI)"). Once every sheet
is read, a reference that is no project's id but the acronym (or the title, or a title cut short) of exactly one
project, or a text naming exactly one project's id as a word, is read as that project's id. A reference that is still none of them is
left as written when it may be a project kept elsewhere (an id, or a word: an acronym); written as prose in a sheet
whose other references are the folder's projects ("Prix Start-up CPP 2019", "Programme formation" among project ids
in a ledger), it names no project: the line is not tied to one, and the report lists the text."""

from __future__ import annotations

import re

from ..textnorm import fold, tokens
from .blocks import Block

REFERRING = ("funding", "startups", "eu_proposals")  # tables whose project_id refers to a project
LABELS = ("acronym", "title")  # what may name a project (a text naming two projects names none)
_WORD = re.compile(r"[^\s()\[\],;:–—/]+")  # an id is written between spaces, brackets or dashes set apart
_CODE = re.compile(r"[^\W_](?:[\w.-]*[^\W_])?")  # one word of letters and digits joined by - _ or .
_SEPARATOR = re.compile(r"[-_.]")
ID_LIKE = re.compile(r"(?=.*\d)(?=.*[^\W\d_])")  # a word of letters and digits ("P20-05", "AAP19"), not a year
MIN_CUT = 20  # characters of a title cut short that still name one project
KNOWN_SHARE = 0.5  # of a sheet's references that must be the folder's projects for its prose to name none


def references_by_label(blocks: list[Block], untied: list[tuple[str, str]] | None = None) -> int:
    """Replace, in place, each project reference written as a project's acronym or title, or as a text around one
    project's id, or as a code built around it ("VALO-ONC-021-02": an accounting element of project ONC-021), by that
    project's id; returns how many were replaced. A code of the same scheme holding no number ("VALO-CPP-ANIM": the
    network's running costs) names no project: emptied, and (table, text) added to ``untied``."""
    referring = [values for b in blocks if b.table in REFERRING and (values := b.columns.get("project_id"))]
    projects = [b for b in blocks if b.table == "projects"]
    ids = {str(v) for b in projects for v in b.column("project_id") if v is not None}
    unknown = {fold(v) for values in referring for v in set(values) if isinstance(v, str) and v not in ids}
    if not unknown:
        return 0  # every reference is an id (the usual case: the labels are not looked at)
    named = project_labels(projects, unknown)
    _titles_cut(unknown - set(named), projects, named)
    folded_ids = {fold(i): i for i in ids}
    count = 0
    for block in (b for b in blocks if b.table in REFERRING and b.columns.get("project_id")):
        values, schemes = block.columns["project_id"], set()
        for i, value in enumerate(values):
            if not isinstance(value, str) or value in ids:
                continue
            found = named.get(fold(value)) or _ids_written_in(value, folded_ids)
            if not found and (inside := _id_inside_code(value, folded_ids)) is not None:
                found, scheme = {inside[0]}, inside[1]
                schemes.add(scheme)
            if len(found) == 1:
                values[i] = next(iter(found))
                count += 1
        for i, value in enumerate(values):
            if schemes and isinstance(value, str) and value not in ids and _numberless_code_of(value, schemes):
                values[i] = None
                if untied is not None:
                    untied.append((block.table, value))
    return count


def project_labels(projects: list[Block], wanted: set[str] | None = None) -> dict[str, set[str]]:
    """Folded acronym or title -> the ids of the projects bearing it (of the ``wanted`` folded texts only, if given)."""
    named: dict[str, set[str]] = {}
    for label in LABELS:
        for b in projects:
            for key, text in zip(b.column("project_id"), b.column(label), strict=True):
                folded = fold(text) if key is not None and isinstance(text, str) else None
                if folded is not None and (wanted is None or folded in wanted):
                    named.setdefault(folded, set()).add(str(key))
    return named


def _id_inside_code(text: str, folded_ids: dict[str, str]) -> tuple[str, str] | None:
    """(the one project id a code is built around, the code's part before it) for a code whose parts joined by
    dashes, underscores or dots hold exactly one id ("VALO-ONC-021-02": ONC-021, "valo"); None otherwise."""
    if not _CODE.fullmatch(text.strip()):
        return None
    text = text.strip()
    cuts = [0, *(m.end() for m in _SEPARATOR.finditer(text))]
    ends = [m.start() for m in _SEPARATOR.finditer(text)] + [len(text)]
    found = {(a, b) for k, a in enumerate(cuts) for b in ends[k:]
             if (a, b) != (0, len(text)) and ID_LIKE.match(part := text[a:b]) and fold(part) in folded_ids}
    widest = {(a, b) for a, b in found if not any(c <= a and b <= d and (c, d) != (a, b) for c, d in found)}
    if len(widest) != 1:
        return None
    a, b = widest.pop()
    return folded_ids[fold(text[a:b])], fold(text[:a])


def _numberless_code_of(text: str, schemes: set[str]) -> bool:
    """Whether ``text`` is a code of one of ``schemes`` (the part before a project's id in its codes, "valo-")
    holding no number after it."""
    folded = fold(text.strip())
    return bool(_CODE.fullmatch(text.strip())) and any(
        scheme and folded.startswith(scheme) and not any(ch.isdigit() for ch in folded[len(scheme):])
        and folded[len(scheme):] for scheme in schemes)


def _titles_cut(unknown: set[str], projects: list[Block], named: dict[str, set[str]]) -> None:
    """Add to ``named`` each reference that is the start of a project's title, cut short where a column or a
    field's length cut it ("Thermoablation du cancer de l'"): :data:`MIN_CUT` characters at least."""
    cut = [u for u in unknown if len(u.strip()) >= MIN_CUT]
    if not cut:
        return
    titles = [(str(key), fold(text)) for b in projects for key, text in zip(b.column("project_id"), b.column("title"),
                                                                            strict=True)
              if key is not None and isinstance(text, str)]
    for reference in cut:
        start = reference.strip()
        if found := {key for key, title in titles if title.startswith(start) and len(title) > len(start)}:
            named[reference] = found


def _ids_written_in(text: str, folded_ids: dict[str, str]) -> set[str]:
    """The project ids written as words of ``text`` ("P20-05 – NRFLUNG": P20-05)."""
    return {folded_ids[w] for word in _WORD.findall(text) if (w := fold(word)) in folded_ids}


def references_naming_no_project(blocks: list[Block], no_project: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Empty, in place, each project reference written as prose that names no project of the folder, in a sheet
    whose other references mostly do, and each code that says there is none ("ONCO-HORS-PROJET": the words of a
    phrase of ``no_project``, folded); returns (table, text) of each one emptied."""
    ids = {str(v) for b in blocks if b.table == "projects" for v in b.column("project_id") if v is not None}
    emptied: list[tuple[str, str]] = []
    for block in blocks:
        values = block.columns.get("project_id") if block.table in REFERRING and ids else None
        written = [v for v in values or () if isinstance(v, str) and v.strip()]
        known = sum(v in ids for v in written)
        if not written or known == len(written) or known < KNOWN_SHARE * len(written):
            continue
        for i, value in enumerate(values):
            if isinstance(value, str) and value not in ids and (_is_prose(value) or _says_none(value, no_project)):
                emptied.append((block.table, value))
                values[i] = None
    return emptied


def _says_none(text: str, phrases: tuple[str, ...]) -> bool:
    words = f" {' '.join(tokens(text))} "
    return any(f" {phrase} " in words for phrase in phrases)


def _is_prose(text: str) -> bool:
    """Two words or more, none of them an id ("Prix Start-up CPP 2019"; not "P20-05 suite", not "ONCOTAG")."""
    words = _WORD.findall(text)
    return len(words) >= 2 and not any(ID_LIKE.match(w) for w in words)
