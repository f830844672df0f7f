"""Rows that a column the table does not take says are no rows of it: a tool's status "annulé" (an event that did not
take place, a commitment withdrawn), an earlier year's line of a record kept as yearly snapshots ("Année | Société |
… | Effectif", its latest line saying where it stands), a call platform's applications that were not selected ("Non retenu" beside
"Lauréat": only the laureates are projects), a long targets table's "Measure: Actual" beside its "Target" rows; and rows that
say themselves they are not to be counted (a kiosk's test entry "TEST borne – ne pas tenir compte")."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ParseError
from ..schemas import TABLES
from ..textnorm import YEAR, fold, tokens, without_field_code
from .measured_values import names_kinds
from .reading import RawSheet, is_blank
from .recognition import Recognition
from .target_names import value_kind

SNAPSHOT_TABLES = frozenset({"startups", "projects"})  # records whose state changes from year to year

if TYPE_CHECKING:
    from .normalising import Context
    from .vocabulary import Words


def cancelled_rows(sheet: RawSheet, rec: Recognition, rows: list[list], words: Words) -> dict[int, str]:
    """Offset -> reason of the rows whose unread status column says they were cancelled or repeat another row."""
    header = sheet.rows[rec.header_index]
    status = [j for j, cell in enumerate(header) if j not in rec.mapped_indexes and isinstance(cell, str)
              and len(tokens(cell)) <= 2 and set(tokens(cell)) & words.status_header_words]
    out = {}
    for j in status:
        for i, row in enumerate(rows):
            if j >= len(row) or not isinstance(row[j], str):
                continue
            if (value := fold(row[j])) in words.cancelled_values:
                out[i] = f"cancelled ({header[j]}: {row[j].strip()})"
            elif value in words.duplicate_values:
                out[i] = f"a duplicate of another row ({header[j]}: {row[j].strip()})"
    return out


def unselected_applications(sheet: RawSheet, rec: Recognition, rows: list[list], ctx: Context) -> dict[int, str]:
    """Offset -> reason of the applications a projects sheet's unread status column says were not selected (or not
    yet): every filled cell an outcome of a selection's workflow ("Lauréat", "Non retenu", "Éligible", "Dossier
    déposé"), some selected, some turned down and some still under review. Only the selected ones are projects."""
    if rec.table != "projects" or rec.header_index >= len(sheet.rows):
        return {}
    header, words = sheet.rows[rec.header_index], ctx.words
    out: dict[int, str] = {}
    for j, cell in enumerate(header):
        if j in rec.mapped_indexes or not isinstance(cell, str) or len(said := tokens(without_field_code(cell))) > 2 \
                or not set(said) & words.status_header_words:
            continue
        cells = {i: str(row[j]) for i, row in enumerate(rows) if j < len(row) and not is_blank(row[j])}
        read = {c: ctx.codebook.find("eu_proposals", "status", c) for c in set(cells.values())}  # each cell once
        outcomes = {i: read[c] for i, c in cells.items()}
        if None in outcomes.values() or not {"funded", "not_funded", "pending"} <= set(outcomes.values()):
            continue  # a workflow: selected, turned down, still under review ("Financé | Non financé" is a fact)
        for i, outcome in outcomes.items():
            if outcome != "funded":
                out.setdefault(i, f"an application not selected ({without_field_code(cell)}: {cells[i].strip()}): "
                                  "not a project")
    return out


def unawarded_requests(sheet: RawSheet, rec: Recognition, rows: list[list], ctx: Context) -> dict[int, str]:
    """Offset -> reason of a grants system's funding requests its unread status column says were turned down or
    withdrawn ("Declined", "Withdrawn") with nothing awarded (an amount of 0 or none): no funding line. A request
    turned down with an amount written stays a line (and its conflict, if any, is told)."""
    if rec.table != "funding" or rec.header_index >= len(sheet.rows):
        return {}
    amount = next((m.index for m in rec.columns if m.column == "amount_eur"), None)
    header, words = sheet.rows[rec.header_index], ctx.words
    out: dict[int, str] = {}
    for j, cell in enumerate(header):
        if j in rec.mapped_indexes or not isinstance(cell, str) or len(said := tokens(cell)) > 2 \
                or not set(said) & words.status_header_words:
            continue
        for i, row in enumerate(rows):
            value = row[j] if j < len(row) else None
            if not isinstance(value, str) or ctx.codebook.find("eu_proposals", "status", value) not in (
                    "not_funded", "withdrawn") or not _nothing(row[amount] if amount is not None and amount < len(row)
                                                             else None, ctx.parsers):
                continue
            out.setdefault(i, f"a request turned down or withdrawn ({cell.strip()}: {value.strip()}), nothing "
                              "awarded: no funding line")
    return out


