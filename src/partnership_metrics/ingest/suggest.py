"""What to tell the user about a sheet that could not be read: the table it resembles, the required columns it
lacks, the headers closest to each, and a draft entry of the mapping file that reads it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace

from ..schemas import TABLES
from .header_units import column_multiplier
from .institution_columns import institutions_by_values
from .reading import RawSheet
from .recognition import SAMPLE_ROWS, ColumnMatch, Recogniser, Recognition, header_cells
from .tie_breaks import reads_as_id, repeated_share

MIN_SIMILARITY = 0.35  # below this a header is not offered as a candidate for a column
GUESS_TO_CHECK = 0.6  # a header proposed with less confidence is written commented out, for a person to confirm
GUESS_TO_READ = 0.6  # a missing required column is read from a header this close to its names ...
FIT_TO_READ = 0.8  # ... whose values read as that column (dates as dates, codes as codes)
DISTINCT_IDS = 0.9  # ... and, for the table's own id, that are this share of different values
MIN_CODED = 3  # values a column needs to be found as a coded column by its values alone
CLEARLY_BETTER = 0.1  # ... and the share of its values read as codes, over any other column's
# A sheet with more free header cells than this (an export 16 000 columns wide) has its spelling compared only for
# the headers that share a word with a column's synonyms, or whose letter triples are the closest
# (SPELLING_SHORTLIST of them): suggestions still come, in time linear in the number of headers.
EXACT_UP_TO = 300
SPELLING_SHORTLIST = 30


@dataclass
class ColumnGuess:
    """A header of the sheet proposed for a table column, with a confidence (0-1) and the alternatives."""

    column: str
    header: str | None
    confidence: float
    alternatives: list[tuple[str, float]] = field(default_factory=list)


def similarity(recogniser: Recogniser, table: str, column: str, header: str) -> float:
    """How close a header is to the ways of writing ``table.column`` (0-1): shared words, then spelling."""
    return _Similarity(recogniser, table, column)(header)


class _Similarity:
    """:func:`similarity` for one column, against many headers: the spelling of each synonym is prepared once, and
    a synonym whose quick upper bounds cannot beat the best so far is not compared letter by letter (the same
    result, in time linear in the number of headers with a small constant)."""

    def __init__(self, recogniser: Recogniser, table: str, column: str, floor: float = 0.0):
        self.floor = floor  # a similarity below it is as good as 0 to the caller: not worked out exactly
        self.words_of = recogniser.words_of
        self.synonyms = [(set(syn), difflib.SequenceMatcher(None, b=" ".join(syn)))
                         for syn in recogniser.synonyms[table][column]]

    def shortlist(self, headers: list[str]) -> list[str]:
        """``headers`` (in their order), or for a very wide sheet those that could be close: sharing a word with a
        synonym, or among the closest by letter triples."""
        if len(headers) <= EXACT_UP_TO:
            return headers
        words = set().union(*(synonym for synonym, _ in self.synonyms))
        triples = [_triples(" ".join(synonym)) for synonym, _ in self.synonyms]

        def closeness(header: str) -> float:
            own = _triples(" ".join(self.words_of(header)))
            return max((len(own & t) / len(own | t) for t in triples if own or t), default=0.0)

        sharing = {h for h in headers if words & set(self.words_of(h))}
        spelt = set(sorted(headers, key=closeness, reverse=True)[:SPELLING_SHORTLIST])
        return [h for h in headers if h in sharing or h in spelt]

    def __call__(self, header: str) -> float:
        words = self.words_of(header)
        if not words:
            return 0.0
        best = 0.0
        text, word_set = " ".join(words), set(words)
        for synonym, matcher in self.synonyms:
            best = max(best, len(synonym & word_set) / max(len(synonym | word_set), 1))
            matcher.set_seq1(text)
            bar = max(best, self.floor)
            if 0.9 * matcher.real_quick_ratio() <= bar or 0.9 * matcher.quick_ratio() <= bar:
                continue
            best = max(best, 0.9 * matcher.ratio())
        return round(best, 2)


def _triples(text: str) -> set[str]:
    padded = f" {text} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def guess_columns(recogniser: Recogniser, sheet: RawSheet, rec: Recognition) -> list[ColumnGuess]:
    """For every column of ``rec.table``: the header recognition gave it (confidence 1), or the closest unused
    header with its alternatives, those whose values read as the column first ("Logged" over dates before "Docket"
    over ids, for a date). A header is proposed for one column only: the required columns choose first."""
    cells = header_cells(_header_row(sheet, rec))
    taken = {m.column: m.header for m in rec.columns}
    free = [text for _, text in cells if text not in set(taken.values())]
    below = sheet.rows[rec.header_index + 1 : rec.header_index + 1 + SAMPLE_ROWS]
    samples = {text: [r[i] for r in below if i < len(r)] for i, text in cells}
    table = TABLES[rec.table]
    ranked: dict[str, list[tuple[str, float]]] = {}
    for column in table.raw_column_names:
        if column not in taken:
            close = _Similarity(recogniser, rec.table, column, floor=MIN_SIMILARITY - 0.01)
            found = [(h, s) for h in close.shortlist(free) if (s := close(h)) >= MIN_SIMILARITY]
            ranked[column] = sorted(found, key=lambda x, c=column: (
                -(recogniser.fit(rec.table, c, samples[x[0]]) >= FIT_TO_READ), -x[1]))
    chosen: dict[str, tuple[str, float]] = {}
    for column in sorted(ranked, key=lambda c: (not table.column(c).required, -max((s for _, s in ranked[c]),
                                                                                     default=0.0))):
        best = next(((h, s) for h, s in ranked[column] if h not in {h for h, _ in chosen.values()}), None)
        if best is not None:
            chosen[column] = best
    guesses = []
    for column in table.raw_column_names:
        if column in taken:
            guesses.append(ColumnGuess(column, taken[column], 1.0))
            continue
        best = chosen.get(column, (None, 0.0))
        guesses.append(ColumnGuess(column, best[0], best[1], [r for r in ranked[column] if r != best][:2]))
    return guesses


def complete_by_guess(recogniser: Recogniser, sheet: RawSheet, rec: Recognition) -> Recognition | None:
    """``rec`` with its missing required columns read from the headers closest to them ("Decided" for the decision
    date, "sourced_via" for the sourcing channel) when each is close enough and its values read as the column;
    None when any cannot be. The guessed columns are listed (:attr:`Recognition.guessed`) and lower the confidence."""
    row = _header_row(sheet, rec)
    taken = {m.index for m in rec.columns if not m.labels}  # a board's labels may give several columns
    free = [(i, text) for i, text in header_cells(row) if i not in taken]
    below = sheet.rows[rec.header_index + 1 : rec.header_index + 1 + SAMPLE_ROWS]
    pairs = _by_values(recogniser, rec, free, below)
    labels = {(column, index) for _, column, index, _, listed in pairs if listed}
    pairs = [pair[:4] for pair in pairs]
    for column in [c for c in rec.missing_required if c not in {p[1] for p in pairs}]:
        similar = _Similarity(recogniser, rec.table, column, floor=GUESS_TO_READ - 0.01)
        shortlist = set(similar.shortlist([text for _, text in free]))
        kind = TABLES[rec.table].column(column).kind
        for index, text in free:
            if kind not in ("person", "text") and set(recogniser.words_of(text)) & recogniser.owner_words:
                continue  # "Company owner" is a person, whatever its other words name
            if kind != "text" and set(recogniser.words_of(text)[:1]) & recogniser.comment_words:
                continue  # "Commentaire" is free text, however close its spelling to "Convention"
            close = similar(text) if text in shortlist else 0.0
            if close < GUESS_TO_READ:
                continue
            values = [r[index] for r in below if index < len(r) and r[index] not in (None, "")]
            if values and recogniser.fit(rec.table, column, values) >= FIT_TO_READ and (
                    TABLES[rec.table].key != (column,) or _distinct(values)) and (  # a comment repeated is no id
                    kind != "id" or sum(map(reads_as_id, values)) >= FIT_TO_READ * len(values)):  # nor remarks
                pairs.append((close, column, index, text))
    chosen: dict[str, tuple[int, str, float]] = {}
    used: set[int] = set()
    for close, column, index, text in sorted(pairs, key=lambda p: (-p[0], p[2])):
        if column not in chosen and index not in used:
            chosen[column] = (index, text, close)
            used.add(index)
    if set(chosen) != set(rec.missing_required):
        return None
    columns = sorted([*rec.columns, *(ColumnMatch(i, text, column, column_multiplier(TABLES[rec.table].column(column), text),
                                                  (column, i) in labels)  # "Accordé (k€)": thousands
                                      for column, (i, text, _) in chosen.items())],
                     key=lambda m: m.index)
    unknown = [h for h in rec.unknown if h not in {text for _, text, _ in chosen.values()}]
    done = replace(rec, columns=columns, unknown=unknown, missing_required=[],
                   guessed={column: (text, close) for column, (_, text, close) in chosen.items()})
    done.confidence = round(min(rec.confidence if rec.confidence is not None else 1.0,
                                recogniser.confidence(done, sheet)) * min(c for _, _, c in chosen.values()), 2)
    return done


def _distinct(values: list) -> bool:
    """Whether ``values`` are (nearly) all different, as a table's own ids are."""
    return repeated_share(values) <= 1 - DISTINCT_IDS


