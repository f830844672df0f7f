"""The partners' own words on their KPIs (the optional ``commentary`` table): read once, written as one sentence,
for the KPI workbook's comment column and for the reports (which add what the data show where no comment is given).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from ..ui_strings import ui_strings
from .catalogue import check_lang

BABEL_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


@dataclass(frozen=True)
class Comment:
    """The partners' comment on one KPI and period: why (``cause``), what is done, who acts (a role or a team),
    by when."""

    cause: str
    action: str | None = None
    owner: str | None = None
    due_date: dt.date | None = None

    def sentence(self, lang: str) -> str:
        """The comment as one line: the cause, then the action, who acts and by when, when given."""
        from babel.dates import format_date

        words = ui_strings()
        lang = check_lang(lang)
        sep = words.text("comment_sep", lang)
        parts = [self.cause.strip().rstrip(".")]
        if self.action:
            parts.append(words.text("comment_action", lang, action=self.action.strip().rstrip(".")))
        extras = []
        if self.owner:
            extras.append(words.text("comment_owner", lang, owner=self.owner.strip()))
        if self.due_date is not None:
            due = format_date(self.due_date, format="long", locale=BABEL_LOCALES[lang])
            extras.append(words.text("comment_due", lang, date=due))
        line = sep.join(parts)
        return line + (f" ({sep.join(extras)})" if extras else "") + "."


def _missing(value) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def _clean(value) -> str | None:
    return None if _missing(value) or not str(value).strip() else str(value).strip()


def read_comments(tables: Mapping | None) -> dict[tuple[str, str], Comment]:
    """The ``commentary`` table as ``(kpi_id, period) -> Comment`` (empty when there is none)."""
    frame = tables.get("commentary") if tables is not None else None
    if frame is None or frame.empty:
        return {}
    comments = {}
    for row in frame.itertuples(index=False):
        cause = _clean(getattr(row, "cause", None))
        if cause is None or _missing(row.kpi_id) or _missing(row.period):
            continue
        due = getattr(row, "due_date", None)
        due = None if _missing(due) else pd.Timestamp(due).date()
        comments[(str(row.kpi_id), str(row.period))] = Comment(
            cause, _clean(getattr(row, "action", None)), _clean(getattr(row, "owner", None)), due)
    return comments


def workbook_comments(tables: Mapping | None, lang: str | None = None) -> dict[tuple[str, str], str]:
    """``(kpi_id, period) -> sentence`` of the partners' comments, for the KPI workbook's comment column."""
    return {key: comment.sentence(check_lang(lang)) for key, comment in read_comments(tables).items()}
