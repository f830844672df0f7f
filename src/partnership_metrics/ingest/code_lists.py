"""A kit's code lists: data sheets that hold codes picked from drop-down lists ("Établissement porteur (code)": 3),
their meanings on a lists sheet of the same workbook ("Listes", "Nomenclatures": "ÉTABLISSEMENTS" over "Code |
Libellé", then "3 | Assistance Publique - Hôpitaux de Marseille"), side by side or one under the other, or under the
header they explain alone on a row (a "Légende" sheet: "Statut", then "ACC | Accepté – financé"), or in a
database's lookup tables exported beside its data ("IdEtab | LibEtab").

A column is read through a list when its header names the list better than any other (a word of the list's title
or of its sheet's name, "Etab. porteur" for "ÉTABLISSEMENTS"; or the list's code header itself, "IdEtab"), says it
holds codes ("(code)", "cf. Listes") unless the list sits on a sheet named as lists ("Listes", "Nomenclatures"), is
no count or amount ("Nb participants"), and most of its filled cells are codes of that list (``3``, ``"03"``,
``"CT"``); each such cell is read as its label, which the rest of ingestion reads as if typed, and a code the list
lacks is unreadable (:class:`UnlistedCode`). Marks on a rating scale whose list runs from best to worst ("1 | Très
satisfait" … "5 | Pas du tout satisfait") are turned round. A lists sheet whose lists were used is listed as such,
never read as data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import FatalInputError
from ..textnorm import fold, tokens
from .codebooks import code_text
from .reading import RawSheet, is_blank
from .vocabulary import Words

_WHOLE_FLOAT = re.compile(r"\d+\.0+")
MAX_ROWS = 400  # a lists sheet is short: longer sheets are not looked at
MAX_LIST_WIDTH = 4  # "Code | Axe | Libellé": the columns of one list's header, between blank cells
MAX_CODE = 14  # characters of a code ("I01", "CT", "F10", "99"; an establishment's SIRET, 14 digits)
MIN_ENTRIES = 2
LISTED_SHARE = 0.8  # of a lists sheet's filled cells that its lists (and their titles) hold
CODED_SHARE = 0.8  # of a column's filled cells that must be codes of its list
MIN_WORD = 4  # a header word naming a list has at least this many letters ("lieu", "etab")
MIN_INNER = 6  # ... and one found inside the other at least this many ("financeur" in "cofinanceur")
MIN_SHORT = 3  # a word beside a code word ("CD_FIN") names a list from this many letters
MAX_HEADER = 80  # characters of a header naming a list
HEADER_ROWS = 15  # rows of a data sheet where its header is looked for
VALUE_ROWS = 2000  # cells of a column looked at to tell whether it holds codes
CODE_LISTS = "code_lists"  # the kind given to a lists sheet: it holds no table
LOOKUP_TABLE = "lookup_table"  # the kind given to a lookup file's sheet: it holds no table
LOOKUP_FILE_ROWS = 500  # a database's lookup table exported as a file of its own is short
_KEY_ENDINGS = ("id", "cd", "code")  # the last word of a lookup file's key: "org_id", "inst_cd"
LOOKUP_FILE_BYTES = 256 * 1024
LOOKUP_SUFFIXES = (".csv", ".tsv", ".txt")  # a database's exports
DICTIONARY_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")  # a data dictionary shipped beside them
DATA_DICTIONARY = "data_dictionary"  # the kind given to a data dictionary's sheet: it holds no table
_DATA_TEXT = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}|\d{5,}")  # a date or a long number typed as text
_LISTED_KEYS = re.compile(r"\s*[;|]\s*")  # several keys in one cell ("ORG-0020;ORG-0021"): a joint organiser


class UnlistedCode(str):
    """A cell of a coded column whose code its list does not hold: unreadable (its row quarantined, or the cell
    emptied in an optional column), with ``reason``."""

    reason: str

    def __new__(cls, text: str, reason: str):
        made = super().__new__(cls, text)
        made.reason = reason
        return made


@dataclass(frozen=True)
class CodeList:
    """One list: the words that name it (its title's, its sheet's when it is the sheet's only list), its code
    header folded ("idetab") and its labels by code key."""

    names: frozenset[str]
    code_header: str
    labels: dict[str, str]
    title: str = ""
    on_lists_sheet: bool = False  # its sheet is named as a kit's lists ("Listes", "Nomenclatures")
    lookup_file: bool = False  # a database's lookup table, a file of its own in the folder


MIN_ABBREVIATION = 4  # letters of a header read as a dictionary field's name cut short ("Etab")


def code_key(cell) -> str:
    """A code as it is compared: ``3``, ``3.0``, ``"3"`` and ``"03"`` alike, letters case-folded."""
    text = code_text(cell)
    if _WHOLE_FLOAT.fullmatch(text):  # "4.0": a code column exported as floats by a data tool
        text = text.split(".")[0]
    digits = "".join(text.split())  # "351 243 803 00035": a SIRET written in groups
    return str(int(digits)) if digits.isdigit() else text.casefold()


def _stem(word: str) -> str:
    return word[:-1] if len(word) > MIN_WORD and word[-1] in "sx" else word


def _words(text: str, words: Words) -> set[str]:
    """The naming words of a header or a title: folded, abbreviations expanded, plural and code words left out."""
    found = set()
    for word in tokens(text):
        word = words.header_abbreviations.get(word, word)
        if len(word) >= MIN_WORD and word not in words.code_list_words:
            found.add(_stem(word))
    return found


def _names(header_words: set[str], list_words: frozenset[str]) -> int:
    """How many of a header's words name a list: a word of one begins the other's ("techno" for "technologie"), or
    holds it ("cofinanceur" for "financeurs")."""
    return sum(any(a.startswith(b) or b.startswith(a) or (min(len(a), len(b)) >= MIN_INNER and (a in b or b in a))
                   for b in list_words) for a in header_words)


def is_code_header(cell, words: Words) -> bool:
    if is_blank(cell) or not isinstance(cell, str):
        return False
    folded = fold(cell)
    first = folded.split()[0] if folded else ""
    return first in words.code_list_words or (" " not in folded and folded[:2] == "id" and len(folded) > 3) or (
        " " not in folded and folded[:4] == "code" and len(folded) > 5)


def is_label_header(cell, words: Words) -> bool:
    if is_blank(cell) or not isinstance(cell, str):
        return False
    folded = fold(cell)
    return any(w in words.label_header_words or w[:3] == "lib" for w in folded.split())


def _block(row: list, j: int) -> tuple[int, int]:
    """The columns of the run of filled cells of ``row`` that holds ``j``."""
    start = j
    while start > 0 and not is_blank(row[start - 1]):
        start -= 1
    end = j
    while end + 1 < len(row) and not is_blank(row[end + 1]):
        end += 1
    return start, end


def _lists_in(sheet: RawSheet, words: Words) -> tuple[list[CodeList], int]:
    """The code lists of ``sheet`` and how many of its filled cells they hold (with their titles)."""
    found, held, rows = [], 0, sheet.rows
    raw = []  # (title, code header, labels)
    for r, row in enumerate(rows):
        for j, cell in enumerate(row):
            if not is_code_header(cell, words):
                continue
            start, end = _block(row, j)
            grouped = start == j - 1 and isinstance(row[start], str) and not is_label_header(row[start], words)
            if (start != j and not grouped) or end - start + 1 > MAX_LIST_WIDTH:
                continue
            label = next((k for k in range(j + 1, end + 1) if is_label_header(row[k], words)), None)
            if label is None:
                continue
            lists, cells = _entries(rows[r + 1:], j, label, start if grouped else None, end, words)
            lists = {group: labels for group, labels in lists.items() if len(labels) >= MIN_ENTRIES}
            if not lists:
                continue
            title = "" if grouped else next((str(rows[t][k]) for t in range(r - 1, max(r - 3, -1), -1)
                                             for k in range(j, end + 1) if k < len(rows[t]) and not is_blank(rows[t][k])),
                                            "")
            held += cells + end - start + 1 + bool(title)
            raw.extend((group or title, fold(cell), labels) for group, labels in lists.items())
    titled, cells = _titled_lists(rows, words)  # "Statut" over "ACC | Accepté – financé", "REJ | Rejeté"
    raw += titled
    held += cells
    listed = bool(set(fold(sheet.sheet or "").split()) & words.code_list_sheet_words)
    for title, header, labels in raw:
        names = _words(title, words) | ({*_words(sheet.sheet or "", words)} if len(raw) == 1 else set())
        found.append(CodeList(frozenset(names), header, labels, " ".join(title.split()) or sheet.sheet or "",
                              listed))
    return found, held


def _titled_lists(rows: list[list], words: Words) -> tuple[list[tuple[str, str, dict[str, str]]], int]:
    """Lists without a "Code | Libellé" header: a title alone on its row (a column's header, "Statut"), then at
    least :data:`MIN_ENTRIES` rows of a code and its label only, until a blank row; (title, "", labels) each, and
    how many cells they hold."""
    found, cells = [], 0
    for r, row in enumerate(rows):
        filled = [(j, c) for j, c in enumerate(row) if not is_blank(c)]
        if len(filled) != 1 or not isinstance(filled[0][1], str) or len(filled[0][1]) > MAX_HEADER:
            continue
        j, labels = filled[0][0], {}
        for below in rows[r + 1:]:
            pair = [(k, c) for k, c in enumerate(below) if not is_blank(c)]
            if [k for k, _ in pair] != [j, j + 1] or len(key := code_key(pair[0][1])) > MAX_CODE or key in labels or (
                    is_code_header(pair[0][1], words)):  # "Code | Libellé": a list with its header, read above
                break
            labels[key] = " ".join(str(pair[1][1]).split())
        if len(labels) >= MIN_ENTRIES:
            found.append((str(filled[0][1]), "", labels))
            cells += 1 + 2 * len(labels)
    return found, cells


def _entries(rows: list[list], j: int, label: int, group: int | None, end: int, words: Words
             ) -> tuple[dict[str, dict[str, str]], int]:
    """The lists under a header whose codes are in column ``j`` and labels in ``label``: one list, or one per value
    of column ``group`` ("Question | Code | Libellé de la réponse", a survey's answers for each question, the
    question written on each line or once over its codes); and how many cells they hold. A code given twice in a
    list makes it no list."""
    lists: dict[str, dict[str, str]] = {}
    cells, current, spoiled = 0, "", set()
    for below in rows:
        code = below[j] if j < len(below) else None
        if is_blank(code):
            break
        text = below[label] if label < len(below) else None
        key = code_key(code)
        if len(key) > MAX_CODE or is_blank(text) or (is_code_header(code, words) and is_label_header(text, words)):
            break  # the next list's title or header, right below this one
        if group is not None and group < len(below) and not is_blank(below[group]):
            current = " ".join(str(below[group]).split())
        labels = lists.setdefault(current, {})
        if key in labels or current in spoiled:
            spoiled.add(current)
            if group is None:
                break
        labels[key] = " ".join(str(text).split())
        first = j if group is None else group
        cells += sum(not is_blank(c) and (k in (j, label) or isinstance(c, str))
                     for k, c in enumerate(below[first:end + 1], start=first))  # a list's other columns: words
    return {group: labels for group, labels in lists.items() if group not in spoiled}, cells


def lookup_table(sheet: RawSheet, words: Words) -> CodeList | None:
    """A database's lookup table exported as a file of its own ("org_id | name | org_type | …", one row per key),
    whose keys other exports of the folder hold in columns named after it ("funder_org_id", "organizer_org_ids"):
    the list of its labels by key, or None. The caller makes sure the file is no table of its own."""
    rows = [r for r in sheet.rows if any(not is_blank(c) for c in r)]
    if not 1 + MIN_ENTRIES <= len(rows) <= LOOKUP_FILE_ROWS or not isinstance(rows[0][0], str):
        return None
    header = fold(rows[0][0]).split()
    label = next((k for k, c in enumerate(rows[0]) if k and is_label_header(c, words)), None)
    if not header or header[-1] not in _KEY_ENDINGS or label is None:
        return None
    labels = {}
    for row in rows[1:]:
        key, text = code_key(row[0]), row[label] if label < len(row) else None
        if is_blank(row[0]) or is_blank(text) or key in labels or len(key) > MAX_CODE:
            return None
        labels[key] = " ".join(str(text).split())
    return CodeList(frozenset(), " ".join(header), labels, sheet.file, lookup_file=True)


@dataclass
class FolderLists:
    """What a folder's lookup files and data dictionaries say: their lists, the sheets that hold them (by file and
    sheet name: those hold no table) and every file read while looking for them (read once)."""

    lists: list[CodeList] = field(default_factory=list)
    sheets: dict[tuple[Path, str | None], str] = field(default_factory=dict)  # -> LOOKUP_TABLE or DATA_DICTIONARY
    read: dict[Path, list[RawSheet]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)  # a dictionary's field key -> what it holds, in words


def folder_lookups(paths: list[Path], read_sheets: Callable[[Path], list[RawSheet]],
                   is_table: Callable[[RawSheet], bool], words: Words,
                   dictionary: Callable[[RawSheet, Words], list[CodeList] | None],
                   descriptions: Callable[[RawSheet, Words], dict[str, str]] = lambda sheet, words: {}) -> FolderLists:
    """The folder's lookup files (:func:`lookup_table`: small delimited files of one sheet that is no table of its
    own, ``is_table``) and the data dictionaries among its small files (``dictionary``, their columns' ``descriptions``
    too). A file that cannot be read is left to the run, which reports it."""
    found = FolderLists()
    for path in paths:
        suffix = path.suffix.lower()
        if suffix not in LOOKUP_SUFFIXES + DICTIONARY_SUFFIXES or path.stat().st_size > LOOKUP_FILE_BYTES:
            continue
        try:
            sheets = found.read[path] = read_sheets(path)
        except FatalInputError:
            continue
        if suffix in LOOKUP_SUFFIXES and len(sheets) == 1 and (lookup := lookup_table(sheets[0], words)) is not None \
                and not is_table(sheets[0]):
            found.lists.append(lookup)
            found.sheets[(path, sheets[0].sheet)] = LOOKUP_TABLE
            continue
        named_as_lists = bool(set(fold(path.stem).replace("_", " ").split()) & words.code_list_sheet_words)
        for sheet in sheets:
            if (lists := dictionary(sheet, words)) is not None and not is_table(sheet):
                found.lists.extend(lists)
                found.sheets[(path, sheet.sheet)] = DATA_DICTIONARY
                found.descriptions.update(descriptions(sheet, words))
            elif (lists := _lists_workbook_sheet(sheet, named_as_lists, words)) and not is_table(sheet):
                found.lists.extend(lists)  # "SIFAC_nomenclature_fonds.xls": "Code fonds | Libellé du fonds"
                found.sheets[(path, sheet.sheet)] = CODE_LISTS
    return found


def _lists_workbook_sheet(sheet: RawSheet, named_as_lists: bool, words: Words) -> list[CodeList]:
    """The code lists of a sheet of a lists workbook kept apart from the data (its file named as lists:
    "SIFAC_nomenclature_fonds.xls"), read as a kit's lists sheet; none for any other sheet."""
    if sheet.kind != "worksheet" or len(sheet.rows) > MAX_ROWS or not named_as_lists:
        return []  # (a lists sheet inside a workbook of data explains that workbook's columns: with_code_lists)
    lists, held = _lists_in(sheet, words)
    if not lists or held < LISTED_SHARE * _filled(sheet):
        return []
    return [replace(found, on_lists_sheet=True) for found in lists]


