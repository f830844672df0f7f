"""A survey tool's export of coded answers (LimeSurvey, Sphinx: "ACTION: A1", "ETAB: A2" or "-oth-") beside its codebook
sheet, which lists each question's code and, below it, its answers' codes and labels ("ETAB" then "A1 | Aix-Marseille
Université", "A2 | Université Côte d'Azur"). Each coded cell of the other sheets of the workbook is read as its label;
an "Other" answer as the text of the question's ``[other]`` column ("ETAB[other]"), as it is in an export of labels
too ("etab: Autre" beside "etab[other]: Biotech Luminy", :func:`with_other_answers`). Answers coded by numbers (a
satisfaction from 1 to 5) keep their numbers. The codebook sheet is listed as such, its lines as not data.
"""

from __future__ import annotations

from dataclasses import replace

from .reading import RawSheet, is_blank

MIN_QUESTIONS = 1  # coded questions a codebook must decode in another sheet
MAX_ROWS = 2000  # a codebook is short: longer sheets are not looked at
MAX_CODE = 8  # characters of an answer's code ("A12", "-oth-", "SQ001")
CODED_SHARE = 0.8  # of a column's filled cells that must be codes of its question for the column to be read so
CODEBOOK = "codebook"  # the kind given to the codebook sheet: it holds no table
OTHER = "[other]"  # LimeSurvey's column of the text typed for "Other"
OTHER_CODES = frozenset({"-oth-", "other", "autre"})


def code_text(cell) -> str:
    """A cell as a code: its words, a whole number written without ".0" (a code typed as 1 or as "1")."""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return " ".join(str(cell).split()) if not is_blank(cell) else ""


def _codebook(sheet: RawSheet, headers: set[str]) -> dict[str, dict[str, str]]:
    """Question code -> {answer code: label} read from ``sheet``, for the questions that head a column elsewhere:
    a line whose first cell is such a code starts a question; the lines below it with that cell empty give an
    answer each (its last two cells: the code and the label)."""
    book: dict[str, dict[str, str]] = {}
    current = None
    for row in sheet.rows:
        cells = [(j, c) for j, c in enumerate(row) if not is_blank(c)]
        if not cells:
            current = None
            continue
        first_index, first = cells[0]
        if first_index == 0 and code_text(first) in headers:
            current = code_text(first)
            continue
        if first_index > 0 and current is not None and len(cells) >= 2:
            book.setdefault(current, {})[code_text(cells[-2][1])] = code_text(cells[-1][1])
        elif first_index == 0:
            current = None
    return {q: answers for q, answers in book.items() if len(answers) >= 2
            and all(0 < len(code) <= MAX_CODE and " " not in code for code in answers)
            and not all(code.lstrip("-").isdigit() for code in answers)}


def _coded(rows: list[list], index: int, answers: dict[str, str]) -> bool:
    """Whether the filled cells of column ``index`` are (mostly) codes of ``answers``."""
    values = [code_text(r[index]) for r in rows[:500] if index < len(r) and not is_blank(r[index])]
    return bool(values) and sum(v in answers or v.lower() in OTHER_CODES for v in values) >= CODED_SHARE * len(values)


def _decoded(sheet: RawSheet, book: dict[str, dict[str, str]]) -> RawSheet | None:
    """``sheet`` with its coded answers read (None when no column of it is coded in ``book``)."""
    for index, row in enumerate(sheet.rows[:10]):
        header = [code_text(c) for c in row]
        coded = {j: book[h] for j, h in enumerate(header) if h in book and _coded(sheet.rows[index + 1:], j, book[h])}
        if coded:
            break
    else:
        return None
    others = {j: header.index(header[j] + OTHER) for j in coded if header[j] + OTHER in header}
    rows = list(sheet.rows[:index + 1])
    for row in sheet.rows[index + 1:]:
        row = list(row)
        for j, answers in coded.items():
            value = code_text(row[j]) if j < len(row) else ""
            if j in others and (not value or value.lower() in OTHER_CODES) and others[j] < len(row):
                row[j] = row[others[j]] if not is_blank(row[others[j]]) else None
            elif value in answers:
                row[j] = answers[value]
        rows.append(row)
    return replace(sheet, rows=rows, notes=[*sheet.notes, "coded answers read with the workbook's codebook"])


def with_codebooks(sheets: list[RawSheet]) -> list[RawSheet]:
    """The sheets of one workbook, the coded answers of each read with the workbook's codebook sheet, if it has one."""
    if len(sheets) < 2:
        return sheets
    for candidate in (s for s in sheets if len(s.rows) <= MAX_ROWS):
        others = [s for s in sheets if s is not candidate]
        headers = {code_text(c) for s in others for row in s.rows[:10] for c in row if not is_blank(c)}
        book = _codebook(candidate, headers)
        if len(book) >= MIN_QUESTIONS:
            decoded = {id(s): d for s in others if (d := _decoded(s, book)) is not None}
            if decoded:
                decoded[id(candidate)] = replace(candidate, kind=CODEBOOK)
                return [decoded.get(id(s), s) for s in sheets]
    return sheets


def with_other_answers(sheets: list[RawSheet]) -> list[RawSheet]:
    """The sheets with each "Other" answer read as the text typed beside it, in the question's ``[other]`` column
    (a survey tool's export of labels: "etab: Autre", "etab[other]: Biotech Luminy"); a sheet without such a column
    is returned as it is."""
    return [_with_others(s) or s for s in sheets]


def _with_others(sheet: RawSheet) -> RawSheet | None:
    found = next(((i, others) for i, row in enumerate(sheet.rows[:10]) if (others := _other_columns(row))), None)
    if found is None:
        return None
    index, others = found
    rows = list(sheet.rows[:index + 1])
    for row in sheet.rows[index + 1:]:
        row = list(row)
        for j, k in others.items():
            if (j < len(row) and k < len(row) and code_text(row[j]).lower() in OTHER_CODES
                    and not is_blank(row[k])):
                row[j] = row[k]
        rows.append(row)
    return replace(sheet, rows=rows)


def _other_columns(row: list) -> dict[int, int]:
    """Question column -> its ``[other]`` column, in a header row."""
    header = [code_text(c) for c in row]
    return {j: header.index(h + OTHER) for j, h in enumerate(header) if h and h + OTHER in header}
