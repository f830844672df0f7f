"""A contest's list of laureates (Bpifrance's i-Lab: "annee | categorie | nom_laureat | entreprise | aide_accordee_eur",
named "iLab_laureats_extrait_PACA"): its companies are no rows of the partnership's tables (most are not its
start-ups) and its people stay in it. It says which start-ups won: those read elsewhere that it names are laureates,
compared by name without case or legal form ("IMMUNEXA SAS" is Immunexa), and those it does not name are not (the
list is the contest's, whole for its region and years); a start-up whose sheet says it already keeps that."""

from __future__ import annotations

from ..textnorm import fold, tokens
from .blocks import ABSENT, Block
from .context_codes import title_lines
from .linking import label_forms
from .normalising import Dropped, SheetResult
from .reading import RawSheet, is_blank
from .recognition import Recogniser, header_cells
from .unread_sheets import non_empty_rows

COLUMN = "ilab_laureate"
NOTE = "a contest's list of laureates (i-Lab): read as the start-ups' i-Lab flags, no rows of its own"
HEADER_ROWS = 10  # rows its header is looked for in
MIN_HEADERS = 3


def laureate_list(sheet: RawSheet, recogniser: Recogniser) -> SheetResult | None:
    """The result of a sheet that is an i-Lab list of laureates (its name, its file's or a title line says so, and a
    column names companies), its companies kept on it (:attr:`SheetResult.laureates`); else None."""
    words = recogniser.words
    for index, row in enumerate(sheet.rows[:HEADER_ROWS]):
        headers = header_cells(row)
        if len(headers) < MIN_HEADERS:
            continue
        texts = (sheet.file, sheet.sheet or "", *title_lines(sheet, index))
        said = " " + " ".join(fold(" ".join(tokens(t))) for t in texts) + " "
        if not any(f" {w} " in said for w in words.laureate_list_words) or not any(
                f" {w} " in said for w in words.ilab_words):
            return None
        if any(c == COLUMN for _, text in headers for c, _ in recogniser.cell_candidates("startups", text)):
            return None  # a register of start-ups with its own "Lauréat i-Lab" column
        scores = [(score, j) for j, text in headers for c, score in recogniser.cell_candidates("startups", text)
                  if c in ("startup_id", "name") and not recogniser.person_part(text)]
        company = max(scores)[1] if scores else None  # "entreprise", not the laureate's "nom_laureat"
        if company is None:
            continue
        names = frozenset(form for r in sheet.rows[index + 1:] if company < len(r) and not is_blank(r[company])
                          for form in label_forms(str(r[company]), words.company_legal_forms))
        rows = non_empty_rows(sheet)
        result = SheetResult(sheet.file, sheet.sheet, None, rows, header_row=sheet.first_row + index,
                             hidden=sheet.hidden, note=NOTE, laureates=names,
                             columns={" ".join(str(sheet.rows[index][company]).split()): COLUMN})
        result.dropped.append(Dropped(sheet.file, sheet.sheet, 0, NOTE, rows=rows))
        return result
    return None


def flag_laureates(blocks: list[Block], sheets: list[SheetResult], legal_forms: frozenset[str]) -> None:
    """Set each start-up's i-Lab flag its own sheet leaves empty from the lists of laureates among ``sheets``."""
    named = frozenset().union(*(s.laureates for s in sheets if s.laureates))
    if not named:
        return
    for block in blocks:
        if block.table != "startups" or block.complement:
            continue
        flags = block.columns.setdefault(COLUMN, [ABSENT] * len(block))
        block.absent.discard(COLUMN)
        for i in range(len(block)):
            if flags[i] is ABSENT or flags[i] is None:
                label = block.value(i, "name") or block.value(i, "startup_id")
                flags[i] = label is not None and bool(label_forms(str(label), legal_forms) & named)