def _by_values(recogniser: Recogniser, rec: Recognition, free: list[tuple[int, str]], below: list[list]) -> list:
    """``(closeness, column, index, header, labels)`` of the missing required columns found by their values: the
    institution column (an ERP's "Tiers", a board's "Labels": :mod:`.institution_columns`), the one date a table
    lacks (:func:`_only_dates`) and its coded columns (:func:`_codes_by_values`), their closeness that of a header
    read by a guess."""
    found: list[ColumnMatch] = []
    samples = {i: [r[i] for r in below if i < len(r)] for i, _ in free}
    institutions_by_values(rec.table, free, samples, found, [], set(), recogniser.institutions,
                           recogniser.organisation_words)
    return [(GUESS_TO_READ, m.column, m.index, m.header, m.labels) for m in found
            if m.column in rec.missing_required] + _only_dates(recogniser, rec, free, samples) + _codes_by_values(
        recogniser, rec, free, samples)


def _codes_by_values(recogniser: Recogniser, rec: Recognition, free: list[tuple[int, str]], samples: dict) -> list:
    """Each required coded column a table lacks, found as the one free column whose values read as its codes (a
    public ledger's "Tiers" naming funders, its "Article" naming instruments: "6574-MAT Maturation")."""
    found = []
    for column in rec.missing_required:
        if TABLES[rec.table].column(column).kind != "code":
            continue
        fitting = sorted(((fit, i, text) for i, text in free
                          if len(values := [v for v in samples[i] if v not in (None, "")]) >= MIN_CODED
                          and (fit := recogniser.fit(rec.table, column, values)) >= FIT_TO_READ), reverse=True)
        if len(fitting) == 1 or len(fitting) > 1 and fitting[0][0] - fitting[1][0] >= CLEARLY_BETTER:
            found.append((GUESS_TO_READ, column, fitting[0][1], fitting[0][2], False))  # "Article" over "Objet"
    return found


