"""Unix times as tools export them (ClickUp's "1647349200000", an API's "1647349200")."""

from __future__ import annotations

import datetime as dt
import re

# Unix times as tools export them (ClickUp's "1647349200000", an API's "1647349200"): seconds or milliseconds since
# 1970 between 2000 and 2100, read as dates in the partnership's time zone
_UNIX_SECONDS = (946_684_800, 4_102_444_800)
_UNIX_DIGITS = re.compile(r"\d{10}|\d{13}")


def unix_time_date(value, time_zone: str) -> dt.date | None:
    """The local date of a Unix time in seconds (10 digits) or milliseconds (13 digits), else None."""
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else ""
    else:
        text = str(value).strip()
    if not _UNIX_DIGITS.fullmatch(text):
        return None
    seconds = int(text) / (1000 if len(text) == 13 else 1)
    if not _UNIX_SECONDS[0] <= seconds < _UNIX_SECONDS[1]:
        return None
    from zoneinfo import ZoneInfo

    return dt.datetime.fromtimestamp(seconds, ZoneInfo(time_zone)).date()
