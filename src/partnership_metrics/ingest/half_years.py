"""Target columns for a part of a year. A quarter's ("Q4 2022 (YTD)") is the year's only when it counts the year to
date and is its last. Targets planned per half-year ("S1 2021 | S2 2021", "H1 2022", "1er semestre 2023"): a year's target is what its
two halves make. A count or an amount is their sum ("les cibles annuelles = S1 + S2"); a rate, a score or a ratio
is written once over the year (a cell merged over both halves, or the same value twice) and is that value; two
different rates for the halves of one year give no year's target (which one the year's is cannot be told)."""

from __future__ import annotations

import re

HALF = "~h"  # a column's period "2021~h1": the first half of 2021, merged into the year before anything else
ADDITIVE_UNITS = ("count", "eur")  # the KPIs whose year is the sum of its halves
_HALF = re.compile(r"^[sh]([12])$")  # "S1", "H2"
_ORDINAL = re.compile(r"^([12])(?:er|ere|e|eme|nd|st)?$")  # "1er", "2e", "2nd"
_HALF_WORDS = frozenset({"semestre", "semester", "half"})
_QUARTER = re.compile(r"[qt][1-4]")  # "Q4 2022", "T4 2022": a quarter (its year counted to date in a scorecard)


def half_of(parts: list[str]) -> tuple[list[str], int] | None:
    """(the other words, which half: 1 or 2) of a header's folded words naming a half-year ("s1 2021",
    "2e semestre 2022"); None when it names none."""
    halves = [(i, int(m.group(1))) for i, w in enumerate(parts) if (m := _HALF.match(w))]
    if not halves:
        for i, w in enumerate(parts[:-1]):
            if (m := _ORDINAL.match(w)) and parts[i + 1] in _HALF_WORDS:
                halves = [(i, int(m.group(1))), (i + 1, 0)]
                break
    if not halves or len([h for h in halves if h[1]]) != 1:
        return None
    taken = {i for i, _ in halves}
    return [w for i, w in enumerate(parts) if i not in taken], next(h for _, h in halves if h)


def quarter_of(parts: list[str], year_to_date_words: frozenset[str]) -> tuple[list[str], bool] | None:
    """(the other words, whether it is the year's) of a header naming a quarter of a year ("Q4 2022 (YTD)", "T2
    2021 cumul"): the year's when it counts the year to date and names its last quarter. None for a header
    naming no quarter."""
    quarters = [w for w in parts if _QUARTER.fullmatch(w)]
    if len(quarters) != 1:
        return None
    rest = [w for w in parts if w not in quarters]
    to_date = [w for w in rest if w in year_to_date_words]
    return [w for w in rest if w not in to_date], quarters[0][-1] == "4" and bool(to_date)


def with_both_halves(columns: list) -> list:
    """``columns`` (each with its ``period``) without the half-year columns whose year lacks its other half in the
    same row: a date written "H1 2021" in a register's cell makes no grid of targets."""
    halves = {c.period for c in columns if HALF in c.period}
    return [c for c in columns if HALF not in c.period
            or c.period.replace(f"{HALF}1", f"{HALF}2") in halves and c.period.replace(f"{HALF}2", f"{HALF}1") in halves]


def merged_halves(parsed: list[tuple], kpi_unit: str, problem) -> list[tuple]:
    """``parsed`` ((period, raw, value, written with %) of a row's targets) with the half-years' targets made into
    their year's (see the module's docstring); a year a column already gives whole keeps that one."""
    halves: dict[str, list[tuple]] = {}
    out = []
    for item in parsed:
        if HALF in item[0]:
            halves.setdefault(item[0].split(HALF)[0], []).append(item)
        else:
            out.append(item)
    whole = {item[0] for item in out}
    for year, items in sorted(halves.items()):
        if year in whole:
            continue
        values = [item[2] for item in items]
        if kpi_unit in ADDITIVE_UNITS:
            out.append((year, items[-1][1], sum(values), items[-1][3]))
        elif len(set(values)) == 1:
            out.append((year, items[0][1], values[0], items[0][3]))
        else:
            problem("target", items[-1][1], f"{year}: two half-year targets of a rate "
                                            f"({', '.join(f'{v:g}' for v in values)}): no year's target")
    return out
