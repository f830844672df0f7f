"""Wide sheets turned into rows: one column per year ("2021 | 2022 | Montant 2023 (€)"), per funder
("Région Sud | Bpifrance | CPP"), per funder and instrument ("Inserm Transfert – Maturation") or per funder and
year ("Inserm Transfert 2018 (k€)") holding amounts, as partners keep funding plans.

Each non-empty amount cell becomes one row of the tidy table: the amount from the cell (the header's unit applied),
the year (a date known to the year) or the funder from the header, the other columns from the row. Rows that such
a sheet has no id for get one made of where they come from (``<file>:<sheet>:<row>:<header>``), stable from run to
run.
An amount that cannot be read ("to be confirmed") quarantines its line, as in a list; the row's other amounts are kept.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from ..display import sheet_label
from ..errors import ParseError
from ..schemas import TABLES
from ..textnorm import fold
from .alternative_columns import with_alternative_columns
from .context_codes import context_values
from .continuations import not_granted_rows
from .header_rows import group_at, two_row_header
from .header_units import stated_unit
from .listed_milestones import date_in
from .merged_cells import fill_merged_down
from .normalising import Context, Dropped, SheetResult, normalise_long
from .project_headings import carried_from_headings
from .reading import RawSheet, is_blank
from .recognition import (
    HEADER_SCAN_ROWS,
    SAMPLE_ROWS,
    ColumnMatch,
    Recogniser,
    Recognition,
    header_cells,
    header_unit,
)
from .row_screen import row_kind
from .suggest import guess_columns, mapping_entry
from .tie_breaks import reads_as_id

# Tables that partners keep wide: (table, money column, date column, id column or None, funder column or None).
WIDE_TABLES = (
    ("funding", "amount_eur", "decision_date", "funding_id", "funder"),
    ("startup_rounds", "amount_eur", "round_date", None, None),
)
MIN_WIDE_COLUMNS = 2
AMOUNTS_SHARE = 0.5  # of the cells under funder columns that must read as amounts (notes such as "n.c." aside)


def is_wide_table(table: str) -> bool:
    """Whether partners may keep ``table`` wide (one column per year or funder)."""
    return any(w[0] == table for w in WIDE_TABLES)

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d|2100)(?!\d)")
_DIGIT = re.compile(r"\d")
_MONTH_OF_YEAR = re.compile(r"\d{1,2}/(19[5-9]\d|20\d\d|2100)")  # "03/2021": a month, not its year
_FLAGS = frozenset({"-1", "0", "1", "-1.0", "0.0", "1.0", "True", "False"})  # yes/no, as numbers


@dataclass
class Wide:
    """A wide sheet: which table, its header row, the columns read as such and the columns to unpivot."""

    table: str
    header_index: int
    columns: list[ColumnMatch]  # the ordinary columns (project, funder, instrument...)
    spread: dict[int, tuple[str, str, float]]  # column index -> (header, year or funder code, unit multiplier)
    key: str  # "year" or "funder"
    unknown: list[str]
    header: list | None = None  # the header as read, when written on two rows (years under "Montants (k€)")
    # columns the sheet's title gives every row ("Comité du 12 mars 2021 — appel Maturation"): column -> value
    constants: dict = field(default_factory=dict)
    # an amount column whose funder a column of the row names ("Part cofinanceur (€)" beside "Cofinanceur"): its
    # index -> that column's index
    row_funders: dict[int, int] = field(default_factory=dict)
    # year columns under a group naming their funder ("Région Sud" merged over "2018 | … | 2023"): index -> funder
    column_funders: dict[int, str] = field(default_factory=dict)
    # funder columns whose header names the instrument too ("Inserm Transfert – Maturation"): index -> instrument
    column_instruments: dict[int, str] = field(default_factory=dict)
    line_id: int | None = None  # the column of the lines' own ids ("N° ligne"), beside the project's


def year_header(cell, recogniser: Recogniser) -> str | None:
    """``2021``, ``"2022"``, ``"Montant 2023 (€)"``, ``"2021 (k€)"`` -> the year; a half-year or a quarter
    (``"2021-S1"``, ``"T3 2022 (k€)"``) -> that period, as the date parser reads it ("S1 2021", "T3 2022"); None for any
    other header."""
    if isinstance(cell, (bool, dt.date)) or cell is None:  # a date cell is a record's value, never a year header
        return None
    if isinstance(cell, (int, float)):
        return str(int(cell)) if float(cell).is_integer() and 1950 <= cell <= 2100 else None
    text, _ = header_unit(str(cell))
    years = _YEAR.findall(text)
    if len(years) != 1:
        return None
    if _MONTH_OF_YEAR.fullmatch(text.strip()):
        return _period(text.strip(), years[0], recogniser)
    rest = [w for w in recogniser.header_tokens(_YEAR.sub(" ", text)) if not w.isdigit()]
    if set(rest) <= recogniser.amount_words:
        return years[0]
    period = [w for w in recogniser.header_tokens(text) if w not in recogniser.amount_words]
    return _period(" ".join(period), years[0], recogniser)


def _period(text: str, year: str, recogniser: Recogniser) -> str | None:
    """``text`` ("2021 s1") as the half-year or quarter of ``year`` it names ("S1 2021"), else None."""
    try:
        day, precision = recogniser.parsers.parse_date_precise(text)
    except ParseError:
        return None
    if day is None or str(day.year) != year or precision not in ("semester", "quarter", "month"):
        return None
    if precision == "month":  # "janv. 2018": a budget's column per month of decision
        return f"{day.month:02d}/{year}"
    return f"S{1 + (day.month > 6)} {year}" if precision == "semester" else f"T{1 + (day.month - 1) // 3} {year}"


def find_wide(sheet: RawSheet, recogniser: Recogniser, ctx: Context, table: str | None = None) -> Wide | None:
    """The wide layout of ``sheet`` if it has one (at least two year or funder columns beside enough of a
    table's other required columns), else None. ``table``: the table recognition saw in the sheet, if any (only
    that one is tried)."""
    if table is not None and table not in (w[0] for w in WIDE_TABLES):
        return None
    for index, written in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        found = None
        if index < len(sheet.rows) - 1 and (row := _months_under_years(written, sheet.rows[index + 1])) is not None:
            found = _wide_at(sheet, index + 1, row, recogniser, ctx, table, upper=written)  # (not its years alone)
        if found is None and 0 < index < len(sheet.rows) - 1 and (row := _year_band_header(
                sheet.rows[index - 1], written, sheet.rows[index + 1])) is not None:  # years over funders: the header
            found = _wide_at(sheet, index + 1, row, recogniser, ctx, table, upper=sheet.rows[index - 1])  # ends below
        if found is None:
            found = _wide_at(sheet, index, written, recogniser, ctx, table)
        if found is None and index > 0 and (row := two_row_header(sheet.rows[index - 1], written)) is not None:
            found = _wide_at(sheet, index, row, recogniser, ctx, table, upper=sheet.rows[index - 1])
        if found is not None:
            return found
    return None


def _year_band_header(top: list, band: list, lower: list) -> list | None:
    """A header written on three rows, a band of years between the line's headers and a funder under each year
    ("Réf. projet | … | Année" over "2018 | | 2019 | …" over "Inserm Transfert | CanceroPôle PACA | …", each year
    merged over its funders' columns): the headers read as one row, each amount column's "<funder> <year>" (read as
    such by :func:`_funder_year_headers`); None when the middle row is no band of years over funders."""
    width = max(len(top), len(band), len(lower))
    top, band, lower = ([*r, *[None] * (width - len(r))] for r in (top, band, lower))
    out, year, spread = [], None, 0
    for j in range(width):
        if not is_blank(band[j]):
            text = str(int(band[j])) if isinstance(band[j], float) and band[j].is_integer() else str(band[j]).strip()
            year = text if _YEAR.fullmatch(text) else None
            if year is None:
                return None  # a band holds years only
        if year is not None and isinstance(lower[j], str) and lower[j].strip():
            out.append(f"{' '.join(lower[j].split())} {year}")
            spread += 1
        else:
            out.append(top[j] if is_blank(lower[j]) else lower[j])
    return out if spread >= MIN_WIDE_COLUMNS else None


def _months_as_text(row: list) -> list:
    """A header whose month columns are written as dates (the 1st of each month, shown "janv.-18") beside the
    line's headers, each month as its month and year ("01/2018"); the row as it is otherwise."""
    months = [j for j, c in enumerate(row) if isinstance(c, dt.date) and c.day == 1]
    if len(months) < 2 * MIN_WIDE_COLUMNS or not any(isinstance(c, str) and c.strip() for c in row) or len(
            {(row[j].year, row[j].month) for j in months}) < len(months):
        return row
    return [f"{c.month:02d}/{c.year}" if j in months else c for j, c in enumerate(row)]


def _months_under_years(upper: list, lower: list) -> list | None:
    """A header written on two rows whose upper one holds the line's headers and a band of years, each over its
    months ("Réf. projet | Projet | Dispositif | 2018 … | 2019 …" over "janv. | févr. | … | déc. | Total" under each
    year): the headers read as one row, each month's "janv. 2018" (its year's "Total 2018" is no month); None when the
    upper row holds no band of years over texts."""
    width = max(len(upper), len(lower))
    upper, lower = ([*r, *[None] * (width - len(r))] for r in (upper, lower))
    out, year, under = [], None, 0
    for up, lo in zip(upper, lower, strict=True):
        if not is_blank(up):
            text = str(int(up)) if isinstance(up, float) and up.is_integer() else str(up).strip()
            year = text if _YEAR.fullmatch(text) else None
        if year is not None and isinstance(lo, str) and lo.strip():
            out.append(f"{' '.join(lo.split())} {year}")
            under += 1
        else:
            out.append(up if is_blank(lo) else lo)
    return out if under >= 2 * MIN_WIDE_COLUMNS and any(isinstance(c, str) and not _YEAR.search(c) for c in upper
                                                         if not is_blank(c)) else None


def _wide_at(sheet: RawSheet, index: int, row: list, recogniser: Recogniser, ctx: Context, table: str | None,
             upper: list | None = None) -> Wide | None:
    """The wide layout whose header is ``row`` (at ``index``; ``upper``: the row above, when the header is written
    on two rows: "Montants levés (k€)" merged over the years gives their unit), or None."""
    row = _months_as_text(row)
    if not _looks_like_a_header(row, ctx, recogniser):
        return None
    groups = upper if upper is not None else _groups_above(sheet, index, row)
    years = {i: y for i, cell in enumerate(row) if (y := year_header(cell, recogniser))  # not under "VERSÉ" or
             and not _undecided(group_at(groups, i), ctx.words) and not _undecided(str(cell), ctx.words)}  # "Prévu"
    finer = {y[-4:] for y in years.values() if len(y) > 4}  # a year's months or quarters beside it: its column
    years = {i: y for i, y in years.items() if y not in finer}  # ("Total 2018") is their sum, no funding line
    inline_funders: dict[int, str] = {}
    if len(years) < MIN_WIDE_COLUMNS and len(dated := _funder_year_headers(row, ctx)) >= MIN_WIDE_COLUMNS:
        years = {i: y for i, (y, _) in dated.items() if not _undecided(group_at(groups, i), ctx.words)}
        inline_funders = {i: f for i, (_, f) in dated.items() if i in years}  # "Inserm Transfert 2018 (k€)"
    funders = {} if len(years) >= MIN_WIDE_COLUMNS else _funder_headers(row, ctx, recogniser)
    instruments: dict[int, str] = {}
    pairs = {} if len(years) >= MIN_WIDE_COLUMNS else _funder_instrument_headers(row, ctx)
    if len(pairs) >= max(MIN_WIDE_COLUMNS, len(funders)):  # "Inserm Transfert – Maturation | INCa – Subvention"
        funders, instruments = {i: f for i, (f, _) in pairs.items()}, {i: m for i, (_, m) in pairs.items()}
    if len(years) < MIN_WIDE_COLUMNS and not funders:  # one funder is enough beside a co-funder's share (below)
        return None
    spread_of, key = (years, "year") if len(years) >= MIN_WIDE_COLUMNS else (funders, "funder")
    headers = [(i, text) for i, text in header_cells(row) if i not in spread_of]
    below = sheet.rows[index + 1 : index + 1 + SAMPLE_ROWS]
    if key == "funder" and not _holds_amounts(below, spread_of, recogniser):
        return None  # "Canal | AAP CPP | Détection IT" on a project's card: funders named, no amounts under them
    samples = {i: [r[i] for r in below if i < len(r)] for i, _ in headers}
    for name, money, date, id_column, funder in WIDE_TABLES:
        if (key == "funder" and funder is None) or table not in (None, name):
            continue
        matches, unknown = recogniser.match_headers(name, headers, samples)
        line_id = next((m for m in matches if m.column == id_column), None)
        matches = [m for m in matches if m.column not in (money, id_column)]
        if line_id is not None and (len(matches) >= 2 or (key == "year" and _names_a_project(
                name, line_id.header, recogniser))) and "project_id" in TABLES[name].raw_column_names and all(
                m.column != "project_id" for m in matches):  # "N° dossier | Financeur | Dispositif" over years, or
            # "N° dossier" alone (a word of a project's) under a title naming the funder and the call:
            matches.append(replace(line_id, column="project_id"))  # one reference over several lines: the project's
            line_id = None
        row_funders = {}
        if key == "funder":  # a row's funder column names the funder of the amounts its header word heads
            named = next((m for m in matches if m.column == funder), None)
            matches = [m for m in matches if m.column != funder and not (instruments and m.column == "instrument")]
            row_funders = {} if named is None else _row_funder_columns(headers, named, spread_of, recogniser)
            if len(spread_of) + len(row_funders) < MIN_WIDE_COLUMNS:
                continue
        column_funders = inline_funders or (_group_funders(groups, spread_of, ctx) if key == "year" and funder and all(
            m.column != funder for m in matches) else {})
        spread_gives = {money, id_column} | ({date} if key == "year" else {funder}) | (
            {funder} if column_funders else set()) | ({"instrument"} if instruments else set())
        given = {m.column for m in matches} | spread_gives
        missing = [c for c in TABLES[name].required if c not in given]
        given_by_title = context_values(sheet, index, name, missing, ctx) if missing else None
        constants = {column: value for column, (value, _) in (given_by_title or {}).items()}
        if constants and matches:  # given by the title (beside a column of the table's own): no longer missing
            missing = []
        # beside the spread columns, at least two columns of the table, or all it needs when the headers say the
        # cells are amounts ("Start-up | Montants levés (k€)" over "2021 | 2022"; not a start-up's headcounts)
        read = len(matches) + len(constants)
        if missing or read < min(2, sum(1 for c in TABLES[name].required if c not in spread_gives)) or (
                read < 2 and not _says_amounts(row, upper, spread_of, recogniser)):
            continue
        titled = stated_unit(sheet.rows[:index if upper is None else index - 1])
        spread = {i: (str(row[i]), value, header_unit(str(row[i]))[1] or _unit_above(groups, i) or titled or 1.0)
                  for i, value in {**spread_of, **dict.fromkeys(row_funders)}.items()}
        read_headers = {" ".join(str(row[i]).split()) for i in row_funders}
        unknown = [u for u in unknown if " ".join(u.split()) not in read_headers]
        return Wide(name, index, matches, spread, key, unknown, header=None if upper is None else row,
                    constants=constants, row_funders=row_funders, column_funders=column_funders,
                    column_instruments=instruments, line_id=None if line_id is None else line_id.index)
    return None


def _names_a_project(table: str, header: str, recogniser: Recogniser) -> bool:
    """Whether ``header`` also reads as the project's reference ("N° dossier"; not a company's "Code")."""
    return any(column == "project_id" for column, _ in recogniser.cell_candidates(table, header))


def _holds_amounts(below: list[list], columns: dict, recogniser: Recogniser) -> bool:
    """Whether the cells under ``columns`` read as amounts (most of them; empty cells and dashes aside: some must be
    written, "☑ | ☐" under "CPP | IT" are ticks)."""
    cells = [r[i] for r in below for i in columns if i < len(r) and not is_blank(r[i])
             and (not isinstance(r[i], str) or any(ch.isalnum() for ch in r[i]))]
    if all(str(c).strip() in _FLAGS for c in cells):  # "Suivi_CPP | Suivi_IT" over -1 and 0: an Access export's
        return False                                     # yes/no boxes, no amounts
    return bool(cells) and recogniser.fit("funding", "amount_eur", cells) >= AMOUNTS_SHARE


def _group_funders(groups: list | None, years: dict[int, str], ctx: Context) -> dict[int, str]:
    """The funder each year column's group names ("Région Sud" merged over "2018 | … | 2023", "Bpifrance" over the
    next years), when every year column has one: index -> funder code; else nothing."""
    found = {i: code for i in years if (group := group_at(groups, i)) is not None
             and (code := _funder_of(header_unit(group)[0], ctx))}
    return found if found and len(found) == len(years) else {}


def _row_funder_columns(headers: list[tuple[int, str]], named: ColumnMatch, spread: dict, recogniser: Recogniser
                        ) -> dict[int, int]:
    """Amount columns whose header shares a word with the row's funder column ("Part cofinanceur (€)" beside
    "Cofinanceur"): index -> the funder column's index."""
    words = set(recogniser.header_tokens(named.header)) - recogniser.amount_words
    out = {}
    for i, text in headers:
        if i in spread or i == named.index or not header_unit(text)[1] and not (
                set(recogniser.header_tokens(text)) & recogniser.amount_words):
            continue
        if words & set(recogniser.header_tokens(text)):
            out[i] = named.index
    return out


def _says_amounts(row: list, upper: list | None, spread: dict, recogniser: Recogniser) -> bool:
    """Whether the spread columns' headers, or the group header over them, say their cells are amounts."""
    if any(header_unit(str(row[i]))[1] or _unit_above(upper, i) for i in spread):
        return True
    labels = [str(c) for c in (upper or []) if isinstance(c, str) and c.strip()]
    return any(set(recogniser.header_tokens(text)) & recogniser.amount_words for text in labels)


def _groups_above(sheet: RawSheet, index: int, row: list) -> list | None:
    """The row above a one-row header when it is a row of groups over it ("PROJET | COFINANCEURS (k€)",
    "Identification | Montants décidés par année (k€)" over "Projet | … | 2018 | 2019"; merged cells read repeated;
    a single label is a title, not groups, unless it stands over the header's later columns: "Versements (k€)" over
    the years only), else None."""
    if index == 0:
        return None
    upper = sheet.rows[index - 1]
    labels = [c for c in upper if not is_blank(c)]
    groups = [c for k, c in enumerate(labels) if k == 0 or c != labels[k - 1]]  # a merged group read once
    below = [c for c in row if not is_blank(c)]
    if not all(isinstance(c, str) for c in labels) or len(groups) >= len(below):
        return None
    return upper if len(groups) >= 2 or (groups and _over_later_columns(upper, row)) else None


def _over_later_columns(upper: list, row: list) -> bool:
    """Whether the only label of ``upper`` starts over a filled header cell that is not the header's first."""
    start = next(j for j, c in enumerate(upper) if not is_blank(c))
    first = next((j for j, c in enumerate(row) if not is_blank(c)), None)
    return first is not None and start > first and start < len(row) and not is_blank(row[start])


def _undecided(group: str | None, words) -> bool:
    """Whether a group of year columns holds amounts paid or forecast, not decided ("VERSÉ — paiements",
    "PRÉVISIONNEL — non voté"): ``undecided_amount_words`` of ``vocab/words.yaml``."""
    return group is not None and bool(set(fold(group).split()) & words.undecided_amount_words)


def _unit_above(upper: list | None, index: int) -> float | None:
    """The unit of the group header over column ``index`` (the nearest label at or left of it, merged over it)."""
    group = group_at(upper, index)
    return header_unit(group)[1] if group is not None else None


def _looks_like_a_header(row: list, ctx: Context, recogniser: Recogniser) -> bool:
    """A header row holds labels: text that is neither a date nor an amount (years aside)."""
    texts = [c for c in row if isinstance(c, str) and c.strip()]
    numbers = [c for c in row if c is not None and not isinstance(c, str)]
    years = sum(1 for c in numbers if year_header(c, recogniser))
    if len(texts) + years < MIN_WIDE_COLUMNS + 2 or years < len(numbers):  # "CONV-23-001 | … | 32 | 44956": data
        return False
    for text in texts:
        if (period := year_header(text, recogniser)) and (not period.isdigit() or not _DIGIT.search(_YEAR.sub(
                " ", text))):  # "2021", "CS 2019" (that committee's year, though it reads as a date), "2021-S1";
            continue  # "2018-02-14" is a date: no header
        try:
            if ctx.parsers.parse_date(text) or ctx.parsers.parse_money(text) is not None:
                return False
        except ParseError:
            continue
    return True


def _funder_headers(row: list, ctx: Context, recogniser: Recogniser) -> dict[int, str]:
    """Headers that name a funder ("Région Sud", "Bpifrance"): column index -> funder code. "Autres" names the other
    funders only beside named ones ("ANR | INCa | UE | Autres"): alone it says nothing. A header that also names
    another column of funding ("Réf IT", "Projet CPP") is that column, not a funder's amounts."""
    found = {i: code for i, text in header_cells(row) if (code := _funder_of(header_unit(text)[0], ctx))
             and all(c in ("funder", "amount_eur") for c, _ in recogniser.cell_candidates("funding", text))}
    named = {i: code for i, code in found.items() if code != "other"}
    return found if len(named) >= MIN_WIDE_COLUMNS else named


_PARTS = re.compile(r"\s+[–—-]\s+|\s*:\s+|\s*\n\s*")  # "Inserm Transfert – Maturation", "Région Sud : subvention"


def _funder_instrument_headers(row: list, ctx: Context) -> dict[int, tuple[str, str]]:
    """Headers that name a funder and one of its instruments, parted by a dash, a colon or a line break
    ("Inserm Transfert – Maturation", "CanceroPôle PACA – AAP Émergence", "Région Sud⏎subvention"): column index
    -> (funder, instrument)."""
    found = {}
    for i, cell in enumerate(row):
        if not isinstance(cell, str) or not cell.strip():
            continue
        parts = [" ".join(p.split()) for p in _PARTS.split(header_unit(cell.strip())[0].strip(), maxsplit=1)]
        if len(parts) == 2 and (who := _funder_of(parts[0], ctx)) and (
                what := ctx.codebook.find("funding", "instrument", parts[1])):
            found[i] = (who, what)
    return found


def _funder_year_headers(row: list, ctx: Context) -> dict[int, tuple[str, str]]:
    """Headers that name a funder and one year ("Inserm Transfert 2018 (k€)", "Région Sud – 2021"): column index
    -> (year, funder)."""
    found = {}
    for i, text in header_cells(row):
        bare = header_unit(text)[0]
        if len(years := _YEAR.findall(bare)) == 1 and (rest := _PARTS.sub(" ", _YEAR.sub(" ", bare)).strip(" -–—:")) \
                and (who := _funder_of(rest, ctx)):
            found[i] = (years[0], who)
    return found


def _funder_of(text: str, ctx: Context) -> str | None:
    """The funder a header names; of two joined by "/" ("Mécénat / privé"), the specific one rather than "other"."""
    code = ctx.codebook.find("funding", "funder", text)
    if code or "/" not in text:
        return code
    named = {ctx.codebook.find("funding", "funder", part) for part in text.split("/")} - {None}
    specific = named - {"other"}
    return specific.pop() if len(specific) == 1 else None


_PAIRS = re.compile(r"\s*[;\n]\s*")  # "IT : maturation ; CPP : preuve de concept"


def _funders_instrument(cell, funder: str, ctx: Context):
    """The instrument a cell gives one funder of its row's columns when it names each funder's ("IT : maturation ;
    CPP : preuve de concept ; Région : subvention"); else the cell as written."""
    if not isinstance(cell, str) or ":" not in cell:
        return cell
    for pair in _PAIRS.split(cell.strip()):
        who, colon, what = pair.partition(":")
        if colon and what.strip() and ctx.codebook.find("funding", "funder", who.strip()) == funder:
            return what.strip()
    return cell


def _described_keys(long_rows: list[list], columns: list[ColumnMatch], extra: dict, id_column: str,
                    ctx: Context) -> dict[str, str]:
    """Made id -> "P-12 / region_sud / 2023-10-12" (the line's project, funder and date as read)."""
    index = {m.column: m.index for m in columns}
    out = {}
    for row in long_rows[1:]:
        parts = []
        for name in ("project_id", "funder", "decision_date"):
            raw = row[index[name]] if name in index and index[name] < len(row) else None
            if name == "decision_date" and raw is not None:
                try:
                    raw = ctx.parsers.parse_date(raw) or raw
                except ParseError:
                    pass
            if raw is not None and str(raw).strip():
                parts.append(raw.isoformat() if hasattr(raw, "isoformat") else " ".join(str(raw).split()))
        if parts:
            out[str(row[extra[id_column]])] = " / ".join(parts)
    return out


def normalise_wide(sheet: RawSheet, wide: Wide, ctx: Context, recogniser: Recogniser) -> SheetResult:
    """One tidy row per non-empty amount of the wide sheet, with every raw row accounted for."""
    table, money, date, id_column, funder = next(w for w in WIDE_TABLES if w[0] == wide.table)
    if wide.header is None and (reworded := with_alternative_columns(
            sheet, Recognition(table, wide.header_index, wide.columns, wide.unknown), recogniser, ctx.parsers)):
        sheet, wide = reworded[0], replace(wide, unknown=reworded[1].unknown)  # "Année" where no day is known
    header_row = wide.header if wide.header is not None else sheet.rows[wide.header_index]
    header_texts = tuple(" ".join(str(c).split()) for c in header_row if c is not None and str(c).strip())
    base = Recognition(table, 0, wide.columns, wide.unknown)
    width = max([len(header_row)] + [i + 1 for i in wide.spread])
    extra = _made_columns(wide, width, money, date, id_column, funder)
    constants = list(wide.constants.values())
    long_header = list(header_row) + [None] * (width - len(header_row)) + [f"[{name}]" for name in extra]
    long_rows, origins, dropped = [long_header], [], []
    first = sheet.first_row + wide.header_index + 1
    stem = fold(sheet.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]).replace(" ", "_") or "sheet"
    if sheet.sheet:  # a workbook of one sheet per call or year: its rows are numbered alike
        stem += ":" + (fold(sheet.sheet).replace(" ", "_") or "sheet")
    id_indexes = {m.index for m in wide.columns if TABLES[table].column(m.column).kind == "id"}
    instrument = next((m.index for m in wide.columns if m.column == "instrument"), None)
    # a line the committee turned down is dropped once, not once per amount (its amounts were asked, not granted)
    refused = not_granted_rows(sheet, replace(base, header_index=wide.header_index),
                               sheet.rows[wide.header_index + 1:], ctx.words)
    remarks = _remark_indexes(header_row, wide) if wide.key == "year" else []
    # a project merged down over its funders' lines is each line's project; a heading's over the lines below it
    rows = fill_merged_down(sheet, wide.header_index, sheet.rows[wide.header_index + 1:])
    project = next((m.index for m in wide.columns if m.column == "project_id"), None)
    rows, headings = (rows, {}) if project is None else carried_from_headings(rows, project, list(wide.spread),
                                                                              ctx.words)
    # a year grid beside each line's own date ("Date décision | T1 2018 | … | Cumul"): its years are the schedule of
    # one line's payments, read as one line of their sum, on its date (an id written twice is then a line twice)
    own_date = next((m.index for m in wide.columns if m.column == date), None) if wide.key == "year" else None
    wide = wide if own_date is not None else _with_unique_line_ids(wide, rows)
    for offset, row in enumerate(rows):
        number = first + offset
        noted = _decision_noted(row, remarks, recogniser, ctx.words)
        reason = headings.get(offset) or row_kind(row, base, header_texts, id_indexes, ctx.words) or refused.get(offset)
        if reason:
            dropped.append(Dropped(sheet.file, sheet.sheet, number, reason))
            continue
        cells = list(row) + [None] * (width - len(row))
        produced = 0
        amounts = _amounts(cells, wide, ctx)
        scheduled = own_date is not None and bool(amounts) and not is_blank(cells[own_date])
        if scheduled:
            amounts = [_scheduled(amounts, cells[own_date])]
        own_id = _own_id(cells, wide, scheduled)
        for index, header, value, amount in amounts:
            made_id = own_id or _made_id(f"{stem}:{number}", wide, index, header, value)
            if index in wide.row_funders:  # "Part cofinanceur (€)": the funder its row names
                value = cells[wide.row_funders[index]]
            if noted is not None and str(noted.year) == str(value):  # remarks are read in year grids only
                value = noted  # "décision CA du 06/05/2019" beside the 2019 amount: its day
            long = cells[:width] + [amount, value] + ([made_id] if id_column else []) + constants + _headed(wide, index)
            if wide.key == "funder" and instrument is not None:  # "IT : maturation ; CPP : preuve de concept"
                long[instrument] = _funders_instrument(cells[instrument], value, ctx)
            long_rows.append(long)
            origins.append((number, header))
            produced += 1
        if not produced:
            dropped.append(Dropped(sheet.file, sheet.sheet, number, "no amount in any year or funder column"))
    columns = list(wide.columns) + [ColumnMatch(i, f"[{name}]", name) for name, i in extra.items()]
    result = normalise_long(sheet, wide.header_index, long_rows, origins, dropped,
                            Recognition(table, 0, columns, wide.unknown), ctx)
    if id_column:  # a quarantined line is named by what it says (project / funder / date), not by its made id
        described = _described_keys(long_rows, columns, extra, id_column, ctx)
        for problem in result.problems:
            problem.key = described.get(problem.key, problem.key)
    result.columns = {m.header: m.column for m in wide.columns}
    result.columns.update({h: money for h, _, _ in wide.spread.values()})
    result.columns.update({f"[{name}]": name for name in extra if name != money})  # made from the headers
    result.confidence = recogniser.confidence(Recognition(table, wide.header_index, wide.columns, wide.unknown), sheet,
                                              given=frozenset(extra))
    made = [money, *([id_column] if id_column else []), date if wide.key == "year" else funder]
    rec = Recognition(table, wide.header_index, wide.columns, wide.unknown)
    result.suggestion = mapping_entry(sheet, rec, guess_columns(recogniser, sheet, rec), why="read as a wide sheet",
                                      unpivot={"key": wide.key, "makes": made,
                                               "columns": [h for h, _, _ in wide.spread.values()]})
    result.note = (f"wide sheet: one {table} row per non-empty cell of the columns "
                   + ", ".join(repr(h) for h, _, _ in wide.spread.values()))
    return result


