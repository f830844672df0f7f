"""A database exported one sheet per table: each sheet's first column its technical key "id" (1, 2, 3…), its foreign
keys integers naming a row of another sheet ("projet_id" 9: the row of the "projets" sheet whose id is 9), its coded
columns ("instrument_code": "MAT") explained by a long list of codes ("nomenclatures": type | code | libellé).

Before recognition, each foreign key is read as what the row it names is known by: its business reference (a column
of unique short values whose header says so: "reference_projet", "code_evenement", "sigle"), or, for a person, the
person's first name, name and e-mail (and unit and institution, when the sheet has none of its own), in columns
added after the sheet's own. A key column is matched with its sheet by name ("projet_id" → "projets"), else with
the one sheet whose references of the rows it names read as the codes of the column its name gives ("financeur_id"
→ the partners' sheet: "CPP", "IT", "RSUD" are funders; "porteur_id" → the persons' sheet). A sheet whose id is its
only reference ("startups") leaves its keys as they are: the id is the record's. A coded column takes the labels of
the list named like it ("type_technologie_code" → type "type_technologie"), else of the one list named after it that
holds all its codes ("statut_code": "ACT", "RACH" → "statut_startup", not "statut_proposition"), else of the one
list that holds them."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..schemas import RAW_TABLES, TABLES
from ..textnorm import fold
from .code_lists import LOOKUP_TABLE
from .codebook import CodeBook
from .codebooks import code_text
from .reading import RawSheet, is_blank
from .recognition import Recogniser

HEADER_ROWS = 3  # rows where a sheet's "id" header is looked for
MIN_SHEETS = 2  # sheets keyed by "id" that make a database's export
REFERENCE_WORDS = frozenset({"reference", "ref", "code", "sigle", "numero", "num"})
LIST_HEADERS = (frozenset({"type", "nomenclature", "liste", "list", "domaine"}), frozenset({"code"}),
                frozenset({"libelle", "label", "intitule", "signification", "valeur"}))
PERSON_PARTS = (("prenom", frozenset({"prenom", "first", "firstname"})), ("nom", frozenset({"nom", "name", "lastname"})),
                ("email", frozenset({"email", "mail", "courriel"})))
LABEL_CHARS = 120  # a row's name ("Co-organisation CanceroPôle PACA et Inserm Transfert"), not a sentence
READ_SHARE = 0.8  # of the named rows' references that must read as the column's codes
NAME_WORDS = frozenset({"nom", "name", "libelle", "label", "designation", "denomination"})
LOOKUP_WIDTH = 4  # columns of a list of names at most ("IdEtab | NomEtab | Ville"): its rows are known by name
MIN_STEM = 3  # letters of a key's name that may stand for its table's ("IdEtab" for "tblEtablissements")
_KEY = re.compile(r"^(?:id (?P<a>.+)|(?P<b>.+) id)$")
_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-Z])")  # an Access database's "IdProjet", "NomEtab": two words
_TABLE_PREFIX = re.compile(r"^(?:tbl|tab|table|t)\s+")  # "tblProjets": the table "projets"
_CODED = re.compile(r"^(?:code (?P<a>.+)|(?P<b>.+) code)$")


@dataclass
class _Entity:
    sheet: RawSheet
    header: int
    names: frozenset[str]
    rows: dict[str, list]  # id -> row
    reference: int | None  # column of the business reference
    person: dict[str, int]  # part -> column (first name, name, e-mail), for a sheet of persons


def _key(cell) -> str | None:
    if isinstance(cell, bool) or is_blank(cell):
        return None
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = str(cell).strip()
    return text if text.isdigit() else None


def _headers(row: list) -> list[str]:
    return [fold(_CAMEL.sub(" ", c)) if isinstance(c, str) else "" for c in row]


def _names(sheet: RawSheet) -> frozenset[str]:
    """What a sheet's keys call it: its name ("projets", "tblProjets"), and singular."""
    name = _TABLE_PREFIX.sub("", fold(_CAMEL.sub(" ", sheet.sheet or sheet.file.rsplit("/", 1)[-1].rsplit(".", 1)[0])))
    return frozenset({name, name[:-1] if name.endswith(("s", "x")) else name})


