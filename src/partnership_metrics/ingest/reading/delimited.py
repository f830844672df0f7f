"""Delimited text (csv/tsv/psv/ssv/txt): encoding, newlines, delimiter sniffing, strict quoting."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter

from ...errors import FatalInputError
from .sheet import RawSheet, ReadLimits, empty_sheet, one_line

DELIMITERS = (";", ",", "\t", "|")
_DELIMITER_NAMES = {";": "';'", ",": "','", "\t": "tab", "|": "'|'"}
_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF_CHARS = 64 * 1024
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")  # control characters, except tab, LF, VT, FF, CR
_SNIFF_ROWS = 200


def read_delimited(data: bytes, rel: str, default_delimiter: str, limits: ReadLimits = ReadLimits()) -> list[RawSheet]:
    """One sheet of the rows of delimited text; refused (one line) as soon as a row is wider than
    ``limits.max_columns`` or the cells read exceed ``limits.max_cells``, before the rest is parsed."""
    text, encoding = decode(data, rel)
    if not text.strip():
        return [empty_sheet(rel, [f"encoding: {encoding}"])]
    notes = [f"encoding: {encoding}"]
    text, newline_note = _normalise_newlines(text)
    notes.append(newline_note)
    text = _drop_stray_nuls(text, rel, notes)
    delimiter, single_column = _sniff_delimiter(text, default_delimiter)
    notes.append(f"delimiter: {_DELIMITER_NAMES[delimiter]}" + (" (one column found)" if single_column else ""))
    rows = _parse_delimited(text, delimiter, rel, limits)
    if single_column:  # no delimiter splits the lines alike: prose (an e-mail saved as CSV), its commas kept
        rows = [[delimiter.join(c or "" for c in row)] if len(row) > 1 else row for row in rows]
    return [RawSheet(rel, None, rows, notes=notes)]


def decode(data: bytes, rel: str) -> tuple[str, str]:
    """Decode bytes: a BOM decides; else UTF-16 without BOM (NUL bytes), UTF-8, cp1252, latin-1 in that order."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding.removesuffix("-sig")), encoding
            except UnicodeDecodeError as exc:
                raise FatalInputError(
                    rel,
                    f"cannot be decoded as {encoding}, the encoding its first bytes announce (byte {exc.start})",
                    "save it again as CSV UTF-8",
                ) from exc
    utf16 = _guess_utf16(data)
    candidates = ([utf16] if utf16 else []) + ["utf-8", "cp1252", "latin-1"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII-range text has a NUL in every other byte."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _normalise_newlines(text: str) -> tuple[str, str]:
    """Name the line-ending convention of the first lines; turn CR CR LF (a double conversion) into LF.

    Left alone, CR CR LF gives a blank row after every row. The csv module handles LF, CRLF and CR itself.
    """
    sample = text[:_SNIFF_CHARS]
    crcrlf = sample.count("\r\r\n")
    crlf = sample.count("\r\n") - crcrlf
    cr = sample.count("\r") - crlf - 2 * crcrlf
    lf = sample.count("\n") - crlf - crcrlf
    counts = {"CR CR LF": crcrlf, "CRLF": crlf, "CR": cr, "LF": lf}
    style = max(counts, key=counts.__getitem__) if any(counts.values()) else "none"
    if "\r\r\n" in text:
        text = text.replace("\r\r\n", "\n")
    return text, f"newlines: {style}"


def _drop_stray_nuls(text: str, rel: str, notes: list[str]) -> str:
    """Refuse binary content; remove the odd NUL character some exports leave in text."""
    sample = text[:_SNIFF_CHARS]
    if len(_CONTROL_CHARS.findall(sample)) > 0.02 * len(sample):
        raise FatalInputError(rel, "is not a text file (it holds binary data)", "export the table as CSV or XLSX")
    nuls = text.count("\x00")
    if nuls:
        notes.append(f"removed {nuls} NUL character(s)")
        text = text.replace("\x00", "")
    return text


def _sniff_delimiter(text: str, default: str) -> tuple[str, bool]:
    """Pick the delimiter whose first rows have the most consistent column count above 1.

    Ties go to the wider split, then to ``default`` (the extension's delimiter), then to ``DELIMITERS`` order.
    Returns (delimiter, True when no candidate splits the rows into more than one column).
    """
    sample = text[:_SNIFF_CHARS]
    truncated = len(text) > len(sample)
    order = [default, *(d for d in DELIMITERS if d != default)]
    best: tuple[float, int, int] | None = None
    chosen = default
    for rank, delimiter in enumerate(order):
        rows = []
        try:
            for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
                rows.append(row)
                if len(rows) > _SNIFF_ROWS:
                    break
        except csv.Error:
            continue
        if truncated and len(rows) > 1:
            rows.pop()  # probably cut in the middle
        widths = Counter(len(row) for row in rows if any(cell.strip() for cell in row))
        if not widths:
            continue
        freq, width = max((f, w) for w, f in widths.items())
        if width < 2:
            continue
        score = (freq / sum(widths.values()), width, -rank)
        if best is None or score > best:
            best, chosen = score, delimiter
    return chosen, best is None


def _parse_delimited(text: str, delimiter: str, rel: str, limits: ReadLimits) -> list[list[str | None]]:
    unclosed = FatalInputError(
        rel,
        'has a quote (") that is never closed, so the rest of the file would be one cell',
        "close or remove the quote, then save the file again",
    )
    odd_quotes = text.count('"') % 2 == 1
    rows: list[list[str | None]] = []
    cells = 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            if len(row) > limits.max_columns:
                raise too_wide(rel, len(rows) + 1, len(row), limits)
            cells += len(row)
            if cells > limits.max_cells:
                raise too_many_cells(rel, len(rows) + 1, limits)
            rows.append([v or None for v in row])
    except csv.Error as exc:
        if odd_quotes:
            raise unclosed from exc
        problem = f"is not a readable delimited file ({one_line(exc)})"
        raise FatalInputError(rel, problem, "fix the file or save it again as CSV") from exc
    if odd_quotes:
        # Lenient parsing swallows everything after an unclosed quote; strict parsing tells that case apart.
        try:
            for _ in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
                pass
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                raise unclosed from exc
    return rows



def too_wide(rel: str, row: int, columns: int, limits: ReadLimits) -> FatalInputError:
    return FatalInputError(rel, f"has a row {columns} cells wide (row {row}; the limit is {limits.max_columns} "
                                "columns)", "keep the table's own columns only, or raise the limit with ingest "
                                            "--max-columns")


def too_many_cells(rel: str, row: int, limits: ReadLimits) -> FatalInputError:
    return FatalInputError(rel, f"holds more than {limits.max_cells} cells (reached at row {row})",
                           "split it, or raise the limit with ingest --max-cells")