def _amounts(cells: list, wide: Wide, ctx: Context) -> list[tuple[int, str, str, float | str]]:
    """(index, header, year or funder, amount) of a row's amounts, in the order of their columns; an amount that
    cannot be read is its header and text (its line is quarantined with it, as in a list)."""
    out = []
    for index, (header, value, multiplier) in sorted(wide.spread.items()):
        try:
            amount = ctx.parsers.parse_money(cells[index], multiplier)
        except ParseError:
            amount = f"{header}: {cells[index]}"
        if amount is not None and amount != 0:  # a grid's 0 is a year or funder without money, as its empty cells
            out.append((index, header, value, amount))
    return out


def _scheduled(amounts: list[tuple[int, str, str, float | str]], date) -> tuple[int, str, str, float | str]:
    """One line of a row's scheduled amounts: their sum (corrections written as negative amounts netted), on the
    row's own ``date``; the text of the first that cannot be read."""
    unread = next((a for a in amounts if isinstance(a[3], str)), None)
    index, header = amounts[0][:2]
    return index, header, date, unread[3] if unread is not None else sum(a[3] for a in amounts)


def _made_columns(wide: Wide, width: int, money: str, date: str, id_column: str | None, funder: str | None
                  ) -> dict[str, int]:
    """The columns unpivoting adds after the sheet's own (``width`` of them): column -> index."""
    extra = {money: width, (date if wide.key == "year" else funder): width + 1}
    if id_column:
        extra[id_column] = width + 2
    extra.update({column: width + len(extra) + k for k, column in enumerate(wide.constants)})
    if wide.column_funders:  # the funder of the group over the year
        extra[funder] = width + len(extra)
    if wide.column_instruments:  # the instrument the funder's header names
        extra["instrument"] = width + len(extra)
    return extra


