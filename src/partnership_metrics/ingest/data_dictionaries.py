"""A folder's data dictionary: the sheets a database's analyst ships beside the extracts to say what their columns
hold. Its code lists are kept long, one row per field and code ("Champ | Code | Libellé", then "cd_etab | ETB013 |
Aix-Marseille Université", "cd_etab | ETB006 | Université Côte d'Azur", "cd_financeur | F01 | Inserm Transfert"),
the field written once over its codes or on every row, with what it applies to in brackets ("cd_statut (UE)");
its column descriptions are "Fichier | Colonne | Description" rows.

A column of another file whose header is a field's name ("cd_etab") and whose cells are that field's codes is read
with the field's list (:mod:`.code_lists`: each code as its label); the dictionary's sheets hold no table.
"""

from __future__ import annotations

import re

from ..textnorm import fold
from .code_lists import MAX_CODE, MIN_ENTRIES, CodeList, code_key, is_code_header, is_label_header
from .header_units import header_unit
from .reading import RawSheet, is_blank
from .vocabulary import Words

HEADER_ROWS = 15  # rows of a sheet where a dictionary's header is looked for
MAX_ROWS = 2000  # a dictionary is short: longer sheets are not looked at
MIN_FIELDS = 3  # rows of a column description ("Fichier | Colonne | Description") that make one
DISTINCT_FIELDS = 0.5  # of a column description's fields that differ (a field described in two files, twice)
_UNITS = {1e3: "k€", 1e6: "M€"}  # a remark's unit, written in a description
_SCOPE = re.compile(r"\s*[(\[].*$")  # "cd_statut (UE)", "cd_appui [projets]": what a field applies to


def _header(row: list, words: Words) -> tuple[int, int | None, int] | None:
    """(field column, code column or None, label or description column) of a dictionary's header row, or None."""
    folded = [fold(c) if isinstance(c, str) else "" for c in row]
    field = next((k for k, f in enumerate(folded) if f in words.dictionary_field_headers), None)
    if field is None:
        return None
    code = next((k for k, c in enumerate(row) if k != field and is_code_header(c, words)), None)
    labels = [k for k, c in enumerate(row) if k not in (field, code) and is_label_header(c, words)]
    described = [k for k, f in enumerate(folded) if k not in (field, code) and f in words.dictionary_description_headers]
    if code is not None and labels:
        return field, code, labels[0]
    if code is None and (described or labels):  # "Code colonne | Libellé": what each column holds, in words
        return field, None, (described or labels)[0]
    return None


def field_key(cell) -> str:
    """A field's name as a header is compared with it: folded, what it applies to left out ("cd_statut (UE)":
    "cd statut")."""
    return fold(_SCOPE.sub("", str(cell)))


def dictionary_sheet(sheet: RawSheet, words: Words) -> list[CodeList] | None:
    """The code lists of a data dictionary's sheet (an empty list for a sheet of column descriptions), or None when
    ``sheet`` is no dictionary."""
    if sheet.kind != "worksheet" or len(sheet.rows) > MAX_ROWS:
        return None
    headers = ((index, _header(row, words)) for index, row in enumerate(sheet.rows[:HEADER_ROWS]))
    index, found = next(((i, h) for i, h in headers if h is not None), (0, None))
    if found is None:
        return None
    field, code, label = found
    below = [r for r in sheet.rows[index + 1:] if any(not is_blank(c) for c in r)]
    if code is None:  # column descriptions: what each column holds, nothing to read with
        fields = [" ".join(str(r[field]).split()) for r in below if field < len(r) and label < len(r)
                  and not is_blank(r[field]) and not is_blank(r[label])]
        # each field described once (a table's "Domaine | Intitulé" repeats its domains: no dictionary)
        return [] if len(fields) >= MIN_FIELDS and len(set(fields)) >= DISTINCT_FIELDS * len(fields) else None
    lists: dict[str, dict[str, str | None]] = {}
    current = None
    for row in below:
        row = [*row, *[None] * (max(field, code, label) + 1 - len(row))]
        if not is_blank(row[field]):
            current = " ".join(str(row[field]).split())  # written once over its codes, or on every row
        if current is None or is_blank(row[code]) or is_blank(row[label]):
            continue
        labels = lists.setdefault(current, {})  # "cd_statut (UE)" and "cd_statut (start-ups)": two lists
        key = code_key(row[code])
        labels[key] = None if len(key) > MAX_CODE or key in labels else " ".join(str(row[label]).split())
    made = [CodeList(frozenset(), key, labels, name, lookup_file=True) for name, labels in lists.items()
            if (key := field_key(name)) and len(labels) >= MIN_ENTRIES
            and None not in labels.values()]  # words, not codes ("Présent (distanciel)"): left as typed
    return made if made or lists else None


def column_descriptions(sheet: RawSheet, words: Words) -> dict[str, str]:
    """Field key -> what a data dictionary's column descriptions say the field holds ("DT_ABAND": "Date d'abandon
    du projet"), with the unit its remarks give ("MT_ENGAGE_KE": "Montant engagé (k€)", its remark "en milliers
    d'euros (k€)"); empty for a sheet of no such descriptions. A field described differently twice (in two extracts)
    is left out: its description cannot be told for a header."""
    if sheet.kind != "worksheet" or len(sheet.rows) > MAX_ROWS:
        return {}
    headers = ((index, _header(row, words)) for index, row in enumerate(sheet.rows[:HEADER_ROWS]))
    index, found = next(((i, h) for i, h in headers if h is not None), (0, None))
    if found is None or found[1] is not None:
        return {}
    field, _, label = found
    said: dict[str, str | None] = {}
    for row in sheet.rows[index + 1:]:
        if max(field, label) >= len(row) or is_blank(row[field]) or not isinstance(row[label], str):
            continue
        key, text = field_key(row[field]), " ".join(row[label].split()) + _unit(row, field, label)
        said[key] = text if said.get(key, text) == text else None
    return {key: text for key, text in said.items() if text} if len(said) >= MIN_FIELDS else {}


def _unit(row: list, field: int, label: int) -> str:
    """" (k€)" or " (M€)" when a remark of a dictionary's row says the field's amounts are in thousands or millions
    of euros and its description does not; else ""."""
    if header_unit(str(row[label]))[1] is not None:
        return ""
    for k, cell in enumerate(row):
        if k not in (field, label) and isinstance(cell, str) and (unit := _UNITS.get(header_unit(cell)[1])):
            return f" ({unit})"
    return ""
