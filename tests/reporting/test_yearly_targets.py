"""A period target that contradicts the yearly targets: the status read against the yearly targets is found by hand-made
KPI tables, said in the key messages where it reverses the verdict and beside the KPI in the scorecard; a partners'
comment is shown with what the data say beside it, and a year it blames that met its target is named."""

from __future__ import annotations

import pandas as pd
from test_messages import BASELINE, PERIOD, kpi_frame  # tests/reporting, beside this file

from partnership_metrics.kpis.catalogue import get_kpi
from partnership_metrics.kpis.commentary import Comment
from partnership_metrics.kpis.engine import status_of
from partnership_metrics.reporting.context import blamed_year_met
from partnership_metrics.reporting.messages import MessageContext, key_messages, why
from partnership_metrics.reporting.targets_review import INCONSISTENT, review_targets
from partnership_metrics.reporting.yearly_targets import verdict_clause, verdict_detail, yearly_verdicts

# kpi_id -> (period value, period target, {year: (value, target)})
CASES = {
    # every year met its target, which add up to 32: "missed" against the period's 43 only
    "trn_events": (33, 43, {2021: (9, 9), 2022: (12, 11), 2023: (12, 12)}),
    # "met" against the period's 4, but the years add up to 7
    "val_startups_created": (5, 4, {2021: (1, 3), 2022: (3, 2), 2023: (1, 2)}),
    # a share "met" over the period (target outside the years' range) while 2022 and 2023 missed theirs
    "syn_joint_event_share": (0.485, 0.43, {2021: (0.6, 0.45), 2022: (0.4, 0.5), 2023: (0.45, 0.55)}),
    # inconsistent too, but met either way: nothing to say
    "val_licences": (16, 12, {2021: (5, 4), 2022: (6, 5), 2023: (5, 5)}),
}


def _table() -> pd.DataFrame:
    rows = []
    for kpi_id, (value, target, years) in CASES.items():
        direction = get_kpi(kpi_id).direction
        for period, (v, t) in [(PERIOD, (value, target)), *((str(y), vt) for y, vt in years.items())]:
            rows.append({"kpi_id": kpi_id, "period": period, "value": float(v), "target": float(t),
                         "status": status_of(v, t, direction), "unit": get_kpi(kpi_id).unit})
    return pd.DataFrame(rows)


def _issues(table: pd.DataFrame):
    targets = {(r.kpi_id, r.period): r.target for r in table.itertuples()}
    facts = {k: _facts(k) for k in CASES}
    return [i for i in review_targets(targets, facts) if i.code == INCONSISTENT]


def _facts(kpi_id):
    from partnership_metrics.reporting.targets_review import KpiFacts

    kpi = get_kpi(kpi_id)
    return KpiFacts(kpi.unit, kpi.direction, kpi.additive)


def test_the_status_against_the_yearly_targets_is_found_where_it_changes():
    table = _table()
    found = yearly_verdicts(table, _issues(table), PERIOD)
    assert set(found) == {"trn_events", "val_startups_created", "syn_joint_event_share"}
    assert (found["trn_events"].status, found["trn_events"].total) == ("met", 32.0)
    assert (found["val_startups_created"].status, found["val_startups_created"].total) == ("missed", 7.0)
    assert found["syn_joint_event_share"].short_years == (2022, 2023)
    assert found["syn_joint_event_share"].status == "missed"
    assert yearly_verdicts(table, _issues(table), "2022") == {}  # a year has no yearly targets to compare with


def test_the_reversed_verdicts_are_said_in_the_key_messages_and_beside_the_kpi():
    table = _table()
    found = yearly_verdicts(table, _issues(table), PERIOD)
    events = found["trn_events"]
    assert verdict_clause(events, 33, "count", "en") == "met against the sum of the yearly targets (33 for 32)"
    assert verdict_clause(found["syn_joint_event_share"], 0.485, "share", "fr") == (
        "cible annuelle non atteinte en 2022 et 2023")
    reversed_ = {k: (v.status == "met", verdict_detail(v, CASES[k][0], get_kpi(k).unit, "en"))
                 for k, v in found.items()}
    values = {k: (value, None, target) for k, (value, target, _) in CASES.items()}
    messages = key_messages(kpi_frame(values, lang="en"), "en", baseline=BASELINE,
                            context=MessageContext(reversed_by_years=reversed_))
    first = messages[0]
    assert ("⚑ For 3 indicators, the verdict reverses against the sum of the yearly targets, which their period "
            "target contradicts: ") in first
    assert "met: Events held (33 for 32); not met: " in first
    assert "Start-ups created (5 for 7)" in first and "(yearly target missed in 2022 and 2023)" in first
    assert "Licences" not in first  # met against either set of targets
    [events] = [m for m in messages if m.startswith("Events held: 33 against a target of 43.")]
    assert "⚑ Met against the sum of the yearly targets (33 for 32)." in events  # missed for the period only


def test_a_comment_is_shown_with_what_the_data_say_and_a_blamed_year_that_met_its_target():
    table = _table()
    comment = Comment("Sessions regroupées en 2023", None, None, None)
    check = blamed_year_met("trn_events", comment, table, [2021, 2022, 2023], "en")
    assert check == "Yet the data show 2023 met its target (12 for 12)."
    assert blamed_year_met("val_startups_created", Comment("Peu de créations en 2021", None, None, None), table,
                           [2021, 2022, 2023], "en") is None  # 2021 did miss its target
    for blaming_no_year in ("Retard pris en 2021, rattrapé en 2022 et 2023", "Objectif de la convention 2021-2023"):
        assert blamed_year_met("trn_events", Comment(blaming_no_year, None, None, None), table,
                               [2021, 2022, 2023], "en") is None
    context = MessageContext(comments={"trn_events": comment}, checks={"trn_events": check},
                             drivers={"trn_events": ["the gap comes mostly from 2022"]})
    assert why("trn_events", "en", context) == (
        "The partners say: Sessions regroupées en 2023. Yet the data show 2023 met its target (12 for 12). "
        "The data show: the gap comes mostly from 2022.")


def test_a_share_missed_over_the_period_while_every_year_met_its_target_says_so():
    values = {"syn_joint_event_share": (0.40, None, 0.50)}
    messages = key_messages(kpi_frame(values, lang="en"), "en", baseline=BASELINE,
                            context=MessageContext(reversed_by_years={"syn_joint_event_share": (True, "")}))
    assert "met: Share of joint events" in messages[0]
    [missed] = [m for m in messages if m.startswith("Share of joint events: 40.0% against a target of 50.0%.")]
    assert "⚑ Yet every yearly target is met." in missed

