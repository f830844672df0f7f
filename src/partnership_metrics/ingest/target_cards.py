"""Targets kept as indicator cards: one card per indicator, stacked on a sheet, each a list of key/value rows as
convention annexes write them::

    FICHE INDICATEUR N° 1.1
    Intitulé                 | Nombre de projets détectés
    Unité de mesure          | k€ (milliers d'euros)
    Valeur de référence      | 9 par an
    Valeurs cibles           | 2021 | 2022 | 2023 | Sur la durée de la convention (2021-2023)
                             | 10   | 12   | 12   | 34
    Source des données       | …

Rules (:func:`find_cards`, :meth:`IndicatorCards.normalise`):

- the key of a row is its first filled cell, its values the cells to the right; a card starts at a row that names one
  ("FICHE INDICATEUR N° 1.1", "Indicator card 3"; ``card_start_phrases`` of ``vocab/targets.yaml``) or at a name key
  ("Intitulé", "Indicator", words of ``name_header_words``) when the card above already has a name;
- targets: a key that says target with period headers to its right ("Valeurs cibles | 2021 | 2022 | …"; or on the
  row below) takes the values of the next row under those headers; a key that is a target period ("Cible 2021 | 10",
  "Objectif sur la durée de la convention | 34") takes the value to its right; after a target key, rows keyed by a
  bare period ("2021 | 10") are targets too;
- the unit key ("Unité de mesure | k€") gives the unit, as a grid's units column does; a baseline or reference key
  ("Valeur de référence (moyenne 2018-2020)") is never a target; the other keys are the card's description;
- the name is matched with a KPI as a grid's indicator names are; a card whose name matches no KPI has its value rows
  quarantined with the closest KPIs. A sheet is read so when it holds at least two cards with a name and a target key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..textnorm import STOPWORDS, fold
from .normalising import Dropped, Problem, Record, SheetResult, _display
from .reading import RawSheet, is_blank
from .recognition import Recognition
from .target_notes import heading_or_note
from .targets import NO_TARGET, TargetGrid

if TYPE_CHECKING:
    from .normalising import Context
    from .targets import TargetGrids

MAX_CELLS = 20_000  # an annex of cards is small: a larger sheet is not tried
MIN_CARDS = 2  # cards with a name and a target key that make a sheet a set of cards


@dataclass
class _Card:
    start: int  # index of its first row in the sheet's rows
    name: str | None = None
    unit: object = None
    # (row index of the value, period, raw value, header of its column or its key)
    values: list[tuple[int, str, object, str]] = field(default_factory=list)
    roles: dict[int, str] = field(default_factory=dict)  # row index -> why the row is not a target's
    targets_key: bool = False


@dataclass
class IndicatorCards:
    """The cards of a sheet, read (see the module's docstring)."""

    grids: TargetGrids
    cards: list[_Card]
    before: int  # rows before the first card (titles, notes)
    kind_column = None  # not a funder's form (see Recogniser._form)

    @property
    def indexes(self) -> set[int]:
        """No column is read as a whole: a card's keys and values move from row to row."""
        return set()

    def normalise(self, sheet: RawSheet, rec: Recognition, ctx: Context) -> SheetResult:
        """One record per card and period with a target; the cards' other rows dropped with their role; the value
        rows of a card naming no KPI quarantined."""
        result = SheetResult(sheet.file, sheet.sheet, "kpi_targets", rows_read=len(sheet.rows),
                             header_row=sheet.first_row, hidden=sheet.hidden,
                             note="indicator cards: the target keys of each card are read, its reference (baseline) "
                                  "is not a target")
        roles: dict[int, str] = {}
        for index in range(self.before):
            roles[index] = "title or note above the first card"
        for card in self.cards:
            roles.update({v[0]: NO_TARGET for v in card.values})  # unless read, quarantined
            roles.update(card.roles)
            self._read(sheet, card, result, ctx)
        valued = {r.row for r in result.records} | result.quarantined_rows
        for index, row in enumerate(sheet.rows):
            number = sheet.first_row + index
            if number in valued:
                continue
            filled = [c for c in row if not is_blank(c)]
            if not filled:
                why = "blank row"
            elif index in roles:
                why = roles[index]
            elif all(isinstance(c, str) for c in filled):
                why = heading_or_note(filled, self.grids.row_words)
            else:
                why = "card row without a target"
            result.dropped.append(Dropped(sheet.file, sheet.sheet, number, why))
        read = len({r.row for r in result.records})
        result.confidence = round(read / (read + len(result.quarantined_rows)), 2) if read else 0.0
        return result

    def _read(self, sheet: RawSheet, card: _Card, result: SheetResult, ctx: Context) -> None:
        grids = self.grids
        number = lambda index: sheet.first_row + index  # noqa: E731
        problems: list[Problem] = []

        def problem(column, raw, why, at):
            problems.append(Problem(sheet.file, sheet.sheet, number(at), "kpi_targets", column,
                                    _display(raw, ctx.pseudonymiser), why, key=_display(card.name or "", ctx.pseudonymiser)))

        values = [v for v in card.values if not grids.parsers.is_missing(v[2])]
        if not values:
            return
        added = len(result.records)  # cards side by side share rows: only this card's records are taken back
        grid = TargetGrid(grids, [0], None, {})
        unit = grids.units.of_text(card.unit)
        match = grid._match(card.name, unit) if card.name else None
        if match is None or not match.kpi_id:
            why = "card without a name" if match is None else match.reason + (
                f"; if it names one of them, add it to {grids.kpi_synonyms_file} ('kpi_id: [name]')")
            for at in dict.fromkeys(v[0] for v in values):
                problem("kpi_id", card.name, why, at)
        else:
            periods = [v[1] for v in values]
            if len(set(periods)) < len(periods):
                problem("period", card.name, "a period given twice in one card", values[0][0])
            else:  # one row of the card's targets, one cell per period, read as a grid's row is
                grid.periods = {i: v[1] for i, v in enumerate(values)}
                where = {v[1]: v for v in values}
                for t in grid._targets([v[2] for v in values], match.kpi_id, grid._unit(card.name, unit),
                                       lambda column, raw, why: problem(column, raw, why, values[0][0])):
                    at, _, _, header = where[t["period"]]
                    t.update(source_file=sheet.file, source_sheet=sheet.sheet, source_row=number(at),
                             source_column=header)
                    result.records.append(Record("kpi_targets", t, sheet.file, sheet.sheet, number(at)))
        if problems:  # the whole card is quarantined: its records are not kept half
            del result.records[added:]
            result.quarantined_rows.update(number(v[0]) for v in values)
            result.problems.extend(problems)


def find_cards(sheet: RawSheet, grids: TargetGrids) -> Recognition | None:
    """The indicator cards of ``sheet`` as a recognition of ``kpi_targets`` (its ``grid`` reads them), or None. Cards
    laid side by side (a dashboard: three cards per band of rows) are read strip by strip."""
    if not sheet.rows or sum(len(r) for r in sheet.rows) > MAX_CELLS:
        return None
    best: list[_Card] = []
    for strips in ([(0, None)], _strips(sheet.rows)):
        views = [rows if not start and end is None else [[None] * start + row[start:end] for row in rows]
                 for rows in (sheet.rows,) for start, end in strips]
        keyed = [(rows, [_key(row) for row in rows]) for rows in views]
        if sum(_named(rows, keys, grids) for rows, keys in keyed) < MIN_CARDS:
            continue  # the quick test: a sheet of cards names its indicators at least twice
        cards = [card for rows, keys in keyed for card in _cards(rows, keys, grids)]
        full = [c for c in cards if c.name and c.targets_key]
        if len(full) >= MIN_CARDS and len(full) > len([c for c in best if c.name and c.targets_key]):
            best = cards
    if not best:
        return None
    return Recognition("kpi_targets", 0, [], [], [], 1.0,
                       grid=IndicatorCards(grids, best, min(c.start for c in best)))


def _named(rows: list[list], keys: list, grids: TargetGrids) -> int:
    """How many rows name a card's indicator (a name key, a numbered title, a bare title)."""
    words = grids.words
    short = [(i, k[1]) for i, k in enumerate(keys) if k is not None and isinstance(k[1], str) and len(k[1]) <= 40]
    if len(short) < 2:
        return 0
    names = [i for i, text in short if (w := set(fold(text).split())) and w <= words.name_header_words | STOPWORDS
             and w & words.name_header_words and len(rows[i]) > keys[i][0] + 1]
    names += [i for i, k in enumerate(keys) if k is not None and isinstance(k[1], str)
              and (_starts_card(k[1], grids, rows[i]) and _titled_name(k[1]) or _bare_title(rows, keys, i, grids))]
    return len(names)


def _strips(rows: list[list]) -> list[tuple[int, int | None]]:
    """The columns where cards laid side by side start, as (start, end) strips: where the same key, its value to its
    right, is written several times in one row ("Objectif 2022 | 24" in columns A, D and G), on two rows at least;
    else one strip."""
    starts: dict[int, int] = {}
    for row in rows:
        seen: dict[str, list[int]] = {}
        for i, c in enumerate(row[:-1]):
            if isinstance(c, str) and any(ch.isalpha() for ch in c) and not is_blank(row[i + 1]):
                seen.setdefault(fold(c), []).append(i)
        for columns in seen.values():
            if len(columns) >= 2:
                for i in columns:
                    starts[i] = starts.get(i, 0) + 1
    columns = sorted(i for i, n in starts.items() if n >= 2)
    if len(columns) < 2:
        return [(0, None)]
    return list(zip([0, *columns[1:]], [*columns[1:], None], strict=True))


def _bare_title(rows: list[list], keys: list, index: int, grids: TargetGrids) -> bool:
    """Whether row ``index`` is a card's bare title: one text (merged over several cells or not) naming no key,
    above a key row that says what its value is for which period ("Projets détectés" above "Objectif 2022 | 24" or
    "Réalisé 2022 | 19")."""
    key = keys[index]
    if key is None or not isinstance(key[1], str) or len({str(c) for c in rows[index] if not is_blank(c)}) != 1:
        return False
    words = grids.words
    said = set(fold(key[1]).split())
    if not any(ch.isalpha() for ch in key[1]) or len(key[1]) > 80 or grids.period_column(0, key[1]) is not None or said & (
            words.target_words | words.baseline_words | words.unit_header_words | words.name_header_words):
        return False
    below = next((k for k in keys[index + 1 : index + 3] if k is not None), None)
    if below is None or not isinstance(below[1], str) or sum(not is_blank(c) for c in rows[keys.index(below)]) < 2:
        return False
    below_said = set(fold(below[1]).split())
    return grids.period_column(0, below[1]) is not None and bool(below_said & (words.target_words | words.actual_words))


def _key(row: list) -> tuple[int, object] | None:
    """(column, cell) of the first filled cell of ``row``, or None."""
    return next(((i, c) for i, c in enumerate(row) if not is_blank(c)), None)


def _starts_card(text: str, grids: TargetGrids, row: list) -> bool:
    folded = fold(text)
    return sum(not is_blank(c) for c in row) <= 2 and any(
        folded == p or folded.startswith(p + " ") for p in grids.words.card_start_phrases)


_TITLED = re.compile(r"^[^–—:-]*?\d[\w.]*\s*[–—:-]\s*(?P<name>\S.*)$")  # "Fiche 1.1 – Projets détectés"


def _titled_name(title: str) -> str | None:
    """The indicator a card's title names after its number ("Fiche 1.1 – Projets détectés"), or None."""
    found = _TITLED.match(" ".join(title.split()))
    return found["name"] if found and any(ch.isalpha() for ch in found["name"]) else None


def _cards(rows: list[list], keys: list, grids: TargetGrids) -> list[_Card]:
    """The cards of a sheet's ``rows``, their keys read row by row."""
    words = grids.words
    cards: list[_Card] = []
    card: _Card | None = None
    headers: dict[int, tuple[str, str]] = {}  # column -> (period, header) of target headers awaiting their values
    pending: dict[int, tuple[str, str]] = {}  # periods written alone, awaiting a row that says "Cible"
    for index, row in enumerate(rows):
        if keys[index] is None:
            continue
        column, cell = keys[index]
        text = " ".join(str(cell).split())
        cells = [(i, c) for i, c in enumerate(row) if i >= column and not is_blank(c)]
        said = set(fold(text).split()) if isinstance(cell, str) else set()
        titled = bool(said) and _starts_card(text, grids, row)
        if titled or _bare_title(rows, keys, index, grids):  # or "Projets détectés" above "Objectif 2022 | 24"
            card, headers, pending = _Card(index), {}, {}
            cards.append(card)
            card.name = _titled_name(text) if titled else text  # "Fiche 1.1 – Projets détectés": the indicator
            card.roles[index] = "card title" + (" (the indicator's name)" if card.name else "")
            continue
        is_name = len(cells) > 1 and said and said <= words.name_header_words | STOPWORDS and said & words.name_header_words
        if is_name and (card is None or card.name is not None):
            card, headers = _Card(index), {}
            cards.append(card)
        if card is None:
            continue
        if is_name:
            card.name = " ".join(str(cells[1][1]).split())
            card.roles[index] = "card key (the indicator's name)"
        elif headers and all(i in headers for i, _ in cells):  # the row below "Valeurs cibles | 2021 | 2022"
            card.values.extend((index, headers[i][0], c, headers[i][1]) for i, c in cells)
            headers = {}
        elif pending and said & words.target_words and not said & words.baseline_words and len(cells) > 1 and all(
                i in pending for i, _ in cells[1:]):  # "Cible | 10 | 12" under a row of periods
            card.values.extend((index, pending[i][0], c, pending[i][1]) for i, c in cells[1:])
            card.targets_key, pending = True, {}
            card.roles[index] = "card's targets"
        elif not card.targets_key and len(cells) > 1 and len(periods := _periods(cells, grids)) == len(cells):
            pending = periods  # "2021 | 2022 | 2023 | Cumul 2021-2023": periods of the row that says what it holds
            card.roles[index] = "periods of the card's values"
        elif (periods := _periods(cells[1:], grids)) and len(periods) == len(cells) - 1 and said & words.target_words \
                and not said & words.baseline_words and grids.period_header(cell) is None or (
                card.targets_key and len(cells) > 1 and len(periods := _periods(cells, grids)) == len(cells)):
            headers = periods  # "Valeurs cibles | 2021 | 2022 | …", or the periods on the row below the key
            card.targets_key = True
            card.roles[index] = "header of the card's targets"
        elif said & (words.unit_header_words | words.record_unit_header_words) and len(cells) > 1 and said <= (
                words.unit_header_words | words.record_unit_header_words | STOPWORDS):
            card.unit = cells[1][1]
            card.roles[index] = "card key (the indicator's unit)"
        elif len(cells) > 1 and (found := grids.period_column(0, cell)) is not None and (
                found.kind == "target" or found.kind == "period" and card.targets_key):
            card.values.append((index, found.period, cells[1][1], text))  # "Cible 2021 | 10", "2022 | 12"
            card.targets_key = True
        elif said & words.target_words and len(cells) == 1 and not said & words.baseline_words:
            card.targets_key = True  # "Valeurs cibles" on its own row: the periods follow
            card.roles[index] = "header of the card's targets"
        elif said & words.baseline_words or (len(cells) > 1 and (found := grids.period_column(0, cell)) is not None
                                             and found.kind == "baseline"):
            card.roles[index] = "card's reference (baseline), not a target"
        else:
            card.roles[index] = f"card key {text[:40]!r} (not a target)"
    return cards


def _periods(cells: list[tuple[int, object]], grids: TargetGrids) -> dict[int, tuple[str, str]]:
    """column -> (period, header) of the cells of a row that are period headers ("2021", "Sur la durée de la
    convention (2021-2023)")."""
    return {i: (p, " ".join(str(c).split())) for i, c in cells if (p := grids.period_header(c)) is not None}
