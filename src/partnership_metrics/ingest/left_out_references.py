"""A project named by a column the sheet's table left out: a commitments ledger books each line on a cost centre
named after the project ("Centre de coûts": "PV20-02", "ONC21-02", "ONCO-HORS-PROJET"), with no column a header calls
the project. The header cannot tell such a column from a cost centre that is an organisational code beside a
project column; the values can, once every sheet is read: a column most of whose values are the folder's project
ids names the project of each line, and its other values (a code of no project) name none.

A funder's export names the project in its description of the grant instead ("Objet": "Aide à l'émergence du projet
« TUMORSCAN »", "Programme de maturation du projet ALPHARAD : …"): a left-out column of texts most of which name a
project between quotes or after a project word (``project_mention_words``) carries those names, and a name that is
one project's acronym or title names that project.

Only for the sheets of a table whose lines name a project (funding, start-ups, EU proposals) that read no project
column: the candidate columns' values ride along with the records (:data:`LEFT_OUT`) until :func:`left_out_references`
has looked at them.

An attendance list names its event by the event's title ("Café création d'entreprise 2022", held twice that year)
beside a left-out "Réf. interne" holding the events' ids: where that column's value is an event id and the title is
not, the id names the event (before titles are linked to events, so that a title held twice is no ambiguity).
"""

from __future__ import annotations

import re

from ..schemas import TABLES
from ..textnorm import fold
from .blocks import Block
from .linking import CONTEXT
from .reading import RawSheet, is_blank
from .recognised import Recognition
from .references import ID_LIKE, REFERRING, project_labels

LEFT_OUT = "__left_out__"  # record value: the values of the sheet's left-out columns that may be ids
MAX_CHARS = 30  # an id is short
MIN_IDS = 2  # records whose value is a project id, at least
KNOWN_SHARE = 0.5  # of a column's values that must be the folder's project ids
# table -> (its column naming another table's record, that table): the references a left-out column may hold
REFERENCE = {**{t: ("project_id", "projects") for t in REFERRING}, "event_attendance": ("event_id", "events")}
_QUOTED = re.compile(r"[«“\"]\s*([^«»“”\"]{2,40}?)\s*[»”\"]")  # « TUMORSCAN », “HISTO-AI”
_NAME_EDGES = " :;,.()–—«»\"“”'"


def left_out_values(sheet: RawSheet, rec: Recognition, rows: list[int], mention_words: frozenset[str] = frozenset()
                    ) -> list[tuple] | None:
    """For each record (its spreadsheet row in ``rows``), the values of the left-out columns most of whose values
    look like ids, and the names given by the left-out texts most of which name a project (:func:`named_in`); None
    when the table names no project or event, reads a project already, or no column looks so."""
    if rec.table not in REFERENCE or (rec.table in REFERRING and any(m.column == "project_id" for m in rec.columns)):
        return None
    header = sheet.rows[rec.header_index] if rec.header_index < len(sheet.rows) else []
    below = sheet.rows[rec.header_index + 1:]
    columns, prose = [], []
    for j, cell in enumerate(header):
        if j in rec.mapped_indexes or is_blank(cell):
            continue
        values = [str(r[j]).strip() for r in below if j < len(r) and not is_blank(r[j])]
        ids = sum(len(v) <= MAX_CHARS and len(v.split()) == 1 and bool(ID_LIKE.match(v)) for v in values)
        if values and ids * 2 >= len(values):  # one word of letters and digits ("PV20-02"), not a year
            columns.append(j)
        elif rec.table in REFERRING and values and sum(named_in(v, mention_words) is not None for v in values) * 2 \
                >= len(values):  # "Aide à l'émergence du projet « TUMORSCAN »"
            prose.append(j)
    if not columns and not prose:
        return None
    cell = lambda row, j: row[j] if j < len(row) else None  # noqa: E731
    out = []
    for r in rows:
        cells = sheet.rows[r - sheet.first_row]
        out.append(tuple(None if is_blank(v := cell(cells, j)) else str(v).strip() for j in columns) + tuple(
            None if is_blank(v := cell(cells, j)) else named_in(str(v), mention_words) for j in prose))
    return out


def named_in(text: str, mention_words: frozenset[str]) -> str | None:
    """The name a text gives between quotes ("… du projet « TUMORSCAN »") or as the word after one of the
    ``mention_words`` when that word starts with a capital or a digit ("Programme de maturation du projet
    ALPHARAD : …"); None when it gives neither."""
    if (quoted := _QUOTED.search(text)) is not None:
        return quoted.group(1)
    words = text.split()
    for word, following in zip(words, words[1:], strict=False):
        if fold(word.strip(_NAME_EDGES)) in mention_words and (name := following.strip(_NAME_EDGES)) \
                and (name[0].isupper() or name[0].isdigit()):
            return name
    return None


def carry_left_out(block: Block, sheet: RawSheet, rec: Recognition, mention_words: frozenset[str] = frozenset()
                   ) -> None:
    """Let ``block``'s records carry the values of the sheet's left-out columns that may be ids or name projects."""
    if (left := left_out_values(sheet, rec, block.rows, mention_words)) is not None:
        block.columns[LEFT_OUT] = left


def left_out_references(blocks: list[Block], tables: tuple[str, ...] = REFERRING) -> int:
    """Fill, in place, the project (or event) of each record of ``tables`` whose sheet names it in a left-out column
    (see the module's docstring), then drop the values carried for it; returns how many records were tied so."""
    count = 0
    for table in tables:
        column, target = REFERENCE[table]
        key = TABLES[target].key[0]
        ids = {str(v) for b in blocks if b.table == target for v in b.column(key) if v is not None}
        by_name = None  # made when a carried value is no id
        for block in blocks:
            carried = block.columns.pop(LEFT_OUT, None) if block.table == table else None
            if not carried or not ids:
                continue
            if by_name is None and any(v is not None and v not in ids for row in carried for v in row):
                by_name = _by_label(blocks, target)
            for k in range(len(carried[0])):
                values = [v if v is None or v in ids else by_name.get(fold(v), v) for v in (row[k] for row in carried)]
                known = [v in ids for v in values if v is not None]
                if sum(known) < MIN_IDS or sum(known) < KNOWN_SHARE * len(known):
                    continue
                current = block.columns.setdefault(column, [None] * len(values))
                context = block.columns.get(CONTEXT)
                for i, value in enumerate(values):
                    if value in ids and str(current[i]) not in ids:
                        current[i] = value
                        count += 1
                        if context is not None:  # the id names the row: a title held twice is no longer asked
                            context[i] = None
                break
    return count


def _by_label(blocks: list[Block], table: str) -> dict[str, str]:
    """Folded acronym or title of exactly one project -> its id (none for events: their titles repeat)."""
    if table != "projects":
        return {}
    named = project_labels([b for b in blocks if b.table == table])
    return {name: next(iter(found)) for name, found in named.items() if len(found) == 1}