def _headed(wide: Wide, index: int) -> list:
    """What the group or the header over column ``index`` gives its amounts: the funder, the instrument."""
    return ([wide.column_funders[index]] if wide.column_funders else []) + (
        [wide.column_instruments[index]] if wide.column_instruments else [])


def _with_unique_line_ids(wide: Wide, rows: list[list]) -> Wide:
    """``wide`` reading its lines' own ids only when no line repeats one ("N° dossier" over a project's lines is the
    project's reference, not the line's)."""
    if wide.line_id is None:
        return wide
    ids = [" ".join(str(r[wide.line_id]).split()) for r in rows if wide.line_id < len(r) and not is_blank(r[wide.line_id])
           and any(i < len(r) and not is_blank(r[i]) for i in wide.spread)]
    return wide if len(set(ids)) == len(ids) else replace(wide, line_id=None)


def _own_id(cells: list, wide: Wide, one_line: bool = False) -> str | None:
    """The line's own id ("FL-21-008" under "N° ligne"), when it writes one and a single amount (or its amounts are
    ``one_line``'s schedule)."""
    if wide.line_id is None or is_blank(cells[wide.line_id]):
        return None
    amounts = [i for i in wide.spread if not is_blank(cells[i]) and cells[i] != 0]
    return " ".join(str(cells[wide.line_id]).split()) if one_line or len(amounts) == 1 else None


