"""A user's own KPIs from a reviewed file: counts, sums and shares computed like the catalogue's."""

from __future__ import annotations

import pytest

from partnership_metrics.errors import FatalInputError
from partnership_metrics.kpis.custom import read_custom_kpis

FILE = """
kpis:
  - id: my_funded_erc
    area: eu
    unit: count
    direction: up
    label: {fr: "Projets ERC financés", en: "ERC proposals funded"}
    definition: {fr: "Propositions ERC financées déposées dans l'année.", en: "ERC proposals submitted and funded."}
    count: {table: eu_proposals, date: submission_date, where: {programme: [erc], status: [funded]}}
  - id: my_regional_money
    area: funding
    unit: eur
    direction: up
    label: {fr: "Financements de la Région", en: "Regional funding"}
    definition: {fr: "Somme des financements de la Région.", en: "Sum of the Region's funding."}
    sum: {table: funding, column: amount_eur, date: decision_date, where: {funder: [region_sud]}}
  - id: my_joint_share
    area: synergy
    unit: share
    direction: up
    label: {fr: "Part conjointe", en: "Joint share"}
    definition: {fr: "Part des projets conjoints.", en: "Share of joint projects."}
    share: {table: projects, date: detection_date, where: {sourcing_channel: [joint]}, of: {}}
"""


def test_custom_kpis_on_the_hand_made_partnership(tmp_path, tables):
    path = tmp_path / "custom_kpis.yaml"
    path.write_text(FILE, encoding="utf-8")
    erc, regional, joint = read_custom_kpis(path)
    years = (2021, 2022, 2023)
    proposals = tables["eu_proposals"]
    mask = (proposals["submission_date"].dt.year.isin(years) & (proposals["programme"] == "erc")
            & (proposals["status"] == "funded"))
    assert erc.compute(tables, years).value == int(mask.sum())
    assert erc.additive and erc.tables == ("eu_proposals",)
    funding = tables["funding"]
    lines = funding["decision_date"].dt.year.isin(years) & (funding["funder"] == "region_sud")
    assert regional.compute(tables, years).value == pytest.approx(funding.loc[lines, "amount_eur"].sum())
    projects = tables["projects"]
    detected = projects[projects["detection_date"].dt.year.isin(years)]
    assert joint.compute(tables, years).value == pytest.approx((detected["sourcing_channel"] == "joint").mean())
    assert not joint.additive
    empty = joint.compute(tables, (1990,))
    assert empty.value is None and empty.reason.code == "no_row_in_years"


@pytest.mark.parametrize("old, new, message", [
    ("id: my_funded_erc", "id: val_licences", "KPI 1: id 'val_licences' is not a new identifier"),
    ("programme: [erc]", "programme: [erc_grant]", "KPI 1: eu_proposals.programme has no code erc_grant"),
    ("    unit: eur", "    unit: count", "KPI 2: a sum KPI has the unit eur"),
    ("column: amount_eur", "column: instrument", "KPI 2: column must be an amount column of funding"),
])
def test_a_mistake_is_one_line_naming_the_kpi(tmp_path, old, new, message):
    path = tmp_path / "custom_kpis.yaml"
    path.write_text(FILE.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(FatalInputError, match=message):
        read_custom_kpis(path)
