"""The sample of another partnership (SATT Sud-Est × Région Sud, 2024-2026 against 2021-2023): its years, its
partners' names, and the packaged partners only as ordinary external funders."""

from __future__ import annotations

import re

import pytest

from partnership_metrics import sample
from partnership_metrics.errors import FatalInputError
from partnership_metrics.partnership import read_partnership

from .conftest import SECOND_CONFIG
from .sheets import column_cells

PACKAGED_PARTNERS = re.compile(r"Cancéro?pôle|CanceroPôle|Inserm Transfert|\bCPP\b|\bIT\b", re.IGNORECASE)


def test_the_second_config_is_read(second_partnership):
    p = second_partnership
    assert [(x.code, x.funder, x.abbreviation) for x in p.partners] == [("cpp", "region_sud", "RS"),
                                                                         ("it", "satt_sud_est", "SATT")]
    assert (p.period, p.baseline, str(p.signed)) == ("2024-2026", "2021-2023", "2023-11-20")
    assert p.funder_group_of("canceropole_paca").id == p.funder_group_of("inserm_transfert").id == "health_research"


def test_files_cover_the_partnerships_years(second):
    files = second.summary["files"]
    assert {"RS_suivi_valorisation_2021-2026.xlsx", "Formations_evenements_2021-2026.xlsx",
            "Objectifs_partenariat_2024-2026.ods", "EU_proposals_and_startups.xlsx"} <= set(files)
    assert {f"SATT_detections_projets_{y}.csv" for y in range(2019, 2027)} <= set(files)  # with the backlog
    assert {f"SATT_decisions_financement_{y}.csv" for y in range(2021, 2027)} <= set(files)
    assert not any(name.startswith(("CPP", "IT_")) or "2018" in name for name in files)


def test_titles_name_the_second_partnerships_partners(second):
    cells = second.cells
    titles = {key: rows[0][0] for key, rows in cells.items()}
    assert titles[("RS_suivi_valorisation_2021-2026.xlsx", "Projets")] == (
        "Région Sud Provence-Alpes-Côte d'Azur — Suivi des projets de valorisation")
    assert cells[("RS_suivi_valorisation_2021-2026.xlsx", "Projets")][1][0].startswith("Mise à jour : 15/01/2027")
    assert titles[("RS_suivi_valorisation_2021-2026.xlsx", "Financements")] == "Financements accordés par la Région Sud"
    assert titles[("Formations_evenements_2021-2026.xlsx", "Événements")].endswith("Région Sud / SATT Sud-Est")
    assert titles[("Objectifs_partenariat_2024-2026.ods", "Objectifs")] == (
        "Objectifs chiffrés de la convention Région Sud – SATT Sud-Est (20/11/2023)")


def test_partner_columns_name_the_second_partners_only(second):
    truth, cells = second.truth, second.cells
    for column in ("supported_by", "organiser", "sourcing_channel"):
        written = set(column_cells(cells, truth, column))
        assert written and not any(PACKAGED_PARTNERS.search(str(v)) for v in written), (column, written)
    assert {"RS", "SATT", "RS + SATT"} <= set(column_cells(cells, truth, "supported_by"))
    assert {"Appel à projets RS", "Détection SATT", "Conjointe RS/SATT"} <= set(
        column_cells(cells, truth, "sourcing_channel"))
    assert {"Région Sud", "RS", "SATT Sud-Est", "SATT"} <= set(column_cells(cells, truth, "funder"))


def test_packaged_partners_appear_only_as_external_funders(second):
    truth, cells = second.truth, second.cells
    funder_cells = set(column_cells(cells, truth, "funder"))
    mentions = {v for rows in cells.values() for r in rows for v in r
                if isinstance(v, str) and PACKAGED_PARTNERS.search(v)}
    assert mentions == {"CanceroPôle PACA", "Inserm Transfert"} and mentions <= funder_cells
    funding = second.expected["funding"]
    partner_lines = funding[funding["funder"].isin(["region_sud", "satt_sud_est"])]
    external = funding[funding["funder"].isin(["canceropole_paca", "inserm_transfert"])]
    assert 0 < len(external) < len(partner_lines)
    assert not any(PACKAGED_PARTNERS.search(str(i)) for t in ("projects", "funding", "eu_proposals")
                   for i in second.expected[t].iloc[:, 0])  # ids start with RS, SATT, COF or EU


def test_reference_truth_gives_the_partnerships_years(second):
    truth = second.truth
    assert [r["period"] for r in truth["kpi_reference"]][::30] == [
        "2021", "2022", "2023", "2024", "2025", "2026", "2021-2023", "2024-2026"]
    assert {t["period"] for t in truth["targets"]} == {"2024", "2025", "2026", "2024-2026"}
    assert {p["value"] for p in truth["planted"] if p["reason"] == "impossible date"} == {"31/02/2025"}
    negative = next(p for p in truth["planted"] if p["reason"] == "negative amount")
    assert negative["file"] == "SATT_decisions_financement_2025.csv"


def test_the_second_sample_is_deterministic_and_its_own(second, packaged, tmp_path):
    again = sample.write_sample(tmp_path, seed=2020, partnership=second.partnership)
    assert again == second.summary
    assert all((tmp_path / n).read_bytes() == (second.folder / n).read_bytes() for n in again["files"])
    frames = sample.expected_tables(2020, 1, partnership=second.partnership)
    assert all(frames[t].equals(second.expected[t]) for t in frames)
    # the same seed draws the same people, not the same partnership
    assert not set(second.expected["projects"]["project_id"]) & set(packaged.expected["projects"]["project_id"])


def test_a_bad_abbreviation_is_refused(tmp_path):
    text = SECOND_CONFIG.read_text(encoding="utf-8").replace("abbreviation: RS", "abbreviation: R/S")
    (tmp_path / "partnership.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(FatalInputError, match=r"partners\[0\]\.abbreviation"):
        read_partnership(tmp_path / "partnership.yaml")
