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
from .formatting import first_of_month

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
            due = first_of_month(format_date(self.due_date, format="long", locale=BABEL_LOCALES[lang]), lang)
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


def workbook_comments(tables: Mapping | None, lang: str | None = None, kpis: pd.DataFrame | None = None,
                      ) -> dict[tuple[str, str], str]:
    """``(kpi_id, period) -> text`` for the KPI workbook's comment column: the partners' comments; and, for the
    periods of the KPI table ``kpis`` when given, what a reader of an exact value must know — how many proposals a
    success rate rests on (and how many are pending), and that a conversion of recent cohorts is too early to judge
    (the workbook keeps the catalogue's value, exact)."""
    lang = check_lang(lang)
    notes = {key: comment.sentence(lang) for key, comment in read_comments(tables).items()}
    if kpis is None or tables is None:
        return notes
    from ._base import Reason
    from .formatting import plural
    from .periods import parse_period
    from .stats import eu_outcomes
    from .valorisation import CONVERSION_WINDOW_MONTHS, mature_years

    words = ui_strings()
    periods = [str(p) for p in dict.fromkeys(kpis["period"])]
    last = max(parse_period(p)[1] for p in periods)
    end = pd.Timestamp(year=last, month=12, day=31)

    def add(key, line):
        notes[key] = " ".join(t for t in (notes.get(key), line) if t)

    for period in periods:
        first, last_year = parse_period(period)
        years = list(range(first, last_year + 1))
        found = eu_outcomes(tables.get("eu_proposals"), years)
        if found is not None and found.decided + found.pending:
            def counted(word: str, n: int) -> str:
                return words.text(f"{word}_{plural(n, lang)}", lang, n=n)

            key = "eu_counts_pending" if found.pending else "eu_counts"
            add(("eu_success_rate", period), words.text(key, lang, funded=counted("eu_funded", found.funded),
                                                        decided=counted("eu_decided", found.decided),
                                                        pending=found.pending) + ".")
        if first == last_year and first not in mature_years([first], end):
            add(("val_maturation_conversion", period), Reason(
                "cohort_too_recent", {"years": period, "months": str(CONVERSION_WINDOW_MONTHS)}).text(lang) + ".")
    return notes
