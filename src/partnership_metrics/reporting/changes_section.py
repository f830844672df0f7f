"""The reports' "What changed since the last review" section, from the changes between two ingests.

The notebook cell (the changes are computed at the pipeline level, :mod:`partnership_metrics.pipeline.comparison`)::

    from partnership_metrics.pipeline.comparison import changes_since_previous
    from partnership_metrics.reporting.changes_section import changes_section

    changes_section(changes_since_previous(processed_dir, year=report.last), lang=report.lang)

Without an earlier run the section is empty (nothing is shown). Its words are reviewed text of
``vocab/ui_changes.yaml``; every value from the data is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from functools import cache

from ..values import is_missing

CHANGES_FILE = "ui_changes.yaml"
SECTION_ID = "changes"
LIMIT = 8  # indicator values listed; the rest are counted (all of them are in changes.md and changes.csv)


@cache
def changes_strings():
    """The words of ``vocab/ui_changes.yaml`` (a :class:`~partnership_metrics.ui_strings.UiStrings`, read once)."""
    from ..resources import VOCAB_DIR
    from ..ui_strings import read_ui_strings

    return read_ui_strings(VOCAB_DIR / CHANGES_FILE)


def format_time(iso: str, lang: str) -> str:
    """An ISO time of the ingest history as the reader writes it, in local time (``1er mars 2024 10:15``)."""
    from babel.dates import format_datetime

    from ..kpis.formatting import first_of_month

    when = dt.datetime.fromisoformat(iso).astimezone()
    return first_of_month(format_datetime(when, "d MMMM y HH:mm", locale={"fr": "fr_FR", "en": "en_GB"}[lang]), lang)


@dataclass(frozen=True)
class ChangesSection:
    """The section: heading id, title and HTML (shown by Jupyter through ``_repr_html_``; empty without changes)."""

    id: str
    title: str
    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def _esc(value) -> str:
    return html.escape("" if is_missing(value) else str(value), quote=True)


def _kpi_label(kpi_id: str, lang: str, written: str) -> str:
    """The KPI's label in ``lang`` (the changes were labelled in one language, shared by every report of a run);
    ``written`` for a KPI the catalogue does not know."""
    from ..kpis.catalogue import get_kpi

    try:
        return get_kpi(kpi_id).label(lang)
    except KeyError:
        return written


def changes_section(changes, lang: str, *, limit: int = LIMIT) -> ChangesSection:
    """The section's HTML from ``changes`` (a :class:`partnership_metrics.pipeline.comparison.Changes`, or None when no earlier
    run is kept: an empty section): the runs compared, what changed in numbers, the statuses that changed and the
    indicator values that moved (at most ``limit``), restated figures of past years flagged."""
    from ..kpis.catalogue import check_lang, status_labels
    from ..kpis.formatting import format_value

    lang = check_lang(lang)
    words = changes_strings()

    def text(key: str, **values) -> str:
        return _esc(words.text(key, lang, **values))

    title = words.text("title", lang)
    if changes is None:
        return ChangesSection(SECTION_ID, title, "")
    parts = [f'<h2 id="{SECTION_ID}">{_esc(title)}</h2>',
             '<p class="pm-note">' + text("compared", old_id=changes.old.id,
                                          old_time=format_time(changes.old.last_seen, lang), new_id=changes.new.id,
                                          new_time=format_time(changes.new.last_seen, lang)) + "</p>"]
    if changes.empty:
        parts.append(f"<p>{text('nothing')}</p>")
        return ChangesSection(SECTION_ID, title, "".join(parts))
    parts.append(f"<p>{text('counts', **changes.counts())}</p>")
    statuses = status_labels()

    def status(code) -> str:
        return statuses[code][lang] if isinstance(code, str) else words.text("no_status", lang)

    def restated(row) -> str:
        return f' <strong class="pm-restated">({text("restated")})</strong>' if row.restated else ""

    def values(k) -> dict:
        return {"label": _kpi_label(k.kpi_id, lang, k.label), "period": k.period, "old_value": format_value(k.old_value, k.unit, lang),
                "new_value": format_value(k.new_value, k.unit, lang)}

    flips = changes.status_changes()
    if len(flips):
        items = ["<li>" + text("status_move", old_status=status(k.old_status), new_status=status(k.new_status),
                               **values(k)) + f"{restated(k)}</li>" for k in flips.itertuples(index=False)]
        parts.append(f"<h3>{text('statuses_heading')}</h3><ul class=\"pm-changes\">{''.join(items)}</ul>")
    moved = changes.moved()
    if len(moved):
        items = [f"<li>{text('value_move', **values(k))}{restated(k)}</li>"
                 for k in moved.head(limit).itertuples(index=False)]
        if len(moved) > limit:
            items.append(f"<li>{text('more', count=len(moved) - limit)}</li>")
        parts.append(f"<h3>{text('values_heading')}</h3><ul class=\"pm-changes\">{''.join(items)}</ul>")
    return ChangesSection(SECTION_ID, title, "".join(parts))