def _only_dates(recogniser: Recogniser, rec: Recognition, free: list[tuple[int, str]], samples: dict) -> list:
    """The one required date a table lacks, found as the one free column of dates ("Le" over an event's days, a
    header too short to name it)."""
    dates = [c for c in rec.missing_required if TABLES[rec.table].column(c).kind == "date"]
    if len(dates) != 1:
        return []
    fitting = [(i, text) for i, text in free if (values := [v for v in samples[i] if v not in (None, "")])
               and recogniser.fit(rec.table, dates[0], values) >= FIT_TO_READ]
    return [(GUESS_TO_READ, dates[0], *fitting[0], False)] if len(fitting) == 1 else []


def _header_row(sheet: RawSheet, rec: Recognition) -> list:
    from .header_rows import two_row_header

    row = sheet.rows[rec.header_index]
    if rec.header_index > 0:
        row = two_row_header(sheet.rows[rec.header_index - 1], row) or row
    return row


def mapping_entry(sheet: RawSheet, rec: Recognition, guesses: list[ColumnGuess], *,
                  unpivot: dict | None = None, why: str = "") -> str:
    """A draft rule of ``mapping.yaml`` for this sheet (a YAML list item): every column's proposed header with its
    confidence and the alternatives as comments; a required column with no candidate is a placeholder line to fill
    in (it is a comment, so the rule reads nothing wrong until someone writes the header)."""
    lines = [f"  # {why}"] if why else []
    lines.append(f"  - file: {_quoted(sheet.file)}")
    if sheet.sheet:
        lines.append(f"    sheet: {_quoted(sheet.sheet)}")
    lines += [f"    table: {rec.table}", f"    header_row: {sheet.first_row + rec.header_index}", "    columns:"]
    required = set(TABLES[rec.table].required)
    made = set(unpivot.get("makes", ())) if unpivot else set()
    for g in guesses:
        if g.column in made:
            continue
        need = "required" if g.column in required else "optional"
        if g.header is None:
            if g.column in required:
                lines.append(f"      # \"<the header of the {g.column} column>\": {g.column}   "
                             f"# required: no header looks like it: write it here and remove the '#'")
            continue
        others = "; ".join(f"{h!r} {s:.0%}" for h, s in g.alternatives)
        comment = f"  # {need}, confidence {g.confidence:.0%}" + (f"; or {others}" if others else "")
        if g.confidence < GUESS_TO_CHECK:  # a guess: commented out until a person confirms or corrects it
            lines.append(f"      # {_quoted(g.header)}: {g.column}{comment}: check it, then remove the '#'")
        else:
            lines.append(f"      {_quoted(g.header)}: {g.column}{comment}")
    if unpivot:
        lines += ["    unpivot:                          # one row per non-empty cell of these columns",
                  f"      key: {unpivot['key']}                  # what each column's header gives the row",
                  "      columns: [" + ", ".join(_quoted(h) for h in unpivot["columns"]) + "]"]
    return "\n".join(lines) + "\n"


def draft_file(entries: list[str], raw_dir: str) -> str:
    """A whole draft mapping file from rules made by :func:`mapping_entry`."""
    head = [
        "# Draft mapping file written by 'partnership-metrics inspect': check each rule, then save it as",
        f"# {raw_dir}/mapping.yaml (or give it to ingest with --mapping). A header proposed for a column shows its",
        "# confidence and the other candidates; a line starting with '#' inside 'columns:' is a column nobody could",
        "# find: write the sheet's header there and remove the '#'. Delete a rule to let recognition decide.",
        "sheets:",
    ]
    return "\n".join(head) + "\n" + ("\n".join(entries) if entries else "  []  # nothing to map: every sheet was read\n")


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
