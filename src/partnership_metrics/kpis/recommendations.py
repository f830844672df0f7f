"""The partners' recommendations and their follow-up (the optional ``recommendations`` table), as a review reads
them: the reviews up to a year, the latest first, and whether an open recommendation is overdue."""

from __future__ import annotations

import pandas as pd

from .periods import parse_period

STATUS_ORDER = ("in_progress", "proposed", "done", "dropped")  # the open ones first within a review
OPEN = ("proposed", "in_progress")
COLUMNS = ["review", "recommendation", "kpi_id", "owner", "due_date", "status", "follow_up", "overdue"]


def recommendations_followup(tables: dict, *, up_to: int | None = None, as_of=None) -> pd.DataFrame | None:
    """The recommendations made at the reviews ending in ``up_to`` or before (all when None), the latest review
    first and, within a review, those under way, proposed (or without status), done, then dropped: columns
    ``review, recommendation, kpi_id, owner, due_date, status, follow_up, overdue`` (``overdue``: due before
    ``as_of`` and neither done nor dropped). None when the table was not supplied."""
    frame = tables.get("recommendations") if tables is not None else None
    if frame is None:
        return None
    df = frame.copy()
    df["status"] = df["status"].astype("object").where(df["status"].notna(), None) if "status" in df else None
    span = df["review"].astype(str).map(parse_period)
    df = df.assign(_last=span.map(lambda p: p[1]), _first=span.map(lambda p: p[0]))
    if up_to is not None:
        df = df[df["_last"] <= int(up_to)]
    rank = {s: i for i, s in enumerate(STATUS_ORDER)}
    df = df.assign(_status=df["status"].map(lambda s: rank.get(s, rank["proposed"])))
    due = pd.to_datetime(df["due_date"]) if "due_date" in df else pd.Series(pd.NaT, index=df.index)
    df = df.assign(due_date=due)
    open_ = df["status"].map(lambda s: s is None or s in OPEN)
    df["overdue"] = (open_ & due.notna() & (due < pd.Timestamp(as_of))) if as_of is not None else False
    df = df.sort_values(["_last", "_first", "_status", "due_date"], ascending=[False, True, True, True])
    for column in COLUMNS:
        if column not in df:
            df[column] = None
    return df[COLUMNS].reset_index(drop=True)