def _names_it(stem: str, names: frozenset[str]) -> bool:
    """Whether a key's name names a sheet: as it is called, or the first letters of it ("etab": "etablissements")."""
    return stem in names or len(stem) >= MIN_STEM and any(n.startswith(stem) for n in names)


def _entity(sheet: RawSheet) -> _Entity | None:
    names = _names(sheet)
    for index, row in enumerate(sheet.rows[:HEADER_ROWS]):
        headers = _headers(row)
        own = _KEY.match(headers[0]) if headers else None  # "id", or the sheet's own "IdProjet" in "tblProjets"
        if not headers or headers[0] != "id" and (own is None or not _names_it(own["a"] or own["b"], names)):
            continue
        keys = [_key(r[0]) if r else None for r in sheet.rows[index + 1:] if r and not all(is_blank(c) for c in r)]
        if not keys or None in keys or len(set(keys)) != len(keys):
            return None
        rows = {_key(r[0]): r for r in sheet.rows[index + 1:] if r and _key(r[0])}
        person = {part: j for part, words in PERSON_PARTS for j, h in enumerate(headers) if h in words}
        reference = next((j for j, h in enumerate(headers) if j and set(h.split()) & REFERENCE_WORDS
                          and _unique_short([r[j] if j < len(r) else None for r in rows.values()])), None)
        if reference is None and len(person) < 3 and len([h for h in headers if h]) <= LOOKUP_WIDTH:
            reference = next((j for j, h in enumerate(headers) if j and set(h.split()) & NAME_WORDS  # "NomEtab"
                              and _unique_short([r[j] if j < len(r) else None for r in rows.values()], LABEL_CHARS)),
                             None)
        return _Entity(sheet, index, names, rows, reference, person if len(person) == 3 else {})
    return None


def _link_table(sheet: RawSheet, entities: list[_Entity]) -> _Entity | None:
    """A sheet without a key of its own whose first column names another's rows (an Access join table:
    "IdEvenement | IdParticipant | Présent"), read as one with no rows of its own."""
    for index, row in enumerate(sheet.rows[:HEADER_ROWS]):
        headers = _headers(row)
        if headers and (m := _KEY.match(headers[0])) and any(_names_it(m["a"] or m["b"], e.names) for e in entities):
            return _Entity(sheet, index, _names(sheet), {}, None, {})
    return None


def _unique_short(values: list, limit: int = 40) -> bool:
    texts = [str(v).strip() for v in values if not is_blank(v)]
    return len(texts) == len(values) and len(set(texts)) == len(texts) and all(len(t) <= limit for t in texts)


def _code_lists(sheet: RawSheet) -> dict[str, dict[str, str]] | None:
    for index, row in enumerate(sheet.rows[:HEADER_ROWS]):
        headers = [h for h in _headers(row) if h]
        if len(headers) != 3 or not all(h in words for h, words in zip(headers, LIST_HEADERS, strict=True)):
            continue
        lists: dict[str, dict[str, str]] = {}
        for r in sheet.rows[index + 1:]:
            if len(r) >= 3 and not is_blank(r[0]) and not is_blank(r[1]) and not is_blank(r[2]):
                lists.setdefault(fold(str(r[0])), {})[code_text(r[1])] = str(r[2]).strip()
        return lists or None
    return None


@dataclass(frozen=True)
class Database:
    """The sheets keyed by "id" and the code lists of a folder's small files (a CSV extract's keys may name a sheet of
    the workbook exported beside it)."""

    entities: tuple[_Entity, ...] = ()
    lists: tuple[tuple[str, dict[str, dict[str, str]]], ...] = ()  # (file, its lists)


def database_of(sheets: list[RawSheet]) -> Database:
    """What the folder's small files hold of a database's export (see :class:`Database`)."""
    worksheets = [s for s in sheets if s.kind == "worksheet"]
    return Database(tuple(e for e in map(_entity, worksheets) if e is not None),
                    tuple((s.file, found) for s in worksheets if (found := _code_lists(s))))


