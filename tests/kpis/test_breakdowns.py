"""Breakdowns (``by=``), the partner view (``partner=``), derived targets of custom periods, the reason of every
status and the movers from one year to the next, on the bundled sample and the hand-made tables."""

from __future__ import annotations

import json
import math

import pytest

import partnership_metrics as pm
from partnership_metrics import paths
from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.report import build_report
from partnership_metrics.kpis import KpiError, catalogue, kpi_table, read_targets
from partnership_metrics.kpis.breakdowns import DIMENSIONS, breakable, why_not
from partnership_metrics.kpis.engine import movers
from partnership_metrics.kpis.explain import explain
from partnership_metrics.storage import build_manifest, write_processed
from partnership_metrics.ui_strings import institution_label

ADDITIVE = [k for k in catalogue() if k.additive]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("breakdowns") / "processed"
    result = ingest(paths.SAMPLE_RAW_DIR)
    write_processed(result, out, manifest=build_manifest(result, paths.SAMPLE_RAW_DIR, {}), report=build_report(result))
    return pm.load(out)


def value(table, kpi_id, period, **where):
    selected = table[(table["kpi_id"] == kpi_id) & (table["period"] == period)]
    for column, wanted in where.items():
        selected = selected[selected[column] == wanted]
    assert len(selected) == 1, (kpi_id, period, where)
    return selected.iloc[0]


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_the_groups_of_counts_and_sums_add_up_to_the_whole(demo, dimension):
    whole = kpi_table(demo, contributors=False)
    groups = kpi_table(demo, by=dimension, contributors=False)
    assert list(groups.columns[:5]) == ["kpi_id", "period", "by", "group", "value"]
    checked = 0
    for kpi in ADDITIVE:
        if not breakable(kpi, dimension):
            continue
        for period in ("2021", "2022", "2023", "2021-2023"):
            parts = groups[(groups["kpi_id"] == kpi.id) & (groups["period"] == period)]
            assert parts["value"].sum() == pytest.approx(value(whole, kpi.id, period)["value"]), (kpi.id, period)
            checked += 1
    assert checked >= 4


def test_a_share_by_group_is_the_share_within_the_group(demo):
    groups = kpi_table(demo, by="programme", contributors=False)
    for row in groups[(groups["kpi_id"] == "eu_success_rate") & (groups["period"] == "2021-2023")].itertuples():
        proposals = demo["eu_proposals"]
        mine = proposals[(proposals["programme"] == row.group) & (proposals["submission_date"].dt.year
                                                                   .between(2021, 2023))]
        decided = mine["status"].isin(["funded", "not_funded"]).sum()
        expected = (mine["status"] == "funded").sum() / decided if decided else math.nan
        assert (math.isnan(expected) and math.isnan(row.value)) or row.value == pytest.approx(expected), row.group


def test_a_kpi_that_cannot_be_broken_down_says_so(demo):
    table = kpi_table(demo, by="lead_institution", lang="en", contributors=False)
    rows = table[table["kpi_id"] == "trn_events"]
    assert len(rows) == 4 and rows["value"].isna().all() and rows["group"].isna().all()
    assert set(rows["reason_code"]) == {"no_breakdown"}
    assert rows.iloc[0]["reason"] == "cannot be broken down by lead institution: the events table has no such dimension"
    engaged = value(table, "syn_institutions_engaged", "2021")
    assert engaged["reason"].endswith("the indicator counts the groups themselves")
    assert why_not(next(k for k in catalogue() if k.id == "syn_co_funded_projects"), "funder")
    with pytest.raises(KpiError, match="unknown dimension"):
        kpi_table(demo, by="colour")


def test_the_partner_views_follow_one_rule_per_table(demo):
    whole = kpi_table(demo, contributors=False)
    views = {p: kpi_table(demo, partner=p, contributors=False) for p in ("cpp", "it", "joint")}
    assert list(views["cpp"].columns[:3]) == ["kpi_id", "period", "partner"]
    # a project, an event, a proposal is the partner's, the other's or both: cpp + it - joint = all of them
    for kpi_id in ("val_projects_detected", "trn_events", "trn_attendees", "eu_proposals_submitted", "val_licences",
                   "val_startups_created", "syn_co_funded_projects"):
        for period in ("2021", "2021-2023"):
            total = value(whole, kpi_id, period)["value"]
            cpp, it, joint = (value(views[p], kpi_id, period)["value"] for p in ("cpp", "it", "joint"))
            assert cpp + it - joint == pytest.approx(total), (kpi_id, period)
    # consistent: every KPI of a view is computed on the same rows (a co-funded project of cpp is one it supports)
    rows = explain("syn_co_funded_projects", demo, "2021-2023", partner="cpp")
    supported = demo["projects"].set_index("project_id")["supported_by"]
    assert set(supported[rows["group"].unique()]) <= {"cpp", "both"}
    # the partnership's targets are not a partner's
    assert views["cpp"]["target"].isna().all() and set(views["cpp"]["status"]) == {"no_target"}
    assert "for the CanceroPôle PACA portfolio" in value(kpi_table(demo, partner="cpp", lang="en"),
                                                         "val_projects_detected", "2022")["status_reason"]
    with pytest.raises(KpiError, match="unknown partner"):
        kpi_table(demo, partner="region_sud")