def _made_id(line: str, wide: Wide, index: int, header: str, value: str) -> str:
    """The id of the funding line one cell of a wide row makes ("file:row:2021")."""
    if index in wide.column_funders:  # two funders' amounts of one year on the line
        return f"{line}:{wide.column_funders[index]}:{value}"
    if index in wide.column_instruments:  # two instruments of one funder on the line
        return f"{line}:{value}:{wide.column_instruments[index]}"
    return f"{line}:{value if index not in wide.row_funders else header}"


def _remark_indexes(header_row: list, wide: Wide) -> list[int]:
    """The unread text columns of a wide sheet (its remarks), where a decision's day may be written."""
    read = {m.index for m in wide.columns} | set(wide.spread)
    return [i for i, cell in enumerate(header_row) if i not in read and isinstance(cell, str) and cell.strip()]


def _decision_noted(row: list, remarks: list[int], recogniser: Recogniser, words) -> dt.date | None:
    """The one day a row's remark gives its decision ("décision CA du 06/05/2019", "notification du 14/04/2019"),
    or None."""
    found = set()
    for index in remarks:
        text = row[index] if index < len(row) else None
        if not isinstance(text, str) or not set(fold(text).split()) & words.decision_note_words:
            continue
        written, _ = date_in(text, recogniser)
        if written is not None:
            day, precision = recogniser.parsers.parse_date_precise(written)
            if precision == "day":
                found.add(day)
    return found.pop() if len(found) == 1 else None


