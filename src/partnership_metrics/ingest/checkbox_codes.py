"""A code column kept as a yes/no column named after one of its two codes: "Coordination" exported "checked" or empty
by Airtable (TRUE/FALSE by Google Sheets, "Oui"/"Non" typed) when the consortium is coordinated or not. Yes reads as
the code the header names ("Coordination": coordinator), no as the other code (partner).

Only when every filled cell of the column says yes or no and the header names exactly one of the column's two codes.
A column of more codes asked as a question ("Co-organisation ?" over "Oui (CPP + IT)", "Non - IT seul", "Oui") reads
a bare yes as the code the header names, its other answers as they are written; asked of one partner ("Co-supported
by CPP?"), a bare no is the other partner alone.
An empty cell is the other code only in a checkbox column (every filled cell a ticked box as a tool exports it,
"checked", TRUE, "✓": an unticked box is exported empty; not a typed "Oui"), and only on a row that holds something
else (a blank or a total line stays so); beside typed answers, or in a column that writes its "no", it is unknown.
A yes/no column of ticked boxes (an Airtable checkbox "Lauréat i-Lab") reads its empty boxes as no, for the same reason."""

from __future__ import annotations

from pathlib import PurePosixPath

from ..errors import ParseError
from ..schemas import TABLES
from ..textnorm import fold
from .reading import is_blank
from .recognition import Recognition
from .vocabulary import PARTNER_COLUMNS


def checkbox_codes(rows: list[list], rec: Recognition, ctx, owner: str | None = None) -> tuple[list[list], list[str]]:
    """``rows`` with each such yes/no column written as its codes, and a note for each column read so; ``owner``: the
    partner whose file it is (:func:`owner_partner`), which a question on the other partner's following answers."""
    table, notes, out = TABLES[rec.table], [], rows
    mapped = {m.index for m in rec.columns}
    for m in rec.columns:
        column = table.column(m.column)
        if column.kind == "bool" and (unticked := _unticked(out, m.index, mapped, ctx, m.header)):
            out = [list(r) + [None] * (m.index + 1 - len(r)) if i in unticked else r for i, r in enumerate(out)]
            for i in unticked:
                out[i][m.index] = False
            notes.append(f"'{m.header}' is a column of ticked boxes: an empty one is no")
        if column.kind != "code":
            continue
        named = ctx.codebook.find(rec.table, m.column, m.header)
        if len(column.codes) != 2:  # "Co-organisation ?": a bare "Oui" is the code it asks about, the rest as written
            partners = PARTNER_COLUMNS.get((rec.table, m.column))
            if (partners and named is not None and named in (partners["cpp"], partners["it"])
                    and owner not in (None, named) and "?" in m.header):
                named, alone = partners["joint"], owner  # the CanceroPôle's "Suivi Inserm Transfert ?": yes is both
            else:
                alone = _other_partner(rec.table, m.column, m.header, named, ctx) if named is not None else None
            if named is not None and (yes := _bare_yes(out, m.index, rec.table, m.column, ctx)):
                out = [list(r) if i in yes else r for i, r in enumerate(out)]
                for i in yes:
                    out[i][m.index] = named
                notes.append(f"'{m.header}' answered 'yes' read as {named}")
            if alone is not None and (no := _bare_yes(out, m.index, rec.table, m.column, ctx, answer=False)):
                out = [list(r) if i in no else r for i, r in enumerate(out)]
                for i in no:
                    out[i][m.index] = alone
                notes.append(f"'{m.header}' answered 'no' read as {alone}")
            continue
        answers = {i: yes_or_no(r[m.index], ctx) for i, r in enumerate(rows) if m.index < len(r)
                   and not is_blank(r[m.index])}
        if named is None or not answers or None in answers.values():
            continue
        other = next(code for code in column.codes if code != named)
        ticks = all(_ticked(r[m.index], ctx) for i, r in enumerate(rows) if i in answers)
        out = [list(r) + [None] * (m.index + 1 - len(r)) if len(r) <= m.index else list(r) for r in out]
        for i, row in enumerate(out):
            if i in answers:
                row[m.index] = named if answers[i] else other
            elif ticks and sum(not is_blank(row[j]) for j in mapped if j < len(row) and j != m.index) >= 2:
                row[m.index] = other
        notes.append(f"'{m.header}' says yes or no: yes read as {named}, no{' or empty' if ticks else ''} as {other}")
    return out, notes