def _filled(sheet: RawSheet) -> int:
    return sum(not is_blank(c) for row in sheet.rows for c in row)


def _column_list(header, values: list, lists: list[CodeList], words: Words) -> CodeList | None:
    """The list whose codes ``values`` are, when ``header`` may name one (see the module's docstring): the one it
    names best, then the one holding most of them; None when two cannot be told apart."""
    if is_blank(header) or not isinstance(header, str) or not values or len(header) > MAX_HEADER or "\n" in header:
        return None  # a title or an instructions block above the table is no header
    folded, header_words = fold(header), _words(header, words)
    if set(folded.split()) & words.not_coded_header_words:
        return None  # "Nb participants", "Satisfaction moyenne": numbers, whatever list their words name
    says_code = bool(set(folded.split()) & words.code_list_words)  # "Établissement (code)", "cf. Listes"
    if says_code and not header_words:  # an ERP's "CD_FIN": a short word beside "CD" begins the list's name
        header_words = {w for w in tokens(header) if len(w) >= MIN_SHORT and w not in words.code_list_words}
    ranked = []
    for found in lists:
        keys = values
        if folded == found.code_header and found.code_header not in words.code_list_words:
            named = MAX_HEADER  # "IdEtab": the lookup table's own key
        elif found.lookup_file and _names_key(folded, found.code_header):
            named = MAX_HEADER  # "funder_org_id", "organizer_org_ids": the key of a lookup file, named in a role
            keys = [k for v in values for k in _LISTED_KEYS.split(code_text(v)) if k]
        elif found.lookup_file and _abbreviates(folded, found.code_header) and sum(
                _abbreviates(folded, other.code_header) for other in lists if other.lookup_file) == 1:
            named = MAX_HEADER - 1  # "Etab" over a dictionary's field "Etablissement" ("Type": which type?)
        elif found.lookup_file and _key_in_role(folded, found.code_header, words):
            named = MAX_HEADER - 1  # "etablissement_code", "etablissement_porteur": a dictionary's field, in a role
        elif says_code or found.on_lists_sheet:
            named = _names(header_words, found.names)
        else:
            continue  # "Projet" beside a sheet "Projets | Code | Libellé": a reference, not a code to read
        share = sum(code_key(v) in found.labels for v in keys) / max(len(keys), 1)
        if named and share >= CODED_SHARE:
            ranked.append((named, share, found))
    ranked.sort(key=lambda r: (-r[0], -r[1]))
    if not ranked or (len(ranked) > 1 and ranked[0][:2] == ranked[1][:2]):
        return None  # no list, or two it cannot tell apart
    return ranked[0][2]


