"""A register of contracts exported from a contract-management tool ("N° contrat | Famille | Type | Réf. projet |
Cocontractant | Date de signature | Date d'effet"), filtered on licences: its signature date is the project's licence
date. Only when the title lines above the header or a column filled on every row name licences ("Filtre : Famille =
Licence", "Licence exclusive"), and no header names a licence already; the header is then read as "Date de
signature de la licence", a header of the licence's date. The words are ``contract_signature_words`` and
``licence_words`` of ``vocab/words.yaml``."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ..textnorm import fold
from .header_rows import HEADER_SCAN_ROWS
from .reading import RawSheet, is_blank

LICENCE_DATE_HEADER = "Date de signature de la licence"
MIN_SHARE = 0.8  # of a column's filled cells that must name licences
MIN_ROWS = 2
_DATE = re.compile(r"\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?|(?:19|20)\d{2}")  # "15/09/2021", "09/2021", "2021"


def with_licence_dates(sheet: RawSheet, words) -> RawSheet:
    """``sheet`` with a licences register's signature date headed as the licence's date, or ``sheet`` itself."""
    for h, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        folded = [fold(c) if isinstance(c, str) else "" for c in row]
        signed = [j for j, text in enumerate(folded) if text in words.contract_signature_words]
        if len(signed) != 1:
            continue
        if any(_names_licence(text, words) and _dates_below(sheet.rows[h + 1:], j) for j, text in enumerate(folded)):
            return sheet  # "Licence signée le" beside it: the register says which date is the licence's
        if _titled_licences(sheet.rows[:h], words) or _column_of_licences(sheet.rows[h + 1:], words):
            header = list(row)
            header[signed[0]] = LICENCE_DATE_HEADER
            return replace(sheet, rows=[*sheet.rows[:h], header, *sheet.rows[h + 1:]])
        return sheet
    return sheet


def _dates_below(rows: list[list], j: int) -> bool:
    """Whether most filled cells of column ``j`` hold dates (a licence's date, not its type or its licensee)."""
    cells = [r[j] for r in rows if j < len(r) and not is_blank(r[j])]
    dated = sum(isinstance(c, (dt.date, int, float)) and not isinstance(c, bool)
                or isinstance(c, str) and bool(_DATE.search(c)) for c in cells)
    return bool(cells) and dated >= MIN_SHARE * len(cells)


def _names_licence(text: str, words) -> bool:
    return any(word in words.licence_words for word in text.split())


def _titled_licences(rows: list[list], words) -> bool:
    """Whether a title line (one text) above the header names licences."""
    for row in rows:
        texts = [c for c in row if not is_blank(c)]
        if len(texts) == 1 and isinstance(texts[0], str) and _names_licence(fold(texts[0]), words):
            return True
    return False


def _column_of_licences(rows: list[list], words) -> bool:
    """Whether a column names licences on (nearly) every filled row."""
    width = max((len(r) for r in rows), default=0)
    for j in range(width):
        cells = [r[j] for r in rows if j < len(r) and not is_blank(r[j])]
        named = sum(isinstance(c, str) and _names_licence(fold(c), words) for c in cells)
        if len(cells) >= MIN_ROWS and named >= MIN_SHARE * len(cells):
            return True
    return False
