"""Which of two headers naming the same column holds it, told by their values or by the sheet's other headers: a
title read from a column with one value on every row (Jira's "Project name") gives way to one whose rows differ
("Summary"); an amount with no unit beside a currency column gives way to the amount converted to euros; a date read
from a column of bare years ("Year Founded") gives way to one of days ("Incorporation Date")."""

from __future__ import annotations

import re
from dataclasses import replace

from ..schemas import TABLES
from ..textnorm import fold, without_field_code
from .header_units import column_multiplier, header_unit
from .reading import is_blank
from .recognised import ColumnMatch


def is_year(value) -> bool:
    """Whether a cell is a bare year (2021, 2021.0, "2021")."""
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    return text.isdigit() and len(text) == 4 and 1950 <= int(text) <= 2100


_DEFAULT_HEADER = re.compile(r"(?:column|colonne|col|field|champ|unnamed)\s*\d{1,3}")  # folded: "Unnamed: 3"
_UNIT_VALUE = re.compile(r"(?:u|umr|ur|upr|ea|erl|umr s|inserm u)\s*-?\s*\d{3,4}", re.IGNORECASE)  # "UMR7258"
_FILE_NAME = re.compile(r".+\.(?:xlsx|xlsm|xls|ods|csv|txt|json)", re.IGNORECASE)
DISTINCT_CODES = 0.9  # of a column of codes' cells that must differ for it to be the records' ids
_SHORT_NAME = re.compile(r"[A-Z][A-Z0-9]{2,15}(?:-[A-Z0-9]{1,8})?")  # an acronym: "MELASCAN", "ONCO-2"
_CODE = re.compile(r"[A-Za-z]{0,12}[-_./]?\d[\w./-]*")  # a record's code ("VAL-2018-001", "P21-04"), no words


def _texts(values) -> list[str]:
    """The filled cells of a sample, as written."""
    return [" ".join(str(v).split()) for v in values if not is_blank(v)]


def varied_titles(recogniser, table: str, headers, samples, matches: list, unknown: list[str]) -> None:
    """A title (or an acronym) read from a column with one value on every row (Jira's "Project name", the tool's
    project), or with file names (Power Query's "Source.Name"), is read instead from another header of it whose rows
    differ ("Summary", "Custom field (Acronym)"), in place: each thing has its own. A
    title read from a column of codes ("Table1.Project": VAL-2018-001, VAL-2018-002) when the table lacks its id is
    the id (:func:`_codes_for_title`)."""
    if not samples:
        return
    for k, m in enumerate(matches):
        said = _texts(samples.get(m.index, ()))
        if m.column not in ("title", "name", "acronym") or len(set(said)) != 1 and not all(map(_FILE_NAME.fullmatch, said)):
            continue  # (Power Query's "Source.Name": the file each row was read from)
        left = set(unknown)
        for index, text in headers:
            values = _texts(samples.get(index, ()))
            if (text in left and len(set(values)) > 1 and len(values) >= 0.5 * len(samples.get(index, ()))
                    and any(c == m.column for c, _ in recogniser.cell_candidates(table, text))):
                matches[k] = replace(m, index=index, header=text)
                unknown.remove(text)
                unknown.append(m.header)
                break
    _codes_for_title(recogniser, table, headers, samples, matches, unknown)


def _codes_for_title(recogniser, table: str, headers, samples, matches: list, unknown: list[str]) -> None:
    """The table's missing id read from the column taken for its title when that column holds distinct codes
    ("VAL-2018-001"), the title then read from another header naming it whose cells are words, in place."""
    key = TABLES[table].key
    if len(key) != 1 or TABLES[table].column(key[0]).kind != "id" or any(m.column == key[0] for m in matches):
        return
    for k, m in enumerate(matches):
        values = _texts(samples.get(m.index, ()))
        if m.column != "title" or not values or len(set(values)) < DISTINCT_CODES * len(values) or not all(
                map(_CODE.fullmatch, values)):  # (an id written twice is a duplicate or a conflict, not a label)
            continue
        matches[k] = replace(m, column=key[0])
        left = set(unknown)
        for index, text in headers:
            worded = _texts(samples.get(index, ()))
            if text in left and worded and sum(" " in v for v in worded) >= 0.5 * len(worded) and any(
                    c == "title" for c, _ in recogniser.cell_candidates(table, text)):
                matches.append(ColumnMatch(index, text, "title"))
                unknown.remove(text)
                break
        return


