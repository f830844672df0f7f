"""Tables kept in layouts of rows that say what a cell is only together with its row and column: a budget grid of
funders by project (:mod:`.budget_grids`), a calendar of events by day (:mod:`.calendars`) or by month
(:mod:`.month_calendars`)."""

from __future__ import annotations

from .budget_grids import find_budget_grid, normalise_budget_grid
from .calendars import find_calendar, normalise_calendar
from .month_calendars import find_month_calendar, normalise_month_calendar
from .normalising import Context, SheetResult
from .reading import RawSheet


def read_row_layout(sheet: RawSheet, ctx: Context, recogniser) -> SheetResult | None:
    """The records of a sheet kept as a budget grid or a calendar, or None."""
    if (budget := find_budget_grid(sheet, ctx)) is not None:
        return normalise_budget_grid(sheet, budget, ctx)  # funders in rows, a column per project, a year per block
    if (calendar := find_calendar(sheet, ctx)) is not None:
        return normalise_calendar(sheet, calendar, ctx)  # "Date | Matin | Après-midi": "Atelier PI (EV-2021-04)"
    if (months := find_month_calendar(sheet, ctx, recogniser)) is not None:  # "Janvier 2021 | Février 2021":
        return normalise_month_calendar(sheet, months, ctx, recogniser)  # "25 - Formation …⏎EV21-01 · formation"
    return None