def _abbreviates(header: str, key: str) -> bool:
    """Whether a folded header is a dictionary field's folded name cut short: "etab" for "etablissement", "type
    techno" for "type technologie"."""
    short, full = header.split(), key.split()
    return (len(header) >= MIN_ABBREVIATION and header != key and len(short) == len(full)
            and all(f.startswith(s) for s, f in zip(short, full, strict=True)))


def _key_in_role(header: str, key: str, words: Words) -> bool:
    """Whether a folded header is a data dictionary's folded field followed by a code word or by one word of its role:
    "etablissement code", "etablissement porteur" for "etablissement"."""
    rest, field_words = [w for w in header.split() if w not in words.code_list_words], key.split()
    return header != key and rest[:len(field_words)] == field_words and len(rest) <= len(field_words) + 1


def _names_key(header: str, key: str) -> bool:
    """Whether a folded header names a lookup file's folded key after a role: "funder org id" for "org id",
    "organizer org ids" for several of them."""
    words = header.split()
    if words and words[-1] == "ids":
        words[-1] = "id"
    return len(words) > len(key.split()) and " ".join(words).endswith(" " + key)


def _reversed_scale(found: CodeList, words: Words) -> tuple[int, int] | None:
    """(lowest, highest code) of a rating scale written from best to worst ("1 | Très satisfait" … "5 | Pas du
    tout satisfait"): consecutive whole codes whose highest label is unfavourable and lowest is not; else None."""
    if not all(k.isdigit() for k in found.labels):
        return None
    codes = sorted(int(k) for k in found.labels)
    if len(codes) < 3 or codes != list(range(codes[0], codes[-1] + 1)):
        return None
    low, high = (_unfavourable(found.labels[str(c)], words) for c in (codes[0], codes[-1]))
    return (codes[0], codes[-1]) if high and not low else None


