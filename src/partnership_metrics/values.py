"""What counts as a missing value, once for every stage: ``None``, NaN and pandas' ``NA`` and ``NaT``."""

from __future__ import annotations

import math


def is_missing(value) -> bool:
    """Whether ``value`` is missing: ``None``, a float NaN, ``pd.NA`` or ``pd.NaT`` (tested without importing
    pandas, so that the ingestion path does not need it)."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")
