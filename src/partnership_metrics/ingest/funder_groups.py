"""Funding kept as one group of columns per funder on a project's row, as a business developer keeps a deal's money
beside it: "CPP award (€) | CPP scheme | CPP decision | IT maturation (€) | IT committee | Région Sud (€) | Région Sud
decision | Other funder | Other funding (k€) | Other decision".

A header naming a funder belongs to that funder's group; what its cells hold says what it is: amounts (the header
gives a unit or says amount), dates (the decision), instruments, or funder names (an "Other funder" column names the
group's funder on each row). A funder with two amount columns ("IT maturation (€) | IT tranche 2 (€)") has two
groups, each amount taking the columns after it. Each group whose amount is filled becomes one funding line: the
group's funder, amount, decision date and instrument (its own column, else its amount header's word: "IT maturation",
else the row's instrument column), the row's project, and an id made of where it comes from. A sheet is read so when
at least two groups have an amount and one of them a date or an instrument of its own: amounts alone are a wide
sheet (:mod:`.unpivot`).

A project's other funding may be written as text in one column ("Autres financements": "Région 150 k€ (08/03/2021)
+ Bpifrance prêt 45 k€ (T4 2022)"): each part is a funding line of its own (funder, amount, date), of the kind of aid
the part names, else of the one the header names ("financements": grants). A list of projects with such a column is
read so even without funders' groups.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..errors import ParseError
from ..textnorm import fold
from .context_codes import with_context_code
from .funder_shares import dated_shares
from .header_units import header_unit
from .normalising import Context, Dropped, SheetResult, normalise_long
from .reading import RawSheet, is_blank
from .recognised import EXACT
from .recognition import SAMPLE_ROWS, ColumnMatch, Recogniser, Recognition, header_cells
from .row_screen import row_kind

MIN_GROUPS = 2
FITS = 0.8  # of a column's filled cells that must read as dates, instruments or funders
_OWN = ("decision_date", "instrument", "funder")  # what a group's column other than its amount may hold


@dataclass
class Group:
    """One funder's columns: its amount column, and the group's own columns (column name -> index)."""

    funder: str
    amount: int
    header: str
    multiplier: float
    named_instrument: str | None  # the amount header's instrument word ("IT maturation (€)")
    own: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Listed:
    """A column of texts of co-funding: its header, and the kind of aid the header names (for parts naming none)."""

    header: str
    instrument: str | None


@dataclass
class FunderGroups:
    """The funders' groups of a sheet, its header row and the row's columns that every group shares."""

    header_index: int
    groups: list[Group]
    shared: dict[str, int]  # project_id, and instrument or decision_date when no group has its own
    taken: set[int]  # the groups' columns (no longer the project's)
    listed: dict[int, Listed] = field(default_factory=dict)  # column index -> its texts of co-funding


def projects_beside(sheet: RawSheet, rec: Recognition, taken: set[int], ctx: Context
                    ) -> tuple[RawSheet, Recognition] | None:
    """The sheet and recognition that read a list of projects with their funding on its rows as projects too (the
    funders' columns ``taken`` left to the funding lines): as it is when it lacks no required column, with those its
    name or title gives (a sheet per institution, "AMU": each project's institution); None otherwise."""
    if rec.table == "funding":
        return None
    if rec.missing_required:
        found = with_context_code(sheet, rec, ctx)
        if found is None or found[1].missing_required:
            return None
        sheet, rec = replace(found[0], notes=[*found[0].notes, found[2]]), found[1]
    return sheet, replace(rec, columns=[m for m in rec.columns if m.index not in taken])


def find_funder_groups(sheet: RawSheet, rec: Recognition, recogniser: Recogniser, ctx: Context) -> FunderGroups | None:
    """The funders' groups of columns of a sheet (its header where ``rec`` found it), or None. The columns ``rec``
    reads as a list of projects stay the project's."""
    if rec.grid is not None:
        return None
    header = sheet.rows[rec.header_index]
    below = sheet.rows[rec.header_index + 1: rec.header_index + 1 + SAMPLE_ROWS]
    # a list of projects keeps its own columns ("Date de détection"), but no project's column holds euros
    own_columns = {m.index for m in rec.columns if header_unit(m.header)[1] is None and not _aid_of_a_funder(
        m, below, recogniser, ctx)} if rec.table == "projects" else set()
    named = {i: funder for i, text in header_cells(header)
             if i not in own_columns and (funder := ctx.codebook.find("funding", "funder", header_unit(text)[0]))}
    kinds = {i: _kind(" ".join(str(header[i]).split()),
                      [r[i] for r in below if i < len(r) and not is_blank(r[i])], recogniser) for i in named}
    groups = [Group(named[i], i, " ".join(str(header[i]).split()), header_unit(str(header[i]))[1] or 1.0,
                    _named_instrument(str(header[i]), recogniser, ctx))
              for i in sorted(named) if kinds[i] == "amount_eur"]
    for i in sorted(named):  # a column joins its funder's nearest amount before it (else the first after it)
        mine = [g for g in groups if g.funder == named[i]]
        group = next((g for g in reversed(mine) if g.amount < i), mine[0] if mine else None)
        if kinds[i] not in (None, "amount_eur") and group is not None and kinds[i] not in group.own:
            group.own[kinds[i]] = i
    listed = _listed_columns(header, below, own_columns | {i for g in groups for i in (g.amount, *g.own.values())},
                             ctx) if rec.table == "projects" else {}
    if len(groups) < MIN_GROUPS or not any(g.own.keys() & {"decision_date", "instrument"} for g in groups):
        if not listed:
            return None
        groups = []  # a project's texts of co-funding alone ("Autres financements")
    funders = {g.funder for g in groups}
    rest = [(i, text) for i, text in header_cells(header) if named.get(i) not in funders and i not in own_columns]
    matches, _ = recogniser.match_headers("funding", rest, {i: [r[i] for r in below if i < len(r)] for i, _ in rest})
    shared = {m.column: m.index for m in matches if m.column in ("project_id", "decision_date", "instrument")}
    if rec.table == "projects":
        shared["project_id"] = next((m.index for m in rec.columns if m.column == "project_id"), None)
    if shared.get("project_id") is None and (line := next((m for m in matches if m.column == "funding_id"), None)):
        shared["project_id"] = line.index  # "Deal ref": one reference over the funders' lines, the project's
    taken = {i for g in groups for i in (g.amount, *g.own.values())} | set(listed)
    return FunderGroups(rec.header_index, groups, shared, taken, listed)


def _listed_columns(header: list, below: list[list], skip: set[int], ctx: Context) -> dict[int, Listed]:
    """The columns whose header names funding (a funder or a kind of aid: "Autres financements") and most of whose
    filled cells are texts of co-funding ("Région 150 k€ (08/03/2021) + BPI 45 k€")."""
    found = {}
    for i, text in header_cells(header):
        if i in skip or not (ctx.codebook.find("funding", "funder", text) or
                             ctx.codebook.find("funding", "instrument", text)):
            continue
        values = [r[i] for r in below if i < len(r) and not is_blank(r[i])]
        if values and sum(dated_shares(v, ctx) is not None for v in values) >= FITS * len(values):
            kinds = (ctx.codebook.find("funding", "instrument", w) for w in header_unit(text)[0].split())
            found[i] = Listed(text, next((k for k in kinds if k not in (None, "other")), None))  # "Autres" is no kind
    return found


def _aid_of_a_funder(match: ColumnMatch, below: list[list], recogniser: Recogniser, ctx: Context) -> bool:
    """Whether a column a list of projects reads by a word of its header ("Nature aide IT" as a technology's
    "nature") names a funder and holds that funder's kinds of aid ("Maturation"): the funder's, not the project's."""
    if not ctx.codebook.find("funding", "funder", match.header) or any(
            score > EXACT for _, score in recogniser.cell_candidates("projects", match.header)[:1]):
        return False
    values = [r[match.index] for r in below if match.index < len(r) and not is_blank(r[match.index])]
    return bool(values) and recogniser.fit("funding", "instrument", values) >= FITS


def _kind(text: str, values: list, recogniser: Recogniser) -> str | None:
    """What a funder's column holds: 'amount_eur', 'decision_date', 'instrument', 'funder', or None (notes)."""
    unit = header_unit(text)[1]
    said = {c for c, _ in recogniser.cell_candidates("funding", text)[:1]}
    if unit is not None or ("amount_eur" in said and (not values or recogniser.fit("funding", "amount_eur", values)
                                                       >= FITS)):
        return "amount_eur"
    if not values:
        return next((c for c in _OWN if c in said), None)
    return next((c for c in _OWN if recogniser.fit("funding", c, values) >= FITS), None)


def _named_instrument(text: str, recogniser: Recogniser, ctx: Context) -> str | None:
    """The instrument an amount header names beside its funder ("IT maturation (€)"), not one its funder's word
    reads as ("Autre montant": "autre" is the funder)."""
    words = [w for w in header_unit(text)[0].split() if fold(w) not in recogniser.amount_words]
    found = ctx.codebook.find("funding", "instrument", " ".join(words)) if words else None
    return None if found is None or ctx.codebook.find("funding", "instrument", words[0]) == found else found


def normalise_funder_groups(sheet: RawSheet, found: FunderGroups, ctx: Context) -> SheetResult:
    """One funding line per funder's group filled on a row."""
    columns = ["project_id", "funder", "instrument", "amount_eur", "decision_date", "funding_id"]
    long_rows: list[list] = [columns]
    origins, dropped = [], []
    header = sheet.rows[found.header_index]
    header_texts = tuple(" ".join(str(c).split()) for c in header if not is_blank(c))
    first = sheet.first_row + found.header_index + 1
    stem = fold(sheet.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]).replace(" ", "_") or "sheet"
    if sheet.sheet:
        stem += ":" + (fold(sheet.sheet).replace(" ", "_") or "sheet")
    twice = {g.funder for g in found.groups if sum(h.funder == g.funder for h in found.groups) > 1}
    ids = {found.shared["project_id"]} if "project_id" in found.shared else set()
    plain = Recognition("funding", 0, [ColumnMatch(i, "", c) for c, i in found.shared.items()], [])
    for offset, row in enumerate(sheet.rows[found.header_index + 1:]):
        number = first + offset
        cell = lambda i, row=row: row[i] if i is not None and i < len(row) else None  # noqa: E731
        why = row_kind(row, plain, header_texts, ids, ctx.words)
        if why:
            dropped.append(Dropped(sheet.file, sheet.sheet, number, why))
            continue
        made = 0
        for k, group in enumerate(found.groups):
            raw = cell(group.amount)
            if is_blank(raw):
                continue
            try:
                amount = ctx.parsers.parse_money(raw, group.multiplier)
            except ParseError:  # an unreadable amount quarantines its line, as in a list
                amount = f"{group.header}: {raw}"
            if amount is None or amount == 0:
                continue
            funder = cell(group.own["funder"]) if "funder" in group.own else group.funder
            instrument = (cell(group.own["instrument"]) if "instrument" in group.own else None) or \
                group.named_instrument or cell(found.shared.get("instrument"))
            date = cell(group.own["decision_date"]) if "decision_date" in group.own else \
                cell(found.shared.get("decision_date"))
            long_rows.append([cell(found.shared.get("project_id")), funder, instrument, amount, date,
                              f"{stem}:{number}:{group.funder}" + (f":{k + 1}" if group.funder in twice else "")])
            origins.append((number, group.header))
            made += 1
        made += _listed_lines(row, number, found, stem, long_rows, origins, ctx)
        if not made:
            dropped.append(Dropped(sheet.file, sheet.sheet, number, "no funder's amount on the row"))
    matches = [ColumnMatch(i, name, name) for i, name in enumerate(columns)]
    result = normalise_long(sheet, found.header_index, long_rows, origins, dropped,
                            Recognition("funding", 0, matches, []), ctx)
    shared = {" ".join(str(header[i]).split()): c for c, i in found.shared.items() if i is not None and i < len(header)}
    result.columns = shared | {g.header: "amount_eur" for g in found.groups} | {
        c.header: "funder" for c in found.listed.values()}  # the project's column too (the KPIs ask who had one)
    result.note = "; ".join(n for n in (
        found.groups and "funding kept as one group of columns per funder on each row: " + ", ".join(
            repr(g.header) for g in found.groups),
        found.listed and "texts of co-funding read one line per part: " + ", ".join(
            repr(c.header) for c in found.listed.values())) if n)
    return result


def _listed_lines(row: list, number: int, found: FunderGroups, stem: str, long_rows: list, origins: list,
                  ctx: Context) -> int:
    """Append one line per part of the row's texts of co-funding; a text that cannot be read is one line whose
    amount is that text (quarantined, not lost). How many lines were added."""
    project = row[found.shared["project_id"]] if found.shared.get("project_id") is not None and \
        found.shared["project_id"] < len(row) else None
    made = 0
    for i, listed in found.listed.items():
        raw = row[i] if i < len(row) else None
        if is_blank(raw):
            continue
        slug = f"{stem}:{number}:" + fold(listed.header).replace(" ", "_")
        shares = dated_shares(raw, ctx)
        if shares is None:
            long_rows.append([project, None, listed.instrument, f"{listed.header}: {raw}", None, slug])
            origins.append((number, listed.header))
            made += 1
            continue
        for k, share in enumerate(shares, start=1):
            instrument = ctx.codebook.find("funding", "instrument", share.name) or listed.instrument
            long_rows.append([project, share.name, instrument, share.euros, share.date, f"{slug}:{k}"])
            origins.append((number, listed.header))
            made += 1
    return made

