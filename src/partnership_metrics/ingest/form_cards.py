"""Records written as forms: one card per start-up ("FICHE START-UP — …"), its fields as label/value pairs (one or two
pairs per line: "Raison sociale | Calanques Oncology | | Réf. IT | IT-SP-01"), and below them a small table of its
children (its rounds: "Date | Nature de l'opération | Montant | Investisseurs") that does not repeat the card's id.
The cards are stacked on one sheet or kept one per sheet.

Each card becomes one row of its table (the labels read as headers: all its required columns must be there), each
line of its small table one row of the child table, given the card's id. A label written again starts the next card.
Title, section and note lines, the small tables' headers and total lines are listed as dropped with why. A card of
a table named by a column (:data:`TITLED`: a start-up's name, an event's title) whose labels do not give it takes it
from its title line: a start-up its name ("HistoVision", "Fiche start-up — NKure": after the dash) and its id from that
name, an event its whole title ("Webinaire : Horizon Europe et la Mission Cancer").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ..schemas import TABLES
from ..textnorm import tokens
from .cofunder_lines import cofunder_line_ids, line_stem
from .line_numbers import SAMPLE, counts_lines
from .name_keys import NAMED, with_name_as_key
from .normalising import Context, Dropped, SheetResult, normalise_sheet
from .reading import RawSheet, is_blank
from .recognised import MADE_ID_COLUMNS
from .recognition import ColumnMatch, Recogniser, Recognition

MIN_FIELDS = 3  # label/value pairs a card needs
MAX_ROWS = 2000  # a sheet of cards is short: longer sheets are not looked at
MAX_LABELS = 60
MAX_PAIRS = 3  # label/value pairs on one line
LABEL_SHARE = 3  # a column of labels has at least a third as many as the column with most
_TITLE_PARTS = re.compile(r"\s+[–—-]\s+|\s*:\s+")
TEXT_SHARE = 0.9  # of a pasted document's lines that hold one text cell
TITLE_LINE = "[title line]"  # the label given to a pasted record's first line
_REF_TITLE = re.compile(r"^\s*([^\s:]*\d[^\s:]*)\s+[–—-]\s+(\S.*)$")  # "P18-01 – Immunomodulateurs …"
_VALUE = re.compile(r"^(?:[•·▪‣◦*]\s*|[-–]\s+)|^\S*\d\S*$")  # "• Émergence", "- Autre", "CPP-AAP19-02"
REMARK_WORDS = 3  # words of a phrase remarking on a value beside it
_BRACKETED = re.compile(r"^\s*(?:\([^()]*\)|\[[^\[\]]*\])\s*$")  # "(ORACEL1)": a remark on the value before
_LINE_FIELD = re.compile(r"^\s*([^\W\d][^:]{0,40}?)\s*:\s*(\S.*)$")  # "Détecté le : 10/11/2018"


@dataclass
class _Card:
    fields: dict[str, object] = field(default_factory=dict)  # label -> value
    first: int = 0  # spreadsheet row of its first field
    rows: list[int] = field(default_factory=list)  # spreadsheet rows of its fields
    children: list[tuple[int, list]] = field(default_factory=list)  # (spreadsheet row, cells) of its small table
    title: str | None = None  # the line of one text above its first field ("Fiche start-up — NKure", "HistoVision")


@dataclass
class FormCards:
    table: str
    rec: Recognition
    pivoted: RawSheet
    origins: list[tuple[int, str | None]]
    child: tuple[str, Recognition, RawSheet, list[tuple[int, str | None]]] | None
    child_rows: set[int]  # spreadsheet rows of the small tables (their headers and totals too)
    dropped: list[Dropped]
    cards: list[_Card]


def _label(cell) -> bool:
    """Whether a cell may be a field's label: words, not a value (a number, a code such as "CPP-AAP19-02", a
    bulleted item such as "• Émergence": a table's cells)."""
    return isinstance(cell, str) and bool(text := cell.strip()) and not text[:1].isdigit() and not _VALUE.match(text)


def _written(row: list) -> dict[int, object]:
    """The filled cells of a line, a text repeated in the next cell written once: a label or a value merged over
    two columns ("Acronyme | ONCOVAX | ONCOVAX" as a merged value reads) is one cell."""
    cells = {j: c for j, c in enumerate(row) if not is_blank(c)}
    return {j: c for j, c in cells.items() if not (isinstance(c, str) and j - 1 in cells and cells[j - 1] == c)}


