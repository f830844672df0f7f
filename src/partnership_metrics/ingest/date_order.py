"""Which way round a sheet writes its dates: ``04/11/2021`` is 4 November in France and April 11 in a US export.

A sheet is read month first when its own dates say so (some second numbers above 12, such as ``09/30/2021``, and
no first number above 12) or, when its dates cannot tell, a hint says so (``Key dates (mm/dd/yyyy)``, a README
line "Dates are US style"), then the other sheets of its file. Otherwise dates are day first, as in France; a date
that can only be read one way (``30/09/2021``, ``09/30/2021``) is always read that way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..textnorm import fold
from .reading import RawSheet
from .vocabulary import Words

_NUMERIC = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](?:\d{2}|\d{4})\b")
HINT_ROWS = 15  # hints are in titles, headers and short notes at the top of a sheet
SCAN_ROWS = 2000  # dates of a column are written one way: the first rows tell


@dataclass
class Evidence:
    """Dates of a sheet that can only be read day first / month first, hints of either, and one example."""

    day_first: int = 0
    month_first: int = 0
    example: str = ""
    written: int = 0  # dates written as numbers (02/03/2021), either way

    def add(self, other: Evidence) -> None:
        self.day_first += other.day_first
        self.month_first += other.month_first
        self.example = self.example or other.example

    @property
    def verdict(self) -> bool | None:
        """True: month first; False: day first; None: nothing says, or both are said."""
        if bool(self.day_first) == bool(self.month_first):
            return None
        return bool(self.month_first)


def evidence(sheet: RawSheet, words: Words) -> tuple[Evidence, Evidence]:
    """(what the sheet's dates say, what its hints say)."""
    dates, hints = Evidence(), Evidence()
    for index, row in enumerate(sheet.rows[:SCAN_ROWS]):
        for cell in row:
            if type(cell) is not str:
                continue
            if (cell[:1].isdigit() or cell[:1] == " ") and (m := _NUMERIC.match(cell)) is not None:
                dates.written += 1
                first, second = int(m[1]), int(m[2])
                if first > 12 >= second:
                    dates.day_first += 1
                elif second > 12 >= first:
                    dates.month_first += 1
                    dates.example = dates.example or cell.strip()
            elif index < HINT_ROWS and len(cell) < 300:
                text = f" {' '.join(fold(cell.replace('/', ' / ')).split())} "
                if any(f" {h} " in text for h in words.month_first_hints):
                    hints.month_first += 1
                    hints.example = hints.example or cell.strip()
                elif any(f" {h} " in text for h in words.day_first_hints):
                    hints.day_first += 1
    return dates, hints


def with_date_order(sheets: list[RawSheet], words: Words) -> list[RawSheet]:
    """The sheets of one file, those that write their dates month first marked so (``month_first``), with a note
    saying why."""
    found = [evidence(s, words) for s in sheets]
    in_file = Evidence()
    for dates, hints in found:
        in_file.add(dates)
        in_file.add(hints)
    out = []
    for sheet, (dates, hints) in zip(sheets, found, strict=True):
        heard = ((dates, "its dates"), (hints, "a note"), (in_file, "the other sheets of the file"))
        said, why = next((h for h in heard if h[0].verdict is not None), heard[-1])
        if said.verdict and dates.written:  # a sheet with no date written as numbers has nothing to turn
            example = f" (such as {said.example!r})" if said.example else ""
            sheet = replace(sheet, month_first=True,
                            notes=[*sheet.notes, f"dates read month first, as {why} write them{example}"])
        out.append(sheet)
    return out