def _unticked(rows: list[list], index: int, mapped: set[int], ctx, header: str = "") -> list[int]:
    """The rows of a column of ticked boxes (every filled cell "checked", TRUE, "✓" as a tool exports a box, or the
    ``header`` written again above a board's next group) whose box is empty, on rows that hold something else; none
    when the column writes anything else, or an "X" typed by hand."""
    cells = {r[index] for r in rows if index < len(r) and not is_blank(r[index])} - {header}
    if not cells or not all(_ticked(c, ctx) and fold(str(c)) not in ctx.words.typed_ticks for c in cells):
        return []  # "X" typed by hand beside blanks: a blank may be unknown
    return [i for i, r in enumerate(rows) if (index >= len(r) or is_blank(r[index]))
            and sum(not is_blank(r[j]) for j in mapped if j < len(r) and j != index) >= 2]


def _other_partner(table: str, column: str, header: str, named: str, ctx) -> str | None:
    """The partner not named by a question on working together that names one partner ("Co-supported by CPP?":
    it), or None."""
    partners = PARTNER_COLUMNS.get((table, column))
    if not partners or named != partners["joint"]:
        return None
    said = {ctx.codebook.find(table, column, word) for word in header.replace("?", " ").split()}
    one = [p for p in ("cpp", "it") if partners[p] in said]
    return partners["it" if one == ["cpp"] else "cpp"] if len(one) == 1 else None


def _bare_yes(rows: list[list], index: int, table: str, column: str, ctx, answer: bool = True) -> list[int]:
    """The rows whose cell at ``index`` says yes (or no: ``answer``) and names no code of its own ("Oui", not "Oui
    (CPP + IT)"); each distinct cell looked at once."""
    cells = {r[index] for r in rows if index < len(r) and not is_blank(r[index])}
    yes = {c for c in cells if yes_or_no(c, ctx) is answer and ctx.codebook.find(table, column, str(c)) is None}
    return [i for i, r in enumerate(rows) if index < len(r) and r[index] in yes] if yes else []


def _ticked(cell, ctx) -> bool:
    """Whether a cell is a ticked box as a tool exports it ("checked", TRUE, "✓"): a typed "Oui" is no box, and the
    empty cells of a column of typed answers are unknown."""
    if isinstance(cell, bool):
        return cell
    text = str(cell).strip()
    return text in ctx.words.tick_marks or fold(text) in ctx.words.checkbox_ticks


def yes_or_no(cell, ctx) -> bool | None:
    """True for yes, False for no, None for anything else."""
    try:
        return ctx.parsers.parse_bool(cell)
    except ParseError:
        return None


def owner_partner(sheet, rec: Recognition, ctx) -> str | None:
    """The partner a sheet is kept by, as its file's name or its title lines name exactly one ("CPP_suivi_projets.xlsx",
    "CanceroPôle PACA — Projets issus des appels à projets"), as the code of the table's partner column; else None."""
    from .context_codes import title_lines  # (context_codes reads normalising's rows: imported when asked)

    column = next((c for t, c in PARTNER_COLUMNS if t == rec.table), None)
    if column is None or not any("?" in m.header for m in rec.columns):
        return None  # (only a question asks it)
    partners = PARTNER_COLUMNS[(rec.table, column)]
    named = set()
    for text in (PurePosixPath(sheet.file).stem.replace("_", " "), *title_lines(sheet, rec.header_index)):
        words = text.split()
        for size in (1, 2):
            named |= {ctx.codebook.find(rec.table, column, " ".join(words[k:k + size])) for k in range(len(words))}
    named &= {partners.get("cpp"), partners.get("it")} - {None}
    return named.pop() if len(named) == 1 else None