def _remark(cell) -> bool:
    """Whether a cell after a value remarks on it: in brackets ("(ORACEL1)"), or a phrase of words without figures
    in a column of notes ("first meeting with the PI")."""
    return isinstance(cell, str) and (bool(_BRACKETED.match(cell)) or (
        len(cell.split()) >= REMARK_WORDS and not any(ch.isdigit() for ch in cell)))


def _label_columns(rows: list[list]) -> tuple[int, ...]:
    """The columns the labels are written in, as the lines with a value for each label show them ("Label | value |
    | Label | value"): a line with a label left empty is then read by where its cells are."""
    found: Counter = Counter()
    for row in rows:
        cells = list(_written(row).items())
        if cells and not len(cells) % 2 and len(cells) <= 2 * MAX_PAIRS and all(_label(c) for _, c in cells[::2]):
            found.update(j for j, _ in cells[::2])
    # a column of labels has most of them: not one the small tables' headers or total lines happen to start
    most = max(found.values(), default=0)
    return tuple(sorted(j for j, n in found.items() if n * LABEL_SHARE >= most))


def _pairs(row: list, columns: tuple[int, ...]) -> list[tuple[str, object]] | None:
    """The label/value pairs of a line, each label in one of ``columns`` and its value (or nothing) right of it before
    the next of them ("Label | value | | Label | (empty)"); None when it is not such a line (a title, a note, a line
    of labels without values)."""
    cells = _written(row)
    if not cells or len(cells) > 2 * MAX_PAIRS:
        return None
    pairs, used = [], 0
    for k, j in enumerate(columns):
        if j not in cells:
            continue
        if not _label(cells[j]):
            return None
        end = columns[k + 1] if k + 1 < len(columns) else len(row)
        values = [i for i in cells if j < i < end]
        used += 1 + len(values)
        if len(values) > 1:  # "Projet d'origine | CPPV-2021-03 | (ORACEL1)": a value and a remark on it
            values = values[:1] if all(_remark(cells[i]) for i in values[1:]) else values
        if len(values) > 1:
            return None
        pairs.append((" ".join(cells[j].split()).rstrip(":").strip(), cells[values[0]] if values else None))
    if used != len(cells) or all(value is None for _, value in pairs):
        return None
    return pairs


def _child_tables(table: str) -> list[str]:
    """The tables whose rows a card of ``table`` may list below its fields: its children (a start-up's rounds), else
    the tables that name its rows by its key (a project's funding lines)."""
    children = [name for name, t in TABLES.items() if t.parent is not None and t.parent.table == table]
    return children or [name for name, t in TABLES.items() if name != table and _link(name, table) in t.column_names]


def _link(child: str, table: str) -> str:
    """The column of ``child`` that names its row of ``table``."""
    parent = TABLES[child].parent
    return parent.key if parent is not None and parent.table == table else TABLES[table].key[0]


def _child_header(sheet: RawSheet, index: int, child: str, parent_key: str, recogniser: Recogniser
                  ) -> Recognition | None:
    row = sheet.rows[index]
    if sum(isinstance(c, str) and not is_blank(c) for c in row) < 3:
        return None
    found = recogniser.recognise_at(replace(sheet, rows=sheet.rows[index:index + 6], first_row=1), 0, child, known=True)
    if found is None or set(found.missing_required) - {parent_key, MADE_ID_COLUMNS.get(child)}:
        return None  # (a card's funding lines without numbers get ids made of where they are)
    numbered = [m for m in found.columns if m.column == parent_key and _numbers_lines(sheet, index, m.index)]
    if numbered:  # "N° | NOM | PRENOM" under an event's fields: 1, 2, 3 number the list, they name no event
        found = replace(found, columns=[m for m in found.columns if m not in numbered])
    return None if any(m.column == parent_key for m in found.columns) else found


def _numbers_lines(sheet: RawSheet, index: int, column: int) -> bool:
    """Whether column ``column`` of the list under the header at ``index`` numbers its lines (1, 2, 3…)."""
    values = []
    for row in sheet.rows[index + 1:index + 1 + SAMPLE]:
        if all(is_blank(c) for c in row):
            break
        if column < len(row) and not is_blank(row[column]):
            values.append(row[column])
    return counts_lines(values)