def wide_from_rule(rule, sheet: RawSheet, recogniser: Recogniser, ctx: Context) -> Wide:
    """The wide layout a mapping rule's ``unpivot`` describes (its header row and columns as the rule says)."""
    from ..errors import FatalInputError

    spec = rule.unpivot
    where = sheet_label(sheet.file, sheet.sheet)
    rec = rule.recognition(sheet, recogniser)
    row = sheet.rows[rec.header_index]
    table, money, date, id_column, funder = next(w for w in WIDE_TABLES if w[0] == rule.table)
    spread = {}
    for i, text in header_cells(row):
        if text not in spec["columns"]:
            continue
        value = spec["columns"][text]
        if value is None:
            value = year_header(text, recogniser) if spec["key"] == "year" else \
                ctx.codebook.find("funding", "funder", header_unit(text)[0])
        if value is None:
            raise FatalInputError(where, f"the mapping file unpivots the column {text!r} but its header names no "
                                  f"{spec['key']}", f"give it in the rule: columns: {{{text!r}: <{spec['key']}>}}")
        spread[i] = (text, str(value), rule.units.get(text) or header_unit(text)[1] or 1.0)
    absent = set(spec["columns"]) - {text for text, _, _ in spread.values()}
    if absent:
        raise FatalInputError(where, f"the mapping file unpivots columns that are not in its header row: "
                              f"{', '.join(sorted(absent))}", "write the headers exactly as in the sheet")
    made = {money, id_column, date if spec["key"] == "year" else funder}
    columns = [m for m in rec.columns if m.index not in spread and m.column not in made]
    return Wide(table, rec.header_index, columns, spread, spec["key"], rec.unknown)


