"""The drawn partnership: realistic magnitudes, the partnership's years and funders, joint work rising with it."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from partnership_metrics import schemas
from partnership_metrics.partnership import default_partnership
from partnership_metrics.sample.model import Calendar, funder_roles, partner_names

YEARS = range(2018, 2024)
BASELINE, PARTNERSHIP = range(2018, 2021), range(2021, 2024)


def years(series) -> Counter:
    return Counter(int(y) for y in series.dt.year.dropna())


def test_calendar_of_the_packaged_partnership():
    cal = Calendar.of(default_partnership())
    assert cal.years == tuple(YEARS) and cal.backlog == (2016, 2017)
    assert (cal.start, cal.end) == (2021, dt.date(2023, 12, 31))
    assert cal.era(2020) == "baseline" and cal.era(2021) == "partnership"
    assert cal.target_periods == ("2021", "2022", "2023", "2021-2023")
    assert cal.reference_periods == ("2018", "2019", "2020", "2021", "2022", "2023", "2018-2020", "2021-2023")
    assert cal.frozen_time == dt.datetime(2024, 1, 15, 9, 0)


def test_calendar_of_a_one_year_period():
    cal = Calendar(first=2020, start=2022, last=2022, baseline="2020-2021", period="2022")
    assert cal.target_periods == ("2022",)
    assert cal.reference_periods == ("2020", "2021", "2022", "2020-2021")


def test_funder_roles_of_the_packaged_partnership_are_the_identity():
    roles = funder_roles(default_partnership())
    codes = schemas.TABLES["funding"].column("funder").codes
    assert {c: roles[c] for c in codes} == {c: c for c in codes}
    assert (roles["cpp"], roles["it"]) == ("canceropole_paca", "inserm_transfert")


def test_funder_roles_swap_the_partners_of_another_partnership(second_partnership):
    roles = funder_roles(second_partnership)
    codes = schemas.TABLES["funding"].column("funder").codes
    assert sorted(roles[c] for c in codes) == sorted(codes)  # a permutation: every funder keeps one role
    assert (roles["cpp"], roles["it"]) == ("region_sud", "satt_sud_est")
    assert roles["region_sud"] == "canceropole_paca" and roles["satt_sud_est"] == "inserm_transfert"
    assert roles["anr"] == "anr"


def test_partner_names():
    names = partner_names(default_partnership())
    assert (names["cpp"], names["it"], names["cpp_short"], names["it_short"]) == (
        "CPP", "IT", "CanceroPôle PACA", "Inserm Transfert")
    assert names["cpp_name"] == "CanceroPôle Provence-Alpes-Côte d'Azur"  # typed: straight apostrophe
    assert (names["cpp_the"], names["cpp_the_familiar"], names["cpp_of_familiar"]) == (
        "le CanceroPôle PACA", "le CanceroPôle", "du CanceroPôle")
    assert names["it_the"] == "Inserm Transfert"


def test_magnitudes_per_year(expected):
    p, f = expected["projects"], expected["funding"]
    for column, lo, hi in (("detection_date", 25, 40), ("disclosure_date", 15, 20), ("priority_filing_date", 6, 10),
                           ("maturation_start_date", 4, 6), ("licence_date", 4, 6)):
        counts = years(p[column])
        for y in YEARS:
            assert lo <= counts[y] <= hi, (column, y, counts[y])
    maturation = f[f["instrument"] == "maturation"]
    assert maturation["amount_eur"].between(80_000, 300_000).all()
    startups = years(expected["startups"]["creation_date"])
    assert all(1 <= startups[y] <= 3 for y in YEARS)
    assert 9 <= sum(startups[y] for y in YEARS) <= 15
    assert set(expected["startup_rounds"]["startup_id"]) == set(expected["startups"]["startup_id"])
    events = expected["events"]
    assert all(6 <= years(events["event_date"])[y] <= 12 for y in YEARS)
    assert events["attendees"].between(10, 120).all()
    listed = expected["event_attendance"].groupby("event_id").size()
    assert (events.set_index("event_id").loc[listed.index, "attendees"] == listed).all()
    assert len(listed) >= 0.6 * len(events)
    eu = expected["eu_proposals"]
    assert all(6 <= years(eu["submission_date"])[y] <= 15 for y in YEARS)
    assert eu["call_id"].str.contains(r"^HORIZON-MISS-202\d-CANCER-0\d-0\d$").any()
    funders = set(f["funder"].astype(str))
    assert {"inserm_transfert", "canceropole_paca", "region_sud", "bpifrance", "anr", "inca", "satt_sud_est",
            "private", "eu"} <= funders
    assert f["project_id"].isna().any()  # funding not tied to one project


def test_rows_lie_in_the_partnerships_years(written):
    first, last = Calendar.of(written.partnership).first, written.partnership.last_year
    backlog = first - 2
    t = written.expected
    assert min(years(t["projects"]["detection_date"])) == backlog
    for table, column in (("funding", "decision_date"), ("events", "event_date"), ("eu_proposals", "submission_date"),
                          ("startups", "creation_date"), ("startup_rounds", "round_date")):
        seen = years(t[table][column])
        assert first <= min(seen) and max(seen) <= last, (table, sorted(seen))
    assert set(years(t["events"]["event_date"])) == set(range(first, last + 1))


def test_eu_success_rate_over_six_years(expected):
    status = Counter(expected["eu_proposals"]["status"].astype(str))
    rate = status["funded"] / (status["funded"] + status["not_funded"])
    assert 0.10 <= rate <= 0.25
    assert status["pending"] and status["withdrawn"]


def _share(frame, date_col, col, value, period) -> float:
    rows = frame[frame[date_col].dt.year.isin(period)]
    return float((rows[col].astype(str) == value).mean())


@pytest.mark.parametrize("which", ["packaged", "second"])
def test_joint_work_rises_with_the_partnership(which, request):
    w = request.getfixturevalue(which)
    cal = Calendar.of(w.partnership)
    baseline, period = range(cal.first, cal.start), range(cal.start, cal.last + 1)
    p, e = w.expected["projects"], w.expected["events"]
    for frame, date_col, col, value in ((p, "detection_date", "sourcing_channel", "joint"),
                                        (p, "detection_date", "supported_by", "both"),
                                        (e, "event_date", "organiser", "joint")):
        before = _share(frame, date_col, col, value, baseline)
        after = _share(frame, date_col, col, value, period)
        assert after > before + 0.1, (which, col, before, after)
    ref = {(r["kpi_id"], r["period"]): r["value"] for r in w.truth["kpi_reference"]}
    assert ref[("syn_co_funded_projects", cal.period)] > ref[("syn_co_funded_projects", cal.baseline)]
    assert ref[("fun_leverage_ratio", cal.period)] > 1
    assert ref[("fun_coordination_gaps", cal.baseline)] > 0