def _is_total(row: list, words) -> bool:
    return words.is_total_label(next((c for c in row if isinstance(c, str) and c.strip()), ""))


def _walk(sheet: RawSheet, columns: tuple[int, ...], child: str | None, parent_key: str | None,
          recogniser: Recogniser, words) -> tuple[list[_Card], Recognition | None, list[Dropped], set]:
    cards: list[_Card] = []
    dropped: list[Dropped] = []
    child_rec, in_child, child_rows, title = None, False, set(), None
    planned: frozenset[int] = frozenset()  # the columns of planned values under "Jalon | Prévu | Réalisé"
    for offset, row in enumerate(sheet.rows):
        number = sheet.first_row + offset
        if all(is_blank(c) for c in row):
            in_child, planned = False, frozenset()
            dropped.append(Dropped(sheet.file, sheet.sheet, number, "blank row"))
            continue
        if in_child:
            child_rows.add(number)
            filled = [c for c in row if not is_blank(c)]
            if _is_total(row, words):
                in_child = False
                dropped.append(Dropped(sheet.file, sheet.sheet, number, "total row"))
            elif len(filled) == 1 and isinstance(filled[0], str):  # "Aucune levée de fonds à ce jour"
                dropped.append(Dropped(sheet.file, sheet.sheet, number, "note row (a single text cell)"))
            elif cards:
                cards[-1].children.append((number, list(row)))
            continue
        found = _child_header(sheet, offset, child, parent_key, recogniser) if child and cards else None
        if found is not None:
            child_rec = child_rec or found
            in_child = True
            child_rows.add(number)
            dropped.append(Dropped(sheet.file, sheet.sheet, number, f"header of the {child} of the card above"))
            continue
        pairs = _pairs([None if j in planned else c for j, c in enumerate(row)], columns)
        if pairs is None:
            planned = _planned_columns(row, columns, words) or planned
            dropped.append(Dropped(sheet.file, sheet.sheet, number, "title or note line of a card"))
            filled = [c for c in row if not is_blank(c)]
            title = filled[0] if len(filled) == 1 and isinstance(filled[0], str) else title
            continue
        for label, value in pairs:
            if not cards or label in cards[-1].fields:
                cards.append(_Card(first=number, title=title))
                title = None
            cards[-1].fields[label] = value
        cards[-1].rows.append(number)
    return cards, child_rec, dropped, child_rows


def _planned_columns(row: list, columns: tuple[int, ...], words) -> frozenset[int]:
    """The columns a line of headers over a card's values says are planned ("Jalon | Prévu | Réalisé": what was
    planned is no milestone reached), when another of its columns is not."""
    headers = {j: set(tokens(c)) for j, c in _written(row).items() if j not in columns and isinstance(c, str)}
    planned = frozenset(j for j, found in headers.items() if found & words.planned_date_words)
    return planned if len(headers) > len(planned) else frozenset()


# The column a card's title line gives when its labels do not: a start-up's name ("Fiche start-up — NKure"), an
# event's title ("Pitch day oncologie" over "Référence | EV-2018-04", "Date | 20 janvier 2018", …): the columns that
# name a parent row (schemas' ``Parent.labels``).
TITLED = {t.parent.table: t.parent.labels[0] for t in TABLES.values() if t.parent is not None and t.parent.labels}


def may_be_cards(rec: Recognition | None, sheet: RawSheet) -> bool:
    """Whether a sheet recognised as ``rec`` may be cards: nothing read, a required column missing, a small table
    of a card's children whose parent a title names ("Fiche start-up — NKure" over its rounds), or one under label/value
    lines above its header (an event's fields over its list of attendees, a project's over its funding lines)."""
    if rec is None or rec.missing_required:
        return True
    parent = TABLES[rec.table].parent
    if parent is None:  # a project's funding lines under its fields: lines that do not say their project
        owners = [t for t in TABLES if rec.table in _child_tables(t) and TABLES[t].parent is None]
        return any(_link(rec.table, t) not in {m.column for m in rec.columns} for t in owners) and _fields_above(
            sheet.rows[:rec.header_index])
    return (rec.context_key is not None and parent.table in NAMED) or (
        parent.table in TITLED and _fields_above(sheet.rows[:rec.header_index]))


def _fields_above(rows: list[list]) -> bool:
    """Whether the lines above a table's header hold a card's label/value lines."""
    columns = _label_columns(rows) if rows else ()
    return sum(1 for r in rows if _pairs(r, columns)) >= MIN_FIELDS


