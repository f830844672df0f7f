"""What the terminal shows of text that comes from files, folders and users.

A cell, a sheet or a file name can hold terminal control sequences (``ESC [2K`` erases the line, ``CR`` moves back
to its start, bidirectional overrides reverse it) or Rich markup (``[/x]``). Printed as they are, they can erase the
``error:`` prefix, fake a line such as "All rows accepted", or break the printing itself. So:

- :func:`shown` turns any value into text safe to put inside a Rich markup line: every control character written
  visibly (``\\x1b``), markup escaped. Use it for every value, path and message that is not the program's own.
- :class:`SafeConsole` is the console of the command line: whatever it renders (lines, table cells, rules), control
  characters other than line breaks and tabs are written visibly, whoever built the line.
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.markup import escape

# C0 and C1 controls, DEL, zero-width and bidirectional formatting characters (they reorder or hide what follows).
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_CONTROLS_BUT_LAYOUT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match) -> str:
    char = match.group(0)
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible_controls(text: str, *, keep_layout: bool = False) -> str:
    """``text`` with each control character written as an escape (``\\x1b``, ``\\u202e``); ``keep_layout``: line
    breaks and tabs are kept."""
    return (_CONTROLS_BUT_LAYOUT if keep_layout else _CONTROLS).sub(_visible, text)


def shown(value) -> str:
    """``value`` as text safe inside a Rich markup line: control characters visible, markup escaped."""
    return escape(visible_controls(str(value)))


def plain(value) -> str:
    """``value`` as text safe on a terminal without markup: control characters visible."""
    return visible_controls(str(value))


class SafeConsole(Console):
    """A Rich console that writes control characters visibly in everything it renders (line breaks and tabs
    kept), so no text printed through it can move the cursor, erase or reorder what is on the screen."""

    def render_str(self, text: str, **kwargs):  # every string printed, in a table cell or a rule goes through here
        return super().render_str(visible_controls(text, keep_layout=True), **kwargs)


def sheet_label(file: str, sheet: str | None = None) -> str:
    """Where rows come from, as every message and report writes it: ``file [sheet]``, or ``file`` for a CSV."""
    return f"{file} [{sheet}]" if sheet else f"{file}"