def with_foreign_keys(sheets: list[RawSheet], codebook: CodeBook, recogniser: Recogniser,
                      database: Database = Database()) -> list[RawSheet]:
    """The sheets of one file with their foreign keys and coded columns read (see the module's docstring), with
    the folder's other files' sheets keyed by "id" and code lists (``database``); the persons' sheet and the code
    lists it used marked as lookups (they hold no table)."""
    own = [e for e in (_entity(s) for s in sheets if s.kind == "worksheet") if e is not None]
    files = {s.file for s in sheets}
    entities = own + [e for e in database.entities if e.sheet.file not in files]
    keyed = {id(e.sheet) for e in own}
    own += [e for s in sheets if s.kind == "worksheet" and id(s) not in keyed
            and (e := _link_table(s, entities)) is not None]
    if not own or len(entities) < MIN_SHEETS:
        return sheets
    lists_sheet = next((s for s in sheets if _code_lists(s)), None)
    lists = _code_lists(lists_sheet) if lists_sheet is not None else next(
        (found for file, found in database.lists if file not in files), {})
    by_sheet = {id(e.sheet): e for e in own}
    used: set[int] = set()
    out = [_resolved(s, by_sheet[id(s)], entities, lists, codebook, recogniser, used) if id(s) in by_sheet else s
           for s in sheets]
    lookups = {id(e.sheet) for e in own if e.person and id(e.sheet) in used}
    if lists_sheet is not None and used:
        lookups.add(id(lists_sheet))
    return [replace(s, kind=LOOKUP_TABLE) if id(s0) in lookups else s for s, s0 in zip(out, sheets, strict=True)]


def _resolved(sheet: RawSheet, own: _Entity, entities: list[_Entity], lists: dict, codebook: CodeBook,
              recogniser: Recogniser, used: set[int]) -> RawSheet:
    rows = [list(r) for r in sheet.rows]
    header = rows[own.header]
    headers = _headers(header)
    added: list[tuple[str, list]] = []
    for j, h in enumerate(headers):
        values = [r[j] if j < len(r) else None for r in rows[own.header + 1:]]
        if (j or not own.rows) and (m := _KEY.match(h)):  # (a join table's first column is a key too)
            stem = m["a"] or m["b"]
            target = _target(stem, values, own, entities, codebook, recogniser)
            if target is None:
                continue
            used.add(id(target.sheet))
            if target.person:
                added += _person_columns(stem, j, values, target, entities, headers, recogniser)
                header[j] = f"[{h}]"  # read through the columns added for the person
                continue
            header[j] = stem if stem in target.names or not _names_it(stem, target.names) else min(target.names, key=len)
            label = _label_column(stem, values, target, codebook, recogniser)
            for r, v in zip(rows[own.header + 1:], values, strict=True):
                if (k := _key(v)) is not None and k in target.rows:
                    named_row = target.rows[k]
                    r[j] = named_row[label] if label < len(named_row) else None
        elif lists and (m := _CODED.match(h)):
            stem = m["a"] or m["b"]
            codes = {code_text(v) for v in values if not is_blank(v)}
            named = lists.get(stem) or _only_list(codes, {t: c for t, c in lists.items() if t.startswith(f"{stem} ")}
                                                  ) or _only_list(codes, lists)
            if named is None or not codes <= set(named):
                continue
            header[j] = stem
            used.add(-1)  # a code list was read
            for r, v in zip(rows[own.header + 1:], values, strict=True):
                if not is_blank(v):
                    r[j] = named[code_text(v)]
    for name, column in added:
        header.append(name)
        for r, v in zip(rows[own.header + 1:], column, strict=True):
            r.extend([None] * (len(header) - 1 - len(r)))
            r.append(v)
    return replace(sheet, rows=rows)


def _only_list(codes: set[str], lists: dict[str, dict[str, str]]) -> dict[str, str] | None:
    holding = [named for named in lists.values() if codes and codes <= set(named)]
    return holding[0] if len(holding) == 1 else None