def _one_text(row: list) -> str | None:
    cells = [c for c in row if not is_blank(c)]
    return cells[0] if len(cells) == 1 and isinstance(cells[0], str) else None


def _text_blocks(sheet: RawSheet) -> RawSheet | None:
    """A document pasted one line per cell, a block of lines per record ("P18-01 – Immunomodulateurs …" then
    "Porteur : …", "Détecté le : 10/11/2018"), as cards: each block's "label : value" lines as label/value pairs, its
    first line as a pair of :data:`TITLE_LINE`; None when the sheet is no such document (two blocks at least)."""
    filled = [r for r in sheet.rows if any(not is_blank(c) for c in r)]
    if not filled or sum(1 for r in filled if _one_text(r) is not None) < TEXT_SHARE * len(filled):
        return None
    out, in_block, blocks = [], False, 0
    for row in sheet.rows:
        text = _one_text(row)
        if text is not None and _REF_TITLE.match(text):
            out.append([TITLE_LINE, " ".join(text.split())])
            in_block, blocks = True, blocks + 1
        elif text is not None and in_block and (field := _LINE_FIELD.match(text)):
            out.append([field[1], field[2].strip()])
        else:
            in_block = in_block and text is not None  # a blank line ends the block
            out.append(list(row))
    return replace(sheet, rows=out) if blocks >= 2 else None


def find_form_cards(sheet: RawSheet, recogniser: Recogniser, words, rec: Recognition | None = None
                    ) -> FormCards | None:
    """The sheet as cards of a table (and their small tables), or None; never cards of the table ``rec`` reads whole
    (a sign-in sheet under its event's fields, the event given by the sheet's name: its rows, not cards of them)."""
    if len(sheet.rows) > MAX_ROWS:
        return None
    sheet = _text_blocks(sheet) or sheet
    columns = _label_columns(sheet.rows)
    if sum(1 for r in sheet.rows[:80] if _pairs(r, columns)) < MIN_FIELDS:
        return None
    labels = list(dict.fromkeys(label for r in sheet.rows if (p := _pairs(r, columns)) for label, _ in p))
    if len(labels) > MAX_LABELS:  # a two-column list of things, not a few fields written again on each card
        return None
    table_rec = recogniser.recognise(RawSheet(sheet.file, sheet.sheet, [labels]))
    # a card its title names ("Fiche start-up — NKure" over "Date de création | SIREN | Président(e) | Courriel")
    # may look more like another table by its labels alone: the table that reads most of its labels
    tables = dict.fromkeys([*([table_rec.table] if table_rec else []), *TITLED])
    found = [cards for t in tables if (cards := _cards_as(t, sheet, columns, recogniser, words)) is not None and not (
        rec is not None and not rec.missing_required and t == rec.table and cards.child is None)]
    return max(found, key=lambda cards: len(cards.rec.mapped_indexes), default=None)


def _cards_as(table: str, sheet: RawSheet, columns: tuple[int, ...], recogniser: Recogniser, words
              ) -> FormCards | None:
    children = _child_tables(table)
    child = children[0] if children else None
    cards, child_rec, dropped, child_rows = _walk(sheet, columns, child, child and _link(child, table), recogniser,
                                                  words)
    for card in (c for c in cards if len(c.fields) < MIN_FIELDS):  # a line of pairs that is no card
        dropped.extend(Dropped(sheet.file, sheet.sheet, n, "label/value line of no card") for n in card.rows)
        dropped.extend(Dropped(sheet.file, sheet.sheet, n, "line of no card") for n, _ in card.children)
    cards = [c for c in cards if len(c.fields) >= MIN_FIELDS]
    if not cards:
        return None
    if all(TITLE_LINE in c.fields for c in cards):  # "P18-01 – Immunomodulateurs …": the block's id and title
        for c in cards:
            ref = _REF_TITLE.match(str(c.fields.pop(TITLE_LINE)))
            c.fields.setdefault(TABLES[table].key[0], ref[1])
            if "title" in TABLES[table].raw_column_names:
                c.fields.setdefault("title", ref[2])
    rec = recogniser.recognise(_pivoted(sheet, cards), (table,))
    if table in TITLED and (rec is None or TITLED[table] in rec.missing_required) and all(
            c.title for c in cards):  # "HistoVision" above "Création : 02/03/2020": the title names the card
        for c in cards:  # a name after the form's kind ("Fiche start-up — NKure"); an event's title whole
            c.fields[TITLED[table]] = _titled_name(c.title) if table in NAMED else " ".join(c.title.split())
        rec = recogniser.recognise(_pivoted(sheet, cards), (table,))
    rec = (with_name_as_key(rec) or rec) if rec is not None else None
    if rec is None or rec.header_index != 0 or rec.missing_required:
        return None
    for c in cards:
        dropped.extend(Dropped(sheet.file, sheet.sheet, n, f"fields of the card of row {c.first}") for n in c.rows[1:])
    origins = [(c.first, None) for c in cards]
    return FormCards(table, rec, _pivoted(sheet, cards), origins,
                     _children(sheet, table, children, child_rec, cards, rec), child_rows, dropped, cards)