def _unfavourable(label: str, words: Words) -> bool:
    folded = f" {fold(label)} "
    return any(f" {phrase} " in folded for phrase in words.unfavourable_scale_words)


def _scale_column(header, values: list, lists: list[CodeList], words: Words) -> tuple[int, int, CodeList] | None:
    """The reversed rating scale a column of marks (means: 1.5, 2.2) is written on, when its header names the list
    and every mark lies on the scale."""
    if is_blank(header) or not isinstance(header, str) or len(header) > MAX_HEADER or not values:
        return None
    marks = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if len(marks) < CODED_SHARE * len(values):  # a few cells of words ("en cours") are left to be read as such
        return None
    header_words = _words(header, words)
    for found in sorted(lists, key=lambda f: -_names(header_words, f.names)):
        scale = _reversed_scale(found, words) if _names(header_words, found.names) else None
        if scale is not None and all(scale[0] <= v <= scale[1] for v in marks):
            return scale[0], scale[1], found
    return None


def _decoded(sheet: RawSheet, lists: list[CodeList], words: Words) -> tuple[RawSheet, set[int]] | None:
    """``sheet`` with the codes of each column its header says are a list's written as their labels, and the ids of
    the lists used; None when no column is coded. A table stacked below another (a caption, then its own header:
    the start-ups' rounds under the start-ups) is read with its own header's lists, if any, from that header on."""
    found = None
    openers = [k for k in range(1, len(sheet.rows)) if _opens_a_table(sheet.rows, k)]
    for index in range(min(HEADER_ROWS, len(sheet.rows))):
        if (found := _coded_columns(sheet, index, _end(openers, index, sheet), lists, words)) is not None:
            break
    if found is None:
        return None
    headers = {index: found}
    for k in (k for k in openers if k > index + 1):
        if (more := _coded_columns(sheet, k, _end(openers, k, sheet), lists, words)) is not None:
            headers[k] = more
    ends = {k: _end(openers, k, sheet) for k in headers}
    rows, coded, scales, notes, used, end = [], {}, {}, [], set(), len(sheet.rows)
    for k, row in enumerate(sheet.rows):
        if k == end and any(j < len(row) and code_key(row[j]) in f.labels for j, f in coded.items()):
            end = _end(openers, k, sheet)  # a row of codes after a blank one: the same list goes on
        elif k == end:  # the next table, whose header names no list: read as written
            coded, scales = {}, {}
        if k in headers:
            rows.append(row)
            (coded, scales), end = headers[k], ends[k]
            notes.append("codes read with the workbook's lists: " + ", ".join(str(row[j]).strip() for j in coded))
            notes += [f"{str(row[j]).strip()} read on the scale of the list {f.title!r} turned round ({low} is its "
                      f"best mark there, {high} here)" for j, (low, high, f) in scales.items()]
            used |= {id(f) for f in coded.values()} | {id(f) for _, _, f in scales.values()}
            continue
        row = list(row)
        for j, (low, high, _) in scales.items():  # 1.5 on a scale where 1 is best: 4.5 where 5 is
            if k > index and j < len(row) and isinstance(row[j], (int, float)) and not isinstance(row[j], bool):
                row[j] = low + high - row[j]
        for j, list_ in coded.items():  # ("NaN", "n/a": no code, left for the column to read as empty)
            if k > index and j < len(row) and not is_blank(row[j]) and (
                    not isinstance(row[j], str) or row[j].strip().lower() not in words.missing_values):
                row[j] = _label(row[j], list_)
        rows.append(row)
    return replace(sheet, rows=rows, notes=[*sheet.notes, *notes]), used