def defaulted_columns(recogniser, table: str, headers, samples, matches: list, unknown: list[str]) -> None:
    """A column a tool left under its default name ("Column1" of Power Query, "Unnamed: 3" of pandas) read as the
    one column of the table not read yet that all its values fit (a unit's code, an institution, a date), in place;
    none when two columns fit alike."""
    if not samples:
        return
    read = {m.column for m in matches}
    for index, text in headers:
        values = _texts(samples.get(index, ()))
        if text not in unknown or not values or not _DEFAULT_HEADER.fullmatch(fold(text)):
            continue
        fits = [c.name for c in TABLES[table].raw_columns if c.name not in read and (
            all(map(_UNIT_VALUE.fullmatch, values)) if c.kind == "research_unit" else
            c.kind in ("institution", "date", "money", "code") and recogniser.fit(table, c.name, values) == 1.0)]
        if len(fits) == 1:
            matches.append(ColumnMatch(index, text, fits[0]))
            unknown.remove(text)
            read.add(fits[0])


def short_names(recogniser, table: str, headers, samples, matches: list, unknown: list[str]) -> None:
    """A bare "Nom" / "Name" left unread beside a title and a person read from other headers, whose values are each
    a distinct short name in capitals (an ERP's project "Nom": MELASCAN, beside "Intitulé complet"), read as the
    acronym, in place. Not when a header names a first name: "Nom | Prénom" are a person's."""
    read = {m.column for m in matches}
    if (not samples or "acronym" not in TABLES[table].raw_column_names or "acronym" in read or "title" not in read
            or not any(TABLES[table].column(c).kind == "person" for c in read)
            or any(set(recogniser.words_of(t)) & recogniser.first_name_words for _, t in headers)):
        return
    for index, text in headers:
        values = _texts(samples.get(index, ()))
        if (text in unknown and fold(text) in ("nom", "name") and len(values) >= 2 and len(set(values)) == len(values)
                and all(_SHORT_NAME.fullmatch(v) for v in values)):
            matches.append(ColumnMatch(index, text, "acronym"))
            unknown.remove(text)
            return


def finer_codes(recogniser, table: str, headers, samples, matches: list, unknown: list[str]) -> None:
    """A column read from a header whose values another header of the same column writes in full on each row
    ("Call": HORIZON-HLTH-2022-DISEASE-04 beside "Topic": HORIZON-HLTH-2022-DISEASE-04-02) is read from the finer
    one, in place: the topic names the call and which of its parts. A header saying it is the identifier ("Call
    identifier") keeps the column."""
    if not samples:
        return
    for k, m in enumerate(matches):
        if TABLES[table].column(m.column).kind not in ("id", "text") or m.column in TABLES[table].key or set(
                recogniser.words_of(m.header)) & recogniser.id_words:
            continue
        coarse = samples.get(m.index, ())
        for index, text in headers:
            if text not in unknown or not any(c == m.column for c, _ in recogniser.cell_candidates(table, text)):
                continue
            pairs = [(str(a).strip(), str(b).strip()) for a, b in zip(coarse, samples.get(index, ()), strict=False)
                     if not is_blank(a) and not is_blank(b)]
            if pairs and sum(b.startswith(a) and len(b) > len(a) for a, b in pairs) >= 0.5 * len(pairs) and all(
                    b.startswith(a) and not any(ch.isspace() for ch in b[len(a):]) for a, b in pairs):
                # (a code's finer part, "-02"; not a title after its acronym, "VAXFLASH: mélanome research project")
                matches[k] = replace(m, index=index, header=text)
                unknown.remove(text)
                unknown.append(m.header)
                break


