"""Why each KPI has its status, in the reader's language: the gap to the target (or why there is none), the change
against the year before and against the baseline, and, for counts and sums, the groups that contributed most to
those changes (computed from the breakdowns of :mod:`.breakdowns`).

The sentences are reviewed text of ``vocab/ui_status.yaml``; numbers are written by :mod:`.formatting`.
"""

from __future__ import annotations

from functools import cache

from ..resources import VOCAB_DIR
from ..values import is_missing
from .breakdowns import DIMENSIONS, UNKNOWN, breakable, group_tables, group_values
from .formatting import format_change, format_relative, format_value

STATUS_FILE = "ui_status.yaml"
TOP_CONTRIBUTORS = 2  # groups named in a status reason, for each change
# The dimension that explains the change of a count or a sum, per area of the catalogue, and for the KPIs whose
# groups are better told by who pays. The first dimension the KPI can be broken down by wins, then DIMENSIONS.
CONTRIBUTOR_DIMENSIONS = {"valorisation": "lead_institution", "training": "site", "eu": "programme",
                          "synergy": "lead_institution", "funding": "lead_institution"}
CONTRIBUTOR_OVERRIDES = {"val_maturation_eur": "funder", "fun_partnership_eur": "funder"}


@cache
def status_strings():
    """The words of ``vocab/ui_status.yaml`` (a :class:`~partnership_metrics.ui_strings.UiStrings`, read once)."""
    from ..ui_strings import read_ui_strings

    return read_ui_strings(VOCAB_DIR / STATUS_FILE)


def contributor_dimension(kpi) -> str | None:
    """The dimension whose groups explain the changes of ``kpi`` (None for KPIs that are not counts or sums)."""
    if not kpi.additive:
        return None
    for dimension in (CONTRIBUTOR_OVERRIDES.get(kpi.id), CONTRIBUTOR_DIMENSIONS.get(kpi.area), *DIMENSIONS):
        if dimension and breakable(kpi, dimension):
            return dimension
    return None


def group_label(dimension: str, group: str, lang: str, partnership) -> str:
    """The reader's name of ``group`` of ``dimension``: a partner's short name, an institution's name, a label of
    ``vocab/ui_status.yaml``, else the code itself."""
    strings = status_strings()
    if group in (UNKNOWN, "both", "no_project"):
        return strings.code_label("group", group, lang)
    if dimension in ("organiser", "supported_by", "funder"):
        if group == "joint":
            return partnership.joint_label[lang]
        try:
            return partnership.partner(group).short[lang]
        except KeyError:
            pass
    if dimension == "lead_institution":
        from ..ui_strings import institution_label

        return institution_label(group, lang) or group
    return strings.code_label(dimension, group, lang) or group


class Contributions:
    """The change of a count or a sum, group by group: ``changes(kpi, scope, baseline_years)``."""

    def __init__(self, t, period_end):
        self.t, self.end = t, period_end
        self._memo: dict = {}

    def _value(self, kpi, dimension: str, group: str, years: tuple[int, ...]):
        key = (kpi.id, dimension, group, years)
        if key not in self._memo:
            self._memo[key] = kpi.compute(group_tables(self.t, dimension, group), years, self.end).value
        return self._memo[key]

    def changes(self, kpi, scope: tuple[int, ...], baseline_years: tuple[int, ...]) -> list[dict]:
        """The groups that moved ``kpi`` most over ``scope``: against the year before (year rows) and against the
        baseline (its yearly average on year rows), each ``{"against", "by", "group", "change"}``."""
        dimension = contributor_dimension(kpi)
        if dimension is None:
            return []
        groups = group_values(self.t, dimension, kpi.tables)
        found = []
        if len(scope) == 1:
            found += self._top(kpi, dimension, groups, "previous", scope, (scope[0] - 1,), 1)
        share = len(baseline_years) if len(scope) == 1 else 1
        found += self._top(kpi, dimension, groups, "baseline", scope, baseline_years, share)
        return found

    def _top(self, kpi, dimension, groups, against, scope, reference, divide) -> list[dict]:
        moves = []
        for group in groups:
            now, before = self._value(kpi, dimension, group, scope), self._value(kpi, dimension, group, reference)
            if now is None or before is None:
                continue
            moves.append((group, now - before / divide))
        total = sum(change for _, change in moves)
        if abs(total) < 1e-9:
            return []
        same_way = [(g, c) for g, c in moves if c * total > 0]
        same_way.sort(key=lambda gc: (-abs(gc[1]), gc[0]))
        return [{"against": against, "by": dimension, "group": g, "change": round(c, 6)}
                for g, c in same_way[:TOP_CONTRIBUTORS]]