def _end(openers: list[int], index: int, sheet: RawSheet) -> int:
    """Where the table whose header is at ``index`` ends: at the next table stacked below it, else the sheet's end."""
    return next((k for k in openers if k > index + 1), len(sheet.rows))


def _coded_columns(sheet: RawSheet, index: int, end: int, lists: list[CodeList], words: Words
                   ) -> tuple[dict, dict] | None:
    """(column -> its list, column -> its turned scale) of the header at ``index`` (its values up to ``end``), or
    None when none is coded."""
    below = sheet.rows[index + 1:min(end, index + 1 + VALUE_ROWS)]
    coded, scales = {}, {}
    for j, header in enumerate(sheet.rows[index]):
        values = [r[j] for r in below if j < len(r) and not is_blank(r[j])]
        if (found := _column_list(header, values, lists, words)) is not None:
            coded[j] = found
        elif (scale := _scale_column(header, values, lists, words)) is not None:
            scales[j] = scale
    return (coded, scales) if coded or scales else None


def _opens_a_table(rows: list[list], index: int) -> bool:
    """Whether row ``index`` may be the header of a table stacked below another: a row of two texts or more (and
    nothing else) under a blank row or a caption alone on its row."""
    above, row = rows[index - 1], rows[index]
    filled = [c for c in row if not is_blank(c)]
    return len(filled) >= 2 and all(isinstance(c, str) and not _DATA_TEXT.search(c) for c in filled) and sum(
        not is_blank(c) for c in above) <= 1  # (a record typed as text under a section row is no header)


