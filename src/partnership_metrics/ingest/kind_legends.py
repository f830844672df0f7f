"""One register of records of several kinds ("Type": Projet | Financement | Evénement | Dépôt UE), its shared
columns ("Date", "Montant / Nb", "Info 1") meaning one thing per kind as a legend says: a grid on another sheet of
the workbook ("Colonne | Projet | Financement …", a row per column, a column per kind, or the other way round), a
sheet of one line per kind and column ("Projet | Date 4 | début de maturation"), or sentences above the table or on
a sheet of instructions or a read-me ("Date : PROJ = détection ; FIN = décision", "Précision = canal de sourcing
(projet), lieu (manif)", "Catégorie = technologie / instrument / programme" in the kinds' order, "Nb part. : EVT
seulement", "Date: for projects the detection date, for funding the decision date", "Amount 2 is only for EU
proposals: the amount granted"), or a sheet of one row per column saying it per kind ("Date | Projet : date de
détection ; Financement : date de décision", "Canal | Projet uniquement : origine"). A legend may name the kinds by
the names it gives their codes ("PRJ = project"); the kinds written several ways are one (kind_variants.py). A
workbook's drop-down lists (a column of kinds beside a column of partners: the columns' own values) are no legend;
another sheet of the register with its own headers reads the legend's terms shortened or reordered ("Réf. liée" for
"Lien (réf.)", "Etab." for "Établissement").

Each kind's rows are read as a sheet of their own, named after the kind: each header says what the legend says the
column holds for that kind (the header as written kept in square brackets, for its unit; the header as written
alone when the meaning names no column), a column the legend leaves out for the kind ("-", another kind's
"seulement") or that no row of the kind fills has no header, nor has the column of kinds; a kind whose table lacks
its label reads it in the register's label column ("Libellé": a start-up's name). Rows of no kind (a section's
title, a total) go with the first kind's part. Read so when the legend names two of the kinds and says what at
least :data:`MIN_EXPLAINED` columns hold for two kinds, not only their headers again, and each kind is read as a
table of its own (a projects list's "Type de techno" is no kind of record); another sheet of the same table (a
sign-in sheet per event) is no legend.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..schemas import TABLES
from .header_rows import HEADER_SCAN_ROWS
from .kind_variants import plain, same_kinds, with_unnamed_joined
from .merged_cells import fill_merged_down
from .reading import RawSheet, distinct_cells, is_blank
from .recognition import Recogniser
from .record_kinds import kind_part

REGISTER_LEGEND = "register_legend"  # the kind given to a legend's sheet: it holds no table
MAX_SHEETS = 40  # a workbook of more sheets is a list per event or per month, not a register and its legend
MAX_KINDS = 8  # kinds of records in one register
MIN_EXPLAINED = 2  # columns the legend must explain per kind, for two kinds at least
MAX_LEGEND_ROWS = 80  # a legend's sheet is short; a longer one is a table
MAX_KINDLESS_WORDS = 10  # a statement naming no kind holds for every kind when it is short
CODES_FIT = 0.9  # of a column's values that must be codes of the one code column it is read as
MIN_HEADERS = 4  # texts of a register's header row
MAX_KIND_WORDS = 4  # "candidature UE", "Dépôt UE": a kind is a word or a few
_LEFT_OUT = {"", "-", "–", "—", "/", "x", "n/a", "na", "sans objet"}
_WORD = re.compile(r"(?<![\w])[^\W\d_]{2,}(?![\w])")  # a word of letters only
_JOINERS = {"and", "or", "et", "ou", "&", "+"}  # "for funding lines and start-ups": a list goes on
_ALIAS = re.compile(r"\b([\w-]{2,12})\s*=\s*([^,;.=()]{3,40})")  # "prj = project"
_BRACKET = re.compile(r"\s*\(([^()]*)\)")
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
_FIRST_WORD = re.compile(r"\w+")
_ITEMS = re.compile(r"\s*(?:[,/;+&]|\bet\b|\band\b|\bou\b|\bor\b)\s*")


def with_kind_legends(sheets: list[RawSheet], recogniser: Recogniser, words) -> list[RawSheet]:
    """A workbook's sheets with each register a legend explains replaced by its kinds' parts, and the legend's sheets
    marked as :data:`REGISTER_LEGEND` (see the module's docstring); the others as they are."""
    if len(sheets) > MAX_SHEETS or not any(s.kind == "worksheet" and s.rows for s in sheets):
        return sheets
    split: dict[int, list[RawSheet]] = {}
    legends: set[int] = set()
    short = _Short([s for s in sheets if s.kind == "worksheet" and 0 < len(s.rows) <= MAX_LEGEND_ROWS])
    for sheet in sheets:
        if sheet.kind == "worksheet" and sheet.rows and (found := _parts(sheet, recogniser, words, short)):
            split[id(sheet)], used = found
            legends |= used
    if not split:
        return sheets
    return [p for s in sheets for p in split.get(id(s), [replace(s, kind=REGISTER_LEGEND) if id(s) in legends else s])]


class _Short:
    """The workbook's short sheets (a legend's may be one of them), each read once for all its registers: its
    rows' texts, its text plain, its rows and the same turned with the texts of their heads."""

    def __init__(self, sheets: list[RawSheet]):
        self.sheets = sheets
        self.cells = {id(s): [{plain(c) for c in r if isinstance(c, str)} for r in s.rows] for s in sheets}
        self.corpus = {id(s): plain(" ".join(_line(r) for r in s.rows)) for s in sheets}
        self._grids: dict[int, list] = {}

    def grids(self, sheet: RawSheet) -> list:
        if id(sheet) not in self._grids:
            self._grids[id(sheet)] = [_grid(grid) for grid in (
                sheet.rows, [list(c) for c in zip(*_padded(sheet.rows), strict=True)])]
        return self._grids[id(sheet)]


def _grid(grid: list[list]) -> tuple[list[list], list[tuple[int, list[tuple[int, str]]]], frozenset[str]]:
    """A grid, the texts of its heads (its first rows of two texts or more), those texts once each."""
    heads = [(i, texts) for i, row in enumerate(grid[:HEADER_SCAN_ROWS])
             if len(texts := [(j, c) for j, c in enumerate(row) if isinstance(c, str)]) >= 2]
    return grid, heads, frozenset(c for _, texts in heads for _, c in texts)


@dataclass
class _Written:
    """Another sheet as a legend is read from it: its rows and the same turned, its rows' texts, its lines as
    sentences ("Date | Projet : …" as "Date : Projet : …")."""

    sheet: RawSheet
    # each way: rows, texts of its heads, those texts once each
    grids: list[tuple[list[list], list[tuple[int, list[tuple[int, str]]]], frozenset[str]]]
    texts: list[list[str]]
    lines: list[str]


def _written(sheet: RawSheet, headers: dict[int, str], short: _Short) -> _Written:
    rows = sheet.rows
    return _Written(sheet, short.grids(sheet), [[c for c in row if isinstance(c, str) and c.strip()] for row in rows],
                    [t for r in rows if (t := _term_line(r, headers))])


def _parts(sheet: RawSheet, recogniser: Recogniser, words, short: _Short):
    """(the register's parts, the ids of its legend's sheets), or None when ``sheet`` is no register a legend
    explains."""
    header_index = _header_row(sheet.rows)
    if header_index is None:
        return None
    header = sheet.rows[header_index]
    headers = {j: " ".join(c.split()) for j, c in enumerate(header) if isinstance(c, str) and c.strip()}
    own = {plain(h) for h in headers.values()}
    others = [o for o in short.sheets if o is not sheet
              and not any(len(own & row) * 2 >= len(own) for row in short.cells[id(o)])]
    # (a sheet of the same table, a list per event or per year, explains nothing of this one)
    above = [t for r in sheet.rows[:header_index] if (t := _line(r))]
    corpus = " ".join(t for t in (plain(" ".join(above)), *(short.corpus[id(o)] for o in others)) if t)
    if not corpus:
        return None
    values = _values(sheet.rows[header_index + 1:], headers)
    sources: list[_Written] = []
    for kind_index, kinds_written in _kind_columns(sheet, header_index, headers):
        if sum(len(label) > 1 and label in corpus for label in {plain(k) for k in kinds_written}) < 2:
            continue  # a legend names two kinds at least
        sources = sources or [_written(o, headers, short) for o in others]
        lines = [*above, *(t for w in sources for t in w.lines)]
        kinds, kind_of = same_kinds(kinds_written, _statement_of(lines, headers[kind_index], kinds_written))
        labels = {plain(k): kind_of[k] for k in kinds_written}
        if len({k for label, k in labels.items() if len(label) > 1 and label in corpus}) < 2:
            continue
        legend = _legend(above, sources, headers, labels, words, kind_index, values)
        said = {k: {j: m for j, m in meanings.items() if m is not None and j != kind_index}
                for k, meanings in legend.items()}
        explained = [k for k, m in said.items() if len(m) >= MIN_EXPLAINED]
        if len(explained) >= 2 and any(plain(m) != plain(headers[j]) for k in explained for j, m in said[k].items()):
            parts, tables = _split(sheet, header_index, headers, kind_index, kinds, legend, recogniser, words)
            if len(tables) < len(parts):  # each kind a table of its own: technologies ("Type de techno") are none
                continue
            return parts, {id(w.sheet) for w in sources if _legend([], [w], headers, labels, words, kind_index, values)}
    return None


def _legend(above: list[str], sources: list[_Written], headers: dict[int, str], labels: dict[str, str], words,
            kind_index: int, values: dict[int, set[str]]) -> dict:
    """kind -> column -> meaning (None: left out), from the grids of the other sheets, or their lines and those above
    the header."""
    legend = (_grid_legend([g for w in sources for g in w.grids], headers, labels, values)
              or _long_legend([t for w in sources for t in w.texts], headers, labels))
    texts = [*above, *(t for w in sources for t in w.lines)]
    for kind, meanings in _prose_legend(texts, headers, labels, words, kind_index).items():
        for j, meaning in meanings.items():
            legend.setdefault(kind, {}).setdefault(j, meaning)
    return legend


def _statement_of(lines: list[str], header: str, kinds) -> str | None:
    """What a legend says of the column of kinds ("Nature : Projet | Financement (Fin.) | …"): the first statement
    about it naming two of the kinds."""
    term = plain(header)
    for line in lines:
        said = plain(line)
        if said.startswith(term) and (rest := said[len(term):].lstrip()) and rest[0] in ":=" and sum(
                plain(k) in rest for k in kinds) >= 2:
            return rest[1:].strip()
    return None


def _line(row: list) -> str:
    return " ".join(str(c).strip() for c in row if not is_blank(c))


def _term_line(row: list, headers: dict[int, str]) -> str:
    """A legend's row as a sentence: "Date | Projet : date de détection ; …" (a column's header, then what it holds)
    says "Date : Projet : date de détection ; …"; another row, its cells in turn."""
    cells = [str(c).strip() for c in row if not is_blank(c)]
    if len(cells) >= 2 and isinstance(row[next(j for j, c in enumerate(row) if not is_blank(c))], str) and (
            columns := _column_of(cells[0], headers)) and not re.match(r"\s*[:=]", cells[1]):
        term = headers[columns[0]] if len(columns) == 1 else cells[0]  # "Montant (k€)" says "Montant (€)" here
        return f"{term} : {cells[1]}"
    return " ".join(cells)


def _header_row(rows: list[list]) -> int | None:
    """The first row of at least :data:`MIN_HEADERS` texts and nothing else, filled almost as wide as the rows
    below."""
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        cells = [c for c in row if not is_blank(c)]
        if len(cells) >= MIN_HEADERS and all(isinstance(c, str) for c in cells):
            width = max((len([c for c in r if not is_blank(c)]) for r in rows[i + 1:i + 20]), default=0)
            if width and len(cells) * 2 >= width:
                return i
    return None


def _kind_columns(sheet: RawSheet, header_index: int, headers: dict[int, str]) -> list[tuple[int, dict[str, list[int]]]]:
    """The columns that may say each row's kind: a few short texts on rows that fill other columns too; (column, kind
    as written -> its rows), the columns of fewer distinct values first."""
    found: list[tuple[int, dict[str, list[int]]]] = []
    below = fill_merged_down(sheet, header_index, sheet.rows[header_index + 1:])  # "funding decision" over a block
    filled: dict[int, int] = {}  # row -> its filled cells, counted when asked
    for j in headers:
        kinds: dict[str, list[int]] = {}
        for i, row in enumerate(below, start=header_index + 1):
            cell = row[j] if j < len(row) else None
            if isinstance(cell, str) and len(cell.split()) <= MAX_KIND_WORDS and "@" not in cell and (
                    (filled[i] if i in filled else filled.setdefault(i, sum(not is_blank(c) for c in row))) > 1):
                kinds.setdefault(" ".join(cell.split()), []).append(i)  # (alone on its row: a section's title)
                if len(kinds) > MAX_KINDS * 2:
                    break
        if 2 <= len(kinds) <= MAX_KINDS * 2:
            found.append((j, kinds))
    return sorted(found, key=lambda item: len(item[1]))


def _kind_of(label: str, labels: dict[str, str], record_words: frozenset[str] = frozenset()) -> str | None:
    """See :func:`_kind_named`."""
    return _kind_named(label, tuple(labels.items()), record_words)


@lru_cache(maxsize=65536)
def _kind_named(label: str, pairs: tuple[tuple[str, str], ...], record_words: frozenset[str]) -> str | None:
    """See :func:`_kind_matched`; a label whose first word (or its singular) is in no kind names none, found without
    matching (a legend's sheets are scanned cell by cell)."""
    if (stem := _first_stem(label)) and not any(stem in key for key in _compact_keys(pairs)):
        return None
    return _kind_matched(label, pairs, record_words)


@lru_cache(maxsize=65536)
def _first_stem(label: str) -> str | None:
    """A label's first word without a plural's "s" or "x"; None when it has no word."""
    first = _FIRST_WORD.search(plain(label))
    return first.group().rstrip("sx") if first else None


@lru_cache(maxsize=256)
def _compact_keys(pairs: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    return tuple(re.sub(r"[\s-]", "", key) for key, _ in pairs)


@lru_cache(maxsize=4096)
def _kind_matched(label: str, pairs: tuple[tuple[str, str], ...], record_words: frozenset[str]) -> str | None:
    """The kind (as the register writes it) a legend's label names: the same words, a plural's singular, or some
    words of one kind only ("UE" for "candidature UE", "events" for "event/training"); followed by words that only
    say records ("funding lines"), the words before them. (Memoised: a legend asks of the same labels again.)"""
    labels = dict(pairs)
    said = plain(label).strip(" .:")
    if (cut := said.split()) and len(cut) > 1 and cut[-1] in record_words:
        said = " ".join(cut[:-1])
    if not said:
        return None
    forms = (said, said.rstrip("sx"), said + "s")
    compact = {re.sub(r"[\s-]", "", k): kind for k, kind in labels.items()}  # "start-up" is "startup"
    for form in forms:
        if form in labels:
            return labels[form]
        if (joined := re.sub(r"[\s-]", "", form)) in compact:
            return compact[joined]
    for form in forms[:2]:  # of the kinds holding the words, the one they say most of ("funding": "funding
        words = set(re.findall(r"\w+", form))  # decision", not "TOTAL funding decided 2022")
        close = sorted((len(words) / len(held), labels[k]) for k in labels
                       if words and words <= (held := set(re.findall(r"\w+", k))))
        if close and len({kind for share, kind in close if share == close[-1][0]}) == 1:
            return close[-1][1]
    return None


def _column_of(term: str, headers: dict[int, str]) -> list[int]:
    """The register's columns a legend's term names: a header as written (or without its bracket: "Date" for
    "Date (jj/mm/aaaa)"), else each part of it ("Contact / Mail"), else a range ("DI ... Abandon"), else the one
    header of the same words, shortened ("Etab." for "Établissement")."""
    return list(_columns_named(term, tuple(headers.items())))


@lru_cache(maxsize=65536)
def _columns_named(term: str, items: tuple[tuple[int, str], ...]) -> tuple[int, ...]:
    """See :func:`_column_of`. (Memoised: the registers of a workbook of quarterly packs share their headers.)"""
    said = plain(term).strip(" .:=")
    forms, words = _forms_and_words(items)
    if said in forms:
        return (forms[said],)
    if "..." in said or "…" in said:
        first, _, last = re.split(r"\s*(\.\.\.|…)\s*", said, maxsplit=1)
        if first in forms and last in forms and forms[first] < forms[last]:
            return tuple(j for j, _ in sorted(items) if forms[first] <= j <= forms[last])
        return ()
    parts = [p for p in re.split(r"\s*/\s*", said) if p]  # "Contact / Mail"; "Short name / Acronym", one a year
    if len(parts) > 1 and (named := [forms[p] for p in parts if p in forms]):
        return tuple(named)
    theirs = _LETTER_WORD.findall(said)
    if not theirs or len(theirs) > MAX_KIND_WORDS:
        return ()
    same = {j for ours, j in words if _says_the_same(ours, theirs)}
    return tuple(same) if len(same) == 1 else ()  # another sheet's words: "Lien (réf.)" for "Réf. liée"


def _says_the_same(ours: list[str], theirs: list[str]) -> bool:
    """Whether a header's words and a legend's term's are the same, shortened or in another order: "Lien (réf.)" and
    "Réf. liée" (words of the same first three letters), "Établissement" and "Etab." (one word, the start of the
    other), not "Participants" and "Partenaire"."""
    if len(ours) == len(theirs) == 1:
        return ours[0].startswith(theirs[0]) or theirs[0].startswith(ours[0])
    return len(ours) > 1 and {w[:3] for w in ours} == {w[:3] for w in theirs}


@lru_cache(maxsize=256)
def _forms_and_words(headers: tuple[tuple[int, str], ...]) -> tuple[dict[str, int], list[tuple[list[str], int]]]:
    """The register's header forms (:func:`_header_forms`), and each form's words. (Memoised: a legend's every term
    is asked of the same headers.)"""
    forms = _header_forms(dict(headers))
    return forms, [(_LETTER_WORD.findall(form), j) for form, j in forms.items()]


def _header_forms(headers: dict[int, str]) -> dict[str, int]:
    forms: dict[str, int] = {}
    for j, text in headers.items():
        said = plain(text)
        forms.setdefault(said, j)
        bare = _BRACKET.sub("", said).strip()
        if bare and bare != said:
            forms.setdefault(bare, j)
    return forms


def _values(body: list[list], headers: dict[int, str]) -> dict[int, set[str]]:
    """Each register column's texts, plain."""
    return {j: {plain(c) for c in distinct_cells(row[j] for row in body if j < len(row)) if isinstance(c, str)}
            for j in headers}  # (each distinct cell made plain once)


def _grid_legend(grids: list, headers: dict[int, str], labels: dict[str, str],
                 values: dict[int, set[str]]) -> dict | None:
    """kind -> column -> meaning, from a sheet laid out as a grid: a row naming the kinds over a column naming the
    register's columns (or the same turned)."""
    pairs = tuple(labels.items())
    keys = _compact_keys(pairs)
    named: dict[str, str | None] = {}  # a cell's kind, asked once of all the grids (most name none: found unmatched)
    for text in frozenset().union(*(texts for _, _, texts in grids)):
        stem = _first_stem(text)
        named[text] = _kind_matched(text, pairs, frozenset()) if not stem or any(stem in k for k in keys) else None
    for grid, heads, texts in grids:
        if len({kind for c in texts if (kind := named[c])}) < 2:
            continue  # no row of its first rows could name two kinds
        if found := _grid_rows(grid, heads, headers, labels, named, values):
            return found
    return None


def _long_legend(rows: list[list[str]], headers: dict[int, str], labels: dict[str, str]) -> dict:
    """kind -> column -> meaning, from a sheet of one line per kind and column ("Projet | Date | date de détection
    du projet"; ``rows``: each row's texts)."""
    legend: dict[str, dict[int, str | None]] = {}
    pairs = tuple(labels.items())
    for cells in rows:
        if len(cells) < 3:
            continue
        for kind_cell, term in ((cells[0], cells[1]), (cells[1], cells[0])):
            if (kind := _kind_named(kind_cell, pairs, frozenset())) and (columns := _column_of(term, headers)):
                legend.setdefault(kind, {}).update(_meanings(columns, cells[2], headers))
                break
    return legend


def _padded(rows: list[list]) -> list[list]:
    width = max((len(r) for r in rows), default=0)
    return [list(r) + [None] * (width - len(r)) for r in rows]


def _grid_rows(grid: list[list], heads, headers: dict[int, str], labels: dict[str, str], named: dict,
               values: dict[int, set[str]]) -> dict | None:
    """See :func:`_grid_legend` (``heads``: the texts of the grid's first rows of two texts or more); a grid whose
    cells are mostly values of the columns they stand beside is a workbook's drop-down lists (a column of kinds
    beside a column of partners), no legend."""
    pairs = tuple(labels.items())
    for i, texts in heads:
        kinds = {}
        for j, c in texts:
            if c not in named:
                named[c] = _kind_named(c, pairs, frozenset())
            if named[c]:
                kinds[j] = named[c]
        if len(set(kinds.values())) < 2:
            continue
        legend: dict[str, dict[int, str | None]] = {}
        first = min(kinds)
        said = as_values = 0
        for below in grid[i + 1:]:
            terms = [c for c in below[:first] if isinstance(c, str) and c.strip()]
            columns = _column_of(terms[-1], headers) if terms else []
            for j, kind in kinds.items():
                if columns:
                    cell = below[j] if j < len(below) else None
                    legend.setdefault(kind, {}).update(_meanings(columns, cell, headers))
                    if isinstance(cell, str) and plain(cell) not in _LEFT_OUT:
                        said += 1
                        as_values += any(plain(cell) in values[c] for c in columns)
        if legend and as_values * 2 < said:
            return legend
    return None


def _meanings(columns: list[int], meaning, headers: dict[int, str]) -> dict[int, str | None]:
    """What a legend's cell says each column it names holds: one meaning per column when it says as many ("Montant /
    Montant 2": "montant demandé / montant obtenu"), else one for all."""
    said = [] if is_blank(meaning) else re.split(r"\s+/\s+", str(meaning))
    if len(columns) > 1 and len(said) == len(columns):
        return {j: _meaning(m, headers[j], 1) for j, m in zip(columns, said, strict=True)}
    return {j: _meaning(meaning, headers[j], len(columns)) for j in columns}


def _meaning(meaning, header: str, shared: int) -> str | None:
    """What a legend's cell says a column holds for a kind: None when it leaves the column out; the header as written
    when the cell names several columns at once ("jalons du projet" over "DI ... Abandon")."""
    said = "" if is_blank(meaning) else " ".join(str(meaning).split())
    if plain(said) in _LEFT_OUT or not _WORD.search(said):  # "-", or no word: "✓", "UMR7289"
        return None
    if shared > 1:
        return header
    bare = _BRACKET.sub("", said).split(" : ")[0].strip()  # "canal de sourcing : AAP CPP, détection IT ou conjoint"
    return bare or said


@lru_cache(maxsize=64)
def _statements(texts: tuple[str, ...], headers: tuple[tuple[int, str], ...], dotted: tuple[tuple[str, str], ...],
                is_words: tuple[str, ...]) -> tuple[list[tuple[int, str, str]], list[str]]:
    """(each statement (column, what it says, the words before its column), each text's words before its first
    statement) of sentences "<header> : …", "<header> = …", "<header> is …". (Memoised: every column of a register
    that may say its kinds asks of the same texts.)"""
    forms = _header_forms(dict(headers))
    terms = sorted(forms, key=len, reverse=True)
    pattern = re.compile(r"(?:^|(?<=[\s.;,]))(" + "|".join(re.escape(t) for t in terms) + r")(?:\s*[:=]|\s+(?:"
                         + "|".join(is_words) + r")\b)\s*")  # "Amount 2 is only for EU proposals: …"
    statements, outside = [], []
    for text in texts:
        said = plain(text)
        for written, bare in dotted:
            said = said.replace(written, bare)
        found = list(pattern.finditer(said))
        outside.append(said[:found[0].start()] if found else said)
        for n, match in enumerate(found):
            end = found[n + 1].start() if n + 1 < len(found) else len(said)
            body = re.split(r"\.\s+(?=[^.:=]{1,40}?\s?[:=]\s)", said[match.end():end], maxsplit=1)[0]
            lead = re.split(r"[:;,]|\.\s", said[:match.start()])[-1]  # "Exception: for EU proposals Date 2 is …"
            statements.append((forms[match.group(1)], body.strip(" .;"), lead))
    return statements, outside


def _prose_legend(texts: list[str], headers: dict[int, str], labels: dict[str, str], words, kind_index: int) -> dict:
    """kind -> column -> meaning, from sentences: each "<header> : <what it holds per kind>" or "<header> = …"; a
    statement naming no kind ("Date 2 = invention disclosure") holds for every kind the others name."""
    dotted = {k: k.replace(". ", " ").rstrip(".") for k in labels if ". " in k}  # "Prop. UE": no sentence's end
    labels = {**labels, **{v: labels[k] for k, v in dotted.items()}}
    statements, outside = _statements(tuple(texts), tuple(headers.items()), tuple(dotted.items()),
                                      tuple(words.legend_is_words))
    legend: dict[str, dict[int, str | None]] = {}
    order: list[str] = []
    labels = _with_aliases(labels, [*outside, *(b for c, b, _ in statements if c == kind_index)])
    kindless = []
    for column, body, lead in statements:
        meanings = _by_kind(body, labels, words, headers[column])
        if not meanings and (kinds := _led_by_kinds(lead, labels, words)):
            meanings = {k: _meaning(body, headers[column], 1) for k in kinds}
        for kind, meaning in meanings.items():
            _say(legend.setdefault(kind, {}), column, meaning, headers)
            if meaning is not None and kind not in order:
                order.append(kind)
        if not meanings and column != kind_index:
            kindless.append((column, body))
    for column, body in kindless:
        items = [i for i in re.split(r"\s*/\s*", body) if i]
        if len(items) == len(order) >= 2 and not any(_kind_of(i, labels) for i in items) and "(" not in body:
            for kind, item in zip(order, items, strict=True):  # "Catégorie = technologie / instrument / programme"
                _say(legend[kind], column, _meaning(item, headers[column], 1), headers)  # in the kinds' order
        elif len(body.split()) <= MAX_KINDLESS_WORDS:
            for kind in order:
                _say(legend[kind], column, _meaning(body, headers[column], 1), headers)
    return legend


def _say(held: dict[int, str | None], column: int, meaning: str | None, headers: dict[int, str]) -> None:
    """A kind's column holds ``meaning`` unless the legend said what it holds already; "Date 6 are only for
    projects" says only that it is theirs: "Date 6 = abandoned" then says what it holds."""
    if column not in held or held[column] == headers[column]:
        held[column] = meaning


def _led_by_kinds(lead: str, labels: dict[str, str], words) -> list[str]:
    """The kinds a sentence names before its column ("for EU proposals Date 2 is …")."""
    said = lead.split()
    if len(said) < 2 or said[0] not in words.legend_for_words:
        return []
    return _kinds_in(" ".join(said[1:]), labels)


@lru_cache(maxsize=4096)
def _aliases_in(text: str) -> list[tuple[str, str]]:
    return _ALIAS.findall(text)


def _with_aliases(labels: dict[str, str], texts: list[str]) -> dict[str, str]:
    """The kinds' labels and the names a legend gives their codes ("PRJ = project, FUND = funding decision")."""
    out = dict(labels)
    for text in texts:
        for code, name in _aliases_in(text):
            if code in labels and name.strip() not in out:
                out[name.strip()] = labels[code]
    return out


def _by_kind(body: str, labels: dict[str, str], words, header: str) -> dict[str, str | None]:
    """A statement's meanings per kind: "PROJ = détection ; FIN = décision", "titre (PROJ, EVT), libellé libre
    (FIN)", "EVT seulement" (the header's own meaning for that kind, no other kind's)."""
    said = body.strip(" .:")
    only = [w for w in words.legend_only_words if said.endswith(" " + w)]
    if only and (kinds := _kinds_in(said[:-len(only[0])], labels)):
        return {k: (header if k in kinds else None) for k in labels.values()}
    first, _, rest = said.partition(" ")  # "only for projects"
    if first in words.legend_only_words and (kinds := _led_by_kinds(rest, labels, words)):
        return {k: (header if k in kinds else None) for k in labels.values()}
    out: dict[str, str | None] = {}
    for part in re.split(r"\s*;\s*", said):
        for sign in ("=", " : "):  # "PROJ = détection", "Projet : date de détection"
            left, said_sign, right = part.partition(sign)
            *named, last = left.split() or [""]
            only = last in words.legend_only_words  # "Projet uniquement : origine": the others leave it out
            if said_sign and (kinds := _kinds_in(" ".join(named) if only else left, labels)):
                out.update({k: None for k in labels.values() if only and k not in kinds and k not in out})
                out.update({k: _meaning(right.strip(), header, 1) for k in kinds})
                break
    if out:
        return out
    start = 0
    for bracket in _BRACKET.finditer(said):
        kinds = _kinds_in(bracket.group(1), labels)
        if not kinds:
            continue
        meaning = re.sub(r"^\s*(?:[,/;]|\b(?:ou|or|et|and)\b)\s*", "", said[start:bracket.start()]).strip()
        out.update({k: _meaning(meaning, header, 1) for k in kinds})
        start = bracket.end()
    return out or _for_kinds(_BRACKET.sub("", said), labels, words, header)


def _for_kinds(said: str, labels: dict[str, str], words, header: str) -> dict[str, str | None]:
    """Meanings written for kinds in words: "for projects the detection date, for funding the decision date" (the
    meaning after its kinds), "technology type for projects, instrument for funding" (before them)."""
    out: dict[str, str | None] = {}
    starts = [m for m in re.finditer(r"\b(\w+)\s+", said) if m.group(1) in words.legend_for_words]
    record_words = words.legend_record_words
    for n, match in enumerate(starts):
        following = said[match.end():].split()
        clause = next((k + 1 for k, w in enumerate(following) if w.endswith((",", ";", ":"))), len(following))
        taken = next((k for k in range(min(clause, MAX_KIND_WORDS * 2), 0, -1) if following[k - 1] not in _JOINERS
                      and _kinds_in(" ".join(following[:k]).strip(",;:"), labels, record_words)), 0)
        if not taken:
            continue
        kinds = _kinds_in(" ".join(following[:taken]).strip(",;:"), labels, record_words)
        rest = " ".join(following[taken:])
        after = re.split(r"\s*[,;:]\s*|\.\s+|\s+(?:and|et)\s+(?=" + "|".join(words.legend_for_words) + r"\b)", rest)[0]
        if starts[n + 1:] and after.endswith(tuple(f" {w}" for w in words.legend_for_words)):
            after = ""
        if after.strip() and not following[taken - 1].endswith((",", ";")) and after.split()[0] not in _JOINERS:
            meaning = after  # "for projects the detection date", "only for EU proposals: the amount granted"
        else:  # "… type of event for events, and the EU programme for proposals": the words before
            before = re.split(r"[,;:]|\.\s", said[:match.start()])[-1]
            meaning = re.sub(r"^\s*(?:or|and|ou|et)\s+", "", before)
        if (meaning := meaning.strip(" .")) and meaning not in words.legend_only_words and not _kinds_in(meaning,
                                                                                                          labels):
            out.update({k: _meaning(meaning, header, 1) for k in kinds if k not in out})
    return out


def _kinds_in(text: str, labels: dict[str, str], record_words: frozenset[str] = frozenset()) -> list[str]:
    """The kinds a list of labels names ("PROJ/UE", "projet, europe", "funding lines and start-ups"), or none unless
    every label is a kind."""
    items = [i for i in _ITEMS.split(text.strip()) if i.strip()]
    kinds = [_kind_of(i, labels, record_words) for i in items]
    return [k for k in kinds if k] if items and all(kinds) else []


def _split(sheet: RawSheet, header_index: int, headers: dict[int, str], kind_index: int,
           kinds: dict[str, list[int]], legend: dict, recogniser: Recogniser, words) -> tuple[list[RawSheet], set[str]]:
    """Each kind's part, and the tables they are recognised as."""
    named = [k for k in kinds if any(m is not None for m in legend.get(k, {}).values())]
    kinds = with_unnamed_joined(kinds, named)
    rows_of = {k: list(kinds[k]) for k in named}
    kept = {i for k in named for i in kinds[k]}
    loose = [i for i in range(header_index + 1, len(sheet.rows)) if i not in kept]
    rows_of[named[0]] = sorted(rows_of[named[0]] + loose)
    kind_header = headers[kind_index]
    parts, tables = [], set()
    for kind in named:
        # another kind's rows are blank here, read with their own kind's (a marker would be read as a header's line
        # or a column's code)
        part = kind_part(sheet, header_index, rows_of[kind], kind_header, kind, marked=False)
        header = part.rows[header_index]
        meanings = legend[kind]
        header[kind_index] = None
        for i in kinds[kind]:  # read, the kinds would name another column ("Financement": a grant); a row of no
            part.rows[i][kind_index] = None  # kind keeps what it says ("TOTAL …": a total)
        for j in headers:  # a shared column no row of the kind fills holds nothing of it ("Montant accordé" beside
            if all(j >= len(part.rows[i]) or is_blank(part.rows[i][j]) for i in kinds[kind]):  # a funding's
                header[j] = None  # "Montant")
        choices = {j: _ways_to_read(headers[j], meanings[j]) for j in meanings if header[j] is not None}
        for j, ways in choices.items():
            header[j] = ways[0]
        if (rec := recogniser.recognise(part)) is not None and rec.header_index == header_index:
            for j, ways in choices.items():
                header[j] = max(ways, key=lambda w: _best_score(recogniser, rec.table, w))
            _named_by_codes(part, rec, kinds[kind], set(meanings), recogniser)
            _labelled(header, rec, headers, words.legend_label_headers)
            tables.add(rec.table)
        parts.append(replace(part, notes=[*part.notes, f"rows of kind '{kind}': columns read as the legend says"]))
    return parts, tables


def _labelled(header: list, rec, headers: dict[int, str], label_headers: frozenset[str]) -> None:
    """A kind whose table lacks its label (a start-up's name) reads it in the register's column of every record's
    label ("Libellé": a project's title, a start-up's name), when no other column of the table was read there."""
    table = TABLES[rec.table]
    read = {m.column for m in rec.columns}
    missing = [c for c in table.required if c not in read and table.column(c).kind == "text"]
    taken = {m.index for m in rec.columns}
    label = next((j for j, text in headers.items() if j not in taken and header[j] is not None
                  and plain(text) in label_headers), None)
    if missing and label is not None:
        header[label] = f"{missing[0]} [{headers[label]}]"


def _named_by_codes(part: RawSheet, rec, rows: list[int], explained: set[int], recogniser: Recogniser) -> None:
    """A column the legend does not explain for the kind, whose header names nothing of the kind's table, headed as
    the code column not read yet whose codes its values all are, when it is the only such column and that the only
    such code column ("Catégorie": "PoC", "Maturation" for a funding line: its instrument)."""
    header = part.rows[rec.header_index]
    read = {m.column for m in rec.columns}
    coded = [c.name for c in TABLES[rec.table].raw_columns if c.kind == "code" and c.name not in read]
    fits: dict[int, list[str]] = {}
    for j, text in enumerate(header):
        if text is None or j in explained or j in rec.mapped_indexes:
            continue
        values = [part.rows[i][j] for i in rows if j < len(part.rows[i]) and not is_blank(part.rows[i][j])]
        fits[j] = [c for c in coded if values and recogniser.fit(rec.table, c, values) >= CODES_FIT]
    for j, columns in fits.items():
        if len(columns) == 1 and sum(columns[0] in c for c in fits.values()) == 1 and (
                name := _header_naming(recogniser, rec.table, columns[0])):
            header[j] = f"{name} [{header[j]}]"


def _header_naming(recogniser: Recogniser, table: str, column: str) -> str | None:
    """A header that names ``table.column`` exactly, from its synonyms."""
    for words in recogniser.synonyms[table][column]:
        text = " ".join(words)
        if any(c == column and score > 1000 for c, score in recogniser.cell_candidates(table, text)):
            return text
    return None


def _ways_to_read(header: str, meaning: str | None) -> list:
    """A column's headers for a kind, the likeliest first: what the legend says it holds (the header as written kept in
    square brackets, for its unit: "montant accordé [Montant (k€)]"), the header's words and the meaning ("Date
    détection"), the header as written; None when the kind leaves the column out."""
    if meaning is None:
        return [None]
    if plain(meaning) == plain(header):
        return [header]
    bare = " ".join(_BRACKET.sub(" ", header).split())
    return [f"{meaning} [{header}]", f"{bare} {meaning} [{header}]", header]


def _best_score(recogniser: Recogniser, table: str, text: str | None) -> int:
    if text is None:
        return 0
    return max((score for _, score in recogniser.cell_candidates(table, text)), default=0)
