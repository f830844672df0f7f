"""The sheets of one raw file as ingestion reads them: named as the outputs show them (a person in a file or sheet
name pseudonymised), headers escaped by Excel ("_x000D_") read as their characters, a database's links read as the
names they link ("ONCOSCAN (https://www.notion.so/…)")."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .escaped_headers import with_unescaped_headers
from .linked_pages import with_linked_names
from .reading import RawSheet, ReadLimits, read_file


def sheets_of(path: Path, *, raw_dir: Path, limits: ReadLimits, mask_name) -> list[RawSheet]:
    """The sheets of one raw file, named as the outputs show them."""
    rel = mask_name(path.relative_to(raw_dir).as_posix())
    return [_named(with_linked_names(with_unescaped_headers(s)), rel, mask_name) for s in read_file(path, raw_dir, limits)]


def _named(sheet: RawSheet, file: str, mask_name) -> RawSheet:
    """``sheet`` with its file and sheet names as the outputs show them (a person in them pseudonymised)."""
    name = mask_name(sheet.sheet) if sheet.sheet else sheet.sheet
    return sheet if (file, name) == (sheet.file, sheet.sheet) else replace(sheet, file=file, sheet=name)