def _pivoted(sheet: RawSheet, cards: list[_Card]) -> RawSheet:
    """The cards as a table: their labels as the header, one row per card."""
    header = list(dict.fromkeys(label for c in cards for label in c.fields))
    return replace(sheet, rows=[header, *([c.fields.get(h) for h in header] for c in cards)], first_row=1,
                   merged_ranges=[])


def _titled_name(title: str) -> str:
    """The name a card's title gives: after its dash or colon ("Fiche start-up — NKure"), else the whole title."""
    parts = _TITLE_PARTS.split(title.strip(), maxsplit=1)
    return " ".join((parts[1] if len(parts) == 2 and parts[1].strip() else title).split())


def _children(sheet: RawSheet, table: str, children: list[str], child_rec: Recognition | None, cards: list[_Card],
              rec: Recognition):
    """(child table, its recognition, a sheet of the small tables' lines with the card's id, their origins)."""
    if child_rec is None or not any(c.children for c in cards):
        return None
    child = children[0]
    key_label = next(m.header for m in rec.columns if m.column == TABLES[table].key[0])
    parent_key = _link(child, table)
    width = max(len(cells) for c in cards for _, cells in c.children)
    header = [None] * width
    for m in child_rec.columns:
        header[m.index] = m.header
    rows = [[*header, f"[{parent_key}]"]]
    origins = []
    for card in cards:
        for number, cells in card.children:
            rows.append([*cells, *[None] * (width - len(cells)), card.fields.get(key_label)])
            origins.append((number, None))
    columns = [*child_rec.columns, ColumnMatch(width, f"[{parent_key}]", parent_key)]
    made = MADE_ID_COLUMNS.get(child)
    if made is not None and all(m.column != made for m in columns):  # "Date | Funder | Scheme | Amount": no numbers
        stem = line_stem(sheet)
        rows = [[*rows[0], f"[{made}]"], *([*row, f"{stem}:{n}"] for row, (n, _) in zip(rows[1:], origins, strict=True))]
        columns.append(ColumnMatch(width + 1, f"[{made}]", made))
    found = replace(child_rec, header_index=0, columns=columns, missing_required=[], context_key=None)
    if len(cards) == 1:  # a card's few lines: one co-funder's line without a number shows the pattern
        rows[1:], _ = cofunder_line_ids(sheet, found, rows[1:], 0, card=[n for n, _ in origins])
    return child, found, replace(sheet, rows=rows, first_row=1, merged_ranges=[]), origins


def normalise_form_cards(sheet: RawSheet, found: FormCards, ctx: Context) -> list[SheetResult]:
    """The card table's result (every line but the small tables') and the child table's (the small tables')."""
    result = normalise_sheet(found.pivoted, found.rec, ctx, origins=found.origins)
    result.header_row = found.cards[0].first
    in_child = found.child_rows
    result.rows_read = len(sheet.rows) - len(in_child)
    result.dropped.extend(d for d in found.dropped if d.row not in in_child)
    result.note = f"{len(found.cards)} card(s), one {found.table} row each (label/value pairs)"
    results = [result]
    if found.child is not None:
        child, rec, child_sheet, origins = found.child
        children = normalise_sheet(child_sheet, rec, ctx, origins=origins)
        children.header_row = None
        children.rows_read = len(in_child)
        children.dropped.extend(d for d in found.dropped if d.row in in_child)
        children.note = f"the small table of each card: one {child} row per line, given the card's id"
        results.append(children)
    return results
