"""Rows tied to their parent row (an attendee to an event, a round to a start-up) when the sheet does not give the
parent's id: it gives its name ("Journée innovation 2022" for the event), or it gives it only around the table, as
lists kept one per event do ("EV2103.csv", a sheet per event, a title row "Filtre : événement = EV2103").

Such a sheet gets the parent key as a made column (:func:`with_context_column`), filled with the file or sheet name
and keeping every text that may name the parent; once every sheet is read, :func:`link_to_parents` looks each name
up among the parent table's ids and labels. A row whose parent cannot be told is quarantined, saying what was tried.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..schemas import TABLES
from ..textnorm import fold
from .aliases import aliases_of
from .normalising import Problem, Record
from .reading import RawSheet
from .recognition import ColumnMatch, Recognition, header_cells

CONTEXT = "__context__"  # record value: the texts around the sheet that may name the parent row
MAX_LABEL_TEXT = 120  # longer cells are notes, not names of a parent
SHOWN_NAMES = 4  # names of a row's context a quarantine message shows
MIN_LEADING = 5  # letters of a name that may stand for a label it starts ("Immunolab"; not "Onco")
_DATE_PARTS = re.compile(r"\s*[;|·•–—_]\s*|\s+-\s+")  # "Mon 07 Mar 2022 · Pitch day · Marseille;", "2022-04-10_webinaire"
_SEPARATORS = re.compile(r"[\s=:;,()|\[\]«»\"'·•–—]+")  # "AG-21-01 · Formation PI · 08/03/2021": the id is a word
_PARTS = re.compile(r"\s*[·•|]\s*")  # "Session 1 · <the event's title> · 31/01/2022": a ticket type's parts


class _Whole(str):
    """A text of a column the table leaves out (a ticket type, or one of its parts): it names a parent only when it
    is the parent's id or label as a whole, never through an id or a label among its words (a comment, "Déjà venu au
    <another event's title>", names no parent of its row)."""