def euro_amounts(recogniser, table: str, headers, matches: list, unknown: list[str]) -> None:
    """An amount read from a header naming no unit beside a currency column ("AMOUNT | CURRENCY", a deal
    database's amounts in each round's currency) is read instead from the header that converts it to euros
    ("AMOUNT (EUR M)"), in place."""
    if not any(set(recogniser.words_of(text)) & recogniser.currency_words for _, text in headers):
        return
    for k, m in enumerate(matches):
        if TABLES[table].column(m.column).kind != "money" or header_unit(m.header)[1] is not None:
            continue
        left = set(unknown)
        for index, text in headers:
            if (text in left and header_unit(text)[1] is not None
                    and any(c == m.column for c, _ in recogniser.cell_candidates(table, text))):
                matches[k] = replace(m, index=index, header=text,
                                     multiplier=column_multiplier(TABLES[table].column(m.column), text))
                unknown.remove(text)
                unknown.append(m.header)
                break


def _bare_years(values) -> bool:
    filled = [v for v in values if not is_blank(v)]
    return bool(filled) and all(is_year(v) for v in filled)


def day_dates(recogniser, table: str, headers, samples, matches: list, unknown: list[str]) -> None:
    """A date read from a column holding bare years ("Year Founded") is read instead from another header naming the
    same column whose cells are days ("Incorporation Date"), in place: the table wants the finer date (a row with
    only the year still gets it, see alternative_columns.coarser_dates)."""
    if not samples:
        return
    for k, m in enumerate(matches):
        if TABLES[table].column(m.column).kind != "date" or not _bare_years(samples.get(m.index, ())):
            continue
        left = set(unknown)
        for index, text in headers:
            values = [v for v in samples.get(index, ()) if not is_blank(v)]
            if (text in left and values and not any(is_year(v) for v in values)
                    and any(ch.isdigit() for v in values for ch in str(v))
                    and any(c == m.column for c, _ in recogniser.cell_candidates(table, text))):
                matches[k] = replace(m, index=index, header=text)
                unknown.remove(text)
                unknown.append(m.header)
                break


def call_applications(recogniser, table: str, headers, matches: list, unknown: list[str]) -> None:
    """A call for projects' register: a bare "Date de dépôt" beside a patent's filing column ("Brevet (prio.)",
    "Dépôt prioritaire") is the day the application was filed, the project's detection (when no header names the
    detection; else no column of the project), in place. Bare headers: ``application_date_headers`` of
    ``vocab/words.yaml``, also with a platform's field code ("Date de dépôt [date_depot]")."""
    if table != "projects":
        return
    detected = any(m.column == "detection_date" for m in matches)
    bare = recogniser.application_date_headers
    filing = [k for k, m in enumerate(matches) if m.column == "priority_filing_date"]
    texts = dict(headers)
    others = [(i, t) for i, t in headers if t in unknown and _bare(t) not in bare
              and any(c == "priority_filing_date" for c, _ in recogniser.cell_candidates(table, t))]
    generic = [(i, t) for i, t in headers if _bare(t) in bare]
    if len(filing) != 1 or len(generic) != 1:
        return
    k, (index, text) = filing[0], generic[0]
    if matches[k].index == index and len(others) == 1:  # the bare header took the filing: the other one is it
        matches[k] = replace(matches[k], index=others[0][0], header=others[0][1])
        unknown.remove(others[0][1])
        if detected:
            unknown.append(text)
            return
    elif detected or matches[k].index == index or _bare(texts[matches[k].index]) in bare or text not in unknown:
        return
    else:
        unknown.remove(text)
    matches.append(replace(matches[k], index=index, header=text, column="detection_date", multiplier=None))