def _label(cell, found: CodeList):
    """The label of a coded cell (the labels of its keys, joined, when a lookup file's column lists several)."""
    keys = [cell] if not found.lookup_file else [
        k for k in _LISTED_KEYS.split(code_text(cell)) if k]
    labels = [found.labels.get(code_key(k)) for k in keys]
    if None in labels:
        where = "of the folder" if found.lookup_file else "of the workbook"
        return UnlistedCode(code_text(cell), f"code {code_text(cell)!r} is not in the list {found.title!r} {where}")
    return " + ".join(labels)


def with_code_lists(sheets: list[RawSheet], words: Words, lookups: list[CodeList] = ()) -> list[RawSheet]:
    """The sheets of one workbook, the codes of each column read with the workbook's lists (see the module's
    docstring) and with the folder's lookup files (:func:`lookup_table`); a lists sheet whose lists were used
    marked as such (it holds no table)."""
    if len(sheets) < 2 and not lookups:
        return sheets
    lists_of = {}
    for sheet in sheets:
        if len(sheet.rows) > MAX_ROWS or sheet.kind != "worksheet":
            continue
        found, held = _lists_in(sheet, words)
        if found and held >= LISTED_SHARE * _filled(sheet):
            lists_of[id(sheet)] = found
    if not lists_of and not lookups:
        return sheets
    every = [f for found in lists_of.values() for f in found] + list(lookups)
    used: set[int] = set()
    out = []
    for sheet in sheets:
        decoded = None if id(sheet) in lists_of or sheet.kind != "worksheet" else _decoded(sheet, every, words)
        if decoded is not None:
            sheet, ids = decoded
            used |= ids
        out.append(sheet)
    return [replace(s, kind=CODE_LISTS) if id(s0) in lists_of and any(id(f) in used for f in lists_of[id(s0)]) else s
            for s, s0 in zip(out, sheets, strict=True)]