def context_texts(sheet: RawSheet, header_index: int) -> tuple[str, ...]:
    """What may name the parent of a sheet's rows, surest first: the sheet's name (a workbook of one sheet per
    event), the text of the rows above the header (title rows), the texts of a report's summary section, the file's
    name without its folder and suffix."""
    texts = [sheet.sheet] if sheet.sheet else []
    for row in sheet.rows[:header_index]:
        texts.extend(" ".join(str(c).split()) for c in row if isinstance(c, str) and c.strip())
    texts.extend(sheet.context)  # a report's summary section: its topic
    texts.append(sheet.file.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    return tuple(dict.fromkeys(t for t in texts if t))


def with_context_column(sheet: RawSheet, rec: Recognition) -> tuple[RawSheet, Recognition, tuple[str, ...]]:
    """``sheet`` with one more column, ``[<parent key>]``, filled with the file or sheet name on every data row; the
    recognition that reads it; the texts that may name the parent (for :func:`link_to_parents`)."""
    texts = context_texts(sheet, rec.header_index)
    placeholder = sheet.sheet or texts[-1]
    return *with_made_columns(sheet, rec, {rec.context_key: placeholder}), texts


def with_made_columns(sheet: RawSheet, rec: Recognition, values: dict[str, object]) -> tuple[RawSheet, Recognition]:
    """``sheet`` with one more column per table column of ``values``, headed ``[<column>]`` (a column ingestion made)
    and holding its value on every row below the header, and ``rec`` reading them."""
    below = len(sheet.rows) - rec.header_index - 1
    return with_row_columns(sheet, rec, {column: [value] * below for column, value in values.items()})


def with_row_columns(sheet: RawSheet, rec: Recognition, columns: dict[str, list]) -> tuple[RawSheet, Recognition]:
    """``sheet`` with one more column per table column of ``columns``, headed ``[<column>]`` (a column ingestion made)
    and holding, on each row below the header, that row's value of its list, and ``rec`` reading them."""
    width = max(len(r) for r in sheet.rows)
    names = [f"[{column}]" for column in columns]
    lists, empty = list(columns.values()), [None] * len(columns)
    rows = [list(r) + [None] * (width - len(r)) + (names if i == rec.header_index else
                                                    [v[i - rec.header_index - 1] for v in lists]
                                                    if i > rec.header_index else empty)
            for i, r in enumerate(sheet.rows)]
    made = [ColumnMatch(width + k, name, column) for k, (name, column) in enumerate(zip(names, columns, strict=True))]
    return replace(sheet, rows=rows), replace(rec, columns=[*rec.columns, *made])


def label_column(sheet: RawSheet, rec: Recognition, recogniser) -> int | None:
    """The column of a child sheet that names its parent row by label, beside the parent's key column: an
    Eventbrite export's "Event Name" beside "Event ID" (Eventbrite's own number, not the partnership's id). A header
    left out of the table that is exactly a label of the parent table; None when there is none."""
    parent = TABLES[rec.table].parent
    if parent is None or rec.context_key or rec.header_index >= len(sheet.rows):
        return None
    mapped = rec.mapped_indexes
    for index, text in header_cells(sheet.rows[rec.header_index]):
        if index not in mapped and any(column in parent.labels and score >= 1000
                                       for column, score in recogniser.cell_candidates(parent.table, text)):
            return index
    return None


def label_texts(sheet: RawSheet, rows: list[int], keys: list, index: int,
                rec: Recognition | None = None) -> list[tuple[str, ...]]:
    """For each data row (its spreadsheet row, its parent key as read), what names its parent: the key, then the
    label written in column ``index``, then the short texts of the columns ``rec`` leaves out and their parts (a
    ticketing tool's "Ticket Type: Session 1 · <the event's title> · 31/01/2022" when its "Event Name" is the whole
    cycle's), which name a parent only as a whole (:class:`_Whole`), for :func:`link_to_parents`, which takes the
    first that names one parent."""
    header = sheet.rows[rec.header_index] if rec is not None else []
    others = [j for j, cell in enumerate(header) if j != index and j not in rec.mapped_indexes and isinstance(cell, str)]
    out = []
    for row, key in zip(rows, keys, strict=True):
        cells = sheet.rows[row - sheet.first_row]
        label = cells[index] if index < len(cells) else None
        texts = [str(key) if key is not None else "", " ".join(str(label).split()) if label is not None else ""]
        for j in others:
            if j < len(cells) and isinstance(c := cells[j], str) and len(c) <= MAX_LABEL_TEXT:
                parts = _PARTS.split(" ".join(c.split()))
                texts += map(_Whole, [" ".join(c.split()), *(parts if len(parts) > 1 else ())])
        out.append(tuple(t for t in texts if t) or ("",))
    return out


def link_to_parents(records: list[Record], quarantined: list[Problem] = (),
                    legal_forms: frozenset[str] = frozenset(), day_of=None) -> tuple[dict[str, int], list[Problem]]:
    """Give rows naming their parent (by label, or through their sheet's context) the parent's id, in place; the
    ``quarantined`` entries of such rows get the id in their key too, so that they can be found by it. A label is
    also known without the ``legal_forms`` around it ("Massalia Oncology SAS": "Massalia Oncology"). Of several
    parents bearing the label, the one whose date is a day the text gives (``day_of`` reads a part of it).

    Returns how many were linked per ``table.column`` and the quarantine entries of context rows whose parent could
    not be told (their status set to quarantined). Rows whose key already is a parent id are left alone."""
    links: dict[str, int] = {}
    problems: list[Problem] = []
    live = [r for r in records if r.status != "dropped"]
    for table in TABLES.values():
        parent = table.parent
        if parent is None:
            continue
        name = f"{table.name}.{parent.key}"
        links[name] = 0
        parents = [r for r in live if r.table == parent.table]
        ids = {str(r.values[parent.key]) for r in parents if r.values.get(parent.key) is not None}
        folded_ids = aliases_of(parents, parent.key) | {fold(i): i for i in ids}  # "S19-03": a session of EV-19
        by_label = _by_label(parents, parent, legal_forms)
        dated = _Dates(parents, parent, day_of)
        of_sheet: dict[tuple[str, str | None], set[str]] = {}  # the parents a sheet's context rows were given
        for r in live:
            if r.table != table.name:
                continue
            texts = r.values.pop(CONTEXT, None)
            value = r.values.get(parent.key)
            if texts is None and (value is None or str(value) in ids):
                continue
            found = _find_parent(texts or (str(value),), folded_ids, by_label, dated, own=texts is None)
            if found is not None:
                if texts is not None:
                    of_sheet.setdefault((r.file, r.sheet), set()).add(found)
                if found != value:
                    r.values[parent.key] = found
                    links[name] += 1
            elif parents and (problem := _unlinked(r, table, value, texts)) is not None:
                r.status = "quarantined"
                problems.append(problem)
        for problem in quarantined:
            first, *rest = problem.key.split(" / ")
            if problem.table == table.name and first and first not in ids:
                # the parent its name tells, else the one parent of the other rows of its sheet (a sign-in list's
                # line missing its name, under "Action : <a title two events bear>" and "Réf. action : F22-05")
                sheet_parents = of_sheet.get((problem.file, problem.sheet), set())
                found = _find_parent((first,), folded_ids, by_label, dated, own=True) or (
                    next(iter(sheet_parents)) if len(sheet_parents) == 1 else None)
                if found is not None:
                    problem.key = " / ".join([found, *rest])
    return links, problems


def _by_label(parents: list[Record], parent, legal_forms: frozenset[str]) -> dict[str, set[str]]:
    """Folded label (with and without its legal form) -> the ids of the parents that bear it."""
    by_label: dict[str, set[str]] = {}
    for r in parents:
        for label in parent.labels:
            if r.values.get(label) and r.values.get(parent.key) is not None:
                for text in label_forms(str(r.values[label]), legal_forms):
                    by_label.setdefault(text, set()).add(str(r.values[parent.key]))
    return by_label


def label_forms(label: str, legal_forms: frozenset[str]) -> set[str]:
    """The folded label, and the same without a legal form at its end or start ("SAS Massalia Oncology")."""
    whole = fold(label)
    words = whole.split()
    while words and words[-1] in legal_forms:
        words.pop()
    while words and words[0] in legal_forms:
        words.pop(0)
    bare = " ".join(words)
    return {whole, bare} if bare else {whole}


def _unlinked(r: Record, table, value, texts) -> Problem | None:
    """The quarantine entry of a row whose parent could not be told: a sheet's rows named by their context, or a
    row naming by a name ("Lyon Oncotech", no code) a parent that is not there (another company's round); None for
    a row whose code is simply not among the parents' (left as read)."""
    parent = table.parent
    if texts is None and any(ch.isdigit() for ch in str(value)):
        return None
    if texts is None:
        why = (f"its {parent.key} ({value}) is neither an {parent.key} nor a {'/'.join(parent.labels)} of "
               f"{parent.table}: correct it, or add the {parent.table} row")
    else:
        names = [t for t in texts if not isinstance(t, _Whole)]  # not the row's other cells
        shown = "; ".join(names[:SHOWN_NAMES]) + (f"; … {len(names) - SHOWN_NAMES} more" if len(names) > SHOWN_NAMES
                                                  else "")  # the title's first cells: a card's facts follow
        why = (f"neither its {parent.key} nor its {'/'.join(parent.labels)} ({shown}) names a "
               f"row of {parent.table}: correct it, or add the {parent.table} row" if value is not None and
               str(value) == texts[0] else
               f"the sheet has no {parent.key} column and none of its names ({shown}) is an "
               f"{parent.key} or a {'/'.join(parent.labels)} of {parent.table}: add the column, or name the "
               f"file or sheet after the {parent.key}")
    return Problem(r.file, r.sheet, r.row, table.name, parent.key, str(value), why, key=str(value))


class _Dates:
    """The parents' dates, and the one parent among several that a text dates ("Mon 07 Mar 2022 · Pitch day")."""

    def __init__(self, parents: list[Record], parent, day_of):
        self.day_of = day_of if parent.date else None
        self.dates = {str(r.values[parent.key]): _day(r.values.get(parent.date)) for r in parents
                      if r.values.get(parent.key) is not None} if self.day_of else {}

    def choose(self, text: str, ids: set[str]) -> str | None:
        if not self.day_of or len(ids) < 2:
            return next(iter(ids)) if len(ids) == 1 else None
        days = {day for part in _DATE_PARTS.split(str(text)) if part.strip() and (day := self.day_of(part))}
        dated = {i for i in ids if self.dates.get(i) in days}
        return next(iter(dated)) if len(dated) == 1 else None


def _day(value):
    """A parent's date as a ``datetime.date`` (blocks hold dates, timestamps or nothing)."""
    if value is None or (hasattr(value, "year") and value != value):  # NaT
        return None
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def _find_parent(texts, folded_ids: dict[str, str], by_label: dict[str, set[str]], dated: _Dates,
                 own: bool = False) -> str | None:
    """The one parent id the texts name: an id first, in any of them (a title line's "réf. EV22-03" over a sheet
    named by the event's title, which another event of another year bears too), as a whole or as exactly one id
    among a text's words ("Filtre : événement = EV2103"); else, in the first telling text, a label as a whole or
    exactly one label contained in it, or (``own``: the row's own value) whose first words it is; of several parents
    bearing that label, the one of the day the text gives."""
    for text in texts:
        if (whole := fold(text)) in folded_ids:
            return folded_ids[whole]
        if isinstance(text, _Whole):
            continue  # another column's text: only as a whole
        raw = [w for w in _SEPARATORS.split(text) if w]
        words = {fold(w) for w in raw} | {fold(p) for w in raw if "_" in w for p in w.split("_") if p}  # "attendees_EVT-21"
        named = {folded_ids[w] for w in words if w in folded_ids}
        if len(named) == 1:
            return next(iter(named))
    for text in texts:
        whole = fold(text)
        if (found := dated.choose(text, by_label.get(whole, set()))) is not None:
            return found
        if isinstance(text, _Whole):
            continue
        padded = f" {whole} "
        contained = set().union(*(ids for label, ids in by_label.items()
                                  if len(label) >= 8 and f" {label} " in padded)) if by_label else set()
        if (found := dated.choose(text, contained)) is not None:
            return found
        # a row's own value, the first words of one label ("Immunolab" for "Immunolab Therapeutics"): a company
        # called short (not a sheet's title: "Formation" names no one of the trainings)
        starting = set().union(*(ids for label, ids in by_label.items() if label.startswith(f"{whole} ")
                                 )) if own and len(whole) >= MIN_LEADING and by_label else set()
        if (found := dated.choose(text, starting)) is not None:
            return found
    return None


def row_label_column(sheet: RawSheet, rec: Recognition, recogniser) -> tuple[int, int | None] | None:
    """On a sheet without its parent's key, the column that names each row's parent by its label (a retyped sign-in
    sheet's "Intitulé (en-tête de la feuille)" on every line): a header left out of the table that the parent's
    label column is the best match of; None when there is none or several. With it, the one left-out column that
    reads as the parent's date ("Session date"), if any: it tells apart two parents of one title."""
    parent = TABLES[rec.table].parent
    if parent is None or rec.header_index >= len(sheet.rows):
        return None
    mapped = rec.mapped_indexes
    best = {index: candidates[0][0] for index, text in header_cells(sheet.rows[rec.header_index])
            if index not in mapped and (candidates := recogniser.cell_candidates(parent.table, text))}
    found = [index for index, column in best.items() if column in parent.labels]
    dates = [index for index, column in best.items() if parent.date and column == parent.date]
    return (found[0], dates[0] if len(dates) == 1 else None) if len(found) == 1 else None


def with_row_labels(sheet: RawSheet, rows: list[int], columns: tuple[int, int | None],
                    texts: tuple[str, ...]) -> list[tuple[str, ...]]:
    """For each data row (its spreadsheet row), its own label of its parent first (and the label with the row's
    date, when ``columns`` gives a date column), then the sheet's ``texts``."""
    index, date_index = columns
    out = []
    for row in rows:
        cells = sheet.rows[row - sheet.first_row]
        label = cells[index] if index < len(cells) else None
        own = (" ".join(str(label).split()),) if label is not None and str(label).strip() else ()
        day = cells[date_index] if own and date_index is not None and date_index < len(cells) else None
        if day is not None and str(day).strip():
            day = _day(day) if hasattr(day, "year") else str(day).strip()  # a timestamp's day, or the text
            own += (f"{own[0]} · {day.isoformat() if hasattr(day, 'isoformat') else day}",)
        out.append(own + texts)
    return out


def with_section_labels(sheet: RawSheet, header_index: int, rows: list[int],
                        texts: tuple[str, ...]) -> list[tuple[str, ...]] | None:
    """For each data row (its spreadsheet row), the line of a single cell above it that opens its list ("A19-02 —
    Journée annuelle du partenariat — 24/03/2019" above a sign-in list) first, then the sheet's ``texts``; None when
    the sheet has no such lines (two at least) below its header."""
    opened: dict[int, str] = {}  # spreadsheet row -> the text of the single-cell line at or above it
    current = None
    count = 0
    for offset, cells in enumerate(sheet.rows[header_index + 1:]):
        filled = [c for c in cells if c is not None and str(c).strip()]
        if len(filled) == 1 and isinstance(filled[0], str) and any(ch.isalpha() for ch in filled[0]):
            current, count = " ".join(filled[0].split()), count + 1
        opened[sheet.first_row + header_index + 1 + offset] = current
    if count < 2:
        return None
    return [((opened[row],) if opened.get(row) else ()) + texts for row in rows]