def bare_date(table: str, headers, matches: list, unknown: list[str]) -> None:
    """A register of projects whose one date column is headed "Date" alone (a Smartsheet outline: the day each
    project entered it, its milestones' dates on their own rows) gives the detection date, in place."""
    if table != "projects" or any(m.column == "detection_date" for m in matches):
        return
    bare = [(i, t) for i, t in headers if t in unknown and fold(t) == "date"]
    if len(bare) == 1:
        matches.append(ColumnMatch(bare[0][0], bare[0][1], "detection_date"))
        unknown.remove(bare[0][1])


def _bare(header: str) -> str:
    return fold(without_field_code(header))


CODED_TEXT_SHARE = 0.8  # of a text column's filled cells that must name a code for it to be the missing column
MIN_CODED_TEXTS = 3


def codes_in_texts(recogniser, table: str, headers, samples, matches: list, unknown: list[str]) -> None:
    """The required columns no header names, code columns, each read from the unread text column whose cells name its
    codes best (a ledger's "Intitulé compte": "Subventions maturation", "Aides à l'émergence"; its "Tiers": "GIP
    CANCEROPOLE PACA" beside its "Ligne budgétaire": "MATURATION"), in place. Only when every column the table lacks
    is such a column, each read from a column whose cells name no other one's codes: values that name codes of
    several columns tell no table apart."""
    _codes_not_references(recogniser, table, samples, matches)
    read = {m.column for m in matches}
    missing = [c for c in TABLES[table].required if c not in read]
    if not samples or not missing or any(TABLES[table].column(c).kind != "code" for c in missing):
        return
    taken, best = {m.index for m in matches}, {}
    for index, text in headers:
        values = [v for v in samples.get(index, ()) if isinstance(v, str) and v.strip()]
        if index in taken or text not in unknown or len(values) < MIN_CODED_TEXTS:
            continue
        shares = {c: share for c in missing if (share := recogniser.fit(table, c, values)) >= CODED_TEXT_SHARE}
        if len(shares) == 1 and (column := next(iter(shares))) and shares[column] > best.get(column, (0,))[0]:
            best[column] = (shares[column], index, text)
    if len(best) == len(missing):
        for _, index, text in best.values():
            matches.append(ColumnMatch(index, text, next(c for c, b in best.items() if b[1] == index)))
            unknown.remove(text)


def _codes_not_references(recogniser, table: str, samples, matches: list) -> None:
    """A column read as a reference to another table whose cells are codes of a required column the sheet lacks,
    none of them a reference, is that column, in place: a ledger's "Code analytique" holding "MAT - Maturation" names
    the instrument, not the project (the project is then read from the entry's wording)."""
    if not samples:
        return
    read = {m.column for m in matches}
    for k, m in enumerate(matches):
        spec = TABLES[table].column(m.column)
        values = [v for v in samples.get(m.index, ()) if isinstance(v, str) and v.strip()]
        if spec.kind != "id" or m.column in TABLES[table].key or len(values) < MIN_CODED_TEXTS or any(
                any(ch.isdigit() for ch in v) for v in values):
            continue  # (a reference carries a number: "PRJ-20-04", "[CPP-VAL-18-02] MELOR")
        for column in TABLES[table].required:
            if (column not in read and TABLES[table].column(column).kind == "code"
                    and recogniser.fit(table, column, values) >= CODED_TEXT_SHARE):
                matches[k] = replace(m, column=column)
                read = (read - {m.column}) | {column}
                break


# A code column a table lacks that another of its columns names in each cell: an EU call's identifier names its
# programme ("ERC-2022-COG": ERC, "HORIZON-MISS-2021-CANCER-02-01": the Cancer Mission)
CODED_BY = {("eu_proposals", "programme"): "call_id"}