class StatusWriter:
    """Writes the ``status_reason`` of KPI table rows in ``lang``."""

    def __init__(self, lang: str, partnership, baseline_label: str, *, partner: str | None = None):
        self.lang, self.partnership, self.baseline_label, self.partner = lang, partnership, baseline_label, partner
        self.strings = status_strings()

    def _text(self, key: str, **values) -> str:
        return self.strings.text(key, self.lang, **values)

    def sentence(self, kpi, row: dict, scope: tuple[int, ...], moved: list[dict], *, targets: dict,
                 group: tuple[str, str] | None = None) -> str:
        """The reason of the row's status, then its changes against the year before and the baseline."""
        value, target, unit = row["value"], row["target"], kpi.unit
        if is_missing(value):
            if is_missing(target):
                return self._text("status_no_value_no_target", reason=row["reason"] or "")
            return self._text("status_no_value", target=format_value(target, unit, self.lang),
                              reason=row["reason"] or "")
        shown = format_value(value, unit, self.lang)
        if group is not None:
            parts = [self._text("status_group", value=shown,
                                group=group_label(group[0], group[1], self.lang, self.partnership))]
        elif self.partner is not None:
            parts = [self._text("status_partner", value=shown, partner=self._partner_name())]
        elif is_missing(target):
            yearly = any((kpi.id, str(y)) in targets for y in scope)
            key = "status_no_target_not_additive" if len(scope) > 1 and not kpi.additive and yearly \
                else "status_no_target"
            parts = [self._text(key, value=shown, period=row["period"])]
        else:
            parts = [self._text(f"status_{row['status']}", value=shown, target=format_value(target, unit, self.lang),
                                gap=format_change(row["gap"], unit, self.lang),
                                gap_pct=format_relative(row["gap_pct"], self.lang))]
            if row["target_derived"]:
                parts.append(self._text("target_derived", years=", ".join(str(y) for y in scope)))
        if not is_missing(row["previous"]):
            parts.append(self._text("change_vs_previous", change=format_change(value - row["previous"], unit,
                                                                               self.lang), year=scope[0] - 1)
                         + self._contributors(moved, "previous", unit))
        if not is_missing(row["baseline"]):
            parts.append(self._text("change_vs_baseline", change=format_change(value - row["baseline"], unit,
                                                                               self.lang),
                                    baseline=self.baseline_label) + self._contributors(moved, "baseline", unit))
        return self._text("separator").join(parts)

    def change_since(self, kpi, value, previous, year: int, moved: list[dict]) -> str:
        """The change against the year before with the groups that made it (``+2 par rapport à 2022, surtout
        Institut Paoli-Calmettes (+2)``)."""
        return (self._text("change_vs_previous", change=format_change(value - previous, kpi.unit, self.lang),
                           year=year) + self._contributors(moved, "previous", kpi.unit))

    def _contributors(self, moved: list[dict], against: str, unit: str) -> str:
        named = [self._text("contributor", group=group_label(m["by"], m["group"], self.lang, self.partnership),
                            change=format_change(m["change"], unit, self.lang))
                 for m in moved if m["against"] == against]
        if not named:
            return ""
        return ", " + self._text("contributors", groups=self._text("and").join(named))

    def _partner_name(self) -> str:
        if self.partner == "joint":
            return self.partnership.joint_label[self.lang]
        return self.partnership.partner(self.partner).short[self.lang]

    def no_breakdown(self, dimension: str, code: str, params: dict) -> str:
        """Why a KPI cannot be broken down by ``dimension`` (``code``: a reason of ``vocab/ui_status.yaml``)."""
        return self.strings.reason("no_breakdown", self.lang,
                                   dimension=self.strings.code_label("dimension", dimension, self.lang),
                                   why=self.strings.reason(code, self.lang, **params))