def test_a_custom_period_sums_the_yearly_targets_of_counts_and_sums(demo):
    targets = read_targets(demo)
    table = kpi_table(demo, period="2022-2023", lang="en", contributors=False)
    derived = table[table["target_derived"]]
    assert set(derived["period"]) == {"2022-2023"} and len(derived) >= 10
    for row in derived.itertuples():
        assert row.target == pytest.approx(targets[(row.kpi_id, "2022")] + targets[(row.kpi_id, "2023")])
        assert row.status in ("met", "close", "missed")
        assert "target = sum of the yearly targets 2022, 2023" in row.status_reason
    share = value(table, "eu_success_rate", "2022-2023")
    assert math.isnan(share["target"]) and share["status"] == "no_target" and not share["target_derived"]
    assert "yearly targets only" in share["status_reason"]
    # the agreed target of the partnership's period is used as agreed, not summed
    agreed = value(kpi_table(demo, contributors=False), "val_projects_detected", "2021-2023")
    assert agreed["target"] == targets[("val_projects_detected", "2021-2023")] and not agreed["target_derived"]


def test_every_status_has_a_reason_with_the_gap_and_the_contributors(demo):
    table = kpi_table(demo, lang="en")
    assert table["status_reason"].notna().all() and (table["status_reason"].str.len() > 10).all()
    r = value(table, "val_projects_detected", "2023")
    assert r["status"] == "close" and r["gap"] == r["value"] - r["target"] == -3
    assert r["gap_pct"] == pytest.approx(-3 / 38)
    assert r["status_reason"].startswith("close to the target: 35 for a target of 38 (-3, -7.9%)")
    moved = json.loads(r["contributors"])
    assert {m["against"] for m in moved} == {"previous", "baseline"}
    assert {m["by"] for m in moved} == {"lead_institution"}
    # the contributors are the groups of the breakdown whose change is the largest, in the direction of the change
    groups = kpi_table(demo, by="lead_institution", contributors=False)
    per_group = {g: value(groups, "val_projects_detected", "2023", group=g)["value"]
                 - value(groups, "val_projects_detected", "2022", group=g)["value"]
                 for g in groups.loc[groups["kpi_id"] == "val_projects_detected", "group"].unique()}
    previous = [m for m in moved if m["against"] == "previous"]
    assert previous[0]["change"] == min(per_group.values()) < 0  # 2023 fell against 2022: the largest fall first
    name = institution_label(previous[0]["group"], "en")  # the institution's name, not its code
    assert f"mostly {name} ({previous[0]['change']:+.0f})" in r["status_reason"]
    french = value(kpi_table(demo, lang="fr"), "val_projects_detected", "2023")["status_reason"]
    assert french.startswith("proche de la cible\u00a0: 35 pour une cible de 38")
    missing = value(kpi_table(demo, lang="en"), "trn_satisfaction", "2023")
    assert missing["status_reason"]  # a status without a value still says why


def test_the_movers_from_one_year_to_the_next(demo):
    found = movers(demo, 2022, 2023, lang="en")
    assert len(found) == len(catalogue())
    years = kpi_table(demo, period="2022-2023", contributors=False)
    for row in found.itertuples():
        assert row.after == pytest.approx(value(years, row.kpi_id, "2023")["value"], nan_ok=True)
        assert row.before == pytest.approx(value(years, row.kpi_id, "2022")["value"], nan_ok=True)
    moves = found["pct_change"].abs().dropna().tolist()
    assert moves[:5] == sorted(moves, reverse=True)[:5]
    top = found.iloc[0]
    assert top["improved"] == ((top["after"] - top["before"]) * (1 if top["direction"] == "up" else -1) > 0)
    assert pm.movers(demo, 2022, 2023, lang="en")["kpi_id"].tolist() == found["kpi_id"].tolist()