def _nothing(cell, parsers) -> bool:
    if is_blank(cell):
        return True
    try:
        return parsers.parse_money(cell) == 0
    except ParseError:
        return False


def not_target_rows(sheet: RawSheet, rec: Recognition, rows: list[list], ctx: Context) -> dict[int, str]:
    """Offset -> reason of the rows of a long targets table that a column of kinds of value says are not targets
    ("Measure" = "Actual", "Forecast", "Baseline" beside "Target" rows, as a KPI tool exports them; a few rows of
    kinds no list knows among them, a dashboard's "SEUIL_ALERTE" or "COULEUR" settings, are no targets either)."""
    if rec.table != "kpi_targets" or ctx.kpi_names is None or rec.header_index >= len(sheet.rows):
        return {}
    words, header = ctx.kpi_names.target_words, sheet.rows[rec.header_index]
    out: dict[int, str] = {}
    for j in range(max((len(r) for r in rows), default=0)):
        if j in rec.mapped_indexes:
            continue
        cells = {i: row[j] for i, row in enumerate(rows) if j < len(row) and not is_blank(row[j])}
        kinds = {i: value_kind(c, words) for i, c in cells.items()}
        if not names_kinds(list(kinds.values()), header[j] if j < len(header) else None, words):
            continue  # not a column of kinds of value ("Type: Réalisation / Résultat" says which indicator)
        name = " ".join(str(header[j]).split()) if j < len(header) and not is_blank(header[j]) else "kind"
        out.update({i: f"not a target ({name} = {' '.join(str(cells[i]).split())})"
                    for i, k in kinds.items() if k != "target"})  # an alert threshold, a colour: no target either
    return out


def not_counted_rows(grid: list, distinct: list, words: Words) -> dict[int, str]:
    """Offset -> reason of the rows a cell of which says not to count them ("TEST borne – ne pas tenir compte", "do
    not count"): ``not_counted_phrases`` of ``vocab/words.yaml``. ``grid``: the sheet's columns of data rows;
    ``distinct``: each column's distinct cells (None when unknown): each is looked at once."""
    hint = _hint(words.not_counted_hints)
    out: dict[int, str] = {}
    for j, column in enumerate(grid):
        cells = distinct[j] if j < len(distinct) and distinct[j] is not None else dict.fromkeys(column)
        said = {c for c in cells if isinstance(c, str) and len(c) < 200 and hint.search(c)
                and any(p in f" {fold(c)} " for p in words.not_counted_phrases)}
        if said:
            out.update({i: f"says it is not to be counted ({' '.join(c.split())})" for i, c in enumerate(column)
                        if c in said and i not in out})
    return out


@lru_cache(maxsize=4)
def _hint(hints: tuple[str, ...]) -> re.Pattern:
    """One expression that finds any of ``hints`` in a cell, whatever its case (a quick test before folding)."""
    return re.compile("|".join(map(re.escape, hints)), re.IGNORECASE)


def superseded_snapshots(sheet: RawSheet, rec: Recognition, rows: list[list], words: Words) -> dict[int, str]:
    """Offset -> reason of the rows of a list kept as yearly snapshots ("Année | Société | … | Statut | Effectif",
    one line per company and year) that a later year's line of the same record supersedes: the latest says where
    it stands now. Only for records whose state changes (:data:`SNAPSHOT_TABLES`), when a column the table does not
    take is headed as a year and holds years, and the record's lines hold different ones."""
    if rec.table not in SNAPSHOT_TABLES:
        return {}
    keys = [m.index for m in rec.columns if m.column in TABLES[rec.table].key]
    header = sheet.rows[rec.header_index]
    years = [j for j, cell in enumerate(header) if j not in rec.mapped_indexes and isinstance(cell, str)
             and set(tokens(cell)) & words.snapshot_year_header_words]
    if len(keys) != 1 or len(years) != 1:
        return {}
    key, year = keys[0], years[0]
    lines: dict[str, list[tuple[int, int]]] = {}
    for i, row in enumerate(rows):
        if key < len(row) and year < len(row) and not is_blank(row[key]) and (when := _year_of(row[year])):
            lines.setdefault(" ".join(str(row[key]).split()), []).append((when, i))
    out = {}
    for found in lines.values():
        latest = max(found)
        if len({when for when, _ in found}) > 1 and sum(when == latest[0] for when, _ in found) == 1:
            out.update({i: f"an earlier year's line of the same record ({when}), superseded by its line of {latest[0]}"
                        for when, i in found if i != latest[1]})
    return out


def _year_of(cell) -> int | None:
    text = str(int(cell)) if isinstance(cell, (int, float)) and not isinstance(cell, bool) and float(cell).is_integer() \
        else str(cell).strip()
    return int(text) if YEAR.fullmatch(text) else None
