"""Layouts a sheet is given for reading by eye, undone before it is recognised: a page whose columns a PDF converter
shifted (:mod:`.shifted_pages`), a list kept in blocks, each under its project's title (:mod:`.keyed_blocks`)."""

from __future__ import annotations

from .keyed_blocks import with_keyed_blocks
from .reading import RawSheet
from .recognition import Recogniser
from .shifted_pages import with_pages_realigned


def with_layouts_undone(sheet: RawSheet, recogniser: Recogniser, words) -> RawSheet:
    """``sheet`` with its pages realigned and its blocks' projects carried to their lines."""
    return with_keyed_blocks(with_pages_realigned(sheet), recogniser, words)