def codes_in_calls(recogniser, table: str, samples, matches: list) -> None:
    """The missing code column of :data:`CODED_BY` read from the column that names it in every filled cell (the
    call identifiers of a sheet of ERC proposals with no programme column), in place; also when the code column
    read names only the framework ("Framework Programme": "HORIZON", beside "HORIZON-MISS-2021-CANCER-01-05")."""
    read = {m.column: m for m in matches}
    for (coded, column), by in CODED_BY.items():
        source = read.get(by)
        framework = column in read and not recogniser.words.framework_header_words.isdisjoint(
            recogniser.words_of(read[column].header))
        if coded != table or (column in read and not framework) or source is None or not samples:
            continue
        values = [v for v in samples.get(source.index, ()) if isinstance(v, str) and v.strip()]
        if values and recogniser.fit(table, column, values) == 1.0:
            if framework:
                matches.remove(read[column])
            matches.append(ColumnMatch(source.index, source.header, column))


def codes_in_labels(recogniser, table: str, headers, samples, matches: list, unknown: list[str]) -> None:
    """The code columns no header names read from a column of labels that names one of their codes in every filled
    cell (a board's "Labels": "Thérapeutique (green), Suivi CPP (blue)" gives the technology beside the support), or
    in most of them for an optional column, in place. The match is marked ``labels``: a card with no "Appui …" label
    has no support, where an unknown word in a column of its own is an unreadable cell."""
    labels = [(i, text) for i, text in headers if set(recogniser.words_of(text)) & recogniser.tag_words]
    if len(labels) != 1 or not samples:
        return
    (index, text), read = labels[0], {m.column for m in matches}
    values = [v for v in samples.get(index, ()) if isinstance(v, str) and v.strip()]
    for column in TABLES[table].raw_column_names:
        spec = TABLES[table].column(column)
        if (column not in read and spec.kind == "code" and values
                and recogniser.fit(table, column, values) >= (1.0 if spec.required else CODED_TEXT_SHARE)):
            matches.append(ColumnMatch(index, text, column, labels=True))
            if text in unknown:
                unknown.remove(text)
        elif column not in read and spec.kind == "bool" and (said := _yes_label(recogniser, table, column, values)):
            matches.append(ColumnMatch(index, text, column, labels=True, label_words=said))  # "Lauréat i-Lab 2022"
            if text in unknown:
                unknown.remove(text)


MIN_YES_LABELS = 2  # cards whose labels name a yes/no column for the labels to give it
_COLOUR = re.compile(r"\s*\([^()]*\)\s*$")  # a board's label colour: "Lauréat i-Lab 2022 (yellow)"


def label_items(cell) -> list[set[str]]:
    """The folded words of each label of a board's cell, without its colour and its numbers."""
    if not isinstance(cell, str):
        return []
    return [{w for w in fold(_COLOUR.sub("", item)).split() if not w.isdigit()} for item in cell.split(",")]


def _yes_label(recogniser, table: str, column: str, values: list) -> frozenset[str]:
    """The words of the label that names a yes/no column on the cards that have it (empty when fewer than
    :data:`MIN_YES_LABELS` do, or when they name it in other words)."""
    naming = [words for v in values for words in label_items(v)
              if words and recogniser.names_column(table, column, " ".join(sorted(words)))]
    said = {frozenset(words) for words in naming}
    return next(iter(said)) if len(naming) >= MIN_YES_LABELS and len(said) == 1 else frozenset()


def amounts_by_unit(table: str, matches: list) -> None:
    """A table's missing amount read from a header its synonyms took for an id but that writes a money unit
    ("Engagement k€": the amount committed, not the commitment's number), in place."""
    money = [c for c in TABLES[table].required if TABLES[table].column(c).kind == "money"]
    if len(money) != 1 or any(m.column == money[0] for m in matches):
        return
    for k, m in enumerate(matches):
        if TABLES[table].column(m.column).kind == "id" and header_unit(m.header)[1] is not None:
            column = TABLES[table].column(money[0])
            matches[k] = replace(m, column=money[0], multiplier=column_multiplier(column, m.header))
            return