def funding_plan(sheet: RawSheet, rec, recogniser: Recogniser, ctx: Context) -> Wide | None:
    """The wide layout of a funding plan taken for a grid of targets (funders and instruments beside year columns:
    "Réf. projet | Financeur | Dispositif | 2018 | 2019 …", the grid's names read from a column headed nothing), or
    None: a grid whose indicators' column has a header is targets, whatever other columns it has."""
    names = [m.header for m in rec.columns if m.column == "kpi_id"]
    if not names or not all(re.fullmatch(r"column \d+", h) for h in names):
        return None
    wide = find_wide(sheet, recogniser, ctx, table="funding")
    return wide if wide is not None and {"funder", "instrument"} <= {m.column for m in wide.columns} else None


SURE_HEADER = 0.8  # confidence of a recognised header row: the records below it are data, whatever they look like


def a_record_row(sheet: RawSheet, rec, index: int) -> bool:
    """Whether row ``index`` is a record below ``rec``'s sure header: an id in its key column ("PRJ-21-009")."""
    key = next((m.index for m in rec.columns if m.column == TABLES[rec.table].key[0]), None)
    row = sheet.rows[index] if index < len(sheet.rows) else []
    return (index > rec.header_index and (rec.confidence or 0) >= SURE_HEADER and key is not None
            and key < len(row) and reads_as_id(row[key]))
