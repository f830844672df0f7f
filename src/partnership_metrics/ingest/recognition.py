"""Which table does a sheet hold, and where? Recognition from headers, never from file or sheet names.

For each of the first rows of a sheet, every cell is matched against the header synonyms of every table
(``vocab/headers.yaml`` and the user's ``header_synonyms.yaml``, in the run's vocabulary); the row and table with the
best match win, provided enough of the table's required columns are there. Units in headers (``Montant (k€)``) become
multipliers for money columns. A :class:`Recogniser` is made once per run from the vocabulary.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..errors import ParseError
from ..schemas import RAW_TABLES, TABLES
from ..textnorm import fold, tokens
from .codebook import CodeBook, make_codebook
from .column_choices import (
    amounts_by_unit,
    bare_date,
    call_applications,
    codes_in_calls,
    codes_in_labels,
    codes_in_texts,
    day_dates,
    defaulted_columns,
    euro_amounts,
    finer_codes,
    short_names,
    varied_titles,
)
from .cut_words import CutWords
from .field_paths import field_candidates, field_path
from .header_rows import HEADER_SCAN_ROWS, groups_over, header_candidates
from .header_swaps import exact_headers_restored
from .header_units import column_multiplier, header_unit, split_camel_case, title_units, unit_only_candidates
from .header_values import carriers, could_be_a_header, lone_emails, targets_for_periods, years_for_dates
from .id_columns import filled_ids, lone_ids, own_ids
from .institutions import make_resolver
from .lookups import id_lookups
from .measured_values import measured_target
from .parsers import ValueParsers
from .reading import RawSheet, filled_counts, fills_two, is_blank
from .recognised import MADE_ID_COLUMNS, NAMED, ColumnMatch, Recognition, truly_missing
from .report import LOW_CONFIDENCE
from .snapshots import latest_snapshots
from .tie_breaks import SAMPLE_ROWS, tie_break, tie_break_weight, unique_weight
from .titled_blocks import under_parent_lines
from .word_forms import WordForms, inclusive_endings_pattern, plural_or_nothing

if TYPE_CHECKING:
    from ..partnership import Partnership
    from .vocabulary import Vocabulary

_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_BRACKETED = re.compile(r"([^()]+)\(([^()]+)\)")  # "Porteur (établissement)": a header, then what of it
_BILINGUAL = re.compile(r"\s+/\s+")  # a header written in two languages: "Date de détection / Detection date"


_LEARNING_KINDS = frozenset({"institution", "person"})  # whose fit changes as a run learns nicknames (not memoised)
CODED_SHARE = 0.8  # of a generic header's values that must be its column's codes to make it specific (see _coded_values)
CONTEXT_PENALTY = 300  # score lost by a sheet whose parent key comes from its file or sheet name
ID_OWNER_BONUS = 15  # a partial id header that names the partnership gains this, one naming another system loses it
FOREIGN_KEY_PENALTY = 20  # per header left out that is exactly another table's id ("Start-up" beside a funding-like sheet)
CLEAR_TABLE_SPECIFIC = 6  # headers a table's own words name: a table lacking one column, not a summary's grid
NEAR_MISS_SPECIFIC = 3  # specific header matches that make a sheet "look like" a table even without its ids
NEAR_MISS_SHARE = 0.4  # ... provided they are a good part of its headers (not 3 lucky words among 20)
OUTNUMBERED = 3  # times the specific headers of a table keyed by the file's name that another table's must be
FIRST_HEADER_FIT = 0.8  # share of values that must read as their columns under an earlier header of the same layout


@dataclass
class _Evaluation:
    table: str
    matches: list[ColumnMatch]
    unknown: list[str]
    missing: list[str]
    specific: int  # matched header cells whose synonym is not made of generic words only
    enough: bool  # enough required columns to be this table
    score: float
    context_key: str | None = None


def _filled(row: list) -> set[int]:
    """The indexes of a row's cells that hold something."""
    return {i for i, v in enumerate(row) if not is_blank(v)}


def _clear_winner(candidates) -> list[str]:
    """The one column a header names far more than any other (a synonym, or twice the next one's score)."""
    if not candidates:
        return []
    (column, score), rest = candidates[0], candidates[1:]
    return [column] if score > 1000 or (score >= 15 and all(score >= 2 * s for _, s in rest)) else []


def header_cells(row: list) -> list[tuple[int, str]]:
    return [(i, " ".join(v.split())) for i, v in enumerate(row) if isinstance(v, str) and v.strip()]


def syn_order(synonyms: tuple[tuple[str, ...], ...], syn: tuple[str, ...]) -> int:
    """The rank of ``syn`` among a column's synonyms (of two equal scores, the first synonym wins)."""
    return synonyms.index(syn)


