"""The words users read, in each language: UI strings, labels of codes and the reasons of null KPI values, read from
the reviewed ``vocab/ui.yaml`` (see the comment at its top for its format).

A shared floor: the KPI stage writes its tables' headers and the reasons of null values with it, the reports every
other word. The packaged file is parsed on first use and kept; nothing is read at import.

To try another wording without changing code (a reviewer's draft, a test), point the lookups at a copy of the file::

    with ui_strings_file(Path("draft/ui.yaml")):
        html = report.summary().html          # every lookup in this block reads the copy
"""

from __future__ import annotations

import csv
import string
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import FatalInputError
from .indicators import LANGS
from .resources import VOCAB_DIR, load_yaml, packaged_yaml

UI_FILE = "ui.yaml"
INSTITUTIONS_FILE = "institutions.csv"
SECTIONS = ("strings", "codes", "reasons")
_MARKUP = set("<>&")


@dataclass(frozen=True)
class UiStrings:
    """The parsed vocabulary: ``strings[key][lang]``, ``codes[kind][code][lang]``, ``reasons[code][lang]``."""

    strings: Mapping[str, Mapping[str, str]]
    codes: Mapping[str, Mapping[str, Mapping[str, str]]]
    reasons: Mapping[str, Mapping[str, str]]
    source: str

    def text(self, key: str, lang: str, **values) -> str:
        """The string ``key`` in ``lang``, its ``{placeholders}`` filled; KeyError naming a missing key."""
        try:
            template = self.strings[key][lang]
        except KeyError:
            raise KeyError(f"no UI string {key!r} in {lang} ({self.source})") from None
        return template.format(**values) if values else template

    def code_label(self, kind: str, code: str, lang: str) -> str | None:
        """The label of ``code`` of ``kind`` (``round_type``, ``startup_status``...) in ``lang``; None if unknown."""
        entry = self.codes.get(kind, {}).get(code)
        return None if entry is None else entry[lang]

    def reason(self, code: str, lang: str, **params) -> str:
        """The reason ``code`` in ``lang`` with its parameters; KeyError naming an unknown code."""
        try:
            template = self.reasons[code][lang]
        except KeyError:
            raise KeyError(f"no reason {code!r} in {lang} ({self.source})") from None
        return template.format(**params)


def read_ui_strings(path: Path) -> UiStrings:
    """Read and check a vocabulary file of the ``vocab/ui.yaml`` format; a one-line :class:`FatalInputError`
    naming the file and the entry when an entry lacks a language, has markup or differing placeholders."""
    return _checked(load_yaml(Path(path), what="see the packaged vocab/ui.yaml for its format"), Path(path))


def _checked(data, path: Path) -> UiStrings:
    def fail(where: str, problem: str):
        raise FatalInputError(str(path), f"{where}: {problem}", "fix it (see the packaged vocab/ui.yaml)")

    if not isinstance(data, dict) or set(data) != set(SECTIONS):
        fail("file", f"give exactly the sections {', '.join(SECTIONS)}")

    def texts(entry, where: str) -> dict[str, str]:
        if not isinstance(entry, dict) or not all(isinstance(entry.get(lang), str) for lang in LANGS):
            fail(where, f"give a text for each language ({', '.join(LANGS)})")
        fields = [{name for _, name, _, _ in string.Formatter().parse(entry[lang]) if name} for lang in LANGS]
        if any(f != fields[0] for f in fields):
            fail(where, "the languages must have the same {placeholders}")
        if any(_MARKUP & set(entry[lang]) for lang in LANGS):
            fail(where, "no markup characters (<, >, &)")
        return {lang: entry[lang] for lang in LANGS}

    def table(section, where: str) -> dict[str, dict[str, str]]:
        if not isinstance(section, dict):
            fail(where, "give 'key:' entries")
        return {str(key): texts(entry, f"{where}.{key}") for key, entry in section.items()}

    codes = data["codes"]
    if not isinstance(codes, dict):
        fail("codes", "give 'kind:' entries")
    return UiStrings(strings=table(data["strings"], "strings"),
                     codes={str(kind): table(entries, f"codes.{kind}") for kind, entries in codes.items()},
                     reasons=table(data["reasons"], "reasons"), source=str(path))


@cache
def _packaged() -> UiStrings:
    return _checked(packaged_yaml(UI_FILE), VOCAB_DIR / UI_FILE)


_override: ContextVar[UiStrings | None] = ContextVar("ui_strings_override", default=None)


def ui_strings() -> UiStrings:
    """The vocabulary in use: the packaged ``vocab/ui.yaml`` (parsed once), or the file of an enclosing
    :func:`ui_strings_file` block."""
    return _override.get() or _packaged()


@contextmanager
def ui_strings_file(path: Path) -> Iterator[UiStrings]:
    """Within the block, every lookup (UI strings, code labels, reasons of null values) reads ``path``, a file of
    the ``vocab/ui.yaml`` format, instead of the packaged one: a wording can be tried without changing code."""
    token = _override.set(read_ui_strings(path))
    try:
        yield _override.get()
    finally:
        _override.reset(token)


@cache
def _institution_labels() -> dict[str, dict[str, str]]:
    with open(VOCAB_DIR / INSTITUTIONS_FILE, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {row["code"]: {lang: (row.get(f"label_{lang}") or row.get("label_fr") or row["name"]).strip()
                          for lang in LANGS} for row in rows}


def institution_label(code: str, lang: str) -> str | None:
    """The name directors know an institution by (``CHU de Nice``, not ``CHUNICE``), in ``lang`` where the
    reference ``vocab/institutions.csv`` gives one (``label_fr``, ``label_en``), else its official name; None for a
    code the reference does not list."""
    labels = _institution_labels().get(str(code))
    return None if labels is None else labels[lang]