def _target(stem: str, values: list, own: _Entity, entities: list[_Entity], codebook: CodeBook,
            recogniser: Recogniser) -> _Entity | None:
    keys = {k for v in values if (k := _key(v)) is not None}
    if not keys:
        return None
    usable = [e for e in entities if e is not own and keys <= set(e.rows) and (e.reference is not None or e.person)]
    named = [e for e in entities if e is not own and _names_it(stem, e.names) and keys <= set(e.rows)]
    if named:
        return named[0] if named[0].reference is not None or named[0].person else None
    if any(TABLES[t].column(c).kind == "person" for t in RAW_TABLES for c, _ in recogniser.cell_candidates(t, stem)[:1]):
        people = [e for e in usable if e.person]
        return people[0] if len(people) == 1 else None
    coded = _reading(stem, recogniser)
    reading = [e for e in usable if e.reference is not None and coded and max(
        _read_share(e, sorted(keys), coded, codebook, j) for j in _labels(e)) >= READ_SHARE]
    return reading[0] if len(reading) == 1 else None


def _labels(entity: _Entity) -> list[int]:
    """The columns that name each row of ``entity`` (unique short values: "sigle", "libelle"), its reference first."""
    width = max(len(r) for r in entity.rows.values())
    named = [j for j in range(1, width) if j != entity.reference
             and _unique_short([r[j] if j < len(r) else None for r in entity.rows.values()], LABEL_CHARS)]
    return [entity.reference, *named]


def _read_share(entity: _Entity, keys: list[str], coded: list[tuple[str, str]], codebook: CodeBook, j: int) -> float:
    """The share of the rows ``keys`` name whose column ``j`` reads as codes of one of the ``coded`` columns."""
    cells = [entity.rows[k][j] if j < len(entity.rows[k]) else None for k in keys]
    return max(sum(isinstance(c, str) and codebook.find(t, col, c) is not None for c in cells)
               for t, col in coded) / len(cells)


def _reading(stem: str, recogniser: Recogniser) -> list[tuple[str, str]]:
    """The coded columns (table, column) a key column's name names first ("financeur" -> funding.funder)."""
    return [(t, c) for t in RAW_TABLES for c, _ in recogniser.cell_candidates(t, stem)[:1]
            if TABLES[t].column(c).kind == "code"]


def _label_column(stem: str, values: list, target: _Entity, codebook: CodeBook, recogniser: Recogniser) -> int:
    """The column of ``target`` a key is read as: its reference, unless another of its text columns reads better as
    the codes of the column the key's name names ("RSUD" is no funder; "Région Sud Provence-Alpes-Côte d'Azur" is)."""
    keys = [k for v in values if (k := _key(v)) is not None and k in target.rows]
    coded = _reading(stem, recogniser)
    if not keys or not coded:
        return target.reference
    def share(j: int) -> float:
        return _read_share(target, keys, coded, codebook, j)

    best = max(_labels(target), key=lambda j: (share(j), j == target.reference))
    return best if share(best) > share(target.reference) else target.reference


def _person_columns(stem: str, j: int, values: list, person: _Entity, entities: list[_Entity], headers: list[str],
                    recogniser: Recogniser) -> list[tuple[str, list]]:
    """The columns a person's key is read as: first name, name, e-mail (named after the key's own name when it
    names a role, "porteur"), then the person's unit and institution when the sheet has no such column."""
    role = any(TABLES[t].column(c).kind == "person" for t in RAW_TABLES for c, _ in recogniser.cell_candidates(t, stem)[:1])
    rows = [person.rows.get(_key(v)) if _key(v) else None for v in values]
    out = [(f"{part} {stem}" if role else part, [r[c] if r is not None and c < len(r) else None for r in rows])
           for part, c in person.person.items()]
    person_headers = _headers(person.sheet.rows[person.header])
    for c, h in enumerate(person_headers):
        if c and h and h not in headers and c not in person.person.values():
            column = [r[c] if r is not None and c < len(r) else None for r in rows]
            if (m := _KEY.match(h)) and (target := next((e for e in entities if _names_it(m["a"] or m["b"], e.names)
                                                         and e.reference is not None), None)):
                column = [target.rows[_key(v)][target.reference] if _key(v) in target.rows else None for v in column]
                h = min(target.names, key=len)  # "IdEtab": the person's "etablissement"
                if h in headers:
                    continue
            out.append((h, column))
    return out