class Recogniser:
    """Recognition with one vocabulary: its header synonyms as word tuples, and the matching of header cells
    (worked out once per header text: spreadsheets repeat their headers). ``partnership`` (default: the packaged
    one) says which years are the baseline of a targets grid."""

    def __init__(self, vocabulary: Vocabulary, partnership: Partnership | None = None):
        words = vocabulary.words
        self.abbreviations = words.header_abbreviations
        self.readme_names = words.readme_sheet_names
        self.list_sheet_words = words.code_list_sheet_words
        self.generic_words = words.generic_header_words
        self.id_words = words.id_header_words
        self.target_words = words.target_header_words
        self.amount_words = words.year_header_words
        self.person_words = words.email_header_words | words.first_name_header_words | words.name_header_words
        self.email_words = words.email_header_words
        self.first_name_words = words.first_name_header_words
        self.year_words = words.year_only_header_words
        self.time_words, self.date_words = words.time_header_words, words.date_header_words
        self.record_date_words, self.planned_date_words = words.record_date_words, words.planned_date_words
        self.done_words = words.done_header_words
        self.start_words, self.due_words = words.start_header_words, words.due_header_words
        self.own_id_words, self.foreign_id_words = words.own_id_words, words.foreign_id_words
        self.record_id_headers, self.row_id_headers = words.record_id_headers, words.row_id_headers
        self.which_words = words.which_words
        self.field_wrappers = frozenset(words.field_wrappers)
        self.currency_words = words.currency_header_words
        self.application_date_headers = words.application_date_headers
        self.form_words = words.form_question_words
        self.value_words = vocabulary.target_words
        self.other_thing_words = words.other_thing_header_words
        self.never_of_kind = ((self.email_words, "institution"), (words.status_header_words, "id"),  # "Company Status"
                              (words.reason_header_words | words.yes_no_header_words, "date"))
        self.comment_words, self.count_words = words.comment_header_words, words.count_header_words
        self.owner_words, self.tag_words = words.owner_header_words, words.tag_header_words
        self.inclusive_endings = inclusive_endings_pattern(words.inclusive_endings)
        self.parsers, self.words = ValueParsers(words), words
        self.title_money_units = words.title_money_units
        self.synonyms: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {}
        for table in RAW_TABLES:  # table -> column -> synonym word tuples (and each canonical column name)
            columns = vocabulary.headers.get(table, {})
            self.synonyms[table] = {}
            for column in TABLES[table].raw_column_names:
                synonyms = [column, column.replace("_", " ")] + list(columns.get(column, ()))
                toks = dict.fromkeys(self.header_tokens(header_unit(str(s))[0]) for s in synonyms)
                self.synonyms[table][column] = tuple(t for t in toks if t)
        synonym_words = frozenset(w for columns in self.synonyms.values() for syns in columns.values()
                                  for syn in syns for w in syn)
        self.cut_words, self.word_forms = CutWords(synonym_words), WordForms(synonym_words, words)
        self._candidates_memo: dict[tuple[str, str], tuple[tuple[str, int, bool], ...]] = {}
        # table -> first word of a synonym -> (column's rank, column, synonym): a header is compared only with the
        # synonyms whose first word it holds (a synonym must be within the header's words), not with all of them
        self._by_first_word: dict[str, dict[str, list[tuple[int, str, tuple[str, ...]]]]] = {}
        for table, columns in self.synonyms.items():
            index = self._by_first_word[table] = {}
            for rank, (column, synonyms) in enumerate(columns.items()):
                for syn in synonyms:
                    index.setdefault(syn[0], []).append((rank, column, syn))
        self._first_words = frozenset(w for index in self._by_first_word.values() for w in index)
        self._specific_memo: dict[str, frozenset[str]] = {}
        self._fit_memo: dict[tuple, float] = {}
        self._words_memo: dict[str, tuple[str, ...]] = {}
        self._foreign_memo: dict[tuple[str, str], bool] = {}
        codebook, resolver, parsers = make_codebook(vocabulary), make_resolver(vocabulary), self.parsers
        organisation_words = self.organisation_words = words.organisation_words
        self._codebook = codebook
        self.institutions = resolver
        self._checks = {  # does a value read as a column of this kind?
            "code": lambda t, c, v: self.codebook.find(t, c, str(v)) is not None,  # with the folder's legends
            "institution": lambda t, c, v: resolver.match(str(v))[1] != "unknown",
            # "Porteur" over AMU, "Univ. Montpellier": institutions, no persons
            "person": lambda t, c, v: "@" in str(v) or (not set(fold(str(v)).split()) & organisation_words
                                                        and not resolver.names_exactly(str(v))),
            "date": lambda t, c, v: parsers.parse_date(v) is not None,
            "money": lambda t, c, v: parsers.parse_money(v) is not None,
            "int": lambda t, c, v: parsers.parse_int(v) is not None,
            "bool": lambda t, c, v: parsers.parse_bool(v) is not None,
            "period": lambda t, c, v: parsers.parse_period_or_deadline(v) is not None,  # "30" is no period
        }

        from .targets import TargetGrids

        self.target_grids = TargetGrids(vocabulary, partnership, self)

    @property
    def codebook(self) -> CodeBook:
        return self._codebook

    @codebook.setter
    def codebook(self, codebook: CodeBook) -> None:
        """The run's codebook, once the folder's legends are read: the codes' fits found before are forgotten."""
        self._codebook = codebook
        self._fit_memo.clear()

    def header_tokens(self, text: str) -> tuple[str, ...]:
        """The words of a header, abbreviations spelt out (``"Dt détect."`` -> ``("date", "detection")``), ``#``
        read as ``n`` (number), French inclusive endings left out (``"Porteur·se"`` -> ``("porteur",)``)."""
        text = self.inclusive_endings.sub(plural_or_nothing, text.replace("#", " n "))
        return tuple(self.abbreviations.get(w, w) for w in tokens(split_camel_case(text)))

    def cell_candidates(self, table: str, text: str) -> tuple[tuple[str, int], ...]:
        """(column, score) pairs for one header cell; exact matches score > 1000, partial ones by words shared."""
        return tuple((column, score) for column, score, _ in self._candidates(table, text))

    def _candidates(self, table: str, text: str) -> tuple[tuple[str, int, bool], ...]:
        """(column, score, generic) triples; ``generic``: the synonym matched is made of generic words only."""
        key = (table, text)
        found = self._candidates_memo.get(key)
        if found is None:
            found = self._match(table, self._unwrapped(text))
            if not any(score > 1000 for _, score, _ in found) and (
                    agreed := self.word_forms.agreed(words := self.words_of(text))) != words:
                exact = self._match_words(table, agreed)  # "Obtenue": "obtenu", when it is a synonym exactly
                found = exact if exact and exact[0][1] > 1000 else found
            if (said := fold(text)).endswith(" le") and "date" not in said.split():  # "Résultat le": a date
                dated = self._match(table, f"date {said[:-3]}")
                if any(score > 1000 and TABLES[table].column(c).kind == "date" for c, score, _ in dated):
                    found = dated
            if (path := field_path(text)) and not any(score > 1000 for _, score, _ in found):  # "Projet.Aide_allouee"
                found = field_candidates(lambda t: self._match(table, t), path) or found  # the field, its entity aside
            if found and set(self.words_of(text)) & self.other_thing_words:  # "ID de tâche": a task's id
                found = tuple(c for c in found if not c[2])
            if found and text.rstrip().endswith("?") and not set(self.words_of(text)) & self.which_words:
                found = tuple(c for c in found if TABLES[table].column(c[0]).kind != "id")  # "How did you hear about
                # this event?" names no event: only a question asking which one does ("À quelle(s) action(s) …?")
            for words, kind in self.never_of_kind:  # "applicant.email": no institution; "Closed Lost Reason": no date
                if found and set(self.words_of(text)) & words:
                    found = tuple(c for c in found if TABLES[table].column(c[0]).kind != kind)
            if table == "kpi_targets" and found and self.actuals(text):  # "Réalisé sur la période": no period
                found = tuple(c for c in found if c[0] not in ("period", "target"))
            self._candidates_memo[key] = found
        return found

    def names_column(self, table: str, column: str, text: str) -> bool:
        """Whether ``text`` names ``table.column`` among its candidates ("Type de technologie": technology_type)."""
        return any(c == column for c, _ in self.cell_candidates(table, text))

    def actuals(self, text: str) -> bool:
        """Whether a header names a column of actual values, not of targets ("Réalisé sur la période")."""
        said = set(self.words_of(text))
        return bool(said & self.value_words.actual_words) and not said & self.target_words

    def _unwrapped(self, text: str) -> str:
        """The field's name inside a tool's wrapper ("Custom field (Date de détection)" -> "Date de détection"),
        else the header as written."""
        head, bracket, rest = text.partition("(")
        rest = rest.rstrip()
        if bracket and rest.endswith(")") and fold(head).strip() in self.field_wrappers:
            return rest[:-1]
        return text

    def words_of(self, text: str) -> tuple[str, ...]:
        """The words of a header without its unit (memoised: a sheet repeats its headers row after row)."""
        words = self._words_memo.get(text)
        if words is None:
            bare = header_unit(text)[0]
            words = self._words_memo[text] = self.cut_words.spelt_out(bare, self.header_tokens(bare))
        return words

    def _match(self, table: str, text: str) -> tuple[tuple[str, int, bool], ...]:
        if not self.words_of(text):  # "k€" alone: the table's one amount
            return unit_only_candidates(table, text)
        found = self._match_words(table, self.words_of(text))
        if all(generic for _, _, generic in found) and _BRACKETS.search(text):
            # "Spun out of (deal)", "Name (Original Name)": the words that tell are in brackets
            whole = self._match_words(table, self.header_tokens(header_unit(re.sub(r"[()\[\]]", " ", text))[0]))
            found = whole if whole and (not found or not all(generic for _, _, generic in whole)) else found
        elif found and (said := _BRACKETED.fullmatch(text.strip())):  # "Porteur (établissement)": the PI's institution
            inner = self._match_words(table, self.header_tokens(said[2]))
            if (inner and inner[0][1] >= 1000 and TABLES[table].column(inner[0][0]).kind == "institution"
                    and TABLES[table].column(found[0][0]).kind == "person"):
                found = inner
        if _BILINGUAL.search(text):  # "Porteur / PI", "Accompagnement / Support": each language on its own
            best: dict[str, tuple[str, int, bool]] = {c: (c, score, generic) for c, score, generic in found}
            for half in _BILINGUAL.split(text):
                for column, score, generic in self._match_words(table, self.words_of(half)):
                    if column not in best or score > best[column][1]:
                        best[column] = (column, score, generic)
            found = tuple(sorted(best.values(), key=lambda item: -item[1]))
        return found

    def _match_words(self, table: str, words: tuple[str, ...]) -> tuple[tuple[str, int, bool], ...]:
        if not words:
            return ()
        word_set = set(words)
        dated = word_set & self.date_words
        index = self._by_first_word[table]
        # "Time in Session (minutes)" is no session id, "Nb start-up" a count, not the start-up's id
        no_id = not self.time_words.isdisjoint(word_set) or words[0] in self.count_words
        record_id = " ".join(words) in self.record_id_headers
        record_dated = not self.record_date_words.isdisjoint(word_set)
        commented = words[0] in self.comment_words  # "Commentaire du comité": a comment, not the committee's date
        owned = not self.owner_words.isdisjoint(word_set)
        best: dict[int, tuple[int, str, tuple[str, ...]]] = {}  # column's rank -> (score, column, synonym)
        for word in word_set:
            for rank, column, syn in index.get(word, ()):
                if syn == words:
                    score = 1000 + len(syn)
                    if record_id and TABLES[table].column(column).kind == "id":
                        score -= ID_OWNER_BONUS  # "ID" beside "Référence": the tool's record, not the reference
                elif len(syn) <= len(words) and word_set.issuperset(syn):
                    if no_id and TABLES[table].column(column).kind == "id" and syn[0] not in self.count_words:
                        continue
                    if dated and not dated & set(syn) and TABLES[table].column(column).kind != "date":
                        continue  # "Date de l'action": a date, not the event named by "action"
                    if record_dated and TABLES[table].column(column).kind == "date":
                        continue  # "Date Created": when the record was made, not the event's date
                    if commented and self.comment_words.isdisjoint(syn) and TABLES[table].column(column).kind != "text":
                        continue  # a comment is free text: it may be a text column ("Remarques sur la cause")
                    if owned and self.owner_words.isdisjoint(syn) and TABLES[table].column(column).kind not in (
                            "person", "text"):
                        continue  # "Company owner": the person who owns a CRM record, not the company's id
                    score = 10 * len(syn) - (len(words) - len(syn))
                    if TABLES[table].column(column).kind == "id":  # whose id: the partnership's, not a system's
                        score += ID_OWNER_BONUS * (bool(word_set & self.own_id_words)
                                                   - bool(word_set & self.foreign_id_words) - record_id)
                        if record_id:  # "Record ID": the id only when no business reference is beside it
                            score = max(score, 1)
                else:
                    continue
                if score > 0 and (rank not in best or score > best[rank][0]
                                  or (score == best[rank][0] and syn_order(self.synonyms[table][column], syn)
                                      < syn_order(self.synonyms[table][column], best[rank][2]))):
                    best[rank] = (score, column, syn)
        found = [(column, score, self.generic_words.issuperset(syn)) for _, (score, column, syn) in sorted(best.items())]
        return tuple(sorted(found, key=lambda item: -item[1]))

    def assign(self, table: str, headers: list[tuple[int, str]],
               samples: dict[int, list] | None = None) -> tuple[list[ColumnMatch], list[str]]:
        """Give each header cell at most one column, each column at most one cell (persons: several), best first.

        ``samples``: values found below each header (column index -> values). When a header could be several
        columns ("Porté par": the lead institution or the supporting partner?), the column its values read as wins.
        """
        triples = []
        found = [(index, text, self.cell_candidates(table, text)) for index, text in headers]
        contenders = Counter(column for _, _, candidates in found for column, _ in candidates)
        for index, text, candidates in found:
            for column, score in candidates:
                exact = score >= 1000
                # a header that could be several columns, or a column that several headers could be ("Suivi par"
                # holding e-mails beside "Accompagnement"): the values decide
                tie = 0.0
                if samples and (len(candidates) > 1 or contenders[column] > 1):
                    score = score * (0.5 + 0.5 * self.fit(table, column, samples.get(index, ())))
                    if contenders[column] > 1:  # "VA-18-01" over 1, 2, 3; a day over a record's time stamp
                        kind = TABLES[table].column(column).kind
                        score = score * tie_break_weight(kind, samples.get(index, ()), column)
                        tie = tie_break(kind, samples.get(index, ()), column not in TABLES[table].key)
                        if TABLES[table].key == (column,):  # a record's own id is on one row only
                            score = score * unique_weight(samples.get(index, ()))
                triples.append((score, tie, -index, index, text, column, exact))
        triples.sort(reverse=True)
        taken_cells: set[int] = set()
        taken_columns: set[str] = set()
        matches = []
        for _score, _tie, _neg, index, text, column, exact in triples:
            if index in taken_cells:
                continue
            personal = TABLES[table].column(column).personal
            # A person may be written over several columns (name, first name, e-mail); "Attendee Status" beside
            # them is not a part of the attendee.
            if column in taken_columns and not (personal and (exact or self.person_part(text, table, column))):
                continue
            taken_cells.add(index)
            taken_columns.add(column)
            unit = column_multiplier(TABLES[table].column(column), text)
            matches.append(ColumnMatch(index, text, column, unit))
        matches = exact_headers_restored(table, matches, triples, taken_cells, lambda index, text, column: ColumnMatch(
            index, text, column, column_multiplier(TABLES[table].column(column), text)))
        unknown = [text for index, text in headers if index not in {m.index for m in matches}]
        matches.sort(key=lambda m: m.index)
        return matches, unknown

    def person_part(self, header: str, table: str | None = None, column: str | None = None) -> bool:
        """Whether a header names a part of a person (name, first name, e-mail): "Adresse e-mail", "Last Name", or
        such a word beside a name of ``column`` itself ("Courriel PI", "PI first name")."""
        if _BILINGUAL.search(header):  # "Nom complet / Full name"
            return any(self.person_part(half, table, column) for half in _BILINGUAL.split(header))
        ordered = self.header_tokens(header)
        words = set(ordered)
        parts = words & self.person_words
        rest = words - self.person_words - self.generic_words - self.form_words - {"adresse", "address", "de", "du", "e"}
        if parts and rest and column is not None:
            named = " ".join(w for w in ordered if w in rest)
            return any(c == column for c, _ in self.cell_candidates(table, named))
        return bool(parts) and not rest

    def fit(self, table: str, column: str, values) -> float:
        """The share of ``values`` that read as ``table.column`` (1.0 when there is nothing to check)."""
        kind = TABLES[table].column(column).kind
        check = self._checks.get(kind)
        values = tuple(v for v in values if v is not None and not (isinstance(v, str) and not v.strip()))[:SAMPLE_ROWS]
        if check is None or not values:
            return 1.0
        key = (table, column, values)  # asked again of the same cells by each header row and rule reading them
        if (share := self._fit_memo.get(key)) is None:
            readable = 0
            for value in values:
                try:
                    readable += bool(check(table, column, value))
                except ParseError:
                    pass
            share = readable / len(values)
            if kind not in _LEARNING_KINDS:
                self._fit_memo[key] = share
        return share

    def match_headers(self, table: str, headers: list[tuple[int, str]],
                      samples: dict[int, list] | None = None) -> tuple[list[ColumnMatch], list[str]]:
        """:meth:`assign`, then a lone "Code" / "ID" header for the table's missing id and a lone "Année" column of
        years for its missing date."""
        matches, unknown = self.assign(table, headers, samples)
        if samples:  # "Porteur" over AMU: the institution carrying the project; "Objectif période" over 30: a target
            carriers(self, table, samples, matches, unknown)
            targets_for_periods(self, table, samples, matches, unknown)
        amounts_by_unit(table, matches)  # "Engagement k€": an amount, whatever its word
        id_lookups(headers, matches, unknown, self.words_of, self.id_words)  # "Ref (from Project)"
        matched = {m.column for m in matches}
        taken = {m.index for m in matches}  # by index, not text: linear in the number of header cells
        lone_ids(self, table, headers, matches, unknown, matched, taken)  # a lone "Code" / "ID" header
        years_for_dates(self, table, headers, samples, matches, unknown, matched, taken)
        codes_in_calls(self, table, samples, matches)  # "ERC-2022-COG": the programme of an ERC sheet
        codes_in_labels(self, table, headers, samples, matches, unknown)  # a board's "Labels", before its prose
        codes_in_texts(self, table, headers, samples, matches, unknown)  # a ledger's "Intitulé compte"
        filled_ids(self, table, headers, samples, matches, unknown, taken)
        varied_titles(self, table, headers, samples, matches, unknown)
        defaulted_columns(self, table, headers, samples, matches, unknown)  # Power Query's "Column1": "UMR7258"
        short_names(self, table, headers, samples, matches, unknown)  # an ERP's "Nom" beside "Intitulé complet"
        finer_codes(self, table, headers, samples, matches, unknown)
        euro_amounts(self, table, headers, matches, unknown)
        day_dates(self, table, headers, samples, matches, unknown)
        call_applications(self, table, headers, matches, unknown)
        bare_date(table, headers, matches, unknown)  # "Date" alone over a register's projects
        latest_snapshots(table, headers, matches, unknown, samples)
        measured_target(table, headers, samples, matches, unknown, taken, self.value_words)
        own_ids(self, table, headers, matches, unknown)
        lone_emails(self, table, headers, matches, unknown)
        matches.sort(key=lambda m: m.index)
        return matches, unknown

    def _evaluate(self, table: str, headers, samples=None, coded: bool = False, named: bool = False) -> _Evaluation:
        matches, unknown = self.match_headers(table, headers, samples)
        matched = {m.column for m in matches}
        specific = sum(1 for m in matches if any(not generic for column, _, generic in self._candidates(table, m.header)
                                                 if column == m.column) or coded and self._coded_values(table, m, samples))
        required = TABLES[table].required
        missing = [c for c in required if c not in matched]
        parent = TABLES[table].parent
        context_key = None
        # "Name | … | Email" of a meeting's attendance report: a person written as a name and an address
        person = len(matches) >= 2 and len({m.column for m in matches}) == 1 and (
            TABLES[table].column(matches[0].column).kind == "person")
        if parent is not None and missing == [parent.key] and (specific >= 1 or person):  # "EV2103.csv" names it
            context_key, missing = parent.key, []
        found = len(required) - len(missing)
        # lines without numbers (ids made for them), or a portfolio whose names are its ids (``named``, name_keys.py), are
        # enough of their table; the score stays a table's lacking a column (rounds beside "financeurs" stay rounds)
        by_name = named and NAMED.get(table) in matched and len(matched) > 2  # (not a sentence's "start-up")
        made = TABLES[table].key[0] if by_name else MADE_ID_COLUMNS.get(table)
        needed = [c for c in required if c != made or c not in missing]  # (then three quarters of the rest)
        ids_ok = all(c in matched for c in required if TABLES[table].column(c).kind in ("id", "person"))
        lone = context_key is not None and len(matches) == 1 and any(  # "Name (Original Name)" of a meeting's file
            score >= 1000 for c, score, _ in self._candidates(table, matches[0].header) if c == matches[0].column)
        enough = (specific > 0 or person and context_key is not None) and (len(matches) >= 2 or lone) and (
            found >= math.ceil(0.75 * len(needed)) or (ids_ok and found >= math.ceil(0.5 * len(needed)))
        )
        score = 1000 * found / len(required) + 50 * specific + 10 * len(matched) + len(matches) if enough else 0.0
        if enough:  # a close call between two tables goes to the one that leaves no other table's id unread
            score -= FOREIGN_KEY_PENALTY * sum(self._names_another_id(table, text) for text in unknown)
        if context_key and enough:  # a sheet that has the key column is surer
            score -= CONTEXT_PENALTY
        return _Evaluation(table, matches, unknown, missing, specific, enough, score, context_key)

    def _keys_above(self, rows: list[list], tables: tuple[str, ...]) -> list[frozenset[str]]:
        """For each of ``rows``, the tables whose parent's key a row above it gives (:meth:`_key_written_above`),
        each row read once."""
        children = [t for t in tables if TABLES[t].parent is not None]
        out, above = [], frozenset()
        for row in rows:
            out.append(above)
            above = above | {t for t in children if t not in above and self._key_written_above(row, t)}
        return out

    def _key_written_above(self, row: list, table: str) -> bool:
        """Whether ``row`` (above a header) gives the parent's key as a key and its value ("Réf. société | SU-01",
        "Start-up : SU-01" on a sheet per start-up)."""
        key = TABLES[table].key[0]
        cells = [c for c in row if not is_blank(c)]
        if len(cells) < 2 or not isinstance(cells[0], str):
            return False
        label = cells[0].strip().rstrip(":").strip()
        return any(column == key for column, _, _ in self._candidates(table, label))

    def _coded_values(self, table: str, m: ColumnMatch, samples) -> bool:
        """Whether a code column read from a generic header ("Nature du tour") holds that column's codes below it
        ("Amorçage", "Série A"): on a sheet whose parent is written above, its values say which table it is."""
        if TABLES[table].column(m.column).kind != "code" or not samples:
            return False
        values = {str(v).strip() for v in samples.get(m.index, ()) if not is_blank(v)}
        return bool(values) and self.fit(table, m.column, values) >= CODED_SHARE

    def names_table(self, text: str, table: str) -> bool:
        """Whether header ``text`` names a column of ``table`` in words of its own (memoised)."""
        return table in self._specific_tables(text)

    def _specific_tables(self, text: str) -> frozenset[str]:
        """The tables a header could be a column of through a synonym not made of generic words only (memoised). A
        table no header of a row names so is neither enough nor a near miss there (:meth:`_evaluate` would find no
        specific match), so it is not evaluated."""
        found = self._specific_memo.get(text)
        if found is None:
            if self._first_words.isdisjoint(self.words_of(text)) and not _BRACKETS.search(text):
                found = frozenset()  # no synonym starts with any of its words: no candidate in any table
            else:
                found = frozenset(table for table in self._by_first_word
                                  if any(not generic for _, _, generic in self._candidates(table, text)))
            self._specific_memo[text] = found
        return found

    def _names_another_id(self, table: str, text: str) -> bool:
        """Whether header ``text`` is exactly a synonym of the required id of a table other than ``table`` (a
        header of generic words only, "Code", names no table)."""
        memo = self._foreign_memo.get((table, text))
        if memo is None:
            words = self.words_of(text)
            memo = self._foreign_memo[(table, text)] = bool(words) and not self.generic_words.issuperset(words) and any(
                score >= 1000 and TABLES[other].column(column).kind == "id" and column in TABLES[other].required
                for other in RAW_TABLES if other not in (table, "kpi_targets")
                for column, score in self.cell_candidates(other, text))
        return memo

    def recognise(self, sheet: RawSheet, tables: tuple[str, ...] = RAW_TABLES) -> Recognition | None:
        """The best (table, header row) of ``sheet``, or None when it holds no known table.

        A visible sheet whose headers clearly belong to a table (at least three specific matches, more than any
        table it fully matches) is returned with the required columns it lacks, so that the user is told, not ignored.
        """
        best: _Evaluation | None = None
        best_index = 0
        near: _Evaluation | None = None
        near_index = 0
        keyed_above = self._keys_above(sheet.rows[:HEADER_SCAN_ROWS], tables)
        for index in range(min(len(sheet.rows), HEADER_SCAN_ROWS)):
            if best is not None and best.score >= 1000 and index > best_index + 3:
                break  # a header with every required column was found: the rows below are data
            above = keyed_above[index]
            if under_parent_lines(sheet.rows, index):  # "▶ Oncostra" over each copy of the header: its parent
                above = above | {t for t in tables if TABLES[t].parent is not None}
            candidates = header_candidates(sheet.rows, index)
            below = sheet.rows[index + 1 : index + 1 + SAMPLE_ROWS]
            for candidate in candidates:
                headers = header_cells(candidate)
                if not could_be_a_header(candidate, headers):
                    continue
                named = frozenset().union(*(self._specific_tables(text) for _, text in headers))
                if not named:
                    continue
                keyed = {t for t in above if t not in named}  # "Réf. société | SU-01" above
                samples = {i: [r[i] for r in below if i < len(r)] for i, _ in headers}
                for table in tables:
                    if table not in named and table not in keyed:
                        continue  # no header names one of its columns in its own words: neither enough nor near
                    found = self._evaluate(table, headers, samples, coded=table in keyed or table in above, named=True)
                    if found.context_key and found.enough and table in above:
                        found.score += CONTEXT_PENALTY  # "Réf. société | SU-01" above, or "▶ Oncostra" over each list
                    if found.enough and (best is None or found.score > best.score):
                        best, best_index = found, index
                    by_name = found.missing and not truly_missing(table, found.missing, {m.column for m in found.matches})
                    if ((not found.enough or by_name) and found.specific >= NEAR_MISS_SPECIFIC  # (names: ids made)
                          and len(found.matches) >= NEAR_MISS_SHARE * len(headers)
                          and (near is None or found.specific > near.specific)):
                        near, near_index = found, index
        # the same table lower down, lacking more, is a data row of it ("Maturation | Engagé | Avis du comité")
        # under a header that lacks only an id ingestion makes
        lacking = [] if best is None else [c for c in best.missing if near is None or near.table != best.table
                                           or c != MADE_ID_COLUMNS.get(best.table)]
        # a whole table beats one lacking several columns; a table whose key only the file's name gives does not beat
        # one many headers name, nor one lacking but a date beside its names (inventors, a portfolio's "CEO e-mail")
        if near is not None and not sheet.hidden and (best is None or near.specific > best.specific and (
                lacking and len(near.missing) <= len(lacking) or len(near.missing) == 1 or best.context_key is not None and (
                    len(truly_missing(near.table, near.missing, {m.column for m in near.matches})) <= 1
                    or near.specific >= max(CLEAR_TABLE_SPECIFIC, OUTNUMBERED * best.specific)))):
            # indicator names that read as headers of a table ("Start-up créées | Événements de formation") on a
            # dashboard of targets: the targets, not a table lacking its columns
            wide = self.target_grids.find(sheet)[0] if "kpi_targets" in tables else None
            return wide or Recognition(near.table, near_index, near.matches, near.unknown, near.missing, 0.0)
        if best is None or truly_missing(best.table, best.missing, {m.column for m in best.matches}):  # a grid?
            wide, grid = self.target_grids.find(sheet) if "kpi_targets" in tables else (None, False)
            clear = best is not None and len(best.missing) == 1 and best.specific >= CLEAR_TABLE_SPECIFIC
            if wide is not None or best is None or grid and not clear:  # a grid of actual values ("Synthèse")
                return wide
        return self._recognition(sheet, best, best_index, tables)

    def recognise_at(self, sheet: RawSheet, index: int, table: str, known: bool = False) -> Recognition | None:
        """``table`` read from the header at row ``index`` of ``sheet``, or None when that row is not enough of it
        (``known``: the table is known from elsewhere, a card's rounds: any header that matches its columns will do)."""
        headers = header_cells(sheet.rows[index])
        below = sheet.rows[index + 1 : index + 1 + SAMPLE_ROWS]
        found = self._evaluate(table, headers, {i: [r[i] for r in below if i < len(r)] for i, _ in headers})
        return self._recognition(sheet, found, index, (table,)) if found.enough or (known and found.matches) else None

    def _recognition(self, sheet: RawSheet, best: _Evaluation, index: int, tables: tuple[str, ...]) -> Recognition:
        """The recognition of the best header found, its unit, layout and confidence settled."""
        if self._translated(sheet, best, index):  # "Réf. | Intitulé" above "Ref. | Project title"
            index += 1
        columns = title_units(sheet, best.table, index, best.matches, self.title_money_units)
        rec = Recognition(best.table, index, columns, best.unknown, best.missing, best.score,
                          context_key=best.context_key)
        rec = self.first_header_of_layout(sheet, rec)
        rec = self._named_by_groups(sheet, rec)
        rec.confidence = self.confidence(rec, sheet, given=frozenset({best.context_key} - {None}))
        if rec.confidence < LOW_CONFIDENCE and "kpi_targets" in tables and best.table != "kpi_targets":
            return self._form(sheet) or rec  # a funder's form read with low confidence as some other table
        if rec.confidence < LOW_CONFIDENCE and best.table == "kpi_targets" and (
                grid := self._form(sheet)) is not None and grid.header_index == rec.header_index:
            return grid  # "Valeur cible — année 2021 | … 2022": one column per year, not a long table's period
        return rec

    def _named_by_groups(self, sheet: RawSheet, rec: Recognition) -> Recognition:
        """``rec`` with the headers it left out under a group that names a person read as that person's ("Nom"
        under "Porteur": the PI's name; see :func:`.header_rows.groups_over`), and those the group and the header
        name together ("Date" under "Outcome": the result's date)."""
        if not rec.unknown or rec.header_index == 0:
            return rec
        header = sheet.rows[rec.header_index]
        groups = groups_over(sheet.rows[rec.header_index - 1], header)
        if groups is None:
            return rec
        columns, unknown = list(rec.columns), list(rec.unknown)
        for j, cell in enumerate(header):
            text = " ".join(cell.split()) if isinstance(cell, str) else None
            if text not in unknown or not groups[j] or any(m.index == j for m in columns):
                continue
            if set(self.words_of(text)) & self.person_words:
                found = [c for c, score in self.cell_candidates(rec.table, groups[j])
                         if score > 1000 and TABLES[rec.table].column(c).kind == "person"]
            else:  # "Date" under "Outcome" beside "Date" under "Submission": the group and the header together
                group = "date" if set(self.words_of(groups[j])) <= self.date_words else groups[j]  # "Dates" over
                found = _clear_winner(self.cell_candidates(rec.table, f"{group} {text}"))  # "Dépôt | Résultat"
            if len(found) == 1 and all(m.column != found[0] for m in columns):
                columns.append(ColumnMatch(j, f"{groups[j]} {text}", found[0]))
                unknown.remove(text)
        named = {m.column for m in columns}
        return rec if len(columns) == len(rec.columns) else replace(
            rec, columns=sorted(columns, key=lambda m: m.index), unknown=unknown,
            missing_required=[c for c in rec.missing_required if c not in named])

    def _translated(self, sheet: RawSheet, best: _Evaluation, index: int) -> bool:
        """Whether the row below the header is the same header in another language (a bilingual team's sheet): most
        of its cells name the column of the cell above them. The columns stay those of the upper row."""
        if index + 1 >= len(sheet.rows):
            return False
        headers = header_cells(sheet.rows[index + 1])
        if len(headers) < max(2, len(best.matches) // 2):
            return False
        above = {m.index: m.column for m in best.matches}
        same = sum(1 for i, text in headers if any(c == above.get(i) for c, _ in self.cell_candidates(best.table, text)))
        return same >= 0.75 * len(headers) and same >= 0.5 * len(best.matches)
    def first_header_of_layout(self, sheet: RawSheet, rec: Recognition) -> Recognition:
        """``rec`` read from the first header of its layout, the other headers of that layout listed as repeated
        headers: an e-mail pasted with its table, the quoted earlier message's table below ("N° | Réf. projet |
        Montant" over this year's lines, then "Réf. engagement | Projet | Montant HT" over last year's). The table
        the sheet is about comes first (a reply is written above what it quotes); its header may be too plain to be
        recognised alone, and reading from the later header only would leave its rows above it, unread and
        unlisted. The quoted rows are read too: lines repeated from the earlier message are exact duplicates of its
        own sheet, a line restated otherwise a conflict to settle, never a silent choice.

        An earlier row is the header when it fills the header's cells with text (all those read, maybe not a
        "Remarques" nothing is read from), none reading as a value of its column (no date under the date header),
        and the rows below it, down to the first row with fewer than two cells, fill the id columns (all but a last
        line, their total) and read as the table's columns (``FIRST_HEADER_FIT`` of their values). A later row is
        another header of the layout when it fills the same cells with text that is itself a header of the table,
        worded otherwise, naming the same required columns in the same places."""
        rows, index = sheet.rows, rec.header_index
        layout = _filled(rows[index])
        if len(layout) < 2 or not rec.mapped_indexes <= layout:  # a header made of two rows, or given a column
            return rec
        typed = [m for m in rec.columns if TABLES[rec.table].column(m.column).kind in ("date", "money", "int")]

        def texts(row: list) -> tuple[str, ...] | None:  # the row's texts when it could be a header of the layout
            if len(row) - row.count(None) < len(rec.mapped_indexes) or not rec.mapped_indexes <= (
                    filled := _filled(row)) <= layout or not all(isinstance(row[i], str) for i in filled) or any(
                    self.fit(rec.table, m.column, [row[m.index]]) > 0 for m in typed):
                return None  # (an earlier header may leave out a column nothing is read from: "Remarques")
            return tuple(" ".join(row[i].split()) for i in sorted(filled))

        first = next((above for above in range(index - 1)
                      if texts(rows[above]) is not None and self._rows_of_table(rows[above + 1 : index], rec)), None)
        own = texts(rows[index])
        repeated = [own] if first is not None and own is not None else []
        required = {(m.index, m.column) for m in rec.columns if m.column in TABLES[rec.table].required}
        for k, filled in enumerate(filled_counts(rows[index:-1]), index + 1):  # the filled cells of row k - 1
            if filled >= 2:
                continue  # another table's header comes after a gap (a quoted message's "De : …" lines, a blank)
            found = texts(rows[k])
            if found is None or found == own or found in repeated:
                continue
            row = rows[k]
            again = self._evaluate(rec.table, header_cells(row))  # a header: its required columns where the first's
            if again.enough and required <= {(m.index, m.column) for m in again.matches}:
                repeated.append(found)
        if first is None and not repeated:
            return rec
        return replace(rec, header_index=index if first is None else first,
                       repeated_headers=rec.repeated_headers + tuple(repeated))

    def _rows_of_table(self, rows: list[list], rec: Recognition) -> bool:
        """Whether ``rows``, down to the first with fewer than two cells, are rows of ``rec``'s table: every id
        column filled and most values reading as their columns."""
        block = []
        for row in rows:
            if not fills_two(row):
                break
            block.append(row)
        ids = [m for m in rec.columns if TABLES[rec.table].column(m.column).kind == "id"]
        lacking = [any(m.index >= len(r) or is_blank(r[m.index]) for m in ids) for r in block]
        if not block or any(lacking[:-1]) or lacking[0]:  # (the last line may be their total, without an id)
            return False
        fits = [self.fit(rec.table, m.column, [r[m.index] for r in block if m.index < len(r)]) for m in rec.columns]
        return bool(fits) and sum(fits) / len(fits) >= FIRST_HEADER_FIT

    def _form(self, sheet: RawSheet) -> Recognition | None:
        """The targets grid of a sheet read with low confidence as another table, else None: a funder's form
        whose rows say which are targets ("Nature de la valeur" = "Valeur cible"), or an annex whose indicator names
        ("Training and awareness events held") made a row of it look like another table's header."""
        return self.target_grids.find(sheet)[0]

    def confidence(self, rec: Recognition, sheet: RawSheet, given: frozenset[str] = frozenset()) -> float:
        """How sure the recognition of ``sheet`` as ``rec.table`` is, 0-1: half from its required columns found under
        a header written exactly as known (or ``given`` otherwise, as a wide sheet gives amounts and years), a fifth
        from the share of its headers understood, the rest from the values below each recognised header reading as
        that column (dates as dates, institutions as institutions...)."""
        required = TABLES[rec.table].required
        by_column = {m.column: m for m in rec.columns}
        exact = sum(1 for c in required if c in given or c in by_column
                    and any(col == c and score >= 1000 for col, score in self.cell_candidates(rec.table,
                                                                                        by_column[c].header)))
        headers = len(rec.columns) + len(rec.unknown)
        below = sheet.rows[rec.header_index + 1 : rec.header_index + 1 + SAMPLE_ROWS]
        fits = [self.fit(rec.table, m.column, [r[m.index] for r in below if m.index < len(r)]) for m in rec.columns]
        return round(0.5 * exact / len(required) + 0.2 * len(rec.columns) / max(headers, 1)
                     + 0.3 * (sum(fits) / len(fits) if fits else 0.0), 2)
